/**
 * Plain calendar arithmetic on YYYY-MM-DD strings. Dates are days, not instants, so
 * everything goes through UTC to stay clear of the machine's timezone and DST.
 */
import type { Period } from './intent-types';

export type Ymd = { y: number; m: number; d: number };

const DAY_MS = 86_400_000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Years before 1000 would break the lexical order of YYYY-MM-DD strings. */
export function parseYmd(text: string): Ymd | null {
  const match = YMD.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return y >= 1000 && isValidDay(y, m, d) ? { y, m, d } : null;
}

export function formatYmd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: Ymd, days: number): string {
  const at = new Date(Date.UTC(date.y, date.m - 1, date.d) + days * DAY_MS);
  return formatYmd(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
}

export function daySpan(y: number, m: number, d: number): Period {
  const day = formatYmd(y, m, d);
  return { from: day, to: day };
}

export function monthSpan(y: number, m: number): Period {
  return { from: formatYmd(y, m, 1), to: formatYmd(y, m, daysInMonth(y, m)) };
}

export function quarterSpan(y: number, q: number): Period {
  const first = q * 3 - 2;
  return { from: formatYmd(y, first, 1), to: formatYmd(y, first + 2, daysInMonth(y, first + 2)) };
}

export function yearSpan(y: number): Period {
  return { from: formatYmd(y, 1, 1), to: formatYmd(y, 12, 31) };
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}
