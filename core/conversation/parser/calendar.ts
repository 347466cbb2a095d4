/**
 * Calendar arithmetic on YYYY-MM-DD strings, with date-fns on UTC dates: days are days, not
 * instants, so the machine's timezone and DST never enter.
 */
import { UTCDate } from '@date-fns/utc';
import { addDays as plusDays, endOfMonth, endOfQuarter, getDaysInMonth } from 'date-fns';
import { formatDay, parseDay } from '../../dates';
import type { Period } from './intent-types';

export type Ymd = { y: number; m: number; d: number };

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= getDaysInMonth(new UTCDate(y, m - 1, 1));
}

/** The day of a YYYY-MM-DD text, or null (years before 1000 would break its lexical order). */
export function parseYmd(text: string): Ymd | null {
  const date = parseDay(text);
  return date && date.getFullYear() >= 1000 ? { y: date.getFullYear(), m: date.getMonth() + 1, d: date.getDate() } : null;
}

export function formatYmd(y: number, m: number, d: number): string {
  return formatDay(new UTCDate(y, m - 1, d));
}

export function addDays(date: Ymd, days: number): string {
  return formatDay(plusDays(new UTCDate(date.y, date.m - 1, date.d), days));
}

export function daySpan(y: number, m: number, d: number): Period {
  const day = formatYmd(y, m, d);
  return { from: day, to: day };
}

export function monthSpan(y: number, m: number): Period {
  const first = new UTCDate(y, m - 1, 1);
  return { from: formatDay(first), to: formatDay(endOfMonth(first)) };
}

export function quarterSpan(y: number, q: number): Period {
  const first = new UTCDate(y, q * 3 - 3, 1);
  return { from: formatDay(first), to: formatDay(endOfQuarter(first)) };
}

export function yearSpan(y: number): Period {
  return { from: formatYmd(y, 1, 1), to: formatYmd(y, 12, 31) };
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}
