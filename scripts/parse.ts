/**
 * The intent parser in batch (shared/contracts/intents.md):
 *   npm run -s parse -- --jsonl < utterances.jsonl
 * One JSON line in, {"text", "now"}; one JSON line out, in the same order. A bad
 * line gets {"error": "..."} and the run goes on. Streams, so any size of input works.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { format } from 'date-fns';
import { parseIntent } from '../core/conversation/parser';
import { isValidDay } from '../core/dates';

/** A YYYY-MM-DD day from the year 1000 on (earlier ones would not sort as text). */
function isDay(text: string): boolean {
  return isValidDay(text) && text >= '1000';
}

/** Today in this machine's timezone, for lines that give no `now`. */
function today(): string {
  return format(new Date(), 'yyyy-MM-dd');
}

function answer(line: string): object {
  if (line.trim() === '') return { error: 'empty line' };
  let input: unknown;
  try {
    input = JSON.parse(line.replace(/^\uFEFF/, ''));
  } catch {
    return { error: 'not valid JSON' };
  }
  if (typeof input !== 'object' || input === null || typeof (input as { text?: unknown }).text !== 'string') {
    return { error: 'expected an object with a "text" string' };
  }
  const { text, now } = input as { text: string; now?: unknown };
  if (now !== undefined && (typeof now !== 'string' || !isDay(now))) return { error: '"now" must be a date YYYY-MM-DD' };
  return parseIntent(text, now ?? today());
}

async function main(): Promise<void> {
  if (!process.argv.includes('--jsonl')) {
    process.stderr.write('usage: parse --jsonl < utterances.jsonl\n');
    process.exitCode = 2;
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!process.stdout.write(`${JSON.stringify(answer(line))}\n`)) await once(process.stdout, 'drain');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`parse: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
