import type { Db } from '../db/open-database';
import type { Prisma } from '../db/generated/client';
import { fromDay, toDay, type Day } from '../dates';
import type { Period, SortOrder } from './list-invoices';
import type { Viewer } from './viewer';

export interface PaymentSummary {
  id: number;
  number: string;
  date: Day;
  amount: bigint;
  currency: string;
  mode: string;
  reference: string | null;
  online: boolean;
  state: 'pending' | 'succeeded';
}

/** Online and offline payments; failed attempts are not payments. */
export async function listPayments({ db, viewer, query = {} }: {
  db: Db; viewer: Viewer;
  query?: {
    invoiceOnly?: boolean; retainerOnly?: boolean; source?: 'online' | 'offline';
    sort?: 'date' | 'amount'; order?: SortOrder; period?: Period; limit?: number; offset?: number;
  };
}) {
  const where: Prisma.PaymentWhereInput = { customerId: viewer.customerId, state: { in: ['succeeded', 'pending'] } };
  // Invoice payments only: leave out money paid on retainer invoices; retainer payments: only those.
  if (query.invoiceOnly) where.applications = { none: { invoice: { kind: 'retainer' } } };
  else if (query.retainerOnly) where.applications = { some: { invoice: { kind: 'retainer' } } };
  // Online: through the portal's payment page; offline: recorded by the merchant (cheque, cash, transfer).
  if (query.source) where.online = query.source === 'online';
  if (query.period) where.date = { gte: fromDay(query.period.from), lte: fromDay(query.period.to) };
  const field = query.sort === 'amount' ? 'amount' : 'date';
  const order = query.order ?? 'desc';
  const [count, rows] = await Promise.all([
    db.payment.count({ where }),
    db.payment.findMany({ where, orderBy: [{ [field]: order }, { createdAt: order }, { id: order }], take: query.limit ?? 50, skip: query.offset ?? 0 }),
  ]);
  return { count, payments: rows.map(summarizePayment) };
}

function summarizePayment(r: {
  id: number; number: string; date: Date; amount: bigint; currency: string; mode: string; reference: string | null; online: boolean; state: string;
}): PaymentSummary {
  return {
    id: r.id, number: r.number, date: toDay(r.date), amount: r.amount, currency: r.currency, mode: r.mode,
    reference: r.reference, online: r.online, state: r.state === 'pending' ? 'pending' : 'succeeded',
  };
}

export interface PaymentDetail extends PaymentSummary {
  applied: Array<{ invoiceId: number; number: string; kind: 'invoice' | 'retainer'; amount: bigint }>;
  unapplied: bigint;
}

/** One payment with what it paid: the receipt. */
export async function getPayment({ db, viewer, id }: { db: Db; viewer: Viewer; id: number }): Promise<PaymentDetail | null> {
  const row = await db.payment.findFirst({
    where: { id, customerId: viewer.customerId, state: { in: ['succeeded', 'pending'] } },
    include: { applications: { include: { invoice: { select: { id: true, number: true, kind: true } } }, orderBy: { id: 'asc' } } },
  });
  if (!row) return null;
  const applied = row.applications.map((a) => ({ invoiceId: a.invoice.id, number: a.invoice.number, kind: a.invoice.kind, amount: a.amount }));
  // A payment still clearing has applied nothing yet: none of it is credit.
  const unapplied = row.state === 'pending' ? 0n : row.amount - applied.reduce((s, a) => s + a.amount, 0n);
  return { ...summarizePayment(row), applied, unapplied };
}

/** The latest payment, or the latest one applied to an invoice (for "receipt for invoice 42"). */
export async function latestPaymentId({ db, viewer, invoiceId }: { db: Db; viewer: Viewer; invoiceId?: number }): Promise<number | null> {
  const row = await db.payment.findFirst({
    where: { customerId: viewer.customerId, state: 'succeeded', ...(invoiceId ? { applications: { some: { invoiceId } } } : {}) },
    orderBy: [{ date: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true },
  });
  return row?.id ?? null;
}
