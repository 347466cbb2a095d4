/**
 * Demo mode never switches on against a real organization's data by accident: with a database
 * of its own (DATABASE_URL) and no DEMO=1, the console's contact picker, the sandbox checkout
 * and unauthenticated Teams are off. The demo itself listens on this machine only, and its
 * links follow its port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { startServer } from '../support/server-process';
import { openTestDatabase } from '../support/test-database';

async function post(url: string, body: object, type = 'application/json') {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body: type === 'application/json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString(), redirect: 'manual' });
  return { status: res.status, body: await res.text() };
}

// A database of its own is PostgreSQL; the machine has one for tests where TEST_DATABASE_URL is set (CI).
if (process.env.TEST_DATABASE_URL) test('PostgreSQL with an app secret and an admin key but no NODE_ENV: no contact picker, no sandbox, no unauthenticated Teams', async () => {
  const db = await openTestDatabase('postgres');
  await load(db.prisma, fixtureFile());
  const hank = await db.prisma.contact.findFirstOrThrow({ where: { name: 'Hank Scorpio' } });
  const customer = await db.prisma.customer.findFirstOrThrow({ where: { key: 'c1' } });
  await db.prisma.checkoutSession.create({
    data: {
      id: 'co_planted', provider: 'sandbox', providerSessionId: 'sandbox_planted', customerId: customer.id, contactId: hank.id,
      amount: 30000n, currency: 'USD', allocations: [], origin: { channel: 'web', address: 'x' }, methods: ['card'],
    },
  });
  const server = await startServer({ DATABASE_URL: db.url, APP_SECRET: 'a-real-deployment-secret-0123456789', ADMIN_API_KEY: 'operator-key-that-is-long-enough-0123456789', HOST: '127.0.0.1' });
  try {
    expect((await fetch(`${server.url}/web/contacts`)).status).toBe(404);
    // The demo mailbox is the demo's: a real deployment has none to show, whatever is in the table.
    await db.prisma.demoMail.create({ data: { to: 'jane@example.com', subject: 'planted', text: 'planted' } });
    const mailbox = await fetch(`${server.url}/web/mailbox`);
    expect([mailbox.status, await mailbox.text()]).toEqual([404, JSON.stringify({ error: 'not found' })]);
    expect((await post(`${server.url}/web/session`, { contactId: hank.id })).status).toBe(403);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/`)).text()).toContain('const DEMO = false;');
    expect((await fetch(`${server.url}/pay/sandbox/co_planted`)).status).toBe(404);
    expect((await post(`${server.url}/pay/sandbox/co_planted`, { outcome: 'pay' }, 'application/x-www-form-urlencoded')).status).toBe(404);
    expect((await post(`${server.url}/api/messages`, { type: 'message', text: 'what do I owe', from: { id: '29:abc' }, conversation: { id: 'c' }, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9' })).status).toBe(503);
    expect(await db.prisma.payment.count({ where: { online: true } })).toBe(0);
    expect(server.output()).not.toContain('demo organization');
  } finally {
    await server.stop();
    await db.close();
  }
}, 60_000);

test('the demo listens on this machine only, and a PDF link follows the port it was given', async () => {
  const server = await startServer({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'portal-demo-')), PORT: '3988' });
  try {
    expect(server.output()).toContain('portal listening on http://127.0.0.1:3988 (public address http://localhost:3988)');
    const { contacts } = await (await fetch(`${server.url}/web/contacts`)).json();
    const { body } = await post(`${server.url}/web/session`, { contactId: contacts[0].id });
    const { sessionId } = JSON.parse(body);
    const { body: answer } = await post(`${server.url}/web/messages`, { sessionId, text: 'statement for last month' });
    const link: string = JSON.parse(answer).reply.document.url;
    expect(link.startsWith('http://localhost:3988/files/')).toBe(true);
    const pdf = await fetch(link.replace('localhost', '127.0.0.1'));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  } finally {
    await server.stop();
  }
}, 60_000);
