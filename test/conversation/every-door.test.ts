import crypto from 'node:crypto';
import twilio from 'twilio';
import { PUBLIC_BASE_URL, startApp, type TestApp } from '../support/app';
import { RecordingGateway } from '../support/conversation';
import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { startMailbox, type Mailbox } from '../support/mailbox';
import { eventually, startSlackStandIn, type SlackStandIn } from '../support/slack-api';
import { TeamsConnector } from '../support/teams-connector';

/**
 * Transcripts on every door: Hank (customer c1 of the fixture, with 21 more unpaid invoices:
 * 30 in all) writes the same things by SMS, WhatsApp, Slack, Teams and the web console,
 * through each door's real wire format, and reads what that door shows him.
 */
const TWILIO_TOKEN = 'twilio-test-auth-token';
const TWILIO_SID = 'AC00000000000000000000000000000000';
const SLACK_SECRET = 'slack-signing-secret-for-the-tests';
const SLACK_TOKEN = 'xoxb-test-bot-token';
const NOW = Date.parse('2026-11-24T15:00:00Z') / 1000;
const EXTRA = 21;

let app: TestApp;
let slack: SlackStandIn;
let teams: TeamsConnector;
let mailbox: Mailbox;
let seq = 0;

beforeAll(async () => {
  [slack, teams, mailbox] = await Promise.all([startSlackStandIn(SLACK_TOKEN), new TeamsConnector().start(), startMailbox()]);
  app = await startApp({
    DEMO: '1', TWILIO_ACCOUNT_SID: TWILIO_SID, TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.url, SMTP_URL: mailbox.url,
  }, { payments: new RecordingGateway() });
  const file = fixtureFile();
  for (let n = 0; n < EXTRA; n++) {
    const day = `2026-0${1 + Math.floor(n / 4)}-${String(2 + (n % 4) * 7).padStart(2, '0')}`;
    file.invoices.push({ number: `INV-${String(100 + n).padStart(6, '0')}`, customer: 'c1', date: day, dueDate: '2026-12-31', total: '10.00', status: 'sent' });
  }
  await load(app.db.prisma, file);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await Promise.all([slack?.close(), teams?.close(), mailbox?.close()]);
});

/** Everything one answer shows, flattened: its text, its list, its buttons and what they say. */
type Door = { name: string; say(text: string): Promise<string>; offersMore: RegExp; pageSize: number };

function twilioDoor(name: 'sms' | 'whatsapp'): Door {
  const from = name === 'sms' ? '+15555550101' : 'whatsapp:+15555550101';
  return {
    name, pageSize: name === 'sms' ? 3 : 8, offersMore: name === 'sms' ? /Reply MORE for the next\./ : /Reply "more"/,
    async say(text) {
      const params = { MessageSid: `SM${String(++seq).padStart(32, '0')}`, AccountSid: TWILIO_SID, From: from, To: name === 'sms' ? '+12125550199' : 'whatsapp:+12125550199', Body: text, NumMedia: '0' };
      const res = await fetch(`${app.url}/twilio/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_BASE_URL}/twilio/messages`, params) },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(200);
      const twiml = await res.text();
      return (/<Body>([\s\S]*?)<\/Body>/.exec(twiml)?.[1] ?? '').replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    },
  };
}

function slackDoor(): Door {
  const channel = 'D0EVERY1';
  return {
    name: 'slack', pageSize: 8, offersMore: /"value":"more"/,
    async say(text) {
      const before = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel).length;
      const body = JSON.stringify({
        token: 'legacy', team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: `Ev${++seq}`, event_time: NOW,
        event: { type: 'message', channel_type: 'im', channel, user: 'U0001', text, client_msg_id: crypto.randomUUID(), team: 'T0001', ts: `${NOW}.${String(seq).padStart(6, '0')}`, event_ts: `${NOW}.000100` },
        authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }], is_ext_shared_channel: false,
      });
      const signature = `v0=${crypto.createHmac('sha256', SLACK_SECRET).update(`v0:${NOW}:${body}`).digest('hex')}`;
      const res = await fetch(`${app.url}/slack/events`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Slack-Request-Timestamp': String(NOW), 'X-Slack-Signature': signature }, body });
      expect(res.status).toBe(200);
      const post = await eventually(() => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel)[before]);
      return JSON.stringify(post.args).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    },
  };
}

function teamsDoor(): Door {
  return {
    name: 'teams', pageSize: 8, offersMore: /"say":"more"/,
    async say(text) {
      const before = teams.calls.length;
      const activity = {
        type: 'message', id: `f:${++seq}`, timestamp: new Date().toISOString(), channelId: 'msteams', serviceUrl: teams.serviceUrl,
        from: { id: '29:abc', aadObjectId: '6f1c3c4e-0000-0000-0000-00000000hank', name: 'Hank Scorpio' },
        conversation: { id: 'a:conv-hank', conversationType: 'personal', tenantId: 'tid-1' }, recipient: { id: '28:portal-bot', name: 'Portal' },
        text, textFormat: 'plain', locale: 'en-US', channelData: { tenant: { id: 'tid-1' } },
      };
      const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
      await res.text();
      expect(res.status).toBe(200);
      const calls = teams.calls.slice(before);
      expect(calls).toHaveLength(1);
      return JSON.stringify(calls[0].body);
    },
  };
}

