import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createChromiumRenderer } from '../../core/documents/chromium-renderer';
import { FONTS_CONFIG, loadDocumentTemplates } from '../../core/documents/document-templates';
import type { DocumentRef } from '../../core/documents/document-ref';
import { renderDocument } from '../../core/documents/render-document';
import type { PdfRenderer } from '../../core/documents/pdf-renderer';
import { dayInWords } from '../../core/dates';
import type { Db } from '../../core/db/open-database';
import { getInvoice } from '../../core/portal/get-invoice';
import { getStatement } from '../../core/portal/get-statement';
import { getPayment } from '../../core/portal/payments';
import { getSalesOrder } from '../../core/portal/sales-orders';
import type { Viewer } from '../../core/portal/viewer';
import { formatMoney } from '../../core/money';
import { TODAY } from '../support/fixture';
import { load, viewerOf } from '../support/load';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/test-database';
import { documentsFixture } from './documents-fixture';
import { pdfFonts, pdfInfo, pdfLines } from './pdf-text';

const NOW = new Date(`${TODAY}T15:00:00Z`);
const usd = (minor: bigint) => formatMoney(minor, 'USD', 'en-US');
const day = (d: string) => dayInWords(d, 'en-US');

let renderer: PdfRenderer;
const templates = loadDocumentTemplates();
beforeAll(() => {
  renderer = createChromiumRenderer({});
});
afterAll(() => renderer.close());

export async function renderFor(db: Db, viewer: Viewer, doc: DocumentRef) {
  const grant = { doc, orgId: viewer.orgId, customerId: viewer.customerId, contactId: viewer.contactId, expiresAt: 9e9 };
  const file = await renderDocument({ db, renderer, templates, grant, now: NOW });
  if (!file) throw new Error(`no document for ${JSON.stringify(doc)}`);
  return { ...file, lines: pdfLines(file.body), info: pdfInfo(file.body) };
}

/** A line of the page holding these words in this order, each whole, with only blanks between. */
function expectLine(lines: string[], ...parts: string[]) {
  const wanted = parts.filter(Boolean).join(' ');
  if (!lines.some((line) => ` ${line} `.includes(` ${wanted} `))) throw new Error(`no line holds "${wanted}" in:\n${lines.join('\n')}`);
}

