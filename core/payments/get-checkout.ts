import type { Db } from '../db/open-database';
import { allocationsFromJson } from './checkout-json';
import type { Allocation } from './payment-gateway';

export interface CheckoutView {
  id: string;
  provider: string;
  providerSessionId: string;
  state: 'open' | 'pending' | 'paid' | 'failed';
  amount: bigint;
  currency: string;
  allocations: Allocation[];
  organization: string;
  customer: string;
  locale: string;
  payment: { number: string; unapplied: bigint } | null;
}

/** One checkout by the portal's own id, for its page; null when there is none. */
export async function getCheckout(db: Db, id: string): Promise<CheckoutView | null> {
  const row = await db.checkoutSession.findUnique({
    where: { id },
    include: { customer: { include: { org: true } }, payment: { select: { number: true, unapplied: true } } },
  });
  if (!row) return null;
  return {
    id: row.id, provider: row.provider, providerSessionId: row.providerSessionId, state: row.state, amount: row.amount,
    currency: row.currency, allocations: allocationsFromJson(row.allocations), organization: row.customer.org.name,
    customer: row.customer.name, locale: row.customer.org.locale, payment: row.payment,
  };
}
