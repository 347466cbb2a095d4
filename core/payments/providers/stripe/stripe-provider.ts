import type Stripe from 'stripe';
import { toDecimalString } from '../../../money';
import type { PaymentProvider, ProviderCheckout } from '../../payment-provider';
import { stripeWebhooks } from './stripe-webhooks';

/** Checkout allows at most 100 line items in payment mode. */
const MAX_LINES = 100;
const METADATA_VALUE = 500;

/**
 * Stripe's hosted Checkout as a payment provider: it translates the core's request, nothing
 * more. Every create call carries an idempotency key derived from the request, so a retried
 * message gets the same session back; the parameters are a pure function of the request
 * (Stripe refuses a key reused with different ones). The Stripe customer is made once, on the
 * first checkout, and the core keeps its id for the next ones (saved cards and bank accounts).
 */
export function createStripeProvider({ stripe, baseUrl, webhookSecret }: { stripe: Stripe; baseUrl: string; webhookSecret?: string }): PaymentProvider {
  return {
    name: 'stripe',
    async createCheckout(checkout) {
      const { customer, idempotencyKey } = checkout;
      const customerId = customer.providerCustomerId ?? (await stripe.customers.create({
        name: customer.name, email: customer.email ?? undefined, metadata: { organization: String(customer.orgId), customer: String(customer.id) },
      }, { idempotencyKey: `${idempotencyKey}:customer` })).id;
      const session = await stripe.checkout.sessions.create(sessionParams(checkout, customerId, baseUrl), { idempotencyKey });
      if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
      return { url: session.url, providerSessionId: session.id, providerCustomerId: customerId };
    },
    webhooks: webhookSecret ? stripeWebhooks(stripe, webhookSecret) : undefined,
  };
}

function sessionParams(request: ProviderCheckout, customer: string, baseUrl: string): Stripe.Checkout.SessionCreateParams {
  const { viewer, allocations, currency } = request;
  const metadata: Stripe.MetadataParam = {
    organization: String(viewer.orgId), customer: String(viewer.customerId), contact: String(viewer.contactId),
    ...invoiceMetadata(Object.fromEntries(allocations.map((a) => [a.number, toDecimalString(a.amount, currency)]))),
    origin_channel: request.origin.channel, origin_address: request.origin.address,
  };
  const line = (name: string, amount: bigint): Stripe.Checkout.SessionCreateParams.LineItem => ({
    quantity: 1, price_data: { currency: currency.toLowerCase(), unit_amount: stripeAmount(amount), product_data: { name } },
  });
  return {
    mode: 'payment',
    customer,
    line_items: allocations.length <= MAX_LINES
      ? allocations.map((a) => line(allocations.length === 1 ? request.description : `Invoice ${a.number}`, a.amount))
      : [line(request.description, request.amount)],
    // API 2026-10-28 replaced payment_method_types with this filter on what the account has enabled.
    allowed_payment_method_types: request.methods.includes('ach') ? ['card', 'us_bank_account'] : ['card'],
    payment_intent_data: { setup_future_usage: 'off_session', description: request.description, metadata },
    metadata,
    success_url: `${baseUrl}/pay/done?session={CHECKOUT_SESSION_ID}`,
    cancel_url: `${baseUrl}/pay/cancelled`,
  };
}

/** The invoices and amounts as compact JSON, split over numbered keys when longer than one metadata value. */
function invoiceMetadata(invoices: Record<string, string>): Record<string, string> {
  const text = JSON.stringify(invoices);
  const parts: Record<string, string> = {};
  for (let i = 0; i * METADATA_VALUE < text.length && i < 40; i++) {
    parts[i === 0 ? 'invoices' : `invoices_${i + 1}`] = text.slice(i * METADATA_VALUE, (i + 1) * METADATA_VALUE);
  }
  return parts;
}

function stripeAmount(minor: bigint): number {
  if (minor <= 0n || minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount ${minor} cannot be collected`);
  return Number(minor);
}
