/** Calendar days are 'YYYY-MM-DD' strings in the core: they compare and sort as text. */

export type Day = string;

export function isValidDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
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

export function formatDay(day: Day, locale = 'en-US'): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(fromDay(day));
}
