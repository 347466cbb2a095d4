import { startApp, type TestApp } from '../support/app';

/** Demo mode end to end: a payment link from the console, the sandbox checkout, the receipt back in the console. */
let app: TestApp;
beforeAll(async () => {
  app = await startApp({});
});
afterAll(() => app.close());

async function post(path: string, body: object) {
  const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

test('"pay invoice 3" in the web console leads through the sandbox page to a recorded payment and a receipt in the console', async () => {
  const contact = await app.db.prisma.contact.findFirstOrThrow({ where: { name: 'Hank Scorpio' } });
  const { sessionId } = await post('/web/session', { contactId: contact.id });
  const say = async (text: string) => (await post('/web/messages', { sessionId, text })).reply;
  const { link } = await say('pay invoice 3');
  expect(link.label).toBe('Pay $300.00');
  const page = await fetch(app.local(link.url));
  expect(await page.text()).toContain('Pay $300.00');
  const paid = await fetch(app.local(link.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'outcome=pay', redirect: 'manual' });
  expect(paid.status).toBeLessThan(400);
  const { replies } = await (await fetch(`${app.url}/web/inbox?sessionId=${sessionId}`)).json();
  expect(replies.map((r: { text: string }) => r.text)).toEqual([expect.stringMatching(/^Thank you! We received your payment of \$300\.00 \(PMT-[A-Z0-9-]+\) for INV-000003\./)]);
  expect(replies[0].document.url).toContain('/files/');
  expect((await say('what do I owe')).text).toMatch(/^You owe \$450\.00 on 2 invoices/);
  expect((await (await fetch(`${app.url}/web/inbox?sessionId=${sessionId}`)).json()).replies).toEqual([]);
});
