/**
 * Picks the intent from what is left of the message once references, amounts,
 * addresses and periods are taken out. The rules run in order and the first that
 * holds wins; the order is the precedence: opting out beats everything, an action
 * ("pay", "forward") beats a look-up, a document reference beats a list.
 */
import { isOneEditApart } from './correct-typos';
import type { DocKind, IntentName, Period } from './intent-types';
import type { ListOptions } from './read-list-options';

export type Signals = {
  /** The remaining words, space-separated and padded with one space each side. */
  text: string;
  words: ReadonlySet<string>;
  ref?: string;
  refDoc?: DocKind;
  to?: string;
  amount?: string;
  /** "to 415-555-0123": a number without its country code, which `to` cannot hold. */
  toNumber: boolean;
  /** A day on or after today that the message names: a promise's day when it promises. */
  promiseDate?: string;
  /** The customer's today, YYYY-MM-DD. */
  today?: string;
  /** The period the message names ("for December"). */
  period?: Period;
  /** What shapes a list or a payment: status, kind, sort, the way to pay ("card", "bank", "ACH"). */
  options: ListOptions;
};

const INVOICE_WORDS = ['invoice', 'invoices', 'bill', 'bills', 'inv'];
const ORDER_WORDS = ['order', 'orders', 'delivery', 'deliveries', 'shipment', 'shipments'];
const PAYMENT_WORDS = ['payment', 'payments', 'transaction', 'transactions', 'pmt'];
const RECEIPT_WORDS = ['receipt', 'receipts'];
export const STATEMENT_WORDS = ['statement', 'statements', 'soa', 'stmt'];
/** Words that carry no request: "please stop" is "stop". */
export const FILLER = new Set(['please', 'pls', 'plz', 'kindly', 'thanks', 'thank', 'you', 'thx', 'now', 'hey', 'hi', 'hello', 'bot', 'just', 'ok', 'okay', 'it', 'all', 'this', 'that', 'right', 'asap', 'the', 'me', 'again', 'a', 'i', 'want', 'to', 'mate', 'bro', 'buddy', 'pal', 'dude']);
const OPT_OUT_ALONE = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'optout', 'revoke']);
const OPT_IN_ALONE = new Set(['start', 'unstop', 'subscribe', 'resubscribe', 'optin', 'resume']);
const MESSAGES = String.raw`(?:texting|texts|text|messaging|messages|message|msging|msgs|msg|sending|contacting|emailing|emails|notifications|notification|reminders|reminder|spamming|spam|bothering|calling|sms|whatsapp|alerts|updates)`;
/** "stop sending me reminders", "start texting me again": the verb within three words of the messages. */
const STOP_MESSAGES = new RegExp(String.raw` (?:stop|quit|cancel|end|pause)(?: [a-z]+){0,3} ${MESSAGES} `);
const START_MESSAGES = new RegExp(String.raw` (?:start|resume|restart)(?: [a-z]+){0,3} ${MESSAGES} `);
const SEND_TO_SOMEONE = new RegExp(
  ' (?:send|email|mail|text|sms|whatsapp) .*\\bto (?!me |myself |us |my (?:email|phone|number|inbox|whatsapp|mail|account) '
    + '|(?:pay|see|view|check|download|print|read|review|open|get|show|make|settle|confirm|verify) )[a-z]',
);
const SHOW_VERBS = ['show', 'view', 'see', 'open', 'get', 'details', 'detail', 'status', 'check', 'find', 'download', 'pdf', 'copy', 'look', 'display', 'print'];

const CREDIT_WORDS = ['credit', 'credits', 'refund', 'refunds', 'overpayment', 'overpayments'];

const has = (s: Signals, words: readonly string[]) => words.some((w) => s.words.has(w));
const core = (s: Signals) => [...s.words].filter((w) => !FILLER.has(w));
/** A document is named in the message, by word or by reference. */
const namesDocument = (s: Signals) => s.ref !== undefined || has(s, INVOICE_WORDS) || has(s, ORDER_WORDS) || has(s, PAYMENT_WORDS) || has(s, RECEIPT_WORDS) || has(s, STATEMENT_WORDS);

