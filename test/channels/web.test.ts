import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { BROWSER_ARGS } from '../../core/documents/chromium-renderer';
import { startApp, type TestApp } from '../support/app';
import { RecordingGateway } from '../support/conversation';

const OUTPUT = path.resolve(__dirname, '../../test-output');
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({}, { payments: new RecordingGateway() });
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: BROWSER_ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app.close();
});

async function post(path: string, body: object) {
  const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** The console in a browser page, Hank picked from the demo contacts and greeted. */
async function consoleAsHank(height: number) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height });
  await page.goto(app.url, { waitUntil: 'networkidle0' });
  await page.click('.contact[data-contact]');
  await page.waitForFunction(() => document.querySelector('[data-role=reply]')?.textContent?.startsWith('Hi Hank!'));
  return page;
}

test('a visitor picks a demo contact, types a question and clicks a button', async () => {
  const page = await consoleAsHank(760);
  await page.type('#text', 'what do I owe');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-role=reply]')].some((r) => r.textContent?.startsWith('You owe $750.00')));
  const [chip] = await page.$$('xpath/.//button[contains(@class, "chip") and normalize-space()="Unpaid invoices"]');
  await chip.click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-role=reply]')].some((r) => r.textContent?.startsWith('Your unpaid invoices (4):')));
  await page.type('#text', 'statement for November');
  await page.keyboard.press('Enter');
  await page.waitForSelector('a.pdf');
  const pdfLink = await page.$eval('a.pdf', (a) => (a as HTMLAnchorElement).href);
  fs.mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT, 'web-console.png') });
  const pdf = await fetch(app.local(pdfLink));
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  expect(fs.statSync(path.join(OUTPUT, 'web-console.png')).size).toBeGreaterThan(10_000);
}, 60_000);

test('the demo: a forwarded statement arrives in the console\'s mailbox with its PDF; documents are cards; "more" pages a list', async () => {
  const page = await consoleAsHank(900);
  const replies = () => page.$$eval('[data-role=reply]', (all) => all.map((r) => r.textContent ?? ''));
  const ask = async (text: string, starts: string) => {
    await page.type('#text', text);
    await page.keyboard.press('Enter');
    await page.waitForFunction((s) => [...document.querySelectorAll('[data-role=reply]')].some((r) => r.textContent?.startsWith(s)), {}, starts);
  };
  await ask('my invoices', 'Your invoices (9):');
  const [more] = await page.$$('xpath/.//button[contains(@class, "chip") and normalize-space()="More"]');
  await more.click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-role=reply]')].some((r) => r.textContent?.startsWith('Your invoices, 9–9 of 9:')));
  await ask('send my statement for March to jane@example.com', 'Sent the statement for Mar 1, 2026 – Mar 31, 2026 to jane@example.com by e-mail, with the PDF attached.');
  await page.waitForFunction(() => document.querySelector('[data-role=mail]')?.textContent?.includes('Statement for Mar 1, 2026 – Mar 31, 2026 from Acme Supplies Ltd'), { timeout: 10_000 });
  const mail = await page.$eval('[data-role=mail]', (m) => ({ text: m.textContent, attachment: m.querySelector('a.doc')?.getAttribute('href') }));
  expect(mail.text).toContain('To jane@example.com');
  const pdf = await fetch(app.local(mail.attachment!));
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  expect((await replies()).some((r) => r.includes('http'))).toBe(false);
  fs.mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT, 'web-console-mailbox.png') });
  await page.close();
  expect(await app.db.prisma.contact.count({ where: { email: 'jane@example.com' } })).toBe(1);
}, 60_000);

test('a session without a contact starts unlinked and sees no data', async () => {
  const { body: session } = await post('/web/session', {});
  const { body } = await post('/web/messages', { sessionId: session.sessionId, text: 'what do I owe' });
  expect(body.reply.text).toMatch(/^Hi! To see your account here, I first need to link this chat/);
});

test('a bad request is refused plainly; a session id the server did not issue is not a chat', async () => {
  expect((await post('/web/messages', { text: 'hi' })).status).toBe(400);
  for (const sessionId of ['short', 'a'.repeat(24), `${'a'.repeat(24)}.${'b'.repeat(22)}`]) {
    const refused = await post('/web/messages', { sessionId, text: 'hi' });
    expect(refused).toEqual({ status: 401, body: { error: 'This chat was not started here, or has ended. Reload the page to start a new one.' } });
  }
});

test("another customer's invoice, by every reference form, answers as a missing one", async () => {
  const contact = await app.db.prisma.contact.findFirstOrThrow({ where: { name: 'Hank Scorpio' } });
  const { body: session } = await post('/web/session', { contactId: contact.id });
  const say = async (text: string) => (await post('/web/messages', { sessionId: session.sessionId, text })).body.reply.text as string;
  for (const theirs of ['invoice 42', 'invoice INV-000042', 'invoice inv-42', 'invoice #42', 'pay invoice 42', 'receipt for invoice 42']) {
    const a = await say(theirs);
    const b = await say(theirs.replace('42', '43'));
    expect(a).not.toMatch(/4,200|4,190|Initech/);
    expect(a.replace(/42/g, 'N')).toBe(b.replace(/43/g, 'N'));
  }
});
