import { handleMessage } from '../../core/conversation/handle-message';
import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { BASE_URL, HANK, say, sessionIdOf, startPaymentsServer, stripeEnv, stripeGateway, type PaymentsServer } from './payments-harness';
import { StripeStandIn } from './stripe-stand-in';

/**
 * The dialogue's payment links through the real Stripe SDK against the stand-in: what each
 * Checkout Session is created with. Hank (customer c1, ACH enabled) writes on WhatsApp;
 * Bill (c2, no ACH) by SMS. Open invoices of c1: INV-000002 $300 (due Oct 1, part payments
 * allowed), INV-000003 $300 (due Dec 1, full only), INV-000006 $150 (due Dec 15, part allowed).
 */
describe('Stripe Checkout sessions from the dialogue', () => {
  let db: TestDatabase;
  let standIn: StripeStandIn;
  let server: PaymentsServer;
  const sessionCreates = () => standIn.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
  const customerCreates = () => standIn.requests.filter((r) => r.method === 'POST' && r.path === '/v1/customers');

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    standIn = await new StripeStandIn().start();
    server = await startPaymentsServer({ db: db.prisma, env: stripeEnv(standIn), gateway: stripeGateway(db.prisma) });
  });
  beforeEach(async () => {
    await db.reset();
    await load(db.prisma, fixtureFile());
    standIn.requests.length = 0;
  });
  afterAll(async () => {
    await server?.close();
    await standIn?.close();
    await db?.close();
  });

  test('full, part and pay-all: one line per invoice, amounts in cents from the core, card and ACH for an ACH customer', async () => {
    const hank = say(server);
    const full = await hank('pay invoice 3');
    const part = await hank('pay $50 on invoice 6');
    const all = await hank('pay everything');
    expect([full.text, part.text, all.text]).toEqual([
      expect.stringMatching(/^Here is your payment link for \$300\.00 on INV-000003\./),
      expect.stringMatching(/^Here is your payment link for \$50\.00 on INV-000006\./),
      expect.stringMatching(/^Here is your payment link for \$750\.00 on 3 invoices \(INV-000002, INV-000003, INV-000006\)\./),
    ]);
    const bodies = sessionCreates().map((r) => r.body);
    expect(bodies.map((b) => (b.line_items as Array<Record<string, any>>).map((l) => [l.price_data.product_data.name, l.price_data.unit_amount, l.price_data.currency, l.quantity]))).toEqual([
      [['Payment of INV-000003', '30000', 'usd', '1']],
      [['Part payment of INV-000006', '5000', 'usd', '1']],
      [['Invoice INV-000002', '30000', 'usd', '1'], ['Invoice INV-000003', '30000', 'usd', '1'], ['Invoice INV-000006', '15000', 'usd', '1']],
    ]);
    for (const body of bodies) {
      expect(body).toMatchObject({
        mode: 'payment',
        allowed_payment_method_types: ['card', 'us_bank_account'],
        payment_intent_data: { setup_future_usage: 'off_session' },
        success_url: `${BASE_URL}/pay/done?session={CHECKOUT_SESSION_ID}`,
        cancel_url: `${BASE_URL}/pay/cancelled`,
        metadata: { origin_channel: 'whatsapp', origin_address: HANK },
      });
    }
    const c1 = await db.prisma.customer.findFirstOrThrow({ where: { key: 'c1' }, include: { contacts: true } });
    expect(bodies[2].metadata).toEqual({
      organization: String(c1.orgId), customer: String(c1.id), contact: String(c1.contacts[0].id),
      invoices: '{"INV-000002":"300.00","INV-000003":"300.00","INV-000006":"150.00"}', origin_channel: 'whatsapp', origin_address: HANK,
    });
    // Each link is the session's own, and the portal remembers what each session is for.
    const links = [full, part, all].map((r) => r.link!.url);
    expect(links.map((u) => standIn.session(sessionIdOf(u)).url)).toEqual(links);
    const checkouts = await db.prisma.checkoutSession.findMany({ orderBy: { createdAt: 'asc' } });
    expect(checkouts.map((c) => [c.provider, c.providerSessionId, c.amount, c.state, c.methods])).toEqual(
      links.map((u, i) => ['stripe', sessionIdOf(u), [30000n, 5000n, 75000n][i], 'open', ['card', 'ach']]));
    expect(checkouts[1].origin).toEqual({ channel: 'whatsapp', address: HANK });
  });

  test('bank (ACH) is offered only to customers with ACH enabled', async () => {
    const bill = await say(server, '+15555550102');
    expect((await handleMessage(server.portal, { channel: 'sms', address: '+15555550102', text: 'pay invoice 42 by ACH', messageId: 'sms-1' })).text)
      .toMatch(/^Here is your payment link for \$4,190\.00 on INV-000042\. Bank \(ACH\) payments are not set up for your account, so this link takes a card\./);
    expect(bill).toBeDefined();
    expect(sessionCreates().map((r) => r.body.allowed_payment_method_types)).toEqual([['card']]);
  });

  test('no part payment where the invoice does not allow it: no session is created', async () => {
    const hank = say(server);
    expect((await hank('pay $50 on invoice 3')).text).toBe('INV-000003 can only be paid in full ($300.00). Pay $300.00 instead?');
    expect((await hank('pay $500 on invoice 6')).text).toBe("That's more than the $150.00 left on INV-000006. Pay $150.00 instead?");
    expect(sessionCreates()).toHaveLength(0);
    expect(await db.prisma.checkoutSession.count()).toBe(0);
  });

  test('the Stripe customer is created once per customer, kept, and reused for every session', async () => {
    const hank = say(server);
    await hank('pay invoice 3');
    await hank('pay invoice 6');
    await hank('pay everything');
    await handleMessage(server.portal, { channel: 'sms', address: '+15555550102', text: 'pay invoice 42', messageId: 'sms-2' });
    const created = customerCreates();
    expect(created.map((r) => r.body.name)).toEqual(['Globex Corp', 'Initech LLC']);
    const stored = await db.prisma.customer.findMany({ orderBy: { key: 'asc' }, select: { stripeCustomerId: true } });
    expect(stored.map((c) => c.stripeCustomerId)).toEqual([...standIn.customers.keys()].slice(-2));
    expect(sessionCreates().map((r) => r.body.customer)).toEqual([stored[0], stored[0], stored[0], stored[1]].map((c) => c.stripeCustomerId));
  });

  test('every create call carries an Idempotency-Key, the same for a retried message: one session, one link', async () => {
    const message = { channel: 'whatsapp' as const, address: HANK, text: 'pay invoice 3', messageId: 'wamid.HBgL1' };
    const first = await handleMessage(server.portal, message);
    const retried = await handleMessage(server.portal, message);
    const other = await handleMessage(server.portal, { ...message, messageId: 'wamid.HBgL2' });
    const keys = sessionCreates().map((r) => r.idempotencyKey);
    expect(keys.every((k) => typeof k === 'string' && k.length >= 32)).toBe(true);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(customerCreates()[0].idempotencyKey).toEqual(expect.any(String));
    expect(retried.link!.url).toBe(first.link!.url);
    expect(other.link!.url).not.toBe(first.link!.url);
    expect(standIn.sessions.size).toBeGreaterThanOrEqual(2);
    expect(await db.prisma.checkoutSession.count()).toBe(2);
  });

  test('when Stripe cannot be reached the customer is told to try again, and nothing is remembered', async () => {
    const down = await startPaymentsServer({ db: db.prisma, env: { ...stripeEnv(standIn), STRIPE_API_URL: 'http://127.0.0.1:9' }, gateway: stripeGateway(db.prisma) });
    try {
      expect((await say(down)('pay invoice 3')).text).toBe("Sorry, I couldn't create a payment link just now. Please try again in a few minutes.");
      expect(await db.prisma.checkoutSession.count()).toBe(0);
    } finally {
      await down.close();
    }
  });
});
