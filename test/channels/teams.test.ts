import type { AddressInfo } from 'node:net';
import crypto from 'node:crypto';
import pino from 'pino';
import restify from 'restify';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { createTeamsSender } from '../../bots/teams/teams-sender';
import { registerTeams } from '../../bots/teams/teams-route';
import { FILE_DOWNLOAD_INFO } from '../../bots/teams/to-inbound';
import { loadConfig, type Config } from '../../core/config';
import { PUBLIC_BASE_URL, startApp, type TestApp } from '../support/app';
import { RecordingGateway } from '../support/conversation';
import { BOT_APP_ID, TeamsConnector, type AdaptiveCard, type ConnectorActivity } from '../support/teams-connector';

const SECRET = 'test-secret-that-is-long-enough-1234567890';
const HANK = 'tid-1:29:abc';
let app: TestApp;
let gateway: RecordingGateway;
let connector: TeamsConnector;
let seq = 0;

beforeAll(async () => {
  connector = await new TeamsConnector().start();
  gateway = new RecordingGateway();
  // No Microsoft* settings: the Emulator's mode, as in development.
  app = await startApp({}, { payments: gateway });
});
afterAll(async () => {
  await app.close();
  await connector.close();
});

const settings = (env: NodeJS.ProcessEnv = {}): Config => loadConfig({ PUBLIC_BASE_URL, APP_SECRET: SECRET, LOG_LEVEL: 'silent', ...env });

/** A message activity as Teams (or the Emulator imitating it) posts one: Hank, in his personal chat with the bot. */
function activity(text: string | undefined, extra: Record<string, unknown> = {}) {
  return {
    type: 'message', id: `f:${++seq}`, timestamp: new Date().toISOString(), channelId: 'msteams', serviceUrl: connector.serviceUrl,
    from: { id: '29:abc', aadObjectId: '6f1c3c4e-0000-0000-0000-00000000hank', name: 'Hank Scorpio' },
    conversation: { id: 'a:conv-hank', conversationType: 'personal', tenantId: 'tid-1' },
    recipient: { id: '28:portal-bot', name: 'Portal' },
    text, textFormat: 'plain', locale: 'en-US', channelData: { tenant: { id: 'tid-1' } },
    ...extra,
  };
}

/** Posts an activity to /api/messages and returns what the connector received meanwhile. */
async function post(body: object, { base = app.url, authorization }: { base?: string; authorization?: string } = {}) {
  const before = connector.calls.length;
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
    body: JSON.stringify(body),
  });
  await res.text();
  return { status: res.status, calls: connector.calls.slice(before) };
}

/** Says something as Hank (or as `extra` says) and returns the one reply. */
async function say(text: string | undefined, extra: Record<string, unknown> = {}): Promise<ConnectorActivity> {
  const sent = activity(text, extra);
  const { status, calls } = await post(sent);
  expect(status).toBe(200);
  expect(calls).toHaveLength(1);
  expect(calls[0].path).toBe(`/v3/conversations/${encodeURIComponent(sent.conversation.id)}/activities/${encodeURIComponent(sent.id)}`);
  return calls[0].body;
}

const cardOf = (reply: ConnectorActivity): AdaptiveCard | undefined => reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
const bodyText = (card: AdaptiveCard | undefined) => JSON.stringify(card?.body ?? []);

