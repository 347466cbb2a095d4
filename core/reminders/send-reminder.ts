import type { Clock } from '../clock';
import type { Db } from '../db/db';
import type { Prisma } from '../db/generated/client';
import { dayIn } from '../dates';
import { AppError } from '../errors';
import { recordEvent } from '../events/record-event';
import { enqueueJob, type JobHandler } from '../jobs/job-runner';
import { formatMoney } from '../money';
import type { AddressSender } from '../outbound/address-sender';
import type { OutboundSender } from '../outbound/outbound-sender';
import type { PaymentGateway } from '../payments/payment-gateway';
import { offeredMethods } from '../payments/plan-payment';
import { loadViewer } from '../portal/viewer';
import { reply } from '../replies/reply';
import { REMINDER_SCHEDULE, runSchedule, SEND_REMINDER } from './plan-reminders';
import { pausedInvoices } from './customer-replies';
import { quietUntil } from './quiet-hours';
import { reachesOf, type Reach, type Senders } from './reminder-channels';

/** One try on one channel; `interrupted`: the process died before the provider took it (not the channel's fault). */
type Attempt = { channel: string; address: string; at: string; error?: string; providerId?: string; interrupted?: boolean };

export interface ReminderDeps {
  db: Db;
  clock: Clock;
  outbound: OutboundSender;
  messenger?: AddressSender;
  payments: PaymentGateway;
  /** TWILIO_WHATSAPP_REMINDER_TEMPLATE: without it, WhatsApp reminders go to the next channel. */
  whatsappTemplate?: string;
  log: { warn(obj: object, msg?: string): void };
}

/**
 * How long a send cut short by a crash waits before asking whether it left: long enough for the
 * provider to have recorded a request it received, and for its status callback to arrive.
 */
const SETTLE_MS = 15_000;

/**
 * Sends one reminder (a job of the runner): outside the customer's quiet hours, on the first
 * channel not yet tried, with one pay link for every invoice it names that is still unpaid. The
 * attempt is recorded before the provider is called; a run that finds an attempt without an
 * outcome (the process died mid-send) waits, then asks the provider's status callbacks and the
 * provider's own record (Twilio's Messages list), and sends again only if neither says it left. A failed channel passes to the next; none left is
 * `reminder.failed`.
 */
