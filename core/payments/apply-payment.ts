import { Prisma } from '../db/generated/client';
import { minBig } from '../money';
import type { Allocation } from './payment-gateway';

export interface Applied {
  applied: Array<{ invoiceId: number; number: string; amount: bigint }>;
  /** What did not fit: available credit. */
  unapplied: bigint;
}

/**
 * Applies a succeeded payment to its invoices in the order given, each capped at that
 * invoice's balance as it is now: the invoice rows are locked first (in id order, so two
 * payments never wait on each other crosswise), so a payment that arrives after the invoice
 * was paid another way keeps the money as credit instead of taking the balance below zero.
 * Call inside the transaction that made the payment succeed.
 */
export async function applyPayment(tx: Prisma.TransactionClient, { paymentId, customerId, amount, allocations }: {
  paymentId: number; customerId: number; amount: bigint; allocations: Allocation[];
}): Promise<Applied> {
  const ids = [...new Set(allocations.map((a) => a.invoiceId))].sort((a, b) => a - b);
  const balances = new Map<number, bigint>();
  if (ids.length) {
    const rows = await tx.$queryRaw<Array<{ id: number; balance: bigint }>>`
      SELECT id, balance FROM "Invoice"
      WHERE id IN (${Prisma.join(ids)}) AND "customerId" = ${customerId} AND state = 'sent'
      ORDER BY id FOR UPDATE`;
    for (const r of rows) balances.set(r.id, BigInt(r.balance));
  }
  let left = amount;
  const applied: Applied['applied'] = [];
  for (const a of allocations) {
    const take = minBig(minBig(a.amount, balances.get(a.invoiceId) ?? 0n), left);
    if (take <= 0n) continue;
    balances.set(a.invoiceId, balances.get(a.invoiceId)! - take);
    left -= take;
    applied.push({ invoiceId: a.invoiceId, number: a.number, amount: take });
  }
  if (applied.length) {
    await tx.paymentApplication.createMany({ data: applied.map((a) => ({ paymentId, invoiceId: a.invoiceId, amount: a.amount })) });
    for (const a of applied) await tx.invoice.update({ where: { id: a.invoiceId }, data: { balance: { decrement: a.amount } } });
  }
  await tx.payment.update({ where: { id: paymentId }, data: { unapplied: left } });
  return { applied, unapplied: left };
}
