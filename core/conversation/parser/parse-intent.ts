/**
 * Text → intent and slots, as fixed by shared/contracts/intents.md. Deterministic
 * and pure: `now` is the customer's local date (YYYY-MM-DD); without a valid one,
 * no period is read.
 */
import { parseYmd } from './calendar';
import { classifyIntent, STATEMENT_WORDS, type Signals } from './classify-intent';
import { cleanText, collapsePhrases } from './clean-text';
import { correctTypos } from './correct-typos';
import { extractMoney, formatAmount } from './extract-money';
import { extractPeriod } from './extract-period';
import { extractRecipient } from './extract-recipient';
import { guessIntent, type GuessInput } from './guess-intent';
import { DOC_WORDS, extractRef } from './extract-ref';
import type { ForwardDoc, IntentName, ParsedIntent } from './intent-types';
import { readListOptions, SORT_MARK, SORT_PHRASE } from './read-list-options';
import { readPayNumber } from './read-pay-number';
import { readPromiseDate } from './read-promise-date';

type Understood = Signals & { currency?: string };

/** The message read for its intent: the rules' words and slots (null when there are no letters or digits). */
export function understand(text: string, now: string): Understood | null {
  const cleaned = cleanText(text);
  if (!/[a-z0-9]/.test(cleaned)) return null;
  // Addresses first, before typo mending can touch "jane@acme.com".
  const recipient = extractRecipient(cleaned);
  // Money before references: "payment 500 CAD" is an amount, never payment 500.
  const money = extractMoney(collapsePhrases(correctTypos(recipient.text)));
  const ref = extractRef(money.text);
  const today = parseYmd(now);
  const period = extractPeriod(ref.text.replace(/\byear-to-date\b/g, 'year to date'), today);
  const words = (period.text.match(/[a-z]+/g) ?? []).join(' ');
  const sentence = ` ${words} `.replace(SORT_PHRASE, SORT_MARK).replace(/\s+/g, ' ');
  const pay = readPayNumber(period.text, ref.ref !== undefined);
  const options = readListOptions(sentence);
  return {
    text: sentence,
    words: new Set(sentence.split(' ').filter(Boolean)),
    ref: ref.ref ?? pay.ref,
    refDoc: ref.doc,
    to: recipient.to,
    amount: money.amount ?? pay.amount ?? bareAmount(period.text),
    currency: money.currency,
    period: period.period,
    toNumber: /\bto \(?\d[\d\s().-]{6,}/.test(period.text),
    options,
    promiseDate: readPromiseDate(ref.text, today),
    today: today ? now : undefined,
  };
}

/** The document a forward is about: its reference's kind, a statement, else the first document word (a receipt is a payment's). */
function forwardedDoc(r: Understood): ForwardDoc | undefined {
  if (r.refDoc) return r.refDoc;
  if (r.ref === undefined && STATEMENT_WORDS.some((w) => r.words.has(w))) return 'statement';
  const first = [...r.words].find((w) => DOC_WORDS.has(w));
  return first === undefined ? undefined : (DOC_WORDS.get(first) ?? 'payment');
}

function slotsFor(intent: IntentName, r: Understood): Omit<ParsedIntent, 'intent'> {
  const o = r.options;
  switch (intent) {
    case 'list_invoices':
      return { status: o.invoiceStatus, kind: o.kind, sort: o.sort, order: o.order, period: r.period };
    case 'list_orders':
      return { status: o.orderStatus, period: r.period };
    case 'list_payments':
      return {
        sort: o.sort, order: o.order, invoice_only: o.invoiceOnly ? true : undefined,
        kind: o.kind === 'retainer' ? 'retainer' : undefined, source: o.source, period: r.period,
      };
    case 'show_invoice':
    case 'show_order':
      return { ref: r.ref };
    case 'pay_invoice':
      return { ref: r.ref, amount: r.amount, currency: r.currency, method: o.method };
    case 'pay_all':
      return { method: o.method };
    case 'receipt':
      return r.ref === undefined ? {} : { ref: r.ref, doc: r.refDoc };
    case 'statement':
      return { period: r.period };
    case 'forward': {
      const doc = forwardedDoc(r);
      return { doc, ref: doc === 'statement' ? undefined : r.ref, to: r.to, period: doc === 'statement' ? r.period : undefined };
    }
    case 'promise_to_pay':
      return { date: r.promiseDate, ref: r.ref };
    case 'already_paid':
    case 'dispute':
      return { ref: r.ref };
    default:
      return {};
  }
}

/** What the guess reads of a message the rules did not place. */
export function guessInputOf(r: Understood): GuessInput {
  return { text: r.text, ref: r.ref !== undefined, amount: r.amount !== undefined, to: r.to !== undefined, period: r.period !== undefined, date: r.promiseDate !== undefined };
}

/** What the rules fall back on when a message names a document or a list word and nothing else they know. */
const FALLBACKS: ReadonlySet<IntentName> = new Set(['show_invoice', 'show_order', 'list_invoices']);
/** Replies to the merchant that such messages often are ("invoice 907 gets paid wednesday", "I reject invoice 711"). */
const REPLIES: ReadonlySet<IntentName> = new Set(['promise_to_pay', 'already_paid', 'dispute']);
const VERY_SURE = 0.99;
/** "has INV-000118 been paid yet?": a yes-or-no question (its words first, a question mark or "yet" in what was typed). */
const YES_NO_START = /^ (?:has|have|is|was|were|did|does|do) /;
const isYesNoQuestion = (r: Understood, typed: string) => YES_NO_START.test(r.text) && (typed.includes('?') || r.words.has('yet'));

/** Words without which a message is no promise, claim or dispute ("is it going to rain tomorrow?"). */
const MONEY_WORDS = ['pay', 'paid', 'paying', 'payment', 'money', 'funds', 'invoice', 'invoices', 'bill', 'bills', 'transfer', 'transferred', 'cheque', 'check', 'amount', 'balance', 'owe', 'charge', 'charged', 'charges', 'price', 'cash', 'remit', 'remitted', 'settle', 'settled', 'cleared'];

/** The guess for what the rules left unknown. */
function guessed(r: Understood): IntentName {
  const guess = guessIntent(guessInputOf(r));
  if (!guess || (REPLIES.has(guess) && r.ref === undefined && !MONEY_WORDS.some((w) => r.words.has(w)))) return 'unknown';
  return guess;
}

/** A fallback of the rules gives way to a reply the guess is very sure of. */
function reconsidered(ruled: IntentName, r: Understood, typed: string): IntentName {
  // "has INV-000118 been paid yet?" asks; it claims or promises nothing ("Have paid invoice 55 this morning" claims).
  if (!FALLBACKS.has(ruled) || isYesNoQuestion(r, typed)) return ruled;
  const guess = guessIntent(guessInputOf(r), VERY_SURE);
  return guess && REPLIES.has(guess) ? guess : ruled;
}

/**
 * A number written as money without a currency mark ("1,999.99", "45.50", "45.5"), or a round
 * one said as a sum in a message that pays ("pay part of invoice 19, like 100"): an amount where the message pays.
 */
function bareAmount(text: string): string | undefined {
  const match = /(?<![\w.,/-])(\d{1,3}(?:,\d{3})+|\d{1,9})\.(\d{2})(?![\d.,]\d)|(?<![\w.,/-])(\d{1,3}(?:,\d{3})+)(?![\d.,]\d)/.exec(text);
  if (match) return match[3] ? formatAmount(match[3], undefined) : formatAmount(match[1], match[2]);
  // One decimal, where no day is meant ("on 15.1" is a date).
  const tenths = /(?<!\b(?:on|by|before|after|until|till|from|since|the) )(?<![\w.,/-])(\d{1,9})\.(\d)(?![\d.,]\d)/.exec(text);
  if (tenths) return formatAmount(tenths[1], tenths[2]);
  // The sum ends its clause or is named as money: never "around 10 am", "3 orders", "2 wks".
  const said = /\bpay(?:ing)?\b.*\b(?:like|about|around|roughly|approx|approximately|maybe|just|only) (\d{1,9})(?= *(?:$|[,.;]| (?:dollars?|bucks|euros?|pounds?|now|today|first|towards?)\b))/.exec(text);
  return said ? formatAmount(said[1], undefined) : undefined;
}

export function parseIntent(text: string, now: string): ParsedIntent {
  const understood = understand(text, now);
  if (!understood) return { intent: 'unknown' };
  const ruled = classifyIntent(understood);
  const intent = ruled === 'unknown' ? guessed(understood) : reconsidered(ruled, understood, text);
  const result: ParsedIntent = { intent };
  for (const [slot, value] of Object.entries(slotsFor(intent, understood))) {
    if (value !== undefined) Object.assign(result, { [slot]: value });
  }
  return result;
}
