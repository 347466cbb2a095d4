import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../core/db/open-database';
import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { ROOT, TS_NODE } from '../support/server-process';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { startTwilioApi, type TwilioApiStandIn } from '../support/twilio-api';

const SID = 'AC33333333333333333333333333333333';
const TOKEN = 'twilio-token-for-the-remind-command';

/** `npm run -s remind` on an embedded database with the Twilio API played locally. */
describe('npm run -s remind', () => {
  let twilio: TwilioApiStandIn;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let pg: TestDatabase | null;
  // Asynchronously: the Twilio stand-in answers from this very process.
  const run = (...args: string[]) => new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(TS_NODE[0], [...TS_NODE.slice(1), 'scripts/remind.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });

  beforeAll(async () => {
    twilio = await startTwilioApi(SID, TOKEN);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-remind-'));
    // PostgreSQL where the machine has one for tests (each command opens it in a moment), else the embedded database.
    pg = process.env.TEST_DATABASE_URL ? await openTestDatabase('postgres') : null;
    const db = pg ?? await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    const file = fixtureFile() as ReturnType<typeof fixtureFile> & { customers: Array<{ quietHours?: object }> };
    // Quiet hours that never come, and only INV-000002 overdue: the run does not depend on the day or hour it runs at.
    for (const c of file.customers) c.quietHours = { start: '00:00', end: '00:00' };
    for (const invoice of file.invoices) if (invoice.number !== 'INV-000002') invoice.dueDate = '2099-12-31';
    await load(db.prisma, file);
    if (!pg) await db.close();
    env = {
      ...process.env, DATA_DIR: dataDir, DATABASE_URL: pg?.url ?? '', NODE_ENV: '', APP_SECRET: 'remind-command-secret-0123456789abcdef',
      TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_SMS_FROM: '+12125550199', TWILIO_API_URL: twilio.url, PUBLIC_BASE_URL: 'https://portal.example.com',
    };
  }, 60_000);
  afterAll(async () => {
    await twilio.close();
    await pg?.close();
  });

  test('--dry-run says what would go and sends nothing; the run sends once and sums up; a second run sends nothing', async () => {
    const dry = await run('--overdue', '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain('Dry run for acme: nothing was sent.');
    expect(dry.stdout).toContain('  send  c1: 1 invoice, 300.00 USD by sms');
    expect(twilio.texts).toEqual([]);

    const sent = await run('--overdue');
    expect(sent.status).toBe(0);
    expect(sent.stdout).toContain('Reminders for acme: 1 customer looked at.\n  sent: 1 (sms 1)\n  waiting for quiet hours to end: 0\n  skipped: 0\n  failed: 0');
    expect(sent.stderr).toContain('1/1 reminders handed over');
    // No payment provider is set up here: the reminder goes without a link rather than not at all.
    expect(twilio.texts.map((t) => [t.To, t.Body])).toEqual([['+15555550101', 'Hi Hank, a reminder from Acme Supplies Ltd: INV-000002 ($300.00) is due, $300.00 in all. Reply to tell me when you\'ll pay, or if something is wrong.']]);

    const again = await run('--customer', 'c1');
    expect(again.stdout).toContain('skipped: 1 (reminded today already 1)');
    expect(twilio.texts).toHaveLength(1);

    const wrong = await run('--overdue', '--invoice', 'INV-000002');
    expect([wrong.status, wrong.stderr]).toEqual([1, expect.stringContaining('give one of --overdue, --invoice NUMBER or --customer KEY')]);
  }, 120_000);
});
