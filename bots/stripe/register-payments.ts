import type restify from 'restify';
import type Stripe from 'stripe';
import type { OutboundSender } from '../../core/conversation/outbound';
import { checkoutMessagePage } from '../../core/payments/checkout-pages';
import { sandboxAllowed } from '../../core/payments/create-payment-gateway';
import type { DoorDeps } from '../door';
import { html, registerSandbox } from '../sandbox/sandbox-route';
import { registerStripeWebhook } from './stripe-webhook';

export interface PaymentsDeps extends Pick<DoorDeps, 'config' | 'log' | 'portal'> {
  /** createStripeClient(config): null when STRIPE_SECRET_KEY is unset. */
  stripe: Stripe | null;
  /** Sends the receipt to the channel a payment was started from. */
  outbound: OutboundSender;
}

/**
 * Payment routes: Stripe's webhook, the pages Stripe sends the payer back to, and the
 * sandbox checkout of demo mode.
 */
export function registerPayments(server: restify.Server, { config, log, portal, stripe, outbound }: PaymentsDeps): void {
  const confirm = { db: portal.db, clock: portal.clock, documents: portal.documents, outbound, log };
  registerStripeWebhook(server, { stripe, webhookSecret: config.STRIPE_WEBHOOK_SECRET, confirm, log });
  registerSandbox(server, { allowed: sandboxAllowed(config), confirm });
  server.get('/pay/done', async (_req, res) => { html(res, 200, checkoutMessagePage('done')); });
  server.get('/pay/cancelled', async (_req, res) => { html(res, 200, checkoutMessagePage('cancelled')); });
}
