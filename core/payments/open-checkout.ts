import crypto from 'node:crypto';
import type { Db } from '../db/db';
import { allocationsToJson } from './checkout-json';
import type { PaymentGateway } from './payment-gateway';
import type { PaymentProvider } from './payment-provider';

/**
 * The dialogue's gateway over a provider: the provider opens the hosted checkout, the core
 * remembers what it collects, for which invoices and where it was asked from, before the link
 * goes out. A retried request (same idempotency key) has the same checkout id and finds the
 * row it made the first time.
 */
export function checkoutsThrough(provider: PaymentProvider, { db, secret }: { db: Db; secret: string }): PaymentGateway {
  return {
    async createCheckout(request) {
      const { viewer } = request;
      const checkoutId = `co_${crypto.createHmac('sha256', secret).update(`checkout:${request.idempotencyKey}`).digest('base64url').slice(0, 22)}`;
      const customer = await db.customer.findUniqueOrThrow({ where: { id: viewer.customerId }, select: { id: true, orgId: true, name: true, email: true, stripeCustomerId: true } });
      const opened = await provider.createCheckout({
        ...request, checkoutId, customer: { ...customer, providerCustomerId: provider.name === 'stripe' ? customer.stripeCustomerId : null },
      });
      if (provider.name === 'stripe' && opened.providerCustomerId && !customer.stripeCustomerId) {
        // Two first checkouts at once: the first customer id stored is the one kept.
        await db.customer.updateMany({ where: { id: customer.id, stripeCustomerId: null }, data: { stripeCustomerId: opened.providerCustomerId } });
      }
      await db.checkoutSession.createMany({
        data: [{
          id: checkoutId, provider: provider.name, providerSessionId: opened.providerSessionId,
          customerId: viewer.customerId, contactId: viewer.contactId, amount: request.amount, currency: request.currency,
          allocations: allocationsToJson(request.allocations), origin: request.origin, methods: request.methods,
        }],
        skipDuplicates: true,
      });
      return { url: opened.url };
    },
  };
}
