/**
 * The chat never takes card numbers (portal.md, "Paying"): a message that holds
 * one must not be stored or logged as sent. A card number here is 13 to 19 digits
 * that passes the Luhn check, whole or in groups of three or more digits split by
 * anything that is neither a letter nor a digit (up to three characters between two
 * groups: spaces, dashes, dots, slashes, underscores, commas…), read after Unicode
 * NFKC normalisation, so fullwidth digits and non-breaking spaces count as their
 * plain forms. Groups are tried from each group start to each group end, so a number
 * followed by its expiry or CVV ("4111 1111 1111 1111 123") is still found.
 */

const REPLACEMENT = '[card number removed]';
/** Digit groups joined by separators, not touching other digits. */
const DIGIT_RUN = /(?<!\d)\d+(?:[^\p{L}\p{N}]{1,3}\d+)*(?!\d)/gu;
const CARD_DIGITS = { min: 13, max: 19 };
/** Cards are written in groups of 4, 4-6-5 or 4-6-4: shorter groups are lists ("1, 2, 3, …"), not cards. */
const MIN_GROUP = 3;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

type Span = { start: number; end: number };

/** Card numbers inside one run of digit groups, as offsets within the run. */
function cardsInRun(run: string): Span[] {
  const groups = [...run.matchAll(/\d+/g)].map((g) => ({ start: g.index, end: g.index + g[0].length, digits: g[0] }));
  const found: Span[] = [];
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      if (last > first && (groups[last].digits.length < MIN_GROUP || groups[first].digits.length < MIN_GROUP)) break;
      digits += groups[last].digits;
      if (digits.length > CARD_DIGITS.max) break;
      if (digits.length >= CARD_DIGITS.min && passesLuhn(digits)) {
        found.push({ start: groups[first].start, end: groups[last].end });
        first = last; // the next card can only start after this one
        break;
      }
    }
  }
  return found;
}

/** Spans are offsets in the NFKC form of the text. */
function findCards(text: string): Span[] {
  const spans: Span[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    for (const card of cardsInRun(run[0])) spans.push({ start: run.index + card.start, end: run.index + card.end });
  }
  return spans;
}

export function looksLikeCardNumber(text: string): boolean {
  return findCards(text.normalize('NFKC')).length > 0;
}

export function redactCardNumbers(original: string): string {
  const text = original.normalize('NFKC');
  let out = '';
  let from = 0;
  for (const card of findCards(text)) {
    out += text.slice(from, card.start) + REPLACEMENT;
    from = card.end;
  }
  return out + text.slice(from);
}
