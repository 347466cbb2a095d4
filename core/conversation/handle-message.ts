import { dayIn } from '../dates';
import { AppError } from '../errors';
import type { Channel } from '../channels';
import { answerBalance, answerContact, answerCredits, answerDocuments, answerGreeting, answerHelp, answerLastPayment, answerMyDetails } from './answers/account';
import { answerAlreadyPaid, answerDispute, answerPromise, isClaimReference } from './answers/customer-replies';
import { answerForward } from './answers/forward';
import { answerMore } from './answers/more';
import { answerListInvoices, answerShowInvoice } from './answers/invoices';
import { answerListOrders, answerShowOrder } from './answers/orders';
import { answerPayAll, answerPayInvoice } from './answers/pay';
import { answerListPayments, answerReceipt } from './answers/payments';
import { answerStatement } from './answers/statement';
import { answerUnknown } from './answers/unknown';
import { looksLikeCardNumber } from './card-guard';
import { answerUnlinked } from '../identity/link-identity';
import { findIdentity } from './find-identity';
import { readFollowUp } from './follow-up';
import { parseIntent, type IntentName, type ParsedIntent } from './parser';
import { livePendingQuestion, savePendingQuestion } from './pending-question';
import { reply, type Reply } from '../replies/reply';
import type { ConversationDeps, Turn } from './turn';

export interface InboundMessage {
  channel: Channel;
  /** Phone number, "team:user", "tenant:user" or web session id. */
  address: string;
  text: string;
  /** The channel's id of this message. */
  messageId: string;
}

type Answer = (turn: Turn, intent: ParsedIntent, text: string) => Promise<Reply> | Reply;

const ANSWERS: Record<Exclude<IntentName, 'opt_out' | 'opt_in'>, Answer> = {
  greeting: answerGreeting, help: answerHelp, balance: answerBalance, credits: answerCredits,
  list_invoices: answerListInvoices, show_invoice: answerShowInvoice, pay_invoice: answerPayInvoice, pay_all: answerPayAll,
  list_orders: answerListOrders, show_order: answerShowOrder, list_payments: answerListPayments, receipt: answerReceipt,
  last_payment: answerLastPayment, statement: answerStatement, my_details: answerMyDetails, documents: answerDocuments,
  forward: answerForward, contact: answerContact, unknown: answerUnknown,
  more: answerMore, promise_to_pay: answerPromise, already_paid: answerAlreadyPaid, dispute: answerDispute,
};

const MAX_TEXT = 2000;

/** Requests that, right after an invoice was shown, are about that invoice when they name none. */
const ABOUT_IT: ReadonlySet<IntentName> = new Set(['pay_invoice', 'promise_to_pay', 'already_paid', 'dispute']);

const CARD_WARNING = "Please don't send card numbers in chat. I didn't keep that message. To pay, ask for a payment link, e.g. \"pay invoice 42\": you enter card details on the secure payment page only.";

/**
 * Answers one customer message, whatever channel it came through. A message that looks
 * like a card number is refused before anything is stored.
 */
export async function handleMessage(deps: ConversationDeps, message: InboundMessage): Promise<Reply> {
  if (looksLikeCardNumber(message.text)) return reply(CARD_WARNING, { warning: true });
  const text = message.text.slice(0, MAX_TEXT);
  const { db, clock } = deps;
  const now = clock();
  const identity = await findIdentity(db, message.channel, message.address);

  // "Today" is the customer's; an identity not linked yet has no time zone but UTC's.
  const today = dayIn(identity.viewer?.timezone ?? 'UTC', now);
  let intent = parseIntent(text, today);
  if (intent.intent === 'opt_out' || intent.intent === 'opt_in') {
    const optedOut = intent.intent === 'opt_out';
    await db.channelIdentity.update({ where: { id: identity.id }, data: { optedOut } });
    if (identity.pending) await savePendingQuestion(db, identity.id, null, now);
    return optedOut
      ? reply("You're unsubscribed: we won't send you reminders or other messages here. Reply START to turn them back on.")
      : reply("You're subscribed again: reminders and updates will come here. Say \"help\" to see what I can do.");
  }
  // WhatsApp lets a business write freely for 24 hours after the customer's last message (reminders use it).
  if (message.channel === 'whatsapp') await db.channelIdentity.update({ where: { id: identity.id }, data: { lastInboundAt: now } });
  if (!identity.viewer) return answerUnlinked(deps, identity.id, text);

  const pending = livePendingQuestion(identity.pending, now);
  const turn: Turn = { deps, viewer: identity.viewer, today, identity, messageId: message.messageId, pending: null, asked: null };
  if (pending) {
    const followUp = readFollowUp(pending, text);
    if (followUp && 'declined' in followUp) {
      await savePendingQuestion(db, identity.id, null, now);
      return reply('OK, nothing done. What else can I help with?', { choices: [{ label: 'Help', say: 'help' }] });
    }
    if (followUp) [intent, turn.asked] = [followUp.run, pending];
    else if (pending.claim !== undefined && isClaimReference(intent, text)) [intent, turn.asked] = [{ intent: 'already_paid' }, pending];
    else if (pending.list !== undefined && intent.intent === 'more') turn.asked = pending;
    else if (pending.about && !intent.ref && ABOUT_IT.has(intent.intent) && !(intent.intent === 'pay_invoice' && intent.amount)) intent = { ...intent, ref: pending.about };
  }
  try {
    const answer = await ANSWERS[intent.intent as keyof typeof ANSWERS](turn, intent, text);
    if (turn.pending || identity.pending) await savePendingQuestion(db, identity.id, turn.pending, now);
    return answer;
  } catch (err) {
    if (err instanceof AppError) return reply(err.userMessage, { warning: true });
    throw err;
  }
}
