import type { PaymentProvider } from '../../payment-provider';
import type { CheckoutConfirmation } from '../../payment-gateway';

/**
 * The built-in checkout of demo mode: the link opens the portal's own sandbox page, where
 * "Pay" or "Pay and fail" confirms through the same core path as a Stripe confirmation.
 */
export function createSandboxProvider({ baseUrl }: { baseUrl: string }): PaymentProvider {
  return {
    name: 'sandbox',
    async createCheckout({ checkoutId }) {
      return { url: `${baseUrl}/pay/sandbox/${checkoutId}`, providerSessionId: `sbx_cs_${checkoutId}` };
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
