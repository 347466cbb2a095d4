import { getHome } from '../../core/portal/get-home';
import { getStatement } from '../../core/portal/get-statement';
import { fixtureFile, TODAY } from '../support/fixture';
import { load, viewerOf } from '../support/load';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/test-database';

/** Every figure below is worked out by hand from test/support/fixture.ts. */
describe.each(DATABASE_KINDS)('Home figures and statement on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await load(db.prisma, fixtureFile());
  });
  afterAll(() => db.close());

  test('Home shows each figure of portal.md for the customer', async () => {
    const home = await getHome({ db: db.prisma, viewer: await viewerOf(db.prisma, 'c1'), today: TODAY });
    // balances: INV-2 300 (part paid, overdue) + INV-3 300 + INV-6 150; INV-1/4/5/9 paid; drafts and voids out
    expect(home.outstandingInvoices).toBe(75000n);
    expect(home.openInvoiceCount).toBe(3);
    expect(home.overdueAmount).toBe(30000n);
    expect(home.overdueCount).toBe(1);
    // CN-00002 unapplied 80 + the 50 overpaid on PMT-00003; CN-00001 fully applied
    expect(home.availableCredits).toBe(13000n);
    expect(home.outstandingRetainers).toBe(10000n);
    // 600 paid on RET-00001 − 250 applied to INV-000009
    expect(home.availableRetainerPayments).toBe(35000n);
    expect(home.lastPayment).toEqual({ number: 'PMT-00005', date: '2026-11-16', amount: 5000n });
    expect(home.orderStatus).toEqual({ fulfilled: 1, confirmed: 1, shipped: 1 });
    expect(home.organization).toEqual({ name: 'Acme Supplies Ltd', email: 'billing@acme.example', phone: '+12125550100', address: '1 Main St, New York, NY 10001' });
  });

  test('the neighbour customer sees only its own figures', async () => {
    const home = await getHome({ db: db.prisma, viewer: await viewerOf(db.prisma, 'c2'), today: TODAY });
    expect(home.outstandingInvoices).toBe(419000n);
    expect(home.availableCredits).toBe(0n);
    expect(home.lastPayment).toEqual({ number: 'PMT-00017', date: '2026-11-16', amount: 1000n });
  });

  test('statement: opening balance, every row with its running balance, closing balance', async () => {
    const viewer = await viewerOf(db.prisma, 'c1');
    const s = await getStatement({ db: db.prisma, viewer, period: { from: '2026-11-01', to: '2026-11-30' } });
    // before Nov: invoices 1000+500+250, payments 1000+200 (the retainer payment stays out), credit 250
    expect(s.opening).toBe(30000n);
    expect(s.rows.map((r) => [r.date, r.type, r.number, r.debit, r.credit, r.balance])).toEqual([
      ['2026-11-01', 'invoice', 'INV-000003', 30000n, 0n, 60000n],
      ['2026-11-02', 'credit_note', 'CN-00002', 0n, 8000n, 52000n],
      ['2026-11-10', 'invoice', 'INV-000005', 40000n, 0n, 92000n],
      ['2026-11-12', 'payment', 'PMT-00003', 0n, 45000n, 47000n],
      ['2026-11-15', 'invoice', 'INV-000006', 20000n, 0n, 67000n],
      ['2026-11-16', 'payment', 'PMT-00005', 0n, 5000n, 62000n],
      ['2026-11-18', 'invoice', 'INV-000009', 25000n, 0n, 87000n],
      ['2026-11-20', 'retainer_applied', 'RET-00001', 0n, 25000n, 62000n],
    ]);
    expect(s.rows.at(-1)!.reference).toBe('INV-000009');
    expect(s.invoiced).toBe(115000n);
    expect(s.received).toBe(83000n);
    expect(s.closing).toBe(62000n);
    expect(s.customer).toEqual({ name: 'Globex Corp', address: '9 Elm Rd, Springfield' });
    expect(s.organization.name).toBe('Acme Supplies Ltd');
    expect(s.currency).toBe('USD');
  });

  test('retainers stay out of the statement until applied', async () => {
    const viewer = await viewerOf(db.prisma, 'c1');
    const march = await getStatement({ db: db.prisma, viewer, period: { from: '2026-03-01', to: '2026-03-31' } });
    // RET-00001 was raised and paid in March: neither the retainer nor its payment is a row
    expect(march.rows).toEqual([]);
    expect(march.opening).toBe(0n);
    expect(march.closing).toBe(0n);
  });

  test('a period with no rows still shows the opening and closing balance', async () => {
    const viewer = await viewerOf(db.prisma, 'c1');
    const s = await getStatement({ db: db.prisma, viewer, period: { from: '2026-10-20', to: '2026-10-31' } });
    expect(s.rows).toEqual([]);
    expect(s.opening).toBe(30000n);
    expect(s.closing).toBe(30000n);
    expect(s.invoiced).toBe(0n);
    expect(s.received).toBe(0n);
  });

  test('the closing balance of a statement up to today equals outstanding less credits', async () => {
    const viewer = await viewerOf(db.prisma, 'c1');
    const s = await getStatement({ db: db.prisma, viewer, period: { from: '2020-01-01', to: TODAY } });
    const home = await getHome({ db: db.prisma, viewer, today: TODAY });
    expect(s.opening).toBe(0n);
    expect(s.closing).toBe(home.outstandingInvoices - home.availableCredits);
  });
});