function optsIn(s: Signals): boolean {
  const solo = core(s);
  if (has(s, ['resubscribe', 'unstop', 'optin'])) return true;
  if (solo.length === 1 && OPT_IN_ALONE.has(solo[0])) return true;
  return START_MESSAGES.test(s.text) || / you (?:can|may) (?:text|message|contact) me /.test(s.text)
    || / (?:turn|switch|put) (?:[a-z]+ ){0,2}back on | (?:turn|switch) on (?:[a-z]+ )?(?:messages|texts|reminders|notifications) /.test(s.text)
    || new RegExp(String.raw` (?:get|getting|receive|receiving|have|send|sending)(?: [a-z]+){0,2} ${MESSAGES}(?: [a-z]+){0,2} (?:again|once more) | (?:want|like|need) (?:the |my |our )?(?:[a-z]+ )?${MESSAGES} back | keep (?:sending|texting|messaging)(?: [a-z]+){0,2} (?:${MESSAGES}|me|us) `).test(s.text)
    || / unmute | undo (?:my |the )?(?:unsubscribe|unsubscribing|opt ?out|stop) | (?:join|rejoin) (?:the )?(?:[a-z]+ )?(?:alerts|messages|texts|updates|reminders|notifications) again | enable (?:[a-z]+ ){0,2}(?:alerts|messages|texts|updates|reminders|notifications) (?:[a-z]+ ){0,2}again /.test(s.text)
    || / (?:sign|opt|put|add|subscribe|count) (?:me|us) back (?:in|up|on)? | opted out by (?:mistake|accident) | (?:re ?activate|re ?enable|turn on|switch on) (?:my |the |our )?(?:[a-z]+ )?(?:notifications|messages|alerts|reminders|updates|texts) | (?:turn|switch|put) (?:[a-z]+ ){0,3}back on /.test(s.text);
}

function optsOut(s: Signals): boolean {
  // "I unsubscribed by mistake, turn them back on" undoes an opt-out.
  if (/ undo | (?:unsubscribe|optout|opted out|stopped)(?: [a-z]+){0,2} by (?:mistake|accident) | (?:turn|switch|put|add|sign|count)(?: [a-z]+){0,3} back on /.test(s.text)) return false;
  const solo = core(s);
  if (solo.length === 1 && OPT_OUT_ALONE.has(solo[0])) return true;
  if (has(s, ['unsubscribe', 'optout', 'stopall'])) return true;
  if (STOP_MESSAGES.test(s.text)) return true;
  return / (?:dont|never) (?:text|message|contact|email|sms|bother|remind|whatsapp) me /.test(s.text)
    || / no more (?:messages|texts|reminders|notifications|spam) /.test(s.text)
    || / (?:leave me alone|remove me|take me off|opt (?:me|us) out) | remove (?:my|our) (?:number|phone|email|details|contact) from /.test(s.text)
    || / cease (?:all )?(?:communication|communications|contact|messages|messaging) | stop all (?:communication|communications|contact) | (?:switch|turn|shut) (?:them|it|these|those|that) off /.test(s.text)
    || new RegExp(String.raw` (?:turn|switch|shut) off (?:[a-z]+ ){0,2}${MESSAGES} | (?:deactivate|disable|mute|silence) (?:[a-z]+ ){0,2}${MESSAGES} | (?:dont|do not|no longer) (?:wish|need) (?:to )?(?:get |receive |have )?(?:any |more |further |these |your )*(?:[a-z]+ )?${MESSAGES} `).test(s.text)
    || new RegExp(String.raw` (?:dont|do not|no longer) want (?:any |to get |to receive )?(?:more |further |these |your )?(?:[a-z]+ )?${MESSAGES} | (?:enough|too many) ${MESSAGES}(?: [a-z]+){0,3} stop | ${MESSAGES}(?: [a-z]+){0,2} stop now `).test(s.text);
}

function forwards(s: Signals): boolean {
  if (has(s, ['forward', 'fwd'])) return true;
  // "invoice 3310 sent to ap@…", "can the 2024 statement be emailed to …", "get the receipt over to +1…".
  if (s.to !== undefined && namesDocument(s)) return true;
  // "share the statement" asks for it; "share it with my accountant", "pass order 12 on to …" send it on.
  if (has(s, ['share', 'pass']) && (s.to !== undefined || / (?:share|pass) (?:[a-z]+ ){0,4}with (?!me |us )[a-z]/.test(s.text))) return true;
  const sends = has(s, ['send', 'email', 'mail', 'text', 'sms', 'whatsapp']);
  if (!sends) return false;
  if (s.to !== undefined) return namesDocument(s) || has(s, ['it', 'this', 'that', 'them', 'copy']);
  if (s.toNumber && namesDocument(s)) return true;
  // "send invoice 42 to my accountant" forwards; "send it to me", "a link to pay" do not.
  return namesDocument(s) && SEND_TO_SOMEONE.test(s.text);
}

function wantsReceipt(s: Signals): boolean {
  return has(s, RECEIPT_WORDS) || / (?:proof of payment|payment confirmation|confirmation of payment) /.test(s.text);
}

