import type { Db } from '../db/open-database';
import { batched, perDatabase, sqlOf, type Statement } from '../db/sql';
import type { Day } from '../dates';
import type { Viewer } from './viewer';

/** The Home page of the portal: every figure of portal.md, in the customer's currency. */
export interface Home {
  currency: string;
  outstandingInvoices: bigint;
  openInvoiceCount: number;
  overdueAmount: bigint;
  overdueCount: number;
  availableCredits: bigint;
  outstandingRetainers: bigint;
  availableRetainerPayments: bigint;
  lastPayment: { number: string; date: Day; amount: bigint } | null;
  /** Count per status; null where the merchant does not show sales orders. */
  orderStatus: Record<string, number> | null;
  sharedDocuments: number;
  organization: { name: string; email: string | null; phone: string | null; address: string | null };
}

/** Order Status counts in the order an order moves through. */
const ORDER_FLOW = ['confirmed', 'packed', 'shipped', 'fulfilled'] as const;

type Figures = {
  outstanding: bigint; open_count: bigint; overdue: bigint; overdue_count: bigint;
  credit_left: bigint; unapplied: bigint; retainer_outstanding: bigint; retainer_paid: bigint; retainer_applied: bigint;
  last_payment: { number: string; date: string; amount: string } | null;
  orders: Record<string, number> | null;
  documents: bigint;
  org: Home['organization'];
};

// Each sub-select reads an index on customerId: open balances and unapplied amounts are kept
// on their rows, so nothing here joins the whole ledger. One row per customer asked for.
const FIGURES: Statement = {
  name: 'home_figures',
  text: `
    SELECT m.n, f.* FROM unnest($1::int[], $2::date[], $3::int[]) WITH ORDINALITY AS m(customer, today, org, n) CROSS JOIN LATERAL (SELECT
      (SELECT COALESCE(SUM(balance), 0)::bigint FROM "Invoice" WHERE "customerId" = m.customer AND kind = 'invoice' AND state = 'sent' AND balance > 0) AS outstanding,
      (SELECT COUNT(*) FROM "Invoice" WHERE "customerId" = m.customer AND kind = 'invoice' AND state = 'sent' AND balance > 0) AS open_count,
      (SELECT COALESCE(SUM(balance), 0)::bigint FROM "Invoice" WHERE "customerId" = m.customer AND kind = 'invoice' AND state = 'sent' AND balance > 0 AND "dueDate" < m.today) AS overdue,
      (SELECT COUNT(*) FROM "Invoice" WHERE "customerId" = m.customer AND kind = 'invoice' AND state = 'sent' AND balance > 0 AND "dueDate" < m.today) AS overdue_count,
      (SELECT COALESCE(SUM(unapplied), 0)::bigint FROM "CreditNote" WHERE "customerId" = m.customer AND unapplied > 0) AS credit_left,
      (SELECT COALESCE(SUM(unapplied), 0)::bigint FROM "Payment" WHERE "customerId" = m.customer AND unapplied > 0 AND state = 'succeeded') AS unapplied,
      (SELECT COALESCE(SUM(balance), 0)::bigint FROM "Invoice" WHERE "customerId" = m.customer AND kind = 'retainer' AND state = 'sent' AND balance > 0) AS retainer_outstanding,
      (SELECT COALESCE(SUM(a.amount), 0)::bigint FROM "PaymentApplication" a JOIN "Invoice" r ON r.id = a."invoiceId" WHERE r."customerId" = m.customer AND r.kind = 'retainer') AS retainer_paid,
      (SELECT COALESCE(SUM(a.amount), 0)::bigint FROM "RetainerApplication" a JOIN "Invoice" r ON r.id = a."retainerId" WHERE r."customerId" = m.customer) AS retainer_applied,
      (SELECT json_build_object('number', number, 'date', date, 'amount', amount::text) FROM "Payment"
        WHERE "customerId" = m.customer AND state = 'succeeded' ORDER BY date DESC, "createdAt" DESC, id DESC LIMIT 1) AS last_payment,
      (SELECT json_object_agg(status, n) FROM (SELECT status, COUNT(*) AS n FROM "SalesOrder"
        WHERE "customerId" = m.customer AND status NOT IN ('draft', 'void') GROUP BY status) s) AS orders,
      (SELECT COUNT(*) FROM "SharedDocument" WHERE "customerId" = m.customer) AS documents,
      (SELECT json_build_object('name', name, 'email', email, 'phone', phone, 'address', address) FROM "Organization" WHERE id = m.org) AS org
    ) f`,
};

/** Home pages asked for together, read in one statement (see `batched`). */
const readFigures = perDatabase((db) => batched(async (wanted: Array<{ viewer: Viewer; today: Day }>) => {
  const rows = await sqlOf(db).query<Figures & { n: bigint }>(FIGURES, [wanted.map((w) => w.viewer.customerId), wanted.map((w) => w.today), wanted.map((w) => w.viewer.orgId)]);
  const byPosition = new Map(rows.map((row) => [Number(row.n), row]));
  return wanted.map((_, i) => byPosition.get(i + 1)!);
}));

export async function getHome({ db, viewer, today }: { db: Db; viewer: Viewer; today: Day }): Promise<Home> {
  const figures = await readFigures(db)({ viewer, today });
  const last = figures.last_payment;
  const orders = viewer.salesOrdersEnabled ? figures.orders ?? {} : null;

  return {
    currency: viewer.currency,
    outstandingInvoices: figures.outstanding,
    openInvoiceCount: Number(figures.open_count),
    overdueAmount: figures.overdue,
    overdueCount: Number(figures.overdue_count),
    availableCredits: figures.credit_left + figures.unapplied,
    outstandingRetainers: figures.retainer_outstanding,
    availableRetainerPayments: figures.retainer_paid - figures.retainer_applied,
    lastPayment: last ? { number: last.number, date: last.date.slice(0, 10), amount: BigInt(last.amount) } : null,
    orderStatus: orders ? Object.fromEntries(ORDER_FLOW.filter((status) => orders[status]).map((status) => [status, Number(orders[status])])) : null,
    sharedDocuments: Number(figures.documents),
    organization: figures.org,
  };
}
