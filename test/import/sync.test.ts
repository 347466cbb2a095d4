import { AppError } from '../../core/errors';
import { importRaw } from '../../core/import/import-organization';
import { recordCheckoutPayment } from '../../core/payments/record-checkout-payment';
import { listInvoices } from '../../core/portal/list-invoices';
import { fixedClock } from '../../core/clock';
import { fixtureFile, TODAY } from '../support/fixture';
import { load, viewerOf } from '../support/load';
import { useFixtureDatabase } from '../support/fixture-database';
import { DATABASE_KINDS, type TestDatabase } from '../support/test-database';

/** A payment made in the chat: a checkout for INV-000003 ($300.00), confirmed by the provider as `providerPaymentId`. */
async function payOnline(db: TestDatabase, providerPaymentId: string, amount = 30000n) {
  const p = db.prisma;
  const invoice = await p.invoice.findFirstOrThrow({ where: { number: 'INV-000003' } });
  const contact = await p.contact.findFirstOrThrow({ where: { customerId: invoice.customerId, primary: true } });
  await p.checkoutSession.create({
    data: {
      id: `co_${providerPaymentId}`, provider: 'stripe', providerSessionId: `cs_${providerPaymentId}`, customerId: invoice.customerId, contactId: contact.id,
      amount, currency: 'USD', allocations: [{ invoiceId: invoice.id, number: invoice.number, amount: amount.toString() }],
      origin: { channel: 'whatsapp', address: '+15555550101' }, methods: ['card'],
    },
  });
  const change = await recordCheckoutPayment({
    db: p, clock: fixedClock(`${TODAY}T15:00:00Z`),
    confirmation: { providerSessionId: `cs_${providerPaymentId}`, providerPaymentId, amount, currency: 'USD', method: 'card', outcome: 'succeeded' },
  });
  return change!;
}

async function balanceOf(db: TestDatabase, number: string) {
  return (await db.prisma.invoice.findFirstOrThrow({ where: { number } })).balance;
}

/** Everything whose id others point at: it must come through a reload with the same ids. */
async function ids(db: TestDatabase) {
  const p = db.prisma;
  return {
    customers: await p.customer.findMany({ select: { id: true, key: true }, orderBy: { id: 'asc' } }),
    contacts: await p.contact.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } }),
    invoices: await p.invoice.findMany({ select: { id: true, number: true }, orderBy: { id: 'asc' } }),
    identities: await p.channelIdentity.findMany({ select: { id: true, address: true, contactId: true }, orderBy: { id: 'asc' } }),
  };
}