function wantsToPay(s: Signals): boolean {
  // "list payments I made via the payment link" is a list.
  if (has(s, ['payments']) && / (?:list|show|see|view|display|which) /.test(s.text)) return false;
  const pays = has(s, ['pay', 'paying', 'settle', 'checkout']) || / (?:make|submit|send|arrange|initiate) (?:a |the )?(?:part |partial |full |small |first |final )?payment (?!plans? |arrangement |schedule |terms )| (?:payment|pay) link | (?:part|partial) payment /.test(s.text)
    || / charge (?:[a-z]+ ){0,3}(?:to|on) (?:my |our |the )?(?:credit |debit )?card | charge (?:my|our|the) (?:credit |debit )?card | put (?:[a-z]+ ){0,2}(?:toward|towards|against|on|onto) /.test(s.text)
    || (s.amount !== undefined && / (?:toward|towards|against|apply|applied|off|take|clear|owing) /.test(s.text))
    || / (?:debit|charge) (?:my|our) (?:bank|card|account|credit card|debit card) | process (?:the |a |my |this )?payment | use (?:my|our|a) (?:[a-z]+ )?(?:card|bank|account) (?:for|to pay|on) | transfer (?:[a-z]+ ){0,3}from (?:my|our) (?:bank|account) | square up | (?:bring|get) (?:my|our|the) balance (?:down )?to zero | put (?:my|our|the) (?:whole |full |entire )?balance on /.test(s.text)
    || / (?:can|could|may) (?:i|we) use (?:ach|bank|card|a card|my card|[a-z]+ card) | (?:take|go|bring|open|send|give) (?:me |us )?(?:to )?(?:the |your )?payment (?:page|portal|screen) | (?:card|bank|ach|online) payment (?:for|of|on) | make (?:one|a single|one single) payment /.test(s.text)
    || / clear (?:off )?(?:my |the |our |this |that |all )?(?:(?:whole|entire|full|outstanding|remaining|total) ){0,2}(?:balance|amount|invoice|invoices|bill|bills|account|debt|everything|it) /.test(s.text);
  // "when did I last pay", "did I pay invoice 42" ask about the past; "I don't want to pay yet, just show me" asks to see.
  if (/ (?:dont|do not|not) (?:want|wanna|ready) to pay (?:[a-z]+ ){0,2}yet | not (?:paying|pay) (?:it |this |that |them )?yet /.test(s.text)) return false;
  return pays && !/ (?:did|didnt|already|was|were|ive|havent|hasnt|have i|has it|have you) /.test(s.text);
}

/** "ACH", "bank transfer?", "do you take cards": a way to pay, asked about without a document (answered with the ways this customer has). */
function asksHowToPay(s: Signals): boolean {
  if (!s.options.method || namesDocument(s) || has(s, CREDIT_WORDS)) return false;
  return core(s).length <= 3 || / (?:take|accept|accepts|use|support|allow|possible|option|options|way|ways) /.test(s.text);
}

function paysEverything(s: Signals): boolean {
  if (s.ref !== undefined || s.amount !== undefined) return false;
  return has(s, ['everything', 'all', 'whole', 'entire', 'total', 'balance', 'outstanding', 'account', 'full', 'invoices', 'bills', 'both', 'owe', 'lot']);
}

