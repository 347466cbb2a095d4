import { escapeHtml } from '../documents/fill-template';
import { formatMoney } from '../money';
import type { CheckoutView } from './get-checkout';

/** The few pages a payer's browser sees on the portal itself: the sandbox checkout and the way back from Stripe. */

const STYLE = `
  :root { color-scheme: light; --ink: #1d2433; --muted: #5f6b7a; --line: #e3e7ee; --accent: #2456d6; --ok: #13795b; --bad: #b42318; }
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 24px;
    font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f4f6fa; }
  main { width: 100%; max-width: 440px; background: #fff; border: 1px solid var(--line); border-radius: 14px; padding: 28px;
    box-shadow: 0 8px 24px rgba(29, 36, 51, .06); }
  h1 { font-size: 1.35rem; margin: 0 0 4px; }
  .muted { color: var(--muted); margin: 0 0 20px; }
  .badge { display: inline-block; font-size: .78rem; font-weight: 600; letter-spacing: .02em; color: #7a4b00; background: #fff4d6;
    border-radius: 999px; padding: 2px 10px; margin: 0 0 14px; }
  table { width: 100%; border-collapse: collapse; margin: 0 0 22px; }
  td { padding: 9px 0; border-bottom: 1px solid var(--line); }
  td.amount { text-align: right; font-variant-numeric: tabular-nums; }
  tr.total td { font-weight: 700; border-bottom: 0; padding-top: 12px; }
  form { display: grid; gap: 10px; }
  button { font: inherit; font-weight: 600; border-radius: 10px; padding: 12px 16px; cursor: pointer; border: 1px solid var(--accent); }
  button.pay { background: var(--accent); color: #fff; }
  button.fail { background: #fff; color: var(--accent); }
  .state { font-size: 2rem; margin: 0 0 6px; }
  .ok { color: var(--ok); } .bad { color: var(--bad); }
  .fine { color: var(--muted); font-size: .85rem; margin: 20px 0 0; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The sandbox checkout: what is paid, then "Pay" or "Pay and fail"; once answered, how it ended. */
export function sandboxCheckoutPage(checkout: CheckoutView): string {
  const money = (minor: bigint) => formatMoney(minor, checkout.currency, checkout.locale);
  const org = escapeHtml(checkout.organization);
  const head = `<p class="badge">Sandbox · no real money moves</p><h1>${org}</h1><p class="muted">Payment from ${escapeHtml(checkout.customer)}</p>`;
  if (checkout.state === 'paid') {
    const credit = checkout.payment && checkout.payment.unapplied > 0n ? ` ${money(checkout.payment.unapplied)} of it is kept as credit.` : '';
    return page(`Paid · ${checkout.organization}`, `${head}<p class="state ok">✓ Paid</p>
<p>We received ${money(checkout.amount)}${checkout.payment ? ` (${escapeHtml(checkout.payment.number)})` : ''}.${credit} Your receipt is in your chat. You can close this page.</p>`);
  }
  if (checkout.state === 'failed') {
    return page(`Payment failed · ${checkout.organization}`, `${head}<p class="state bad">Payment failed</p>
<p>Nothing was paid. Ask for a new payment link in your chat when you're ready.</p>`);
  }
  if (checkout.state === 'pending') {
    return page(`Processing · ${checkout.organization}`, `${head}<p class="state">Processing</p><p>Your receipt will arrive in your chat once the payment clears.</p>`);
  }
  const rows = checkout.allocations.map((a) => `<tr><td>Invoice ${escapeHtml(a.number)}</td><td class="amount">${money(a.amount)}</td></tr>`).join('');
  return page(`Pay ${money(checkout.amount)} · ${checkout.organization}`, `${head}
<table>${rows}<tr class="total"><td>Total</td><td class="amount">${money(checkout.amount)}</td></tr></table>
<form method="post">
  <button class="pay" name="outcome" value="pay">Pay ${money(checkout.amount)}</button>
  <button class="fail" name="outcome" value="fail">Pay and fail</button>
</form>
<p class="fine">This is the portal's demo checkout. Where Stripe is set up, customers pay on Stripe's secure page instead.</p>`);
}

const MESSAGES = {
  done: ['Thank you!', '<p class="state ok">✓ Thank you!</p><p>Your payment is being confirmed. The receipt will arrive in your chat. You can close this page.</p>'],
  cancelled: ['Payment cancelled', '<p class="state">Payment cancelled</p><p>Nothing was paid. You can ask for a new payment link in your chat at any time.</p>'],
  not_found: ['Payment link not found', '<p class="state bad">Link not found</p><p>This payment link is not valid. Ask for a new one in your chat.</p>'],
} as const;

/** The page Stripe sends the payer back to, and the one for a link that leads nowhere. */
export function checkoutMessagePage(kind: keyof typeof MESSAGES): string {
  const [title, body] = MESSAGES[kind];
  return page(title, body);
}
