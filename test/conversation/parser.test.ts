import { parseIntent, suggestIntents, type ParsedIntent } from '../../core/conversation/parser';

const NOW = '2026-11-24';

/** Each row: what the customer types, and the whole answer expected (absent slots must be absent). */
function expectParses(rows: ReadonlyArray<readonly [string, ParsedIntent]>) {
  test.each(rows)('%j', (text, expected) => {
    expect(parseIntent(text, NOW)).toEqual(expected);
  });
}

describe('intents without slots', () => {
  expectParses([
    ['hi', { intent: 'greeting' }],
    ['Good morning', { intent: 'greeting' }],
    ['main menu', { intent: 'greeting' }],
    ["let's start", { intent: 'greeting' }],
    ['what can you do?', { intent: 'help' }],
    ['commands', { intent: 'help' }],
    ["what's my balance?", { intent: 'balance' }],
    ['how much is outstanding', { intent: 'balance' }],
    ['how much do I have to pay', { intent: 'balance' }],
    ['amount due', { intent: 'balance' }],
    ['do I have any credit', { intent: 'credits' }],
    ['refunds', { intent: 'credits' }],
    ['when did I last pay?', { intent: 'last_payment' }],
    ['my most recent payment', { intent: 'last_payment' }],
    ['my details', { intent: 'my_details' }],
    ['do you have my bank account on file', { intent: 'my_details' }],
    ['payment methods', { intent: 'my_details' }],
    ['shared documents', { intent: 'documents' }],
    ['files shared with me', { intent: 'documents' }],
    ['talk to someone', { intent: 'contact' }],
    ["what's your phone number", { intent: 'contact' }],
    ['call me back', { intent: 'contact' }],
  ]);
});

describe('opting out and in', () => {
  expectParses([
    ['STOP', { intent: 'opt_out' }],
    ['stop please', { intent: 'opt_out' }],
    ['unsubscribe', { intent: 'opt_out' }],
    ['please stop texting me', { intent: 'opt_out' }],
    ['stop sending me reminders', { intent: 'opt_out' }],
    ["don't message me", { intent: 'opt_out' }],
    ['opt out', { intent: 'opt_out' }],
    ['START', { intent: 'opt_in' }],
    ['unstop', { intent: 'opt_in' }],
    ['resubscribe', { intent: 'opt_in' }],
    ['start sending me reminders again', { intent: 'opt_in' }],
    // "stop" inside another request does not opt the customer out.
    ['stop payment on invoice 42', { intent: 'show_invoice', ref: '42' }],
    ['cancel order 12', { intent: 'show_order', ref: '12' }],
  ]);
});

describe('invoices', () => {
  expectParses([
    ['show my invoices', { intent: 'list_invoices' }],
    ['list my unpaid bills', { intent: 'list_invoices', status: 'unpaid' }],
    ['outstanding invoices', { intent: 'list_invoices', status: 'unpaid' }],
    ['show overdue invoices', { intent: 'list_invoices', status: 'overdue' }],
    ['past due invoices', { intent: 'list_invoices', status: 'overdue' }],
    ['paid invoices', { intent: 'list_invoices', status: 'paid' }],
    ['partially paid invoices', { intent: 'list_invoices', status: 'partially_paid' }],
    ['retainer invoices', { intent: 'list_invoices', kind: 'retainer' }],
    ['non-retainer invoices', { intent: 'list_invoices', kind: 'invoice' }],
    ['invoices oldest first', { intent: 'list_invoices', sort: 'date', order: 'asc' }],
    ['invoices, latest first', { intent: 'list_invoices', sort: 'date', order: 'desc' }],
    ['invoices smallest first', { intent: 'list_invoices', sort: 'amount', order: 'asc' }],
    ['invoices sorted by due date', { intent: 'list_invoices', sort: 'due_date' }],
    ['invoices in ascending order of amount', { intent: 'list_invoices', sort: 'amount', order: 'asc' }],
    ['invoices from last quarter', { intent: 'list_invoices', period: { from: '2026-07-01', to: '2026-09-30' } }],
    ['show invoice 42', { intent: 'show_invoice', ref: '42' }],
    ['invoice no. 42', { intent: 'show_invoice', ref: '42' }],
    ['invoice number INV-000042', { intent: 'show_invoice', ref: 'INV-000042' }],
    ['INV-000042', { intent: 'show_invoice', ref: 'INV-000042' }],
    ['bill 42', { intent: 'show_invoice', ref: '42' }],
    ['how much do I owe on invoice 42', { intent: 'show_invoice', ref: '42' }],
  ]);
});

