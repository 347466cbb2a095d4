/**
 * Typos in keywords ("invocie", "statment", "ballance", "staement" with two) are mended by a
 * bounded Damerau match (missing, extra, wrong or swapped-adjacent letters) against the
 * keyword vocabulary: one edit, or two (the first letter kept) in words and keywords of six letters or more. Short
 * words collide with ordinary English, so: words under 4 letters are only mended from a
 * short list of chat spellings ("wat", "ow"), and a 4-letter keyword only accepts a swap
 * or a doubled letter ("hlep", "stopp"), never "step" for "stop".
 */

/** Earlier entries win when a typo is one edit away from two keywords. */
const VOCABULARY = [
  'invoice', 'invoices', 'bills', 'order', 'orders', 'payment', 'payments', 'receipt',
  'receipts', 'statement', 'statements', 'document', 'documents', 'credit', 'credits',
  'refund', 'refunds', 'retainer', 'retainers', 'account', 'accounts', 'details',
  'transactions', 'transaction', 'attachments', 'forward', 'share', 'email', 'emails', 'texting',
  'messaging', 'message', 'messages', 'download', 'unpaid', 'overdue', 'partially', 'outstanding',
  'fulfilled', 'completed', 'delivered', 'unfulfilled', 'sorted', 'ordered', 'newest',
  'latest', 'oldest', 'earliest', 'recent', 'biggest', 'largest', 'highest', 'smallest',
  'lowest', 'cheapest', 'amount', 'ascending', 'descending', 'chronological', 'january',
  'february', 'march', 'april', 'august', 'september', 'october', 'november', 'december',
  'month', 'months', 'quarter', 'previous', 'current', 'since', 'between', 'through',
  'until', 'first', 'second', 'third', 'fourth', 'start', 'beginning', 'balance',
  'available', 'everything', 'whole', 'entire', 'total', 'human', 'person', 'someone',
  'somebody', 'agent', 'representative', 'operator', 'support', 'contact', 'speak',
  'commands', 'options', 'hello', 'greetings', 'morning', 'afternoon', 'evening',
  'unsubscribe', 'subscribe', 'resubscribe', 'unstop', 'cancel', 'shared', 'profile',
  'information', 'address', 'phone', 'number', 'saved', 'stored', 'transfer', 'settle',
  'settled', 'mastercard', 'which', 'where', 'status',
  'bill', 'paid', 'late', 'open', 'date', 'days', 'year', 'this', 'last', 'past', 'list',
  'show', 'send', 'text', 'help', 'menu', 'stop', 'card', 'bank', 'talk', 'call', 'what',
  'when', 'much', 'info', 'june', 'july', 'from', 'owed', 'owes', 'owe',
  // The new intents' words: promises, claims of payment, disputes, paging.
  'already', 'promise', 'cheque', 'dispute', 'disputed', 'disputing', 'contest', 'incorrect', 'overcharged', 'mistake',
  'remaining', 'continue', 'more', 'next', 'charged', 'charge', 'billed', 'returned', 'duplicate', 'transfers', 'cheques',
  'tomorrow', 'today', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
];

/** Ordinary words one edit away from a keyword, which must stay as they are. */
const LEAVE_ALONE = new Set([
  'older', 'odder', 'border', 'while', 'whose', 'whale', 'match', 'marsh', 'parch', 'mach',
  'marc', 'marco', 'marcy', 'marci', 'mouth', 'quartet', 'smart', 'stars', 'state', 'stare',
  'stark', 'starr', 'stuart', 'states', 'statue', 'testing', 'massage', 'massages', 'cancer',
  'contract', 'though', 'shame', 'shape', 'sharp', 'spare', 'scare', 'scared', 'shake',
  'shade', 'shave', 'shore', 'shark', 'shire', 'decent', 'slowest', 'steak', 'spear',
  'sneak', 'form', 'spend', 'least', 'later', 'blank', 'plaid', 'paste', 'pasta', 'yearn',
  'stomp', 'stoop', 'quite', 'quiet', 'moth', 'arch', 'star', 'stat', 'tart', 'hare',
  'owned', 'towing', 'bowing', 'rowing', 'mowing', 'sowing', 'hell', 'hells', 'here',
  'there', 'were', 'save', 'seattle', 'kettle', 'mettle', 'nettle', 'settee', 'vince',
  'iphone', 'woes', 'latte', 'unsaid', 'invite', 'invites', 'invited',
  // Contractions typed without their apostrophe.
  'arent', 'isnt', 'wasnt', 'werent', 'dont', 'doesnt', 'didnt', 'cant', 'wont', 'havent', 'hasnt', 'hadnt', 'couldnt', 'wouldnt', 'shouldnt']);

