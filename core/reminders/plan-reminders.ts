import type { Clock } from '../clock';
import { dayIn, fromDay } from '../dates';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { enqueueJob } from '../jobs/job-runner';
import { pausedInvoices } from './customer-replies';
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
    const notToday = invoices.filter((i) => !done.has(i.id));
    const paused = await pausedInvoices(db, customer.id, notToday, today, now);
    const due = notToday.filter((i) => !paused.has(i.id));
    if (!invoices.length) {
      if (!('overdue' in target)) planned.push({ ...summaryOf(customer, []), outcome: 'skipped', reason: 'nothing due' });
    } else if (!notToday.length) {
      planned.push({ ...summaryOf(customer, invoices), outcome: 'skipped', reason: 'reminded today already' });
    } else if (!due.length) {
      planned.push({ ...summaryOf(customer, notToday), outcome: 'skipped', reason: [...paused.values()][0] });
    } else {
      planned.push(await planOne({ db, now, senders, dryRun }, customer, 'manual', due.map((i) => ({ ...i, step }))));
    }
  }
  return planned;
}

type Planned = { id: number; key: string; name: string; currency: string; timezone: string; quietStart: string; quietEnd: string };

function summaryOf(customer: Planned, invoices: Array<{ number: string; balance: bigint }>) {
  return {
    customer: customer.key, customerName: customer.name, currency: customer.currency,
    invoices: invoices.map((i) => ({ number: i.number, amount: i.balance })), total: invoices.reduce((s, i) => s + i.balance, 0n),
  };
}

/**
 * One customer's reminder, manual or scheduled: where it would go, whether it waits for quiet
 * hours, and (unless a dry run) its row, items and job — or skipped, saying why.
 */
async function planOne({ db, now, senders, dryRun }: { db: Db; now: Date; senders: Senders; dryRun: boolean }, customer: Planned,
  trigger: 'manual' | 'schedule', due: Array<{ id: number; number: string; balance: bigint; step: string }>): Promise<PlannedReminder> {
  const base = summaryOf(customer, due);
  const [reach] = await reachesOf(db, customer.id, senders, now);
  if (!reach) return { ...base, outcome: 'skipped', reason: 'opted out or no way to reach them' };
  const waitUntil = quietUntil(now, customer.timezone, { start: customer.quietStart, end: customer.quietEnd });
  const plan: PlannedReminder = { ...base, channel: reach.channel, outcome: waitUntil ? 'waiting' : 'queued', ...(waitUntil ? { leavesAt: waitUntil } : {}) };
  if (dryRun) return plan;
  const reminderId = await record(db, customer.id, trigger, due, plan);
  return reminderId === null ? { ...plan, outcome: 'skipped', reason: 'reminded today already' } : { ...plan, reminderId };
}

/** The reminder, its items and its job in one transaction; its id, or null if another run named these invoices first. */
async function record(db: Db, customerId: number, trigger: 'manual' | 'schedule', due: Array<{ id: number; balance: bigint; step: string }>, plan: PlannedReminder): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const reminder = await tx.reminder.create({
      data: { customerId, trigger, status: plan.outcome === 'waiting' ? 'waiting' : 'queued', total: plan.total, currency: plan.currency },
      select: { id: true },
    });
    const { count } = await tx.reminderItem.createMany({
      data: due.map((i) => ({ invoiceId: i.id, step: i.step, reminderId: reminder.id, amount: i.balance })), skipDuplicates: true,
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

export const REMINDER_SCHEDULE = 'reminder-schedule';

export function scheduleJobKey(orgId: number): string {
  return `reminder-schedule:${orgId}`;
}

type Schedule = { beforeDue: number[]; afterDue: number[] };

function scheduleOf(value: unknown): Schedule | null {
  const s = value as Partial<Schedule> | null | undefined;
  if (!s || typeof s !== 'object') return null;
  return { beforeDue: Array.isArray(s.beforeDue) ? s.beforeDue : [], afterDue: Array.isArray(s.afterDue) ? s.afterDue : [] };
}

/**
 * The step of a schedule an invoice has reached today: before its due date the nearest
 * `before:N` whose day has come, from its due date on the furthest `after:N`. Only that step
 * goes (an invoice found 40 days late is reminded once, not for every step it missed).
 */
export function stepReached(schedule: Schedule, dueDate: Date, today: string): string | null {
  const late = Math.round((Date.parse(`${today}T00:00:00Z`) - dueDate.getTime()) / 86_400_000);
  if (late < 0) {
    const before = schedule.beforeDue.filter((n) => n >= -late);
    return before.length ? `before:${Math.min(...before)}` : null;
  }
  const after = schedule.afterDue.filter((n) => n <= late);
  return after.length ? `after:${Math.max(...after)}` : null;
}

/**
 * The scheduled reminders of one organization due now (a standing job, run every hour): one
 * message per customer naming each invoice whose step has come and not gone; each step of each
 * invoice once, ever. A customer's own schedule overrides the organization's; `false` is none.
 */
export async function runSchedule({ db, clock, senders, orgId }: { db: Db; clock: Clock; senders: Senders; orgId: number }): Promise<PlannedReminder[]> {
  const org = await db.organization.findUnique({ where: { id: orgId }, select: { reminders: true } });
  if (!org) return [];
  const now = clock();
  const customers = await db.customer.findMany({
    where: { orgId },
    select: { id: true, key: true, name: true, currency: true, timezone: true, quietStart: true, quietEnd: true, reminders: true },
    orderBy: { id: 'asc' },
  });
  const planned: PlannedReminder[] = [];
  for (const customer of customers) {
    const schedule = customer.reminders === false ? null : scheduleOf(customer.reminders) ?? scheduleOf(org.reminders);
    if (!schedule) continue;
    const today = dayIn(customer.timezone, now);
    const invoices = await db.invoice.findMany({
      where: { customerId: customer.id, kind: 'invoice', state: 'sent', balance: { gt: 0n }, dueDate: { not: null } },
      select: { id: true, number: true, balance: true, dueDate: true },
      orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
    });
    const reached = invoices.flatMap((i) => {
      const step = stepReached(schedule, i.dueDate!, today);
      return step ? [{ ...i, step }] : [];
    });
    if (!reached.length) continue;
    const sent = await db.reminderItem.findMany({ where: { OR: reached.map((i) => ({ invoiceId: i.id, step: i.step })) }, select: { invoiceId: true } });
    const gone = new Set(sent.map((s) => s.invoiceId));
    const notSent = reached.filter((i) => !gone.has(i.id));
    // A paused invoice's step is not used up: it goes when the pause ends, if still reached.
    const paused = await pausedInvoices(db, customer.id, notSent, today, now);
    const due = notSent.filter((i) => !paused.has(i.id));
    if (due.length) planned.push(await planOne({ db, now, senders, dryRun: false }, customer, 'schedule', due));
  }
  return planned;
}
