import type { Clock } from '../clock';
import { dayIn, fromDay } from '../dates';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { enqueueJob } from '../jobs/job-runner';
import { quietUntil } from './quiet-hours';
import { reachesOf, type Senders } from './reminder-channels';

export const SEND_REMINDER = 'send-reminder';

/** What a merchant asks to remind: every overdue invoice, one invoice, or one customer's. */
export type ReminderTarget = { overdue: true } | { invoice: string } | { customer: string };

export interface PlannedReminder {
  customer: string;
  customerName: string;
  invoices: Array<{ number: string; amount: bigint }>;
  total: bigint;
  currency: string;
  /** queued: leaves now; waiting: in the customer's quiet hours, leaves when they end; skipped: `reason`. */
  outcome: 'queued' | 'waiting' | 'skipped';
  reason?: string;
  channel?: string;
  /** When a waiting reminder leaves. */
  leavesAt?: Date;
  /** The Reminder row queued (not in a dry run). */
  reminderId?: number;
}

/**
 * A manual reminder run (merchant.md "Reminders"): one message per customer naming its invoices
 * due, each invoice at most once a day (its `manual:<day>` step is a unique key, so a second run
 * or a second process names nothing twice). Each message is a Reminder row and a job of the
 * runner, written together; the job sends it, on the customer's channel, outside quiet hours.
 * `dryRun` writes nothing and says what would go, where, and what would wait.
 */
export async function planReminders({ db, clock, senders, orgKey, target, dryRun = false }: {
  db: Db; clock: Clock; senders: Senders; orgKey: string; target: ReminderTarget; dryRun?: boolean;
}): Promise<PlannedReminder[]> {
  const org = await db.organization.findUnique({ where: { key: orgKey }, select: { id: true, timezone: true } });
  if (!org) throw new AppError('not_found', `org: no organization "${orgKey}"`);
  const now = clock();
  let customerFilter: { key?: string; id?: number } = 'customer' in target ? { key: target.customer } : {};
  if ('invoice' in target) {
    const invoice = await db.invoice.findFirst({ where: { number: { equals: target.invoice, mode: 'insensitive' }, customer: { orgId: org.id } }, select: { customerId: true } });
    if (!invoice) throw new AppError('not_found', `invoice: no invoice "${target.invoice}" in organization "${orgKey}"`);
    customerFilter = { id: invoice.customerId };
  }
  const customers = await db.customer.findMany({
    where: { orgId: org.id, ...customerFilter },
    select: { id: true, key: true, name: true, currency: true, timezone: true, quietStart: true, quietEnd: true },
    orderBy: { id: 'asc' },
  });
  if ('customer' in target && !customers.length) throw new AppError('not_found', `customer: no customer "${target.customer}" in organization "${orgKey}"`);
  const planned: PlannedReminder[] = [];
  for (const customer of customers) {
    const today = dayIn(customer.timezone, now);
    const invoices = await db.invoice.findMany({
      where: {
        customerId: customer.id, kind: 'invoice', state: 'sent', balance: { gt: 0n },
        ...('invoice' in target ? { number: { equals: target.invoice, mode: 'insensitive' } } : { dueDate: { lt: fromDay(today) } }),
      },
      select: { id: true, number: true, balance: true, currency: true },
      orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
    });
    // Invoices named by a manual reminder today already are not named again.
    const step = `manual:${today}`;
    const done = new Set((await db.reminderItem.findMany({ where: { step, invoiceId: { in: invoices.map((i) => i.id) } }, select: { invoiceId: true } })).map((r) => r.invoiceId));
    const due = invoices.filter((i) => !done.has(i.id));
    const base = {
      customer: customer.key, customerName: customer.name, currency: customer.currency,
      invoices: due.map((i) => ({ number: i.number, amount: i.balance })), total: due.reduce((s, i) => s + i.balance, 0n),
    };
    if (!invoices.length) {
      if (!('overdue' in target)) planned.push({ ...base, outcome: 'skipped', reason: 'nothing due' });
      continue;
    }
    if (!due.length) {
      planned.push({ ...base, invoices: invoices.map((i) => ({ number: i.number, amount: i.balance })), outcome: 'skipped', reason: 'reminded today already' });
      continue;
    }
    const [reach] = await reachesOf(db, customer.id, senders);
    if (!reach) {
      planned.push({ ...base, outcome: 'skipped', reason: 'opted out or no way to reach them' });
      continue;
    }
    const waitUntil = quietUntil(now, customer.timezone, { start: customer.quietStart, end: customer.quietEnd });
    const plan: PlannedReminder = { ...base, channel: reach.channel, outcome: waitUntil ? 'waiting' : 'queued', ...(waitUntil ? { leavesAt: waitUntil } : {}) };
    const reminderId = dryRun ? undefined : await record(db, customer.id, step, due, plan);
    if (reminderId === null) {
      planned.push({ ...plan, outcome: 'skipped', reason: 'reminded today already' });
      continue;
    }
    planned.push({ ...plan, ...(reminderId ? { reminderId } : {}) });
  }
  return planned;
}

/** The reminder, its items and its job in one transaction; its id, or null if another run named these invoices first. */
async function record(db: Db, customerId: number, step: string, due: Array<{ id: number; balance: bigint; currency: string }>, plan: PlannedReminder): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const reminder = await tx.reminder.create({
      data: { customerId, trigger: 'manual', status: plan.outcome === 'waiting' ? 'waiting' : 'queued', total: plan.total, currency: plan.currency },
      select: { id: true },
    });
    const { count } = await tx.reminderItem.createMany({
      data: due.map((i) => ({ invoiceId: i.id, step, reminderId: reminder.id, amount: i.balance })), skipDuplicates: true,
    });
    if (count < due.length) throw new Lost();
    await enqueueJob(tx, { key: `reminder:${reminder.id}`, kind: SEND_REMINDER, payload: { reminderId: reminder.id }, runAt: plan.leavesAt });
    return reminder.id;
  }).catch((err: unknown) => {
    if (err instanceof Lost) return null;
    throw err;
  });
}

/** Another run took some of these invoices between the read and the write: this one stands down whole. */
class Lost extends Error {}
