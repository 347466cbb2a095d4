/**
 * The desk on PostgreSQL: the 100,000-row ledger organization (bench/ledger.ts) with 2,000
 * customers (1,998 more, three open invoices each, some overdue), served by a real server
 * process (`bots/main.ts`, as `npm start` runs it) and asked over HTTP with a session cookie:
 * GET /desk (who owes what, the feed, reminders, both charts) and one customer's page.
 * Medians of 30 requests after 3 warm-ups, one at a time.
 */
import { openDatabase } from '../core/db/open-database';
import { planImport } from '../core/import/plan-import';
import { writeImport } from '../core/import/write-import';
import { createMerchantKey } from '../core/merchant/merchant-keys';
import { startServer } from '../test/support/server-process';
import { ledgerFile } from './ledger';
import { createBenchDatabase, stats, timeRuns, writeResult } from './support';

const MORE_CUSTOMERS = 1_998;

function books() {
  const file = ledgerFile() as ReturnType<typeof ledgerFile> & { customers: Array<Record<string, unknown>> };
  for (let c = 0; c < MORE_CUSTOMERS; c++) {
    file.customers.push({ key: `k${c}`, name: `Customer ${String(c).padStart(4, '0')}`, contacts: [{ name: `Contact ${c}`, email: `c${c}@bench.example`, primary: true }] });
    for (let j = 0; j < 3; j++) {
      const due = new Date(Date.parse('2026-12-20') - ((c * 37 + j * 41) % 200) * 86_400_000).toISOString().slice(0, 10);
      file.invoices.push({
        number: `K-${c}-${j}`, customer: `k${c}`, date: due, dueDate: due, total: `${100 + ((c + j) % 900)}.00`, status: 'sent', allowPartialPayments: false,
      } as (typeof file.invoices)[number]);
    }
  }
  return file;
}

export async function benchDesk() {
  const pg = await createBenchDatabase('portal_bench_desk');
  try {
    const setup = await openDatabase({ url: pg.url });
    const file = books();
    await writeImport(setup.prisma, planImport(file, __dirname));
    await setup.prisma.$executeRawUnsafe('VACUUM ANALYZE');
    const { key } = await createMerchantKey(setup.prisma, { org: 'bench' });
    const rows = await setup.prisma.$queryRaw<Array<{ n: bigint }>>`SELECT (SELECT COUNT(*) FROM "Invoice") + (SELECT COUNT(*) FROM "Payment") + (SELECT COUNT(*) FROM "CreditNote") AS n`;
    await setup.close();
    const server = await startServer({ DATABASE_URL: pg.url, APP_SECRET: 'desk-bench-secret-0123456789abcdef' });
    try {
      const signIn = await fetch(`${server.url}/desk/session`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `key=${encodeURIComponent(key)}` });
      const cookie = /^(desk=[^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')![1];
      const get = (path: string) => async () => {
        const res = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });
        const text = await res.text();
        if (res.status !== 200 || !text.includes('Outstanding') && !text.includes('Open invoices')) throw new Error(`${path}: ${res.status}`);
      };
      const desk = stats(await timeRuns(30, get('/desk')));
      const sorted = stats(await timeRuns(30, get('/desk?sort=name&dir=asc')));
      const customer = stats(await timeRuns(30, get('/desk/customers/big')));
      const result = await writeResult('desk', {
        description: `GET /desk over HTTP from a server process (bots/main.ts) on PostgreSQL, signed in; the ledger organization of bench/ledger.ts with ${file.customers.length} customers and ${Number(rows[0].n)} ledger rows. Medians of 30 requests after 3 warm-ups, one at a time.`,
        customers: file.customers.length,
        ledger_rows: Number(rows[0].n),
        desk, desk_sorted_by_name: sorted, customer_page_100k_rows: customer,
      });
      console.log(`desk: GET /desk median ${desk.median_ms} ms, by name ${sorted.median_ms} ms, the 100k-row customer ${customer.median_ms} ms → ${result}`);
    } finally {
      await server.stop();
    }
  } finally {
    await pg.drop();
  }
}
