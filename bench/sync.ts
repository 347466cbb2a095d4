/**
 * Merchant sync and events. (1) The 100,000-row ledger organization loaded once, loaded again
 * unchanged, and loaded again with 1% of its rows changed, on PGlite and PostgreSQL. (2) Events
 * delivered to a local webhook receiver by the job runner: 4,000 events of 8 organizations, with
 * one worker and with two (each its own database pool and instance, as two server processes).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { openDatabase, type Database } from '../core/db/open-database';
import { recordEvent } from '../core/events/record-event';
import { planImport } from '../core/import/plan-import';
import { writeImport } from '../core/import/write-import';
import { createJobRunner } from '../core/jobs/job-runner';
import { eventDeliveryHandlers } from '../core/merchant/deliver-events';
import { ledgerFile } from './ledger';
import { createBenchDatabase, writeResult } from './support';

const seconds = (start: bigint) => Math.round(Number(process.hrtime.bigint() - start) / 1e7) / 100;

/** 1% of the ledger's 100,000 rows changed: 450 invoices' due dates, 450 payments' references, 100 credit notes' dates. */
function changedLedger() {
  const file = ledgerFile();
  file.invoices.forEach((v, i) => {
    if (i % 100 === 7) v.dueDate = '2027-01-15';
  });
  file.payments.forEach((p, i) => {
    if (i % 100 === 7) Object.assign(p, { reference: `wire ${i}` });
  });
  file.creditNotes.forEach((c, i) => {
    if (i % 100 === 7) c.date = '2026-11-20';
  });
  return file;
}

async function syncOn(database: Database) {
  const load = async (file: unknown) => {
    const plan = planImport(file, __dirname);
    const start = process.hrtime.bigint();
    const summary = await writeImport(database.prisma, plan);
    return { seconds: seconds(start), summary };
  };
  const first = await load(ledgerFile());
  await database.prisma.$executeRawUnsafe('VACUUM ANALYZE');
  const same = await load(ledgerFile());
  const changed = await load(changedLedger());
  const rows = (c: typeof first.summary.counts.invoices) => c.created + c.updated + c.unchanged;
  return {
    first_load_seconds: first.seconds,
    reload_unchanged_seconds: same.seconds,
    reload_one_percent_changed_seconds: changed.seconds,
    rows_in_file: rows(first.summary.counts.invoices) + rows(first.summary.counts.payments) + rows(first.summary.counts.creditNotes),
    rows_updated_by_the_changed_reload: changed.summary.counts.invoices.updated + changed.summary.counts.payments.updated + changed.summary.counts.creditNotes.updated,
    reload_vs_first_load: Math.round((changed.seconds / first.seconds) * 100) / 100,
  };
}

const ORGS = 8;
const EVENTS = 4_000;

async function deliveries(url: string, workers: number) {
  const received = new Set<string>();
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      received.add((JSON.parse(body) as { id: string }).id);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
  const setup = await openDatabase({ url });
  const orgIds: number[] = [];
  for (let o = 0; o < ORGS; o++) {
    const org = await setup.prisma.organization.create({
      data: { key: `events-${workers}-${o}`, name: `Org ${o}`, currency: 'USD', timezone: 'UTC', locale: 'en-US', notify: { webhookUrl: hook } },
    });
    orgIds.push(org.id);
  }
  // The events are written first (the runners are not yet running), then delivered: the rate is the delivery's alone.
  for (let i = 0; i < EVENTS; i += 100) {
    await setup.prisma.$transaction(async (tx) => {
      for (let j = i; j < i + 100; j++) {
        await recordEvent(tx, { orgId: orgIds[j % ORGS] }, { type: 'payment.recorded', message: `payment ${j}`, data: { n: j } });
      }
    });
  }
  const log = pino({ level: 'silent' });
  const pools = await Promise.all(Array.from({ length: workers }, () => openDatabase({ url, migrate: false })));
  const start = process.hrtime.bigint();
  const runners = pools.map((db) => createJobRunner({
    db: db.prisma, clock: () => new Date(), log, pollMs: 50, concurrency: ORGS,
    handlers: eventDeliveryHandlers({ db: db.prisma, clock: () => new Date(), log }),
  }));
  runners.forEach((r) => r.start());
  while (received.size < EVENTS) await new Promise((resolve) => setTimeout(resolve, 10));
  const took = seconds(start);
  await Promise.all(runners.map((r) => r.stop()));
  await Promise.all(pools.map((p) => p.close()));
  await setup.close();
  receiver.close();
  return { workers, events: EVENTS, organizations: ORGS, seconds: took, events_per_second: Math.round(EVENTS / took) };
}

export async function benchSync() {
  console.log('sync: PGlite…');
  const pglite = await openDatabase({});
  const onPglite = await syncOn(pglite).finally(() => pglite.close());
  console.log('sync: PostgreSQL…');
  const pg = await createBenchDatabase('portal_bench_sync');
  const postgres = await openDatabase({ url: pg.url });
  const onPostgres = await syncOn(postgres).finally(() => postgres.close());
  console.log('sync: event deliveries…');
  const one = await deliveries(pg.url, 1);
  const two = await deliveries(pg.url, 2);
  await pg.drop();
  const file = await writeResult('sync', {
    description: 'The 100,000-row ledger organization (45k invoices, 45k payments, 10k credit notes) loaded, loaded again unchanged, and loaded again with 1% of the rows changed '
      + '(writeImport in process, after the file is checked). Events: 4,000 payment.recorded events of 8 organizations delivered to a local webhook receiver by the job runner, '
      + 'with one worker and with two (each its own pool and instance, as two server processes), on PostgreSQL.',
    pglite: onPglite,
    postgres: onPostgres,
    event_delivery: { one_worker: one, two_workers: two, two_vs_one: Math.round((two.events_per_second / one.events_per_second) * 100) / 100 },
  });
  console.log(`sync: PostgreSQL first load ${onPostgres.first_load_seconds} s, 1% reload ${onPostgres.reload_one_percent_changed_seconds} s; `
    + `events ${one.events_per_second}/s with one worker, ${two.events_per_second}/s with two → ${file}`);
}
