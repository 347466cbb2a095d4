import { createMerchantKey, revokeMerchantKey } from '../../core/merchant/merchant-keys';
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

  test('a missing, wrong or revoked key is refused (401) with the same answer; without ADMIN_API_KEY only merchant keys open it', async () => {
    const { key, prefix } = await createMerchantKey(db.prisma, { org: 'acme' });
    await revokeMerchantKey(db.prisma, prefix);
    const refused = await Promise.all([
      post(cheque, {}),
      post(cheque, { Authorization: 'Bearer nope' }),
      post(cheque, { Authorization: `Bearer ${ADMIN_KEY}x` }),
      post(cheque, { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_KEY}`).toString('base64')}` }),
      post(cheque, { Authorization: `Bearer ${key}` }),
      post(cheque, { Authorization: `Bearer ${key.slice(0, -1)}A` }),
    ]);
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(new Set(await Promise.all(refused.map((r) => r.text()))).size).toBe(1);
    const operatorless = await startPaymentsServer({ db: db.prisma, env: { ADMIN_API_KEY: '' } });
    try {
      expect((await post(cheque, undefined, operatorless.url)).status).toBe(401);
      const fresh = await createMerchantKey(db.prisma, { org: 'acme' });
      expect((await post(cheque, { Authorization: `Bearer ${fresh.key}` }, operatorless.url)).status).toBe(201);
    } finally {
      await operatorless.close();
    }
  });

  test("a merchant key records for its own organization only; another organization's customers stay out of reach", async () => {
    await load(db.prisma, {
      organization: { ...fixtureFile().organization, key: 'other', name: 'Other Supplies' },
      customers: [{ key: 'c1', name: 'Other Customer', currency: 'USD', contacts: [{ name: 'Olive', email: 'olive@other.example', primary: true }] }],
    });
    const acme = await createMerchantKey(db.prisma, { org: 'acme', label: 'books sync' });
    const other = await createMerchantKey(db.prisma, { org: 'other' });
    expect(acme.webhookSecret).toMatch(/^whsec_/);
    expect((await createMerchantKey(db.prisma, { org: 'acme' })).webhookSecret).toBe(acme.webhookSecret);
    const { org: _org, ...withoutOrg } = cheque;
    expect((await post(withoutOrg, { Authorization: `Bearer ${acme.key}` })).status).toBe(201);
    const crossed = await post(cheque, { Authorization: `Bearer ${other.key}` });
    expect(crossed.status).toBe(403);
    expect((await crossed.json()).error).toBe('org: this key acts for organization "other" only');
    expect((await post({ ...cheque, org: 'other' }, { Authorization: `Bearer ${acme.key}` })).status).toBe(403);
    expect((await post(withoutOrg)).status).toBe(400);
    const acmeCustomer = await db.prisma.customer.findFirstOrThrow({ where: { key: 'c1', org: { key: 'acme' } } });
    expect(await db.prisma.payment.count({ where: { reference: 'cheque 1042', customerId: acmeCustomer.id } })).toBe(1);
    expect(await db.prisma.payment.count({ where: { reference: 'cheque 1042' } })).toBe(1);
  });

  test('an Idempotency-Key reused for a different payment is refused (422), and records nothing', async () => {
    const headers = { Authorization: `Bearer ${ADMIN_KEY}`, 'Idempotency-Key': 'deposit-7' };
    expect((await post(cheque, headers)).status).toBe(201);
    // The same request written differently is the same request.
    expect((await post({ reference: cheque.reference, mode: cheque.mode, date: cheque.date, amount: '350.00', customer: 'c1', org: 'acme' }, headers)).status).toBe(200);
    const changed = await post({ ...cheque, amount: '351.00' }, headers);
    expect(changed.status).toBe(422);
    expect((await changed.json()).error).toMatch(/^Idempotency-Key: "deposit-7" was used for a different payment \(PMT-[0-9A-Z]{8}\); use a new key for a new payment$/);
    expect(await db.prisma.payment.count({ where: { reference: 'cheque 1042' } })).toBe(1);
  });

  test.each([
    ['an amount with a comma', { ...cheque, amount: '12,50' }, 400, 'amount: must be a decimal string'],
    ['a zero amount', { ...cheque, amount: '0.00' }, 400, 'amount: must be more than 0'],
    ['a tenth of a cent', { ...cheque, amount: '10.001' }, 400, 'amount: "10.001" is not an amount in USD'],
    ['a day that does not exist', { ...cheque, date: '2026-02-30' }, 400, 'date: must be a date YYYY-MM-DD'],
    ['an unknown mode', { ...cheque, mode: 'bitcoin' }, 400, 'mode:'],
    ['an unknown field', { ...cheque, surprise: true }, 400, 'body: Unrecognized key'],
    ['an unknown customer', { ...cheque, customer: 'c9' }, 404, 'customer: no customer "c9" in organization "acme"'],
    ['a date in the future', { ...cheque, date: '2026-11-25' }, 400, 'date: 2026-11-25 is in the future (today is 2026-11-24 for this organization)'],
    ['the last day of 9999', { ...cheque, date: '9999-12-31' }, 400, 'date: 9999-12-31 is in the future'],
    ['a date before 2000', { ...cheque, date: '1999-12-31' }, 400, 'date: 1999-12-31 is before 2000-01-01'],
    ['a quadrillion dollars', { ...cheque, amount: '999999999999999.99' }, 400, 'amount: 999999999999999.99 USD is more than any one payment can be'],
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