function webDoor(): Door {
  let sessionId: string | undefined;
  const post = async (path: string, body: object) => (await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
  return {
    name: 'web', pageSize: 8, offersMore: /"say":"more"/,
    async say(text) {
      if (!sessionId) {
        const hank = await app.db.prisma.contact.findFirstOrThrow({ where: { name: 'Hank Scorpio' } });
        ({ sessionId } = await post('/web/session', { contactId: hank.id }));
      }
      const { reply } = await post('/web/messages', { sessionId, text });
      return JSON.stringify(reply);
    },
  };
}

const DOORS: Door[] = [twilioDoor('sms'), twilioDoor('whatsapp'), slackDoor(), teamsDoor(), webDoor()];
const numbers = (seen: string) => new Set(seen.match(/\b(?:INV-\d{6}|RET-\d{5})\b/g));
const dash = (door: Door) => (door.name === 'sms' ? '-' : '–');

describe.each(DOORS.map((door, n) => [door.name, door, n] as const))('%s', (_name, door, n) => {
  test('paging: 30 invoices, a page, "more", "more" again; every page offers the next', async () => {
    const size = door.pageSize;
    const first = await door.say('my invoices');
    expect(first).toContain('Your invoices (30):');
    expect(first).toMatch(door.offersMore);
    const second = await door.say('more');
    expect(second).toContain(`Your invoices, ${size + 1}${dash(door)}${2 * size} of 30:`);
    expect(second).toMatch(door.offersMore);
    const third = await door.say('show more');
    expect(third).toContain(`Your invoices, ${2 * size + 1}${dash(door)}${3 * size} of 30:`);
    // Three pages, none repeating another's invoices: what "more" shows is what came next.
    const pages = [first, second, third].map(numbers);
    expect(pages.map((p) => p.size)).toEqual([size, size, size]);
    expect(new Set(pages.flatMap((p) => [...p])).size).toBe(3 * size);
  });

  test('forwarding a statement by e-mail: the PDF attached, the address a contact once', async () => {
    const to = `jane.${door.name}@example.com`;
    const seen = await door.say(`send my statement for March to ${to}`);
    expect(seen).toContain(`Sent the statement for Mar 1, 2026 ${dash(door)} Mar 31, 2026 to ${to} by e-mail, with the PDF attached.`);
    const mail = await eventually(() => mailbox.mails.find((m) => m.to === to));
    expect(subjectOf(mail.raw)).toBe('Statement for Mar 1, 2026 – Mar 31, 2026 from Acme Supplies Ltd');
    expect(mail.raw).toMatch(/Content-Type: application\/pdf; name="?statement-2026-03-01-2026-03-31\.pdf/);
    expect(mail.raw).toContain('JVBERi0'); // "%PDF-", base64: the file itself, not only its link
    expect(await door.say(`forward statement for March to ${to.toUpperCase()}`)).not.toContain("I've added");
    expect(await app.db.prisma.contact.count({ where: { email: to } })).toBe(1);
  });

  test('the payments filters: retainer, offline, online', async () => {
    const retainer = await door.say('retainer payments');
    expect(retainer).toContain('Your retainer payments (1):');
    expect(numbersOfPayments(retainer)).toEqual(['PMT-00004']);
    const offline = await door.say('offline payments');
    expect(offline).toContain('Your payments recorded offline (cheque, cash, transfer) (5):');
    expect(await door.say('payments made online')).toContain('I have no payments made online from you on record.');
  });

  test('a promise and a dispute, with no reminder first, reach the merchant', async () => {
    const promised = `INV-${String(100 + n).padStart(6, '0')}`;
    const disputed = `INV-${String(110 + n).padStart(6, '0')}`;
    expect(await door.say(`I'll pay invoice ${promised} on Friday`)).toContain(`I've noted that you'll pay ${promised}`);
    expect(await door.say(`invoice ${disputed} is wrong, I never ordered this`)).toContain(`${disputed} looks wrong to you`);
    const promise = await app.db.prisma.paymentPromise.findFirstOrThrow({ where: { invoice: { number: promised } } });
    expect(promise.date.toISOString().slice(0, 10)).toBe('2026-11-27');
    expect(await app.db.prisma.dispute.count({ where: { invoice: { number: disputed } } })).toBe(1);
    const events = await app.db.prisma.event.findMany({ where: { type: { in: ['promise.made', 'dispute.opened'] } } });
    expect(events.filter((e) => JSON.stringify(e.data).includes(promised)).map((e) => e.type)).toEqual(['promise.made']);
    expect(events.filter((e) => JSON.stringify(e.data).includes(disputed)).map((e) => e.type)).toEqual(['dispute.opened']);
  });
});

/** The Subject header, unfolded, its quoted-printable encoded words (RFC 2047) decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)![1].replace(/\?=\r?\n[ \t]+=\?/g, '?==?');
  return header.replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, text: string) =>
    Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'));
}

function numbersOfPayments(seen: string): string[] {
  return [...new Set(seen.match(/\bPMT-\d{5}\b/g))];
}
