/**
 * What the desk shows (merchant.md "The desk"), for one organization only: who owes what in
 * ageing buckets, one customer, the event feed, the reminders and their replies, a run's progress.
 * Outstanding is the portal's own rule (get-home.ts): sent invoices (not retainers) with a balance.
 */
import type { Db } from '../db/db';
import { fromDay, type Day } from '../dates';

export const BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'over90'] as const;
export type Bucket = (typeof BUCKETS)[number];
export type Ageing = Record<Bucket, bigint> & { total: bigint };
export type OwedRow = Ageing & { customer: string; name: string; currency: string; overdueInvoices: number };
export type OwesSort = 'total' | 'name' | 'overdue' | Bucket;

const zero = (): Ageing => ({ current: 0n, d1_30: 0n, d31_60: 0n, d61_90: 0n, over90: 0n, total: 0n });

/** Each customer's outstanding total by days past due, in the invoices' currency; totals per currency. */
export async function whoOwes(db: Db, orgId: number, today: Day, sort: OwesSort = 'total', desc = true): Promise<{ rows: OwedRow[]; totals: Array<Ageing & { currency: string }> }> {
  const raw = await db.$queryRaw<Array<Omit<OwedRow, 'overdueInvoices'> & { overdue_invoices: bigint }>>`
    SELECT c.key AS customer, c.name, i.currency,
      COALESCE(SUM(i.balance) FILTER (WHERE i."dueDate" IS NULL OR i."dueDate" >= ${today}::date), 0)::bigint AS current,
      COALESCE(SUM(i.balance) FILTER (WHERE ${today}::date - i."dueDate" BETWEEN 1 AND 30), 0)::bigint AS d1_30,
      COALESCE(SUM(i.balance) FILTER (WHERE ${today}::date - i."dueDate" BETWEEN 31 AND 60), 0)::bigint AS d31_60,
      COALESCE(SUM(i.balance) FILTER (WHERE ${today}::date - i."dueDate" BETWEEN 61 AND 90), 0)::bigint AS d61_90,
      COALESCE(SUM(i.balance) FILTER (WHERE ${today}::date - i."dueDate" > 90), 0)::bigint AS over90,
      SUM(i.balance)::bigint AS total,
      COUNT(*) FILTER (WHERE i."dueDate" < ${today}::date) AS overdue_invoices
    FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId"
    WHERE c."orgId" = ${orgId} AND i.kind = 'invoice' AND i.state = 'sent' AND i.balance > 0
    GROUP BY c.id, c.key, c.name, i.currency`;
  const rows: OwedRow[] = raw.map(({ overdue_invoices, ...r }) => ({ ...r, overdueInvoices: Number(overdue_invoices) }));
  const key = (r: OwedRow) => (sort === 'overdue' ? r.total - r.current : sort === 'name' ? 0n : r[sort]);
  rows.sort((a, b) => {
    const by = sort === 'name' ? a.name.localeCompare(b.name) : key(a) === key(b) ? 0 : key(a) < key(b) ? -1 : 1;
    return (desc ? -by : by) || a.name.localeCompare(b.name);
  });
  const totals = new Map<string, Ageing & { currency: string }>();
  for (const r of rows) {
    const t = totals.get(r.currency) ?? { ...zero(), currency: r.currency };
    for (const b of [...BUCKETS, 'total'] as const) t[b] += r[b];
    totals.set(r.currency, t);
  }
  return { rows, totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}

export type FeedItem = { seq: number; type: string; message: string; createdAt: Date; customer: string | null };

/** The organization's events, newest first; by kind ("payment", "reminder.sent") and customer. */
export async function eventFeed(db: Db, orgId: number, filter: { kind?: string; customer?: string; limit?: number } = {}): Promise<FeedItem[]> {
  const rows = await db.event.findMany({
    where: {
      orgId,
      ...(filter.kind ? { type: { startsWith: filter.kind } } : {}),
      ...(filter.customer ? { customer: { key: filter.customer } } : {}),
    },
    orderBy: { seq: 'desc' },
    take: filter.limit ?? 50,
    select: { seq: true, type: true, message: true, createdAt: true, customer: { select: { key: true } } },
  });
  return rows.map((r) => ({ seq: r.seq, type: r.type, message: r.message, createdAt: r.createdAt, customer: r.customer?.key ?? null }));
}

export type ReminderLine = {
  id: number; customer: string; customerName: string; channel: string | null; address: string | null; status: string; reason: string | null;
  invoices: string[]; total: bigint; currency: string; at: Date; reply: string | null;
};

/** The latest reminders, with what the customer answered after each (a promise, a dispute, "already paid"). */
export async function reminderLines(db: Db, orgId: number, filter: { customer?: string; limit?: number } = {}): Promise<ReminderLine[]> {
  const reminders = await db.reminder.findMany({
    where: { customer: { orgId, ...(filter.customer ? { key: filter.customer } : {}) } },
    orderBy: { id: 'desc' },
    take: filter.limit ?? 30,
    select: {
      id: true, status: true, reason: true, channel: true, address: true, total: true, currency: true, createdAt: true, sentAt: true, customerId: true,
      customer: { select: { key: true, name: true } }, items: { select: { invoice: { select: { number: true } } } },
    },
  });
  const customers = [...new Set(reminders.map((r) => r.customerId))];
  const since = new Date(Math.min(...reminders.map((r) => (r.sentAt ?? r.createdAt).getTime()), Date.now()));
  const [promises, disputes, claims] = await Promise.all([
    db.paymentPromise.findMany({ where: { customerId: { in: customers }, createdAt: { gte: since } }, select: { customerId: true, createdAt: true, date: true } }),
    db.dispute.findMany({ where: { customerId: { in: customers }, openedAt: { gte: since } }, select: { customerId: true, openedAt: true, text: true } }),
    db.paymentClaim.findMany({ where: { customerId: { in: customers }, createdAt: { gte: since } }, select: { customerId: true, createdAt: true, reference: true } }),
  ]);
  const replies = [
    ...promises.map((p) => ({ customerId: p.customerId, at: p.createdAt, text: `promised to pay by ${p.date.toISOString().slice(0, 10)}` })),
    ...disputes.map((d) => ({ customerId: d.customerId, at: d.openedAt, text: `disputed: "${d.text}"` })),
    ...claims.map((c) => ({ customerId: c.customerId, at: c.createdAt, text: `says already paid${c.reference ? ` (ref. ${c.reference})` : ''}` })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return reminders.map((r) => {
    const at = r.sentAt ?? r.createdAt;
    const next = reminders.find((later) => later.customerId === r.customerId && later.id > r.id && later.sentAt);
    const reply = replies.find((x) => x.customerId === r.customerId && x.at >= at && (!next?.sentAt || x.at < next.sentAt));
    return {
      id: r.id, customer: r.customer.key, customerName: r.customer.name, channel: r.channel, address: r.address, status: r.status, reason: r.reason,
      invoices: r.items.map((i) => i.invoice.number), total: r.total, currency: r.currency, at, reply: r.sentAt ? reply?.text ?? null : null,
    };
  });
}

/** One customer: open invoices, contacts and their chats, promises, disputes. Null when not this organization's. */
export async function customerPage(db: Db, orgId: number, key: string, today: Day) {
  const customer = await db.customer.findUnique({
    where: { orgId_key: { orgId, key } },
    select: {
      id: true, key: true, name: true, currency: true, preferredChannel: true,
      contacts: { orderBy: [{ primary: 'desc' }, { id: 'asc' }], select: { name: true, email: true, phone: true, primary: true, identities: { select: { channel: true, address: true, optedOut: true } } } },
      invoices: {
        where: { state: 'sent', balance: { gt: 0n } }, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }], take: 200,
        select: { number: true, kind: true, date: true, dueDate: true, total: true, balance: true, currency: true },
      },
      promises: { orderBy: { id: 'desc' }, take: 20, select: { date: true, createdAt: true, invoice: { select: { number: true } } } },
      disputes: { orderBy: [{ status: 'asc' }, { id: 'desc' }], take: 20, select: { id: true, status: true, text: true, openedAt: true, resolution: true, invoice: { select: { number: true } } } },
    },
  });
  if (!customer) return null;
  const todayDate = fromDay(today);
  return {
    ...customer,
    invoices: customer.invoices.map((i) => ({ ...i, daysLate: i.dueDate && i.dueDate < todayDate ? Math.round((todayDate.getTime() - i.dueDate.getTime()) / 86_400_000) : 0 })),
  };
}

/** How far a run from the desk has got: its reminders that have left, failed or were skipped, of all. */
export async function runProgress(db: Db, orgId: number, runId: number): Promise<{ done: number; total: number; sent: number; failed: number } | null> {
  const run = await db.reminderRun.findFirst({ where: { id: runId, orgId }, select: { reminderIds: true } });
  if (!run) return null;
  const ids = run.reminderIds as number[];
  const rows = ids.length ? await db.reminder.groupBy({ by: ['status'], where: { id: { in: ids } }, _count: true }) : [];
  const count = (s: string) => rows.find((r) => r.status === s)?._count ?? 0;
  return { total: ids.length, sent: count('sent'), failed: count('failed'), done: count('sent') + count('failed') + count('skipped') };
}

export async function recordRun(db: Db, orgId: number, reminderIds: number[]): Promise<number> {
  return (await db.reminderRun.create({ data: { orgId, reminderIds }, select: { id: true } })).id;
}

export type Month = { month: string; invoiced: bigint; received: bigint };

/** The last 12 months (this one included) of amounts invoiced and received, in the organization's currency. */
export async function invoicedVsReceived(db: Db, orgId: number, currency: string, today: Day): Promise<Month[]> {
  const first = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 12, 1));
  const [invoiced, received] = await Promise.all([
    db.$queryRaw<Array<{ month: string; amount: bigint }>>`
      SELECT to_char(i.date, 'YYYY-MM') AS month, SUM(i.total)::bigint AS amount
      FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId"
      WHERE c."orgId" = ${orgId} AND i.state = 'sent' AND i.kind = 'invoice' AND i.currency = ${currency} AND i.date >= ${first}
      GROUP BY 1`,
    db.$queryRaw<Array<{ month: string; amount: bigint }>>`
      SELECT to_char(p.date, 'YYYY-MM') AS month, SUM(p.amount)::bigint AS amount
      FROM "Payment" p JOIN "Customer" c ON c.id = p."customerId"
      WHERE c."orgId" = ${orgId} AND p.state = 'succeeded' AND p.currency = ${currency} AND p.date >= ${first}
      GROUP BY 1`,
  ]);
  const months = Array.from({ length: 12 }, (_, n) => new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + n, 1)).toISOString().slice(0, 7));
  const of = (rows: Array<{ month: string; amount: bigint }>, month: string) => rows.find((r) => r.month === month)?.amount ?? 0n;
  return months.map((month) => ({ month, invoiced: of(invoiced, month), received: of(received, month) }));
}
