/**
 * What a customer answers to a reminder, or says on its own (merchant.md "Replies"): a promise
 * to pay by a day, "I already paid" with its reference, "this is wrong" (a dispute). Each is
 * recorded with its event in one transaction; each pauses reminders for the invoices it names.
 */
import type { Db } from '../db/db';
import { dayInWords, fromDay, type Day } from '../dates';
import { AppError } from '../errors';
import { recordEvent } from '../events/record-event';
import { formatMoney } from '../money';
import type { Viewer } from '../portal/viewer';

export type OpenInvoice = { id: number; number: string; balance: bigint; currency: string };

/** How long after the reminder a bare "pay" or "this is wrong" still means its invoices. */
const REMINDER_CONTEXT_DAYS = 14;
/** Reminders for invoices the customer says are paid wait this long for the merchant to check. */
export const CLAIM_PAUSE_DAYS = 7;

/** The invoices the last reminder sent to this chat named that are still unpaid; none if it is too old. */
export async function remindedInvoices(db: Db, viewer: Viewer, chat: { channel: string; address: string }, now: Date): Promise<OpenInvoice[]> {
  const reminder = await db.reminder.findFirst({
    where: {
      customerId: viewer.customerId, status: 'sent', channel: chat.channel as never, address: chat.address,
      sentAt: { gte: new Date(now.getTime() - REMINDER_CONTEXT_DAYS * 86_400_000) },
    },
    orderBy: { sentAt: 'desc' },
    select: { items: { select: { invoice: { select: { id: true, number: true, balance: true, currency: true, state: true, dueDate: true } } } } },
  });
  const invoices = (reminder?.items ?? []).map((i) => i.invoice).filter((i) => i.state === 'sent' && i.balance > 0n);
  return invoices.map(({ id, number, balance, currency }) => ({ id, number, balance, currency }));
}

export type PauseReason = 'promised' | 'disputed' | 'said already paid';

/**
 * Invoices whose reminders are paused today, and why: a promise whose day has not passed
 * (they resume the day after it), an open dispute, or a claim of payment less than a week old.
 */
export async function pausedInvoices(db: Db, customerId: number, invoices: Array<{ id: number; number: string }>, today: Day, now: Date): Promise<Map<number, PauseReason>> {
  const ids = invoices.map((i) => i.id);
  const paused = new Map<number, PauseReason>();
  if (!ids.length) return paused;
  const [promises, disputes, claims] = await Promise.all([
    db.paymentPromise.findMany({ where: { invoiceId: { in: ids }, date: { gte: fromDay(today) } }, select: { invoiceId: true } }),
    db.dispute.findMany({ where: { invoiceId: { in: ids }, status: 'open' }, select: { invoiceId: true } }),
    db.paymentClaim.findMany({ where: { customerId, createdAt: { gte: new Date(now.getTime() - CLAIM_PAUSE_DAYS * 86_400_000) } }, select: { invoices: true } }),
  ]);
  const claimed = new Set(claims.flatMap((c) => c.invoices as string[]));
  for (const i of invoices) if (claimed.has(i.number)) paused.set(i.id, 'said already paid');
  for (const p of promises) paused.set(p.invoiceId, 'promised');
  for (const d of disputes) paused.set(d.invoiceId, 'disputed');
  return paused;
}

/**
 * The customer's words as kept and sent on: well-formed (a lone surrogate becomes U+FFFD; JSON
 * and PostgreSQL refuse them), no control characters, one line, at most `max` characters.
 */
