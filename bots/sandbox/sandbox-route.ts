import type restify from 'restify';
import { body } from '../http/body';
import { confirmCheckout, type ConfirmDeps } from '../../core/payments/confirm-checkout';
import { checkoutMessagePage, sandboxCheckoutPage } from '../../core/payments/checkout-pages';
import { getCheckout } from '../../core/payments/get-checkout';
import { sandboxConfirmation } from '../../core/payments/sandbox-checkout';

/**
 * The demo checkout page: GET shows what is paid, POST answers "Pay" or "Pay and fail"
 * through the core, then sends the browser back to the page (which now shows the outcome).
 * Off (404) wherever the sandbox is not allowed.
 */
export function registerSandbox(server: restify.Server, { allowed, confirm }: { allowed: boolean; confirm: ConfirmDeps }): void {
  const form = body('form', 4 * 1024);
  const path = '/pay/sandbox/:id';

  server.get(path, async (req, res) => {
    const checkout = allowed ? await getCheckout(confirm.db, String(req.params.id)) : null;
    if (!checkout || checkout.provider !== 'sandbox') {
      html(res, 404, checkoutMessagePage('not_found'));
      return;
    }
    html(res, 200, sandboxCheckoutPage(checkout));
  });

  server.post(path, form, async (req, res) => {
    const checkout = allowed ? await getCheckout(confirm.db, String(req.params.id)) : null;
    if (!checkout || checkout.provider !== 'sandbox') {
      html(res, 404, checkoutMessagePage('not_found'));
      return;
    }
    const outcome = (req.body as Record<string, string> | undefined)?.outcome;
    if (checkout.state === 'open' && (outcome === 'pay' || outcome === 'fail')) {
      await confirmCheckout(confirm, sandboxConfirmation(checkout, outcome === 'pay'));
    }
    res.writeHead(303, { Location: `/pay/sandbox/${encodeURIComponent(checkout.id)}`, 'Cache-Control': 'no-store' });
    res.end();
  });
}

export function html(res: restify.Response, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  res.end(body);
}
