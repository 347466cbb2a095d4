import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { PUBLIC_BASE_URL, startApp, type TestApp } from '../support/app';
import { RecordingGateway } from '../support/conversation';

const TOKEN = 'twilio-test-auth-token';
const SID = 'AC00000000000000000000000000000000';
let app: TestApp;
let gateway: RecordingGateway;
let media: http.Server;
let mediaUrl: string;
let sid = 0;

beforeAll(async () => {
  // Twilio's media host: answers only with the account's credentials.
  media = http.createServer((req, res) => {
    const ok = req.headers.authorization === `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`;
    res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/pdf' });
    res.end(ok ? '%PDF-1.4 remittance advice' : '');
  });
  await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
  mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
  gateway = new RecordingGateway();
  app = await startApp({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_API_URL: mediaUrl }, { payments: gateway });
});
afterAll(async () => {
  await app.close();
  media.close();
});

/** Posts a webhook exactly as Twilio does: form-encoded, signed over the public URL. */
async function post(params: Record<string, string>, path = '/twilio/messages', sign: (url: string, p: Record<string, string>) => string = (url, p) => twilio.getExpectedTwilioSignature(TOKEN, url, p)) {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': sign(`${PUBLIC_BASE_URL}${path}`, params) },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: await res.text() };
}

function inbound(from: string, body: string, extra: Record<string, string> = {}) {
  return { MessageSid: `SM${String(++sid).padStart(32, '0')}`, AccountSid: SID, From: from, To: from.startsWith('whatsapp:') ? 'whatsapp:+12125550199' : '+12125550199', Body: body, NumMedia: '0', ...extra };
}

const bodyOf = (twiml: string) => (/<Body>([\s\S]*?)<\/Body>/.exec(twiml)?.[1] ?? '').replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const mediaOf = (twiml: string) => /<Media>([^<]+)<\/Media>/.exec(twiml)?.[1]?.replace(/&amp;/g, '&');

