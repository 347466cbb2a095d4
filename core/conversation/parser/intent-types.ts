/** The names and slot shapes fixed by shared/contracts/intents.md. */

export const INTENT_NAMES = [
  'greeting',
  'help',
  'balance',
  'credits',
  'list_invoices',
  'show_invoice',
  'pay_invoice',
  'pay_all',
  'list_orders',
  'show_order',
  'list_payments',
  'receipt',
  'last_payment',
  'statement',
  'my_details',
  'documents',
  'forward',
  'more',
  'promise_to_pay',
  'already_paid',
  'dispute',
  'contact',
  'opt_out',
  'opt_in',
  'unknown',
] as const;

export type IntentName = (typeof INTENT_NAMES)[number];

/** Both days inclusive, YYYY-MM-DD. */
export type Period = { from: string; to: string };

export type DocKind = 'invoice' | 'order' | 'payment';
/** What a forward sends: a document, or a statement for a period. */
export type ForwardDoc = DocKind | 'statement';

export type ParsedIntent = {
  intent: IntentName;
  ref?: string;
  doc?: ForwardDoc;
  amount?: string;
  currency?: string;
  method?: 'card' | 'ach';
  status?: 'unpaid' | 'overdue' | 'paid' | 'partially_paid' | 'open' | 'fulfilled';
  kind?: 'invoice' | 'retainer';
  sort?: 'date' | 'due_date' | 'amount';
  order?: 'asc' | 'desc';
  invoice_only?: true;
  source?: 'online' | 'offline';
  /** A promise's day, YYYY-MM-DD. */
  date?: string;
  to?: string;
  period?: Period;
};
