import crypto from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock';
import { dayIn, isValidDay, toDay, type Day } from '../dates';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import { orgOf, type AdminScope } from '../merchant/merchant-keys';
import { paymentForBooks } from '../events/payment-for-books';
import { recordEvent } from '../events/record-event';
import { currencyExponent, formatMoney, minBig, parseMoney } from '../money';
import { applyPayment } from './apply-payment';
import { newPaymentNumber } from './payment-number';
import type { Allocation } from './payment-gateway';

const decimal = z.string().trim().regex(/^\d{1,15}(\.\d+)?$/, 'must be a decimal string such as "250.00"');

/** A payment the merchant received outside the portal: cheque, cash or bank transfer. */
export const offlinePaymentInput = z.object({
  /** Required with the operator's key; a merchant key's own organization otherwise. */
  org: z.string().trim().min(1).optional(),
  customer: z.string().trim().min(1),
  amount: decimal,
  date: z.string().refine(isValidDay, 'must be a date YYYY-MM-DD'),
  mode: z.enum(['cheque', 'cash', 'bank_transfer']),
  reference: z.string().trim().max(200).optional(),
  /** Where it goes, in this order; without it, the oldest invoices due first. */
  invoices: z.array(z.object({ number: z.string().trim().min(1).max(64), amount: decimal }).strict()).max(500).optional(),
}).strict();

export type OfflinePaymentInput = z.infer<typeof offlinePaymentInput>;

/** Dates a payment may carry: none before this, none after the organization's today. */
const FIRST_DAY = '2000-01-01';
/** No single payment is larger than this many units of its currency (a typo or a probe, not money). */
const MAX_MAJOR_UNITS = 1_000_000_000_000n;

export interface RecordedPayment {
  /** False when the idempotency key had already recorded it: the answer is that payment. */
  created: boolean;
  org: string;
  number: string;
  date: Day;
  amount: bigint;
  currency: string;
  mode: string;
  reference: string | null;
  applied: Array<{ number: string; amount: bigint }>;
  unapplied: bigint;
}

/**
 * Records an offline payment and applies it with the same code as an online one: each
 * invoice capped at its balance at that moment, the rest kept as credit. With an idempotency
 * key, a repeated request records nothing and answers with the payment already recorded; the
 * same key with a different request is refused.
 */
export async function recordOfflinePayment({ db, clock, scope, input, idempotencyKey }: {
  db: Db; clock: Clock; scope: AdminScope; input: OfflinePaymentInput; idempotencyKey?: string;
}): Promise<RecordedPayment> {
  const org = orgOf(scope, input);
  const customer = await db.customer.findFirst({ where: { key: input.customer, org: { key: org } }, select: { id: true, orgId: true, name: true, currency: true, org: { select: { timezone: true, locale: true } } } });
  if (!customer) throw new AppError('not_found', `customer: no customer "${input.customer}" in organization "${org}"`);
  const amount = money(input.amount, customer.currency, 'amount');
  if (amount === 0n) throw new AppError('bad_request', 'amount: must be more than 0');
  if (amount > MAX_MAJOR_UNITS * 10n ** BigInt(currencyExponent(customer.currency))) {
    throw new AppError('bad_request', `amount: ${input.amount} ${customer.currency} is more than any one payment can be`);
  }
  const today = dayIn(customer.org.timezone, clock());
  if (input.date > today) throw new AppError('bad_request', `date: ${input.date} is in the future (today is ${today} for this organization)`);
  if (input.date < FIRST_DAY) throw new AppError('bad_request', `date: ${input.date} is before ${FIRST_DAY}`);
  const allocations = input.invoices ? await namedAllocations(db, customer, input.invoices, amount) : await oldestFirst(db, customer.id, amount);
  const providerPaymentId = idempotencyKey ? `offline:${customer.orgId}:${idempotencyKey}` : null;
  const requestHash = idempotencyKey ? hashRequest({ ...input, org }) : null;

  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ id: number }>>`
      INSERT INTO "Payment" ("customerId", number, date, amount, unapplied, currency, mode, reference, online, "recordedByPortal", state, "providerPaymentId", "requestHash")
      VALUES (${customer.id}, ${newPaymentNumber('PMT')}, ${input.date}::date, ${amount}, 0, ${customer.currency}, ${input.mode},
              ${input.reference ?? null}, false, true, 'succeeded', ${providerPaymentId}, ${requestHash})
      ON CONFLICT ("providerPaymentId") DO NOTHING
      RETURNING id`;
    if (row) {
      const { applied } = await applyPayment(tx, { paymentId: row.id, customerId: customer.id, amount, allocations });
      const sum = formatMoney(amount, customer.currency, customer.org.locale);
      const onto = applied.length ? ` for ${applied.map((a) => a.number).join(', ')}` : ' as credit';
      await recordEvent(tx, { orgId: customer.orgId, customerId: customer.id }, {
        type: 'payment.recorded',
        message: `${customer.name} paid ${sum} by ${input.mode.replace(/_/g, ' ')}${onto} (recorded offline).`,
        data: { ...(await paymentForBooks(tx, row.id)) },
      }, clock());
    }
    const payment = await tx.payment.findFirstOrThrow({
      where: row ? { id: row.id } : { providerPaymentId: providerPaymentId! },
      include: { applications: { include: { invoice: { select: { number: true } } }, orderBy: { id: 'asc' } } },
    });
    if (!row && payment.requestHash !== requestHash) {
      throw new AppError('conflict', `Idempotency-Key: "${idempotencyKey}" was used for a different payment (${payment.number}); use a new key for a new payment`);
    }
    return {
      created: Boolean(row), org, number: payment.number, date: toDay(payment.date), amount: payment.amount, currency: payment.currency,
      mode: payment.mode, reference: payment.reference, unapplied: payment.unapplied,
      applied: payment.applications.map((a) => ({ number: a.invoice.number, amount: a.amount })),
    };
  }, { maxWait: 10_000, timeout: 30_000 });
}

