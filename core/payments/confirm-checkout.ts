import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { DocumentLinks } from '../documents/document-ref';
import type { JobHandler, JobRunner } from '../jobs/job-runner';
import type { OutboundSender } from '../outbound/outbound-sender';
import { loadViewer } from '../portal/viewer';
import { paymentReply } from './payment-reply';
import type { CheckoutConfirmation } from './payment-gateway';
import { changeFromJson, receiptJobKey, recordCheckoutPayment, SEND_RECEIPT, type PaymentChange } from './record-checkout-payment';

export interface ConfirmDeps {
  db: Db;
  clock: Clock;
  jobs: Pick<JobRunner, 'runKey'>;
}

/**
 * The one path every provider's confirmation takes (Stripe's webhook, the sandbox page):
 * record it exactly once, with the customer's message in the outbox of the same transaction,
 * then send that message at once. A message that cannot be sent now is retried by the job
 * runner (by whichever server process is alive); it never undoes the payment.
 */
export async function confirmCheckout(deps: ConfirmDeps, confirmation: CheckoutConfirmation): Promise<PaymentChange | null> {
  const change = await recordCheckoutPayment({ db: deps.db, clock: deps.clock, confirmation });
  if (change?.origin) await deps.jobs.runKey(receiptJobKey(change));
  return change;
}

/** Retries stop after this many failed sends (about a day with the runner's backoff). */
const MAX_ATTEMPTS = 100;

/** Sends the message of a payment change to the chat it was asked from, unless that chat opted out. */
export function paymentMessageHandlers(deps: { db: Db; outbound: OutboundSender; documents: DocumentLinks; log: { warn(obj: object, msg?: string): void } }): Record<string, JobHandler> {
  return {
    async [SEND_RECEIPT](job) {
      const change = changeFromJson(job.payload);
      const origin = change.origin!;
      const identity = await deps.db.channelIdentity.findUnique({ where: { channel_address: origin }, select: { optedOut: true, contactId: true } });
      if (!identity || identity.optedOut || identity.contactId !== change.contactId) {
        deps.log.warn({ paymentId: change.paymentId, channel: origin.channel }, 'payment message not sent: the chat opted out or is no longer linked to that contact');
        return 'done';
      }
      if (job.attempts >= MAX_ATTEMPTS) {
        deps.log.warn({ paymentId: change.paymentId }, 'payment message given up after repeated failures');
        return 'done';
      }
      const viewer = await loadViewer(deps.db, change.contactId);
      await deps.outbound.send(origin, paymentReply(change, viewer, deps.documents));
      return 'done';
    },
  };
}