describe.each(DATABASE_KINDS)('documents as PDFs on %s: every figure on the page is the core\'s', (kind) => {
  let db: TestDatabase;
  let c1: Viewer;
  const id = async (model: 'invoice' | 'salesOrder' | 'payment', number: string) =>
    ((await (db.prisma[model] as unknown as { findFirstOrThrow(q: object): Promise<{ id: number }> }).findFirstOrThrow({ where: { number } })).id);

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await load(db.prisma, documentsFixture());
    c1 = await viewerOf(db.prisma, 'c1');
  });
  afterAll(() => db.close());

  test('invoice: lines, tax, totals, amount paid and balance due', async () => {
    const invoiceId = await id('invoice', 'INV-000010');
    const pdf = await renderFor(db.prisma, c1, { kind: 'invoice', id: invoiceId });
    const invoice = (await getInvoice({ db: db.prisma, viewer: c1, today: TODAY, id: invoiceId }))!;
    expect(pdf.fileName).toBe('INV-000010.pdf');
    expect(pdf.info).toEqual({ pages: 1, title: 'Invoice INV-000010 · Acme Supplies Ltd' });
    const { lines } = pdf;
    expectLine(lines, 'Acme Supplies Ltd', 'INVOICE');
    expectLine(lines, '1 Main St, New York, NY 10001');
    expectLine(lines, 'Globex Corp');
    expectLine(lines, '9 Elm Rd, Springfield');
    expectLine(lines, 'Invoice date', day(invoice.date));
    expectLine(lines, 'Due date', day(invoice.dueDate!));
    expectLine(lines, 'Status', 'Partially paid');
    for (const l of invoice.lines) expectLine(lines, l.item, l.quantity, usd(l.rate), usd(l.amount));
    expectLine(lines, 'Nitrile, size L');
    expectLine(lines, 'Subtotal', usd(invoice.subtotal));
    expectLine(lines, 'Sales tax 8%', usd(invoice.taxes[0].amount));
    expectLine(lines, 'Total', usd(invoice.total));
    expectLine(lines, 'Amount paid', usd(invoice.paid));
    expectLine(lines, 'Balance due', usd(invoice.balance));
    expectLine(lines, day('2026-11-06'), 'Payment PMT-00010', 'ACH', usd(10000n));
    expectLine(lines, 'INV-000010 · Page 1 of 1');
    expect([invoice.subtotal, invoice.paid, invoice.balance]).toEqual([25000n, 10000n, 17000n]);
  });

  test('an invoice paid by credits and retainer money shows each', async () => {
    const pdf = await renderFor(db.prisma, c1, { kind: 'invoice', id: await id('invoice', 'INV-000009') });
    expectLine(pdf.lines, day('2026-11-20'), 'Retainer RET-00001', usd(25000n));
    expectLine(pdf.lines, 'Balance due', usd(0n));
    expectLine(pdf.lines, 'Status', 'Paid');
  });

  test('sales order: lines, total and the invoices it became', async () => {
    const orderId = await id('salesOrder', 'SO-00001');
    const pdf = await renderFor(db.prisma, c1, { kind: 'sales_order', id: orderId });
    const order = (await getSalesOrder({ db: db.prisma, viewer: c1, today: TODAY, id: orderId }))!;
    expect(pdf.fileName).toBe('SO-00001.pdf');
    expectLine(pdf.lines, 'Order date', day(order.date));
    expectLine(pdf.lines, 'Status', 'Fulfilled');
    expectLine(pdf.lines, 'Widget', '1', usd(order.lines[0].rate), usd(order.lines[0].amount));
    expectLine(pdf.lines, 'Order total', usd(order.total));
    expectLine(pdf.lines, 'INV-000001', day('2026-01-10'), 'Paid', usd(100000n), usd(0n));
  });

  test('receipt: amount received, what it paid, and what was kept as credit', async () => {
    const paymentId = await id('payment', 'PMT-00003');
    const pdf = await renderFor(db.prisma, c1, { kind: 'receipt', id: paymentId });
    const payment = (await getPayment({ db: db.prisma, viewer: c1, id: paymentId }))!;
    expect(pdf.fileName).toBe('Receipt-PMT-00003.pdf');
    expectLine(pdf.lines, 'Payment date', day(payment.date));
    expectLine(pdf.lines, 'Payment method', 'Card');
    expectLine(pdf.lines, usd(payment.amount));
    expectLine(pdf.lines, 'Invoice INV-000005', usd(payment.applied[0].amount));
    expectLine(pdf.lines, 'Kept as credit on your account', usd(payment.unapplied));
    expectLine(pdf.lines, 'Total received', usd(payment.amount));
  });

  test('statement: opening balance, each row with its running balance, invoiced, received and closing balance', async () => {
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const pdf = await renderFor(db.prisma, c1, { kind: 'statement', ...period });
    const s = await getStatement({ db: db.prisma, viewer: c1, period });
    expect(pdf.fileName).toBe('Statement-2026-11-01-to-2026-11-30.pdf');
    expectLine(pdf.lines, 'STATEMENT FOR');
    expectLine(pdf.lines, 'OPENING BALANCE', 'INVOICED AMOUNT', 'AMOUNT RECEIVED', 'BALANCE DUE');
    expectLine(pdf.lines, usd(s.opening), usd(s.invoiced), usd(s.received), usd(s.closing));
    expectLine(pdf.lines, 'Nov 1, 2026 – Nov 30, 2026');
    expectLine(pdf.lines, day(period.from), 'Opening balance', usd(s.opening));
    const TYPES = { invoice: 'Invoice', payment: 'Payment', credit_note: 'Credit note', retainer_applied: 'Retainer applied' };
    for (const r of s.rows) {
      const number = r.reference ? `${r.number} to ${r.reference}` : r.number;
      expectLine(pdf.lines, day(r.date), TYPES[r.type], number, r.debit ? usd(r.debit) : '', r.credit ? usd(r.credit) : '', usd(r.balance));
    }
    expectLine(pdf.lines, day(period.to), 'Closing balance', usd(s.invoiced), usd(s.received), usd(s.closing));
    expectLine(pdf.lines, 'Invoiced amount', usd(s.invoiced));
    expectLine(pdf.lines, 'Amount received', usd(s.received));
    expectLine(pdf.lines, 'Balance due', usd(s.closing));
    expect(s.rows).toHaveLength(10);
  });

  test('a statement of 260 rows runs over pages, each with the table header and its page number', async () => {
    const c3 = await viewerOf(db.prisma, 'c3');
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const pdf = await renderFor(db.prisma, c3, { kind: 'statement', ...period });
    const s = await getStatement({ db: db.prisma, viewer: c3, period });
    expect(s.rows.length).toBe(260);
    expect(pdf.info.pages).toBeGreaterThan(4);
    const { pages } = pdf.info;
    expect(pdf.lines.filter((l) => l === 'DATE TRANSACTION DETAILS DEBIT CREDIT BALANCE')).toHaveLength(pages);
    for (let page = 1; page <= pages; page++) expectLine(pdf.lines, `Statement 2026-01-01 to 2026-12-31 · Page ${page} of ${pages}`);
    // The customer's name is text on the page, never markup.
    expectLine(pdf.lines, 'Long Ledger & Sons <Ltd>');
    for (const r of s.rows) {
      expectLine(pdf.lines, day(r.date), r.type === 'invoice' ? 'Invoice' : 'Payment', r.number, r.debit ? usd(r.debit) : '', r.credit ? usd(r.credit) : '', usd(r.balance));
    }
    expectLine(pdf.lines, 'Closing balance', usd(s.invoiced), usd(s.received), usd(s.closing));
    expectLine(pdf.lines, 'Balance due', usd(s.closing));
    expect(s.closing).toBeGreaterThan(0n);
  });

  test('shared documents are served as stored, with their own type', async () => {
    const shared = await db.prisma.sharedDocument.findFirstOrThrow({ where: { customerId: c1.customerId } });
    const file = await renderDocument({ db: db.prisma, renderer, templates, now: NOW,
      grant: { doc: { kind: 'shared', id: shared.id }, orgId: c1.orgId, customerId: c1.customerId, contactId: c1.contactId, expiresAt: 9e9 } });
    expect(file).toEqual({ body: Buffer.from(shared.content), contentType: 'application/pdf', fileName: 'price-list.pdf' });
  });

  test('nothing of another customer, and nothing that is not shown in the portal, renders', async () => {
    const c2 = await viewerOf(db.prisma, 'c2');
    const grantFor = (viewer: Viewer, doc: DocumentRef) => ({ doc, orgId: viewer.orgId, customerId: viewer.customerId, contactId: viewer.contactId, expiresAt: 9e9 });
    const none = async (viewer: Viewer, doc: DocumentRef) =>
      expect(await renderDocument({ db: db.prisma, renderer, templates, now: NOW, grant: grantFor(viewer, doc) })).toBeNull();
    await none(c2, { kind: 'invoice', id: await id('invoice', 'INV-000010') });
    await none(c1, { kind: 'invoice', id: await id('invoice', 'INV-000042') });
    await none(c1, { kind: 'invoice', id: await id('invoice', 'INV-000007') }); // draft
    await none(c1, { kind: 'sales_order', id: await id('salesOrder', 'SO-00003') }); // draft
    await none(c1, { kind: 'receipt', id: await id('payment', 'PMT-00017') });
    await none(c2, { kind: 'shared', id: (await db.prisma.sharedDocument.findFirstOrThrow()).id });
    // A grant whose contact is not (or no longer) the customer's.
    expect(await renderDocument({ db: db.prisma, renderer, templates, now: NOW, grant: { ...grantFor(c1, { kind: 'statement', from: '2026-01-01', to: '2026-12-31' }), contactId: c2.contactId } })).toBeNull();
  });
});

