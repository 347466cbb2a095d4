/**
 * Floods and card numbers, sent as a customer would send them to a production-configured server:
 * a noisy sender never silences a linked neighbour, is told when it may write again, and a card
 * number in any spelling is refused before anything is kept.
 */
import { postTwilio, startProductionServer, twilioForm, type ProductionServer } from './production-server';

let server: ProductionServer;
beforeAll(async () => {
  server = await startProductionServer();
}, 60_000);
afterAll(() => server?.close());

/** Limits count per clock minute: a burst starts early enough in one to end in it. */
async function freshMinute() {
  const second = new Date().getSeconds();
  if (second > 50) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
}

test('200 messages from one customer in half a second: told once when to write again; the neighbour is answered', async () => {
  await freshMinute();
  const flood = await Promise.all(Array.from({ length: 200 }, () => postTwilio(server.url, twilioForm('+15555550101', 'what do I owe'))));
  const texts = flood.map((f) => f.text);
  expect(texts.filter((t) => t?.startsWith('You owe'))).toHaveLength(20);
  const told = texts.filter((t) => t?.startsWith("You're sending messages faster than I can answer. Please wait"));
  expect(told).toHaveLength(1);
  expect(told[0]).toMatch(/Please wait \d{1,2} seconds?, then write again\.$/);
  expect(texts.filter((t) => t === null)).toHaveLength(179);
  expect((await postTwilio(server.url, twilioForm('+15555550102', 'what do I owe'))).text).toMatch(/^You owe \$4,190\.00/);
  expect((await postTwilio(server.url, twilioForm('+15555550199', 'hi'))).text).toMatch(/^Hi! To see your account here/);
});

test('in the console, a sender over its limit is told each time when it may write again', async () => {
  await freshMinute();
  const { sessionId } = await (await fetch(`${server.url}/web/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json();
  const say = async () => (await (await fetch(`${server.url}/web/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sessionId, text: 'hi' }) })).json()).reply?.text;
  const answers = [];
  for (let i = 0; i < 25; i++) answers.push(await say());
  expect(answers.slice(0, 20).every((a) => a.startsWith('Hi! To see your account here'))).toBe(true);
  expect(answers.slice(20).every((a) => /^You're sending messages faster than I can answer\. Please wait \d{1,2} seconds?, then write again\.$/.test(a))).toBe(true);
});

test.each([
  '4111.1111.1111.1111', '4111/1111/1111/1111', '4111_1111_1111_1111', '4111,1111,1111,1111',
  'card 4111\u00a01111\u00a01111\u00a01111 exp 12/29', '４１１１ １１１１ １１１１ １１１１', '5555-5555-5555-4444',
])('a card number written %j gets the warning, not an answer', async (text) => {
  const { text: answer } = await postTwilio(server.url, twilioForm('+15555550102', text));
  expect(answer).toBe("Please don't send card numbers in chat. I didn't keep that message. To pay, ask for a payment link, e.g. \"pay invoice 42\": you enter card details on the secure payment page only.");
});
