import { getInvoice } from '../../core/portal/get-invoice';
import { listInvoices } from '../../core/portal/list-invoices';
import { getPayment, listPayments } from '../../core/portal/payments';
import { getSalesOrder, listSalesOrders } from '../../core/portal/sales-orders';
import { fixtureFile, TODAY } from '../support/fixture';
import { load, viewerOf } from '../support/load';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(DATABASE_KINDS)('invoices, sales orders and payments on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await load(db.prisma, fixtureFile());
  });
  afterAll(() => db.close());

  const invoices = async (query: Parameters<typeof listInvoices>[0]['query']) => {
    const { invoices: rows } = await listInvoices({ db: db.prisma, viewer: await viewerOf(db.prisma, 'c1'), today: TODAY, query });
    return rows.map((r) => r.number);
  };

  test.each([
    ['all shown, newest first (same day: last created first); drafts, voids and the neighbour left out', {}, ['INV-000009', 'INV-000006', 'INV-000005', 'RET-00002', 'INV-000003', 'INV-000004', 'INV-000002', 'RET-00001', 'INV-000001']],
    ['unpaid: everything with something left to pay', { status: 'unpaid', kind: 'invoice' }, ['INV-000006', 'INV-000003', 'INV-000002']],
    ['overdue: partly paid and past due counts', { status: 'overdue' }, ['INV-000002']],
    ['partially paid', { status: 'partially_paid', kind: 'invoice' }, ['INV-000006', 'INV-000002']],
    ['paid, including the one a credit note offsets', { status: 'paid', kind: 'invoice' }, ['INV-000009', 'INV-000005', 'INV-000004', 'INV-000001']],
    ['retainer invoices', { kind: 'retainer' }, ['RET-00002', 'RET-00001']],
    ['a period', { period: { from: '2026-11-01', to: '2026-11-15' }, kind: 'invoice' }, ['INV-000006', 'INV-000005', 'INV-000003']],
    ['oldest first', { kind: 'invoice', sort: 'date', order: 'asc' }, ['INV-000001', 'INV-000002', 'INV-000004', 'INV-000003', 'INV-000005', 'INV-000006', 'INV-000009']],
    ['by amount, biggest first', { kind: 'invoice', sort: 'amount' }, ['INV-000001', 'INV-000002', 'INV-000005', 'INV-000003', 'INV-000009', 'INV-000004', 'INV-000006']],
    ['unpaid by amount: what is left to pay, not the total ($300 left of $500 ties with $300 of $300; the newer first)', { status: 'unpaid', kind: 'invoice', sort: 'amount' }, ['INV-000003', 'INV-000002', 'INV-000006']],
    ['by amount, smallest first', { kind: 'invoice', sort: 'amount', order: 'asc' }, ['INV-000006', 'INV-000004', 'INV-000009', 'INV-000003', 'INV-000005', 'INV-000002', 'INV-000001']],
    ['by due date, soonest first', { kind: 'invoice', sort: 'due_date' }, ['INV-000001', 'INV-000002', 'INV-000004', 'INV-000003', 'INV-000005', 'INV-000006', 'INV-000009']],
    ['by due date, latest first', { kind: 'invoice', sort: 'due_date', order: 'desc' }, ['INV-000009', 'INV-000006', 'INV-000005', 'INV-000003', 'INV-000004', 'INV-000002', 'INV-000001']],
  ] as const)('%s', async (_name, query, expected) => {
    expect(await invoices(query as never)).toEqual(expected);
  });

  test('an overdue, partly paid invoice shows its balance, not its total', async () => {
    const viewer = await viewerOf(db.prisma, 'c1');
    const { invoices: [inv] } = await listInvoices({ db: db.prisma, viewer, today: TODAY, query: { status: 'overdue' } });
    expect(inv).toMatchObject({ number: 'INV-000002', status: 'overdue', total: 50000n, balance: 30000n });
  });

  test('statuses: credit-note offset is paid, overpaid is paid, partly paid before due is partially paid', async () => {
    const viewer = await viewerOf(db.prisma, 'c1');
    const { invoices: rows } = await listInvoices({ db: db.prisma, viewer, today: TODAY, query: { kind: 'invoice' } });
    const status = Object.fromEntries(rows.map((r) => [r.number, [r.status, r.balance]]));
    expect(status).toEqual({
      'INV-000001': ['paid', 0n], 'INV-000002': ['overdue', 30000n], 'INV-000003': ['unpaid', 30000n], 'INV-000004': ['paid', 0n],
      'INV-000005': ['paid', 0n], 'INV-000006': ['partially_paid', 15000n], 'INV-000009': ['paid', 0n],
    });
  });

  test('one invoice with its lines, payments and credits', async () => {
    const viewer = await viewerOf(db.prisma, 'c1');
    const id = (await db.prisma.invoice.findFirstOrThrow({ where: { number: 'INV-000001' } })).id;
    const inv = await getInvoice({ db: db.prisma, viewer, today: TODAY, id });
    expect(inv).toMatchObject({ number: 'INV-000001', salesOrder: 'SO-00001', total: 100000n, balance: 0n, paid: 100000n, status: 'paid' });
    expect(inv!.lines).toEqual([{ item: 'Widget', description: null, quantity: '1', rate: 100000n, amount: 100000n }]);
    expect(inv!.payments).toEqual([{ number: 'PMT-00001', date: '2026-01-20', mode: 'bank_transfer', amount: 100000n }]);
    const credited = await getInvoice({ db: db.prisma, viewer, today: TODAY, id: (await db.prisma.invoice.findFirstOrThrow({ where: { number: 'INV-000009' } })).id });
    expect(credited!.credits).toEqual([{ number: 'RET-00001', date: '2026-11-20', amount: 25000n, kind: 'retainer' }]);
  });

  test("another customer's invoice, a draft and a void one are nothing", async () => {
    const viewer = await viewerOf(db.prisma, 'c1');
    for (const number of ['INV-000042', 'INV-000007', 'INV-000008']) {
      const id = (await db.prisma.invoice.findFirstOrThrow({ where: { number } })).id;
      expect(await getInvoice({ db: db.prisma, viewer, today: TODAY, id })).toBeNull();
    }
  });

  test('sales orders: visible statuses, open filter, the invoices of a fulfilled order', async () => {
    const viewer = await viewerOf(db.prisma, 'c1');
    const all = await listSalesOrders({ db: db.prisma, viewer });
    expect(all!.orders.map((o) => [o.number, o.status])).toEqual([['SO-00004', 'shipped'], ['SO-00002', 'confirmed'], ['SO-00001', 'fulfilled']]);
    const open = await listSalesOrders({ db: db.prisma, viewer, query: { status: 'open' } });
    expect(open!.orders.map((o) => o.number)).toEqual(['SO-00004', 'SO-00002']);
    const fulfilled = await getSalesOrder({ db: db.prisma, viewer, today: TODAY, id: all!.orders[2].id });
    expect(fulfilled!.invoices.map((i) => [i.number, i.status])).toEqual([['INV-000001', 'paid']]);
  });

  test('sales orders are not shown where the merchant turned them off', async () => {
    const viewer = { ...(await viewerOf(db.prisma, 'c1')), salesOrdersEnabled: false };
    expect(await listSalesOrders({ db: db.prisma, viewer })).toBeNull();
    const id = (await db.prisma.salesOrder.findFirstOrThrow({ where: { number: 'SO-00001' } })).id;
    expect(await getSalesOrder({ db: db.prisma, viewer, today: TODAY, id })).toBeNull();
  });

  test('payments made: all, invoice payments only, sorted by amount', async () => {
    const viewer = await viewerOf(db.prisma, 'c1');
    const numbers = async (query: Parameters<typeof listPayments>[0]['query']) =>
      (await listPayments({ db: db.prisma, viewer, query })).payments.map((p) => p.number);
    expect(await numbers({})).toEqual(['PMT-00005', 'PMT-00003', 'PMT-00002', 'PMT-00004', 'PMT-00001']);
    expect(await numbers({ invoiceOnly: true })).toEqual(['PMT-00005', 'PMT-00003', 'PMT-00002', 'PMT-00001']);
    expect(await numbers({ sort: 'amount' })).toEqual(['PMT-00001', 'PMT-00004', 'PMT-00003', 'PMT-00002', 'PMT-00005']);
    expect(await numbers({ sort: 'amount', order: 'asc' })).toEqual(['PMT-00005', 'PMT-00002', 'PMT-00003', 'PMT-00004', 'PMT-00001']);
    expect(await numbers({ sort: 'date', order: 'asc' })).toEqual(['PMT-00001', 'PMT-00004', 'PMT-00002', 'PMT-00003', 'PMT-00005']);
  });

  test('a receipt shows what the payment paid and what is left as credit; a clearing payment is no credit', async () => {
    const viewer = await viewerOf(db.prisma, 'c1');
    const id = (await db.prisma.payment.findFirstOrThrow({ where: { number: 'PMT-00003' } })).id;
    const receipt = await getPayment({ db: db.prisma, viewer, id });
    expect(receipt).toMatchObject({ amount: 45000n, unapplied: 5000n, mode: 'card' });
    expect(receipt!.applied.map((a) => [a.number, a.amount])).toEqual([['INV-000005', 40000n]]);
    const pending = await db.prisma.payment.create({
      data: { customerId: viewer.customerId, number: 'PMT-ACH-1', date: new Date('2026-11-23T00:00:00Z'), amount: 30000n, unapplied: 30000n, currency: 'USD', mode: 'ach', online: true, state: 'pending' },
    });
    expect(await getPayment({ db: db.prisma, viewer, id: pending.id })).toMatchObject({ state: 'pending', unapplied: 0n, applied: [] });
    await db.prisma.payment.delete({ where: { id: pending.id } });
    const other = (await db.prisma.payment.findFirstOrThrow({ where: { number: 'PMT-00017' } })).id;
    expect(await getPayment({ db: db.prisma, viewer, id: other })).toBeNull();
  });
});
