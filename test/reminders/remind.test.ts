import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/test-database';
import { ADMIN_KEY, HANK, NOW, startPaymentsServer, type PaymentsServer } from '../payments/payments-harness';

const TEMPLATE = 'HX0123456789abcdef0123456789abcdef';

/**
 * Manual reminder runs through POST /admin/reminders, sent by the job runner: one message per
 * customer on its channel, once a day per invoice, never to an opted-out chat, never in quiet hours.
 */
describe.each(DATABASE_KINDS)('reminders on %s', (kind) => {
  let db: TestDatabase;
  let server: PaymentsServer;
  let now = Date.parse(NOW);

  const remind = async (body: object) => {
    const res = await fetch(`${server.url}/admin/reminders`, {
      method: 'POST', headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ org: 'acme', ...body }),
    });
    return { status: res.status, body: await res.json() as { reminders: Array<Record<string, unknown>>; error?: string } };
  };
  const drain = async () => {
    while (await server.core.jobs.runDue());
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    server = await startPaymentsServer({ db: db.prisma, env: { TWILIO_WHATSAPP_REMINDER_TEMPLATE: TEMPLATE }, clock: () => new Date(now) });
  });
  beforeEach(async () => {
    await db.reset();
    await load(db.prisma, fixtureFile());
    server.outbound.sent.length = 0;
    now = Date.parse(NOW);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  test('every overdue customer is reminded once, on WhatsApp with the approved template, with one pay link; the merchant hears', async () => {
    const run = await remind({ overdue: true });
    expect(run.status).toBe(202);
    expect(run.body.reminders).toEqual([{ customer: 'c1', outcome: 'queued', channel: 'whatsapp', invoices: [{ number: 'INV-000002', amount: '300.00' }], total: '300.00', currency: 'USD' }]);
    await drain();
    expect(server.outbound.sent).toHaveLength(1);
    const [{ to, reply }] = server.outbound.sent;
    expect(to).toEqual({ channel: 'whatsapp', address: HANK });
    expect(reply.text).toBe('Hi Hank, a reminder from Acme Supplies Ltd: INV-000002 ($300.00) is due, $300.00 in all. Reply "pay" for the link, tell me when you\'ll pay, or if something is wrong.');
    expect(reply.template).toEqual({ sid: TEMPLATE, variables: { 1: 'Hank', 2: '$300.00', 3: reply.link!.url } });
    expect(reply.link?.label).toBe('Pay $300.00');
    expect(await db.prisma.event.findMany({ where: { type: 'reminder.sent' }, select: { message: true } })).toEqual([
      { message: 'Reminder sent to Globex Corp by whatsapp for $300.00 (INV-000002).' },
    ]);
  });

  test('a second run the same day, or two at once, sends nothing twice', async () => {
    const [a, b] = await Promise.all([remind({ overdue: true }), remind({ overdue: true })]);
    const outcomes = [...a.body.reminders, ...b.body.reminders].map((r) => r.outcome).sort();
    expect(outcomes).toEqual(['queued', 'skipped']);
    const again = await remind({ customer: 'c1' });
    expect(again.body.reminders).toMatchObject([{ customer: 'c1', outcome: 'skipped', reason: 'reminded today already' }]);
    await drain();
    await drain();
    expect(server.outbound.sent).toHaveLength(1);
  });

  test('a customer whose chat opted out is skipped, and the run says why', async () => {
    await db.prisma.channelIdentity.updateMany({ where: { address: HANK }, data: { optedOut: true } });
    const run = await remind({ overdue: true, dryRun: true });
    expect(run.body.reminders).toMatchObject([{ customer: 'c1', outcome: 'skipped', reason: 'opted out or no way to reach them' }]);
    await remind({ overdue: true });
    await drain();
    expect(server.outbound.sent).toEqual([]);
  });

  test('in the customer\'s quiet hours a reminder waits, and leaves when the window opens', async () => {
    now = Date.parse('2026-11-25T03:30:00Z'); // 22:30 in New York
    const run = await remind({ overdue: true });
    expect(run.body.reminders).toMatchObject([{ customer: 'c1', outcome: 'waiting', leavesAt: '2026-11-25T13:00:00.000Z' }]);
    await drain();
    expect(server.outbound.sent).toEqual([]);
    now = Date.parse('2026-11-25T12:59:00Z');
    await drain();
    expect(server.outbound.sent).toEqual([]);
    now = Date.parse('2026-11-25T13:00:30Z');
    await drain();
    expect(server.outbound.sent.map((s) => s.to.channel)).toEqual(['whatsapp']);
  });

  test('a dry run writes nothing; bad requests and unknown names are refused in words', async () => {
    const dry = await remind({ invoice: 'INV-000006', dryRun: true });
    expect([dry.status, dry.body.reminders]).toEqual([200, [expect.objectContaining({ customer: 'c1', outcome: 'queued', invoices: [{ number: 'INV-000006', amount: '150.00' }] })]]);
    expect((await remind({ invoice: 'INV-000005', dryRun: true })).body.reminders).toMatchObject([{ customer: 'c1', outcome: 'skipped', reason: 'nothing due' }]);
    expect(await db.prisma.reminder.count()).toBe(0);
    expect((await remind({ overdue: true, customer: 'c1' })).status).toBe(400);
    expect((await remind({ customer: 'nobody' })).body.error).toBe('customer: no customer "nobody" in organization "acme"');
  });

  test('a schedule from the import file: each step of each invoice once, the latest step reached only; a customer with reminders off hears nothing', async () => {
    const file = fixtureFile() as ReturnType<typeof fixtureFile> & { organization: { reminders?: object }; customers: Array<{ reminders?: unknown }> };
    file.organization.reminders = { beforeDue: [3], afterDue: [1, 7, 14, 30] };
    file.customers[1].reminders = false;
    await load(db.prisma, file);
    const texts = () => server.outbound.sent.map((s) => `${s.to.address} ${s.reply.text.split(': ')[1].split(' is due')[0]}`);

    await drain();
    expect(texts()).toEqual([`${HANK} INV-000002 ($300.00)`]);
    await drain();
    now = Date.parse('2026-11-24T17:00:00Z');
    await drain();
    expect(texts()).toHaveLength(1);

    now = Date.parse('2026-11-28T15:00:00Z'); // INV-000003 and INV-000042 are due in three days
    await drain();
    expect(texts()).toEqual([`${HANK} INV-000002 ($300.00)`, `${HANK} INV-000003 ($300.00)`]);

    now = Date.parse('2026-12-02T15:00:00Z'); // INV-000003 a day late
    await drain();
    expect(texts()).toEqual([`${HANK} INV-000002 ($300.00)`, `${HANK} INV-000003 ($300.00)`, `${HANK} INV-000003 ($300.00)`]);
    expect(await db.prisma.reminderItem.findMany({ select: { step: true, invoice: { select: { number: true } } }, orderBy: { reminderId: 'asc' } })).toEqual([
      { step: 'after:30', invoice: { number: 'INV-000002' } },
      { step: 'before:3', invoice: { number: 'INV-000003' } },
      { step: 'after:1', invoice: { number: 'INV-000003' } },
    ]);
  });
});
