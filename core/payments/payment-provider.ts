import type { CheckoutRequest, WebhookReader } from './payment-gateway';

/** What a provider is told to collect: the core's request, the checkout's own id, and who pays. */
export interface ProviderCheckout extends CheckoutRequest {
  /** The portal's id of this checkout, the same for a retried request. */
  checkoutId: string;
  customer: { id: number; orgId: number; name: string; email: string | null; providerCustomerId: string | null };
}

export interface OpenedCheckout {
  url: string;
  providerSessionId: string;
  /** The provider's id of the customer, when it keeps one (saved cards and bank accounts). */
  providerCustomerId?: string;
}

/**
 * A payment provider: it opens hosted checkouts and reads its own webhooks into the core's
 * terms. It writes nothing of the portal's: the core records checkouts and payments.
 */
export interface PaymentProvider {
  readonly name: 'stripe' | 'sandbox';
  createCheckout(checkout: ProviderCheckout): Promise<OpenedCheckout>;
  webhooks?: WebhookReader;
}
