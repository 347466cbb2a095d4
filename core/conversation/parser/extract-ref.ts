/**
 * Document references: after a document word ("invoice #42", "order no. 12",
 * "receipt PMT-00017"), with a known prefix ("INV-000042", "so12"), any
 * letters-hyphen-digits code ("ABC-7"), or after "#". The document word and the
 * "#", "no." or "number" go; a prefix that is part of the reference stays.
 */
import { blankSpan } from './blank-span';
import type { DocKind } from './intent-types';
import { MONTHS } from './read-date';

/** What each document word names; a receipt's number says nothing of its kind by itself. */
export const DOC_WORDS: ReadonlyMap<string, DocKind | undefined> = new Map(Object.entries({
  invoice: 'invoice', invoices: 'invoice', inv: 'invoice', bill: 'invoice', bills: 'invoice',
  order: 'order', orders: 'order', payment: 'payment', payments: 'payment', pmt: 'payment',
  receipt: undefined, receipts: undefined,
} as const));
const PREFIX_DOCS: ReadonlyMap<string, DocKind | undefined> = new Map(Object.entries({
  inv: 'invoice', ret: 'invoice', so: 'order', pmt: 'payment', rcpt: 'payment', cn: undefined,
} as const));
/** Words that precede "-12" without being a reference ("mid-2025", "jan-15"). */
const NOT_PREFIXES = new Set(['no', 'nr', 'id', 'ref', 'num', 'to', 'on', 'of', 'in', 'by', 'at', 'or', 'and', 'the', 'for', 'from', 'last', 'past', 'next', 'mid', 'pre', 'post', 'ytd', 'mtd', ...MONTHS.keys()]);

const REF = String.raw`([a-z0-9]+(?:-[a-z0-9]+)*)(?![a-z0-9]|[/.,]\d)`;
/** The reference has a digit, so "payment receipt 55" is not taken for "payment" "receipt" (and 55 missed). */
const AFTER_DOC_WORD = new RegExp(String.raw`\b(invoices?|inv|bills?|orders?|payments?|pmt|receipts?)(?![a-z])(\s*(?:#|\b(?:number|num|nr|no|id|ref)\b\.?)\s*#?)?\s*(?=[a-z0-9-]*\d)${REF}`, 'g');
const PREFIXED = new RegExp(String.raw`(?<![a-z0-9@./#-])([a-z]{2,5})(-?)(\d[a-z0-9]*(?:-[a-z0-9]+)*)(?![a-z0-9]|[/.,]\d)`, 'g');
const HASHED = new RegExp(String.raw`(?<![\w&])#\s?${REF}`, 'g');

type Candidate = { ref: string; doc?: DocKind; start: number; end: number };

const hasDigit = (ref: string) => /\d/.test(ref);
/** "invoice 2026-03-31" and "invoice q3" name a period, not a document. */
const looksLikePeriod = (ref: string) => /^q[1-4]$|^\d{4}-\d{1,2}-\d{1,2}$/.test(ref);

function prefixDoc(ref: string): DocKind | undefined {
  const prefix = /^([a-z]+)-?\d/.exec(ref);
  return prefix ? PREFIX_DOCS.get(prefix[1]) : undefined;
}

function afterDocWord(text: string): Candidate | null {
  for (const match of text.matchAll(AFTER_DOC_WORD)) {
    const [whole, word, marker, ref] = match;
    const plural = word.endsWith('s') && word !== 'pmt';
    if (!hasDigit(ref) || looksLikePeriod(ref) || (plural && !marker)) continue;
    const doc = DOC_WORDS.get(word) ?? prefixDoc(ref);
    return { ref, doc, start: match.index + word.length, end: match.index + whole.length };
  }
  return null;
}

function prefixed(text: string): Candidate | null {
  for (const match of text.matchAll(PREFIXED)) {
    const [whole, prefix, hyphen] = match;
    const known = PREFIX_DOCS.has(prefix);
    if (!known && (!hyphen || NOT_PREFIXES.has(prefix))) continue;
    return { ref: whole, doc: PREFIX_DOCS.get(prefix), start: match.index, end: match.index + whole.length };
  }
  return null;
}

function hashed(text: string): Candidate | null {
  for (const match of text.matchAll(HASHED)) {
    if (!hasDigit(match[1])) continue;
    return { ref: match[1], doc: prefixDoc(match[1]), start: match.index, end: match.index + match[0].length };
  }
  return null;
}

export function extractRef(text: string): { ref?: string; doc?: DocKind; text: string } {
  const found = [afterDocWord(text), prefixed(text), hashed(text)]
    .filter((c): c is Candidate => c !== null)
    .sort((a, b) => a.start - b.start)[0];
  if (!found) return { text };
  const rest = blankSpan(text, found.start, found.end);
  const ref = found.ref.toUpperCase();
  return found.doc ? { ref, doc: found.doc, text: rest } : { ref, text: rest };
}
