/**
 * Reads one date expression at a token: a day, a month, a quarter or a year, with
 * or without its year. An expression without a year stays open ("yearless") so
 * that the range rules can choose its year; see extract-period.ts.
 */
import { daySpan, isValidDay, monthSpan, quarterSpan, yearSpan } from './calendar';
import type { Period } from './intent-types';
import { glued, type Token } from './tokenize';

export type DateExpr = { fixed: Period } | { yearless: (year: number) => Period | null };
export type Reading = { expr: DateExpr; next: number };

/** Maps, not object literals: a message may say "constructor". */
export const MONTHS: ReadonlyMap<string, number> = new Map(Object.entries({
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
}));

const QUARTER_WORDS: ReadonlyMap<string, number> = new Map(Object.entries({
  first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4,
}));

/** Words after which "may" is the month, not the verb ("from may", "in may"). */
const MONTH_CONTEXT = new Set(['from', 'since', 'in', 'for', 'of', 'to', 'until', 'till', 'through', 'between', 'and', 'during', 'on', '-']);
/** "our May statement": "may" between these words and a document is the month. */
const MAY_OWNERS = new Set(['our', 'my', 'the', 'your']);
const MAY_DOCUMENTS = new Set(['statement', 'statements', 'invoice', 'invoices', 'bill', 'bills', 'payment', 'payments', 'order', 'orders']);

/** "may" is the month after "from", before a day or a year ("May 5", "May '25"), or in "our May statement"; else the verb. */
function mayIsMonth(prev: string | undefined, after: Token | undefined): boolean {
  if (MONTH_CONTEXT.has(prev ?? '')) return true;
  if (!after) return false;
  return after.digits > 0 || after.text === "'" || (MAY_DOCUMENTS.has(after.text) && (prev === undefined || MAY_OWNERS.has(prev)));
}

/** A leap year, to accept "29/02" before its year is known. */
const ANY_LEAP_YEAR = 2000;

/** A number of 1 to maxDigits digits, ordinals ("31st") included. */
const isNumber = (t: Token | undefined, maxDigits: number): t is Token => t !== undefined && t.digits > 0 && t.digits <= maxDigits;
/** Digits only, between min and max of them. */
const isDigits = (t: Token | undefined, min: number, max = min): t is Token =>
  t !== undefined && t.digits >= min && t.digits <= max && t.text.length === t.digits;

function readYear(t: Token[], k: number): { year: number; next: number } | null {
  const a = t[k];
  if (isDigits(a, 4) && a.value >= 1900 && a.value <= 2099) return { year: a.value, next: k + 1 };
  if (a?.text === "'" && glued(a, t[k + 1]) && isDigits(t[k + 1], 2)) return { year: 2000 + t[k + 1].value, next: k + 2 };
  return null;
}

function dayExpr(m: number, d: number, year: number | undefined): DateExpr | null {
  if (year !== undefined) return isValidDay(year, m, d) ? { fixed: daySpan(year, m, d) } : null;
  if (!isValidDay(ANY_LEAP_YEAR, m, d)) return null;
  return { yearless: (y) => (isValidDay(y, m, d) ? daySpan(y, m, d) : null) };
}

/** 2026-03-31, 31/03/2026, 3/31/2026, 31.03.2026, 31-03-2026, and 31/03 without a year. */
function readNumericDate(t: Token[], j: number): Reading | null {
  const [a, sep, b, sep2, c] = [t[j], t[j + 1], t[j + 2], t[j + 3], t[j + 4]];
  const chained = glued(a, sep) && glued(sep, b);
  const threeParts = chained && sep2?.text === sep?.text && glued(b, sep2) && glued(sep2, c);
  if (isDigits(a, 4) && sep?.text === '-' && isDigits(b, 1, 2) && threeParts && isDigits(c, 1, 2)) {
    const expr = dayExpr(b.value, c.value, a.value);
    return expr ? { expr, next: j + 5 } : null;
  }
  if (!isDigits(a, 1, 2) || !chained || !isDigits(b, 1, 2) || !['/', '.', '-'].includes(sep.text)) return null;
  const withYear = threeParts && (isDigits(c, 4) || isDigits(c, 2));
  // Without a year, "1.5" is a number and "1-15" a range of days: only "/" makes a date.
  if (!withYear && sep.text !== '/') return null;
  const year = withYear ? (c.digits === 4 ? c.value : 2000 + c.value) : undefined;
  const dayFirst = isValidDay(year ?? ANY_LEAP_YEAR, b.value, a.value);
  const expr = dayFirst ? dayExpr(b.value, a.value, year) : dayExpr(a.value, b.value, year);
  return expr ? { expr, next: withYear ? j + 5 : j + 3 } : null;
}

