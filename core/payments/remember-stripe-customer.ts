import type { Db } from '../db/open-database';

/**
 * The customer's Stripe customer id, made once and kept on the customer so saved cards and
 * bank accounts are offered again. `create` is asked only when none is stored; when two
 * checkouts race, the first id stored wins and both use it.
 */
export async function rememberStripeCustomer({ db, customerId, create }: {
  db: Db;
  customerId: number;
  create(customer: { id: number; orgId: number; name: string; email: string | null }): Promise<string>;
}): Promise<string> {
  const customer = await db.customer.findUniqueOrThrow({
    where: { id: customerId }, select: { id: true, orgId: true, name: true, email: true, stripeCustomerId: true },
  });
  if (customer.stripeCustomerId) return customer.stripeCustomerId;
  const created = await create(customer);
  await db.customer.updateMany({ where: { id: customerId, stripeCustomerId: null }, data: { stripeCustomerId: created } });
  const stored = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { stripeCustomerId: true } });
  return stored.stripeCustomerId ?? created;
}
