/** Periods named relative to today: this/last month, year to date, last 30 days. */
import { addDays, formatYmd, monthSpan, quarterSpan, yearSpan, type Ymd } from './calendar';
import type { Period } from './intent-types';
import type { Reading } from './read-date';
import type { Token } from './tokenize';

type Unit = 'month' | 'quarter' | 'year';

const UNITS = new Set<string>(['month', 'quarter', 'year']);
const THIS = new Set(['this', 'current']);
const PREVIOUS = new Set(['last', 'previous', 'prior', 'past']);
/** Beyond a century a day count is not a period anyone means. */
const MAX_DAYS = 36_600;

function unitSpan(unit: Unit, now: Ymd, back: 0 | 1): Period {
  if (unit === 'year') return yearSpan(now.y - back);
  if (unit === 'month') return now.m - back < 1 ? monthSpan(now.y - 1, 12) : monthSpan(now.y, now.m - back);
  const q = Math.ceil(now.m / 3) - back;
  return q < 1 ? quarterSpan(now.y - 1, 4) : quarterSpan(now.y, q);
}

function toDate(unit: Unit, now: Ymd, next: number): Reading {
  return { expr: { fixed: { from: unitSpan(unit, now, 0).from, to: formatYmd(now.y, now.m, now.d) } }, next };
}

const isUnit = (t: Token | undefined): t is Token => t !== undefined && UNITS.has(t.text);
const words = (t: Token[], k: number, ...expected: string[]) => expected.every((w, n) => t[k + n]?.text === w);

export function readRelativePeriod(t: Token[], i: number, now: Ymd): Reading | null {
  const k = t[i]?.text === 'the' ? i + 1 : i;
  const [a, b, c] = [t[k], t[k + 1], t[k + 2]];
  if (!a) return null;
  if (a.text === 'ytd') return toDate('year', now, k + 1);
  if (a.text === 'mtd') return toDate('month', now, k + 1);
  if (isUnit(a) && words(t, k + 1, 'to', 'date')) return toDate(a.text as Unit, now, k + 3);
  if (words(t, k, 'so', 'far', 'this') && isUnit(t[k + 3])) return toDate(t[k + 3].text as Unit, now, k + 4);
  if (THIS.has(a.text) && isUnit(b)) {
    if (words(t, k + 2, 'so', 'far') || words(t, k + 2, 'to', 'date')) return toDate(b.text as Unit, now, k + 4);
    return { expr: { fixed: unitSpan(b.text as Unit, now, 0) }, next: k + 2 };
  }
  if (PREVIOUS.has(a.text) && isUnit(b)) return { expr: { fixed: unitSpan(b.text as Unit, now, 1) }, next: k + 2 };
  if (PREVIOUS.has(a.text) && b && b.digits > 0 && b.text.length === b.digits && (c?.text === 'days' || c?.text === 'day')) {
    if (b.value < 1 || b.value > MAX_DAYS) return null;
    return { expr: { fixed: { from: addDays(now, 1 - b.value), to: formatYmd(now.y, now.m, now.d) } }, next: k + 3 };
  }
  if ((a.text === 'start' || a.text === 'beginning') && b?.text === 'of') {
    const unitAt = ['the', 'this'].includes(c?.text ?? '') ? k + 3 : k + 2;
    const unit = t[unitAt];
    if (unit?.text === 'year') return { expr: { fixed: { from: formatYmd(now.y, 1, 1), to: formatYmd(now.y, 1, 1) } }, next: unitAt + 1 };
    if (unit?.text === 'month') return { expr: { fixed: { from: formatYmd(now.y, now.m, 1), to: formatYmd(now.y, now.m, 1) } }, next: unitAt + 1 };
  }
  return null;
}
