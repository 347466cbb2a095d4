import crypto from 'node:crypto';
import type { Db } from '../db/open-database';
import { batched, perDatabase, sqlOf, type Statement } from '../db/sql';

export interface RateRule {
  key: string;
  limit: number;
  windowMs: number;
}

type Verdict = 'ok' | 'duplicate' | 'first' | 'over';

/**
 * Receipts for the messages of one batch ($1 channels, $2 ids), and the counters their rules
 * hit ($3 message position, $4 key, $5 window): only taken messages count. Rows come back as
 * the messages taken, then each counter's total after this batch.
 */
const ADMIT: Statement = {
  name: 'admit_messages',
  text: `
    WITH message AS (
      SELECT channel::"Channel", "messageId", n FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS m(channel, "messageId", n)
    ), taken AS (
      INSERT INTO "InboundReceipt" (channel, "messageId") SELECT channel, "messageId" FROM message
      ON CONFLICT (channel, "messageId") DO NOTHING RETURNING channel, "messageId"
    ), hits AS (
      SELECT r.key, r."windowStart", COUNT(*)::int AS n
      FROM unnest($3::int[], $4::text[], $5::timestamp[]) AS r(n, key, "windowStart")
      JOIN message m ON m.n = r.n JOIN taken t ON t.channel = m.channel AND t."messageId" = m."messageId"
      GROUP BY r.key, r."windowStart"
    ), counted AS (
      INSERT INTO "RateCounter" (key, "windowStart", count) SELECT key, "windowStart", n FROM hits
      ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateCounter".count + EXCLUDED.count
      RETURNING key, "windowStart", count
    )
    SELECT m.n, NULL AS key, NULL::timestamp AS "windowStart", NULL::int AS count FROM taken t JOIN message m ON m.channel = t.channel AND m."messageId" = t."messageId"
    UNION ALL SELECT NULL, key, "windowStart", count FROM counted`,
};

interface Arrival {
  channel: string;
  messageId: string;
  rules: RateRule[];
  now: Date;
}

const windowOf = (rule: RateRule, now: Date) => new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
const slotOf = (key: string, window: Date) => `${key}@${window.getTime()}`;

/** Messages arriving together, taken and counted in one statement (see `batched`). */
const admitBatch = perDatabase((db) => batched(async (arrivals: Arrival[]): Promise<Verdict[]> => {
  // The same delivery twice in one batch: the first is taken, the second is its duplicate.
  const seen = new Set<string>();
  const repeat = arrivals.map((a) => seen.size === seen.add(`${a.channel}:${a.messageId}`).size);
  const hits = arrivals.flatMap((a, i) => (repeat[i] ? [] : a.rules.map((rule) => ({ n: i + 1, key: rule.key, window: windowOf(rule, a.now).toISOString() }))));
  const rows = await sqlOf(db).query<{ n: bigint | null; key: string | null; windowStart: Date | null; count: number | null }>(ADMIT, [
    arrivals.map((a) => a.channel), arrivals.map((a) => a.messageId),
    hits.map((h) => h.n), hits.map((h) => h.key), hits.map((h) => h.window),
  ]);
  const taken = new Set(rows.filter((r) => r.n !== null).map((r) => Number(r.n) - 1));
  const slots = arrivals.map((a, i) => (taken.has(i) && !repeat[i] ? a.rules.map((rule) => slotOf(rule.key, windowOf(rule, a.now))) : null));
  // Each counter's total after the batch, handed out to the batch's messages in arrival order.
  const count = new Map(rows.filter((r) => r.key !== null).map((r) => [slotOf(r.key!, r.windowStart!), r.count!]));
  for (const slot of slots.flatMap((s) => s ?? [])) count.set(slot, count.get(slot)! - 1);
  return arrivals.map((a, i) => {
    if (!slots[i]) return 'duplicate';
    const past = slots[i].map((slot, r) => {
      count.set(slot, count.get(slot)! + 1);
      return count.get(slot)! - a.rules[r].limit;
    });
    if (past.some((n) => n > 1)) return 'over';
    if (past.some((n) => n === 1)) return 'first';
    return 'ok';
  });
}));

/**
 * Takes an inbound message once and counts it against each rule, in one round trip to the
 * shared database (every server process sees the same counts). 'duplicate': this message id
 * was taken before; 'first': the first message over a limit (answer it briefly, once);
 * 'over': past that (answer nothing: a flood should cost nothing); 'ok' otherwise.
 */
export function admitMessage(db: Db, message: { channel: string; messageId: string }, rules: RateRule[], now: Date): Promise<Verdict> {
  // A message without an id of its own cannot be recognised again: take it as new.
  return admitBatch(db)({ channel: message.channel, messageId: message.messageId || crypto.randomUUID(), rules, now });
}

/**
 * Per identity, and per number prefix for phone channels: SMS pumping sends from many
 * numbers of one range, each of which stays under its own limit.
 */
export interface RateLimits {
  perIdentityPerMinute: number;
  perPrefixPerMinute: number;
}

const DEFAULT_LIMITS: RateLimits = { perIdentityPerMinute: 20, perPrefixPerMinute: 60 };

export function messageRules(channel: string, address: string, limits: RateLimits = DEFAULT_LIMITS): RateRule[] {
  const rules: RateRule[] = [{ key: `id:${channel}:${address}`, limit: limits.perIdentityPerMinute, windowMs: 60_000 }];
  if ((channel === 'sms' || channel === 'whatsapp') && address.startsWith('+')) {
    rules.push({ key: `prefix:${channel}:${address.slice(0, Math.max(5, address.length - 4))}`, limit: limits.perPrefixPerMinute, windowMs: 60_000 });
  }
  return rules;
}
