import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import restify from 'restify';
import type { DoorDeps } from '../../bots/door';
import { registerSlack } from '../../bots/slack/slack-route';
import { createSlackSender } from '../../bots/slack/slack-sender';
import { loadConfig } from '../../core/config';
import { startApp, type TestApp } from '../support/app';
import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { RecordingGateway } from '../support/conversation';
import { eventually, startSlackStandIn, type SlackCall, type SlackStandIn } from '../support/slack-api';

const SECRET = 'slack-signing-secret-for-the-tests';
const TOKEN = 'xoxb-test-bot-token';
/** The app's clock stands at 2026-11-24T15:00:00Z: Slack's timestamps are signed relative to it. */
const NOW = Date.parse('2026-11-24T15:00:00Z') / 1000;

let slack: SlackStandIn;
let app: TestApp;
let gateway: RecordingGateway;
let counter = 0;
const next = () => ++counter;
const newChannel = () => `D${String(next()).padStart(6, '0')}`;

beforeAll(async () => {
  slack = await startSlackStandIn(TOKEN);
  gateway = new RecordingGateway();
  app = await startApp({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: slack.url }, { payments: gateway });
});
afterAll(async () => {
  await app.close();
  await slack.close();
});

const sign = (body: string, ts: number, secret = SECRET) => `v0=${crypto.createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

/** A request to /slack/events exactly as Slack sends one: the raw body signed with the v0 HMAC. */
async function deliver(body: string, contentType: string, { ts = NOW, signature = sign, headers = {} }: {
  ts?: number; signature?: (body: string, ts: number) => string; headers?: Record<string, string>;
} = {}) {
  const res = await fetch(`${app.url}/slack/events`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': signature(body, ts), ...headers },
    body,
  });
  return { status: res.status, body: await res.text() };
}
const sendEvent = (envelope: object, options?: Parameters<typeof deliver>[2]) => deliver(JSON.stringify(envelope), 'application/json', options);
const sendForm = (fields: Record<string, string>, options?: Parameters<typeof deliver>[2]) =>
  deliver(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);

function envelope(event: Record<string, unknown>, eventId = `Ev${next()}`) {
  return {
    token: 'legacy-verification-token', team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: eventId, event_time: NOW,
    event: { team: 'T0001', ts: `${NOW}.${String(next()).padStart(6, '0')}`, event_ts: `${NOW}.000100`, ...event },
    authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }], is_ext_shared_channel: false,
  };
}
const dm = (text: string, channel: string, user = 'U0001', extra: Record<string, unknown> = {}) =>
  envelope({ type: 'message', channel_type: 'im', channel, user, text, client_msg_id: crypto.randomUUID(), ...extra });

const posts = (channel: string) => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const textOf = (call: SlackCall) => unescape(String(call.args.text));
const buttons = (call: SlackCall) => (call.args.blocks as Array<{ type: string; elements?: any[] }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements!);

/** A DM from the customer; resolves with the bot's answer in that DM. */
async function say(text: string, channel: string, user = 'U0001') {
  const before = posts(channel).length;
  const res = await sendEvent(dm(text, channel, user));
  expect(res.status).toBe(200);
  return eventually(() => posts(channel)[before]);
}

/** The three calls of filesUploadV2 for one channel, with the bytes that reached the upload URL. */
async function uploadTo(channel: string) {
  const done = await eventually(() => slack.calls.find((c) => c.method === 'files.completeUploadExternal' && c.args.channel_id === channel));
  const fileId = done.args.files[0].id as string;
  const asked = slack.calls.find((c) => c.method === 'files.getUploadURLExternal' && c.result?.file_id === fileId)!;
  const upload = slack.uploads.find((u) => u.fileId === fileId)!;
  return { done, asked, upload };
}

test('url_verification: the challenge is echoed, and only when signed', async () => {
  const challenge = { token: 'legacy-verification-token', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' };
  const res = await sendEvent(challenge);
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toEqual({ challenge: challenge.challenge });
  expect((await sendEvent(challenge, { signature: () => 'v0=00' })).status).toBe(401);
});

test('what do I owe: figures as Block Kit with buttons for what to do next', async () => {
  const channel = newChannel();
  const answer = await say('what do I owe', channel);
  expect(textOf(answer)).toMatch(/^You owe \$750\.00 on 3 invoices, \$300\.00 of it overdue/);
  expect(answer.authorization).toBe(`Bearer ${TOKEN}`);
  expect(answer.args.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
  expect(buttons(answer).map((b) => [b.action_id, b.value])).toEqual([
    ['portal_say_0', 'pay everything'], ['portal_say_1', 'unpaid invoices'], ['portal_say_2', 'statement this year'],
  ]);
  // The DM is remembered, so a reminder can reach Hank later.
  const identity = await app.db.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_address: { channel: 'slack', address: 'T0001:U0001' } } });
  expect(identity.conversationRef).toEqual({ channel, team: 'T0001' });
  expect(identity.contactId).not.toBeNull();
});

test('list and show an invoice; its PDF follows as an upload', async () => {
  const channel = newChannel();
  const list = await say('unpaid invoices', channel);
  expect(textOf(list)).toBe('Your unpaid invoices (4):');
  const listed = list.args.blocks.find((b: { type: string }) => b.type === 'rich_text').elements[0];
  expect(listed.type).toBe('rich_text_list');
  const titles = listed.elements.map((e: { elements: Array<{ text: string }> }) => e.elements[0].text);
  expect(titles).toHaveLength(4);
  expect(titles).toContain('INV-000003');

  const one = await say('invoice 3', channel);
  expect(textOf(one)).toMatch(/^Invoice INV-000003 for \$300\.00/);
  const fields = (one.args.blocks as Array<{ type: string; fields?: Array<{ text: string }> }>).flatMap((b) => (b.fields ?? []).map((f) => f.text));
  expect(fields).toContain('*Balance due*\n$300.00');
  const { asked, upload } = await uploadTo(channel);
  expect(asked.args.filename).toBe('INV-000003.pdf');
  expect(upload.bytes.subarray(0, 4).toString()).toBe('%PDF');
}, 30_000);

test('pay invoice: a link button to the payment page', async () => {
  const answer = await say('pay invoice 3', newChannel());
  const pay = buttons(answer).find((b) => b.url);
  expect(pay).toMatchObject({ type: 'button', style: 'primary', text: { text: 'Pay $300.00' }, url: `https://pay.example/checkout/${gateway.requests.length}` });
  expect(gateway.requests.at(-1)!.origin).toEqual({ channel: 'slack', address: 'T0001:U0001' });
});

