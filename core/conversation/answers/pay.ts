import crypto from 'node:crypto';
import { AppError } from '../../errors';
import type { CheckoutRequest } from '../../payments/payment-gateway';
import type { Allocation } from '../../payments/payment-gateway';
import { checkPart, invoicesBeingPaid, offeredMethods, planPayAll } from '../../payments/plan-payment';
import { getInvoice } from '../../portal/get-invoice';
import { resolveReference } from '../../portal/resolve-reference';
import { remindedInvoices } from '../../reminders/customer-replies';
import type { ParsedIntent } from '../parser';
import { reply, type Reply } from '../../replies/reply';
import type { Turn } from '../turn';
import { money, plural } from '../../replies/words';
import { merchantToAsk } from './account';
import { findDocument, isMatch } from './find-document';

/** "pay 200": a bare number right after "pay", an invoice's number or, after a reminder, an amount. */
const BARE_PAY = /^\W*pay\s+\d{1,7}\W*$/i;

const SAFE = 'You pay on the secure payment page; never send card or bank numbers in chat.';

export async function answerPayInvoice(turn: Turn, intent: ParsedIntent, text = ''): Promise<Reply> {
  const { viewer } = turn;
  if (!intent.ref || (BARE_PAY.test(text) && !intent.amount)) {
    // Right after a reminder, "pay" means what it named, and "pay 200" (no invoice 200) part of its one invoice.
    const { allocations: reminded, currency } = await payableReminded(turn);
    if (intent.ref) {
      const named = await resolveReference({ db: turn.deps.db, viewer, doc: 'invoice', ref: intent.ref });
      if (reminded.length === 1 && !named.length) return answerPayInvoice(turn, { ...intent, ref: reminded[0].number, amount: `${intent.ref}.00` });
      return answerPayInvoice(turn, intent);
    }
    if (reminded.length && !intent.amount) return checkout(turn, intent, reminded, currency, `Payment of ${plural(reminded.length, 'invoice')}`);
    if (reminded.length === 1) return answerPayInvoice(turn, { ...intent, ref: reminded[0].number });
  }
  if (!intent.ref) {
    const ways = intent.method ? `${await methodWords(turn, intent.method)} ` : '';
    const open = await planPayAll({ db: turn.deps.db, viewer });
    if (!open.length) return reply(`${ways}You're all paid up: there is no invoice to pay.`);
    const options = open.slice(0, 5).map((a) => ({ id: a.invoiceId, number: a.number }));
    turn.pending = { intent, options, needsRef: true };
    const everything = intent.method === 'ach' && viewer.achEnabled ? 'pay everything by bank' : 'pay everything';
    return reply(`${ways}Which invoice would you like to pay? ${open.slice(0, 5).map((a) => `${a.number} (${money(viewer, a.amount)})`).join(', ')}`, {
      choices: [...options.slice(0, 3).map((o) => ({ label: o.number, say: o.number })), { label: 'Pay all', say: everything }],
    });
  }
  const found = await findDocument(turn, 'invoice', intent.ref, intent);
  if (!isMatch(found)) return found;
  const inv = (await getInvoice({ db: turn.deps.db, viewer, today: turn.today, id: found.id }))!;
  if (inv.balance === 0n) return reply(`${inv.number} is already paid in full. Thank you!`, { choices: [{ label: 'Receipt', say: `receipt for invoice ${inv.number}` }] });
  if ((await invoicesBeingPaid({ db: turn.deps.db, viewer })).has(inv.id)) return reply(`A payment of ${inv.number} is still clearing (bank payments take a few business days), so there is nothing to pay on it right now.`);
  if (intent.currency && intent.currency !== inv.currency) {
    turn.pending = { intent: { ...intent, amount: undefined, currency: undefined }, confirm: true };
    return reply(`${inv.number} is in ${inv.currency}, so it can only be paid in ${inv.currency}. Pay the ${money(viewer, inv.balance, inv.currency)} due?`, { choices: yesNo() });
  }
  const part = checkPart(inv, intent.amount);
  if (!part.ok) {
    const full = money(viewer, part.balance, inv.currency);
    if (part.problem === 'zero' || part.problem === 'not_an_amount') return reply(`Please give an amount more than 0, up to the ${full} due on ${inv.number}.`);
    turn.pending = { intent: { ...intent, amount: undefined }, confirm: true };
    const why = part.problem === 'over_balance' ? `That's more than the ${full} left on ${inv.number}.` : `${inv.number} can only be paid in full (${full}).`;
    return reply(`${why} Pay ${full} instead?`, { choices: yesNo() });
  }
  return checkout(turn, intent, [{ invoiceId: inv.id, number: inv.number, amount: part.amount }], inv.currency,
    `${part.amount < inv.balance ? 'Part payment' : 'Payment'} of ${inv.number}`);
}