/** The request as parsed, keys sorted: the same payment asked twice hashes the same, whatever the JSON's spacing or order. */
function hashRequest(input: OfflinePaymentInput & { org: string }): string {
  const canonical = JSON.stringify(input, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

function money(text: string, currency: string, place: string): bigint {
  // "50.00" is 50 yen too: trailing zero decimals say nothing.
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  const value = parseMoney(trimmed, currency);
  if (value === undefined) throw new AppError('bad_request', `${place}: "${text}" is not an amount in ${currency}`);
  return value;
}

async function namedAllocations(db: Db, customer: { id: number; currency: string }, named: NonNullable<OfflinePaymentInput['invoices']>, amount: bigint): Promise<Allocation[]> {
  const rows = await db.invoice.findMany({
    where: { customerId: customer.id, state: 'sent', number: { in: named.map((n) => n.number) } }, select: { id: true, number: true },
  });
  const ids = new Map(rows.map((r) => [r.number, r.id]));
  const seen = new Set<string>();
  const allocations = named.map((n, i) => {
    const invoiceId = ids.get(n.number);
    if (invoiceId === undefined) throw new AppError('bad_request', `invoices[${i}].number: no invoice ${n.number} for this customer`);
    if (seen.has(n.number)) throw new AppError('bad_request', `invoices[${i}].number: ${n.number} is listed twice`);
    seen.add(n.number);
    const share = money(n.amount, customer.currency, `invoices[${i}].amount`);
    if (share === 0n) throw new AppError('bad_request', `invoices[${i}].amount: must be more than 0`);
    return { invoiceId, number: n.number, amount: share };
  });
  if (allocations.reduce((s, a) => s + a.amount, 0n) > amount) throw new AppError('bad_request', 'invoices: the amounts add up to more than the payment');
  return allocations;
}

async function oldestFirst(db: Db, customerId: number, amount: bigint): Promise<Allocation[]> {
  const open = await db.invoice.findMany({
    where: { customerId, kind: 'invoice', state: 'sent', balance: { gt: 0 } },
    orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { date: 'asc' }, { id: 'asc' }],
    select: { id: true, number: true, balance: true },
  });
  let left = amount;
  return open.flatMap((i) => {
    const take = minBig(i.balance, left);
    left -= take;
    return take > 0n ? [{ invoiceId: i.id, number: i.number, amount: take }] : [];
  });
}