describe('paying', () => {
  expectParses([
    ['pay inv-42', { intent: 'pay_invoice', ref: 'INV-42' }],
    ['pay 42', { intent: 'pay_invoice', ref: '42' }],
    ['pay 200 on INV-000042', { intent: 'pay_invoice', ref: 'INV-000042', amount: '200.00' }],
    ['pay $1,250.5 on invoice 9', { intent: 'pay_invoice', ref: '9', amount: '1250.50' }],
    ['pay €30 on invoice 9', { intent: 'pay_invoice', ref: '9', amount: '30.00', currency: 'EUR' }],
    ['pay 30£ on invoice 9', { intent: 'pay_invoice', ref: '9', amount: '30.00', currency: 'GBP' }],
    ['pay usd 75 on invoice 3', { intent: 'pay_invoice', ref: '3', amount: '75.00', currency: 'USD' }],
    ['pay bill #42 by direct debit', { intent: 'pay_invoice', ref: '42', method: 'ach' }],
    ['pay invoice 42 with my credit card', { intent: 'pay_invoice', ref: '42', method: 'card' }],
    ['send me a payment link for invoice 42', { intent: 'pay_invoice', ref: '42' }],
    ['I want to pay', { intent: 'pay_invoice' }],
    ['pay all by ACH', { intent: 'pay_all', method: 'ach' }],
    ['pay everything I owe', { intent: 'pay_all' }],
    ['pay the balance by card', { intent: 'pay_all', method: 'card' }],
    ['pay my bills', { intent: 'pay_all' }],
  ]);
});

describe('orders, payments, receipts and statements', () => {
  expectParses([
    ['open orders', { intent: 'list_orders', status: 'open' }],
    ['fulfilled orders', { intent: 'list_orders', status: 'fulfilled' }],
    ['order status', { intent: 'list_orders' }],
    ['order SO-00012', { intent: 'show_order', ref: 'SO-00012' }],
    ['so-12', { intent: 'show_order', ref: 'SO-12' }],
    ['order no. 12', { intent: 'show_order', ref: '12' }],
    ['my payments', { intent: 'list_payments' }],
    ['payment history newest first', { intent: 'list_payments', sort: 'date', order: 'desc' }],
    ['invoice payments', { intent: 'list_payments', invoice_only: true }],
    ['how much did I pay last month', { intent: 'list_payments', period: { from: '2026-10-01', to: '2026-10-31' } }],
    ['send me the receipt', { intent: 'receipt' }],
    ['receipt PMT-00017', { intent: 'receipt', ref: 'PMT-00017', doc: 'payment' }],
    ['payment 17', { intent: 'receipt', ref: '17', doc: 'payment' }],
    ['receipt for my last payment', { intent: 'receipt' }],
    ['statement', { intent: 'statement' }],
    ['statement for Q3 2025', { intent: 'statement', period: { from: '2025-07-01', to: '2025-09-30' } }],
    ['statement from 1/3/2026 to 31/03/2026', { intent: 'statement', period: { from: '2026-03-01', to: '2026-03-31' } }],
    ['account statement for 2025', { intent: 'statement', period: { from: '2025-01-01', to: '2025-12-31' } }],
  ]);
});