describe.each([['sms', '+15555550101'], ['whatsapp', 'whatsapp:+15555550101']])('Twilio %s', (channel, from) => {
  test('what do I owe', async () => {
    const { status, body } = await post(inbound(from, 'what do I owe'));
    expect(status).toBe(200);
    expect(bodyOf(body)).toMatch(/^You owe \$750\.00 on 3 invoices, \$300\.00 of it overdue/);
  });

  test('list and show an invoice', async () => {
    const list = bodyOf((await post(inbound(from, 'unpaid invoices'))).body);
    expect(list).toContain('Your unpaid invoices (4):');
    // SMS shows three at a time, in plain GSM-7 (two or three segments), and says how to see the rest; WhatsApp lists them all.
    if (channel === 'sms') {
      expect(list).toContain('...and 1 more. Reply MORE for the next.');
      expect(list).toMatch(/^[\x20-\x7e\n$]*$/);
      expect(list.length).toBeLessThanOrEqual(459);
      const rest = bodyOf((await post(inbound(from, 'MORE'))).body);
      expect(rest).toMatch(/^Your unpaid invoices, 4-4 of 4:/);
      expect(rest.split('\n')).toHaveLength(2);
    } else {
      expect(list).toContain('INV-000002');
      expect(list).not.toContain('more');
    }
    const one = await post(inbound(from, 'invoice 2'));
    expect(bodyOf(one.body)).toMatch(/^Did you mean INV-000002 or RET-00002\?/);
    const picked = await post(inbound(from, 'the first one'));
    expect(bodyOf(picked.body)).toMatch(/^Invoice INV-000002 for \$500\.00/);
  });

  test('pay invoice: a payment link', async () => {
    const { body } = await post(inbound(from, 'pay invoice 3'));
    expect(bodyOf(body)).toContain(`Pay $300.00: https://pay.example/checkout/${gateway.requests.length}`);
    expect(gateway.requests.at(-1)!.origin).toEqual({ channel, address: '+15555550101' });
  });

  test('statement PDF: media on WhatsApp, a link on SMS; the link serves the PDF', async () => {
    const { body } = await post(inbound(from, 'statement for November'));
    const link = channel === 'whatsapp' ? mediaOf(body) : /PDF: (\S+)/.exec(bodyOf(body))?.[1];
    expect(link).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/files/`));
    if (channel === 'sms') expect(mediaOf(body)).toBeUndefined();
    const pdf = await fetch(app.local(link!));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  }, 30_000);

  test('a retried delivery (same MessageSid) is answered once', async () => {
    const message = inbound(from, 'what do I owe');
    expect(bodyOf((await post(message)).body)).toMatch(/^You owe/);
    const again = await post(message);
    expect(again.status).toBe(200);
    expect(again.body).not.toContain('<Message');
  });

  test('a bad signature is refused and nothing is done', async () => {
    const before = await app.db.prisma.inboundReceipt.count();
    const forged = await post(inbound(from, 'what do I owe'), '/twilio/messages', (url, p) => twilio.getExpectedTwilioSignature('wrong-token', url, p));
    expect(forged.status).toBe(403);
    const localUrl = await post(inbound(from, 'what do I owe'), '/twilio/messages', (_url, p) => twilio.getExpectedTwilioSignature(TOKEN, `${app.url}/twilio/messages`, p));
    expect(localUrl.status).toBe(403);
    expect(await app.db.prisma.inboundReceipt.count()).toBe(before);
  });

  test('an unlinked number is offered linking and sees nothing', async () => {
    const { body } = await post(inbound(channel === 'whatsapp' ? 'whatsapp:+15550004444' : '+15550004444', 'what do I owe'));
    expect(bodyOf(body)).toMatch(/^Hi! To see your account here, I first need to link this chat/);
  });

  test("another customer's invoice, by every reference form, answers as a missing one", async () => {
    const forms = ['invoice 42', 'invoice INV-000042', 'invoice inv-42', 'invoice #42', 'pay invoice 42', 'receipt for invoice 42', 'forward invoice 42 to a@b.co'];
    for (const theirs of forms) {
      const a = bodyOf((await post(inbound(from, theirs))).body);
      const b = bodyOf((await post(inbound(from, theirs.replace('42', '43')))).body);
      expect(a).not.toMatch(/4,200|4,190|Initech/);
      expect(a.replace(/42/g, 'N')).toBe(b.replace(/43/g, 'N'));
    }
  });
});

test('SMS STOP is recorded but left for Twilio to answer; WhatsApp STOP is answered by us', async () => {
  const sms = await post(inbound('+15555550101', 'STOP'));
  expect(sms.body).not.toContain('<Message');
  const wa = await post(inbound('whatsapp:+15555550101', 'stop texting me'));
  expect(bodyOf(wa.body)).toMatch(/^You're unsubscribed/);
  const rows = await app.db.prisma.channelIdentity.findMany({ where: { address: '+15555550101' }, select: { channel: true, optedOut: true }, orderBy: { channel: 'asc' } });
  expect(rows).toEqual([{ channel: 'sms', optedOut: true }, { channel: 'whatsapp', optedOut: true }]);
  await post(inbound('+15555550101', 'START'));
  await post(inbound('whatsapp:+15555550101', 'START'));
});

test('media sent by the customer is fetched with the account credentials and kept', async () => {
  const { body } = await post(inbound('whatsapp:+15555550101', '', { NumMedia: '1', MediaUrl0: `${mediaUrl}/2010-04-01/Accounts/${SID}/Messages/MM1/Media/ME1`, MediaContentType0: 'application/pdf' }));
  expect(bodyOf(body)).toMatch(/^Thanks! I've passed "WhatsApp file 1\.pdf" to Acme Supplies Ltd/);
  const doc = await app.db.prisma.sharedDocument.findFirstOrThrow({ where: { sharedBy: 'customer' } });
  expect(Buffer.from(doc.content).toString()).toBe('%PDF-1.4 remittance advice');
});

test('delivery status callbacks are signed and keep the furthest status', async () => {
  const status = (s: string) => post({ MessageSid: 'SM-status-1', To: '+15555550101', MessageStatus: s, AccountSid: SID }, '/twilio/status');
  expect((await status('sent')).status).toBe(204);
  await status('delivered');
  await status('sent');
  expect(await app.db.prisma.outboundMessage.findUniqueOrThrow({ where: { providerId: 'SM-status-1' } })).toMatchObject({ status: 'delivered' });
  expect((await post({ MessageSid: 'SM-x', MessageStatus: 'sent' }, '/twilio/status', () => 'forged')).status).toBe(403);
});
