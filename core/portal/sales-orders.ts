import type { Db } from '../db/open-database';
import type { Prisma } from '../db/generated/client';
import { fromDay, toDay, type Day } from '../dates';
import { summarizeInvoice, type InvoiceSummary, type Period } from './list-invoices';
import { recordFirstView } from './record-first-view';
import type { Viewer } from './viewer';

export type OrderStatus = 'confirmed' | 'packed' | 'shipped' | 'fulfilled';

export interface OrderSummary {
  id: number;
  number: string;
  date: Day;
  status: OrderStatus;
  total: bigint;
  currency: string;
}

/** Draft and void orders are the merchant's own business, as draft and void invoices are. */
const VISIBLE: OrderStatus[] = ['confirmed', 'packed', 'shipped', 'fulfilled'];
const OPEN: OrderStatus[] = ['confirmed', 'packed', 'shipped'];

/** Null where the merchant has turned sales orders off in the portal preferences. */
export async function listSalesOrders({ db, viewer, query = {} }: {
  db: Db; viewer: Viewer; query?: { status?: 'open' | 'fulfilled'; period?: Period; limit?: number; offset?: number };
}): Promise<{ count: number; orders: OrderSummary[] } | null> {
  if (!viewer.salesOrdersEnabled) return null;
  const statuses = query.status === 'open' ? OPEN : query.status === 'fulfilled' ? ['fulfilled' as const] : VISIBLE;
  const where: Prisma.SalesOrderWhereInput = { customerId: viewer.customerId, status: { in: statuses } };
  if (query.period) where.date = { gte: fromDay(query.period.from), lte: fromDay(query.period.to) };
  const [count, rows] = await Promise.all([
    db.salesOrder.count({ where }),
    db.salesOrder.findMany({ where, orderBy: [{ date: 'desc' }, { id: 'desc' }], take: query.limit ?? 50, skip: query.offset ?? 0 }),
  ]);
  return { count, orders: rows.map(summarizeOrder) };
}

function summarizeOrder(r: { id: number; number: string; date: Date; status: string; total: bigint; currency: string }): OrderSummary {
  return { id: r.id, number: r.number, date: toDay(r.date), status: r.status as OrderStatus, total: r.total, currency: r.currency };
}

export interface OrderDetail extends OrderSummary {
  lines: Array<{ item: string; description: string | null; quantity: string; rate: bigint; amount: bigint }>;
  /** The invoices of a fulfilled order; empty before. */
  invoices: InvoiceSummary[];
}

export async function getSalesOrder({ db, viewer, today, id }: { db: Db; viewer: Viewer; today: Day; id: number }): Promise<OrderDetail | null> {
  if (!viewer.salesOrdersEnabled) return null;
  const row = await db.salesOrder.findFirst({
    where: { id, customerId: viewer.customerId, status: { in: VISIBLE } },
    include: { lines: { orderBy: { position: 'asc' } }, invoices: { where: { state: 'sent' }, orderBy: { date: 'asc' } } },
  });
  if (!row) return null;
  await recordFirstView({ db, viewer, docType: 'sales_order', docId: row.id, number: row.number });
  return {
    ...summarizeOrder(row),
    lines: row.lines.map(({ item, description, quantity, rate, amount }) => ({ item, description, quantity, rate, amount })),
    invoices: row.status === 'fulfilled' ? row.invoices.map((i) => summarizeInvoice(i, today)) : [],
  };
}