export function keptWords(text: string, max: number): string {
  return text
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

const total = (invoices: OpenInvoice[]) => invoices.reduce((s, i) => s + i.balance, 0n);
const numbers = (invoices: OpenInvoice[]) => invoices.map((i) => i.number);

/** A promise to pay `invoices` by `date`: one row per invoice and one `promise.made`. */
export async function recordPromise(db: Db, { viewer, identityId, invoices, date, now }: {
  viewer: Viewer; identityId: number; invoices: OpenInvoice[]; date: Day; now: Date;
}): Promise<void> {
  const amount = formatMoney(total(invoices), invoices[0].currency, viewer.locale);
  await db.$transaction(async (tx) => {
    await tx.paymentPromise.createMany({ data: invoices.map((i) => ({ customerId: viewer.customerId, invoiceId: i.id, identityId, date: fromDay(date), createdAt: now })) });
    await recordEvent(tx, viewer, {
      type: 'promise.made',
      message: `${viewer.customerName} (${viewer.contactName}) promised to pay ${amount} on ${numbers(invoices).join(', ')} by ${dayInWords(date, viewer.locale)}.`,
      data: { customer: viewer.customerKey, contact: viewer.contactName, invoices: numbers(invoices), amount: (Number(total(invoices)) / 100).toFixed(2), currency: invoices[0].currency, date },
    }, now);
  });
}

/** A dispute of one invoice; an invoice already disputed and not yet resolved is not opened again (false). */
export async function openDispute(db: Db, { viewer, identityId, invoice, text, now }: {
  viewer: Viewer; identityId: number; invoice: OpenInvoice; text: string; now: Date;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // The organization's row first (recordEvent takes it too): two messages at once open one dispute.
    await tx.$executeRaw`SELECT id FROM "Organization" WHERE id = ${viewer.orgId} FOR UPDATE`;
    if (await tx.dispute.findFirst({ where: { invoiceId: invoice.id, status: 'open' }, select: { id: true } })) return false;
    const words = keptWords(text, 500);
    const dispute = await tx.dispute.create({ data: { customerId: viewer.customerId, invoiceId: invoice.id, identityId, text: words, openedAt: now }, select: { id: true } });
    await recordEvent(tx, viewer, {
      type: 'dispute.opened',
      message: `${viewer.customerName} (${viewer.contactName}) says ${invoice.number} is wrong: "${words}"`,
      data: { customer: viewer.customerKey, contact: viewer.contactName, invoice: invoice.number, dispute: dispute.id, text: words },
    }, now);
    return true;
  });
}

/** "I already paid": the claim and its event now; the reference, when the customer gives it, in a second event. */
export async function recordPaymentClaim(db: Db, { viewer, identityId, invoices, now }: {
  viewer: Viewer; identityId: number; invoices: OpenInvoice[]; now: Date;
}): Promise<number> {
  return db.$transaction(async (tx) => {
    const claim = await tx.paymentClaim.create({ data: { customerId: viewer.customerId, identityId, invoices: numbers(invoices), createdAt: now }, select: { id: true } });
    await recordEvent(tx, viewer, {
      type: 'payment.claimed',
      message: `${viewer.customerName} (${viewer.contactName}) says ${numbers(invoices).join(', ')} ${invoices.length === 1 ? 'is' : 'are'} already paid.`,
      data: { customer: viewer.customerKey, contact: viewer.contactName, invoices: numbers(invoices), claim: claim.id, reference: null },
    }, now);
    return claim.id;
  });
}

export async function addClaimReference(db: Db, { viewer, claimId, reference, now }: { viewer: Viewer; claimId: number; reference: string; now: Date }): Promise<string[]> {
  const ref = keptWords(reference, 200);
  return db.$transaction(async (tx) => {
    const claim = await tx.paymentClaim.update({ where: { id: claimId, customerId: viewer.customerId }, data: { reference: ref, referenceAt: now }, select: { invoices: true } });
    const invoices = claim.invoices as string[];
    await recordEvent(tx, viewer, {
      type: 'payment.claimed',
      message: `${viewer.customerName} (${viewer.contactName}) gave "${ref}" as the reference of their payment of ${invoices.join(', ')}.`,
      data: { customer: viewer.customerKey, contact: viewer.contactName, invoices, claim: claimId, reference: ref },
    }, now);
    return invoices;
  });
}

/** The merchant resolves a dispute (by its id or its invoice's number): reminders for the invoice resume. */
export async function resolveDispute(db: Db, { orgId, dispute, invoice, resolution, now }: {
  orgId: number; dispute?: number; invoice?: string; resolution?: string; now: Date;
}): Promise<{ id: number; invoice: string; customer: string }> {
  const open = await db.dispute.findFirst({
    where: {
      status: 'open', customer: { orgId },
      ...(dispute !== undefined ? { id: dispute } : { invoice: { number: { equals: invoice ?? '', mode: 'insensitive' } } }),
    },
    select: { id: true, invoice: { select: { number: true } }, customer: { select: { id: true, key: true, name: true } } },
  });
  if (!open) throw new AppError('not_found', dispute !== undefined ? `dispute: no open dispute ${dispute}` : `invoice: no open dispute on "${invoice}"`);
  const note = resolution ? keptWords(resolution, 500) || null : null;
  await db.$transaction(async (tx) => {
    const { count } = await tx.dispute.updateMany({ where: { id: open.id, status: 'open' }, data: { status: 'resolved', resolution: note, resolvedAt: now } });
    if (!count) return;
    await recordEvent(tx, { orgId, customerId: open.customer.id }, {
      type: 'dispute.resolved',
      message: `The dispute of ${open.invoice.number} (${open.customer.name}) was resolved${note ? `: ${note}` : ''}.`,
      data: { customer: open.customer.key, invoice: open.invoice.number, dispute: open.id, resolution: note },
    }, now);
  });
  return { id: open.id, invoice: open.invoice.number, customer: open.customer.key };
}
