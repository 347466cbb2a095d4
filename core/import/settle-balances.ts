import type { Prisma } from '../db/generated/client';
import { recordEvent } from '../events/record-event';
import { formatMoney, toDecimalString } from '../money';

type Tx = Prisma.TransactionClient;

export interface Conflict {
  invoice: string;
  customer: string;
  /** What the applications came to beyond the invoice's total, now available credit (decimal). */
  excess: string;
  currency: string;
}

/** Every invoice's balance from its applications: payments, credit notes, retainers ($1 organization). */
const INVOICE_BALANCES = `
  WITH applied AS (
    SELECT "invoiceId", SUM(amount) AS s FROM (
      SELECT a."invoiceId", a.amount FROM "PaymentApplication" a JOIN "Invoice" i ON i.id = a."invoiceId" JOIN "Customer" c ON c.id = i."customerId" WHERE c."orgId" = $1
      UNION ALL
      SELECT a."invoiceId", a.amount FROM "CreditApplication" a JOIN "Invoice" i ON i.id = a."invoiceId" JOIN "Customer" c ON c.id = i."customerId" WHERE c."orgId" = $1
      UNION ALL
      SELECT a."invoiceId", a.amount FROM "RetainerApplication" a JOIN "Invoice" i ON i.id = a."invoiceId" JOIN "Customer" c ON c.id = i."customerId" WHERE c."orgId" = $1
    ) x GROUP BY "invoiceId"
  ), target AS (
    SELECT i.id, i.total - COALESCE(a.s, 0) AS balance
    FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId" LEFT JOIN applied a ON a."invoiceId" = i.id
    WHERE c."orgId" = $1
  )
  UPDATE "Invoice" i SET balance = t.balance FROM target t WHERE t.id = i.id AND i.balance <> t.balance`;

const PAYMENTS_UNAPPLIED = `
  WITH target AS (
    SELECT p.id, p.amount - COALESCE((SELECT SUM(a.amount) FROM "PaymentApplication" a WHERE a."paymentId" = p.id), 0) AS unapplied
    FROM "Payment" p JOIN "Customer" c ON c.id = p."customerId" WHERE c."orgId" = $1
  )
  UPDATE "Payment" p SET unapplied = t.unapplied FROM target t WHERE t.id = p.id AND p.unapplied <> t.unapplied`;

const CREDITS_UNAPPLIED = `
  WITH target AS (
    SELECT n.id, n.total - COALESCE((SELECT SUM(a.amount) FROM "CreditApplication" a WHERE a."creditNoteId" = n.id), 0) AS unapplied
    FROM "CreditNote" n JOIN "Customer" c ON c.id = n."customerId" WHERE c."orgId" = $1
  )
  UPDATE "CreditNote" n SET unapplied = t.unapplied FROM target t WHERE t.id = n.id AND n.unapplied <> t.unapplied`;

/**
 * After an import, balances follow from every application, the file's and the portal's alike.
 * Where together they take an invoice below zero (the merchant's books and a payment in the
 * chat both paid it), the excess comes off the file's own applications — the latest payment
 * first, then credit notes, then retainers; the portal's payments last — so it stays on the
 * account as available credit; each such invoice is a `sync.conflict` event.
 */
export async function settleBalances(tx: Tx, orgId: number, now: Date): Promise<Conflict[]> {
  await tx.$executeRawUnsafe(INVOICE_BALANCES, orgId);
  const below = await tx.invoice.findMany({
    where: { customer: { orgId }, balance: { lt: 0 } },
    select: { id: true, number: true, balance: true, currency: true, customer: { select: { id: true, key: true, name: true, org: { select: { locale: true } } } } },
    orderBy: { id: 'asc' },
  });
  const conflicts: Conflict[] = [];
  for (const invoice of below) {
    const excess = -invoice.balance;
    await takeOff(tx, invoice.id, excess);
    await tx.invoice.update({ where: { id: invoice.id }, data: { balance: 0n } });
    const conflict = { invoice: invoice.number, customer: invoice.customer.key, excess: toDecimalString(excess, invoice.currency), currency: invoice.currency };
    conflicts.push(conflict);
    await recordEvent(tx, { orgId, customerId: invoice.customer.id }, {
      type: 'sync.conflict',
      message: `The books and the portal together paid more than ${invoice.number} of ${invoice.customer.name}: ${formatMoney(excess, invoice.currency, invoice.customer.org.locale)} is kept as credit on the account.`,
      data: { ...conflict },
    }, now);
  }
  await tx.$executeRawUnsafe(PAYMENTS_UNAPPLIED, orgId);
  await tx.$executeRawUnsafe(CREDITS_UNAPPLIED, orgId);
  return conflicts;
}

/** Reduces the invoice's applications by `excess`, in the order settleBalances describes. */
async function takeOff(tx: Tx, invoiceId: number, excess: bigint): Promise<void> {
  const payments = await tx.paymentApplication.findMany({
    where: { invoiceId }, select: { id: true, amount: true, payment: { select: { recordedByPortal: true } } },
    orderBy: [{ payment: { date: 'desc' } }, { id: 'desc' }],
  });
  const credits = await tx.creditApplication.findMany({ where: { invoiceId }, select: { id: true, amount: true }, orderBy: [{ date: 'desc' }, { id: 'desc' }] });
  const retainers = await tx.retainerApplication.findMany({ where: { invoiceId }, select: { id: true, amount: true }, orderBy: [{ date: 'desc' }, { id: 'desc' }] });
  const order = [
    ...payments.filter((a) => !a.payment.recordedByPortal).map((a) => ({ ...a, table: 'payment' as const })),
    ...credits.map((a) => ({ ...a, table: 'credit' as const })),
    ...retainers.map((a) => ({ ...a, table: 'retainer' as const })),
    ...payments.filter((a) => a.payment.recordedByPortal).map((a) => ({ ...a, table: 'payment' as const })),
  ];
  let left = excess;
  for (const a of order) {
    if (left <= 0n) break;
    const cut = a.amount < left ? a.amount : left;
    left -= cut;
    const amount = a.amount - cut;
    const where = { id: a.id };
    if (a.table === 'payment') await (amount === 0n ? tx.paymentApplication.delete({ where }) : tx.paymentApplication.update({ where, data: { amount } }));
    else if (a.table === 'credit') await (amount === 0n ? tx.creditApplication.delete({ where }) : tx.creditApplication.update({ where, data: { amount } }));
    else await (amount === 0n ? tx.retainerApplication.delete({ where }) : tx.retainerApplication.update({ where, data: { amount } }));
  }
}
