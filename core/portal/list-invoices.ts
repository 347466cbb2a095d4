import type { Db } from '../db/open-database';
import type { Prisma } from '../db/generated/client';
import { fromDay, toDay, type Day } from '../dates';
import { invoiceStatus, type InvoiceStatus } from './invoice-status';
import type { Viewer } from './viewer';

export interface Period {
  from: Day;
  to: Day;
}

export type SortOrder = 'asc' | 'desc';

export interface InvoiceSummary {
  id: number;
  number: string;
  kind: 'invoice' | 'retainer';
  date: Day;
  dueDate: Day | null;
  total: bigint;
  balance: bigint;
  currency: string;
  status: InvoiceStatus;
  allowPartialPayments: boolean;
}

export interface InvoiceQuery {
  /** unpaid: anything left to pay (overdue and partly paid included); partially_paid: some paid, some left. */
  status?: InvoiceStatus;
  kind?: 'invoice' | 'retainer';
  period?: Period;
  sort?: 'date' | 'due_date' | 'amount';
  order?: SortOrder;
  limit?: number;
  offset?: number;
}

const SORT_FIELD = { date: 'date', due_date: 'dueDate', amount: 'total' } as const;
/** Without an order: newest first, soonest due first, biggest first. */
const DEFAULT_ORDER = { date: 'desc', due_date: 'asc', amount: 'desc' } as const;

export async function listInvoices({ db, viewer, today, query = {} }: { db: Db; viewer: Viewer; today: Day; query?: InvoiceQuery }) {
  const where: Prisma.InvoiceWhereInput = { customerId: viewer.customerId, state: 'sent', ...statusFilter(db, query.status, today) };
  if (query.kind) where.kind = query.kind;
  if (query.period) where.date = { gte: fromDay(query.period.from), lte: fromDay(query.period.to) };
  const sort = query.sort ?? 'date';
  const order = query.order ?? DEFAULT_ORDER[sort];
  // On a list of what is left to pay, "by amount" means what is left, not the original total.
  const unpaidOnly = query.status === 'unpaid' || query.status === 'overdue' || query.status === 'partially_paid';
  const field = sort === 'amount' && unpaidOnly ? 'balance' : SORT_FIELD[sort];
  const [count, rows] = await Promise.all([
    db.invoice.count({ where }),
    db.invoice.findMany({
      where,
      orderBy: [sort === 'due_date' ? { dueDate: { sort: order, nulls: 'last' } } : { [field]: order }, { date: order }, { id: order }],
      take: query.limit ?? 50,
      skip: query.offset ?? 0,
    }),
  ]);
  const invoices: InvoiceSummary[] = rows.map((r) => summarizeInvoice(r, today));
  return { count, invoices };
}

export function summarizeInvoice(
  r: { id: number; number: string; kind: 'invoice' | 'retainer'; date: Date; dueDate: Date | null; total: bigint; balance: bigint; currency: string; allowPartialPayments: boolean },
  today: Day,
): InvoiceSummary {
  const dueDate = r.dueDate ? toDay(r.dueDate) : null;
  return {
    id: r.id, number: r.number, kind: r.kind, date: toDay(r.date), dueDate, total: r.total, balance: r.balance,
    currency: r.currency, allowPartialPayments: r.allowPartialPayments,
    status: invoiceStatus({ total: r.total, balance: r.balance, dueDate }, today),
  };
}

function statusFilter(db: Db, status: InvoiceStatus | undefined, today: Day): Prisma.InvoiceWhereInput {
  switch (status) {
    case 'paid':
      return { balance: { lte: 0 } };
    case 'unpaid':
      return { balance: { gt: 0 } };
    case 'overdue':
      return { balance: { gt: 0 }, dueDate: { lt: fromDay(today) } };
    case 'partially_paid':
      return { balance: { gt: 0, lt: db.invoice.fields.total } };
    default:
      return {};
  }
}
