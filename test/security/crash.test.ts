/**
 * A crash loses no message: rounds of signed Twilio messages, the server killed (SIGKILL) while
 * they are being answered, started again, and every message delivered again as Twilio retries
 * it. Every message ends up answered; one answered twice is possible only where the kill fell
 * between its answer leaving and its record, and is counted and printed.
 */
import { postTwilio, startProductionServer, twilioForm, type ProductionServer } from './production-server';

// Two rounds by default; CI runs ten (CRASH_ROUNDS in .ci/run).
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 2);
const MESSAGES = 400;
const IN_FLIGHT = 40;

let server: ProductionServer;
beforeAll(async () => {
  server = await startProductionServer();
}, 60_000);
afterAll(() => server?.close());

/** Sends every message, `IN_FLIGHT` at a time; a message is answered when its TwiML carries a reply. */
async function deliver(url: string, messages: Array<Record<string, string>>, onAnswer: () => void = () => {}): Promise<Set<string>> {
  const answered = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const params = messages[next++];
      const outcome = await postTwilio(url, params).catch(() => null);
      if (outcome?.status === 200 && outcome.text) {
        answered.add(params.MessageSid);
        onAnswer();
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return answered;
}

test(`${ROUNDS} rounds of ${MESSAGES} messages with a SIGKILL in the middle: none is left unanswered`, async () => {
  const report: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Numbers of different ranges, so no limit silences any of them.
    const messages = Array.from({ length: MESSAGES }, (_, i) => twilioForm(`+1${String(round * MESSAGES + i + 2000).padStart(5, '0')}5550100`, 'hi'));
    let count = 0;
    let killed!: Promise<void>;
    // Killed once a third of the round is answered: many messages are in flight at that moment.
    const first = await deliver(server.url, messages, () => {
      if (++count === Math.floor(MESSAGES / 3)) killed = server.kill();
    });
    await killed;
    server = await server.restart();
    const second = await deliver(server.url, messages);
    const unanswered = messages.filter((m) => !first.has(m.MessageSid) && !second.has(m.MessageSid));
    const twice = messages.filter((m) => first.has(m.MessageSid) && second.has(m.MessageSid));
    report.push(`round ${round + 1}: ${first.size} answered before the kill, ${second.size} on redelivery, ${unanswered.length} unanswered, ${twice.length} answered twice`);
    expect(unanswered.map((m) => m.MessageSid)).toEqual([]);
    expect(first.size).toBeLessThan(MESSAGES);
  }
  console.log(report.join('\n'));
}, 600_000);