export function reminderHandlers(deps: ReminderDeps): Record<string, JobHandler> {
  return {
    /** An organization's schedule, looked at every hour. */
    async [REMINDER_SCHEDULE](job) {
      await runSchedule({ db: deps.db, clock: deps.clock, senders: sendersOf(deps), orgId: (job.payload as { orgId: number }).orgId });
      return { at: new Date(deps.clock().getTime() + 3_600_000) };
    },
    async [SEND_REMINDER](job) {
      const { reminderId } = job.payload as { reminderId: number };
      const { db, clock } = deps;
      const now = clock();
      const r = await db.reminder.findUnique({
        where: { id: reminderId },
        include: { customer: { include: { org: true } }, items: { include: { invoice: { select: { id: true, number: true, balance: true, state: true } } } } },
      });
      if (!r || ['sent', 'failed', 'skipped'].includes(r.status)) return 'done';
      const attempts = (r.attempts ?? []) as Attempt[];
      const last = attempts.at(-1);
      if (r.status === 'sending' && last && !last.error) {
        // Cut short between recording the attempt and its outcome: did the message leave?
        const settled = new Date(Date.parse(last.at) + SETTLE_MS);
        if (now < settled) return { at: settled };
        const seen = await db.outboundMessage.findFirst({ where: { to: last.address, createdAt: { gte: new Date(last.at) } }, select: { providerId: true } })
          ?? (last.channel === 'email' ? null : await deps.outbound.sentSince?.({ channel: last.channel as Reach['channel'], address: last.address }, new Date(last.at)));
        if (seen) return finish(deps, r, { ...last, providerId: seen.providerId }, attempts);
        // It never left: the same channel is tried again, as if the crash had not happened.
        attempts[attempts.length - 1] = { ...last, error: 'interrupted before the provider took it', interrupted: true };
      }
      const quiet = quietUntil(now, r.customer.timezone, { start: r.customer.quietStart, end: r.customer.quietEnd });
      if (quiet) {
        await db.reminder.update({ where: { id: r.id }, data: { status: 'waiting' } });
        return { at: quiet };
      }
      const unpaid = r.items.filter((i) => i.invoice.state === 'sent' && i.invoice.balance > 0n).map((i) => i.invoice);
      // A promise, dispute or payment claim made while it waited holds those invoices back too.
      const paused = await pausedInvoices(db, r.customerId, unpaid, dayIn(r.customer.timezone, now), now);
      const open = unpaid.filter((i) => !paused.has(i.id));
      if (!open.length) {
        await db.reminder.update({ where: { id: r.id }, data: { status: 'skipped', reason: unpaid.length ? [...paused.values()][0] : 'paid before it left' } });
        return 'done';
      }
      const tried = new Set(attempts.filter((a) => !a.interrupted).map((a) => `${a.channel}:${a.address}`));
      const reach = (await reachesOf(db, r.customerId, sendersOf(deps), now)).find((x) => !tried.has(`${x.channel}:${x.address}`));
      if (!reach) return fail(deps, r, attempts, attempts.length ? 'no channel took it' : 'opted out or no way to reach them');

      // The pay link first: a payment provider that is down delays the reminder (the runner retries), it does not change its channel.
      const message = await compose(deps, r, reach, open.map((i) => ({ invoiceId: i.id, number: i.number, amount: i.balance })));
      const attempt: Attempt = { channel: reach.channel, address: reach.address, at: now.toISOString() };
      await db.reminder.update({
        where: { id: r.id },
        data: { status: 'sending', channel: reach.channel, address: reach.address, attempts: [...attempts, attempt] as unknown as Prisma.InputJsonValue },
      });
      try {
        const sent = reach.channel === 'email'
          ? (await deps.messenger!.send({ email: reach.address }, { subject: message.subject, text: message.link ? `${message.reply.text}\n\n${message.link}` : message.reply.text }), undefined)
          : await deps.outbound.send({ channel: reach.channel, address: reach.address }, message.reply);
        return finish(deps, r, { ...attempt, providerId: sent?.providerId }, [...attempts, { ...attempt, providerId: sent?.providerId }]);
      } catch (err) {
        deps.log.warn({ err, reminderId: r.id, channel: reach.channel }, 'reminder not taken by its channel; trying the next');
        await db.reminder.update({
          where: { id: r.id },
          data: { status: 'queued', attempts: [...attempts, { ...attempt, error: String((err as Error)?.message ?? err).slice(0, 200) }] as unknown as Prisma.InputJsonValue },
        });
        return { at: clock() };
      }
    },
  };
}

type Loaded = Prisma.ReminderGetPayload<{ include: { customer: { include: { org: true } }; items: { include: { invoice: { select: { id: true; number: true; balance: true; state: true } } } } } }>;

export function sendersOf(deps: Pick<ReminderDeps, 'messenger' | 'whatsappTemplate' | 'outbound'>): Senders {
  return {
    email: Boolean(deps.messenger?.reaches.email), whatsappTemplate: Boolean(deps.whatsappTemplate),
    chat: (channel) => deps.outbound.reaches?.(channel) ?? true,
  };
}

