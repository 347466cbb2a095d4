import crypto from 'node:crypto';
import type { Prisma } from '../db/generated/client';
import { pokeJob } from '../jobs/job-runner';

/** What the merchant learns (merchant.md "Events to the merchant"). */
export type EventType =
  | 'payment.recorded' | 'payment.failed' | 'invoice.first_viewed' | 'sales_order.first_viewed' | 'contact.added'
  | 'document.received' | 'reminder.sent' | 'reminder.failed' | 'promise.made' | 'dispute.opened' | 'sync.conflict'
  | 'linking.locked' | 'payment.claimed' | 'dispute.resolved';

export const DESTINATIONS = ['webhook', 'slack', 'email'] as const;
export type Destination = (typeof DESTINATIONS)[number];

/** The organization's `notify` as imported. */
export interface Notify {
  webhookUrl?: string;
  slackChannel?: string;
  email?: string;
  slackAdmins?: string[];
}

export const DELIVER_EVENTS = 'deliver-events';

export function deliveryJobKey(orgId: number, destination: Destination): string {
  return `events:${orgId}:${destination}`;
}

export function destinationsOf(notify: unknown): Destination[] {
  const n = (notify ?? {}) as Notify;
  return DESTINATIONS.filter((d) => (d === 'webhook' ? n.webhookUrl : d === 'slack' ? n.slackChannel : n.email));
}

/** Always a transaction's client: the event commits with what caused it, and the organization's row stays locked until then. */
type Tx = Prisma.TransactionClient;

export interface NewEvent {
  type: EventType;
  /** One sentence for a person (Slack, the digest, the desk). */
  message: string;
  data: Prisma.InputJsonValue;
}

/**
 * Records an event in the caller's transaction: it exists if and
 * only if what caused it committed. Its `seq` comes from the organization's row, whose lock is
 * held to the commit, so one organization's events are numbered in commit order and a delivery
 * that has passed `seq` n never finds a smaller one appearing later. Each of the organization's
 * destinations has its delivery job woken in the same transaction.
 */
export async function recordEvent(db: Tx, scope: { orgId: number; customerId?: number | null }, event: NewEvent, now = new Date()): Promise<string> {
  const [org] = await db.$queryRaw<Array<{ seq: number; notify: unknown }>>`
    UPDATE "Organization" SET "lastEventSeq" = "lastEventSeq" + 1 WHERE id = ${scope.orgId} RETURNING "lastEventSeq" AS seq, notify`;
  const id = `evt_${crypto.randomBytes(12).toString('hex')}`;
  await db.event.create({
    data: { id, orgId: scope.orgId, seq: org.seq, type: event.type, customerId: scope.customerId ?? null, message: event.message, data: event.data, createdAt: now },
  });
  for (const destination of destinationsOf(org.notify)) {
    await pokeJob(db, { key: deliveryJobKey(scope.orgId, destination), kind: DELIVER_EVENTS, payload: { orgId: scope.orgId, destination } });
  }
  return id;
}
