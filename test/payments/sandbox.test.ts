import { loadConfig } from '../../core/config';
import { createPaymentGateway, createPaymentProvider } from '../../core/payments/create-payment-gateway';
import { fixtureFile } from '../support/fixture';
import { load, viewerOf } from '../support/load';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { BASE_URL, HANK, say, startPaymentsServer, stripeEnv, type PaymentsServer } from './payments-harness';
import { StripeStandIn } from './stripe-stand-in';

/**
 * Demo mode: no Stripe key, not production. "Pay invoice N" in chat gives a link to the
 * portal's own sandbox page; its buttons confirm through the same core path as Stripe's webhook.
 */
describe('the sandbox checkout of demo mode', () => {
  let db: TestDatabase;
  let server: PaymentsServer;
  const local = (link: string | undefined) => {
    expect(link).toMatch(new RegExp(`^${BASE_URL}/pay/sandbox/co_[\\w-]{22}$`));
    return `${server.url}${new URL(link!).pathname}`;
  };
  const press = (page: string, outcome: string) => fetch(page, {
    method: 'POST', body: new URLSearchParams({ outcome }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual',
  });

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    // Demo settings: the composition picks the sandbox.
    server = await startPaymentsServer({ db: db.prisma });
  });
  beforeEach(async () => {
    await db.reset();
    await load(db.prisma, fixtureFile());
    server.outbound.sent.length = 0;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  test('"pay invoice 3" → the page → Pay: one payment recorded, the balance updated, the receipt sent to the chat', async () => {
    const hank = say(server);
    const answer = await hank('pay invoice 3');
    expect(answer.text).toMatch(/^Here is your payment link for \$300\.00 on INV-000003\./);
    const page = local(answer.link?.url);

    const shown = await fetch(page);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await shown.text();
    for (const text of ['Sandbox · no real money moves', 'Acme Supplies Ltd', 'Payment from Globex Corp', 'Invoice INV-000003', 'Pay $300.00', 'Pay and fail']) expect(html).toContain(text);

    const paid = await press(page, 'pay');
    expect([paid.status, paid.headers.get('location')]).toEqual([303, new URL(page).pathname]);
    const payment = await db.prisma.payment.findFirstOrThrow({ where: { online: true }, include: { applications: true } });
    expect(payment).toMatchObject({ amount: 30000n, state: 'succeeded', mode: 'card', unapplied: 0n, applications: [expect.objectContaining({ amount: 30000n })] });
    expect((await db.prisma.invoice.findFirstOrThrow({ where: { number: 'INV-000003' } })).balance).toBe(0n);
    const after = await (await fetch(page)).text();
    expect(after).toContain('✓ Paid');
    expect(after).toContain(payment.number);
    expect(after).not.toContain('Pay and fail');

    const c1 = await viewerOf(db.prisma, 'c1');
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
    expect(await db.prisma.event.count({ where: { type: 'payment.recorded' } })).toBe(1);

    // Pressing again (or the other button) changes nothing; the chat now knows the invoice is paid.
    expect((await press(page, 'pay')).status).toBe(303);
    expect((await press(page, 'fail')).status).toBe(303);
    expect(await db.prisma.payment.count({ where: { online: true } })).toBe(1);
    expect(server.outbound.sent).toHaveLength(1);
    expect((await hank('pay invoice 3')).text).toBe('INV-000003 is already paid in full. Thank you!');
    expect((await hank('my payments')).items?.[0].title).toBe(payment.number);
  });

  test('"Pay and fail" records a failed payment, tells the chat, and leaves the invoice to pay', async () => {
    const hank = say(server);
    const page = local((await hank('pay everything')).link?.url);
    expect((await press(page, 'fail')).status).toBe(303);
    expect((await db.prisma.payment.findFirstOrThrow({ where: { online: true } })).state).toBe('failed');
    expect(await (await fetch(page)).text()).toContain('Payment failed');
    expect(server.outbound.sent.map((s) => s.reply.text)).toEqual([
      "Your payment of $750.00 for 3 invoices didn't go through, so nothing was paid. You can ask for a new payment link at any time.",
    ]);
    expect((await hank('pay everything')).text).toMatch(/^Here is your payment link for \$750\.00 on 3 invoices/);
  });

  test('a retried message gets the same sandbox checkout', async () => {
    const { handleMessage } = await import('../../core/conversation/handle-message');
    const message = { channel: 'whatsapp' as const, address: HANK, text: 'pay invoice 6', messageId: 'wamid.same' };
    const [a, b] = [await handleMessage(server.portal, message), await handleMessage(server.portal, message)];
    expect(a.link?.url).toBe(b.link?.url);
    expect(await db.prisma.checkoutSession.count()).toBe(1);
  });

  test('unknown links, junk buttons and the way back from Stripe', async () => {
    expect((await fetch(`${server.url}/pay/sandbox/co_nope`)).status).toBe(404);
    expect((await press(`${server.url}/pay/sandbox/co_nope`, 'pay')).status).toBe(404);
    const page = local((await say(server)('pay invoice 3')).link?.url);
    expect((await press(page, 'steal')).status).toBe(303);
    expect(await db.prisma.payment.count({ where: { online: true } })).toBe(0);
    const done = await fetch(`${server.url}/pay/done?session=cs_x`);
    expect([done.status, (await done.text()).includes('Your payment is being confirmed')]).toEqual([200, true]);
    expect((await (await fetch(`${server.url}/pay/cancelled`)).text())).toContain('Nothing was paid');
  });

  test.each(['NODE_ENV=production', 'Stripe set up'])('the sandbox page is off (404) with %s, and nothing can be paid through it', async (setting) => {
    const page = local((await say(server)('pay invoice 3')).link?.url);
    const standIn = setting === 'Stripe set up' ? await new StripeStandIn().start() : null;
    const off = await startPaymentsServer({ db: db.prisma, env: standIn ? stripeEnv(standIn) : { NODE_ENV: 'production' } });
    try {
      const there = page.replace(server.url, off.url);
      expect((await fetch(there)).status).toBe(404);
      expect((await press(there, 'pay')).status).toBe(404);
      expect(await db.prisma.payment.count({ where: { online: true } })).toBe(0);
    } finally {
      await off.close();
      await standIn?.close();
    }
  });

  test('the composition picks Stripe when set up, the sandbox in demo mode, and nothing in production without Stripe', async () => {
    const base = { APP_SECRET: 'x'.repeat(40), PUBLIC_BASE_URL: BASE_URL };
    const viewer = await viewerOf(db.prisma, 'c1');
    const request = { viewer, allocations: [], amount: 100n, currency: 'USD', methods: ['card' as const], description: 'x', origin: { channel: 'web', address: 's1' }, idempotencyKey: 'k1' };
    const gateway = (config: ReturnType<typeof loadConfig>) => createPaymentGateway({ provider: createPaymentProvider(config), db: db.prisma, secret: base.APP_SECRET });
    expect((await gateway(loadConfig(base)).createCheckout(request)).url).toMatch(/\/pay\/sandbox\/co_/);
    const standIn = await new StripeStandIn().start();
    try {
      const allocations = [{ invoiceId: 1, number: 'INV-000003', amount: 100n }];
      expect((await gateway(loadConfig({ ...base, ...stripeEnv(standIn) })).createCheckout({ ...request, allocations })).url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    } finally {
      await standIn.close();
    }
    await expect(gateway(loadConfig({ ...base, NODE_ENV: 'production' })).createCheckout(request))
      .rejects.toMatchObject({ code: 'unavailable' });
  });
});
