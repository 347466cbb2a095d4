import http from 'node:http';
import { verifiesPortalSignature } from '../support/portal-signature';
import { createMerchantKey } from '../../core/merchant/merchant-keys';
import { getInvoice } from '../../core/portal/get-invoice';
import { startApp, type TestApp } from '../support/app';
import { fixtureFile, TODAY } from '../support/fixture';
import { load, viewerOf } from '../support/load';
import { closeNow, listenLocally } from '../support/local-server';
import { startMailbox, type Mailbox } from '../support/mailbox';
import { startSlackStandIn, type SlackStandIn } from '../support/slack-api';
import { DATABASE_KINDS } from '../support/test-database';

const BOT_TOKEN = 'xoxb-test-bot-token';


describe.each(DATABASE_KINDS)('events reach the merchant on %s', (kind) => {
  let app: TestApp;
  let slack: SlackStandIn;
  let mailbox: Mailbox;
  let receiver: http.Server;
  let receiverUrl: string;
  const received: Array<{ body: string; signature: string }> = [];

  beforeAll(async () => {
    slack = await startSlackStandIn(BOT_TOKEN);
    mailbox = await startMailbox();
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        received.push({ body, signature: String(req.headers['portal-signature']) });
        res.statusCode = 204;
        res.end();
      });
    });
    receiverUrl = await listenLocally(receiver);
    app = await startApp({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.url, SMTP_URL: mailbox.url, MAIL_FROM: 'portal@acme.example' }, {}, kind);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await slack.close();
    await mailbox.close();
    await closeNow(receiver);
  });

  test('a payment and a first view go to the webhook (signed), the Slack channel and one e-mail digest', async () => {
    const file = fixtureFile() as ReturnType<typeof fixtureFile> & { organization: { notify?: object } };
    file.organization.notify = { webhookUrl: `${receiverUrl}/hooks/portal`, slackChannel: 'C0ALERTS', email: 'ar@acme.example' };
    await load(app.db.prisma, file);
    const { webhookSecret } = await createMerchantKey(app.db.prisma, { org: 'acme' });

    await app.core.admin.recordPayment({ all: true }, { org: 'acme', customer: 'c1', amount: '300.00', date: TODAY, mode: 'cheque', invoices: [{ number: 'INV-000003', amount: '300.00' }] });
    const viewer = await viewerOf(app.db.prisma, 'c1');
    const invoice = await app.db.prisma.invoice.findFirstOrThrow({ where: { number: 'INV-000006' } });
    await getInvoice({ db: app.db.prisma, viewer, today: TODAY, id: invoice.id });
    while (await app.core.jobs.runDue());

    const events = received.map((r) => JSON.parse(r.body) as { id: string; type: string; organization: string; data: Record<string, unknown> });
    expect(events.map((e) => e.type)).toEqual(['payment.recorded', 'invoice.first_viewed']);
    expect(events[0]).toMatchObject({
      organization: 'acme',
      data: { customer: 'c1', amount: '300.00', mode: 'cheque', applied: [{ invoice: 'INV-000003', amount: '300.00' }], provider: null },
    });
    expect(events[0].data.portalPayment).toMatch(/^PMT-/);
    for (const r of received) expect(verifiesPortalSignature(webhookSecret, r.signature, r.body)).toBe(true);
    expect(verifiesPortalSignature('whsec_someone_else', received[0].signature, received[0].body)).toBe(false);

    const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((c) => [c.args.channel, c.args.text])).toEqual([
      ['C0ALERTS', 'Globex Corp paid $300.00 by cheque for INV-000003 (recorded offline).'],
      ['C0ALERTS', 'Globex Corp (Hank Scorpio) viewed invoice INV-000006 for the first time.'],
    ]);
    expect(mailbox.mails).toHaveLength(1);
    expect(mailbox.mails[0].to).toBe('ar@acme.example');
    const mail = mailbox.mails[0].raw.replace(/=\r?\n/g, '');
    expect(mail).toContain('Subject: Acme Supplies Ltd: 2 updates from the customer portal');
    expect(mail).toContain('paid $300.00 by cheque for INV-000003');
    expect(mail).toContain('viewed invoice INV-000006 for the first time');

    // Nothing is delivered twice when there is nothing new, and the digest waits for its hour.
    await getInvoice({ db: app.db.prisma, viewer, today: TODAY, id: (await app.db.prisma.invoice.findFirstOrThrow({ where: { number: 'INV-000002' } })).id });
    while (await app.core.jobs.runDue());
    expect(received).toHaveLength(3);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(3);
    expect(mailbox.mails).toHaveLength(1);
  });
});