test('a footer label is text, whatever it holds', async () => {
  const label = `INV-"9" } body { display: none } </style><h1>x\\`;
  const page = '<!doctype html><html><head><title>t</title><style>@page { margin: 20mm }</style></head><body><p>Still here</p></body></html>';
  const pdf = await renderer.render(page, { footerLabel: label });
  const lines = pdfLines(pdf);
  expect(lines).toContain('Still here');
  expectLine(lines, `${label} · Page 1 of 1`);
});

test('documents are set in the bundled DejaVu Sans, also on a machine without fonts of its own', async () => {
  const page = `<!doctype html><html><head><title>Fonts</title><style>@page { margin: 20mm }</style></head><body style="font-family: 'DejaVu Sans', sans-serif">`
    + '<p>Acme Supplies Ltd</p><p><b>Balance due $1,234.56</b></p></body></html>';
  const usual = await renderer.render(page, { footerLabel: 'INV-000001' });
  // A fontconfig that knows the bundled folder and nothing of the machine's.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fonts-'));
  const onlyBundled = path.join(dir, 'fonts.conf');
  fs.writeFileSync(onlyBundled, `<?xml version="1.0"?>\n<fontconfig><dir>${path.dirname(FONTS_CONFIG)}</dir><cachedir>${dir}</cachedir></fontconfig>\n`);
  const bare = createChromiumRenderer({ fontsConfig: onlyBundled });
  try {
    const alone = await bare.render(page, { footerLabel: 'INV-000001' });
    for (const pdf of [usual, alone]) {
      expect(pdfFonts(pdf)).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
      expectLine(pdfLines(pdf), 'Acme Supplies Ltd');
      expectLine(pdfLines(pdf), 'Balance due $1,234.56');
      expectLine(pdfLines(pdf), 'INV-000001 · Page 1 of 1');
    }
  } finally {
    await bare.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
