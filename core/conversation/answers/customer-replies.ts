/**
 * Promises, "I already paid" and disputes, after a reminder or on their own. Which invoices
 * they are about: the one named; else those the last reminder to this chat named; else the
 * customer's overdue ones (a promise, a claim) or its only open one; else the customer is asked.
 */
import { fromDay } from '../../dates';
import { addClaimReference, keptWords, openDispute, recordPaymentClaim, recordPromise, remindedInvoices, type OpenInvoice } from '../../reminders/customer-replies';
import { reply, type Reply } from '../../replies/reply';
import { day, money, plural } from '../../replies/words';
import type { ParsedIntent } from '../parser';
import type { Turn } from '../turn';
import { findDocument, isMatch } from './find-document';

/** Promises further out than this are not a promise anyone keeps track of. */
const MAX_PROMISE_DAYS = 366;

async function openInvoices(turn: Turn, overdueOnly: boolean): Promise<OpenInvoice[]> {
  return turn.deps.db.invoice.findMany({
    where: {
      customerId: turn.viewer.customerId, kind: 'invoice', state: 'sent', balance: { gt: 0n },
      ...(overdueOnly ? { dueDate: { lt: fromDay(turn.today) } } : {}),
    },
    select: { id: true, number: true, balance: true, currency: true },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
  });
}

type Target = { invoices: OpenInvoice[] } | { answer: Reply };

/** The invoices a reply is about, or the answer that says there are none or asks which. */
async function invoicesMeant(turn: Turn, intent: ParsedIntent, { one }: { one: boolean }): Promise<Target> {
  if (intent.ref) {
    const found = await findDocument(turn, 'invoice', intent.ref, intent);
    if (!isMatch(found)) return { answer: found };
    const [invoice] = await turn.deps.db.invoice.findMany({ where: { id: found.id }, select: { id: true, number: true, balance: true, currency: true, state: true } });
    if (invoice.state !== 'sent' || invoice.balance === 0n) return { answer: reply(`${invoice.number} is already paid in full: there is nothing left to pay on it.`) };
    return { invoices: [invoice] };
  }
  const reminded = await remindedInvoices(turn.deps.db, turn.viewer, turn.identity, turn.deps.clock());
  const candidates = reminded.length ? reminded : one ? await openInvoices(turn, false) : await overdueOrOpen(turn);
  if (!candidates.length) return { answer: reply("You're all paid up: there is no unpaid invoice on your account.") };
  if (!one || candidates.length === 1) return { invoices: one ? candidates.slice(0, 1) : candidates };
  const options = candidates.slice(0, 5);
  turn.pending = { intent, options: options.map((i) => ({ id: i.id, number: i.number })), needsRef: true };
  return {
    answer: reply(`Which invoice is it about? ${options.map((i) => `${i.number} (${money(turn.viewer, i.balance, i.currency)})`).join(', ')}`, {
      choices: options.slice(0, 3).map((i) => ({ label: i.number, say: i.number })),
    }),
  };
}

async function overdueOrOpen(turn: Turn): Promise<OpenInvoice[]> {
  const overdue = await openInvoices(turn, true);
  return overdue.length ? overdue : openInvoices(turn, false);
}

function summary(turn: Turn, invoices: OpenInvoice[]): string {
  const sum = money(turn.viewer, invoices.reduce((s, i) => s + i.balance, 0n), invoices[0].currency);
  return invoices.length === 1 ? `${invoices[0].number} (${sum})` : `${plural(invoices.length, 'invoice')} (${invoices.map((i) => i.number).join(', ')}; ${sum} in all)`;
}

export async function answerPromise(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  if (!intent.date) return reply('Which day can you pay by? For example: "I\'ll pay on Friday" or "I can pay by the 15th".');
  const latest = new Date(fromDay(turn.today).getTime() + MAX_PROMISE_DAYS * 86_400_000);
  if (fromDay(intent.date) > latest) return reply('That is more than a year away. Please pick a day within the next year, or say "talk to someone" to agree a plan with us.');
  const target = await invoicesMeant(turn, intent, { one: false });
  if ('answer' in target) return target.answer;
  await recordPromise(turn.deps.db, { viewer: turn.viewer, identityId: turn.identity.id, invoices: target.invoices, date: intent.date, now: turn.deps.clock() });
  const when = intent.date === turn.today ? 'today' : day(turn.viewer, intent.date);
  return reply(`Thank you! I've noted that you'll pay ${summary(turn, target.invoices)} by ${when}, and told ${turn.viewer.orgName}. No reminders about ${target.invoices.length === 1 ? 'it' : 'them'} until then.`, {
    choices: [{ label: 'Pay now', say: target.invoices.length === 1 ? `pay invoice ${target.invoices[0].number}` : 'pay everything' }],
  });
}

export async function answerDispute(turn: Turn, intent: ParsedIntent, text: string): Promise<Reply> {
  // A pick from the question keeps the first message's words, the ones that say what is wrong.
  const words = turn.asked?.intent.intent === 'dispute' && turn.asked.said ? turn.asked.said : text;
  const target = await invoicesMeant(turn, intent, { one: true });
  if ('answer' in target) {
    if (turn.pending) turn.pending.said = keptWords(words, 500);
    return target.answer;
  }
  const [invoice] = target.invoices;
  const opened = await openDispute(turn.deps.db, { viewer: turn.viewer, identityId: turn.identity.id, invoice, text: words, now: turn.deps.clock() });
  if (!opened) return reply(`${invoice.number} is already with ${turn.viewer.orgName} to look into; they'll get back to you. No reminders about it until it's sorted.`);
  return reply(`Sorry about that. I've told ${turn.viewer.orgName} that ${invoice.number} looks wrong to you; they'll look into it and get back to you. No reminders about it until it's sorted.`, {
    choices: [{ label: 'Talk to someone', say: 'contact' }],
  });
}

/** A message that answers "what is the reference?": anything that is not a new request. */
export function isClaimReference(intent: ParsedIntent, text: string): boolean {
  return intent.intent === 'unknown' || (intent.intent === 'already_paid' && /\d/.test(text));
}

export async function answerAlreadyPaid(turn: Turn, intent: ParsedIntent, text: string): Promise<Reply> {
  const now = turn.deps.clock();
  if (turn.asked?.claim !== undefined && isClaimReference(intent, text)) {
    const invoices = await addClaimReference(turn.deps.db, { viewer: turn.viewer, claimId: turn.asked.claim, reference: text, now });
    return reply(`Thanks! I've passed that on to ${turn.viewer.orgName}, who will match it to ${invoices.join(', ')}. You'll get a receipt here once it's recorded.`);
  }
  const target = await invoicesMeant(turn, intent, { one: false });
  if ('answer' in target) return target.answer;
  const claim = await recordPaymentClaim(turn.deps.db, { viewer: turn.viewer, identityId: turn.identity.id, invoices: target.invoices, now });
  turn.pending = { intent, claim };
  return reply(`Thanks for letting us know about ${summary(turn, target.invoices)}: I've told ${turn.viewer.orgName}, and reminders about ${target.invoices.length === 1 ? 'it' : 'them'} stop for a week while they check. What is the payment's reference (cheque number, bank transfer reference, or the day you paid)?`);
}
