/**
 * npm run -s intent-model: trains the parser's fallback guess (core/conversation/parser/
 * guess-intent.ts) on the labelled corpora and writes core/conversation/parser/intent-model.json:
 * per intent, how often each word, word pair and marker occurs in its lines. The rules see
 * every message first; the model is asked only when they find no intent. JSON, not TypeScript:
 * the server reads it with JSON.parse, without compiling a large module.
 */
import fs from 'node:fs';
import path from 'node:path';
import { featuresOf } from '../core/conversation/parser/guess-intent';
import { guessInputOf, understand } from '../core/conversation/parser/parse-intent';

const CORPUS_DIR = path.resolve(__dirname, '../test/fixtures/corpus');
/** Every labelled corpus but the ones kept to measure the model on, named on the command line (--hold NAME…). */
const hold = new Set(process.argv.slice(2).filter((a) => a !== '--hold'));
const files = fs.readdirSync(CORPUS_DIR).filter((name) => name.endsWith('.jsonl') && !hold.has(name)).sort();
const OUT = path.resolve(__dirname, '../core/conversation/parser/intent-model.json');

const lines = files.flatMap((name) => fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8').split('\n').filter((l) => l.trim()))
  .map((l) => JSON.parse(l) as { text: string; now: string; expect: { intent: string } });
const intents = [...new Set(lines.map((l) => l.expect.intent))].sort();
const counts: Record<string, number[]> = Object.create(null);
const totals = intents.map(() => 0);
const docs = intents.map(() => 0);
for (const line of lines) {
  const c = intents.indexOf(line.expect.intent);
  docs[c] += 1;
  const understood = understand(line.text, line.now);
  if (!understood) continue;
  for (const feature of featuresOf(guessInputOf(understood))) {
    (counts[feature] ??= intents.map(() => 0))[c] += 1;
    totals[c] += 1;
  }
}
const priors = docs.map((n) => Math.log(n / lines.length));
const round = (n: number) => Math.round(n * 1e4) / 1e4;
// Sparse: per feature, [intent index, count, intent index, count, …] for the intents it occurs in.
const sparse = Object.fromEntries(Object.keys(counts).sort().map((f) => [f, counts[f].flatMap((n, c) => (n ? [c, n] : []))]));
const model = { source: `${files.join(', ')} (${lines.length} lines)`, intents, priors: priors.map(round), totals, vocabulary: Object.keys(counts).length, counts: sparse };
fs.writeFileSync(OUT, `${JSON.stringify(model)}\n`);
console.log(`${lines.length} lines of ${files.join(', ')}; ${Object.keys(counts).length} features → ${OUT}`);
