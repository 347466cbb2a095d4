import type { Clock } from '../clock';
import type { OutboundSender } from '../outbound/outbound-sender';
import type { Db } from '../db/open-database';
import type { DocumentLinks } from '../documents/document-ref';
import { loadViewer } from '../portal/viewer';
import { paymentReply } from './payment-reply';
import type { CheckoutConfirmation } from './payment-gateway';
import { recordCheckoutPayment, type PaymentChange } from './record-checkout-payment';

export interface ConfirmDeps {
  db: Db;
  clock: Clock;
  outbound: OutboundSender;
  documents: DocumentLinks;
  log: { warn(obj: object, msg?: string): void };
}

/**
 * The one path every provider's confirmation takes (Stripe's webhook, the sandbox page):
 * record it exactly once, then, after the commit, tell the customer in the chat the payment
 * was started from. A message that cannot be sent is logged; it never undoes the payment.
 */
export async function confirmCheckout(deps: ConfirmDeps, confirmation: CheckoutConfirmation): Promise<PaymentChange | null> {
  const change = await recordCheckoutPayment({ db: deps.db, clock: deps.clock, confirmation });
  if (change) await tellCustomer(deps, change);
  return change;
}

async function tellCustomer(deps: ConfirmDeps, change: PaymentChange): Promise<void> {
  try {
    if (!change.origin) throw new Error('the checkout names no channel to answer in');
    const viewer = await loadViewer(deps.db, change.contactId);
    await deps.outbound.send(change.origin, paymentReply(change, viewer, deps.documents));
  } catch (err) {
    deps.log.warn({ err, paymentId: change.paymentId, state: change.state }, 'payment message not sent');
  }
}
