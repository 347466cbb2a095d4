/**
 * Amounts and currencies. An amount is a number tied to a currency mark ("$50",
 * "50 EUR", "30€"); a bare number only becomes an amount in a payment sentence,
 * which read-pay-amount.ts decides. The currency is kept only where the text names
 * it without doubt: "$" could be any dollar, so it gives none.
 */
import { blankSpan } from './blank-span';

/** Common ISO 4217 codes that are not also English words ("all", "try", "top"). */
const CODES = 'usd|eur|gbp|cad|aud|nzd|chf|jpy|cny|inr|sgd|hkd|sek|nok|dkk|pln|czk|huf|zar|mxn|brl|aed|sar|ils|krw|php|thb|myr|idr|ngn|kes|ghs|egp|ars|clp|cop|ron|bgn|twd|vnd|pkr|bdt|qar|kwd|bhd|omr|jod|uah|isk';
const SYMBOLS: ReadonlyMap<string, string | undefined> = new Map(Object.entries({
  '€': 'EUR', '£': 'GBP', '₹': 'INR', $: undefined, rs: undefined, 'us$': 'USD', euro: 'EUR', euros: 'EUR',
  pound: 'GBP', pounds: 'GBP', quid: 'GBP', sterling: 'GBP', dollar: undefined, dollars: undefined, bucks: undefined,
}));
/** A whole number with separators: thousands by threes, or lakhs and crores as India writes them ("1,50,000"). */
export const GROUPED = String.raw`\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}`;
const NUMBER = String.raw`(${GROUPED}|\d{1,15})(?:\.(\d{1,2}))?(?![\d]|[.,]\d)`;
const BEFORE = new RegExp(String.raw`(?<![\w.,])(us\$|[$€£₹]|\brs\b\.?|\b(?:${CODES})\b)\s?${NUMBER}`);
const AFTER = new RegExp(String.raw`(?<![\w.,$€£₹])${NUMBER}\s?([€£₹]|(?:${CODES}|euros?|pounds?|quid|sterling|dollars?|bucks)\b)`);
const CODE_ALONE = new RegExp(String.raw`\b(${CODES}|euros?|sterling)\b`);

export function formatAmount(whole: string, cents: string | undefined): string {
  const units = whole.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  return `${units}.${(cents ?? '').padEnd(2, '0')}`;
}

function currencyOf(mark: string): string | undefined {
  const bare = mark.replace(/\.$/, '');
  return SYMBOLS.has(bare) ? SYMBOLS.get(bare) : bare.toUpperCase();
}

type Marked = { whole: string; cents?: string; mark: string; start: number; end: number };

function findMarkedAmount(text: string): Marked | null {
  const before = BEFORE.exec(text);
  if (before) return { whole: before[2], cents: before[3], mark: before[1], start: before.index, end: before.index + before[0].length };
  const after = AFTER.exec(text);
  if (after) return { whole: after[1], cents: after[2], mark: after[3], start: after.index, end: after.index + after[0].length };
  return null;
}

export function extractMoney(text: string): { amount?: string; currency?: string; text: string } {
  const marked = findMarkedAmount(text);
  if (marked) {
    const amount = formatAmount(marked.whole, marked.cents);
    const currency = currencyOf(marked.mark);
    const rest = blankSpan(text, marked.start, marked.end);
    return currency ? { amount, currency, text: rest } : { amount, text: rest };
  }
  const code = CODE_ALONE.exec(text);
  if (!code) return { text };
  const currency = currencyOf(code[1]);
  const rest = blankSpan(text, code.index, code.index + code[0].length);
  return currency ? { currency, text: rest } : { text: rest };
}
