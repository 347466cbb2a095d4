import { Prisma } from '../db/generated/client';
import type { Db } from '../db/open-database';
import { toDay, type Day } from '../dates';
import type { Period } from './list-invoices';
import type { Viewer } from './viewer';

export interface StatementRow {
  date: Day;
  type: 'invoice' | 'payment' | 'credit_note' | 'retainer_applied';
  number: string;
  /** For a retainer application: the invoice it paid. */
  reference: string | null;
  debit: bigint;
  credit: bigint;
  balance: bigint;
}

export interface Statement extends Period {
  currency: string;
  organization: { name: string; address: string | null; email: string | null; phone: string | null };
  customer: { name: string; address: string | null };
  opening: bigint;
  rows: StatementRow[];
  invoiced: bigint;
  received: bigint;
  closing: bigint;
}

/**
 * Per payment of the customer, the part that went to retainer invoices: it enters the
 * statement only when applied to an invoice. Retainers are few, so this stays small.
 */
const retainerShares = (customerId: number) => Prisma.sql`
  SELECT pa."paymentId", SUM(pa.amount) AS share
  FROM "PaymentApplication" pa JOIN "Invoice" r ON r.id = pa."invoiceId"
  WHERE r."customerId" = ${customerId} AND r.kind = 'retainer'
  GROUP BY pa."paymentId"`;

type RawRow = { date: Date; type: StatementRow['type']; number: string; reference: string | null; debit: bigint; credit: bigint };

/**
 * The statement of accounts (portal.md): invoices are debits; payments, credit notes and
 * retainer money applied to an invoice are credits. Retainer invoices and the money paid on
 * them stay out until applied, then count on the day of application.
 */
export async function getStatement({ db, viewer, period }: { db: Db; viewer: Viewer; period: Period }): Promise<Statement> {
  const id = viewer.customerId;
  const { from, to } = period;
  const [[opening], rows, customer, org] = await Promise.all([
    db.$queryRaw<[{ opening: bigint }]>`
      WITH shares AS (${retainerShares(id)})
      SELECT (
        (SELECT COALESCE(SUM(total), 0) FROM "Invoice" WHERE "customerId" = ${id} AND kind = 'invoice' AND state = 'sent' AND date < ${from}::date)
        - (SELECT COALESCE(SUM(amount), 0) FROM "Payment" WHERE "customerId" = ${id} AND state = 'succeeded' AND date < ${from}::date)
        + (SELECT COALESCE(SUM(s.share), 0) FROM shares s JOIN "Payment" p ON p.id = s."paymentId" WHERE p.state = 'succeeded' AND p.date < ${from}::date)
        - (SELECT COALESCE(SUM(total), 0) FROM "CreditNote" WHERE "customerId" = ${id} AND date < ${from}::date)
        - (SELECT COALESCE(SUM(a.amount), 0) FROM "RetainerApplication" a JOIN "Invoice" r ON r.id = a."retainerId" WHERE r."customerId" = ${id} AND a.date < ${from}::date)
        )::bigint AS opening`,
    db.$queryRaw<RawRow[]>`
      WITH shares AS (${retainerShares(id)})
      SELECT date, type, number, reference, debit, credit FROM (
        SELECT date, "createdAt", id, 'invoice' AS type, number, NULL AS reference, total AS debit, 0::bigint AS credit
          FROM "Invoice" WHERE "customerId" = ${id} AND kind = 'invoice' AND state = 'sent' AND date BETWEEN ${from}::date AND ${to}::date
        UNION ALL
        SELECT p.date, p."createdAt", p.id, 'payment', p.number, NULL, 0, (p.amount - COALESCE(s.share, 0))::bigint
          FROM "Payment" p LEFT JOIN shares s ON s."paymentId" = p.id
          WHERE p."customerId" = ${id} AND p.state = 'succeeded' AND p.date BETWEEN ${from}::date AND ${to}::date
        UNION ALL
        SELECT date, "createdAt", id, 'credit_note', number, NULL, 0, total
          FROM "CreditNote" WHERE "customerId" = ${id} AND date BETWEEN ${from}::date AND ${to}::date
        UNION ALL
        SELECT a.date, a."createdAt", a.id, 'retainer_applied', r.number, i.number, 0, a.amount
          FROM "RetainerApplication" a JOIN "Invoice" r ON r.id = a."retainerId" JOIN "Invoice" i ON i.id = a."invoiceId"
          WHERE r."customerId" = ${id} AND a.date BETWEEN ${from}::date AND ${to}::date
      ) AS ledger
      WHERE debit > 0 OR credit > 0
      ORDER BY date, "createdAt", id`,
    db.customer.findUniqueOrThrow({ where: { id }, select: { name: true, address: true } }),
    db.organization.findUniqueOrThrow({ where: { id: viewer.orgId }, select: { name: true, address: true, email: true, phone: true } }),
  ]);

  let balance = opening.opening;
  let invoiced = 0n;
  let received = 0n;
  const statementRows = rows.map((r) => {
    balance += r.debit - r.credit;
    invoiced += r.debit;
    received += r.credit;
    return { date: toDay(r.date), type: r.type, number: r.number, reference: r.reference, debit: r.debit, credit: r.credit, balance };
  });
  return {
    from, to, currency: viewer.currency, organization: org, customer,
    opening: opening.opening, rows: statementRows, invoiced, received, closing: balance,
  };
}
