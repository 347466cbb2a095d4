import crypto from 'node:crypto';
import type { Db } from '../db/open-database';
import { openCheckout } from './open-checkout';
import type { PaymentGateway } from './payment-gateway';
import type { CheckoutConfirmation } from './record-checkout-payment';

/**
 * The built-in checkout of demo mode: the link opens the portal's own sandbox page, where
 * "Pay" or "Pay and fail" confirms through the same core path as a Stripe confirmation.
 * A retried request (same idempotency key) finds the checkout it made the first time.
 */
export function createSandboxGateway({ db, baseUrl }: { db: Db; baseUrl: string }): PaymentGateway {
  return {
    async createCheckout(request) {
      const providerSessionId = `sbx_cs_${crypto.createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 40)}`;
      const { id } = await openCheckout(db, { provider: 'sandbox', providerSessionId, request });
      return { url: `${baseUrl}/pay/sandbox/${id}` };
    },
  };
}

/** What pressing a sandbox button means, as a provider would say it: a card payment that went through or not. */
export function sandboxConfirmation(checkout: { id: string; providerSessionId: string; amount: bigint; currency: string }, pay: boolean): CheckoutConfirmation {
  return {
    providerSessionId: checkout.providerSessionId, providerPaymentId: `sbx_pi_${checkout.id}`,
    amount: checkout.amount, currency: checkout.currency, method: 'card', outcome: pay ? 'succeeded' : 'failed',
  };
}
