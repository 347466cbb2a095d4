/**
 * npm run -s remind -- --overdue | --invoice NUMBER | --customer KEY [--org KEY] [--dry-run]
 * The merchant's reminder run: queues one message per customer, sends what may go now (a
 * progress bar on a terminal, plain lines otherwise), and ends with a summary — sent per channel,
 * waiting for quiet hours, skipped and why, failed.
 */
import pino from 'pino';
import { createAddressSender } from '../bots/senders/address-sender';
import { routeSenders } from '../bots/senders/route-senders';
import type { Config } from '../core/config';
import type { Db } from '../core/db/db';
import { createChromiumRenderer } from '../core/documents/chromium-renderer';
import { assembleCore } from '../core/facade/assemble-core';
import { reminderRequest, type PlannedReminder, type ReminderRequest } from '../core/facade/core';
import { toDecimalString } from '../core/money';
import { runCommand, runningServer, throughServer, UsageError, withDatabase } from './command';

/** How long the command waits for its messages to leave before it leaves the rest to the server's job runner. */
const PATIENCE_MS = 120_000;

runCommand({
  usage: [
    'usage: npm run -s remind -- --overdue | --invoice NUMBER | --customer KEY [--org KEY] [--dry-run]',
    '',
    'Reminds customers of what they owe, in the chat each prefers, with one pay link:',
    '  --overdue          every customer with an overdue invoice',
    '  --invoice NUMBER   the customer of that invoice, for it',
    '  --customer KEY     that customer, for its overdue invoices',
    '  --org KEY          the organization (needed when the database holds several)',
    '  --dry-run          say what would go, where, and what would wait; send nothing',
    'An invoice is reminded at most once a day; quiet hours wait; opted-out chats are never written to.',
  ].join('\n'),
  options: { overdue: { type: 'boolean' }, invoice: { type: 'string' }, customer: { type: 'string' }, org: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  async run({ values }, config) {
    const parsed = reminderRequest.safeParse({
      org: values.org, overdue: values.overdue || undefined, invoice: values.invoice, customer: values.customer, dryRun: values['dry-run'] || undefined,
    });
    if (!parsed.success) throw new UsageError('give one of --overdue, --invoice NUMBER or --customer KEY');
    const server = runningServer(config);
    if (server) {
      const org = parsed.data.org ?? (await soleOrganization(null));
      const { reminders } = (await throughServer(server, '/admin/reminders', { ...parsed.data, org })) as { reminders: WireReminder[] };
      console.log(planLines(reminders).join('\n'));
      if (!parsed.data.dryRun) console.log(`The running server (${server.url}) sends them.`);
      return;
    }
    await withDatabase(config, 'npm run -s remind', (database) => remind(config, database.prisma, parsed.data));
  },
});

type WireReminder = { customer: string; outcome: string; reason?: string; channel?: string; leavesAt?: string; total: string; currency: string; invoices: unknown[] };

async function soleOrganization(db: Db | null): Promise<string> {
  if (!db) throw new UsageError('--org KEY is needed when the running server holds the data');
  const orgs = await db.organization.findMany({ select: { key: true }, take: 5 });
  if (orgs.length === 1) return orgs[0].key;
  throw new UsageError(orgs.length ? `--org KEY: this database holds several organizations (${orgs.map((o) => o.key).join(', ')}…)` : 'no organization yet: import one first');
}

function wire(p: PlannedReminder): WireReminder {
  return { ...p, leavesAt: p.leavesAt?.toISOString(), total: toDecimalString(p.total, p.currency), invoices: p.invoices };
}

function planLines(reminders: WireReminder[]): string[] {
  return reminders.map((r) => {
    const what = `${r.customer}: ${r.invoices.length} invoice${r.invoices.length === 1 ? '' : 's'}, ${r.total} ${r.currency}`;
    if (r.outcome === 'skipped') return `  skip  ${r.customer}: ${r.reason}`;
    if (r.outcome === 'waiting') return `  wait  ${what} by ${r.channel}, leaves at ${r.leavesAt} (quiet hours)`;
    return `  send  ${what} by ${r.channel}`;
  });
}

async function remind(config: Config, db: Db, request: ReminderRequest): Promise<void> {
  const org = request.org ?? (await soleOrganization(db));
  const log = pino({ level: 'warn' }, pino.destination(2));
  const renderer = createChromiumRenderer({ executablePath: config.PUPPETEER_EXECUTABLE_PATH, log });
  const { core, outbound } = assembleCore({ config, db, renderer, log, messenger: createAddressSender(config, log) });
  // The doors' senders (Twilio, Slack, Teams) join the core's router; no server listens.
  routeSenders({ config, log, core }, outbound);
  try {
    const planned = await core.admin.remind({ all: true }, { ...request, org });
    if (request.dryRun) {
      console.log(`Dry run for ${org}: nothing was sent.\n${planLines(planned.map(wire)).join('\n')}`);
      return;
    }
    const ids = planned.flatMap((p) => (p.reminderId && p.outcome === 'queued' ? [p.reminderId] : []));
    const progress = progressBar(ids.length);
    const started = Date.now();
    let statuses = await statusesOf(db, ids);
    while (statuses.pending > 0 && Date.now() - started < PATIENCE_MS) {
      const ran = await core.jobs.runDue();
      statuses = await statusesOf(db, ids);
      progress(ids.length - statuses.pending);
      if (!ran) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    progress.end();
    console.log(summary(org, planned, statuses));
  } finally {
    await renderer.close();
  }
}

async function statusesOf(db: Db, ids: number[]) {
  const rows = await db.reminder.findMany({ where: { id: { in: ids } }, select: { status: true, channel: true, reason: true } });
  const sent = new Map<string, number>();
  let failed = 0;
  let waiting = 0;
  let skipped = 0;
  for (const r of rows) {
    if (r.status === 'sent') sent.set(r.channel ?? '?', (sent.get(r.channel ?? '?') ?? 0) + 1);
    else if (r.status === 'failed') failed += 1;
    else if (r.status === 'waiting') waiting += 1;
    else if (r.status === 'skipped') skipped += 1;
  }
  const done = [...sent.values()].reduce((s, n) => s + n, 0) + failed + waiting + skipped;
  return { sent, failed, waiting, skipped, pending: ids.length - done };
}

function summary(org: string, planned: PlannedReminder[], s: Awaited<ReturnType<typeof statusesOf>>): string {
  const sentTotal = [...s.sent.values()].reduce((a, n) => a + n, 0);
  const reasons = new Map<string, number>();
  for (const p of planned) if (p.outcome === 'skipped') reasons.set(p.reason!, (reasons.get(p.reason!) ?? 0) + 1);
  const waiting = planned.filter((p) => p.outcome === 'waiting').length + s.waiting;
  const lines = [
    `Reminders for ${org}: ${planned.length} customer${planned.length === 1 ? '' : 's'} looked at.`,
    `  sent: ${sentTotal}${s.sent.size ? ` (${[...s.sent].map(([c, n]) => `${c} ${n}`).join(', ')})` : ''}`,
    `  waiting for quiet hours to end: ${waiting}`,
    `  skipped: ${[...reasons.values()].reduce((a, n) => a + n, 0) + s.skipped}${reasons.size ? ` (${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')})` : ''}`,
    `  failed: ${s.failed}`,
  ];
  if (s.pending) lines.push(`  still trying: ${s.pending} (the server's job runner goes on with them)`);
  return lines.join('\n');
}

/** A bar that redraws itself on a terminal; on a pipe (CI), a plain line each tenth of the way. */
function progressBar(total: number): ((done: number) => void) & { end(): void } {
  const tty = process.stderr.isTTY;
  let shown = -1;
  const draw = Object.assign((done: number) => {
    if (!total) return;
    if (tty) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} reminders handed over`);
    } else {
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== shown) process.stderr.write(`  ${done}/${total} reminders handed over\n`);
      shown = tenth;
    }
  }, {
    end: () => {
      if (tty && total) process.stderr.write('\n');
    },
  });
  draw(0);
  return draw;
}