/** "paid invoice 7 last week already", "I paid that yesterday", "it's been paid": a claim, not a question. */
function saysAlreadyPaid(s: Signals): boolean {
  // "list the retainer invoices I paid last year", "everything I paid via the portal": lists.
  if (/ (?:list|show|see|view|display|which) /.test(s.text) && has(s, ['invoices', 'bills', 'payments'])) return false;
  if (/ (?:everything|all|what|how much) (?:that )?(?:i|we) (?:have )?(?:paid|payed) /.test(s.text)) return false;
  if (has(s, ['invoices', 'bills', 'payments']) && / (?:i|we|ive|weve) (?:have )?(?:paid|settled|payed) /.test(s.text)) return false;
  if (/ already (?:gone through|gone|went through|cleared|been made|been sent) | (?:stands|is|are) (?:cleared|settled|paid)(?: in full)? from (?:our|my) (?:end|side) | (?:i|we) (?:made|did|sent|completed|initiated) (?:a |the )?(?:bank |wire |online )?(?:transfer|payment|deposit) /.test(s.text)) return true;
  // "would it be all right if we paid #88 on the 15th" asks to pay later.
  if (/ if (?:i|we) (?:paid|pay|settled|settle) /.test(s.text)) return false;
  if (/(?<! (?:have|had|did|if)) (?:i|we|ive|weve) (?:have )?(?:already )?(?:paid|settled|transferred|wired|remitted|cleared|sent) (?:you )?(?:the |a |my |our )?(?:full |whole |total )?(?:amount|payment|money|funds|balance|sum) | done (?:the |my |our )?payment | payment (?:is |has been )?done | confirm(?:s|ed)? (?:[a-z]+ ){0,3}(?:was|has been|is) (?:paid|settled) /.test(s.text)) return true;
  if (/ (?:i|we) did (?:pay|settle) | (?:team|department|office|accountant|accountants|bookkeeper|company|boss|finance|bank) (?:has |have |already )*(?:(?:paid|settled|sent|transferred|remitted)|processed (?:the |this |our |my )?(?:payment|transfer|remittance|it)) | (?:payment|transfer|cheque|check|money) (?:was |has been )?(?:made|done|sent|remitted|transferred) (?:on|last|yesterday|already|itself) /.test(s.text)) return true;
  // "invoices that haven't been paid yet" are unpaid ones.
  if (/ (?:havent|hasnt|not|never|arent|isnt|wasnt|werent|yet to be) (?:yet )?(?:been )?(?:paid|settled) /.test(s.text)) return false;
  if (/ (?:you|u) (?:already |have already )?(?:took|taken|debited|deducted|collected|charged) (?:the |my |our )?(?:money|payment|amount|it|funds) | already (?:took|taken|debited|deducted|collected|charged) /.test(s.text)) return true;
  if (/ already (?:paid|payed|settled|sent|made|done|transferred|covered|cleared) | (?:paid|payed|settled) (?:[a-z]+ ){0,5}already /.test(s.text)) return true;
  if (/ (?:payment|cheque|check|money|transfer|funds|cash) (?:[a-z]+ ){0,3}(?:was|has been|have been|were|got) (?:sent|made|paid|mailed|posted|wired|transferred|dropped off) | (?:payment|cheque|check|money|transfer|funds|cash|remittance) (?:[a-z]+ ){0,3}(?:went out|has gone out|went through|cleared|is in the (?:mail|post)) /.test(s.text)) return true;
  // "invoice 808 was paid on Nov 20", "the amount was remitted": said as done (a question would end at "paid").
  if (/ (?:was|were|has been|have been|got) (?:already |fully )?(?:paid|settled|cleared|remitted|transferred|wired|done|completed|processed|taken|debited|deducted|collected|handed|given) (?:on|by|via|through|in full|last|yesterday|already|days|weeks|two|a few|ago|for|from|to) | (?:paid|remitted|transferred|sent|done) (?:[a-z]+ ){0,2}ago /.test(s.text)) return true;
  if (/ (?:you|u) (?:[a-z]+ )?(?:receive|get|got|see|seen) (?:my|our) (?:transfer|payment|cheque|check|money|remittance) /.test(s.text)) return true;
  // "I paid it", also after a question ("why does it say unpaid? I paid it").
  if (/ (?:i|we|ive|weve) (?:already |literally |just |actually |definitely |totally |def )?(?:paid|payed|settled) (?:it|this|that|them|these|those)\b/.test(s.text)) return true;
  // "paid INV-000333 on the 12th": a report, where "paid invoices" is a list.
  if (s.text.startsWith(' paid ') && (s.ref !== undefined || / paid (?:it|this|that|them|yesterday|today|already|last|on|via|by) /.test(s.text))) return true;
  if (/ (?:what|whats|how|when|whens|which|where|why|did|does|do|have you|has it|is it|was it|were|can|could|will|would|should) /.test(s.text) || / (?:is|was|has) /.test(s.text.slice(0, 5))) return false;
  return / (?:i|we|ive|weve|i have|we have|i just|we just|i already|we already) (?:paid|payed|settled|cleared|transferred|wired|(?:sent|mailed|posted|dropped off|wired|handed over|brought in|remitted) (?:you |it |them )?(?:the |a |my |our |some )?(?:payment|money|cheque|check|funds|transfer|cash)|made (?:the |a |my |our )?payment) /.test(s.text)
    || / (?:its|it is|it was|it has been|this is|this was|that is|that was|thats|has been|have been|been) (?:already |fully )?(?:paid|settled) /.test(s.text);
}

const DISPUTE_WORDS = ['dispute', 'disputed', 'disputing', 'reject', 'rejected', 'rejecting', 'contest', 'contesting', 'duplicate', 'duplicated', 'disagree', 'disagreeing', 'error', 'errors', 'damaged', 'defective', 'faulty', 'broken', 'overcharged', 'overcharge', 'overbilled', 'incorrect', 'inaccurate', 'wrong', 'mistake', 'mistaken', 'bogus', 'erroneous', 'fraudulent', 'fraud', 'discrepancy'];

