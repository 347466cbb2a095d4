import type { Db } from '../db/db';
import type { Prisma } from '../db/generated/client';
import { toDay } from '../dates';
import { toDecimalString } from '../money';

/**
 * A payment the portal recorded, in the import format's shape (portal.md) plus what identifies
 * it as the portal's: the merchant loads it into its books, and a later import that brings it
 * back with `portalPayment` (or the provider's id as `reference`) is matched to it, not doubled.
 */
export interface PaymentForBooks {
  number: string;
  customer: string;
  date: string;
  amount: string;
  currency: string;
  mode: string;
  reference: string | null;
  applied: Array<{ invoice: string; amount: string }>;
  portalPayment: string;
  provider: string | null;
  providerPaymentId: string | null;
}

const SELECT = {
  number: true, date: true, amount: true, currency: true, mode: true, reference: true, online: true, providerPaymentId: true,
  customer: { select: { key: true } },
  checkout: { select: { provider: true } },
  applications: { select: { amount: true, invoice: { select: { number: true } } }, orderBy: { id: 'asc' } },
} satisfies Prisma.PaymentSelect;

type Row = Prisma.PaymentGetPayload<{ select: typeof SELECT }>;

function forBooks(p: Row): PaymentForBooks {
  return {
    number: p.number, customer: p.customer.key, date: toDay(p.date), amount: toDecimalString(p.amount, p.currency), currency: p.currency,
    mode: p.mode, reference: p.reference,
    applied: p.applications.map((a) => ({ invoice: a.invoice.number, amount: toDecimalString(a.amount, p.currency) })),
    portalPayment: p.number, provider: p.online ? (p.checkout?.provider ?? null) : null,
    providerPaymentId: p.online ? p.providerPaymentId : null,
  };
}

export async function paymentForBooks(db: Db | Prisma.TransactionClient, paymentId: number): Promise<PaymentForBooks> {
  return forBooks(await db.payment.findUniqueOrThrow({ where: { id: paymentId }, select: SELECT }));
}

/** The payments the portal recorded for one organization on or after `since` (a day), oldest first. */
export async function portalPaymentsSince(db: Db, orgId: number, since: string): Promise<PaymentForBooks[]> {
  const rows = await db.payment.findMany({
    where: { customer: { orgId }, recordedByPortal: true, state: 'succeeded', date: { gte: new Date(`${since}T00:00:00Z`) } },
    select: SELECT, orderBy: [{ date: 'asc' }, { id: 'asc' }],
  });
  return rows.map(forBooks);
}
