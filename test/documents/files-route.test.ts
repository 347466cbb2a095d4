import { createChromiumRenderer } from '../../core/documents/chromium-renderer';
import { documentLink } from '../../core/documents/document-links';
import type { DocumentRef } from '../../core/documents/document-ref';
import { signFileToken } from '../../core/documents/file-token';
import type { PdfRenderer } from '../../core/documents/pdf-renderer';
import type { Viewer } from '../../core/portal/viewer';
import { TODAY } from '../support/fixture';
import { load, viewerOf } from '../support/load';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { documentsFixture } from './documents-fixture';
import { pdfText } from './pdf-text';
import { SECRET, serveFiles } from './serve-files';

let now = new Date(`${TODAY}T15:00:00Z`);
const clock = () => new Date(now);
let db: TestDatabase;
let renderer: PdfRenderer;
let server: Awaited<ReturnType<typeof serveFiles>>;
let c1: Viewer;
let c2: Viewer;

beforeAll(async () => {
  db = await openTestDatabase('pglite');
  await load(db.prisma, documentsFixture());
  c1 = await viewerOf(db.prisma, 'c1');
  c2 = await viewerOf(db.prisma, 'c2');
  renderer = createChromiumRenderer({});
  server = await serveFiles({ db: db.prisma, renderer, clock });
});
afterAll(async () => {
  await server.close();
  await renderer.close();
  await db.close();
});
afterEach(() => {
  now = new Date(`${TODAY}T15:00:00Z`);
});

const idOf = async (number: string) => (await db.prisma.invoice.findFirstOrThrow({ where: { number } })).id;
const linkFor = (viewer: Viewer, doc: DocumentRef) =>
  documentLink({ secret: SECRET, baseUrl: server.url, clock, payload: { doc, orgId: viewer.orgId, customerId: viewer.customerId, contactId: viewer.contactId } }).url;
const tokenOf = (link: string) => link.split('/files/')[1];

async function expectNotFound(path: string) {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status).toBe(404);
  // The same few words whatever the reason: nothing about the document or the customer.
  expect(await res.text()).toBe('Not found');
  expect(res.headers.get('cache-control')).toBe('private, no-store');
}

test('a link serves the customer\'s invoice as an inline PDF with today\'s figures, and counts as a view', async () => {
  const id = await idOf('INV-000010');
  const res = await fetch(linkFor(c1, { kind: 'invoice', id }));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toBe(`inline; filename="INV-000010.pdf"; filename*=UTF-8''INV-000010.pdf`);
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  const body = Buffer.from(await res.arrayBuffer());
  expect(body.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfText(body)).toMatch(/Balance due\s+\$170\.00/);
  expect(await db.prisma.firstView.count({ where: { customerId: c1.customerId, docType: 'invoice', docId: id } })).toBe(1);
  expect(await db.prisma.event.count({ where: { type: 'invoice.first_viewed', customerId: c1.customerId } })).toBe(1);
});

test('a statement link renders that period for that customer', async () => {
  const res = await fetch(linkFor(c1, { kind: 'statement', from: '2026-11-01', to: '2026-11-30' }));
  expect(res.status).toBe(200);
  const text = pdfText(Buffer.from(await res.arrayBuffer()));
  expect(text).toContain('Globex Corp');
  expect(text).not.toContain('Initech');
  expect(text).toMatch(/Balance due\s+\$790\.00/);
});

test('a shared document is served as stored, with its own type', async () => {
  const shared = await db.prisma.sharedDocument.findFirstOrThrow({ where: { customerId: c1.customerId } });
  const res = await fetch(linkFor(c1, { kind: 'shared', id: shared.id }));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(shared.contentType);
  expect(res.headers.get('content-disposition')).toContain('filename="price-list.pdf"');
  expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(shared.content))).toBe(true);
});

test('forged, altered, truncated, expired and garbage tokens all get the same 404', async () => {
  const link = linkFor(c1, { kind: 'invoice', id: await idOf('INV-000010') });
  const token = tokenOf(link);
  const [payload, signature] = token.split('.');
  // Signed with another secret.
  const forged = signFileToken({ doc: { kind: 'invoice', id: await idOf('INV-000010') }, orgId: c1.orgId, customerId: c1.customerId, contactId: c1.contactId, expiresAt: 9e9 }, 'z'.repeat(40));
  await expectNotFound(`/files/${forged}`);
  // Customer A's token with its payload rewritten to customer B and B's invoice: the signature no longer fits.
  const data = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const toB = { ...data, c: c2.customerId, p: c2.contactId, d: ['invoice', await idOf('INV-000042')] };
  await expectNotFound(`/files/${Buffer.from(JSON.stringify(toB)).toString('base64url')}.${signature}`);
  await expectNotFound(`/files/${token.slice(0, -1)}`);
  await expectNotFound(`/files/${token.slice(0, token.length / 2)}`);
  await expectNotFound(`/files/${payload}`);
  await expectNotFound('/files/nonsense');
  await expectNotFound(`/files/${'a'.repeat(3000)}`);
  now = new Date(now.getTime() + 8 * 24 * 3600 * 1000);
  await expectNotFound(`/files/${token}`);
});

test('a genuine token of customer A never yields customer B\'s data', async () => {
  // Made by our own signer for A, naming B's invoice, B's shared file or B's receipt: A's scope finds nothing.
  await expectNotFound(`/files/${tokenOf(linkFor(c1, { kind: 'invoice', id: await idOf('INV-000042') }))}`);
  const b = await db.prisma.payment.findFirstOrThrow({ where: { number: 'PMT-00017' } });
  await expectNotFound(`/files/${tokenOf(linkFor(c1, { kind: 'receipt', id: b.id }))}`);
  // A's contact with B's customer id: the contact is not B's.
  await expectNotFound(`/files/${tokenOf(linkFor({ ...c1, customerId: c2.customerId }, { kind: 'statement', from: '2026-01-01', to: '2026-12-31' }))}`);
  // And B's own genuine link works only for B's invoice.
  const res = await fetch(linkFor(c2, { kind: 'invoice', id: await idOf('INV-000042') }));
  expect(res.status).toBe(200);
  expect(pdfText(Buffer.from(await res.arrayBuffer()))).toContain('Initech LLC');
});

test('a document the customer can no longer see answers as a bad link does', async () => {
  const link = linkFor(c1, { kind: 'invoice', id: await idOf('INV-000003') });
  expect((await fetch(link)).status).toBe(200);
  await db.prisma.invoice.update({ where: { id: await idOf('INV-000003') }, data: { state: 'void' } });
  await expectNotFound(`/files/${tokenOf(link)}`);
});