/** "invoice 42 is wrong", "I never ordered this", "I was charged twice". */
function disputes(s: Signals): boolean {
  if (has(s, DISPUTE_WORDS)) return !/ wrong (?:number|person|chat|contact|guy|people) | (?:went|go|goes|going|gone) wrong /.test(s.text);
  // "I don't get how to use this thing" asks for help.
  if (/ (?:dont|do not|didnt) (?:get|understand) how /.test(s.text)) return false;
  // "We sent back 3 boxes. Is there any credit available now?" asks for the credit; "I never got it, is there a refund?" disputes.
  if (/ (?:is there|do (?:i|we) have|have (?:i|we) got) (?:any |a |some )?(?:credit|credits|refund) /.test(s.text) && !/ (?:never|didnt|did not|not|no) /.test(s.text)) return false;
  return / (?:i|we) (?:must |have to |strongly )?object(?:ing)? to | (?:never|didnt|did not|dont|havent|not) (?:order|ordered|place|placed|receive|received|get|got|buy|bought|ask for|asked for|agree to|agreed to|sign|signed|recognise|recognize|owe|work|worked|deliver|delivered|provide|provided|use|used|do|did|arrive|arrived|came|come|agree with) /.test(s.text)
    || / (?:cancel|remove|withdraw|void) (?:this|that|the) (?:invoice|bill)|(?:invoice|bill) (?:has |was |is )?(?:already )?(?:been )?(?:cancelled|canceled) | not (?:taken|availed|used|received|requested) (?:any )?(?:such )?(?:service|services|goods|items|delivery) /.test(s.text)
    || / (?:someone|somebody) else(?: ?s)? (?:order|orders|invoice|invoices|bill|bills|goods|delivery|items|stuff|account|purchase|charge) | (?:is|its|belongs to) (?:someone|somebody) else(?: ?s)? $| not our (?:order|invoice|bill) | not (?:liable|responsible) for | same (?:job|item|order|work|charge|service) (?:on|in) (?:two|both) | (?:were|we are|im|i am|are) (?:tax |gst |vat )?exempt | only (?:[a-z]+ ){0,2}(?:arrived|came|turned up) /.test(s.text)
    || / (?:dont|do not) (?:think|believe) (?:i|we) owe | (?:i|we) (?:dont|do not) owe (?:this|that|it|you) | should (?:have been|be) (?:cancelled|canceled|voided|removed|credited) | only (?:[a-z]+ ){0,2}(?:were|was) (?:worked|delivered|used|received|done|supplied) /.test(s.text)
    || / (?:not|wont|will not|refuse to) pay(?:ing)? (?:this|that|it|for) | (?:wasnt|was not|werent|were not|never) (?:done|delivered|finished|completed|provided) /.test(s.text)
    || / (?:discount|credit|refund|rebate) (?:[a-z]+ ){0,3}(?:is |was )?(?:missing|not applied|wasnt applied|left off) | missing (?:discount|credit) /.test(s.text)
    || / (?:sent|send|shipped|brought) (?:them |it |these |those |the goods |the items )?back | (?:says|shows|lists|has) (?:[a-z]+ ){0,3}(?:we|i) (?:only )?(?:ordered|received|got|asked for) /.test(s.text)
    || / (?:not|isnt|arent|wasnt) (?:mine|ours|my invoice|our invoice|my bill|our bill|right|correct|accurate|for us|for me) | (?:charged|billed) (?:me |us )?(?:twice|double|too much|more than) | double (?:charged|billed|charge|billing) /.test(s.text)
    || / returned (?:the |those |these |it |them |all |my |our |every)| why (?:am i|are we|was i|were we|is it|have i been|have we been) (?:being )?(?:billed|charged|invoiced) /.test(s.text)
    || / (?:doesnt|does not|dont|do not|didnt) (?:look|seem) (?:right|correct)| (?:doesnt|does not|dont|do not) (?:add up|match|make sense) /.test(s.text)
    || / (?:billed|charged|invoiced) (?:me |us )?for (?:[a-z]+ ){0,3}(?:i|we) (?:cancelled|canceled|returned|never|didnt|did not) /.test(s.text)
    || / (?:is|are|seems|looks|was) (?:way |much |far |a lot |a bit )?too (?:high|much|expensive|big) | overpriced /.test(s.text)
    || / (?:invoice|bill|amount|total|count|headcount|figure|figures|number|numbers|quantity|quantities|price|prices|rate|hours) (?:(?!reminders |messages |texts |notifications |alerts )[a-z]+ ){0,2}(?:is|are|seems|looks|was) (?:way |a bit |a little |slightly )?off /.test(s.text)
    || / (?:higher|more|bigger) than (?:the |our |my |what )?(?:quote|quoted|agreed|estimate|estimated|price we agreed|we agreed|i was quoted|we were quoted) | only (?:got|received|ordered|had|delivered|used|worked|needed) | (?:wont|will not|refuse to|not going to|am not going to|shouldnt have to) pay /.test(s.text)
    || / (?:charged|billed) (?:[a-z]+ ){1,3}(?:twice|double|two times) /.test(s.text)
    || / (?:not|isnt|arent|wasnt|werent) (?:what|the (?:price|rate|amount)) (?:we|i) (?:agreed|ordered|were quoted|was quoted|asked for) | (?:not|isnt|arent) as (?:agreed|quoted) /.test(s.text);
}

