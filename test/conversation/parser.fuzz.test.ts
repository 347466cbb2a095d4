/**
 * 100,000+ random and mutated messages: the parser always answers, with one of the
 * 21 intents and well-formed slots. Seeded, so a failure names its seed and input
 * and reproduces.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INTENT_NAMES, parseIntent, suggestIntents, type ParsedIntent } from '../../core/conversation/parser';

const SEED = 0x5eed2026;
const ROUNDS = 110_000;

/** mulberry32: small, fast and good enough to spread inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const corpus: string[] = readFileSync(path.resolve(__dirname, '../../../shared/contracts/corpus/intents.sample.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { text: string }).text);

const EXTRA = [
  'pay 1,250.50 EUR on INV-000042 by ACH', 'statement from 29/02/2024 to 1/3/2025', 'forward so-12 to +44 (20) 7946-0958',
  'invoices between q1 and q3 2025 sorted by amount desc', 'receipt #PMT-00017', '4111 1111 1111 1111', 'since the start of the year',
];
const FRAGMENTS = [
  "'; DROP TABLE invoices; --", '" OR 1=1 --', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '</div>&nbsp;&amp;',
  '${process.exit(1)}', '{{7*7}}', '../../etc/passwd', '%00%0d%0a', '\\u0000', 'NaN', 'undefined', '__proto__', 'constructor',
  '2026-02-30', '31/31/2031', '99999999999999999999', '$', '€', '£1,2,3', '#', '-', '/', "'", 'q5', 'Q0', 'last -3 days', 'from to', 'between and',
];
const ALPHABET = [
  'a', 'e', 'i', 'o', 's', 't', ' ', ' ', '0', '1', '4', '9', '/', '-', '.', ',', '#', '$', '€', '£', '@', '+', "'", '(', ')',
  '\u0000', '\u0007', '\n', '\r', '\t', '\u001b', '\u007f', '\u200b', '\u200e', '\u200f', '\u202e', '\ufeff', '\ud800', '\udfff',
  'é', 'ß', 'İ', 'ﬁ', 'ｉ', '４', 'ا', 'ש', '中', '😀', '🙏', '𝕴', '\u0301', '\ufdfa',
];

function mutate(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let n = 0; n < edits; n++) {
    const at = Math.floor(random() * (out.length + 1));
    const op = random();
    if (op < 0.3) out = out.slice(0, at) + pick(ALPHABET) + out.slice(at);
    else if (op < 0.5) out = out.slice(0, at) + out.slice(at + 1);
    else if (op < 0.7) out = out.slice(0, at) + pick(ALPHABET) + out.slice(at + 1);
    else if (op < 0.8) out = out.slice(0, at) + out.slice(at + 1, at + 2) + out.slice(at, at + 1) + out.slice(at + 2);
    else if (op < 0.9) out = out.slice(0, at) + ` ${pick(FRAGMENTS)} ` + out.slice(at);
    else out = out.toUpperCase();
  }
  return out;
}

function randomText(random: () => number): string {
  const length = Math.floor(random() * 60);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += random() < 0.7 ? ALPHABET[Math.floor(random() * ALPHABET.length)] : String.fromCharCode(Math.floor(random() * 0x10000));
  }
  return out;
}

function randomNow(random: () => number): string {
  if (random() < 0.02) return ['', 'today', '2026-02-30', '0000-00-00', '20261124'][Math.floor(random() * 5)];
  const day = new Date(Date.UTC(1990, 0, 1) + Math.floor(random() * 40_000) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

const INTENTS = new Set<string>(INTENT_NAMES);
const ALLOWED: Record<keyof ParsedIntent, (v: unknown) => boolean> = {
  intent: (v) => INTENTS.has(v as string),
  ref: (v) => typeof v === 'string' && /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/.test(v),
  doc: (v) => v === 'invoice' || v === 'order' || v === 'payment',
  amount: (v) => typeof v === 'string' && /^\d+\.\d{2}$/.test(v),
  currency: (v) => typeof v === 'string' && /^[A-Z]{3}$/.test(v),
  method: (v) => v === 'card' || v === 'ach',
  status: (v) => ['unpaid', 'overdue', 'paid', 'partially_paid', 'open', 'fulfilled'].includes(v as string),
  kind: (v) => v === 'invoice' || v === 'retainer',
  sort: (v) => v === 'date' || v === 'due_date' || v === 'amount',
  order: (v) => v === 'asc' || v === 'desc',
  invoice_only: (v) => v === true,
  to: (v) => typeof v === 'string' && (/^\+\d{8,15}$/.test(v) || /^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(v)),
  period: (v) => {
    const p = v as { from?: unknown; to?: unknown };
    return isDay(p?.from) && isDay(p?.to) && (p.from as string) <= (p.to as string) && Object.keys(p).length === 2;
  },
};

function isDay(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

function problemsWith(result: ParsedIntent): string[] {
  return Object.entries(result)
    .filter(([slot, value]) => !(slot in ALLOWED) || !ALLOWED[slot as keyof ParsedIntent](value))
    .map(([slot, value]) => `${slot}=${JSON.stringify(value)}`);
}

test(`${ROUNDS} random and mutated messages all get a well-formed answer (seed ${SEED})`, () => {
  const random = prng(SEED);
  const sources = [...corpus, ...EXTRA];
  const failures: string[] = [];
  for (let round = 0; round < ROUNDS && failures.length < 10; round++) {
    const kind = random();
    let text: string;
    if (kind < 0.6) text = mutate(sources[Math.floor(random() * sources.length)], random);
    else if (kind < 0.9) text = randomText(random);
    else if (kind < 0.998) text = FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] + mutate(sources[Math.floor(random() * sources.length)], random);
    else text = mutate(sources[Math.floor(random() * sources.length)], random).repeat(400).slice(0, 10_000 + Math.floor(random() * 100));
    const now = randomNow(random);
    try {
      const problems = problemsWith(parseIntent(text, now));
      const suggestions = suggestIntents(text);
      if (suggestions.length < 1 || suggestions.length > 3 || suggestions.some((s) => typeof s !== 'string' || s === '')) problems.push('suggestions');
      if (problems.length > 0) failures.push(`round ${round}: ${JSON.stringify(text)} @ ${now}: ${problems.join(', ')}`);
    } catch (error) {
      failures.push(`round ${round}: ${JSON.stringify(text)} @ ${now} threw ${String(error)}`);
    }
  }
  expect(failures).toEqual([]);
});
