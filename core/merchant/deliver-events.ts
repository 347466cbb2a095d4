import crypto from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db/db';
import { DELIVER_EVENTS, destinationsOf, type Destination, type Notify } from '../events/record-event';
import type { ClaimedJob, JobHandler, JobOutcome } from '../jobs/job-runner';
import type { AddressSender } from '../outbound/address-sender';
import { ensureWebhookSecret } from './merchant-keys';

/**
 * Delivers one organization's events to one destination, in order, each at least once: the
 * job `events:<org>:<destination>` (one per stream, so only one process delivers a stream at a
 * time) sends what lies beyond `EventDelivery.delivered` and moves it on after each success. A
 * failure ends the run and the job runner retries with backoff; an event still failing a day
 * after it happened is given up (merchant.md: retries up to 24 hours) so the next can go.
 */

const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
const DIGEST_EVERY_MS = 60 * 60_000;
const BATCH = 50;
/** A run hands over at most this many events, then lets other streams have the worker. */
const PER_RUN = 500;

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  /** Slack channel messages and e-mail; undefined when neither is set up. */
  sender?: AddressSender;
  log: { warn(obj: object, msg?: string): void };
  webhookTimeoutMs?: number;
}

type EventRow = { id: string; seq: number; type: string; message: string; data: unknown; createdAt: Date; customerId: number | null };
type Org = { id: number; key: string; name: string; notify: unknown };

/** `Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` */
export function portalSignature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export function webhookBody(org: { key: string }, event: EventRow): string {
  return JSON.stringify({ id: event.id, type: event.type, created: event.createdAt.toISOString(), organization: org.key, data: event.data });
}

export function eventDeliveryHandlers(deps: DeliveryDeps): Record<string, JobHandler> {
  return { [DELIVER_EVENTS]: (job) => deliver(deps, job) };
}

async function deliver(deps: DeliveryDeps, job: ClaimedJob): Promise<JobOutcome> {
  const { orgId, destination } = job.payload as { orgId: number; destination: Destination };
  const { db } = deps;
  const org = await db.organization.findUnique({ where: { id: orgId }, select: { id: true, key: true, name: true, notify: true } });
  // A destination the merchant has since removed: nothing to do until it is set again.
  if (!org || !destinationsOf(org.notify).includes(destination)) return 'idle';
  const state = await db.eventDelivery.upsert({
    where: { orgId_destination: { orgId, destination } }, create: { orgId, destination }, update: {},
  });
  if (destination === 'email') return sendDigest(deps, org, state);
  const send = destination === 'webhook' ? await webhookSender(deps, org) : slackSender(deps, org);
  let delivered = state.delivered;
  for (let sent = 0; sent < PER_RUN;) {
    const events = await nextEvents(db, orgId, delivered, BATCH);
    if (!events.length) return 'idle';
    for (const event of events) {
      try {
        await withQuickRetries(() => send(event));
      } catch (err) {
        const now = deps.clock();
        const reason = String((err as Error)?.message ?? err).slice(0, 300);
        if (now.getTime() - event.createdAt.getTime() < GIVE_UP_AFTER_MS) {
          await db.eventDelivery.update({
            where: { orgId_destination: { orgId, destination } },
            data: { failingSince: state.failingSince ?? now, lastError: reason },
          });
          // Events went through in this run: the receiver is up, try again soon; else back off.
          if (sent > 0) return { at: new Date(now.getTime() + 1_000) };
          throw err;
        }
        deps.log.warn({ err, orgId, destination, event: event.id }, 'event given up after 24 hours of failed deliveries');
      }
      delivered = event.seq;
      await db.eventDelivery.update({ where: { orgId_destination: { orgId, destination } }, data: { delivered, failingSince: null, lastError: null } });
      sent += 1;
    }
  }
  return { at: deps.clock() };
}

/** A blip (one refused connection, one 503) is tried again at once, twice, before the run gives way to the backoff. */
async function withQuickRetries(send: () => Promise<void>): Promise<void> {
  for (const pause of [50, 250]) {
    try {
      return await send();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
  await send();
}

async function nextEvents(db: Db, orgId: number, after: number, take: number): Promise<EventRow[]> {
  return db.event.findMany({
    where: { orgId, seq: { gt: after } }, orderBy: { seq: 'asc' }, take,
    select: { id: true, seq: true, type: true, message: true, data: true, createdAt: true, customerId: true },
  });
}

async function webhookSender(deps: DeliveryDeps, org: Org): Promise<(event: EventRow) => Promise<void>> {
  const url = (org.notify as Notify).webhookUrl!;
  const secret = await ensureWebhookSecret(deps.db, org.id);
  return async (event) => {
    const body = webhookBody(org, event);
    const res = await fetch(url, {
      method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(deps.webhookTimeoutMs ?? 10_000),
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'chat-portal-webhooks/1', 'Portal-Signature': portalSignature(secret, body, deps.clock()) },
      body,
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.status < 200 || res.status > 299) throw new Error(`the webhook answered ${res.status}`);
  };
}

function slackSender(deps: DeliveryDeps, org: Org): (event: EventRow) => Promise<void> {
  const channel = (org.notify as Notify).slackChannel!;
  return async (event) => {
    if (!deps.sender?.reaches.slack) throw new Error('Slack is not set up (SLACK_BOT_TOKEN)');
    await deps.sender.send({ slackChannel: channel }, { subject: event.type, text: event.message });
  };
}

/** At most one e-mail an hour, listing every event since the last one. */
async function sendDigest(deps: DeliveryDeps, org: Org, state: { delivered: number; lastSentAt: Date | null }): Promise<JobOutcome> {
  const now = deps.clock();
  if (state.lastSentAt && now.getTime() - state.lastSentAt.getTime() < DIGEST_EVERY_MS) {
    return { at: new Date(state.lastSentAt.getTime() + DIGEST_EVERY_MS) };
  }
  const events = await nextEvents(deps.db, org.id, state.delivered, 1_000);
  if (!events.length) return 'idle';
  if (!deps.sender?.reaches.email) throw new Error('e-mail is not set up (SMTP_URL)');
  const lines = events.map((e) => `${e.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC  ${e.message}`);
  await deps.sender.send({ email: (org.notify as Notify).email! }, {
    subject: `${org.name}: ${events.length} update${events.length === 1 ? '' : 's'} from the customer portal`,
    text: `What your customers did in the portal since the last update:\n\n${lines.join('\n')}\n`,
  });
  await deps.db.eventDelivery.update({
    where: { orgId_destination: { orgId: org.id, destination: 'email' } },
    data: { delivered: events.at(-1)!.seq, lastSentAt: now, failingSince: null, lastError: null },
  });
  return { at: new Date(now.getTime() + DIGEST_EVERY_MS) };
}
