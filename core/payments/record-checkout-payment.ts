import type { Clock } from '../clock';
import { dayIn, toDay, type Day } from '../dates';
import type { Prisma } from '../db/generated/client';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import { formatMoney } from '../money';
import { paymentForBooks } from '../events/payment-for-books';
import { recordEvent } from '../events/record-event';
import { applyPayment } from './apply-payment';
import { allocationsFromJson, originFromJson, type Origin } from './checkout-json';
import type { CheckoutConfirmation, PaymentOutcome } from './payment-gateway';
import { newPaymentNumber } from './payment-number';
import { enqueueJob } from '../jobs/job-runner';

/** What a confirmation changed: a payment appeared or moved forward. */
export interface PaymentChange {
  state: PaymentOutcome;
  paymentId: number;
  number: string;
  date: Day;
  amount: bigint;
  currency: string;
  /** The invoices the checkout was for, in order. */
  invoices: string[];
  applied: Array<{ number: string; amount: bigint }>;
  unapplied: bigint;
  contactId: number;
  origin: Origin | null;
}

type Checkout = Prisma.CheckoutSessionGetPayload<{ include: { customer: { include: { org: true } } } }>;
type PaymentRow = { id: number; number: string; date: Date; amount: bigint };

/**
 * Records a provider's confirmation of a checkout exactly once, however often and in whatever
 * order it arrives. The unique key on the provider's payment id decides whether this is the
 * first word (INSERT … ON CONFLICT DO NOTHING), and a payment's state only moves forward:
 * pending → succeeded or failed, decided by an UPDATE guarded on `state = 'pending'`.
 * Succeeded payments are applied to the checkout's invoices in the same transaction.
 * Null: nothing changed (a repeat, a step back, or a checkout that is not ours).
 */
export async function recordCheckoutPayment({ db, clock, confirmation }: {
  db: Db; clock: Clock; confirmation: CheckoutConfirmation;
}): Promise<PaymentChange | null> {
  const c = confirmation;
  return db.$transaction(async (tx) => {
    const checkout = await tx.checkoutSession.findUnique({
      where: { providerSessionId: c.providerSessionId }, include: { customer: { include: { org: true } } },
    });
    if (!checkout) return null;
    if (checkout.currency !== c.currency) {
      throw new AppError('bad_request', `checkout ${checkout.id} is in ${checkout.currency}, the provider confirmed ${c.currency}`);
    }
    const date = dayIn(checkout.customer.timezone, clock());
    const [inserted] = await tx.$queryRaw<PaymentRow[]>`
      INSERT INTO "Payment" ("customerId", number, date, amount, unapplied, currency, mode, reference, online, "recordedByPortal", state, "providerPaymentId")
      VALUES (${checkout.customerId}, ${newPaymentNumber('PMT-ONLINE')}, ${date}::date, ${c.amount}, 0, ${c.currency}, ${c.method},
              ${c.providerPaymentId}, true, true, ${c.outcome}::"PaymentState", ${c.providerPaymentId})
      ON CONFLICT ("providerPaymentId") DO NOTHING
      RETURNING id, number, date, amount`;
    let row: PaymentRow | undefined = inserted;
    if (!row && c.outcome !== 'pending') {
      [row] = await tx.$queryRaw<PaymentRow[]>`
        UPDATE "Payment" SET state = ${c.outcome}::"PaymentState"
        WHERE "providerPaymentId" = ${c.providerPaymentId} AND state = 'pending'
        RETURNING id, number, date, amount`;
    }
    if (!row) return null;
    return settle(tx, checkout, row, c.outcome);
  }, { maxWait: 10_000, timeout: 30_000 });
}

async function settle(tx: Prisma.TransactionClient, checkout: Checkout, row: PaymentRow, state: PaymentOutcome): Promise<PaymentChange> {
  const allocations = allocationsFromJson(checkout.allocations);
  const amount = BigInt(row.amount);
  const { applied, unapplied } = state === 'succeeded'
    ? await applyPayment(tx, { paymentId: row.id, customerId: checkout.customerId, amount, allocations })
    : { applied: [], unapplied: 0n };
  await tx.checkoutSession.update({
    where: { id: checkout.id }, data: { state: state === 'succeeded' ? 'paid' : state, paymentId: row.id },
  });
  const { customer } = checkout;
  const sum = formatMoney(amount, checkout.currency, customer.org.locale);
  const invoices = allocations.map((a) => a.number);
  if (state !== 'pending') {
    const data = { ...(await paymentForBooks(tx, row.id)), invoices };
    await recordEvent(tx, { orgId: customer.orgId, customerId: customer.id }, state === 'succeeded'
      ? {
        type: 'payment.recorded',
        message: `${customer.name} paid ${sum} online (${row.number}) for ${invoices.join(', ')}${unapplied > 0n ? `; ${formatMoney(unapplied, checkout.currency, customer.org.locale)} kept as credit` : ''}.`,
        data: { ...data },
      }
      : {
        type: 'payment.failed',
        message: `${customer.name}'s online payment of ${sum} (${row.number}) for ${invoices.join(', ')} failed.`,
        data: { ...data },
      });
  }
  const change: PaymentChange = {
    state, paymentId: row.id, number: row.number, date: toDay(row.date), amount, currency: checkout.currency, invoices,
    applied: applied.map((a) => ({ number: a.number, amount: a.amount })), unapplied,
    contactId: checkout.contactId, origin: originFromJson(checkout.origin),
  };
  // The customer hears of it through the outbox: sent once this commits, retried if the channel fails.
  if (change.origin) await enqueueJob(tx, { key: receiptJobKey(change), kind: SEND_RECEIPT, payload: changeToJson(change) });
  return change;
}

export const SEND_RECEIPT = 'payment-message';

export function receiptJobKey(change: Pick<PaymentChange, 'paymentId' | 'state'>): string {
  return `payment-message:${change.paymentId}:${change.state}`;
}

/** A change as a job's payload (JSON has no BigInt: amounts as strings of minor units). */
function changeToJson(change: PaymentChange): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(change, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

export function changeFromJson(json: unknown): PaymentChange {
  const c = json as Record<string, unknown> & { applied: Array<{ number: string; amount: string }> };
  return {
    ...(c as unknown as PaymentChange), amount: BigInt(c.amount as string), unapplied: BigInt(c.unapplied as string),
    applied: c.applied.map((a) => ({ number: a.number, amount: BigInt(a.amount) })),
  };
}
