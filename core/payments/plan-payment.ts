import type { Db } from '../db/open-database';
import { parseMoney } from '../money';
import type { Viewer } from '../portal/viewer';
import { allocationsFromJson } from './checkout-json';
import type { Allocation, PaymentMethod } from './payment-gateway';

/**
 * "Pay all": every open invoice's balance, oldest due first (portal.md, "Paying"), leaving out
 * invoices a bank payment is still clearing for.
 */
export async function planPayAll({ db, viewer }: { db: Db; viewer: Viewer }): Promise<Allocation[]> {
  const [open, clearing] = await Promise.all([
    db.invoice.findMany({
      where: { customerId: viewer.customerId, kind: 'invoice', state: 'sent', balance: { gt: 0 } },
      orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { date: 'asc' }, { id: 'asc' }],
      select: { id: true, number: true, balance: true },
    }),
    invoicesBeingPaid({ db, viewer }),
  ]);
  return open.filter((i) => !clearing.has(i.id)).map((i) => ({ invoiceId: i.id, number: i.number, amount: i.balance }));
}

/**
 * Invoices with a payment still clearing (a bank payment takes days): the portal does not
 * offer to pay them a second time meanwhile. They are the invoices of the customer's
 * checkouts whose payment is pending.
 */
export async function invoicesBeingPaid({ db, viewer }: { db: Db; viewer: Viewer }): Promise<Set<number>> {
  const clearing = await db.checkoutSession.findMany({ where: { customerId: viewer.customerId, state: 'pending' }, select: { allocations: true } });
  return new Set(clearing.flatMap((c) => allocationsFromJson(c.allocations).map((a) => a.invoiceId)));
}

export type PartCheck =
  | { ok: true; amount: bigint }
  | { ok: false; problem: 'not_an_amount' | 'zero' | 'over_balance' | 'no_partial'; balance: bigint };

/**
 * How much of one invoice to collect: the balance, or a part where the invoice allows
 * it (more than 0, at most the balance). `typed` is the decimal the customer wrote.
 */
export function checkPart(invoice: { balance: bigint; currency: string; allowPartialPayments: boolean }, typed?: string): PartCheck {
  const { balance } = invoice;
  if (typed === undefined) return { ok: true, amount: balance };
  // "50.00" is 50 yen too: trailing zero decimals say nothing.
  const trimmed = typed.includes('.') ? typed.replace(/0+$/, '').replace(/\.$/, '') : typed;
  const amount = parseMoney(trimmed, invoice.currency);
  if (amount === undefined) return { ok: false, problem: 'not_an_amount', balance };
  if (amount === 0n) return { ok: false, problem: 'zero', balance };
  if (amount > balance) return { ok: false, problem: 'over_balance', balance };
  if (amount < balance && !invoice.allowPartialPayments) return { ok: false, problem: 'no_partial', balance };
  return { ok: true, amount };
}

/** Card always; bank (ACH) only for customers allowed it, and only the one asked for when asked. */
export function offeredMethods(achEnabled: boolean, asked?: PaymentMethod): { methods: PaymentMethod[]; achRefused: boolean } {
  if (asked === 'ach' && !achEnabled) return { methods: ['card'], achRefused: true };
  if (asked) return { methods: [asked], achRefused: false };
  return { methods: achEnabled ? ['card', 'ach'] : ['card'], achRefused: false };
}
