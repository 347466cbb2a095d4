import { listPayments } from '../../core/portal/payments';
import { fixtureFile } from '../support/fixture';
import { load, viewerOf } from '../support/load';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/test-database';
import { ADMIN_KEY, startPaymentsServer, type PaymentsServer } from './payments-harness';

/** The merchant records money received outside the portal: POST /admin/payments with the admin key. */
describe.each(DATABASE_KINDS)('POST /admin/payments on %s', (kind) => {
  let db: TestDatabase;
  let server: PaymentsServer;
  const post = (body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${ADMIN_KEY}` }, url = server.url) =>
    fetch(`${url}/admin/payments`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });
  const balance = async (number: string) => (await db.prisma.invoice.findFirstOrThrow({ where: { number } })).balance;
  const cheque = { org: 'acme', customer: 'c1', amount: '350.00', date: '2026-11-23', mode: 'cheque', reference: 'cheque 1042' };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    server = await startPaymentsServer({ db: db.prisma });
  });
  beforeEach(async () => {
    await db.reset();
    await load(db.prisma, fixtureFile());
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  test('a cheque applied to the invoices named: balances fall, and it appears in the customer\'s Payments Made', async () => {
    const res = await post({ ...cheque, invoices: [{ number: 'INV-000002', amount: '300.00' }, { number: 'INV-000006', amount: '50' }] });
    expect(res.status).toBe(201);
    const { payment } = await res.json();
    expect(payment).toEqual({
      number: expect.stringMatching(/^PMT-[0-9A-Z]{8}$/), date: '2026-11-23', amount: '350.00', currency: 'USD', mode: 'cheque', reference: 'cheque 1042',
      applied: [{ invoice: 'INV-000002', amount: '300.00' }, { invoice: 'INV-000006', amount: '50.00' }], unapplied: '0.00',
    });
    expect([await balance('INV-000002'), await balance('INV-000006')]).toEqual([0n, 10000n]);
    const made = await listPayments({ db: db.prisma, viewer: await viewerOf(db.prisma, 'c1') });
    expect(made.payments[0]).toMatchObject({ number: payment.number, amount: 35000n, mode: 'cheque', online: false, state: 'succeeded', reference: 'cheque 1042' });
  });

  test('without invoices it pays the oldest due first; what is left over, or does not fit a balance, is credit', async () => {
    const oldest = await (await post({ ...cheque, amount: '400', mode: 'bank_transfer', reference: undefined })).json();
    expect(oldest.payment).toMatchObject({ applied: [{ invoice: 'INV-000002', amount: '300.00' }, { invoice: 'INV-000003', amount: '100.00' }], unapplied: '0.00', reference: null });
    const over = await (await post({ ...cheque, amount: '1000.00', mode: 'cash' })).json();
    expect(over.payment).toMatchObject({ applied: [{ invoice: 'INV-000003', amount: '200.00' }, { invoice: 'INV-000006', amount: '150.00' }], unapplied: '650.00' });
    const late = await (await post({ ...cheque, amount: '50.00', invoices: [{ number: 'INV-000003', amount: '50.00' }] })).json();
    expect(late.payment).toMatchObject({ applied: [], unapplied: '50.00' });
    expect(await balance('INV-000003')).toBe(0n);
  });

  test('an Idempotency-Key makes a retried request record nothing new', async () => {
    const headers = { Authorization: `Bearer ${ADMIN_KEY}`, 'Idempotency-Key': 'deposit-2026-11-23-7' };
    const first = await post(cheque, headers);
    const again = await post(cheque, headers);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect((await again.json()).payment.number).toBe((await first.json()).payment.number);
    expect(await db.prisma.payment.count({ where: { reference: 'cheque 1042' } })).toBe(1);
  });

  test('a missing or wrong key is refused (401), and the API is off (503) without ADMIN_API_KEY', async () => {
    const statuses = await Promise.all([
      post(cheque, {}),
      post(cheque, { Authorization: 'Bearer nope' }),
      post(cheque, { Authorization: `Bearer ${ADMIN_KEY}x` }),
      post(cheque, { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_KEY}`).toString('base64')}` }),
    ]);
    expect(statuses.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    const off = await startPaymentsServer({ db: db.prisma, env: { ADMIN_API_KEY: '' } });
    try {
      expect((await post(cheque, undefined, off.url)).status).toBe(503);
    } finally {
      await off.close();
    }
    expect(await db.prisma.payment.count({ where: { reference: 'cheque 1042' } })).toBe(0);
  });

  test.each([
    ['an amount with a comma', { ...cheque, amount: '12,50' }, 400, 'amount: must be a decimal string'],
    ['a zero amount', { ...cheque, amount: '0.00' }, 400, 'amount: must be more than 0'],
    ['a tenth of a cent', { ...cheque, amount: '10.001' }, 400, 'amount: "10.001" is not an amount in USD'],
    ['a day that does not exist', { ...cheque, date: '2026-02-30' }, 400, 'date: must be a date YYYY-MM-DD'],
    ['an unknown mode', { ...cheque, mode: 'bitcoin' }, 400, 'mode:'],
    ['an unknown field', { ...cheque, surprise: true }, 400, 'body: Unrecognized key'],
    ['an unknown customer', { ...cheque, customer: 'c9' }, 404, 'customer: no customer "c9" in organization "acme"'],
    ["another customer's invoice", { ...cheque, invoices: [{ number: 'INV-000042', amount: '10.00' }] }, 400, 'invoices[0].number: no invoice INV-000042 for this customer'],
    ['more applied than paid', { ...cheque, invoices: [{ number: 'INV-000002', amount: '300.00' }, { number: 'INV-000003', amount: '300.00' }] }, 400, 'invoices: the amounts add up to more than the payment'],
  ] as const)('refuses %s with the place named, recording nothing', async (_, body, status, message) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    const answer = await res.json();
    expect([answer.error, ...(answer.issues ?? [])].join('\n')).toContain(message);
    expect(await db.prisma.payment.count({ where: { reference: 'cheque 1042' } })).toBe(0);
  });
});