test('statement: answered at once, the PDF uploaded after (getUploadURLExternal → bytes → completeUploadExternal)', async () => {
  const channel = newChannel();
  const res = await sendEvent(dm('statement for November', channel));
  expect(res).toEqual({ status: 200, body: '' });
  // Acknowledged before any of the work: nothing was rendered or uploaded yet.
  expect(slack.calls.some((c) => c.method === 'files.completeUploadExternal' && c.args.channel_id === channel)).toBe(false);
  const answer = await eventually(() => posts(channel)[0]);
  expect(textOf(answer)).toMatch(/^Statement for /);
  const { done, asked, upload } = await uploadTo(channel);
  expect(asked.args.filename).toBe('statement-2026-11-01-2026-11-24.pdf');
  expect(Number(asked.args.length)).toBe(upload.bytes.length);
  expect(upload.bytes.subarray(0, 4).toString()).toBe('%PDF');
  expect(done.args.files[0].title).toBe('Statement 2026-11-01 to 2026-11-24');
}, 30_000);

test('a button press (block_actions) is said back into the conversation', async () => {
  const channel = newChannel();
  const asked = await say('invoice 2', channel);
  expect(textOf(asked)).toMatch(/^Did you mean INV-000002 or RET-00002\?/);
  const button = buttons(asked).find((b) => b.text.text === 'INV-000002')!;
  const payload = {
    type: 'block_actions', user: { id: 'U0001', username: 'hank', name: 'hank', team_id: 'T0001' }, api_app_id: 'A0001', token: 'legacy-verification-token',
    container: { type: 'message', message_ts: asked.result!.ts, channel_id: channel, is_ephemeral: false },
    trigger_id: `${next()}.1.abc`, team: { id: 'T0001', domain: 'acme' }, enterprise: null, is_enterprise_install: false,
    channel: { id: channel, name: 'directmessage' }, message: { type: 'message', ts: asked.result!.ts, text: asked.args.text, blocks: asked.args.blocks },
    response_url: `${slack.url}/response/actions/${next()}`,
    actions: [{ action_id: button.action_id, block_id: 'b1', text: button.text, value: button.value, type: 'button', action_ts: `${NOW}.5` }],
    state: { values: {} },
  };
  const res = await sendForm({ payload: JSON.stringify(payload) });
  expect(res.status).toBe(200);
  const answer = await eventually(() => posts(channel)[1]);
  expect(textOf(answer)).toMatch(/^Invoice INV-000002 for \$500\.00/);
  await uploadTo(channel);
}, 30_000);

