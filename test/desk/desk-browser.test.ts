/**
 * The desk in a real browser (Chromium through Puppeteer) against the server as `npm start`
 * runs it (`bots/main.ts`), on the demo organization's books with a merchant key: sign in, read
 * the ageing table and check it against the portal's own figures (each customer's home page),
 * open a customer, remind every overdue customer and watch the progress reach the end (the
 * Twilio API stand-in takes the messages), record an offline payment and see the balance and
 * the feed change. Screenshots of each step at desktop and phone width go to test-output/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { BROWSER_ARGS } from '../../core/documents/chromium-renderer';
import { dayIn } from '../../core/dates';
import { openDatabase, type Db } from '../../core/db/open-database';
import { planImport } from '../../core/import/plan-import';
import { writeImport } from '../../core/import/write-import';
import { createMerchantKey } from '../../core/merchant/merchant-keys';
import { formatMoney } from '../../core/money';
import { getHome } from '../../core/portal/get-home';
import { viewerOf } from '../support/load';
import { ROOT, startServer, type ServerProcess } from '../support/server-process';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { startTwilioApi, type TwilioApiStandIn } from '../support/twilio-api';

const OUTPUT = path.join(ROOT, 'test-output');
const SID = 'AC66666666666666666666666666666666';
const TOKEN = 'desk-browser-twilio-token';
const KIND: 'postgres' | 'pglite' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844, isMobile: true, hasTouch: true } } as const;

let database: TestDatabase | null = null;
let dataDir: string | undefined;
let server: ServerProcess;
let twilio: TwilioApiStandIn;
let browser: Browser;
let key: string;
/** What the portal's own rules say each customer owes, as the desk should show it. */
const expected = new Map<string, { name: string; total: string; overdue: string }>();

async function prepare(db: Db) {
  const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'prisma/demo/demo.json'), 'utf8')) as { organization: { key: string }; customers: Array<Record<string, unknown>> };
  // No quiet hours: the run ends whatever hour the test runs at.
  for (const c of demo.customers) c.quietHours = { start: '00:00', end: '00:00' };
  await writeImport(db, planImport(demo, path.join(ROOT, 'prisma/demo')));
  key = (await createMerchantKey(db, { org: demo.organization.key })).key;
  const org = await db.organization.findUniqueOrThrow({ where: { key: demo.organization.key } });
  const today = dayIn(org.timezone, new Date());
  for (const c of await db.customer.findMany({ where: { orgId: org.id }, orderBy: { id: 'asc' } })) {
    const home = await getHome({ db, viewer: await viewerOf(db, c.key), today });
    if (home.outstandingInvoices > 0n) {
      expected.set(c.key, { name: c.name, total: formatMoney(home.outstandingInvoices, home.currency, org.locale), overdue: formatMoney(home.overdueAmount, home.currency, org.locale) });
    }
  }
}

beforeAll(async () => {
  fs.mkdirSync(OUTPUT, { recursive: true });
  twilio = await startTwilioApi(SID, TOKEN);
  if (KIND === 'postgres') {
    database = await openTestDatabase('postgres');
    await prepare(database.prisma);
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-desk-'));
    const embedded = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    await prepare(embedded.prisma);
    await embedded.close();
  }
  server = await startServer({
    ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }), APP_SECRET: 'desk-browser-secret-0123456789abcdef',
    TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_SMS_FROM: '+12125550199', TWILIO_WHATSAPP_FROM: '+12125550199', TWILIO_API_URL: twilio.url,
    TWILIO_WHATSAPP_REMINDER_TEMPLATE: 'HX0123456789abcdef0123456789abcdef',
  });
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: BROWSER_ARGS });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await twilio?.close();
  await database?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The same page at both widths, for the record. */
async function shoot(page: Page, name: string) {
  const at = page.viewport();
  for (const [width, viewport] of Object.entries(WIDTHS)) {
    await page.setViewport(viewport);
    await page.screenshot({ path: path.join(OUTPUT, `desk-${name}-${width}.png`), fullPage: true });
  }
  if (at) await page.setViewport(at);
}