describe('forwarding', () => {
  expectParses([
    ['forward invoice 42 to Jane@Acme.com', { intent: 'forward', doc: 'invoice', ref: '42', to: 'jane@acme.com' }],
    ['send order 12 to +1 (415) 555-0123', { intent: 'forward', doc: 'order', ref: '12', to: '+14155550123' }],
    ['text INV-000042 to +44 20 7946 0958', { intent: 'forward', doc: 'invoice', ref: 'INV-000042', to: '+442079460958' }],
    ['share order 12 with bob@example.com', { intent: 'forward', doc: 'order', ref: '12', to: 'bob@example.com' }],
    ['forward the receipt to jane@acme.com', { intent: 'forward', doc: 'payment', to: 'jane@acme.com' }],
    ['send invoice 42 to my accountant', { intent: 'forward', doc: 'invoice', ref: '42' }],
    // A number without its country code cannot be E.164: the dialogue asks for it.
    ['send invoice 42 to 415-555-0123', { intent: 'forward', doc: 'invoice', ref: '42' }],
    ['send me invoice 42', { intent: 'show_invoice', ref: '42' }],
    ['my email is jane@acme.com', { intent: 'my_details' }],
  ]);
});

describe('typos of one letter in keywords', () => {
  expectParses([
    ['invocie 42', { intent: 'show_invoice', ref: '42' }],
    ['ivnoice 42', { intent: 'show_invoice', ref: '42' }],
    ['invoicee 42', { intent: 'show_invoice', ref: '42' }],
    ['invoic 42', { intent: 'show_invoice', ref: '42' }],
    ['statment', { intent: 'statement' }],
    ['ballance', { intent: 'balance' }],
    ['blance', { intent: 'balance' }],
    ['reciept', { intent: 'receipt' }],
    ['paymnets', { intent: 'list_payments' }],
    ['overdeu invoices', { intent: 'list_invoices', status: 'overdue' }],
    ['statemnet for marhc', { intent: 'statement', period: { from: '2026-03-01', to: '2026-03-31' } }],
    ['hlep', { intent: 'help' }],
    ['talk to a humna', { intent: 'contact' }],
    ['unsubscibe', { intent: 'opt_out' }],
    // Ordinary words one letter from a keyword stay what they are.
    ['older invoices', { intent: 'list_invoices' }],
    ['step', { intent: 'unknown' }],
  ]);
});

describe('case, punctuation, emoji and filler change nothing', () => {
  expectParses([
    ['  SHOW   my INVOICES!!! ', { intent: 'list_invoices' }],
    ['hey bot, can you show my invoices please?', { intent: 'list_invoices' }],
    ["what's my ballance pls 🙏", { intent: 'balance' }],
    ['💸 pay invoice 42 💸', { intent: 'pay_invoice', ref: '42' }],
    ['ｉｎｖｏｉｃｅ ４２', { intent: 'show_invoice', ref: '42' }],
    ['could you kindly send me my statement for march?', { intent: 'statement', period: { from: '2026-03-01', to: '2026-03-31' } }],
  ]);
});

describe('contractions and sentence ends', () => {
  expectParses([
    // "we'd" is "we would", not Wednesday; "we're" is no past tense.
    ["We'd like to pay invoice 230 from our bank account.", { intent: 'pay_invoice', ref: '230', method: 'ach' }],
    ["we're paying on friday", { intent: 'promise_to_pay', date: '2026-11-27' }],
    // A day that ends the sentence is still that day.
    ['We intend to pay invoice #412 on Dec 18th.', { intent: 'promise_to_pay', date: '2026-12-18', ref: '412' }],
  ]);
});

