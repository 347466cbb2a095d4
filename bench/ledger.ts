/**
 * A customer with 100,000 ledger rows (invoices, payments, credit notes over five years):
 * Home figures, a one-month and a five-year statement, on PGlite and PostgreSQL.
 */
import { openDatabase, type Database } from '../core/db/open-database';
import { planImport } from '../core/import/plan-import';
import { writeImport } from '../core/import/write-import';
import { getHome } from '../core/portal/get-home';
import { getStatement } from '../core/portal/get-statement';
import { loadViewer } from '../core/portal/viewer';
import { createBenchDatabase, stats, timeRuns, writeResult } from './support';

const TODAY = '2026-11-24';
const INVOICES = 45_000;
const PAYMENTS = 45_000;
const CREDITS = 10_000;

export function ledgerFile() {
  const start = Date.parse('2021-11-25');
  const span = Date.parse(TODAY) - start;
  const day = (i: number, n: number) => new Date(start + Math.floor((span * i) / n)).toISOString().slice(0, 10);
  const money = (cents: number) => (cents / 100).toFixed(2);
  const invoices = Array.from({ length: INVOICES }, (_, i) => ({
    number: `INV-${String(i + 1).padStart(6, '0')}`, customer: 'big', date: day(i, INVOICES), dueDate: day(i + 30, INVOICES),
    total: money(10_000 + ((i * 7919) % 90_000)), status: 'sent', allowPartialPayments: true,
  }));
  const payments = Array.from({ length: PAYMENTS }, (_, i) => {
    const inv = invoices[i];
    // Most invoices are paid in full, every tenth in part; the last ones stay open.
    const amount = i >= PAYMENTS - 500 ? 1000 : i % 10 === 0 ? Math.floor(Number(inv.total) * 50) : Math.round(Number(inv.total) * 100);
    return { number: `PMT-${String(i + 1).padStart(6, '0')}`, customer: 'big', date: day(i + 5, INVOICES), amount: money(amount), mode: 'ach', applied: [{ invoice: inv.number, amount: money(amount) }] };
  });
  const creditNotes = Array.from({ length: CREDITS }, (_, i) => ({
    number: `CN-${String(i + 1).padStart(6, '0')}`, customer: 'big', date: day(i * 4 + 2, CREDITS * 4), total: '1.00',
    applied: i % 2 === 0 ? [{ invoice: invoices[(i * 4) % INVOICES].number, amount: '1.00' }] : [],
  }));
  // Paid invoices have no room left for credits: apply credits only to the partly paid ones.
  for (const [i, c] of creditNotes.entries()) if (c.applied.length) c.applied[0].invoice = invoices[(i * 10) % PAYMENTS].number;
  return {
    organization: { key: 'bench', name: 'Bench Org', currency: 'USD', timezone: 'America/New_York', locale: 'en-US' },
    customers: [
      { key: 'big', name: 'Big Customer', contacts: [{ name: 'Ann', email: 'ann@big.example', primary: true }] },
      { key: 'small', name: 'Small Customer', contacts: [{ name: 'Bo', email: 'bo@small.example', primary: true }] },
    ],
    invoices, payments, creditNotes,
  };
}

async function measure(database: Database) {
  const loadStart = Date.now();
  await writeImport(database.prisma, planImport(ledgerFile(), __dirname));
  const importSeconds = (Date.now() - loadStart) / 1000;
  // Measure the steady state autovacuum reaches after a bulk load: statistics and visibility map.
  await database.prisma.$executeRawUnsafe('VACUUM ANALYZE');
  const contact = await database.prisma.contact.findFirstOrThrow({ where: { customer: { key: 'big' } } });
  const viewer = await loadViewer(database.prisma, contact.id);
  const rows = await getStatement({ db: database.prisma, viewer, period: { from: '2021-11-25', to: TODAY } });
  return {
    ledger_rows: rows.rows.length,
    import_seconds: importSeconds,
    home: stats(await timeRuns(30, () => getHome({ db: database.prisma, viewer, today: TODAY }))),
    statement_one_month: stats(await timeRuns(30, () => getStatement({ db: database.prisma, viewer, period: { from: '2026-10-01', to: '2026-10-31' } }))),
    statement_five_years: stats(await timeRuns(5, () => getStatement({ db: database.prisma, viewer, period: { from: '2021-11-25', to: TODAY } }), 1)),
  };
}

export async function benchLedger() {
  const pglite = await openDatabase({});
  const onPglite = await measure(pglite).finally(() => pglite.close());
  const pg = await createBenchDatabase('portal_bench_ledger');
  const postgres = await openDatabase({ url: pg.url });
  const onPostgres = await measure(postgres).finally(async () => {
    await postgres.close();
    await pg.drop();
  });
  const file = await writeResult('ledger', {
    description: 'One customer with 100,000 ledger rows (45k invoices, 45k payments, 10k credit notes over five years). Medians of repeated in-process calls.',
    targets: { postgres_home_median_ms: 50, postgres_one_month_statement_median_ms: 200 },
    pglite: onPglite,
    postgres: onPostgres,
  });
  console.log(`ledger: Home ${onPostgres.home.median_ms} ms, one-month statement ${onPostgres.statement_one_month.median_ms} ms on PostgreSQL → ${file}`);
}
