/**
 * The period rules of intents.md: a single expression, "since X", "from X to Y",
 * "between X and Y" and "X - Y". A date without a year takes the latest year in
 * which it has begun; in a range it takes its year from the other end when that one
 * has a year ("from Nov 2024 to Feb" is Nov 2024..Feb 2025), and a `to` that would
 * come before `from` moves to the following year.
 */
import { formatYmd, yearOf, type Ymd } from './calendar';
import type { Period } from './intent-types';
import { readCalendarDate, type DateExpr, type Reading } from './read-date';
import { readRelativePeriod } from './read-relative-period';
import { tokenize, type Token } from './tokenize';

const RANGE_TO = new Set(['to', 'until', 'till', 'til', 'through', 'thru', '-']);
const BETWEEN_AND = new Set(['and', 'to', '-']);
/** Words around a bare "2025" that make it a year rather than a number. */
const YEAR_BEFORE = new Set(['in', 'for', 'of', 'during', 'year', 'to', 'until', 'through', 'and', '-', 'statement', 'statements', 'invoices', 'payments', 'orders', 'bills', 'receipts']);
const YEAR_AFTER = new Set(['statement', 'statements', 'invoices', 'payments', 'orders', 'bills', 'receipts']);
/** Far enough back to find the last 29 February. */
const LOOKBACK_YEARS = 8;

function latestBegun(expr: DateExpr, today: string): Period | null {
  if ('fixed' in expr) return expr.fixed;
  const year = yearOf(today);
  for (let back = 0; back <= LOOKBACK_YEARS; back++) {
    const span = expr.yearless(year - back);
    if (span && span.from <= today) return span;
  }
  return null;
}

/** The first year from `start` on whose span of `expr` ends on or after `notBefore`. */
function firstEndingAfter(expr: (year: number) => Period | null, start: number, notBefore: string): Period | null {
  for (let ahead = 0; ahead <= LOOKBACK_YEARS; ahead++) {
    const span = expr(start + ahead);
    if (span && span.to >= notBefore) return span;
  }
  return null;
}

function resolveRange(a: DateExpr, b: DateExpr, today: string): Period | null {
  if ('fixed' in b) {
    // Written backwards ("from March 2026 to January 2026"): the customer means the span between.
    if ('fixed' in a) return a.fixed.from <= b.fixed.to ? { from: a.fixed.from, to: b.fixed.to } : { from: b.fixed.from, to: a.fixed.to };
    for (let back = 0; back <= LOOKBACK_YEARS; back++) {
      const span = a.yearless(yearOf(b.fixed.to) - back);
      if (span && span.from <= b.fixed.to) return { from: span.from, to: b.fixed.to };
    }
    return null;
  }
  const from = latestBegun(a, today);
  if (!from) return null;
  // After a dated start, the open end takes the start's year; after an open start, its own latest year.
  const startYear = 'fixed' in a ? yearOf(from.from) : yearOf(latestBegun(b, today)?.from ?? from.from);
  const to = firstEndingAfter(b.yearless, startYear, from.from);
  return to ? { from: from.from, to: to.to } : null;
}

type Found = { period: Period | null; next: number };

function readAt(t: Token[], i: number, now: Ymd, prev: string | undefined, bareYear: boolean): Reading | null {
  return readRelativePeriod(t, i, now) ?? readCalendarDate(t, i, prev, bareYear);
}

function readRange(t: Token[], first: Reading, connectors: Set<string>, now: Ymd, today: string): Found {
  const connector = t[first.next];
  if (connector && connectors.has(connector.text)) {
    const second = readAt(t, first.next + 1, now, connector.text, true);
    if (second) return { period: resolveRange(first.expr, second.expr, today), next: second.next };
  }
  return { period: latestBegun(first.expr, today), next: first.next };
}

function readPeriodAt(t: Token[], i: number, now: Ymd, today: string): Found | null {
  const word = t[i].text;
  if (word === 'from' || word === 'between') {
    const first = readAt(t, i + 1, now, word, true);
    return first && readRange(t, first, word === 'from' ? RANGE_TO : BETWEEN_AND, now, today);
  }
  if (word === 'since') {
    const first = readAt(t, i + 1, now, word, true);
    const start = first && latestBegun(first.expr, today);
    return first && { period: start && start.from <= today ? { from: start.from, to: today } : null, next: first.next };
  }
  const bareYear = YEAR_BEFORE.has(t[i - 1]?.text ?? '') || YEAR_AFTER.has(t[i + 1]?.text ?? '');
  const first = readAt(t, i, now, t[i - 1]?.text, bareYear);
  return first && readRange(t, first, RANGE_TO, now, today);
}

/** The first period in the text, and the text with its words blanked out. */
export function extractPeriod(text: string, now: Ymd | null): { period?: Period; text: string } {
  if (!now) return { text };
  const today = formatYmd(now.y, now.m, now.d);
  const t = tokenize(text);
  for (let i = 0; i < t.length; i++) {
    const found = readPeriodAt(t, i, now, today);
    if (!found) continue;
    const end = t[found.next - 1].end;
    const rest = text.slice(0, t[i].start) + ' '.repeat(end - t[i].start) + text.slice(end);
    return found.period ? { period: found.period, text: rest } : { text: rest };
  }
  return { text };
}