test('/portal: acknowledged empty, answered through response_url to the asker only; alone it says hello', async () => {
  const command = (text: string) => {
    const n = next();
    return {
      token: 'legacy-verification-token', team_id: 'T0001', team_domain: 'acme', channel_id: 'C0GENERAL', channel_name: 'general',
      user_id: 'U0001', user_name: 'hank', command: '/portal', text, api_app_id: 'A0001', is_enterprise_install: 'false',
      response_url: `${slack.url}/response/commands/${n}`, trigger_id: `${n}.2.def`,
    };
  };
  const owe = command('what do I owe');
  expect(await sendForm(owe)).toEqual({ status: 200, body: '' });
  const answered = await eventually(() => slack.responses.find((r) => owe.response_url.endsWith(r.path)));
  expect(answered.body.response_type).toBe('ephemeral');
  expect(unescape(answered.body.text)).toMatch(/^You owe \$750\.00/);

  const hello = command('');
  expect((await sendForm(hello)).status).toBe(200);
  const greeted = await eventually(() => slack.responses.find((r) => hello.response_url.endsWith(r.path)));
  expect(unescape(greeted.body.text)).toMatch(/^Hi Hank! This is Acme Supplies Ltd's customer portal for Globex Corp/);
  expect(slack.calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0GENERAL')).toBe(false);
});

test('/portal remind overdue: the merchant\'s listed Slack admin starts a run and reads its summary; anyone else is told no and nothing goes', async () => {
  const file = fixtureFile() as ReturnType<typeof fixtureFile> & { organization: { notify?: object } };
  file.organization.notify = { slackAdmins: ['U0ADMIN'] };
  await load(app.db.prisma, file);
  const command = (user: string, text: string) => {
    const n = next();
    return {
      token: 'legacy-verification-token', team_id: 'T0001', team_domain: 'acme', channel_id: 'C0AR', channel_name: 'accounts',
      user_id: user, user_name: user.toLowerCase(), command: '/portal', text, api_app_id: 'A0001', is_enterprise_install: 'false',
      response_url: `${slack.url}/response/commands/${n}`, trigger_id: `${n}.3.ghi`,
    };
  };
  const stranger = command('U0001', 'remind overdue');
  expect((await sendForm(stranger)).status).toBe(200);
  const refused = await eventually(() => slack.responses.find((r) => stranger.response_url.endsWith(r.path)));
  expect(unescape(refused.body.text)).toBe(':warning: Only the Slack users your import lists as "slackAdmins" can send reminders from here.');
  expect(await app.db.prisma.reminder.count()).toBe(0);

  const admin = command('U0ADMIN', 'remind overdue');
  expect((await sendForm(admin)).status).toBe(200);
  const summary = await eventually(() => slack.responses.find((r) => admin.response_url.endsWith(r.path)));
  expect(summary.body.response_type).toBe('ephemeral');
  expect(unescape(summary.body.text)).toBe('Reminders for acme: 1 going out now (slack 1); 0 waiting for the customer\'s quiet hours to end; 0 skipped. Each one sent or failed shows in your events.');
  expect(await app.db.prisma.reminder.count()).toBe(1);
});

test('a mention in a channel is answered in the DM, never in the channel', async () => {
  const before = posts('D-U0001').length;
  const res = await sendEvent(envelope({ type: 'app_mention', channel: 'C0GENERAL', user: 'U0001', text: '<@UBOT> what do I owe' }));
  expect(res.status).toBe(200);
  const answer = await eventually(() => posts('D-U0001')[before]);
  expect(textOf(answer)).toMatch(/^You owe \$750\.00/);
  expect(slack.calls.some((c) => c.method === 'conversations.open' && c.args.users === 'U0001')).toBe(true);
  expect(slack.calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0GENERAL')).toBe(false);
});

test('an unlinked Slack user is offered linking and sees no data', async () => {
  const answer = await say('what do I owe', newChannel(), 'U0999');
  expect(textOf(answer)).toMatch(/^Hi! To see your account here, I first need to link this chat/);
  expect(JSON.stringify(answer.args)).not.toMatch(/\$|Globex|INV-/);
});

test('a bad signature, a tampered body and a stale or future timestamp are refused before anything is done', async () => {
  const receipts = await app.db.prisma.inboundReceipt.count();
  const channel = newChannel();
  const body = JSON.stringify(dm('what do I owe', channel));
  const refused = [
    await deliver(body, 'application/json', { signature: (b, ts) => sign(b, ts, 'not-the-secret') }),
    await deliver(body, 'application/json', { signature: (_b, ts) => sign(body.replace('owe', 'own'), ts) }),
    await deliver(body, 'application/json', { signature: () => '' }),
    await deliver(body, 'application/json', { ts: NOW - 5 * 60 - 1 }),
    await deliver(body, 'application/json', { ts: NOW + 5 * 60 + 1 }),
  ];
  expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
  expect(await app.db.prisma.inboundReceipt.count()).toBe(receipts);
  // Within the window it is taken, and it is the only answer in that DM.
  expect((await deliver(body, 'application/json', { ts: NOW - 5 * 60 })).status).toBe(200);
  await eventually(() => posts(channel)[0]);
  await say('my invoices', channel);
  expect(posts(channel)).toHaveLength(2);
});

test('a retried delivery (X-Slack-Retry-Num, same event_id) is answered once', async () => {
  const channel = newChannel();
  const event = dm('what do I owe', channel);
  expect((await sendEvent(event)).status).toBe(200);
  await eventually(() => posts(channel)[0]);
  const retry = await sendEvent(event, { headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } });
  expect(retry.status).toBe(200);
  await say('my invoices', channel);
  expect(posts(channel).map(textOf).filter((t) => t.startsWith('You owe'))).toHaveLength(1);
});

test('a file shared in the DM is fetched with the bot token from Slack only, and kept', async () => {
  const channel = newChannel();
  const url = slack.privateFile('/files-pri/T0001-F0001/download/remittance.pdf', Buffer.from('%PDF-1.4 remittance advice'), 'application/pdf');
  const file = { id: 'F0001', name: 'remittance.pdf', title: 'remittance.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 26, url_private: url, url_private_download: url };
  const before = posts(channel).length;
  await sendEvent(dm('', channel, 'U0001', { subtype: 'file_share', files: [file] }));
  const answer = await eventually(() => posts(channel)[before]);
  expect(textOf(answer)).toMatch(/^Thanks! I've passed "remittance\.pdf" to Acme Supplies Ltd/);
  const kept = await app.db.prisma.sharedDocument.findFirstOrThrow({ where: { sharedBy: 'customer', fileName: 'remittance.pdf' } });
  expect(Buffer.from(kept.content).toString()).toBe('%PDF-1.4 remittance advice');

  // A file "on Slack" at another host never gets the token.
  const elsewhere = { ...file, id: 'F0002', name: 'other.pdf', url_private: 'https://attacker.example/f.pdf', url_private_download: 'https://attacker.example/f.pdf' };
  await sendEvent(dm('', channel, 'U0001', { subtype: 'file_share', files: [elsewhere] }));
  const sorry = await eventually(() => posts(channel)[before + 1]);
  expect(textOf(sorry)).toMatch(/^:warning: Sorry, I couldn't download your file/);
});

test("another customer's invoice, by every reference form, answers as a missing one", async () => {
  const channel = newChannel();
  const forms = ['invoice 42', 'invoice INV-000042', 'invoice inv-42', 'invoice #42', 'pay invoice 42', 'receipt for invoice 42', 'forward invoice 42 to <mailto:a@b.co|a@b.co>'];
  for (const theirs of forms) {
    const a = await say(theirs, channel);
    const b = await say(theirs.replace('42', '43'), channel);
    const whole = (call: SlackCall) => JSON.stringify({ text: call.args.text, blocks: call.args.blocks });
    expect(whole(a)).not.toMatch(/4,200|4,190|Initech/);
    expect(whole(a).replace(/42/g, 'N')).toBe(whole(b).replace(/43/g, 'N'));
  }
});

describe('outbound (receipts, reminders)', () => {
  const door = (): DoorDeps => {
    const config = loadConfig({ PUBLIC_BASE_URL: 'https://portal.example.com', APP_SECRET: 'test-secret-that-is-long-enough-1234567890', SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: slack.url });
    return { config, log: pino({ level: 'silent' }), core: app.core };
  };

  test('go to the remembered DM channel', async () => {
    const channel = newChannel();
    await say('hi', channel);
    const before = posts(channel).length;
    await createSlackSender(door()).send({ channel: 'slack', address: 'T0001:U0001' }, { text: 'Your payment of $50.00 was received.' });
    expect(textOf(posts(channel)[before])).toBe('Your payment of $50.00 was received.');
  });

  test('a remembered DM that went stale is replaced by a newly opened one', async () => {
    await app.db.prisma.channelIdentity.create({ data: { channel: 'slack', address: 'T0001:U0888', conversationRef: { channel: 'STALE-1', team: 'T0001' } } });
    await createSlackSender(door()).send({ channel: 'slack', address: 'T0001:U0888' }, { text: 'Your receipt.' });
    expect(textOf(posts('D-U0888')[0])).toBe('Your receipt.');
    const identity = await app.db.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_address: { channel: 'slack', address: 'T0001:U0888' } } });
    expect(identity.conversationRef).toEqual({ channel: 'D-U0888', team: 'T0001' });
  });

  test('open a DM with conversations.open when none is known, and remember it', async () => {
    await createSlackSender(door()).send({ channel: 'slack', address: 'T0001:U0777' }, { text: 'Invoice INV-000003 is due.' });
    expect(slack.calls.find((c) => c.method === 'conversations.open' && c.args.users === 'U0777')).toBeDefined();
    expect(textOf(posts('D-U0777')[0])).toBe('Invoice INV-000003 is due.');
    const identity = await app.db.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_address: { channel: 'slack', address: 'T0001:U0777' } } });
    expect(identity.conversationRef).toEqual({ channel: 'D-U0777', team: 'T0001' });
  });
});

test.each([
  ['without a signing secret', { SLACK_BOT_TOKEN: TOKEN }],
  ['in production without a bot token', { NODE_ENV: 'production', APP_SECRET: 'test-secret-that-is-long-enough-1234567890', SLACK_SIGNING_SECRET: SECRET }],
])('the route is off (503) %s', async (_case, env) => {
  const server = restify.createServer();
  registerSlack(server, { config: loadConfig(env), log: pino({ level: 'silent' }), core: app.core });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const body = JSON.stringify(dm('what do I owe', newChannel()));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Slack-Request-Timestamp': String(NOW), 'X-Slack-Signature': sign(body, NOW) }, body,
    });
    expect(res.status).toBe(503);
  } finally {
    server.close();
    (server.server as unknown as { closeAllConnections(): void }).closeAllConnections();
  }
});
