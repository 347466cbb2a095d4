import type restify from 'restify';
import { checkoutMessagePage, sandboxCheckoutPage } from '../../core/payments/checkout-pages';
import type { DoorDeps } from '../door';
import { body } from '../http/body';
import { html } from '../http/html';

/**
 * The demo checkout page: GET shows what is paid, POST answers "Pay" or "Pay and fail"
 * through the core, then sends the browser back to the page (which now shows the outcome).
 * Off (404) wherever the sandbox is not allowed.
 */
export function registerSandbox(server: restify.Server, { core }: Pick<DoorDeps, 'core'>): void {
  const form = body('form', 4 * 1024);
  const path = '/pay/sandbox/:id';

  server.get(path, async (req, res) => {
    const checkout = await core.payments.sandboxCheckout(String(req.params.id));
    if (!checkout) return html(res, 404, checkoutMessagePage('not_found'));
    html(res, 200, sandboxCheckoutPage(checkout));
  });

  server.post(path, form, async (req, res) => {
    const checkout = await core.payments.sandboxCheckout(String(req.params.id));
    if (!checkout) return html(res, 404, checkoutMessagePage('not_found'));
    const outcome = (req.body as Record<string, string>).outcome;
    if (outcome === 'pay' || outcome === 'fail') await core.payments.sandboxAnswer(checkout.id, outcome === 'pay');
    res.writeHead(303, { Location: `/pay/sandbox/${encodeURIComponent(checkout.id)}`, 'Cache-Control': 'no-store' });
    res.end();
  });
}
