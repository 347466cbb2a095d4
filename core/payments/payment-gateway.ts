import type { Viewer } from '../portal/viewer';

export type PaymentMethod = 'card' | 'ach';

/** What the customer asked to pay, worked out by the core: the provider only collects it. */
export interface CheckoutRequest {
  viewer: Viewer;
  /** The invoices paid and how much of each, oldest due first for "pay all". */
  allocations: Array<{ invoiceId: number; number: string; amount: bigint }>;
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
