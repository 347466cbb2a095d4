/**
 * A reminder run on PostgreSQL: 10,000 overdue invoices of 2,000 customers, planned by one
 * POST /admin/reminders and handed to the Twilio API stand-in by the job runners of real server
 * processes (`bots/main.ts`, as `npm start` runs it) — with two processes, then with one, each
 * run on a fresh copy of the same books. Time to the last send and sends per second.
 */
import { openDatabase } from '../core/db/open-database';
import { planImport } from '../core/import/plan-import';
import { writeImport } from '../core/import/write-import';
import { startServer, type ServerProcess } from '../test/support/server-process';
import { startTwilioApi, type TwilioApiStandIn } from '../test/support/twilio-api';
import { createBenchDatabase, writeResult } from './support';

const CUSTOMERS = 2_000;
const INVOICES_PER_CUSTOMER = 5;
const SID = 'AC44444444444444444444444444444444';
const TOKEN = 'reminder-bench-twilio-token';
const ADMIN_API_KEY = 'reminder-bench-operator-key-0123456789';

function books() {
  const customers = Array.from({ length: CUSTOMERS }, (_, c) => ({
    key: `k${c}`, name: `Customer ${c}`, preferredChannel: 'sms',
    // Quiet hours that never come: the run does not depend on the hour it is measured at.
    quietHours: { start: '00:00', end: '00:00' },
    contacts: [{ name: `Contact ${c}`, phone: `+1555${String(1_000_000 + c).slice(1)}`, primary: true }],
  }));
  const invoices = customers.flatMap((c, i) => Array.from({ length: INVOICES_PER_CUSTOMER }, (_, j) => ({
    number: `INV-${String(i * INVOICES_PER_CUSTOMER + j + 1).padStart(6, '0')}`, customer: c.key, date: '2026-09-01', dueDate: `2026-10-${String(1 + j).padStart(2, '0')}`,
    total: `${100 + j}.00`, status: 'sent',
  })));
  return { organization: { key: 'bench', name: 'Bench Supplies', currency: 'USD', timezone: 'America/New_York', locale: 'en-US' }, customers, invoices };
}

async function run(workers: number, twilio: TwilioApiStandIn) {
  const pg = await createBenchDatabase(`portal_bench_reminders_${workers}`);
  const setup = await openDatabase({ url: pg.url });
  await writeImport(setup.prisma, planImport(books(), __dirname));
  await setup.close();
  const env = {
    DATABASE_URL: pg.url, DEMO: '1', APP_SECRET: 'reminder-bench-secret-0123456789abcdef', ADMIN_API_KEY, LOG_LEVEL: 'info',
    TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_SMS_FROM: '+12125550199', TWILIO_API_URL: twilio.url,
  };
  const servers: ServerProcess[] = [];
  for (let i = 0; i < workers; i++) servers.push(await startServer(env));
  twilio.texts.length = 0;
  try {
    const started = process.hrtime.bigint();
    const res = await fetch(`${servers[0].url}/admin/reminders`, {
      method: 'POST', headers: { Authorization: `Bearer ${ADMIN_API_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ org: 'bench', overdue: true }),
    });
    const planned = ((await res.json()) as { reminders: Array<{ outcome: string }> }).reminders.filter((r) => r.outcome === 'queued').length;
    const plannedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    while (twilio.texts.length < planned) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const recipients = new Set(twilio.texts.map((t) => t.To));
    return {
      worker_processes: workers, customers: CUSTOMERS, invoices: CUSTOMERS * INVOICES_PER_CUSTOMER, reminders_planned: planned,
      sends_at_the_stand_in: twilio.texts.length, distinct_recipients: recipients.size,
      seconds_to_plan: Math.round(plannedSeconds * 100) / 100, seconds_to_last_send: Math.round(seconds * 100) / 100,
      sends_per_second: Math.round(planned / seconds),
    };
  } finally {
    for (const server of servers) await server.stop();
    await pg.drop();
  }
}

export async function benchReminders() {
  const twilio = await startTwilioApi(SID, TOKEN);
  try {
    console.log('reminders: two worker processes…');
    const two = await run(2, twilio);
    console.log('reminders: one worker process…');
    const one = await run(1, twilio);
    const file = await writeResult('reminders', {
      description: `${CUSTOMERS * INVOICES_PER_CUSTOMER} overdue invoices of ${CUSTOMERS} customers (SMS, no quiet hours), one POST /admin/reminders planning one reminder per customer, `
        + 'sent with a sandbox pay link by the job runners of server processes (bots/main.ts) to the Twilio API stand-in; PostgreSQL; each run on a fresh copy of the books.',
      two_workers: two,
      one_worker: one,
      two_vs_one_sends_per_second: Math.round((two.sends_per_second / one.sends_per_second) * 100) / 100,
    });
    console.log(`reminders: ${two.sends_per_second}/s with two processes, ${one.sends_per_second}/s with one → ${file}`);
  } finally {
    await twilio.close();
  }
}
