import http from 'node:http';
import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { closeNow, listenLocally } from '../support/local-server';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/test-database';
import { ADMIN_KEY, NOW, say, startPaymentsServer, type PaymentsServer } from '../payments/payments-harness';

const TEMPLATE = 'HX0123456789abcdef0123456789abcdef';

/**
 * The customer answers a reminder in the same chat (merchant.md "Replies"): "pay" pays what it
 * named, a promise pauses the invoice's reminders until the day after its day, "this is wrong"
 * until the merchant resolves it, "I already paid" asks for a reference; the merchant hears each.
 * INV-000002 (c1, Hank on WhatsApp) is 54 days late on 2026-11-24, $300.00 left, part payments allowed.
 */
describe.each(DATABASE_KINDS)('replies to reminders on %s', (kind) => {
  let db: TestDatabase;
  let server: PaymentsServer;
  let receiver: http.Server;
  let receiverUrl: string;
  const hooks: Array<{ type: string; data: Record<string, unknown> }> = [];
  let now = Date.parse(NOW);

  const post = async (path: string, body: object) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST', headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ org: 'acme', ...body }),
    });
    return { status: res.status, body: await res.json() as Record<string, unknown> };
  };
  const drain = async () => {
    while (await server.core.jobs.runDue());
  };
  const at = async (iso: string) => {
    now = Date.parse(iso);
    await drain();
  };
  const reminded = () => server.outbound.sent.filter((s) => s.reply.text.includes('a reminder from')).map((s) => s.reply.text.split(': ')[1].split(' is due')[0].split(' are due')[0]);

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    server = await startPaymentsServer({ db: db.prisma, env: { TWILIO_WHATSAPP_REMINDER_TEMPLATE: TEMPLATE }, clock: () => new Date(now) });
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        hooks.push(JSON.parse(body));
        res.statusCode = 204;
        res.end();
      });
    });
    receiverUrl = await listenLocally(receiver);
  });
  beforeEach(async () => {
    await db.reset();
    now = Date.parse(NOW);
    const file = fixtureFile() as ReturnType<typeof fixtureFile> & { organization: { reminders?: object; notify?: object } };
    file.organization.reminders = { afterDue: [54, 55] };
    file.organization.notify = { webhookUrl: `${receiverUrl}/hooks` };
    await load(db.prisma, file);
    server.outbound.sent.length = 0;
    hooks.length = 0;
    await drain(); // the after:54 step of INV-000002 goes now
    expect(reminded()).toEqual(['INV-000002 ($300.00)']);
  });
  afterAll(async () => {
    await server?.close();
    await closeNow(receiver);
    await db?.close();
  });

  test('"pay" after a reminder answers with a link for what it named; "pay 200" is a part payment of it', async () => {
    const hank = say(server);
    const pay = await hank('pay');
    expect(pay.text).toMatch(/^Here is your payment link for \$300\.00 on INV-000002\./);
    expect(pay.link?.label).toBe('Pay $300.00');
    const part = await hank('pay 200');
    expect(part.text).toMatch(/^Here is your payment link for \$200\.00 on INV-000002\./);
    // Another customer's chat, never reminded, is asked which invoice.
    expect((await say(server, '+15555550199')('pay')).text).not.toMatch(/INV-000002/);
  });

  test('"I\'ll pay on Friday": the promise is recorded, the merchant\'s webhook hears, the next step waits until the day after Friday', async () => {
    const answer = await say(server)("I'll pay on Friday");
    expect(answer.text).toBe("Thank you! I've noted that you'll pay INV-000002 ($300.00) by Nov 27, 2026, and told Acme Supplies Ltd. No reminders about it until then.");
    expect(await db.prisma.paymentPromise.findMany({ select: { date: true, invoice: { select: { number: true } } } }))
      .toEqual([{ date: new Date('2026-11-27T00:00:00Z'), invoice: { number: 'INV-000002' } }]);
    await drain();
    expect(hooks.filter((h) => h.type === 'promise.made').map((h) => h.data)).toEqual([
      { customer: 'c1', contact: 'Hank Scorpio', invoices: ['INV-000002'], amount: '300.00', currency: 'USD', date: '2026-11-27' },
    ]);

    // after:55 comes on the 25th; it waits through Friday the 27th and goes on the 28th.
    for (const day of ['2026-11-25T15:00:00Z', '2026-11-26T15:00:00Z', '2026-11-27T15:00:00Z']) await at(day);
    expect(reminded()).toHaveLength(1);
    await at('2026-11-28T15:00:00Z');
    expect(reminded()).toEqual(['INV-000002 ($300.00)', 'INV-000002 ($300.00)']);
    // A manual run while the promise stood would have said why it skipped.
    now = Date.parse('2026-11-26T15:00:00Z');
    await db.prisma.reminderItem.deleteMany({ where: { step: { startsWith: 'manual' } } });
    expect((await post('/admin/reminders', { customer: 'c1', dryRun: true })).body.reminders).toMatchObject([{ outcome: 'skipped', reason: 'promised' }]);
  });

  test('"this is wrong": a dispute of the reminded invoice, reminders held until the merchant resolves it', async () => {
    const hank = say(server);
    const answer = await hank('this is wrong, we returned those widgets');
    expect(answer.text).toBe("Sorry about that. I've told Acme Supplies Ltd that INV-000002 looks wrong to you; they'll look into it and get back to you. No reminders about it until it's sorted.");
    expect((await hank('this is wrong')).text).toMatch(/^INV-000002 is already with Acme Supplies Ltd to look into/);
    await at('2026-11-25T15:00:00Z');
    expect(reminded()).toHaveLength(1);
    expect(hooks.filter((h) => h.type === 'dispute.opened').map((h) => h.data)).toEqual([
      expect.objectContaining({ customer: 'c1', invoice: 'INV-000002', text: 'this is wrong, we returned those widgets' }),
    ]);
    expect((await post('/admin/reminders', { customer: 'c1' })).body.reminders).toMatchObject([{ outcome: 'skipped', reason: 'disputed' }]);

    const resolved = await post('/admin/disputes/resolve', { invoice: 'inv-000002', resolution: 'credit note CN-7 issued' });
    expect(resolved).toMatchObject({ status: 200, body: { resolved: { invoice: 'INV-000002', customer: 'c1' } } });
    expect((await post('/admin/disputes/resolve', { invoice: 'INV-000002' })).status).toBe(404);
    await at('2026-11-26T15:00:00Z');
    expect(reminded()).toEqual(['INV-000002 ($300.00)', 'INV-000002 ($300.00)']);
    expect(hooks.filter((h) => h.type === 'dispute.resolved')).toHaveLength(1);
  });

  test('a dispute with no reminder before it asks which invoice, and keeps the customer\'s words', async () => {
    await db.prisma.reminder.deleteMany();
    const hank = say(server);
    const asked = await hank('I never ordered this');
    expect(asked.text).toMatch(/^Which invoice is it about\? INV-000002 \(\$300\.00\), INV-000003 \(\$300\.00\)/);
    expect((await hank('INV-000003')).text).toMatch(/INV-000003 looks wrong to you/);
    expect(await db.prisma.dispute.findMany({ select: { text: true, invoice: { select: { number: true } } } }))
      .toEqual([{ text: 'I never ordered this', invoice: { number: 'INV-000003' } }]);
  });

  test('"I already paid" asks for the reference and tells the merchant both; reminders wait a week', async () => {
    const hank = say(server);
    expect((await hank('I already paid this')).text).toMatch(/^Thanks for letting us know about INV-000002 \(\$300\.00\): I've told Acme Supplies Ltd, .* What is the payment's reference/);
    expect((await hank('cheque 004471')).text).toBe("Thanks! I've passed that on to Acme Supplies Ltd, who will match it to INV-000002. You'll get a receipt here once it's recorded.");
    await at('2026-11-25T15:00:00Z');
    expect(reminded()).toHaveLength(1);
    expect(hooks.filter((h) => h.type === 'payment.claimed').map((h) => h.data.reference)).toEqual([null, 'cheque 004471']);
    // A question after the claim is answered as a question, not taken as a reference.
    await hank('I already paid');
    expect((await hank('what do I owe')).text).toMatch(/owe|balance|due/i);
    expect(await db.prisma.paymentClaim.count({ where: { reference: { not: null } } })).toBe(1);
  });

  test('WhatsApp within 24 hours of the customer\'s last message gets the text; outside, the approved template', async () => {
    expect(server.outbound.sent[0].reply.template?.sid).toBe(TEMPLATE);
    now = Date.parse('2026-11-25T14:00:00Z');
    await say(server)('hi');
    await at('2026-11-25T15:00:00Z'); // after:55, 1 hour after Hank wrote
    const latest = server.outbound.sent.at(-1)!;
    expect(latest.reply.text).toMatch(/a reminder from/);
    expect(latest.reply.template).toBeUndefined();
  });
});
