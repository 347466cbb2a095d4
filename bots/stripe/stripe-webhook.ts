import type restify from 'restify';
import { checkoutMessagePage } from '../../core/payments/checkout-pages';
import type { DoorDeps } from '../door';
import { body } from '../http/body';
import { html } from '../http/html';

/** Stripe's events are a few kilobytes; a megabyte is far more than any. */
const MAX_BODY = 1024 * 1024;

/**
 * Stripe's door: POST /stripe/webhook hands the raw body and its Stripe-Signature to the core,
 * which verifies it and records what it says; a failure answers 500 so that Stripe delivers the
 * event again (recording is idempotent). And the pages Stripe sends the payer back to.
 */
export function registerStripe(server: restify.Server, { core, log }: Pick<DoorDeps, 'core' | 'log'>): void {
  server.post('/stripe/webhook', body('raw', MAX_BODY), async (req, res) => {
    try {
      const outcome = await core.payments.webhook('stripe', req.body as Buffer, req.header('stripe-signature') ?? '');
      if (outcome === 'off') return void res.send(503, { error: 'Stripe is not configured' });
      if (outcome === 'refused') {
        log.warn({ reqId: req.id() }, 'refused a Stripe webhook with a bad signature');
        return void res.send(401, { error: 'bad signature' });
      }
      log.info({ reqId: req.id(), event: outcome.eventId, recorded: outcome.recorded }, 'stripe event');
      res.send(200, { received: true });
    } catch (err) {
      log.error({ reqId: req.id(), err }, 'stripe event failed');
      res.send(500, { error: 'event not processed' });
    }
  });
  server.get('/pay/done', async (_req, res) => html(res, 200, checkoutMessagePage('done')));
  server.get('/pay/cancelled', async (_req, res) => html(res, 200, checkoutMessagePage('cancelled')));
}