describe.each(DATABASE_KINDS)('loading the books again on %s', (kind) => {
  const fixture = useFixtureDatabase(kind);

  test('the same file twice: nothing changes, nothing is written again, and a payment made in the chat stays', async () => {
    const before = await ids(fixture.db);
    const change = await payOnline(fixture.db, 'pi_sync_1');
    expect(await balanceOf(fixture.db, 'INV-000003')).toBe(0n);
    const identity = await fixture.db.prisma.channelIdentity.findFirstOrThrow({ where: { address: '+15555550101', channel: 'whatsapp' } });
    await fixture.db.prisma.pendingQuestion.create({ data: { identityId: identity.id, question: { kind: 'which' }, expiresAt: new Date('2030-01-01') } });

    const summary = await load(fixture.db.prisma, fixtureFile());
    expect(summary.created).toBe(false);
    expect(summary.counts.invoices).toEqual({ created: 0, updated: 0, unchanged: 12, leftAlone: 0 });
    expect(summary.counts.customers).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await balanceOf(fixture.db, 'INV-000003')).toBe(0n);
    expect(await fixture.db.prisma.payment.findFirst({ where: { number: change.number } })).toMatchObject({ amount: 30000n, recordedByPortal: true });
    // The receipt waiting in the outbox, the checkout and the conversation's question are all still there.
    expect(await fixture.db.prisma.job.count({ where: { key: { startsWith: 'payment-message:' } } })).toBe(1);
    expect(await fixture.db.prisma.checkoutSession.count({ where: { paymentId: change.paymentId } })).toBe(1);
    expect(await fixture.db.prisma.pendingQuestion.count({ where: { identityId: identity.id } })).toBe(1);
    expect(await ids(fixture.db)).toEqual(before);
  });

  test.each([
    ['by portalPayment', (number: string) => ({ portalPayment: number })],
    ['by the provider\'s id as reference', () => ({ reference: 'pi_sync_2' })],
  ])('a file that brings the portal\'s payment back (%s) counts it once', async (_how, marker) => {
    const change = await payOnline(fixture.db, 'pi_sync_2');
    const payments = await fixture.db.prisma.payment.count();
    const file = fixtureFile();
    file.payments.push({ number: 'PMT-00090', customer: 'c1', date: TODAY, amount: '300.00', mode: 'card', applied: [{ invoice: 'INV-000003', amount: '300.00' }], ...marker(change.number) } as never);
    const summary = await load(fixture.db.prisma, file);
    expect(summary.portalPaymentsMatched).toBe(1);
    expect(summary.conflicts).toEqual([]);
    expect(await fixture.db.prisma.payment.count()).toBe(payments);
    expect(await balanceOf(fixture.db, 'INV-000003')).toBe(0n);
    const home = await listInvoices({ db: fixture.db.prisma, viewer: await viewerOf(fixture.db.prisma, 'c1'), today: TODAY, query: { status: 'unpaid' } });
    expect(home.invoices.map((i) => i.number)).not.toContain('INV-000003');
  });

  test('a payment in the books for an invoice already paid in the chat keeps the excess as credit and tells the merchant', async () => {
    await payOnline(fixture.db, 'pi_sync_3');
    const file = fixtureFile();
    file.payments.push({ number: 'PMT-00091', customer: 'c1', date: TODAY, amount: '300.00', mode: 'cheque', applied: [{ invoice: 'INV-000003', amount: '300.00' }] } as never);
    const summary = await load(fixture.db.prisma, file);
    expect(summary.conflicts).toEqual([{ invoice: 'INV-000003', customer: 'c1', excess: '300.00', currency: 'USD' }]);
    expect(await balanceOf(fixture.db, 'INV-000003')).toBe(0n);
    expect(await fixture.db.prisma.payment.findFirstOrThrow({ where: { number: 'PMT-00091' } })).toMatchObject({ unapplied: 30000n });
    const events = await fixture.db.prisma.event.findMany({ where: { type: 'sync.conflict' } });
    expect(events.map((e) => e.message)).toEqual(['The books and the portal together paid more than INV-000003 of Globex Corp: $300.00 is kept as credit on the account.']);
  });

  test('a file that voids an invoice hides it; what a file does not list stays; a changed invoice is updated in place', async () => {
    const before = await ids(fixture.db);
    const file = fixtureFile();
    file.invoices = file.invoices.filter((i) => i.number !== 'INV-000006');
    file.payments = file.payments.filter((p) => p.number !== 'PMT-00005');
    const four = file.invoices.find((i) => i.number === 'INV-000005')!;
    four.status = 'void';
    file.payments = file.payments.map((p) => (p.number === 'PMT-00003' ? { ...p, applied: [] } : p));
    const two = file.invoices.find((i) => i.number === 'INV-000002')!;
    two.total = '550.00';
    const summary = await load(fixture.db.prisma, file);
    expect(summary.counts.invoices).toMatchObject({ updated: 2, leftAlone: 1 });
    expect(summary.voided).toBeGreaterThanOrEqual(2);
    const viewer = await viewerOf(fixture.db.prisma, 'c1');
    const listed = (await listInvoices({ db: fixture.db.prisma, viewer, today: TODAY, query: {} })).invoices.map((i) => i.number);
    expect(listed).not.toContain('INV-000005');
    expect(listed).toContain('INV-000006');
    expect(await balanceOf(fixture.db, 'INV-000002')).toBe(35000n);
    expect(await balanceOf(fixture.db, 'INV-000006')).toBe(15000n);
    expect(await ids(fixture.db)).toEqual(before);
  });

  test('a file naming a portal payment the portal never recorded is refused whole', async () => {
    const file = fixtureFile();
    file.organization.name = 'Must not land';
    file.payments.push({ number: 'PMT-00092', customer: 'c1', date: TODAY, amount: '1.00', mode: 'cash', portalPayment: 'PMT-ONLINE-NOPE' } as never);
    const error = await load(fixture.db.prisma, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain('payments[6].portalPayment: the portal recorded no payment PMT-ONLINE-NOPE');
    expect(await fixture.db.prisma.organization.findFirst({ select: { name: true } })).toEqual({ name: 'Acme Supplies Ltd' });
  });
});

describe.each(DATABASE_KINDS)('a file that lists only part of the books on %s', (kind) => {
  const fixture = useFixtureDatabase(kind);
  const organization = () => fixtureFile().organization;

  test('a file of one void invoice withdraws it and leaves everything else', async () => {
    const before = await fixture.db.prisma.invoice.count();
    const summary = await importRaw(fixture.db.prisma, {
      organization: organization(),
      customers: [],
      invoices: [{ number: 'INV-000006', customer: 'c1', date: '2026-11-15', dueDate: '2026-12-15', total: '200.00', status: 'void' }],
    }, null);
    expect(summary.counts.invoices).toMatchObject({ updated: 1, leftAlone: 11 });
    expect(summary.counts.customers).toMatchObject({ created: 0, leftAlone: 2 });
    expect(await fixture.db.prisma.invoice.count()).toBe(before);
    const listed = (await listInvoices({ db: fixture.db.prisma, viewer: await viewerOf(fixture.db.prisma, 'c1'), today: TODAY, query: {} })).invoices.map((i) => i.number);
    expect(listed).not.toContain('INV-000006');
    expect(listed).toContain('INV-000005');
  });

  test('a file of this week\'s payments applies them to invoices the portal already holds', async () => {
    const summary = await importRaw(fixture.db.prisma, {
      organization: organization(),
      customers: [],
      payments: [{ number: 'PMT-00100', customer: 'c1', date: TODAY, amount: '100.00', mode: 'ach', applied: [{ invoice: 'INV-000003', amount: '100.00' }] }],
    }, null);
    expect(summary.counts.payments).toMatchObject({ created: 1, leftAlone: 6 });
    expect(await balanceOf(fixture.db, 'INV-000003')).toBe(20000n);
    expect(await balanceOf(fixture.db, 'INV-000002')).toBe(30000n);
  });

  test('a payment naming an invoice nobody has is refused, naming the place', async () => {
    const error = await importRaw(fixture.db.prisma, {
      organization: organization(),
      customers: [],
      payments: [{ number: 'PMT-00101', customer: 'c1', date: TODAY, amount: '1.00', applied: [{ invoice: 'INV-999999', amount: '1.00' }] }],
    }, null).catch((e: unknown) => e);
    expect((error as AppError).message).toContain('payments[0].applied[0].invoice: unknown invoice INV-999999');
    expect(await fixture.db.prisma.payment.count({ where: { number: 'PMT-00101' } })).toBe(0);
  });
});