/** "I'll pay on Friday", "can pay invoice 42 by the 15th", "payment next week". */
function promisesToPay(s: Signals): boolean {
  const verb = has(s, ['pay', 'paying', 'settle', 'settling', 'payment', 'transfer', 'transferring', 'wire', 'send', 'sending', 'clear', 'clearing', 'remit', 'remitting', 'scheduled']);
  const what = s.ref !== undefined || has(s, ['pay', 'paying', 'settle', 'payment', 'money', 'funds', 'cheque', 'check', 'balance', 'invoice', 'invoices', 'bill', 'bills', 'amount', 'transfer', 'it', 'this', 'that', 'everything', 'owe', 'dues']);
  const paidLater = / (?:have|get) (?:it|this|that|them|everything|the [a-z]+) paid | (?:will|ill|shall|should|going to|gonna|can) be paid | gets? paid | (?:funds|money|payment|cheque|check|transfer) (?:should|will|shall|ought to|is going to) (?:reach|be with|get to|arrive|land|clear) | (?:have|get|send) (?:you )?(?:the |your |our )?(?:money|payment|funds|cheque|check) (?:by|on|before) | expect (?:our|the|my|a|your) (?:remittance|payment|money|funds|cheque|check|transfer) | (?:all right|alright|ok|okay|fine|possible) if (?:i|we) (?:paid|pay|settled|settle) /.test(s.text);
  if (!((verb && what) || paidLater)) return false;
  if (/ (?:did|didnt|already|was|were|havent|hasnt) | (?:ive|weve) (?:already )?(?:paid|settled|sent|transferred|made) |(?<! if) (?:i|we|just|has been|have been) paid /.test(s.text)) return false;
  // "can"/"could" promise only with I or we: "could you send me …" is a request.
  const future = / (?:will|ill|well|youll|shall|going to|gonna|plan to|planning to|intend to|expect to|promise|promised|should be able to|hope to|then|scheduled|arranged) | (?:i|we) (?:can|could) /.test(s.text) || paidLater;
  // A day of its own is a promise's; one inside a longer period ("for December") is a list's.
  const spansDays = s.period !== undefined && s.period.from !== s.period.to;
  if (s.promiseDate !== undefined) return future || (!spansDays && s.today !== undefined && s.promiseDate > s.today);
  return has(s, ['promise', 'promised']) || (future && / (?:soon|later|next|shortly) /.test(s.text));
}

const MORE_WORDS = new Set(['and', 'gimme', 'lot', 'batch', 'set', 'carry', 'more', 'next', 'rest', 'remaining', 'remainder', 'continue', 'further', 'others', 'other', 'older', 'following', 'page', 'show', 'see', 'give', 'load', 'keep', 'going', 'get', 'list', 'of', 'them', 'those', 'ones', 'go', 'on', 'additional', 'view', 'display', 'what', 'else', 'is', 'there', 'any', 'can', 'my', 'lines', 'items', 'results', 'pg', ...INVOICE_WORDS, ...ORDER_WORDS, ...PAYMENT_WORDS]);
const MORE_MARKS = ['more', 'next', 'rest', 'remaining', 'remainder', 'continue', 'further', 'others'];

/** Phrases that ask for the rest of a list whatever else the message says ("I'm still waiting for the rest of the list"). */
const STRONG_MORE = / not just the first | where you (?:stopped|left off) | continue from | (?:see|show|give|send) (?:me )?another | another (?:few|page|batch|set|lot) | more to show | any ?more (?:to show|left|items|results)? $| scroll down | (?:a )?couple more | subsequent (?:results|items|ones|entries|page|part) | the rest | (?:a few|some) more | next (?:part|few|one|ones|lot|batch|bunch|set|page|items|results|entries) | following (?:items|ones|results|page|entries) | (?:additional|further|remaining) (?:results|items|ones|entries|lines) | (?:the )?other ones | keep (?:them|it|em) coming | what comes next | (?:what|whats|and) (?:comes )?after (?:these|this|that|those) | (?:anything|what) else on (?:that|the|this) list | further down | rest of (?:the|that|this) list | page after /;

/** "more", "next page please", "show me the rest": the next part of the list just shown. */
function asksForMore(s: Signals): boolean {
  if (/^ (?:page|pg) $/.test(s.text)) return true;
  if (s.ref !== undefined || s.amount !== undefined) return false;
  const words = core(s);
  // A message of one word one letter from "more" or "next" ("mor", "nexy").
  if (words.length === 1 && words[0].length >= 3 && ['more', 'next'].some((mark) => isOneEditApart(words[0], mark))) return true;
  if (s.to === undefined && STRONG_MORE.test(s.text) && !has(s, ['pay', 'owe', 'statement', 'receipt', 'forward'])) return true;
  return (has(s, MORE_MARKS) || / keep going | go on | carry on | what else /.test(s.text)) && words.every((w) => MORE_WORDS.has(w));
}

function asksForDetails(s: Signals): boolean {
  // "use my credit card for invoice 55", "debit my bank": paying with it, not asking about it.
  const paying = s.ref !== undefined || / (?:pay|debit|process|transfer|use|put|charge|cover|bring|square|wanna use) /.test(s.text);
  return (!paying && / my (?:account |contact |personal |billing )?(?:details|detail|info|information|profile|address|email|phone|number|card|cards|bank) /.test(s.text))
    || (/ on file /.test(s.text) && !has(s, CREDIT_WORDS)) || / who am i | payment (?:method|methods|details) | (?:which|what) (?:card|cards|bank) /.test(s.text)
    || / (?:saved|stored|registered) (?:card|cards|bank|payment|account|details|method|methods) /.test(s.text)
    || / (?:details|info|information|data) (?:do )?(?:you )?(?:have|hold|keep) (?:for|on|about) (?:me|us|my|our) | what do you (?:have|know|hold) (?:on|about) (?:me|us) /.test(s.text)
    || / (?:name|address|email|phone|number|details)(?: [a-z]+){0,3} (?:is|are) (?:registered (?:to|with|on)|on file for|listed on|on) (?:my|our) (?:account|profile) /.test(s.text)
    || / (?:address|email|phone|number|card|visa|mastercard|bank account) (?:do )?you (?:have|hold|keep) (?:for|on) (?:me|us|my|our) | (?:card|visa|mastercard|amex)(?: [a-z]+){0,2} (?:still )?(?:saved|stored|on file) /.test(s.text);
}