async function compose(deps: ReminderDeps, r: Loaded, reach: Reach, allocations: Array<{ invoiceId: number; number: string; amount: bigint }>) {
  const viewer = await loadViewer(deps.db, reach.contactId);
  const total = allocations.reduce((s, a) => s + a.amount, 0n);
  const sum = formatMoney(total, r.currency, r.customer.org.locale);
  // Without online payments (no provider set up) the reminder still goes, without a link.
  const checkout = await deps.payments.createCheckout({
    viewer, allocations, amount: total, currency: r.currency, methods: offeredMethods(viewer.achEnabled, undefined).methods,
    description: `Payment of ${allocations.map((a) => a.number).join(', ')}`,
    origin: { channel: reach.channel, address: reach.address }, idempotencyKey: `reminder:${r.id}`,
  }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'unavailable') return null;
    throw err;
  });
  const url = checkout?.url ?? null;
  const first = reach.contactName.split(' ')[0];
  const list = allocations.map((a) => `${a.number} (${formatMoney(a.amount, r.currency, r.customer.org.locale)})`).join(', ');
  const text = `Hi ${first}, a reminder from ${r.customer.org.name}: ${list} ${allocations.length === 1 ? 'is' : 'are'} due, ${sum} in all. `
    + (url ? 'Reply "pay" for the link, tell me when you\'ll pay, or if something is wrong.' : 'Reply to tell me when you\'ll pay, or if something is wrong.');
  return {
    subject: `${r.customer.org.name}: ${sum} due`,
    link: url,
    reply: reply(text, {
      ...(url ? { link: { label: `Pay ${sum}`, url } } : {}),
      // Outside WhatsApp's 24-hour window only an approved template may go.
      ...(reach.channel === 'whatsapp' && !reach.inWindow && deps.whatsappTemplate ? { template: { sid: deps.whatsappTemplate, variables: { 1: first, 2: sum, 3: url ?? r.customer.org.name } } } : {}),
    }),
  };
}

async function finish(deps: ReminderDeps, r: Loaded, attempt: Attempt, attempts: Attempt[]) {
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    await tx.reminder.update({
      where: { id: r.id },
      data: { status: 'sent', sentAt: now, providerId: attempt.providerId ?? null, channel: attempt.channel as Loaded['channel'], address: attempt.address, attempts: attempts as unknown as Prisma.InputJsonValue },
    });
    await recordEvent(tx, { orgId: r.customer.orgId, customerId: r.customerId }, {
      type: 'reminder.sent',
      message: `Reminder sent to ${r.customer.name} by ${attempt.channel} for ${formatMoney(r.total, r.currency, r.customer.org.locale)} (${r.items.map((i) => i.invoice.number).join(', ')}).`,
      data: { customer: r.customer.key, channel: attempt.channel, invoices: r.items.map((i) => i.invoice.number), reminder: r.id },
    }, now);
  });
  return 'done' as const;
}

async function fail(deps: ReminderDeps, r: Loaded, attempts: Attempt[], reason: string) {
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    await tx.reminder.update({ where: { id: r.id }, data: { status: 'failed', reason, attempts: attempts as unknown as Prisma.InputJsonValue } });
    await recordEvent(tx, { orgId: r.customer.orgId, customerId: r.customerId }, {
      type: 'reminder.failed',
      message: `A reminder to ${r.customer.name} could not be delivered (${reason}).`,
      data: { customer: r.customer.key, reason, channels: attempts.map((a) => a.channel), invoices: r.items.map((i) => i.invoice.number), reminder: r.id },
    }, now);
  });
  return 'done' as const;
}

/**
 * A provider's later word that a reminder was not delivered (Twilio's `failed`/`undelivered`):
 * the reminder goes back to its job, which tries the contact's next channel.
 */
export async function reminderNotDelivered(db: Db, providerId: string, status: string): Promise<void> {
  const r = await db.reminder.findFirst({ where: { providerId, status: 'sent' }, select: { id: true, attempts: true } });
  if (!r) return;
  const attempts = ((r.attempts ?? []) as Attempt[]).map((a) => (a.providerId === providerId ? { ...a, error: `provider said ${status}` } : a));
  await db.$transaction(async (tx) => {
    const { count } = await tx.reminder.updateMany({ where: { id: r.id, status: 'sent' }, data: { status: 'queued', providerId: null, attempts: attempts as unknown as Prisma.InputJsonValue } });
    if (count) await enqueueJob(tx, { key: `reminder:${r.id}`, kind: SEND_REMINDER, payload: { reminderId: r.id } });
  });
}