const cellTexts = (page: Page, selector: string) => page.$$eval(selector, (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent!.trim())));

test('sign in, read who owes what, open a customer, remind everyone overdue, record a payment', async () => {
  const page = await browser.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.setViewport(WIDTHS.desktop);

  await page.goto(`${server.url}/desk`);
  expect(await page.$('#ageing')).toBeNull();
  await shoot(page, '1-sign-in');
  await page.type('input[name=key]', key);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

  // The ageing table against each customer's home figures: total, and overdue = total − current.
  const rows = await cellTexts(page, '#ageing tbody tr');
  expect(rows.map((r) => r[0]).sort()).toEqual([...expected.values()].map((e) => e.name).sort());
  for (const r of rows) {
    const want = [...expected.values()].find((e) => e.name === r[0])!;
    expect(r[6]).toBe(want.total);
    const amount = (text: string) => (text === '–' ? 0 : Number(text.replace(/[^0-9.]/g, '')));
    expect(amount(r[2]) + amount(r[3]) + amount(r[4]) + amount(r[5])).toBeCloseTo(Number(want.overdue.replace(/[^0-9.]/g, '')), 2);
  }
  await shoot(page, '2-who-owes-what');

  const [first] = [...expected.entries()];
  await Promise.all([page.waitForNavigation(), page.click(`a[href="/desk/customers/${first[0]}"]`)]);
  expect(await page.$eval('#c-h', (h) => h.textContent)).toContain(first[1].name);
  await shoot(page, '3-customer');

  await page.goto(`${server.url}/desk`);
  await page.click('form[action="/desk/remind"] button');
  await page.waitForSelector('#run-progress');
  await page.waitForFunction(() => {
    const bar = document.querySelector<HTMLProgressElement>('#run-progress');
    return bar !== null && bar.max > 0 && bar.value >= bar.max;
  }, { timeout: 60_000 });
  const words = await page.$eval('#run-words', (p) => p.textContent!);
  expect(words).toMatch(/^(\d+) of \1 done: \d+ sent.*Finished\.$/);
  expect(twilio.texts.length).toBeGreaterThan(0);
  await shoot(page, '4-reminders-sent');

  await page.goto(`${server.url}/desk/customers/${first[0]}`);
  const before = await cellTexts(page, '#invoices tbody tr');
  await page.type('input[name=amount]', '10.00');
  await page.select('select[name=invoice]', before[0][0]);
  await page.click('form[action="/desk/payments"] button');
  await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent?.startsWith('Recorded PMT-'), { timeout: 30_000 });
  const after = await cellTexts(page, '#invoices tbody tr');
  const left = (rowsOf: string[][]) => Number(rowsOf.find((r) => r[0] === before[0][0])?.[4].replace(/[^0-9.]/g, '') ?? 0);
  expect(left(before) - left(after)).toBeCloseTo(10, 2);
  expect(await page.$$eval('.feed li[data-type="payment.recorded"]', (items) => items.length)).toBeGreaterThan(0);
  await shoot(page, '5-payment-recorded');

  // The feed filtered by kind and customer shows that customer's payments and nothing else.
  await page.goto(`${server.url}/desk`);
  const everything = await page.$$eval('#feed li', (items) => items.map((li) => li.getAttribute('data-type')));
  expect(new Set(everything).size).toBeGreaterThan(1);
  await page.select('select[name=kind]', 'payment');
  await page.type('input[name=customer]', first[0]);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/desk"] button')]);
  const filtered = await page.$$eval('#feed li', (items) => items.map((li) => [li.getAttribute('data-type'), li.getAttribute('data-customer')]));
  expect(filtered.length).toBeGreaterThan(0);
  expect(filtered.every(([type, customer]) => type!.startsWith('payment.') && customer === first[0])).toBe(true);
  await shoot(page, '6-feed-filtered');
}, 180_000);
