/**
 * Turns any input into short, lower-case ASCII-ish text that the extractors can
 * trust: the rest of the parser never sees control characters, emoji or more
 * than a few hundred characters, which is what keeps every message under a millisecond.
 */

/** Enough for any real request; the tail of a 10,000-character paste is noise. */
const MAX_CHARS = 500;

export function cleanText(raw: string): string {
  const head = typeof raw === 'string' ? raw.slice(0, MAX_CHARS) : '';
  return (
    head
      // NFKD folds full-width forms and splits accents off letters ("invóice").
      .normalize('NFKD')
      .slice(0, MAX_CHARS * 2)
      .toLowerCase()
      .replace(/[\u2018\u2019\u201b\u2032\u00b4`]/g, "'")
      .replace(/[\u2010-\u2015\u2212\ufe63\uff0d]/g, '-')
      .replace(/[^a-z0-9@.+\-/#$\u20ac\u00a3\u20b9,'()_]+/g, ' ')
      // "we'd" is no Wednesday, "we're" no past tense.
      .replace(/\b(i|we|you|they|he|she|it|who|that)'d\b/g, '$1 would')
      .replace(/\b(when|where|what|why)'d\b/g, '$1 did')
      .replace(/\b(we|you|they|who)'re\b/g, '$1 are')
      .replace(/'s\b/g, '')
      .replace(/([a-z])'(?=[a-z])/g, '$1')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Multi-word keywords become one word, so that the rules can test single words
 * and "credit card" is never read as "credit".
 */
const PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:credit|debit) cards?\b/g, 'card'],
  [/\b(?:apple|google|samsung) pay\b/g, 'card'],
  [/\bsales (orders?)\b/g, '$1'],
  [/\be[ -]mail(s?)\b/g, 'email$1'],
  [/\b(?:past|over)[ -]due\b/g, 'overdue'],
  [/\b(?:not yet|not|un|yet to be) paid\b/g, 'unpaid'],
  [/\b(?:partially|partly|part|partial)[ -]?paid\b/g, 'partpaid'],
  // "invoices I only paid part of"; "I paid part of the balance" is a claim.
  [/\b(?:only )?paid (?:part|some|a part) of(?= *(?:$|[,.?!]))/g, 'partpaid'],
  [/\bopt[ -]?out\b/g, 'optout'],
  [/\bopt[ -]?in\b/g, 'optin'],
  [/\bun[ -]subscribe\b/g, 'unsubscribe'],
  [/\bre[ -]subscribe\b/g, 'resubscribe'],
  [/\bdirect debit\b/g, 'ach'],
  [/\be[ -]?checks?\b/g, 'ach'],
  [/\bdue dates?\b/g, 'duedate'],
  [/\b(?:statements? of (?:my )?accounts?|account statements?)\b/g, 'statement'],
  [/\bpay (?:it )?off\b/g, 'pay'],
  [/\bcustomer (?:service|support|care)\b/g, 'support'],
  [/\bdo not\b/g, 'dont'],
];

export function collapsePhrases(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PHRASES) out = out.replace(pattern, replacement);
  return out;
}
