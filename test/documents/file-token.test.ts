import { fixedClock } from '../../core/clock';
import { createDocumentLinks, documentLink } from '../../core/documents/document-links';
import { DEFAULT_FILE_TTL_SECONDS, signFileToken, verifyFileToken, type FileGrant } from '../../core/documents/file-token';
import type { Viewer } from '../../core/portal/viewer';

const SECRET = 'x'.repeat(40);
const NOW = new Date('2026-11-24T12:00:00Z');
const grant: FileGrant = { doc: { kind: 'invoice', id: 42 }, orgId: 1, customerId: 7, contactId: 9, expiresAt: NOW.getTime() / 1000 + 3600 };

/** Rewrites the payload half of a token, keeping the signature: what a forger can do. */
function withPayload(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [payload, signature] = token.split('.');
  const data = JSON.parse(Buffer.from(payload, 'base64url').toString());
  change(data);
  return `${Buffer.from(JSON.stringify(data)).toString('base64url')}.${signature}`;
}

describe('file tokens', () => {
  test('a token gives back exactly what it was signed for, for each kind of document', () => {
    for (const doc of [{ kind: 'invoice', id: 42 }, { kind: 'sales_order', id: 3 }, { kind: 'receipt', id: 5 }, { kind: 'shared', id: 8 },
      { kind: 'statement', from: '2026-11-01', to: '2026-11-30' }] as const) {
      expect(verifyFileToken(signFileToken({ ...grant, doc }, SECRET), SECRET, NOW)).toEqual({ ...grant, doc });
    }
  });

  test('forged, altered, truncated, malformed and expired tokens are refused', () => {
    const token = signFileToken(grant, SECRET);
    expect(verifyFileToken(token, 'y'.repeat(40), NOW)).toBeNull();
    expect(verifyFileToken(signFileToken(grant, 'y'.repeat(40)), SECRET, NOW)).toBeNull();
    expect(verifyFileToken(withPayload(token, (p) => { p.c = 8; }), SECRET, NOW)).toBeNull();
    expect(verifyFileToken(withPayload(token, (p) => { p.d = ['invoice', 43]; }), SECRET, NOW)).toBeNull();
    expect(verifyFileToken(withPayload(token, (p) => { p.e = 99999999999; }), SECRET, NOW)).toBeNull();
    for (let cut = 1; cut < token.length; cut += 7) expect(verifyFileToken(token.slice(0, cut), SECRET, NOW)).toBeNull();
    expect(verifyFileToken(token.slice(0, -1), SECRET, NOW)).toBeNull();
    // Every change of the last character, even one base64url decoding would forgive.
    for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') {
      if (c !== token.at(-1)) expect(verifyFileToken(token.slice(0, -1) + c, SECRET, NOW)).toBeNull();
    }
    expect(verifyFileToken(`${token}.x`, SECRET, NOW)).toBeNull();
    expect(verifyFileToken('', SECRET, NOW)).toBeNull();
    expect(verifyFileToken('not a token', SECRET, NOW)).toBeNull();
    expect(verifyFileToken(token, SECRET, new Date((grant.expiresAt + 1) * 1000))).toBeNull();
    expect(verifyFileToken(token, SECRET, new Date(grant.expiresAt * 1000))).toBeNull();
    expect(verifyFileToken(token, SECRET, new Date(grant.expiresAt * 1000 - 1))).not.toBeNull();
  });

  test('a well-signed payload of the wrong shape is still refused', () => {
    const bad = signFileToken({ ...grant, doc: { kind: 'statement', from: '2026-02-30', to: '2026-03-01' } }, SECRET);
    expect(verifyFileToken(bad, SECRET, NOW)).toBeNull();
    expect(verifyFileToken(signFileToken({ ...grant, customerId: 0 }, SECRET), SECRET, NOW)).toBeNull();
  });

  test('links are PUBLIC_BASE_URL/files/<token> and expire after seven days by default', () => {
    const clock = fixedClock('2026-11-24T12:00:00Z');
    const { url } = documentLink({ secret: SECRET, baseUrl: 'https://portal.example.com', clock, payload: { doc: { kind: 'receipt', id: 5 }, orgId: 1, customerId: 7, contactId: 9 } });
    const match = /^https:\/\/portal\.example\.com\/files\/([\w-]+\.[\w-]+)$/.exec(url);
    expect(match).not.toBeNull();
    const back = verifyFileToken(match![1], SECRET, NOW)!;
    expect(back.expiresAt).toBe(NOW.getTime() / 1000 + DEFAULT_FILE_TTL_SECONDS);
    expect(back.doc).toEqual({ kind: 'receipt', id: 5 });

    const viewer = { orgId: 1, customerId: 7, contactId: 9 } as Viewer;
    const links = createDocumentLinks({ secret: SECRET, baseUrl: 'https://portal.example.com', clock, ttlSeconds: 60 });
    const link = links.link({ kind: 'statement', from: '2026-11-01', to: '2026-11-30' }, viewer);
    expect(link.url).toBe(`https://portal.example.com/files/${link.token}`);
    expect(verifyFileToken(link.token, SECRET, NOW)).toEqual({
      doc: { kind: 'statement', from: '2026-11-01', to: '2026-11-30' }, orgId: 1, customerId: 7, contactId: 9, expiresAt: NOW.getTime() / 1000 + 60,
    });
  });
});
