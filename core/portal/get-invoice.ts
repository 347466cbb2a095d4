import type { Db } from '../db/open-database';
import { toDay, type Day } from '../dates';
import { summarizeInvoice, type InvoiceSummary } from './list-invoices';
import { recordFirstView } from './record-first-view';
import type { Viewer } from './viewer';

export interface InvoiceDetail extends InvoiceSummary {
  salesOrder: string | null;
  lines: Array<{ item: string; description: string | null; quantity: string; rate: bigint; amount: bigint }>;
  subtotal: bigint;
  taxes: Array<{ name: string; amount: bigint }>;
  payments: Array<{ number: string; date: Day; mode: string; amount: bigint }>;
  credits: Array<{ number: string; date: Day; amount: bigint; kind: 'credit_note' | 'retainer' }>;
  paid: bigint;
}

/**
 * One of the viewer's own sent invoices with its lines, payments and credits; null for
 * anything else. Opening it counts as the customer's view of it (the merchant hears once).
 */
export async function getInvoice({ db, viewer, today, id }: { db: Db; viewer: Viewer; today: Day; id: number }): Promise<InvoiceDetail | null> {
  const row = await db.invoice.findFirst({
    where: { id, customerId: viewer.customerId, state: 'sent' },
    include: {
      salesOrder: { select: { number: true } },
      lines: { orderBy: { position: 'asc' } },
      taxes: { orderBy: { position: 'asc' } },
      paymentApplications: { include: { payment: { select: { number: true, date: true, mode: true } } }, orderBy: { id: 'asc' } },
      creditApplications: { include: { creditNote: { select: { number: true } } }, orderBy: { id: 'asc' } },
      retainerAppliedTo: { include: { retainer: { select: { number: true } } }, orderBy: { id: 'asc' } },
    },
  });
  if (!row) return null;
  await recordFirstView({ db, viewer, docType: 'invoice', docId: row.id, number: row.number });
  const payments = row.paymentApplications.map((a) => ({ number: a.payment.number, date: toDay(a.payment.date), mode: a.payment.mode, amount: a.amount }));
  const credits = [
    ...row.creditApplications.map((a) => ({ number: a.creditNote.number, date: toDay(a.date), amount: a.amount, kind: 'credit_note' as const })),
    ...row.retainerAppliedTo.map((a) => ({ number: a.retainer.number, date: toDay(a.date), amount: a.amount, kind: 'retainer' as const })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return {
    ...summarizeInvoice(row, today),
    salesOrder: row.salesOrder?.number ?? null,
    lines: row.lines.map(({ item, description, quantity, rate, amount }) => ({ item, description, quantity, rate, amount })),
    subtotal: row.lines.reduce((s, l) => s + l.amount, 0n),
    taxes: row.taxes.map(({ name, amount }) => ({ name, amount })),
    payments,
    credits,
    paid: row.total - row.balance,
  };
}