describe('what one phrasing taught must not misread another', () => {
  expectParses([
    ['I paid some of invoice 42 yesterday', { intent: 'already_paid', ref: '42' }],
    ['invoices i only paid part of', { intent: 'list_invoices', status: 'partially_paid' }],
    ["I'm not ready to pay the whole thing, can I pay 100 on invoice 42?", { intent: 'pay_invoice', ref: '42', amount: '100.00' }],
    ["I don't want to pay yet, just show me the unpaid invoices", { intent: 'list_invoices', status: 'unpaid' }],
    ["Stop sending me reminders, I'll call you back on Monday", { intent: 'opt_out' }],
    ['I unsubscribed by mistake, please turn the messages back on', { intent: 'opt_in' }],
    ["No objection, we'll pay invoice 42 on Friday", { intent: 'promise_to_pay', date: '2026-11-27', ref: '42' }],
    ['i object to INV-000600', { intent: 'dispute', ref: 'INV-000600' }],
    ['Have paid invoice 55 this morning', { intent: 'already_paid', ref: '55' }],
    ['has INV-000118 been paid yet?', { intent: 'show_invoice', ref: 'INV-000118' }],
    ['What can you do about invoice 42? We never ordered it', { intent: 'dispute', ref: '42' }],
    ['What does the bill include, do I owe anything else?', { intent: 'balance' }],
    ["I didn't receive the goods, is there a refund?", { intent: 'dispute' }],
    ['We sent back 3 boxes of floor tiles. Is there any credit available now?', { intent: 'credits' }],
    ["I'm paying for someone else", { intent: 'pay_invoice' }],
    ['When did we send the purchase order?', { intent: 'list_orders' }],
    ['when did we last send you money?', { intent: 'last_payment' }],
    ['the bank processed the refund', { intent: 'credits' }],
    ['pay invoice 42 around 10 am', { intent: 'pay_invoice', ref: '42' }],
    ['pay invoice 42 on 15.1', { intent: 'pay_invoice', ref: '42' }],
    ['i wanna pay part of invoice 19, like 100', { intent: 'pay_invoice', ref: '19', amount: '100.00' }],
    ['pay INR 1,50,000 on invoice 42', { intent: 'pay_invoice', ref: '42', amount: '150000.00', currency: 'INR' }],
    ['Our rep is not answering, can someone else help?', { intent: 'contact' }],
    ['send our May statement to jane@example.com', { intent: 'forward', doc: 'statement', to: 'jane@example.com', period: { from: '2026-05-01', to: '2026-05-31' } }],
  ]);
});

describe('anything else is unknown, never an error', () => {
  expectParses([
    ['', { intent: 'unknown' }],
    ['   ', { intent: 'unknown' }],
    ['42', { intent: 'unknown' }],
    ['#42', { intent: 'unknown' }],
    ['yes', { intent: 'unknown' }],
    ['no', { intent: 'unknown' }],
    ['thanks!', { intent: 'unknown' }],
    ["what's the weather like", { intent: 'unknown' }],
    ['<script>alert(1)</script>', { intent: 'unknown' }],
    ['\u0000\u0007\u001b[31m\u200f\ud83d', { intent: 'unknown' }],
    // Names an object has of its own: no word of the guess's model.
    ['constructor toString __proto__ hasOwnProperty', { intent: 'unknown' }],
    // Known little words around unknown ones are no request for the guess.
    ['How do I reset my laptop password?', { intent: 'unknown' }],
    ['Could you recommend a decent lunch spot near the office?', { intent: 'unknown' }],
  ]);

  test('a 10,000-character message still gets an answer', () => {
    expect(parseIntent(`show my invoices ${'a'.repeat(10_000)}`, NOW)).toEqual({ intent: 'list_invoices' });
    expect(parseIntent('x'.repeat(10_000), NOW)).toEqual({ intent: 'unknown' });
  });

  test('an invalid `now` gives no period but still an intent', () => {
    expect(parseIntent('statement for march', 'yesterday')).toEqual({ intent: 'statement' });
  });
});

describe('suggestIntents', () => {
  test.each([
    ['blance?', 'What do I owe?'],
    ['reciepts pls', 'Receipt for my last payment'],
    ['where are my orderz', 'My orders'],
    ['how do I send this to my accountant', 'Forward invoice 42 to jane@example.com'],
  ])('%j → %j first', (text, first) => {
    expect(suggestIntents(text)[0]).toBe(first);
  });

  test('always suggests something, up to the limit', () => {
    expect(suggestIntents('')).toEqual(['What do I owe?', 'Show my invoices', 'Pay invoice 42']);
    expect(suggestIntents('zzz', 1)).toHaveLength(1);
    expect(suggestIntents('zzz', 0)).toHaveLength(1);
    expect(suggestIntents('zzz', Number.NaN)).toHaveLength(3);
    expect(suggestIntents('\u0000'.repeat(10_000), 5)).toHaveLength(5);
  });
});