import { PLAIN_WORDS } from './plain-words';

const EXACT = new Set(VOCABULARY);

/** Short words people type for keywords ("wat", "halp"); anything else under 4 letters stays as it is. */
const SHORT: Record<string, string> = { pya: 'pay', apy: 'pay', halp: 'help', hlp: 'help', u: 'you', ur: 'your', nxt: 'next', wat: 'what', wot: 'what', wht: 'what', ow: 'owe', ove: 'owe', oew: 'owe', owd: 'owed', hw: 'how', bil: 'bill', pyd: 'paid' };

/** Keywords long enough to take two edits, by length, so a word meets only those within two letters of its own length. */
const LONG = VOCABULARY.filter((k) => k.length >= 6);

/** True when a and b are at most two insertions, deletions, substitutions or adjacent swaps apart (optimal string alignment). */
function isTwoEditsApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > 2) return false;
    [before, previous] = [previous, row];
  }
  return previous[b.length] <= 2;
}

/** True when a and b differ by exactly one insertion, deletion, substitution or adjacent swap. */
export function isOneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function isSwapOrDouble(word: string, keyword: string): boolean {
  if (word.length === keyword.length) return isOneEditApart(word, keyword) && [...word].sort().join('') === [...keyword].sort().join('');
  if (word.length !== keyword.length + 1 || !isOneEditApart(word, keyword)) return false;
  return /(.)\1/.test(word) && word.replace(/(.)\1/, '$1') === keyword;
}

export const isKeyword = (word: string) => EXACT.has(word);

/** The keyword one edit away (two for 4-letter keywords only as a swap or a doubled letter), if any. */
export function oneEditFix(word: string): string | undefined {
  // A letter left out is the commonest slip: "paymens" is "payments" before it is "payment".
  let found: string | undefined;
  for (const keyword of VOCABULARY) {
    if (keyword.length < 4) continue;
    const near = keyword.length === 4 ? isSwapOrDouble(word, keyword) : isOneEditApart(word, keyword);
    if (near && keyword.length === word.length + 1) return keyword;
    if (near) found ??= keyword;
  }
  return found;
}

/** The keyword two edits away, for words of six letters or more: the first letter kept ("staement", never "shared" for "charged"). */
export function twoEditFix(word: string): string | undefined {
  return word.length >= 6 ? LONG.find((keyword) => keyword[0] === word[0] && isTwoEditsApart(word, keyword)) : undefined;
}

function correctWord(word: string): string {
  if (SHORT[word]) return SHORT[word];
  if (word.length < 4) return word;
  if (EXACT.has(word) || LEAVE_ALONE.has(word)) return word;
  // English words two edits from a keyword ("receive", "recipe") are words, not typos.
  return oneEditFix(word) ?? (PLAIN_WORDS.has(word) ? undefined : twoEditFix(word)) ?? word;
}

/** Words glued to digits or a hyphen ("bill-12", "abcd42") are references, not keywords. */
export function correctTypos(text: string): string {
  return text.replace(/[a-z]+/g, (word, offset: number) => {
    const before = text[offset - 1] ?? ' ';
    const after = text[offset + word.length] ?? ' ';
    if (/[0-9-]/.test(before) || /[0-9-]/.test(after)) return word;
    return correctWord(word);
  });
}
