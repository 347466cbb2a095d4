import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import twilio from 'twilio';
import { PUBLIC_BASE_URL, startApp, type TestApp } from '../support/app';

const TOKEN = 'twilio-test-auth-token';
const SID = 'AC11111111111111111111111111111111';
let app: TestApp;
let smtp: SMTPServer;
let api: http.Server;
const mails: Array<{ to: string; raw: string }> = [];
const texts: Array<Record<string, string>> = [];
let n = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  // Twilio's REST API: the Messages resource, with the account's basic auth.
  api = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const authorized = req.headers.authorization === `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`;
      if (!authorized || req.url !== `/2010-04-01/Accounts/${SID}/Messages.json`) return void res.writeHead(401).end();
      const form = Object.fromEntries(new URLSearchParams(body));
      texts.push(form);
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ sid: `SM${texts.length}`, status: 'queued', to: form.To, from: form.From, body: form.Body }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  app = await startApp({
    TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_SMS_FROM: '+12125550199', TWILIO_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, MAIL_FROM: 'Acme portal <portal@acme.example>',
  });
});
afterAll(async () => {
  await app.close();
  smtp.close();
  api.close();
});

async function sms(from: string, body: string): Promise<string> {
  const params = { MessageSid: `SMin${++n}`, AccountSid: SID, From: from, To: '+12125550199', Body: body, NumMedia: '0' };
  const res = await fetch(`${app.url}/twilio/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC_BASE_URL}/twilio/messages`, params) },
    body: new URLSearchParams(params).toString(),
  });
  return (/<Body>([\s\S]*?)<\/Body>/.exec(await res.text())?.[1] ?? '').replace(/&apos;/g, "'").replace(/&quot;/g, '"');
}

test('an unknown number links by a code e-mailed through SMTP', async () => {
  const stranger = '+15550003333';
  expect(await sms(stranger, 'hi')).toMatch(/^Hi! To see your account here/);
  expect(await sms(stranger, 'HANK@globex.example')).toMatch(/^If hank@globex\.example is on record, a 6-digit code is on its way/);
  expect(mails).toHaveLength(1);
  expect(mails[0].to).toBe('hank@globex.example');
  const code = /code is (\d{6})/.exec(mails[0].raw)![1];
  expect(await sms(stranger, code)).toMatch(/^You're linked as Hank Scorpio of Globex Corp\./);
  expect(await sms(stranger, 'what do I owe')).toMatch(/^You owe \$750\.00/);
});

test('a code to a phone on record goes by SMS through the Twilio API', async () => {
  const stranger = '+15550003334';
  await sms(stranger, '+1 555 555 0101');
  expect(texts.at(-1)).toMatchObject({ To: '+15555550101', From: '+12125550199' });
  expect(texts.at(-1)!.Body).toMatch(/Your customer portal code is \d{6}/);
});

test('forwarding an invoice e-mails the link and adds the contact', async () => {
  expect(await sms('+15555550101', 'forward invoice 3 to jane@acme.example')).toBe("Sent INV-000003 to jane@acme.example. I've added jane@acme.example as a contact for Globex Corp.");
  const mail = mails.at(-1)!;
  expect(mail.to).toBe('jane@acme.example');
  expect(mail.raw).toContain(`${PUBLIC_BASE_URL}/files/`);
});
