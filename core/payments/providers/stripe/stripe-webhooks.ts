import type Stripe from 'stripe';
import { AppError } from '../../../errors';
import type { WebhookReader } from '../../payment-gateway';
import type { CheckoutConfirmation, PaymentOutcome } from '../../payment-gateway';

const CHECKOUT_EVENTS = new Set([
  'checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed',
]);

/**
 * Stripe's webhook: Stripe-Signature checked on the raw body (its 5-minute window against the
 * given time), then the checkout the event names read back from Stripe.
 */
export function stripeWebhooks(stripe: Stripe, webhookSecret: string): WebhookReader {
  return {
    async read(rawBody, signature, now) {
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, webhookSecret, undefined, undefined, now.getTime());
      } catch (err) {
        throw new AppError('not_allowed', `a Stripe webhook with a bad signature: ${(err as Error).message}`, undefined, { cause: err });
      }
      return { eventId: event.id, confirmation: await readStripeCheckout(stripe, event) };
    },
  };
}

/**
 * Stripe's current word on the checkout an event is about, in the core's terms; null for
 * events that are not about a checkout's payment, or a checkout with nothing to record yet.
 * The event only names the session: its state is re-read from Stripe, so a stale, replayed
 * or reordered event tells nothing the session does not say now.
 */
async function readStripeCheckout(stripe: Stripe, event: Stripe.Event): Promise<CheckoutConfirmation | null> {
  if (!CHECKOUT_EVENTS.has(event.type)) return null;
  const id = (event.data.object as { id?: unknown }).id;
  if (typeof id !== 'string') return null;
  const session = await stripe.checkout.sessions.retrieve(id, { expand: ['payment_intent.payment_method'] });
  return toConfirmation(session);
}

/** Paid → succeeded; a bank debit still processing → pending; a payment that came back → failed. */
function toConfirmation(session: Stripe.Checkout.Session): CheckoutConfirmation | null {
  if (session.mode !== 'payment' || session.status !== 'complete' || session.amount_total === null || !session.currency) return null;
  const intent = session.payment_intent;
  if (!intent || typeof intent === 'string') return null;
  let outcome: PaymentOutcome;
  if (session.payment_status === 'paid') outcome = 'succeeded';
  else if (intent.status === 'processing') outcome = 'pending';
  else if (intent.status === 'requires_payment_method' || intent.status === 'canceled') outcome = 'failed';
  else return null;
  const method = typeof intent.payment_method === 'object' && intent.payment_method?.type === 'us_bank_account' ? 'ach' : 'card';
  return {
    providerSessionId: session.id, providerPaymentId: intent.id, amount: BigInt(session.amount_total),
    currency: session.currency.toUpperCase(), method, outcome,
  };
}
