/**
 * Random and mutated messages through the whole dialogue, on a real database: no
 * exception, and no reply ever shows the neighbouring customer's data (c2 of the
 * fixture) unless the customer typed it themselves. Also through an unlinked number,
 * which must see no customer data at all.
 */
import { handleMessage } from '../../core/conversation/handle-message';
import { conversationDeps } from '../support/conversation';
import { fixtureFile } from '../support/fixture';
import { fuzzText, prng } from '../support/fuzz-inputs';
import { load } from '../support/load';
import { openTestDatabase, type TestDatabase } from '../support/test-database';

const SEED = 0xd1a10905;
// A seeded 1,000 by default; CI runs the full 100,000 (DIALOGUE_FUZZ_ROUNDS in .ci/run).
const ROUNDS = Number(process.env.DIALOGUE_FUZZ_ROUNDS ?? 1_000);
/** Requests aimed at the neighbour's documents, mutated like the rest. */
const PROBES = ['show invoice 42', 'pay INV-000042', 'pay $10 on inv-42', 'receipt for payment 17', 'receipt PMT-00017', 'order SO-00012', 'where is my order 12', 'forward invoice 42 to a@b.co', 'statement', 'what do I owe', 'the second one', 'yes'];
const NEIGHBOUR = ['INV-000042', 'PMT-00017', 'SO-00012', 'INITECH', 'LUMBERGH', '4,200.00', '4,190.00', '+15555550102'];
const ANY_CUSTOMER_DATA = [...NEIGHBOUR, 'INV-0000', 'GLOBEX', 'HANK', '$'];

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase('pglite');
  await load(db.prisma, fixtureFile());
});
afterAll(() => db.close());

/** "I can't find invoice X on your account" echoes what was typed, the same for any X: not a leak. */
const NOT_FOUND = /I CAN'T FIND (?:INVOICE|ORDER|PAYMENT) \S+ ON YOUR ACCOUNT/g;

function leaks(reply: unknown, typed: string, forbidden: string[]): string[] {
  const shown = JSON.stringify(reply, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)).toUpperCase().replace(NOT_FOUND, '');
  const said = typed.toUpperCase();
  return forbidden.filter((s) => shown.includes(s) && !said.includes(s));
}

test(`${ROUNDS} fuzzed messages: no exception, nothing of another customer (seed ${SEED})`, async () => {
  const random = prng(SEED);
  const deps = conversationDeps(db.prisma);
  const failures: string[] = [];
  for (let round = 0; round < ROUNDS && failures.length < 10; round++) {
    const text = random() < 0.2 ? PROBES[Math.floor(random() * PROBES.length)] + (random() < 0.5 ? '' : fuzzText(random).slice(0, 20)) : fuzzText(random);
    const stranger = random() < 0.05;
    try {
      const reply = await handleMessage(deps, { channel: 'whatsapp', address: stranger ? '+15550000000' : '+15555550101', text, messageId: `f${round}` });
      const found = leaks(reply, text, stranger ? ANY_CUSTOMER_DATA : NEIGHBOUR);
      if (!reply.text) found.push('empty reply');
      if (found.length) failures.push(`round ${round}: ${JSON.stringify(text)} showed ${found.join(', ')}: ${reply.text}`);
    } catch (error) {
      failures.push(`round ${round}: ${JSON.stringify(text)} threw ${String(error)}`);
    }
  }
  expect(failures).toEqual([]);
}, 1_800_000); // CI's 100,000 rounds take about 15 minutes on a busy 2-core machine, more now that the guess answers what the rules left unknown
