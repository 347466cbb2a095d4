import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIntent } from '../../core/conversation/parser';

/**
 * Other phrasings than the sample's, written from intents.md alone by helpers who had not
 * read the parser (test/fixtures/corpus/held-back*.jsonl; what each one found before the parser
 * was mended is in the commit that mended it). The issue asks at least 98% on the
 * intents that were there before and 90% on the new ones (more, promises, claims of payment,
 * disputes, statements forwarded, payments by kind or source).
 */
type Line = { text: string; now: string; expect: Record<string, unknown> };

const DIR = path.resolve(__dirname, '../fixtures/corpus');
const FILES = readdirSync(DIR).filter((name) => /^held-back.*\.jsonl$/.test(name)).sort().map((name) => path.join(DIR, name));
const NEW_INTENTS = new Set(['more', 'promise_to_pay', 'already_paid', 'dispute']);

const isNew = ({ expect: e }: Line) => NEW_INTENTS.has(e.intent as string)
  || (e.intent === 'forward' && e.doc === 'statement') || (e.intent === 'list_payments' && Boolean(e.kind || e.source));

function misses(lines: Line[]): string[] {
  return lines.flatMap((line) => {
    const parsed: Record<string, unknown> = parseIntent(line.text, line.now);
    const wrong = Object.entries(line.expect).filter(([slot, value]) => (value === null ? slot in parsed : JSON.stringify(parsed[slot]) !== JSON.stringify(value)));
    return wrong.length ? [`${JSON.stringify(line.text)}: wanted ${JSON.stringify(line.expect)}, got ${JSON.stringify(parsed)}`] : [];
  });
}

describe.each(FILES.map((file) => [path.basename(file), file] as const))('held-back corpus %s', (_name, file) => {
  const lines: Line[] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Line);

  test('the intents that were there before: at least 98%', () => {
    const old = lines.filter((l) => !isNew(l));
    const missed = misses(old);
    expect(old.length).toBeGreaterThanOrEqual(100);
    expect((old.length - missed.length) / old.length).toBeGreaterThanOrEqual(0.98);
  });

  test('the new ones: at least 90%', () => {
    const fresh = lines.filter(isNew);
    const missed = misses(fresh);
    expect(fresh.length).toBeGreaterThanOrEqual(50);
    expect((fresh.length - missed.length) / fresh.length).toBeGreaterThanOrEqual(0.9);
  });
});
