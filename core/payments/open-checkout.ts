import crypto from 'node:crypto';
import type { Db } from '../db/open-database';
import { allocationsToJson } from './checkout-json';
import type { CheckoutRequest } from './payment-gateway';

/**
 * Remembers what a hosted checkout collects, for which invoices, and where it was asked from,
 * before its link goes out. The provider's session id is unique: a retried request (same
 * provider session) finds the row it made the first time.
 */
export async function openCheckout(db: Db, { provider, providerSessionId, request }: {
  provider: 'stripe' | 'sandbox'; providerSessionId: string; request: CheckoutRequest;
}): Promise<{ id: string }> {
  const { viewer } = request;
  await db.checkoutSession.createMany({
    data: [{
      id: `co_${crypto.randomBytes(16).toString('base64url')}`, provider, providerSessionId,
      customerId: viewer.customerId, contactId: viewer.contactId, amount: request.amount, currency: request.currency,
      allocations: allocationsToJson(request.allocations), origin: request.origin, methods: request.methods,
    }],
    skipDuplicates: true,
  });
  return db.checkoutSession.findUniqueOrThrow({ where: { providerSessionId }, select: { id: true } });
}