/** 31 March, 31st of March 2026, 1 may. */
function readDayMonth(t: Token[], j: number): Reading | null {
  if (!isNumber(t[j], 2)) return null;
  let k = j + 1;
  if (t[k]?.text === 'of') k++;
  const m = MONTHS.get(t[k]?.text ?? '');
  if (m === undefined) return null;
  const year = readYear(t, t[k + 1]?.text === ',' ? k + 2 : k + 1);
  const expr = dayExpr(m, t[j].value, year?.year);
  return expr ? { expr, next: year ? year.next : k + 1 } : null;
}

/** March 31, Mar 31st, 2026; March 2025; Mar '25; March. */
function readMonthFirst(t: Token[], j: number, prev: string | undefined): Reading | null {
  const m = MONTHS.get(t[j]?.text ?? '');
  if (m === undefined) return null;
  const after = t[j + 1];
  if (t[j].text === 'may' && !mayIsMonth(prev, after)) return null;
  let k = j + 1;
  if (t[k]?.text === 'the' && isNumber(t[k + 1], 2)) k++;
  const day = t[k];
  // "Mar 3/4" is no day of March; "Dec 18th." ends a sentence.
  const slashedOn = ['/', '.'].includes(t[k + 1]?.text ?? '') && glued(day, t[k + 1]) && (t[k + 2]?.digits ?? 0) > 0 && glued(t[k + 1], t[k + 2]);
  if (isNumber(day, 2) && !slashedOn) {
    const year = readYear(t, t[k + 1]?.text === ',' ? k + 2 : k + 1);
    const expr = dayExpr(m, day.value, year?.year);
    return expr ? { expr, next: year ? year.next : k + 1 } : null;
  }
  let y = j + 1;
  if (t[y]?.text === 'of' || t[y]?.text === ',') y++;
  const year = readYear(t, y);
  if (year) return { expr: { fixed: monthSpan(year.year, m) }, next: year.next };
  return { expr: { yearless: (yy) => monthSpan(yy, m) }, next: j + 1 };
}

/** Q3, Q3 2025, q1'25, 2025 Q3, third quarter (of 2025), quarter 2. */
function readQuarter(t: Token[], j: number): Reading | null {
  const leading = readYear(t, j);
  if (leading) {
    const [q, n] = [t[leading.next], t[leading.next + 1]];
    if (q?.text !== 'q' || !glued(q, n) || !isDigits(n, 1) || n.value < 1 || n.value > 4) return null;
    return { expr: { fixed: quarterSpan(leading.year, n.value) }, next: leading.next + 2 };
  }
  const [a, b] = [t[j], t[j + 1]];
  let q: number | undefined;
  if (a?.text === 'q' && glued(a, b) && isDigits(b, 1)) q = b.value;
  else if (a && b?.text === 'quarter') q = QUARTER_WORDS.get(a.text);
  else if (a?.text === 'quarter' && isDigits(b, 1)) q = b.value;
  if (q === undefined || q < 1 || q > 4) return null;
  const quarter = q;
  let k = j + 2;
  if (['of', ',', '/', '-'].includes(t[k]?.text ?? '') && readYear(t, k + 1)) k++;
  const year = readYear(t, k);
  if (year) return { expr: { fixed: quarterSpan(year.year, quarter) }, next: year.next };
  return { expr: { yearless: (y) => quarterSpan(y, quarter) }, next: j + 2 };
}

export function readCalendarDate(t: Token[], i: number, prev: string | undefined, bareYear: boolean): Reading | null {
  const j = t[i]?.text === 'the' ? i + 1 : i;
  const reading = readNumericDate(t, j) ?? readDayMonth(t, j) ?? readMonthFirst(t, j, prev) ?? readQuarter(t, j);
  if (reading || !bareYear) return reading;
  const year = readYear(t, j);
  return year && t[j].digits === 4 ? { expr: { fixed: yearSpan(year.year) }, next: year.next } : null;
}
