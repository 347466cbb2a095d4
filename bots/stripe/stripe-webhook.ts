import type { Logger } from 'pino';
import type restify from 'restify';
import type Stripe from 'stripe';
import { confirmCheckout, type ConfirmDeps } from '../../core/payments/confirm-checkout';
import { readStripeCheckout } from '../../core/payments/read-stripe-checkout';
import { body } from '../http/body';

const MAX_BODY = 1024 * 1024;

/**
 * POST /stripe/webhook: verify Stripe-Signature on the raw body (with the injected clock for
 * its 5-minute window), re-read the checkout from Stripe, let the core record it. A failure
 * answers 500 so that Stripe delivers the event again; recording is idempotent.
 */
export function registerStripeWebhook(server: restify.Server, { stripe, webhookSecret, confirm, log }: {
  stripe: Stripe | null; webhookSecret: string | undefined; confirm: ConfirmDeps; log: Logger;
}): void {
  server.post('/stripe/webhook', body('raw', MAX_BODY), async (req, res) => {
    if (!stripe || !webhookSecret) {
      res.send(503, { error: 'Stripe is not configured' });
      return;
    }
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(req.body as Buffer, req.header('stripe-signature') ?? '', webhookSecret, undefined, undefined, confirm.clock().getTime());
    } catch (err) {
      log.warn({ reqId: req.id(), err: (err as Error).message }, 'refused a Stripe webhook with a bad signature');
      res.send(401, { error: 'bad signature' });
      return;
    }
    try {
      const confirmation = await readStripeCheckout(stripe, event);
      const change = confirmation && (await confirmCheckout(confirm, confirmation));
      log.info({ reqId: req.id(), event: event.id, type: event.type, recorded: change ? change.state : null }, 'stripe event');
      res.send(200, { received: true });
    } catch (err) {
      log.error({ reqId: req.id(), err, event: event.id, type: event.type }, 'stripe event failed');
      res.send(500, { error: 'event not processed' });
    }
  });
}
