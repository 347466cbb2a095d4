/**
 * Random and mutated customer messages for fuzz tests: corpus lines with edits, random
 * unicode and control characters, SQL and HTML fragments, 10,000-character lines.
 * Seeded, so a failure reproduces.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: small, fast and good enough to spread inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const corpus: string[] = readFileSync(path.resolve(__dirname, '../fixtures/corpus/intents.sample.jsonl'), 'utf8')
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

/** The next fuzz message. */
export function fuzzText(random: () => number): string {
  const sources = [...corpus, ...EXTRA];
  const kind = random();
  if (kind < 0.6) return mutate(sources[Math.floor(random() * sources.length)], random);
  if (kind < 0.9) return randomText(random);
  if (kind < 0.998) return FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] + mutate(sources[Math.floor(random() * sources.length)], random);
  return mutate(sources[Math.floor(random() * sources.length)], random).repeat(400).slice(0, 10_000 + Math.floor(random() * 100));
}
