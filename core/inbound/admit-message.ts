import crypto from 'node:crypto';
import type { Db } from '../db/open-database';
import { INSTANCE_LOCK_CLASS } from '../db/instance';
import { batched, perDatabase, sqlOf, type Statement } from '../db/sql';
import { countHit, countsSeen, windowOf, type Counted, type Hit, type RateRule } from './rate-counter';

/**
 * 'new': take it and answer it. 'duplicate': this message was answered, or another live
 * process is answering it now. 'limited': over a limit until `until`; `first` for the first
 * message over it in its window.
 */
export type Admission = { kind: 'new' } | { kind: 'duplicate' } | { kind: 'limited'; first: boolean; until: Date };

/**
 * Per identity, and per source for identities not linked to a customer: a phone number's range
 * (SMS pumping sends from many numbers of one range, each under its own limit), or the network
 * address a console session writes from (a crowd of fresh sessions). A linked customer is
 * limited by its own messages only, never by its neighbours'.
 */
export interface RateLimits {
  perIdentityPerMinute: number;
  perPrefixPerMinute: number;
}

const DEFAULT_LIMITS: RateLimits = { perIdentityPerMinute: 20, perPrefixPerMinute: 60 };
const MINUTE = 60_000;

/**
 * Receipts for one batch of messages ($1 channels, $2 ids, $3 addresses) taken by instance $4:
 * new ones inserted; one taken before but never answered is taken again when the process that
 * took it is gone (its instance lock, class $5, is no longer held). Each identity's counter
 * ($6 message position, $7 key, $8 window) counts messages taken for the first time. Rows: the
 * messages taken (whether for the first time, whether linked), then each counter's total.
 */
const ADMIT: Statement = {
  name: 'admit_messages',
  text: `
    WITH message AS (
      SELECT channel::"Channel", "messageId", address, n FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS m(channel, "messageId", address, n)
    ), taken AS (
      INSERT INTO "InboundReceipt" (channel, "messageId", instance) SELECT channel, "messageId", $4 FROM message
      ON CONFLICT (channel, "messageId") DO UPDATE SET instance = EXCLUDED.instance
      WHERE "InboundReceipt"."answeredAt" IS NULL AND "InboundReceipt".instance <> EXCLUDED.instance
        AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                        AND l.classid = $5::int::oid AND l.objid = "InboundReceipt".instance::oid)
      RETURNING channel, "messageId", (xmax = 0) AS fresh
    ), hits AS (
      SELECT r.key, r."windowStart", COUNT(*)::int AS n
      FROM unnest($6::int[], $7::text[], $8::timestamp[]) AS r(n, key, "windowStart")
      JOIN message m ON m.n = r.n JOIN taken t ON t.channel = m.channel AND t."messageId" = m."messageId" AND t.fresh
      GROUP BY r.key, r."windowStart"
    ), counted AS (
      INSERT INTO "RateCounter" (key, "windowStart", count) SELECT key, "windowStart", n FROM hits
      ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateCounter".count + EXCLUDED.count
      RETURNING key, "windowStart", count
    )
    SELECT m.n, t.fresh, (i."contactId" IS NOT NULL) AS linked, NULL AS key, NULL::timestamp AS "windowStart", NULL::int AS count
    FROM taken t JOIN message m ON m.channel = t.channel AND m."messageId" = t."messageId"
    LEFT JOIN "ChannelIdentity" i ON i.channel = m.channel AND i.address = m.address
    UNION ALL SELECT NULL, NULL, NULL, key, "windowStart", count FROM counted`,
};

interface Arrival {
  channel: string;
  messageId: string;
  address: string;
  source?: string;
  limits: RateLimits;
  now: Date;
}

function limited(hit: Hit, seen: number): Admission | null {
  const past = seen - hit.rule.limit;
  if (past <= 0) return null;
  return { kind: 'limited', first: past === 1, until: new Date(hit.window.getTime() + hit.rule.windowMs) };
}

/** Messages arriving together, taken and counted in one statement (see `batched`). */
const admitBatch = perDatabase((db) => batched(async (arrivals: Arrival[]): Promise<Admission[]> => {
  // The same delivery twice in one batch: the first is taken, the second is its duplicate.
  const seen = new Set<string>();
  const repeat = arrivals.map((a) => seen.size === seen.add(`${a.channel}:${a.messageId}`).size);
  const unique = arrivals.filter((_, i) => !repeat[i]);
  const identityHits: Hit[] = unique.map((a) => {
    const rule = identityRule(a.channel, a.address, a.limits);
    return { rule, window: windowOf(rule, a.now) };
  });
  const runner = sqlOf(db);
  const rows = await runner.query<Counted & { n: bigint | null; fresh: boolean | null; linked: boolean | null }>(ADMIT, [
    unique.map((a) => a.channel), unique.map((a) => a.messageId), unique.map((a) => a.address), runner.instance, INSTANCE_LOCK_CLASS,
    unique.map((_, i) => i + 1), identityHits.map((h) => h.rule.key), identityHits.map((h) => h.window.toISOString()),
  ]);
  const taken = new Map(rows.filter((r) => r.n !== null).map((r) => [Number(r.n) - 1, r]));
  const counts = countsSeen(unique.map((_, i) => (taken.get(i)?.fresh ? identityHits[i] : null)), rows);
  const admissions = unique.map((_, i): Admission => {
    const row = taken.get(i);
    if (!row) return { kind: 'duplicate' };
    return (row.fresh && limited(identityHits[i], counts[i]!)) || { kind: 'new' };
  });
  // Unlinked identities within their own limit count against their source too.
  await Promise.all(unique.map(async (a, i) => {
    const rule = sourceRule(a, a.limits);
    if (!rule || admissions[i].kind !== 'new' || !taken.get(i)!.fresh || taken.get(i)!.linked) return;
    // The message is taken already: a count that fails lets it through rather than lose it.
    const counted = await countHit(db, rule, a.now).catch(() => null);
    if (counted?.over) admissions[i] = { kind: 'limited', first: counted.first, until: counted.until };
  }));
  let next = 0;
  return arrivals.map((_, i) => (repeat[i] ? { kind: 'duplicate' } : admissions[next++]));
}));

/**
 * Takes an inbound message once and counts it against its limits, in one round trip to the
 * shared database under load (every server process sees the same receipts and counts).
 */
export function admitMessage(db: Db, message: { channel: string; messageId: string; address: string; source?: string }, limits: RateLimits = DEFAULT_LIMITS, now: Date): Promise<Admission> {
  // A message without an id of its own cannot be recognised again: take it as new.
  return admitBatch(db)({ ...message, messageId: message.messageId || crypto.randomUUID(), limits, now });
}

function identityRule(channel: string, address: string, limits: RateLimits): RateRule {
  return { key: `id:${channel}:${address}`, limit: limits.perIdentityPerMinute, windowMs: MINUTE };
}

function sourceRule({ channel, address, source }: Pick<Arrival, 'channel' | 'address' | 'source'>, limits: RateLimits): RateRule | null {
  if (channel === 'web' && source) return { key: `source:web:${source}`, limit: limits.perPrefixPerMinute, windowMs: MINUTE };
  if ((channel !== 'sms' && channel !== 'whatsapp') || !address.startsWith('+')) return null;
  return { key: `prefix:${channel}:${address.slice(0, Math.max(5, address.length - 4))}`, limit: limits.perPrefixPerMinute, windowMs: MINUTE };
}
