/**
 * The parser on the sample corpus (per message, in-process) and the whole dialogue for
 * "what do I owe" on the demo organization in the embedded database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fixedClock } from '../core/clock';
import { handleMessage } from '../core/conversation/handle-message';
import { parseIntent } from '../core/conversation/parser';
import { openDatabase } from '../core/db/open-database';
import { importOrganization } from '../core/import/import-organization';
import { DEMO_FILE } from '../core/start-portal';
import { stats, timeRuns, writeResult } from './support';

const CORPUS_DIR = path.resolve(__dirname, '../test/fixtures/corpus');
const SAMPLE = ['intents.sample.jsonl'];
/** Other phrasings, with their typos: the two-edit typo search runs on more of their words. */
const HELD_BACK = fs.readdirSync(CORPUS_DIR).filter((name) => /^held-back.*\.jsonl$/.test(name)).sort();

function parserTimes(files: string[]): number[] {
  const lines = files.flatMap((name) => fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; now: string }));
  for (let i = 0; i < 50; i++) for (const l of lines) parseIntent(l.text, l.now);
  const times: number[] = [];
  for (let round = 0; round < 200; round++) {
    for (const l of lines) {
      const start = process.hrtime.bigint();
      parseIntent(l.text, l.now);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return times;
}

export async function benchConversation() {
  const parser = stats(parserTimes(SAMPLE));
  const heldBack = stats(parserTimes(HELD_BACK));
  const database = await openDatabase({});
  try {
    await importOrganization(database.prisma, DEMO_FILE);
    const deps = {
      db: database.prisma, clock: fixedClock('2026-11-24T15:00:00Z'),
      secret: 'bench-secret-that-is-long-enough-0123456789', payments: { createCheckout: async () => ({ url: 'https://pay.example' }) },
      documents: { link: () => ({ url: 'https://files.example/t', token: 't' }) },
    };
    let n = 0;
    const owe = stats(await timeRuns(200, () => handleMessage(deps, { channel: 'whatsapp', address: '+15555550101', text: 'what do I owe', messageId: `b${n++}` }), 20));
    const file = await writeResult('conversation', {
      description: `Parser: every line of the sample corpus, and apart every line of the held-back corpora (${HELD_BACK.join(', ')}), 200 rounds, per message in-process. Dialogue: "what do I owe" from a linked WhatsApp identity on the demo organization, PGlite, whole handleMessage.`,
      targets: { parser_p99_ms: 1, what_do_i_owe_median_ms_pglite: 20 },
      parser_per_message: parser,
      parser_per_message_held_back: heldBack,
      what_do_i_owe_pglite: owe,
    });
    console.log(`conversation: parser p99 ${parser.p99_ms} ms (held-back corpora ${heldBack.p99_ms} ms), "what do I owe" median ${owe.median_ms} ms → ${file}`);
  } finally {
    await database.close();
  }
}
