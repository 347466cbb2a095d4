import { UTCDate } from '@date-fns/utc';
import { format, isValid, parse } from 'date-fns';

/** Calendar days are 'YYYY-MM-DD' strings in the core: they compare and sort as text. */

export type Day = string;

const DAY_FORMAT = 'yyyy-MM-dd';

/** A 'YYYY-MM-DD' text as a UTC date, or null when it is no such day ("2026-02-30"). */
export function parseDay(text: string): UTCDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = parse(text, DAY_FORMAT, new UTCDate(0));
  return isValid(date) ? date : null;
}

export function isValidDay(text: string): boolean {
  return parseDay(text) !== null;
}

/** A UTC date as its 'YYYY-MM-DD'. */
export function formatDay(date: Date): Day {
  return format(date, DAY_FORMAT);
}

/** A database DATE (midnight UTC) → 'YYYY-MM-DD'. */
export function toDay(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' → the Date a DATE column expects. */
export function fromDay(day: Day): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day it is at `instant` in `timeZone`. */
export function dayIn(timeZone: string, instant: Date): Day {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A day in words for the customer ("Nov 24, 2026" in en-US). */
export function dayInWords(day: Day, locale = 'en-US'): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(fromDay(day));
}
