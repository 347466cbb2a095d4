/** The slots that shape a list or a payment: status, kind, sort, order, method. */
import type { ParsedIntent } from './intent-types';

export type ListOptions = {
  invoiceStatus?: 'unpaid' | 'overdue' | 'paid' | 'partially_paid';
  orderStatus?: 'open' | 'fulfilled';
  kind?: 'invoice' | 'retainer';
  sort?: ParsedIntent['sort'];
  order?: ParsedIntent['order'];
  method?: 'card' | 'ach';
  source?: 'online' | 'offline';
  invoiceOnly: boolean;
};

/** "sorted by", "order by", "in date order": the word "order" there is no sales order. Replace with SORT_MARK. */
export const SORT_MARK = ' $1sortby ';
export const SORT_PHRASE = /\b(?:sort|sorted|order|ordered|arrange|arranged|list|listed) by\b|\bin ([a-z]+ )?order\b|\bsort order\b|\b(?:sort|order|arrange|rank)(?= (?:my|the|these|them|all|it) )/g;

const INVOICE_STATUS: ReadonlyArray<[RegExp, ListOptions['invoiceStatus']]> = [
  [/ partpaid | (?:with|having) (?:partial|part) payments? /, 'partially_paid'],
  [/ past (?:their |its |the )?(?:due|duedate) | (?:overdue|late|delinquent|lapsed) /, 'overdue'],
  [/ (?:unpaid|outstanding|open|due|pending|unsettled|owing) | (?:havent|hasnt|not|never|yet to be) (?:i |we )?(?:yet )?(?:been )?(?:paid|settled) /, 'unpaid'],
  [/ (?:paid|settled|cleared|closed) | (?:did|have|had) (?:i|we) (?:pay|paid|settle|settled) /, 'paid'],
];
const ORDER_STATUS: ReadonlyArray<[RegExp, ListOptions['orderStatus']]> = [
  [/ (?:not|never|yet to be|havent|hasnt) (?:yet )?(?:been )?(?:delivered|fulfilled|shipped|arrived|received|completed|dispatched) | (?:awaiting|waiting for) (?:delivery|dispatch|shipping|shipment) | being (?:processed|prepared|packed) /, 'open'],
  [/ (?:unfulfilled|undelivered) /, 'open'],
  [/ (?:fulfilled|completed|complete|delivered|closed|done|finished) /, 'fulfilled'],
  [/ (?:open|pending|active|outstanding|current|progress|processing) /, 'open'],
];
/** Superlatives and directions, the first one met decides: "newest to oldest" is desc. */
const ORDERINGS: ReadonlyArray<[RegExp, NonNullable<ListOptions['sort']> | null, NonNullable<ListOptions['order']>]> = [
  [/ (?:newest|latest|recent|youngest)\b/, 'date', 'desc'],
  [/ (?:oldest|earliest|chronological)\b/, 'date', 'asc'],
  [/ (?:biggest|largest|highest|greatest|most expensive|high to low)\b/, 'amount', 'desc'],
  [/ (?:smallest|lowest|cheapest|least expensive|low to high)\b/, 'amount', 'asc'],
  [/ soonest\b| (?:nearest|closest) (?:due|duedate)\b/, 'due_date', 'asc'],
  [/ (?:ascending|asc)\b/, null, 'asc'],
  [/ (?:descending|desc|reverse)\b/, null, 'desc'],
];

function firstOf<T>(text: string, table: ReadonlyArray<[RegExp, T]>): T | undefined {
  return table.find(([pattern]) => pattern.test(text))?.[1];
}

function readSortKey(text: string): ListOptions['sort'] {
  if (/ duedate | (?:sortby|by) when (?:theyre|they re|they are|its|it is|it s) due /.test(text)) return 'due_date';
  if (/ (?:sortby|by)(?: of)? (?:date|dates|time|age)\b| (?:date|dates) sortby /.test(text)) return 'date';
  if (/ (?:sortby|by)(?: of)? (?:amount|size|value|total|price|sum)\b| (?:amount|size|value) sortby /.test(text)) return 'amount';
  return undefined;
}

function readOrdering(text: string): Pick<ListOptions, 'sort' | 'order'> {
  let best: { at: number; sort: ListOptions['sort'] | null; order: ListOptions['order'] } | undefined;
  for (const [pattern, sort, order] of ORDERINGS) {
    const at = text.search(pattern);
    if (at >= 0 && (!best || at < best.at)) best = { at, sort, order };
  }
  const key = readSortKey(text);
  if (!best) return key ? { sort: key } : {};
  return { sort: key ?? best.sort ?? undefined, order: best.order };
}

function readMethod(text: string): ListOptions['method'] {
  const card = text.search(/ (?:card|cards|visa|mastercard|amex)\b/);
  const ach = text.search(/ (?:ach|bank|banks|transfer|eft)\b/);
  if (card < 0 && ach < 0) return undefined;
  return ach < 0 || (card >= 0 && card < ach) ? 'card' : 'ach';
}

function readKind(text: string): ListOptions['kind'] {
  if (/ (?:non|excluding|except|without|no|not) retainers?\b/.test(text)) return 'invoice';
  if (/ retainers?\b/.test(text)) return 'retainer';
  if (/ (?:regular|normal|standard|ordinary) (?:invoices?|bills?)\b/.test(text)) return 'invoice';
  return undefined;
}

/** Payments made through the portal's payment page, or recorded by the merchant (cheque, cash, bank transfer). */
function readSource(text: string): ListOptions['source'] {
  if (/ (?:offline|cheques?|checks|cash|manual|manually|wired?|bank transfers?|transfers?|in person|entered|recorded by) | (?:by|at) your (?:staff|team|shop|office|store|counter) /.test(text)) return 'offline';
  if (/ (?:online|portal|website|web|internet|link|links|stripe|in chat|through you|via you|payment page|pay page|checkout) /.test(text)) return 'online';
  return undefined;
}

/** `text` is the words of the message, space-separated and padded with a space each side. */
export function readListOptions(text: string): ListOptions {
  const { sort, order } = readOrdering(text);
  const options: ListOptions = {
    invoiceStatus: firstOf(text, INVOICE_STATUS),
    orderStatus: firstOf(text, ORDER_STATUS),
    kind: readKind(text),
    sort,
    order,
    method: readMethod(text),
    source: readSource(text),
    invoiceOnly: / (?:invoices?|bills?|inv)\b/.test(text) || / (?:excluding|except|without|no|not) retainers?\b/.test(text),
  };
  return options;
}
