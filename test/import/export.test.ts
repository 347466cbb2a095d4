import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../core/db/open-database';
import { recordOfflinePayment } from '../../core/payments/record-offline-payment';
import { fixedClock } from '../../core/clock';
import { fixtureFile, TODAY } from '../support/fixture';
import { load } from '../support/load';
import { ROOT, TS_NODE } from '../support/server-process';

test('npm run -s export prints the portal\'s payments in the import format; loading them back counts each once', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-export-'));
  const dbDir = path.join(dataDir, 'pglite');
  let db = await openDatabase({ dataDir: dbDir });
  await load(db.prisma, fixtureFile());
  const clock = fixedClock(`${TODAY}T15:00:00Z`);
  const scope = { all: false as const, orgId: (await db.prisma.organization.findFirstOrThrow()).id, orgKey: 'acme' };
  await recordOfflinePayment({ db: db.prisma, clock, scope, input: { customer: 'c1', amount: '120.00', date: '2026-11-20', mode: 'cheque', reference: 'chq 881', invoices: [{ number: 'INV-000003', amount: '120.00' }] } });
  await recordOfflinePayment({ db: db.prisma, clock, scope, input: { customer: 'c1', amount: '5.00', date: '2026-10-01', mode: 'cash' } });
  await db.close();

  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: '' };
  const run = (...args: string[]) => spawnSync(TS_NODE[0], [...TS_NODE.slice(1), 'scripts/export.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  const refused = run('--org', 'acme', '--since', '2026-02-30');
  expect([refused.status, refused.stderr]).toEqual([1, expect.stringContaining('--since needs a day as YYYY-MM-DD')]);

  const exported = run('--org', 'acme', '--since', '2026-11-01');
  expect(exported.stderr).toBe('');
  const payments = JSON.parse(exported.stdout) as Array<Record<string, unknown>>;
  expect(payments).toEqual([{
    number: expect.stringMatching(/^PMT-/), customer: 'c1', date: '2026-11-20', amount: '120.00', currency: 'USD', mode: 'cheque', reference: 'chq 881',
    applied: [{ invoice: 'INV-000003', amount: '120.00' }], portalPayment: payments[0].number, provider: null, providerPaymentId: null,
  }]);

  db = await openDatabase({ dataDir: dbDir });
  try {
    const before = await db.prisma.payment.count();
    const file = fixtureFile();
    file.payments.push(...(payments.map(({ currency: _c, provider: _p, providerPaymentId: _i, ...p }) => ({ ...p, number: 'BOOKS-1', reference: 'chq 881' })) as never[]));
    const summary = await load(db.prisma, file);
    expect(summary.portalPaymentsMatched).toBe(1);
    expect(await db.prisma.payment.count()).toBe(before);
    expect((await db.prisma.invoice.findFirstOrThrow({ where: { number: 'INV-000003' } })).balance).toBe(18000n);
  } finally {
    await db.close();
  }
}, 60_000);
