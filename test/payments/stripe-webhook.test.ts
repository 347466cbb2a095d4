import { getHome } from '../../core/portal/get-home';
import { listPayments } from '../../core/portal/payments';
import type { Viewer } from '../../core/portal/viewer';
import { fixtureFile, TODAY } from '../support/fixture';
import { load, viewerOf } from '../support/load';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import {
  deliver, HANK, NOW_SECONDS, RecordingSender, say, sessionIdOf, startPaymentsServer, stripeEnv, stripeGateway, type PaymentsServer,
} from './payments-harness';
import { StripeStandIn, WEBHOOK_SECRET } from './stripe-stand-in';

/**
 * Stripe's confirmations, signed with the SDK's own test helper and POSTed to the real route:
 * refused unless signed, then recorded once from what Stripe says when asked again.
 * Customer c1 owes $750: INV-000002 $300, INV-000003 $300, INV-000006 $150 (fixture).
 */
describe('POST /stripe/webhook', () => {
  let db: TestDatabase;
  let standIn: StripeStandIn;
  let server: PaymentsServer;
  let c1: Viewer;
  const retrieves = () => standIn.requests.filter((r) => r.method === 'GET');
  const balance = async (number: string) => (await db.prisma.invoice.findFirstOrThrow({ where: { number } })).balance;
  const online = () => db.prisma.payment.findMany({ where: { online: true }, include: { applications: { include: { invoice: true } } }, orderBy: { id: 'asc' } });

  /** Hank asks for a link; returns the stand-in's session id. */
  async function checkout(text: string): Promise<string> {
    return sessionIdOf((await say(server)(text)).link?.url);
  }
  async function post(type: Parameters<StripeStandIn['event']>[0], session: string) {
    const res = await deliver(server.url, standIn.event(type, session, NOW_SECONDS));
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    standIn = await new StripeStandIn().start();
    server = await startPaymentsServer({ db: db.prisma, env: stripeEnv(standIn), gateway: stripeGateway(db.prisma) });
  });
  beforeEach(async () => {
    await db.reset();
    await load(db.prisma, fixtureFile());
    c1 = await viewerOf(db.prisma, 'c1');
    standIn.requests.length = 0;
    server.outbound.sent.length = 0;
  });
  afterAll(async () => {
    await server?.close();
    await standIn?.close();
    await db?.close();
  });

  test('answers 503 while Stripe is not set up', async () => {
    const off = await startPaymentsServer({ db: db.prisma });
    try {
      expect((await deliver(off.url, '{}')).status).toBe(503);
    } finally {
      await off.close();
    }
  });

  test('a missing, wrong, stale or tampered signature is refused before anything is read or recorded', async () => {
    const session = await checkout('pay invoice 3');
    standIn.complete(session);
    const payload = standIn.event('checkout.session.completed', session, NOW_SECONDS);
    const responses = await Promise.all([
      deliver(server.url, payload, { header: null }),
      deliver(server.url, payload, { header: '' }),
      deliver(server.url, payload, { secret: 'whsec_someone_else' }),
      deliver(server.url, payload, { timestamp: NOW_SECONDS - 301 }),
      deliver(server.url, payload, { header: `t=${NOW_SECONDS},v1=${'0'.repeat(64)}` }),
      fetch(`${server.url}/stripe/webhook`, {
        method: 'POST', body: payload.replace('"complete"', '"expired"'),
        headers: { 'Stripe-Signature': (await import('stripe')).default.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: NOW_SECONDS }) },
      }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(retrieves()).toHaveLength(0);
    expect(await online()).toHaveLength(0);
    expect(await balance('INV-000003')).toBe(30000n);
    expect(server.outbound.sent).toHaveLength(0);
    expect(await db.prisma.event.count({ where: { type: 'payment.recorded' } })).toBe(0);
  });

  test('a card payment is recorded once: balance, status and Home follow; the merchant hears; the receipt goes to the chat it started in', async () => {
    const session = await checkout('pay invoice 3');
    standIn.complete(session);
    for (let i = 0; i < 3; i++) await post('checkout.session.completed', session);

    const [payment] = await online();
    expect(await online()).toHaveLength(1);
    expect(payment).toMatchObject({ amount: 30000n, unapplied: 0n, currency: 'USD', mode: 'card', state: 'succeeded', online: true, reference: standIn.session(session).payment_intent });
    expect(payment.number).toMatch(/^PMT-ONLINE-[0-9A-Z]{8}$/);
    expect(payment.date.toISOString().slice(0, 10)).toBe(TODAY);
    expect(payment.applications.map((a) => [a.invoice.number, a.amount])).toEqual([['INV-000003', 30000n]]);
    expect(await balance('INV-000003')).toBe(0n);
    expect(retrieves().map((r) => [r.path, r.body.expand])).toEqual(Array(3).fill([`/v1/checkout/sessions/${session}`, ['payment_intent.payment_method']]));

    const home = await getHome({ db: db.prisma, viewer: c1, today: TODAY });
    expect([home.outstandingInvoices, home.lastPayment]).toEqual([45000n, { number: payment.number, date: TODAY, amount: 30000n }]);
    expect((await listPayments({ db: db.prisma, viewer: c1 })).payments[0]).toMatchObject({ number: payment.number, state: 'succeeded', online: true });
    const notices = await db.prisma.event.findMany({ where: { type: 'payment.recorded' } });
    expect(notices.map((n) => n.message)).toEqual([`Globex Corp paid $300.00 online (${payment.number}) for INV-000003.`]);

    expect(server.outbound.sent).toEqual([{
      to: { channel: 'whatsapp', address: HANK },
      reply: {
        text: `Thank you! We received your payment of $300.00 (${payment.number}) for INV-000003. Your receipt is attached.`,
        document: {
          title: `Receipt ${payment.number}`, fileName: `${payment.number}.pdf`,
          url: `https://files.example/${c1.customerId}/receipt/${payment.id}`, token: `${c1.customerId}/receipt/${payment.id}`,
        },
      },
    }]);
    expect((await say(server)('pay invoice 3')).text).toBe('INV-000003 is already paid in full. Thank you!');
    expect((await db.prisma.checkoutSession.findFirstOrThrow()).state).toBe('paid');
  });

  test('ACH: pending while the debit clears (no second payment offered), then applied when it succeeds', async () => {
    const session = await checkout('pay invoice 6 by ACH');
    standIn.complete(session, 'us_bank_account');
    await post('checkout.session.completed', session);

    let [payment] = await online();
    expect(payment).toMatchObject({ state: 'pending', mode: 'ach', amount: 15000n, unapplied: 0n, applications: [] });
    expect(await balance('INV-000006')).toBe(15000n);
    expect((await listPayments({ db: db.prisma, viewer: c1 })).payments.find((p) => p.id === payment.id)?.state).toBe('pending');
    expect((await getHome({ db: db.prisma, viewer: c1, today: TODAY })).availableCredits).toBe(13000n);
    expect(server.outbound.sent.map((s) => s.reply.text)).toEqual([
      "Thanks! Your bank payment of $150.00 for INV-000006 is on its way. Bank payments take a few business days to clear; I'll send your receipt when it has.",
    ]);
    const hank = say(server);
    expect((await hank('pay invoice 6')).text).toBe('A payment of INV-000006 is still clearing (bank payments take a few business days), so there is nothing to pay on it right now.');
    expect((await hank('pay everything')).text).toMatch(/^Here is your payment link for \$600\.00 on 2 invoices \(INV-000002, INV-000003\)\./);
    expect((await hank('pay invoice')).text).toBe('Which invoice would you like to pay? INV-000002 ($300.00), INV-000003 ($300.00)');

    standIn.settle(session, 'succeeded');
    await post('checkout.session.async_payment_succeeded', session);
    await post('checkout.session.completed', session);
    await post('checkout.session.async_payment_succeeded', session);
    [payment] = await online();
    expect(payment).toMatchObject({ state: 'succeeded', mode: 'ach', unapplied: 0n });
    expect(payment.applications.map((a) => [a.invoice.number, a.amount])).toEqual([['INV-000006', 15000n]]);
    expect(await balance('INV-000006')).toBe(0n);
    expect(server.outbound.sent.map((s) => s.reply.text)).toHaveLength(2);
    expect(server.outbound.sent[1].reply.text).toBe(`Thank you! We received your payment of $150.00 (${payment.number}) for INV-000006. Your receipt is attached.`);
    expect(await db.prisma.event.count({ where: { type: 'payment.recorded' } })).toBe(1);
  });

  test('ACH that fails, told out of order: failed stays failed, nothing applied, the invoice can be paid again', async () => {
    const session = await checkout('pay invoice 6 by ACH');
    standIn.complete(session, 'us_bank_account');
    standIn.settle(session, 'failed');
    await post('checkout.session.async_payment_failed', session);
    await post('checkout.session.completed', session);
    const [payment] = await online();
    expect(payment).toMatchObject({ state: 'failed', mode: 'ach', applications: [] });
    expect(await balance('INV-000006')).toBe(15000n);
    expect((await listPayments({ db: db.prisma, viewer: c1 })).payments.some((p) => p.id === payment.id)).toBe(false);
    expect(server.outbound.sent.map((s) => s.reply)).toEqual([{
      text: "Your payment of $150.00 for INV-000006 didn't go through, so nothing was paid. You can ask for a new payment link at any time.",
      choices: [{ label: 'Pay INV-000006', say: 'pay invoice INV-000006' }], warning: true,
    }]);
    expect(await db.prisma.event.count({ where: { type: 'payment.failed' } })).toBe(1);
    expect((await say(server)('pay invoice 6')).text).toMatch(/^Here is your payment link for \$150\.00 on INV-000006\./);
  });

  test('success told before completion: recorded as a succeeded ACH payment; the late completion changes nothing', async () => {
    const session = await checkout('pay invoice INV-000002 by ACH');
    standIn.complete(session, 'us_bank_account');
    standIn.settle(session, 'succeeded');
    await post('checkout.session.async_payment_succeeded', session);
    await post('checkout.session.completed', session);
    const payments = await online();
    expect(payments.map((p) => [p.state, p.mode, p.amount])).toEqual([['succeeded', 'ach', 30000n]]);
    expect(await balance('INV-000002')).toBe(0n);
    expect(server.outbound.sent).toHaveLength(1);
  });

  test('events about other things, and sessions that are not the portal\'s, are acknowledged and change nothing', async () => {
    const other = JSON.stringify({ id: 'evt_x', object: 'event', type: 'payment_intent.succeeded', created: NOW_SECONDS, livemode: false, pending_webhooks: 1, request: null, api_version: null, data: { object: { id: 'pi_x', object: 'payment_intent' } } });
    expect((await deliver(server.url, other)).status).toBe(200);
    expect(retrieves()).toHaveLength(0);
    const session = await checkout('pay invoice 3');
    await db.prisma.checkoutSession.deleteMany();
    standIn.complete(session);
    await post('checkout.session.completed', session);
    expect(await online()).toHaveLength(0);
    expect(retrieves()).toHaveLength(1);
  });

  test('a receipt that cannot be sent is logged; the payment stands', async () => {
    const failing = new RecordingSender();
    failing.send = async () => { throw new Error('Twilio is down'); };
    const flaky = await startPaymentsServer({ db: db.prisma, env: stripeEnv(standIn), gateway: stripeGateway(db.prisma), outbound: failing });
    try {
      const session = sessionIdOf((await say(flaky)('pay invoice 3')).link?.url);
      standIn.complete(session);
      expect((await deliver(flaky.url, standIn.event('checkout.session.completed', session, NOW_SECONDS))).status).toBe(200);
      expect((await online()).map((p) => p.state)).toEqual(['succeeded']);
    } finally {
      await flaky.close();
    }
  });
});
