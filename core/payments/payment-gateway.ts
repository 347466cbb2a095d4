import type { Viewer } from '../portal/viewer';

export type PaymentMethod = 'card' | 'ach';

export type PaymentOutcome = 'pending' | 'succeeded' | 'failed';

/** A provider's word on a checkout, in the core's terms (each adapter translates its own). */
export interface CheckoutConfirmation {
  providerSessionId: string;
  /** The provider's id of the money movement (Stripe's PaymentIntent): the payment's unique key. */
  providerPaymentId: string;
  amount: bigint;
  currency: string;
  method: PaymentMethod;
  outcome: PaymentOutcome;
}

/** How much of a payment goes to which invoice. */
export type Allocation = { invoiceId: number; number: string; amount: bigint };

/** What the customer asked to pay, worked out by the core: the provider only collects it. */
export interface CheckoutRequest {
  viewer: Viewer;
  /** The invoices paid and how much of each, oldest due first for "pay all". */
  allocations: Allocation[];
  amount: bigint;
  currency: string;
  methods: PaymentMethod[];
  description: string;
  /** Where the request came from, so the receipt goes back there. */
  origin: { channel: string; address: string };
  /** The same request (a retried message) must not make a second checkout. */
  idempotencyKey: string;
}

export interface PaymentGateway {
  createCheckout(request: CheckoutRequest): Promise<{ url: string }>;
}

/** A provider's webhook in the core's terms: verified on its raw body (a bad signature throws `not_allowed`), then read. */
export interface WebhookReader {
  read(rawBody: Buffer, signature: string, now: Date): Promise<{ eventId: string; confirmation: CheckoutConfirmation | null }>;
}
