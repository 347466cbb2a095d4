import crypto from 'node:crypto';
import { z } from 'zod';
import { isValidDay } from '../dates';
import type { DocumentRef } from './document-ref';

/** What a file link lets its holder fetch: one document of one customer, until a moment. */
export interface FileGrant {
  doc: DocumentRef;
  orgId: number;
  customerId: number;
  /** The contact the link was made for: opening it counts as that contact's view. */
  contactId: number;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export const DEFAULT_FILE_TTL_SECONDS = 7 * 24 * 3600;

/** APP_SECRET signs other tokens too: the purpose is part of what is signed. */
const PURPOSE = 'portal.file.v1.';

const id = z.number().int().positive();
const day = z.string().refine(isValidDay);
// Short keys: links travel in SMS.
const wire = z.object({
  d: z.union([
    z.tuple([z.enum(['invoice', 'sales_order', 'receipt', 'shared']), id]),
    z.tuple([z.literal('statement'), day, day]),
  ]),
  o: id,
  c: id,
  p: id,
  e: z.number().int().positive(),
}).strict();

/** base64url(payload) + '.' + base64url(HMAC-SHA256(secret, purpose + payload)). */
export function signFileToken(grant: FileGrant, secret: string): string {
  const { doc } = grant;
  const d = doc.kind === 'statement' ? [doc.kind, doc.from, doc.to] : [doc.kind, doc.id];
  const payload = Buffer.from(JSON.stringify({ d, o: grant.orgId, c: grant.customerId, p: grant.contactId, e: grant.expiresAt })).toString('base64url');
  return `${payload}.${signature(payload, secret)}`;
}

/** The grant a token carries, or null when it is forged, altered, truncated, malformed or expired. */
export function verifyFileToken(token: string, secret: string, now: Date): FileGrant | null {
  if (token.length > 2048) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [payload, given] = parts;
  const expected = Buffer.from(signature(payload, secret));
  const actual = Buffer.from(given);
  // Compare the text, not decoded bytes: base64url decoding forgives a changed last character.
  if (actual.length !== expected.length || !crypto.timingSafeEqual(actual, expected)) return null;
  let parsed: z.infer<typeof wire>;
  try {
    const result = wire.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null;
  }
  if (parsed.e * 1000 <= now.getTime()) return null;
  const doc: DocumentRef = parsed.d[0] === 'statement'
    ? { kind: 'statement', from: parsed.d[1], to: parsed.d[2] }
    : { kind: parsed.d[0], id: parsed.d[1] };
  return { doc, orgId: parsed.o, customerId: parsed.c, contactId: parsed.p, expiresAt: parsed.e };
}

function signature(payload: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(PURPOSE + payload).digest('base64url');
}
