/**
 * The day of a promise to pay (intents.md, the `date` slot): one day on or after `now`.
 * A weekday is the first such day after today; "today", "tomorrow", "in 3 days"; "next
 * week" is the Monday after this week; "end of the month" its last day, "next month" its
 * first; a date without a year ("the 15th", "Dec 15", "15/12") the first such day on or
 * after today; a month alone its first day (or today, in that month).
 */
import { addDays, formatYmd, isValidDay, type Ymd } from './calendar';
import { MONTHS, readCalendarDate } from './read-date';
import { tokenize, type Token } from './tokenize';

const WEEKDAYS: ReadonlyMap<string, number> = new Map(Object.entries({
  sun: 0, sunday: 0, mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, weds: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, fri: 5, friday: 5, sat: 6, saturday: 6,
}));
/** Years ahead a date without a year may fall in (29 February). */
const AHEAD_YEARS = 8;
const MAX_DAYS_AHEAD = 366;

const weekday = (now: Ymd) => new Date(Date.UTC(now.y, now.m - 1, now.d)).getUTCDay();
const todayOf = (now: Ymd) => formatYmd(now.y, now.m, now.d);

function nextMonthFirst(now: Ymd, months: number): string {
  const m = now.m - 1 + months;
  return formatYmd(now.y + Math.floor(m / 12), (m % 12) + 1, 1);
}

function lastOfMonth(now: Ymd, months: number): string {
  const first = nextMonthFirst(now, months + 1);
  const [y, m, d] = first.split('-').map(Number);
  return addDays({ y, m, d }, -1);
}

/** Day `d` of the first month from this one where it is on or after today. */
function dayOfMonthAhead(now: Ymd, d: number): string | null {
  for (let ahead = 0; ahead < 14; ahead++) {
    const m = now.m - 1 + ahead;
    const [y, month] = [now.y + Math.floor(m / 12), (m % 12) + 1];
    if (!isValidDay(y, month, d)) continue;
    const day = formatYmd(y, month, d);
    if (day >= todayOf(now)) return day;
  }
  return null;
}

const isOrdinal = (t: Token | undefined) => t !== undefined && t.digits > 0 && t.digits <= 2 && t.text.length > t.digits;

function readAt(t: Token[], i: number, now: Ymd): string | null {
  const today = todayOf(now);
  const [a, b, c] = [t[i], t[i + 1], t[i + 2]];
  const text = a.text;
  if (text === 'today' || text === 'tonight') return today;
  if (text === 'tomorrow' || text === 'tmrw' || text === 'tmr') return addDays(now, 1);
  const day = WEEKDAYS.get(text);
  if (day !== undefined) return addDays(now, ((day - weekday(now) + 6) % 7) + 1);
  if (text === 'next' && b?.text === 'week') return addDays(now, 7 - ((weekday(now) + 6) % 7));
  if (text === 'next' && b?.text === 'month') return nextMonthFirst(now, 1);
  if ((text === 'end' || text === 'eom') && (text === 'eom' || b?.text === 'of')) {
    const rest = t.slice(i + 2, i + 5).map((x) => x.text);
    // "end of December": that month's last day, this year or the next.
    const month = MONTHS.get(rest.find((w) => MONTHS.has(w)) ?? '');
    if (month !== undefined) return lastOfMonth(now, (month - now.m + 12) % 12);
    return lastOfMonth(now, rest.includes('next') ? 1 : 0);
  }
  if (text === 'month' && b?.text === 'end') return lastOfMonth(now, 0);
  if (text === 'in' && b && b.digits > 0 && b.text.length === b.digits && c && /^(?:days?|weeks?)$/.test(c.text)) {
    const days = b.value * (c.text.startsWith('week') ? 7 : 1);
    return days >= 0 && days <= MAX_DAYS_AHEAD ? addDays(now, days) : null;
  }
  // "the 15th", "on the 15", "by 15th": a day of a month.
  if ((text === 'the' && b && b.digits > 0 && b.digits <= 2) || isOrdinal(a)) {
    const n = text === 'the' ? b : a;
    const next = t[(text === 'the' ? i + 2 : i + 1)];
    if (!next || !/^(?:of|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)$/.test(next.text)) {
      const found = dayOfMonthAhead(now, n!.value);
      if (found) return found;
    }
  }
  const calendar = readCalendarDate(t, i, t[i - 1]?.text, false);
  if (!calendar) return null;
  if ('fixed' in calendar.expr) return calendar.expr.fixed.to >= today ? (calendar.expr.fixed.from >= today ? calendar.expr.fixed.from : today) : null;
  for (let ahead = 0; ahead <= AHEAD_YEARS; ahead++) {
    const span = calendar.expr.yearless(now.y + ahead);
    if (span && span.to >= today) return span.from >= today ? span.from : today;
  }
  return null;
}

/** The first day a promise names in `text` (cleaned, lower-case), or undefined. */
export function readPromiseDate(text: string, now: Ymd | null): string | undefined {
  if (!now) return undefined;
  // A day the customer says it can't pay on is not the promise: "unable to pay today, will pay on Monday".
  const refused = /\b(?:unable to|cant|cannot|can not|not able to|wont be able to) pay(?: it| this| that)? (today|tomorrow)\b/.exec(text)?.[1];
  const t = tokenize(text);
  for (let i = 0; i < t.length; i++) {
    const day = readAt(t, i, now);
    if (day && !(refused && t[i].text === refused)) return day;
  }
  return undefined;
}
