import type { ParsedIntent } from '../parser';
import type { Choice, Reply } from '../../replies/reply';
import type { Turn } from '../turn';

/** The part of a list one answer shows. */
export interface Page {
  offset: number;
  size: number;
}

/** A text message is paid by the segment: it shows three at a time; every other channel eight. */
export function firstPage(turn: Turn, offset = 0): Page {
  return { offset, size: turn.identity.channel === 'sms' ? 3 : 8 };
}

/** "Your invoices (30):", then "Your invoices, 9–16 of 30:"; past the end, that there is no more. */
export function listHeading(what: string, count: number, page: Page): string {
  if (page.offset === 0) return `Your ${what} (${count}):`;
  if (page.offset >= count) return `That was the whole list: ${count} ${what}.`;
  return `Your ${what}, ${page.offset + 1}–${Math.min(page.offset + page.size, count)} of ${count}:`;
}

/**
 * The end of a list answer: how many are left and a "More" choice; the list is kept with
 * the chat's pending question so that "more", in any process, shows the next part.
 */
export function listRest(turn: Turn, intent: ParsedIntent, count: number, page: Page): { more?: number; choices: Choice[] } {
  const next = page.offset + page.size;
  turn.pending = { intent, list: Math.min(next, count) };
  if (count <= next) return { choices: [] };
  return { more: count - next, choices: [{ label: 'More', say: 'more' }] };
}

/** The choices of a list answer, "More" first, at most `max` in all. */
export function withMore(rest: { choices: Choice[] }, others: Choice[], max = 3): Reply['choices'] {
  return [...rest.choices, ...others].slice(0, max);
}