describe('Teams in the Emulator mode (no MicrosoftAppId)', () => {
  test('what do I owe: a reply to the activity, its three choices as suggested actions, no token on it', async () => {
    const before = connector.calls.length;
    const reply = await say('what do I owe');
    expect(reply.text).toMatch(/^You owe \$750\.00 on 3 invoices, \$300\.00 of it overdue/);
    expect(reply.replyToId).toBe(`f:${seq}`);
    expect(reply.suggestedActions!.actions.map((a) => a.value)).toEqual(['pay everything', 'unpaid invoices', 'statement this year']);
    expect(connector.calls[before].authorization).toBeUndefined();
  });

  test('list and show an invoice; a question with two answers offers them as suggested actions', async () => {
    const list = await say('unpaid invoices');
    expect(list.text).toContain('Your unpaid invoices (4):');
    const card = cardOf(list)!;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(bodyText(card)).toContain('INV-000002');
    expect(card.actions.filter((a) => a.type === 'Action.Submit').map((a) => a.data!.say)).toContain('statement this year');

    const question = await say('invoice 2');
    expect(question.text).toMatch(/^Did you mean INV-000002 or RET-00002\?/);
    expect(question.attachments ?? []).toEqual([]);
    expect(question.suggestedActions!.actions).toEqual([
      expect.objectContaining({ type: 'imBack', title: 'INV-000002', value: 'INV-000002' }),
      expect.objectContaining({ type: 'imBack', title: 'RET-00002', value: 'RET-00002' }),
    ]);
    const picked = await say('the first one');
    expect(picked.text).toMatch(/^Invoice INV-000002 for \$500\.00/);
    const document = cardOf(picked)!.actions.find((a) => a.type === 'Action.OpenUrl' && a.url!.startsWith(`${PUBLIC_BASE_URL}/files/`));
    expect(document?.title).toContain('INV-000002');
  });

  test('pay invoice: a card whose Action.OpenUrl goes to the payment page', async () => {
    const reply = await say('pay invoice 3');
    const pay = cardOf(reply)!.actions[0];
    expect(pay).toMatchObject({ type: 'Action.OpenUrl', title: 'Pay $300.00', url: `https://pay.example/checkout/${gateway.requests.length}` });
    expect(gateway.requests.at(-1)!.origin).toEqual({ channel: 'teams', address: HANK });
  });

  test('statement PDF: a card action to the signed /files link, which serves the PDF', async () => {
    const reply = await say('statement for November');
    const link = cardOf(reply)!.actions.find((a) => a.type === 'Action.OpenUrl')!.url!;
    expect(link).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/files/`));
    const pdf = await fetch(app.local(link));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  }, 30_000);

  test('an Action.Submit button comes back as a message with value { say } and is answered as said', async () => {
    const list = await say('unpaid invoices');
    const statement = cardOf(list)!.actions.find((a) => a.type === 'Action.Submit' && a.data!.say === 'statement this year')!;
    const reply = await say(undefined, { value: statement.data });
    expect(reply.text).toMatch(/statement/i);
    expect(cardOf(reply)!.actions.some((a) => a.url?.startsWith(`${PUBLIC_BASE_URL}/files/`))).toBe(true);
  });

  test('a retried activity (same id) is answered once', async () => {
    const sent = activity('what do I owe');
    expect((await post(sent)).calls).toHaveLength(1);
    const again = await post(sent);
    expect(again.status).toBe(200);
    expect(again.calls).toHaveLength(0);
  });

  test('an unlinked Teams user is offered linking and sees no data', async () => {
    const reply = await say('what do I owe', { from: { id: '29:stranger', aadObjectId: 'aad-stranger' }, conversation: { id: 'a:conv-stranger', conversationType: 'personal', tenantId: 'tid-1' } });
    expect(reply.text).toMatch(/^Hi! To see your account here, I first need to link this chat/);
    expect(JSON.stringify(reply)).not.toMatch(/\$|INV-|Globex/);
    // The same user id in another tenant is another identity.
    const elsewhere = await say('what do I owe', { channelData: { tenant: { id: 'tid-other' } }, conversation: { id: 'a:conv-x', conversationType: 'personal', tenantId: 'tid-other' } });
    expect(elsewhere.text).toMatch(/^Hi! To see your account here/);
  });

  test('in a group chat the @mention is stripped, buttons go in a card and the chat is not kept for reminders', async () => {
    const group = { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tid-1' };
    const reply = await say('<at>Portal</at> invoice 2', {
      conversation: group,
      entities: [{ type: 'mention', text: '<at>Portal</at>', mentioned: { id: '28:portal-bot', name: 'Portal' } }],
    });
    expect(reply.text).toMatch(/^Did you mean INV-000002 or RET-00002\?/);
    expect(reply.suggestedActions).toBeUndefined();
    expect(cardOf(reply)!.actions.map((a) => [a.type, a.data?.say])).toEqual([['Action.Submit', 'INV-000002'], ['Action.Submit', 'RET-00002']]);
    await say('no');
    const kept = await app.db.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_address: { channel: 'teams', address: HANK } } });
    expect(kept.conversationRef).toMatchObject({ conversation: { id: 'a:conv-hank' } });
  });

  test('the personal chat is remembered, and a proactive message through createTeamsSender reaches it', async () => {
    await say('hello');
    const row = await app.db.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_address: { channel: 'teams', address: HANK } } });
    expect(row.conversationRef).toMatchObject({
      channelId: 'msteams', serviceUrl: connector.serviceUrl,
      conversation: { id: 'a:conv-hank', tenantId: 'tid-1' }, user: { id: '29:abc' }, bot: { id: '28:portal-bot' },
    });

    const sender = createTeamsSender({ config: settings(), core: app.core });
    const before = connector.calls.length;
    await sender.send({ channel: 'teams', address: HANK }, { text: 'INV-000002 is overdue: $300.00 due.', link: { label: 'Pay $300.00', url: 'https://pay.example/reminder' } });
    const [call] = connector.calls.slice(before);
    expect(call.path).toMatch(new RegExp(`^/v3/conversations/${encodeURIComponent('a:conv-hank')}/activities`));
    expect(call.body.text).toBe('INV-000002 is overdue: $300.00 due.');
    expect(cardOf(call.body)!.actions[0]).toMatchObject({ type: 'Action.OpenUrl', title: 'Pay $300.00', url: 'https://pay.example/reminder' });
    await expect(sender.send({ channel: 'teams', address: 'tid-1:29:never-wrote' }, { text: 'hi' })).rejects.toMatchObject({ code: 'not_found' });
  });

  test('a file shared in the chat is fetched from its download link and kept; other hosts are refused', async () => {
    const downloadUrl = connector.serveFile('remittance.pdf', 'application/pdf', Buffer.from('%PDF-1.4 remittance advice'));
    const reply = await say('', {
      attachments: [
        { contentType: FILE_DOWNLOAD_INFO, name: 'remittance.pdf', contentUrl: 'https://globex.sharepoint.com/personal/hank/remittance.pdf', content: { downloadUrl, uniqueId: 'u-1', fileType: 'pdf' } },
        { contentType: 'text/html', content: '<p>here you go</p>' },
      ],
    });
    expect(reply.text).toMatch(/^Thanks! I've passed "remittance\.pdf" to Acme Supplies Ltd/);
    const doc = await app.db.prisma.sharedDocument.findFirstOrThrow({ where: { sharedBy: 'customer', title: 'remittance.pdf' } });
    expect(Buffer.from(doc.content).toString()).toBe('%PDF-1.4 remittance advice');

    const requests = connector.fileRequests.length;
    const refused = await say('', { attachments: [{ contentType: FILE_DOWNLOAD_INFO, name: 'x.pdf', content: { downloadUrl: 'http://169.254.169.254/latest/meta-data/x.pdf', fileType: 'pdf' } }] });
    expect(refused.text).toMatch(/couldn't download your file/);
    expect(connector.fileRequests.length).toBe(requests);
  });

  test("another customer's invoice, by every reference form, answers as a missing one", async () => {
    const forms = ['invoice 42', 'invoice INV-000042', 'invoice inv-42', 'invoice #42', 'pay invoice 42', 'receipt for invoice 42'];
    const shown = (reply: ConnectorActivity) => JSON.stringify({ text: reply.text, attachments: reply.attachments, suggestedActions: reply.suggestedActions });
    for (const theirs of forms) {
      const a = shown(await say(theirs));
      const b = shown(await say(theirs.replace('42', '43')));
      expect(a).not.toMatch(/4,200|4,190|Initech/);
      expect(a.replace(/42/g, 'N')).toBe(b.replace(/43/g, 'N'));
    }
  });
});

/** The Teams door alone on a server of its own, sharing the test app's portal: for settings startApp does not take. */
async function serveTeams(config: Config, auth?: Parameters<typeof registerTeams>[2]) {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  registerTeams(server, { config, log: pino({ level: 'silent' }), core: app.core }, auth);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close() {
      server.close();
      (server.server as unknown as { closeAllConnections(): void }).closeAllConnections();
    },
  };
}

test('production without MicrosoftAppId: the route is off (503) and nothing is sent', async () => {
  const production = settings({ NODE_ENV: 'production' });
  const teams = await serveTeams(production);
  try {
    const { status, calls } = await post(activity('what do I owe'), { base: teams.url });
    expect(status).toBe(503);
    expect(calls).toHaveLength(0);
    await expect(createTeamsSender({ config: production, core: app.core }).send({ channel: 'teams', address: HANK }, { text: 'hi' })).rejects.toMatchObject({ code: 'unavailable' });
  } finally {
    teams.close();
  }
});

/** The SDK gets outbound tokens from Entra ID through MSAL, which needs https: the stand-in signs replies itself. */
class StandInCredentials extends ConfigurationServiceClientCredentialFactory {
  override async createCredentials(): ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']> {
    return {
      async signRequest(request) {
        request.headers.set('authorization', 'Bearer outbound-test-token');
        return request;
      },
    };
  }
}

describe('Teams with MicrosoftAppId: Bot Framework tokens checked by the SDK against the stand-in', () => {
  const config = settings({ MicrosoftAppId: BOT_APP_ID, MicrosoftAppPassword: 'test-app-password' });
  const auth = () => ({ settings: connector.authSettings, credentials: new StandInCredentials({ MicrosoftAppId: BOT_APP_ID, MicrosoftAppPassword: 'test-app-password' }) });
  let teams: Awaited<ReturnType<typeof serveTeams>>;
  let quiet: jest.SpyInstance;
  beforeAll(async () => {
    teams = await serveTeams(config, auth());
    // The SDK reports each refusal on console.error.
    quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(() => {
    quiet.mockRestore();
    teams.close();
  });

  test('refused before anything is recorded: missing, garbage, wrong audience, expired, other serviceUrl (401), bad signature (500)', async () => {
    const receipts = await app.db.prisma.inboundReceipt.count();
    const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, string | undefined, number]> = [
      ['missing', undefined, 401],
      ['garbage', 'Bearer not-a-token', 401],
      ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`, 401],
      ['wrong audience', `Bearer ${connector.sign({ aud: 'someone-elses-bot' })}`, 401],
      ['expired', `Bearer ${connector.sign({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 })}`, 401],
      ['other serviceUrl', `Bearer ${connector.sign({ serviceurl: 'https://smba.trafficmanager.net/amer/' })}`, 401],
      ['bad signature', `Bearer ${connector.sign({}, stranger)}`, 500],
    ];
    for (const [what, authorization, status] of cases) {
      const { status: got, calls } = await post(activity('what do I owe'), { base: teams.url, authorization });
      expect({ what, status: got, calls: calls.length }).toEqual({ what, status, calls: 0 });
    }
    expect(await app.db.prisma.inboundReceipt.count()).toBe(receipts);
  });

  test('a valid token is answered, the reply carries the bot token, and an inline picture is fetched with it', async () => {
    const token = `Bearer ${connector.sign({})}`;
    const { status, calls } = await post(activity('what do I owe'), { base: teams.url, authorization: token });
    expect(status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0].body.text).toMatch(/^You owe \$750\.00/);
    expect(calls[0].authorization).toBe('Bearer outbound-test-token');

    const picture = connector.serveFile('photo.png', 'image/png', Buffer.from('\x89PNG remittance photo'));
    const sent = await post(activity('', { attachments: [{ contentType: 'image/png', contentUrl: picture, name: 'photo.png' }] }), { base: teams.url, authorization: token });
    expect(sent.calls[0].body.text).toMatch(/^Thanks! I've passed "photo\.png"/);
    expect(connector.fileRequests.at(-1)).toEqual({ path: '/files/photo.png', authorization: 'Bearer outbound-test-token' });
  });

  test('a message from another channel on the same registration (Direct Line chooses its own ids) is ignored', async () => {
    const receipts = await app.db.prisma.inboundReceipt.count();
    const { status, calls } = await post(activity('what do I owe', { channelId: 'directline' }), { base: teams.url, authorization: `Bearer ${connector.sign({})}` });
    expect(status).toBe(200);
    expect(calls).toHaveLength(0);
    expect(await app.db.prisma.inboundReceipt.count()).toBe(receipts);
  });

  test('a proactive message is signed with the bot token', async () => {
    const before = connector.calls.length;
    await createTeamsSender({ config, core: app.core }, auth()).send({ channel: 'teams', address: HANK }, { text: 'Your receipt is ready.' });
    expect(connector.calls.slice(before)).toEqual([expect.objectContaining({ authorization: 'Bearer outbound-test-token', body: expect.objectContaining({ text: 'Your receipt is ready.' }) })]);
  });
});
