import type { Db } from '../db/db';

/**
 * What the portal already holds for an organization, so a file may name customers, invoices and
 * orders it does not list itself (a file of this week's payments, or one voiding an invoice).
 */
export interface KnownBooks {
  customers: Map<string, { currency: string }>;
  /** By upper-case number. */
  invoices: Map<string, { number: string; customer: string; kind: 'invoice' | 'retainer'; state: 'draft' | 'sent' | 'void'; currency: string }>;
  salesOrders: Map<string, { customer: string }>;
}

export const NOTHING_KNOWN: KnownBooks = { customers: new Map(), invoices: new Map(), salesOrders: new Map() };

export async function loadKnownBooks(db: Db, orgKey: unknown): Promise<KnownBooks> {
  if (typeof orgKey !== 'string') return NOTHING_KNOWN;
  const org = await db.organization.findUnique({ where: { key: orgKey }, select: { id: true } });
  if (!org) return NOTHING_KNOWN;
  const customers = await db.customer.findMany({ where: { orgId: org.id }, select: { id: true, key: true, currency: true } });
  const keyOf = new Map(customers.map((c) => [c.id, c.key]));
  const invoices = await db.invoice.findMany({ where: { customer: { orgId: org.id } }, select: { number: true, customerId: true, kind: true, state: true, currency: true } });
  const orders = await db.salesOrder.findMany({ where: { customer: { orgId: org.id } }, select: { number: true, customerId: true } });
  return {
    customers: new Map(customers.map((c) => [c.key, { currency: c.currency }])),
    invoices: new Map(invoices.map((v) => [v.number.toUpperCase(), { number: v.number, customer: keyOf.get(v.customerId)!, kind: v.kind, state: v.state, currency: v.currency }])),
    salesOrders: new Map(orders.map((o) => [o.number.toUpperCase(), { customer: keyOf.get(o.customerId)! }])),
  };
}
