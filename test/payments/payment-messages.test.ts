import type { Channel } from '../../core/channels';
import type { Reply } from '../../core/replies/reply';
import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { HANK, NOW, RecordingSender, say, startPaymentsServer, type PaymentsServer } from './payments-harness';

/** A channel that is down for its first `failures` sends, as Twilio or Slack can be. */
class FlakySender extends RecordingSender {
  failures = 0;
  attempts = 0;
  async send(to: { channel: Channel; address: string }, reply: Reply) {
    this.attempts += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('the provider answered 503');
    }
    await super.send(to, reply);
  }
}

/**
 * The message a customer gets after paying goes through the outbox: sent at once when it can
 * be, retried when the channel fails, and never to a chat that opted out.
 */
describe('payment messages', () => {
  let db: TestDatabase;
  let server: PaymentsServer;
  const outbound = new FlakySender();
  let now = Date.parse(NOW);

  const payInvoice3 = async () => {
    const answer = await say(server)('pay invoice 3');
    const page = `${server.url}${new URL(answer.link!.url).pathname}`;
    const paid = await fetch(page, { method: 'POST', body: new URLSearchParams({ outcome: 'pay' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(paid.status).toBe(303);
  };

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    server = await startPaymentsServer({ db: db.prisma, outbound, clock: () => new Date(now) });
  });
  beforeEach(async () => {
    await db.reset();
    await load(db.prisma, fixtureFile());
    outbound.sent.length = 0;
    outbound.attempts = 0;
    now = Date.parse(NOW);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  test('a channel that fails: the payment stands, and the receipt goes once the channel is back', async () => {
    outbound.failures = 2;
    await payInvoice3();
    expect(outbound.sent).toEqual([]);
    expect((await db.prisma.invoice.findFirstOrThrow({ where: { number: 'INV-000003' } })).balance).toBe(0n);
    // Not due again before its backoff has passed…
    expect(await server.core.jobs.runDue()).toBe(0);
    now += 2_000;
    await server.core.jobs.runDue();
    now += 5_000;
    await server.core.jobs.runDue();
    expect(outbound.sent.map((s) => [s.to, s.reply.text.split('.')[0]])).toEqual([[{ channel: 'whatsapp', address: HANK }, 'Thank you! We received your payment of $300']]);
    // …and once sent, never again.
    now += 3_600_000;
    expect(await server.core.jobs.runDue()).toBe(0);
    expect(outbound.attempts).toBe(3);
  });

  test('a chat that opted out after asking for the link gets no receipt; the payment is recorded all the same', async () => {
    const link = (await say(server)('pay invoice 3')).link!.url;
    await db.prisma.channelIdentity.update({ where: { channel_address: { channel: 'whatsapp', address: HANK } }, data: { optedOut: true } });
    await fetch(`${server.url}${new URL(link).pathname}`, { method: 'POST', body: new URLSearchParams({ outcome: 'pay' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    await server.core.jobs.runDue();
    expect(await db.prisma.payment.count({ where: { online: true, state: 'succeeded' } })).toBe(1);
    expect(outbound.sent).toEqual([]);
    expect(outbound.attempts).toBe(0);
    expect(await db.prisma.job.count()).toBe(0);
  });
});
