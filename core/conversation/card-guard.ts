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

/** Whether one run of digit groups holds a card number (a card's digits, from a group's start to a group's end). */
function holdsCard(run: string): boolean {
  const groups = [...run.matchAll(/\d+/g)].map((g) => g[0]);
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      if (last > first && (groups[last].length < MIN_GROUP || groups[first].length < MIN_GROUP)) break;
      digits += groups[last];
      if (digits.length > CARD_DIGITS.max) break;
      if (digits.length >= CARD_DIGITS.min && passesLuhn(digits)) return true;
    }
  }
  return false;
}

export function looksLikeCardNumber(text: string): boolean {
  return [...text.normalize('NFKC').matchAll(DIGIT_RUN)].some((run) => holdsCard(run[0]));
}
