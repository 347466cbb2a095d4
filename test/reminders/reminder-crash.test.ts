/**
 * Exactly once through crashes: a run of 1,000 reminders in CI (one per overdue customer, by SMS)
 * sent by a server process (`bots/main.ts`) that is killed with SIGKILL 20 times while it sends, and
 * started again each time. The Twilio API stand-in, which keeps every message it has read as
 * Twilio does, counts one message per customer in the end (on PostgreSQL a second worker process
 * sends beside it all along): a send cut short is reconciled with
 * Twilio's own record, not sent again; the planning request cut by a kill is simply sent again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../core/db/open-database';
import { planImport } from '../../core/import/plan-import';
import { writeImport } from '../../core/import/write-import';
import { startServer, type ServerProcess } from '../support/server-process';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { startTwilioApi, type TwilioApiStandIn } from '../support/twilio-api';

// 40 reminders and 1 kill by default; CI runs 1,000 and 20 (REMINDER_CRASH_REMINDERS, REMINDER_CRASH_KILLS in .ci/run).
const REMINDERS = Number(process.env.REMINDER_CRASH_REMINDERS ?? 40);
const KILLS = Number(process.env.REMINDER_CRASH_KILLS ?? 1);
/** A send cut short is looked into 15 s after it began (core/reminders/send-reminder.ts): the server runs this long after the last message. */
const AFTER_LAST_MS = 20_000;
const SID = 'AC55555555555555555555555555555555';
const TOKEN = 'reminder-crash-twilio-token';
const ADMIN_API_KEY = 'reminder-crash-operator-key-0123456789';
/** PostgreSQL where the machine has one for tests (CI), else the embedded database on disk. */
const KIND: 'postgres' | 'pglite' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

function books() {
  const customers = Array.from({ length: REMINDERS }, (_, c) => ({
    key: `k${c}`, name: `Customer ${c}`, preferredChannel: 'sms',
    quietHours: { start: '00:00', end: '00:00' },
    contacts: [{ name: `Contact ${c}`, phone: `+1555${String(1_000_000 + c).slice(1)}`, primary: true }],
  }));
  const invoices = customers.map((c, i) => ({
    number: `INV-${String(i + 1).padStart(6, '0')}`, customer: c.key, date: '2026-09-01', dueDate: '2026-10-01', total: '100.00', status: 'sent',
  }));
  return { organization: { key: 'crash', name: 'Crash Supplies', currency: 'USD', timezone: 'America/New_York', locale: 'en-US' }, customers, invoices };
}

let twilio: TwilioApiStandIn;
let database: TestDatabase | null = null;
let dataDir: string | undefined;
let server: ServerProcess | null = null;
/** On PostgreSQL, a second worker process sends beside the one that is killed, and is never killed. */
let steady: ServerProcess | null = null;

beforeAll(async () => {
  twilio = await startTwilioApi(SID, TOKEN);
  twilio.delayMs = 15; // Twilio takes a moment: kills land while requests are in flight
  if (KIND === 'postgres') {
    database = await openTestDatabase('postgres');
    await writeImport(database.prisma, planImport(books(), __dirname));
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-remind-crash-'));
    const embedded = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    await writeImport(embedded.prisma, planImport(books(), __dirname));
    await embedded.close();
  }
}, 180_000);
afterAll(async () => {
  await server?.kill();
  await steady?.kill();
  await twilio?.close();
  await database?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({
  ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }), DEMO: '1', APP_SECRET: 'reminder-crash-secret-0123456789abcdef', ADMIN_API_KEY,
  TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_SMS_FROM: '+12125550199', TWILIO_API_URL: twilio.url,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test(`${REMINDERS} reminders, a sending process killed ${KILLS} times${KIND === 'postgres' ? ' beside a second one' : ''}: each customer gets exactly one`, async () => {
  server = await startServer(env());
  if (database) steady = await startServer(env());
  let planned = false;
  // The merchant's request: a kill cuts it, so it is made again (a manual run names each invoice once a day).
  const plan = (async () => {
    while (!planned) {
      const res = await fetch(`${server!.url}/admin/reminders`, {
        method: 'POST', headers: { Authorization: `Bearer ${ADMIN_API_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ org: 'crash', overdue: true }),
      }).catch(() => null);
      if (res?.status === 202) planned = true;
      else await sleep(100);
    }
  })();
  let kills = 0;
  for (; kills < KILLS; kills++) {
    const at = Math.floor(((kills + 1) * REMINDERS) / (KILLS + 2));
    const waited = Date.now();
    while (twilio.texts.length < at) await sleep(5);
    if (process.env.DEBUG_CRASH) console.log(`kill ${kills + 1}: waited ${Date.now() - waited} ms for ${at} sends`);
    await server.kill();
    const restarting = Date.now();
    server = await startServer(env());
    if (process.env.DEBUG_CRASH) console.log(`kill ${kills + 1} at ${at} sends; restarted in ${Date.now() - restarting} ms`);
  }
  await plan;
  const deadline = Date.now() + 240_000;
  while (new Set(twilio.texts.map((t) => t.To)).size < REMINDERS && Date.now() < deadline) await sleep(100);

  // The portal's own record catches up (a send cut short is reconciled after its wait), and nothing more leaves.
  const sentSoFar = twilio.texts.length;
  await sleep(AFTER_LAST_MS);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect(twilio.texts.length).toBe(sentSoFar);
  await server.stop();
  await steady?.stop();
  server = null;
  steady = null;

  const perRecipient = new Map<string, number>();
  for (const t of twilio.texts) perRecipient.set(t.To, (perRecipient.get(t.To) ?? 0) + 1);
  if (perRecipient.size < REMINDERS && database) {
    const stuck = await database.prisma.reminder.findMany({ where: { status: { not: 'sent' } }, select: { id: true, status: true, attempts: true, reason: true } });
    const jobs = await database.prisma.job.findMany({ where: { key: { in: stuck.map((r) => `reminder:${r.id}`) } } });
    console.log(JSON.stringify({ stuck, jobs }, null, 1).slice(0, 6000));
  }
  const twice = [...perRecipient].filter(([, n]) => n > 1);
  expect(twice).toEqual([]);
  expect(perRecipient.size).toBe(REMINDERS);
  expect(twilio.texts).toHaveLength(REMINDERS);

  const embedded = database ? null : await openDatabase({ dataDir: path.join(dataDir!, 'pglite') });
  const rows = await (database ?? embedded)!.prisma.reminder.groupBy({ by: ['status'], _count: true });
  await embedded?.close();
  expect(rows).toEqual([{ status: 'sent', _count: REMINDERS }]);
  console.log(`${REMINDERS} reminders, ${kills} kills: ${twilio.texts.length} messages at the Twilio stand-in, one per customer`);
}, 600_000);