export async function answerPayAll(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  const allocations = await planPayAll({ db: turn.deps.db, viewer: turn.viewer });
  if (!allocations.length) return reply("You're all paid up: nothing is outstanding.");
  return checkout(turn, intent, allocations, turn.viewer.currency, `Payment of ${plural(allocations.length, 'invoice')}`);
}

/** What the last reminder to this chat named that is still unpaid and not being paid, in its first invoice's currency. */
async function payableReminded(turn: Turn): Promise<{ allocations: Allocation[]; currency: string }> {
  const reminded = await remindedInvoices(turn.deps.db, turn.viewer, turn.identity, turn.deps.clock());
  const currency = reminded[0]?.currency ?? turn.viewer.currency;
  if (!reminded.length) return { allocations: [], currency };
  const clearing = await invoicesBeingPaid({ db: turn.deps.db, viewer: turn.viewer });
  const allocations = reminded
    .filter((i) => !clearing.has(i.id) && i.currency === currency)
    .map((i) => ({ invoiceId: i.id, number: i.number, amount: i.balance }));
  return { allocations, currency };
}

async function checkout(turn: Turn, intent: ParsedIntent, allocations: Allocation[], currency: string, description: string): Promise<Reply> {
  const { viewer } = turn;
  const amount = allocations.reduce((s, a) => s + a.amount, 0n);
  const { methods, achRefused } = offeredMethods(viewer.achEnabled, intent.method);
  const request: CheckoutRequest = {
    viewer, allocations, amount, currency, methods, description,
    origin: { channel: turn.identity.channel, address: turn.identity.address },
    idempotencyKey: crypto.createHash('sha256')
      .update(JSON.stringify([turn.identity.id, turn.messageId, methods, allocations.map((a) => [a.invoiceId, a.amount.toString()])]))
      .digest('hex'),
  };
  let url: string;
  try {
    ({ url } = await turn.deps.payments.createCheckout(request));
  } catch (err) {
    throw new AppError('provider_failed', 'creating a checkout failed', "Sorry, I couldn't create a payment link just now. Please try again in a few minutes.", { cause: err });
  }
  const what = allocations.length === 1 ? allocations[0].number : `${plural(allocations.length, 'invoice')} (${allocations.map((a) => a.number).join(', ')})`;
  const note = achRefused ? ' Bank (ACH) payments are not set up for your account, so this link takes a card.' : '';
  return reply(`Here is your payment link for ${money(viewer, amount, currency)} on ${what}.${note} ${SAFE}`, {
    link: { label: `Pay ${money(viewer, amount, currency)}`, url },
  });
}

/** "Can I pay by bank?": the ways this customer can pay, and how. */
async function methodWords(turn: Turn, method: 'card' | 'ach'): Promise<string> {
  const { viewer } = turn;
  if (viewer.achEnabled) {
    return `You can pay by card or from your bank account (ACH) on the secure payment page: ask for a link, e.g. "pay invoice 42${method === 'ach' ? ' by bank' : ''}", and choose ${method === 'ach' ? 'the bank account' : 'card'} there.${method === 'ach' ? ' A bank payment takes a few business days to clear.' : ''}`;
  }
  if (method === 'card') return 'You can pay by card on the secure payment page: ask for a link, e.g. "pay invoice 42".';
  return `Bank (ACH) payments aren't set up for your account, so the payment page takes cards. To pay by bank transfer, contact ${await merchantToAsk(turn)}.`;
}

function yesNo() {
  return [{ label: 'Yes', say: 'yes' }, { label: 'No', say: 'no' }];
}
