/**
 * Linking, tried by a crowd against a production-configured server: console sessions and phone
 * numbers of the victim's own range ask for codes to one contact and guess them, while a linked
 * customer next door keeps writing. And a prober that compares answers and their timing for
 * addresses on record and not.
 */
import { eventually } from '../support/eventually';
import { postTwilio, startProductionServer, twilioForm, type ProductionServer } from './production-server';

// Eight seconds by default; CI floods for the whole minute (FLOOD_SECONDS in .ci/run).
const FLOOD_SECONDS = Number(process.env.FLOOD_SECONDS ?? 8);
const HANK_PHONE = '+15555550101';
const BILL_PHONE = '+15555550102';

let server: ProductionServer;
beforeAll(async () => {
  server = await startProductionServer();
}, 60_000);
afterAll(() => server?.close());

async function web(path: string, body: object): Promise<{ status: number; body: { sessionId?: string; reply?: { text: string }; error?: string } }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const guess = () => String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test(`30 console sessions and 30 numbers of the victim's range, for ${FLOOD_SECONDS} s: at most 3 codes, at most the allowed guesses, and the neighbour is answered throughout`, async () => {
  const sessions: string[] = [];
  for (let i = 0; i < 40; i++) {
    const started = await web('/web/session', {});
    if (started.body.sessionId) sessions.push(started.body.sessionId);
  }
  // The server issues the sessions, and only so many to one address.
  expect(sessions).toHaveLength(30);
  const numbers = Array.from({ length: 30 }, (_, i) => `+1555555${String(9100 + i)}`);
  const attackers: Array<(text: string) => Promise<unknown>> = [
    ...sessions.map((sessionId) => (text: string) => web('/web/messages', { sessionId, text })),
    ...numbers.map((from) => (text: string) => postTwilio(server.url, twilioForm(from, text))),
  ];
  const until = Date.now() + FLOOD_SECONDS * 1000;
  let attempts = 0;
  const attack = async (say: (text: string) => Promise<unknown>, n: number) => {
    while (Date.now() < until) {
      await say(n % 6 === 0 ? HANK_PHONE : guess()).catch(() => null);
      attempts++;
      n++;
      await pause(50);
    }
  };
  // The neighbour writes every 4 s: well within its own limit of 20 a minute.
  const neighbour: string[] = [];
  const keepWriting = async () => {
    while (Date.now() < until) {
      neighbour.push((await postTwilio(server.url, twilioForm(BILL_PHONE, 'what do I owe'))).text ?? 'silence');
      await pause(4000);
    }
  };
  await Promise.all([...attackers.map((say, i) => attack(say, i)), keepWriting()]);

  expect(attempts).toBeGreaterThan(200);
  expect(server.twilioApi.texts.filter((t) => t.To === HANK_PHONE).length).toBeLessThanOrEqual(3);
  expect(neighbour.length).toBeGreaterThanOrEqual(2);
  expect(neighbour.every((text) => text.startsWith('You owe $4,190.00'))).toBe(true);
  await server.stop();
  const { weighed, linked } = await server.inspect(async (db) => {
    const hank = await db.contact.findFirstOrThrow({ where: { phone: HANK_PHONE } });
    const counter = await db.rateCounter.findMany({ where: { key: `link-wrong:${hank.id}` } });
    return { weighed: counter.reduce((sum, c) => sum + c.count, 0), linked: await db.channelIdentity.count({ where: { contactId: hank.id, channel: { in: ['web', 'sms'] }, address: { not: HANK_PHONE } } }) };
  });
  // Five tries a code, and ten wrong codes a day for the contact from every chat together.
  console.log({ attempts, codes: server.twilioApi.texts.filter((t) => t.To === HANK_PHONE).length, weighed, neighbour: neighbour.length });
  expect(weighed).toBeLessThanOrEqual(10);
  expect(linked).toBe(0);
  server = await server.restart();
}, 120_000);

test('an address on record and one not get the same words, and neither answer waits for the lookup or the send', async () => {
  // The provider takes 4 s to take a message: an answer that waited for the send would come after it.
  server.twilioApi.delayMs = 4000;
  try {
    const texts = server.twilioApi.texts.length;
    const ask = async (from: string, address: string) => (await postTwilio(server.url, twilioForm(from, address))).text!.replace(address, 'X');
    const answers = [
      await ask('+14155550001', BILL_PHONE), await ask('+14255550002', '+15550009999'),
      await ask('+14355550003', 'hank@globex.example'), await ask('+14455550004', 'nobody@nowhere.example'),
    ];
    expect(new Set(answers).size).toBe(1);
    // Every answer is in, and the code for the number on record is still on its way.
    expect(server.twilioApi.texts.length).toBe(texts);
    await eventually(() => server.twilioApi.texts.length === texts + 1, 10_000);
    expect(server.twilioApi.texts.at(-1)!.To).toBe(BILL_PHONE);
  } finally {
    server.twilioApi.delayMs = 0;
  }
}, 30_000);
