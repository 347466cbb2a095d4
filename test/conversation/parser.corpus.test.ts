import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIntent } from '../../core/conversation/parser';

type CorpusLine = { text: string; now: string; expect: Record<string, unknown> };

const corpusPath = path.resolve(__dirname, '../fixtures/corpus/intents.sample.jsonl');
const lines: CorpusLine[] = readFileSync(corpusPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CorpusLine);

describe('the sample corpus of intents.md', () => {
  test.each(lines.map((line) => [line.text, line] as const))('%j', (_text, { text, now, expect: expected }) => {
    const parsed: Record<string, unknown> = parseIntent(text, now);
    for (const [slot, value] of Object.entries(expected)) {
      if (value === null) expect(parsed).not.toHaveProperty(slot);
      else expect(parsed[slot]).toEqual(value);
    }
  });
});
