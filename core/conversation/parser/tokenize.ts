/** Words, numbers and the few symbols that dates are made of, with their places in the text. */

export type Token = {
  text: string;
  start: number;
  end: number;
  /** The value of a number token ("31st" → 31); NaN for words and symbols. */
  value: number;
  /** Digits in a number token, without an ordinal suffix. */
  digits: number;
};

const TOKEN = /(\d+)(?:st|nd|rd|th)?\b|[a-z]+|['/.,\-]/g;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const digits = match[1];
    tokens.push({
      text: match[0],
      start,
      end: start + match[0].length,
      value: digits === undefined ? NaN : Number(digits),
      digits: digits === undefined ? 0 : digits.length,
    });
  }
  return tokens;
}

/** True when b follows a with no space in between ("31/03", "q3"). */
export function glued(a: Token | undefined, b: Token | undefined): boolean {
  return a !== undefined && b !== undefined && a.end === b.start;
}
