import twilio from 'twilio';
import { PUBLIC_BASE_URL, startApp, type TestApp } from '../support/app';
import { eventually } from '../support/eventually';
import { startMailbox, type Mailbox } from '../support/mailbox';
import { startTwilioApi, type TwilioApiStandIn } from '../support/twilio-api';

const TOKEN = 'twilio-test-auth-token';
const SID = 'AC11111111111111111111111111111111';
let app: TestApp;
let mailbox: Mailbox;
let api: TwilioApiStandIn;
let mails: Mailbox['mails'];
let texts: TwilioApiStandIn['texts'];
let n = 0;

beforeAll(async () => {
  mailbox = await startMailbox();
  api = await startTwilioApi(SID, TOKEN);
  ({ mails } = mailbox);
  ({ texts } = api);
  app = await startApp({
    TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_SMS_FROM: '+12125550199', TWILIO_API_URL: api.url,
    SMTP_URL: mailbox.url, MAIL_FROM: 'Acme portal <portal@acme.example>',
  });
});
afterAll(async () => {
  await app.close();
  await mailbox.close();
  await api.close();
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
  await eventually(() => mails.length === 1);
  expect(mails[0].to).toBe('hank@globex.example');
  const code = /code is (\d{6})/.exec(mails[0].raw)![1];
  expect(await sms(stranger, code)).toMatch(/^You're linked as Hank Scorpio of Globex Corp\./);
  expect(await sms(stranger, 'what do I owe')).toMatch(/^You owe \$750\.00/);
});

test('a code to a phone on record goes by SMS through the Twilio API', async () => {
  const stranger = '+15550003334';
  await sms(stranger, '+1 555 555 0101');
  await eventually(() => texts.length > 0);
  expect(texts.at(-1)).toMatchObject({ To: '+15555550101', From: '+12125550199' });
  expect(texts.at(-1)!.Body).toMatch(/Your customer portal code is \d{6}/);
});

test('forwarding an invoice e-mails the PDF and its link and adds the contact', async () => {
  expect(await sms('+15555550101', 'forward invoice 3 to jane@acme.example')).toBe("Sent invoice INV-000003 to jane@acme.example by e-mail, with the PDF attached. I've added jane@acme.example as a contact for Globex Corp.");
  const mail = mails.at(-1)!;
  expect(mail.to).toBe('jane@acme.example');
  // The text is quoted-printable: its soft line breaks joined, the link reads whole.
  expect(mail.raw.replace(/=\r?\n/g, '')).toContain(`${PUBLIC_BASE_URL}/files/`);
  expect(mail.raw).toMatch(/Content-Disposition: attachment;\s+filename=INV-000003\.pdf/);
});