/** "the site manager can't find his copy", "the rep said…": someone spoken of, not asked for. */
const SPOKEN_OF = / (?:the|our|my|his|her|their) (?:[a-z]+ )?(?:manager|rep|representative|staff|agent|person|someone|accountant) (?:said|says|told|tells|needs|need|wants|asked|asks|cant|couldnt|wont|mentioned|found) /;

function asksForPerson(s: Signals): boolean {
  if (has(s, ['payments'])) return false;
  if (SPOKEN_OF.test(s.text) && !/ (?:talk|speak|chat|call|contact|reach|connect|put me through|escalate) /.test(s.text)) return false;
  return / get hold of (?:you|someone|somebody|a person|your) /.test(s.text) || has(s, ['human', 'humans', 'person', 'someone', 'somebody', 'agent', 'representative', 'rep', 'operator', 'staff', 'support', 'manager', 'contact', 'callback', 'complaint', 'complain'])
    || / who (?:do|should|can) (?:i|we) (?:call|contact|speak to|talk to|email|write to|ask) | (?:billing|accounts|finance|support|customer service|collections) (?:team|department|dept|office|people|desk) /.test(s.text)
    || / (?:talk|speak|chat) (?:to|with) | call (?:me|back|you) | your (?:phone|number|email|address|contact|details|office) | reach (?:you|someone|your|a) | get in touch /.test(s.text);
}

/** The intent a reference points to, or null when nothing says which kind of document it is. */
function documentIntent(s: Signals): IntentName | null {
  if (s.ref === undefined) return null;
  const doc = s.refDoc ?? (has(s, ORDER_WORDS) ? 'order' : has(s, INVOICE_WORDS) ? 'invoice' : has(s, PAYMENT_WORDS) ? 'payment' : undefined);
  if (doc === 'order') return 'show_order';
  if (doc === 'invoice') return 'show_invoice';
  if (doc === 'payment') return 'receipt';
  if (has(s, ['track', 'tracking', 'shipped', 'where'])) return 'show_order';
  return has(s, SHOW_VERBS) ? 'show_invoice' : null;
}

function asksLastPayment(s: Signals): boolean {
  return / (?:last|latest|previous|recent|final) payment | (?:last|latest|most recent) (?:thing|one|amount|sum) (?:that )?(?:i|we) (?:paid|sent|transferred) | when (?:did|was|have) (?:i|we) (?:last )?(?:pay|paid|make|made) | when (?:did|have) (?:i|we) (?:last )?(?:send|sent|transfer|transferred) (?:you )?(?:the |any |some )?(?:money|payment|funds|cash) | when was my (?:last )?payment /.test(s.text)
    || / last (?:paid|time i paid) | payment (?:go|gone|went) through | did my payment | (?:you )?last (?:received|got|had) (?:money|payment|a payment|anything|funds) | (?:paid|sent|send|pay) (?:you )?last\b| last time (?:you|u) (?:got|received|had) | (?:last|latest) (?:make|made) a payment | how long ago did (?:i|we) (?:last )?(?:pay|make) | (?:pay|paid) last time | last time (?:i|we) (?:paid|pay) | (?:pay|paid) (?:most )?recently | most recent (?:payment|one) /.test(s.text);
}

function listsPayments(s: Signals): boolean {
  // "invoices with partial payments" are invoices.
  if (has(s, ['payments', 'transactions', 'transaction', 'transfers', 'cheques', 'checks', 'remittance', 'remittances'])) return !(has(s, INVOICE_WORDS) && / (?:with|having) (?:partial |part )?payments /.test(s.text));
  const invoices = has(s, INVOICE_WORDS);
  if (invoices) return false;
  return has(s, ['payment', 'pmt']) || / (?:what|how much) (?:have i|did i|i have|i) (?:paid|pay) | (?:ive|i have|i) paid | (?:everything|all|what|how much) (?:that )?(?:i|we) (?:have )?(?:paid|payed) /.test(s.text);
}

/** "what can this bot do", "what do you support", "what can I ask": the portal's abilities, before any person is meant. */
function asksWhatICanDo(s: Signals): boolean {
  return / what (?:can|does|could) (?:this|the|you|it)(?: [a-z]+)?(?: actually| really| even)? do | what (?:sort|sorts|kind|kinds|type|types) of (?:things|stuff|questions|requests) | what (?:can|could|should) i (?:ask|say|type|write|do here) | what do you (?:support|do|offer|know|understand) | what (?:to|should i|do i) (?:type|say|ask|write) /.test(s.text)
    || / things (?:i|we) can (?:type|ask|say|write) | (?:requests|questions|commands|phrases) (?:do|can|does) (?:you|it|this) (?:understand|handle|answer|take) | guide me | first time (?:using|here|user) | new (?:here|to this|user) | how does (?:this|it) work /.test(s.text)
    || / (?:services|things|features|options|functions|functionality|capabilities) (?:does|do|can|could) (?:this|the|you)(?: [a-z]+)? (?:offer|do|provide|support) | how (?:can|could) (?:you|u) (?:help|assist) | what i can (?:ask|say|type|write|do) | how (?:to|do i|can i|should i|do we|does one|do you) use (?:this|it|you) | what (?:[a-z]+ ){0,3}(?:can|could) (?:you|u) (?:do|help with) | (?:is|are) able to do | (?:explain|tell me) what (?:this|you|it) | not understand how /.test(s.text);
}

