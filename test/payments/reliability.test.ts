import { getHome } from '../../core/portal/get-home';
import { customer } from '../support/conversation';
import { fixtureFile, TODAY } from '../support/fixture';
import { prng } from '../support/fuzz-inputs';
import { load, viewerOf } from '../support/load';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/test-database';
import { deliver, HANK, NOW_SECONDS, say, sessionIdOf, startPaymentsServer, stripeEnv, stripeGateway, type PaymentsServer } from './payments-harness';
import { StripeStandIn } from './stripe-stand-in';

const MINDY = '+15555550111';
// Each provider event is delivered this many times: 15 by default, 100 in CI (STORM_COPIES in .ci/run).
const COPIES = Number(process.env.STORM_COPIES ?? 15);
const BILL = '+15555550102';

/** The fixture with a second contact at Globex (c1), so two people can pay its invoices at once. */
function twoContactFixture() {
  const file = fixtureFile();
  (file.customers[0].contacts as object[]).push({ name: 'Mindy Simmons', email: 'mindy@globex.example', phone: MINDY, whatsapp: MINDY });
  return file;
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe.each(DATABASE_KINDS)('payments recorded exactly once on %s', (kind) => {
  let db: TestDatabase;
  let standIn: StripeStandIn;
  let server: PaymentsServer;
  const balances = async () => Object.fromEntries((await db.prisma.invoice.findMany({ where: { number: { in: ['INV-000002', 'INV-000003', 'INV-000006', 'INV-000042'] } } })).map((i) => [i.number, i.balance]));

  /** Every event COPIES times, shuffled together, 20 deliveries in flight; every answer must be 200. */
  async function storm(events: string[], seed: number) {
    const payloads = shuffle(events.flatMap((e) => Array<string>(COPIES).fill(e)), prng(seed));
    const statuses: number[] = [];
    await inParallel(payloads, 20, async (payload) => {
      statuses.push((await deliver(server.url, payload)).status);
    });
    expect(new Set(statuses)).toEqual(new Set([200]));
  }

  /** The ledger holds together: every balance is its total less everything applied to it. */
  async function expectLedgerConsistent() {
    const rows = await db.prisma.$queryRaw<Array<{ number: string; balance: bigint; expected: bigint }>>`
      SELECT i.number, i.balance, (i.total
        - COALESCE((SELECT SUM(amount) FROM "PaymentApplication" WHERE "invoiceId" = i.id), 0)
        - COALESCE((SELECT SUM(amount) FROM "CreditApplication" WHERE "invoiceId" = i.id), 0)
        - COALESCE((SELECT SUM(amount) FROM "RetainerApplication" WHERE "invoiceId" = i.id), 0))::bigint AS expected
      FROM "Invoice" i`;
    expect(rows.filter((r) => BigInt(r.balance) !== BigInt(r.expected))).toEqual([]);
    const payments = await db.prisma.payment.findMany({ include: { applications: true } });
    for (const p of payments.filter((x) => x.state === 'succeeded')) expect(p.amount).toBe(p.unapplied + p.applications.reduce((s, a) => s + a.amount, 0n));
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    standIn = await new StripeStandIn().start();
    server = await startPaymentsServer({ db: db.prisma, env: stripeEnv(standIn), gateway: stripeGateway(db.prisma) });
  });
  beforeEach(async () => {
    await db.reset();
    await load(db.prisma, twoContactFixture());
    server.outbound.sent.length = 0;
  });
  afterAll(async () => {
    await server?.close();
    await standIn?.close();
    await db?.close();
  });

  test(`each confirmation ${COPIES} times, 20 at a time, shuffled with the others: one payment per session, balances to the cent`, async () => {
    const link = async (address: string, text: string, channel: 'whatsapp' | 'sms' = 'whatsapp') =>
      sessionIdOf((await customer(server.portal, channel, address)(text)).link?.url);
    const full = await link(HANK, 'pay invoice 3');                        // card, $300 on INV-000003
    const part = await link(HANK, 'pay $50 on invoice 6');                 // card, $50 on INV-000006
    const all = await link(MINDY, 'pay everything by ACH');                // ACH, $750: INV-000002, INV-000003, INV-000006
    const bounced = await link(HANK, 'pay invoice INV-000002 by ACH');     // ACH that comes back
    const other = await link(BILL, 'pay invoice 42', 'sms');               // card, $4,190 for Initech (c2)
    expect(standIn.session(all).amount_total).toBe(75000);

    standIn.complete(full);
    standIn.complete(part);
    standIn.complete(other);
    standIn.complete(all, 'us_bank_account');
    standIn.complete(bounced, 'us_bank_account');
    const completed = (s: string) => standIn.event('checkout.session.completed', s, NOW_SECONDS);
    await storm([full, part, all, bounced, other].map(completed), 1);

    const state = async () => Object.fromEntries((await db.prisma.checkoutSession.findMany({ include: { payment: true } }))
      .map((c) => [c.providerSessionId, [c.state, c.payment?.state ?? null]]));
    expect(await state()).toEqual({
      [full]: ['paid', 'succeeded'], [part]: ['paid', 'succeeded'], [other]: ['paid', 'succeeded'],
      [all]: ['pending', 'pending'], [bounced]: ['pending', 'pending'],
    });
    expect(await balances()).toEqual({ 'INV-000002': 30000n, 'INV-000003': 0n, 'INV-000006': 10000n, 'INV-000042': 0n });

    // Days later the debits settle, told alongside more replays of everything said before.
    standIn.settle(all, 'succeeded');
    standIn.settle(bounced, 'failed');
    await storm([
      standIn.event('checkout.session.async_payment_succeeded', all, NOW_SECONDS),
      standIn.event('checkout.session.async_payment_failed', bounced, NOW_SECONDS),
      completed(all), completed(bounced), completed(full),
    ], 2);

    expect(await state()).toEqual({
      [full]: ['paid', 'succeeded'], [part]: ['paid', 'succeeded'], [other]: ['paid', 'succeeded'],
      [all]: ['paid', 'succeeded'], [bounced]: ['failed', 'failed'],
    });
    const online = await db.prisma.payment.findMany({ where: { online: true }, include: { applications: { include: { invoice: true } }, checkout: true } });
    expect(online).toHaveLength(5);
    const bySession = Object.fromEntries(online.map((p) => [p.checkout!.providerSessionId, p]));
    const summary = (s: string) => {
      const p = bySession[s];
      return { amount: p.amount, mode: p.mode, unapplied: p.unapplied, applied: p.applications.map((a) => `${a.invoice.number}:${a.amount}`) };
    };
    expect(summary(full)).toEqual({ amount: 30000n, mode: 'card', unapplied: 0n, applied: ['INV-000003:30000'] });
    expect(summary(part)).toEqual({ amount: 5000n, mode: 'card', unapplied: 0n, applied: ['INV-000006:5000'] });
    // INV-000003 was paid meanwhile by card: that share of the bank payment is credit.
    expect(summary(all)).toEqual({ amount: 75000n, mode: 'ach', unapplied: 35000n, applied: ['INV-000002:30000', 'INV-000006:10000'] });
    expect(summary(bounced)).toEqual({ amount: 30000n, mode: 'ach', unapplied: 0n, applied: [] });
    expect(summary(other)).toEqual({ amount: 419000n, mode: 'card', unapplied: 0n, applied: ['INV-000042:419000'] });
    expect(await balances()).toEqual({ 'INV-000002': 0n, 'INV-000003': 0n, 'INV-000006': 0n, 'INV-000042': 0n });
    await expectLedgerConsistent();

    const home = await getHome({ db: db.prisma, viewer: await viewerOf(db.prisma, 'c1'), today: TODAY });
    expect([home.outstandingInvoices, home.availableCredits]).toEqual([0n, 8000n + 5000n + 35000n]);
    const notices = await db.prisma.event.groupBy({ by: ['type'], where: { type: { startsWith: 'payment.' } }, _count: { _all: true } });
    expect(Object.fromEntries(notices.map((n) => [n.type, n._count._all]))).toEqual({ 'payment.recorded': 4, 'payment.failed': 1 });
    const sent = server.outbound.sent.map((s) => `${s.to.channel}:${s.to.address} ${s.reply.text.split(' ').slice(0, 4).join(' ')}`).sort();
    expect(sent).toEqual([
      `sms:${BILL} Thank you! We received`,
      `whatsapp:${HANK} Thank you! We received`,
      `whatsapp:${HANK} Thank you! We received`,
      `whatsapp:${HANK} Thanks! Your bank payment`,
      `whatsapp:${HANK} Your payment of $300.00`,
      `whatsapp:${MINDY} Thank you! We received`,
      `whatsapp:${MINDY} Thanks! Your bank payment`,
    ]);
  }, 240_000);

  test('two contacts pay the last balance of one invoice at once: one payment is applied, the other is kept as credit', async () => {
    const hank = sessionIdOf((await say(server, HANK)('pay invoice 6')).link?.url);
    const mindy = sessionIdOf((await say(server, MINDY)('pay invoice 6')).link?.url);
    standIn.complete(hank);
    standIn.complete(mindy);
    const events = [hank, mindy].map((s) => standIn.event('checkout.session.completed', s, NOW_SECONDS));
    await Promise.all(shuffle([...events, ...events, ...events], prng(3)).map((e) => deliver(server.url, e)));

    const payments = await db.prisma.payment.findMany({ where: { online: true }, include: { applications: true }, orderBy: { id: 'asc' } });
    expect(payments.map((p) => p.amount)).toEqual([15000n, 15000n]);
    expect(payments.map((p) => [p.applications.reduce((s, a) => s + a.amount, 0n), p.unapplied]).sort()).toEqual([[0n, 15000n], [15000n, 0n]]);
    expect((await balances())['INV-000006']).toBe(0n);
    await expectLedgerConsistent();
    const home = await getHome({ db: db.prisma, viewer: await viewerOf(db.prisma, 'c1'), today: TODAY });
    expect(home.availableCredits).toBe(13000n + 15000n);
    expect(server.outbound.sent.map((s) => s.reply.text.replace(/PMT-ONLINE-\w+/, 'PMT')).sort()).toEqual([
      'Thank you! We received your payment of $150.00 (PMT) for INV-000006. Your receipt is attached.',
      'Thank you! We received your payment of $150.00 (PMT). INV-000006 was already paid, so it is kept as credit on your account. Your receipt is attached.',
    ]);
  }, 60_000);
});