function asksHelp(s: Signals): boolean {
  return has(s, ['help', 'commands', 'command', 'options', 'info', 'instructions', 'howto'])
    || / what (?:can|do|could) (?:you|i) | how (?:does|do) (?:this|it|you)(?: [a-z]+)? work | how (?:do|can) i use | who are you | what is this | what are my options /.test(s.text);
}

function greets(s: Signals): boolean {
  return has(s, ['hi', 'hello', 'hey', 'heya', 'hiya', 'hallo', 'hola', 'howdy', 'yo', 'greetings', 'morning', 'afternoon', 'evening', 'menu', 'start', 'started', 'begin', 'sup', 'hai'])
    || has(s, ['gday', 'gidday', 'hullo', 'ahoy', 'namaste', 'bonjour', 'ciao', 'salaam', 'salam', 'assalamualaikum', 'salaams', 'howzit', 'kiaora'])
    || / main menu | start over | good day | he+y+ | hi+ | hel+o+ | hiy+a+ /.test(s.text);
}

/** "Hi, it's Priya from Sharma Traders": a hello that introduces its writer. */
const INTRODUCES = /^ (?:hi|hello|hey|good morning|good afternoon|good evening|dear|greetings) (?:[a-z]+ )?(?:its|it|it is|this is|i am|im|me) [a-z]+(?: [a-z]+)? (?:from|at|of|here)\b/;

export function classifyIntent(s: Signals): IntentName {
  if (INTRODUCES.test(s.text) && core(s).length <= 8) return 'greeting';
  if (optsOut(s)) return 'opt_out';
  if (optsIn(s)) return 'opt_in';
  if (forwards(s)) return 'forward';
  if (saysAlreadyPaid(s)) return 'already_paid';
  if (disputes(s)) return 'dispute';
  if (promisesToPay(s)) return 'promise_to_pay';
  if (wantsReceipt(s)) return 'receipt';
  if (asksForMore(s)) return 'more';
  if (wantsToPay(s)) {
    // "how much do I have to pay", "is there anything I need to pay" ask for the balance.
    if (s.ref === undefined && s.amount === undefined && / how much | (?:anything|what|whats) .*(?:need|have|got|left) to pay /.test(s.text)) return 'balance';
    return paysEverything(s) ? 'pay_all' : 'pay_invoice';
  }
  if (/ (?:last|previous|latest|most recent) (?:payment|transfer|remittance|amount|sum) /.test(s.text) && !has(s, ['card', 'bank', 'method', 'methods'])) return 'last_payment';
  if (asksForDetails(s)) return 'my_details';
  if (asksWhatICanDo(s)) return 'help';
  if (asksForPerson(s)) return 'contact';
  if (asksHowToPay(s)) return 'pay_invoice';
  const shown = documentIntent(s);
  if (shown) return shown;
  if (asksLastPayment(s)) return 'last_payment';
  if (has(s, CREDIT_WORDS) || / (?:you|u) owe (?:me|us) | owe (?:me|us) (?:back|money) /.test(s.text)) return 'credits';
  if (has(s, STATEMENT_WORDS)) return 'statement';
  if (has(s, ['owe', 'owed', 'owing', 'owes', 'balance', 'bal', 'debt', 'debts']) || / (?:am i|are we) (?:all )?(?:square|even|settled up|paid up|up to date) /.test(s.text)) return 'balance';
  if (has(s, ['document', 'documents', 'docs', 'files', 'file', 'attachments', 'attachment', 'shared', 'paperwork', 'papers', 'agreement', 'agreements', 'contract', 'contracts', 'tcs', 'terms']) || / price list /.test(s.text)) return 'documents';
  if (/ (?:have|did|had) (?:i|we) (?:ordered|order|bought|purchased) /.test(s.text)) return 'list_orders';
  if (has(s, ORDER_WORDS)) return 'list_orders';
  if (listsPayments(s)) return 'list_payments';
  if (has(s, INVOICE_WORDS) || has(s, ['retainer', 'retainers', 'unpaid', 'overdue', 'partpaid'])) return 'list_invoices';
  if (has(s, ['outstanding', 'due', 'total']) || / how much /.test(s.text)) return 'balance';
  if (asksHelp(s)) return 'help';
  if (greets(s)) return 'greeting';
  return 'unknown';
}
