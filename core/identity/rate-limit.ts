import crypto from 'node:crypto';
import type { Db } from '../db/open-database';
import { sqlOf, type Statement } from '../db/sql';

export interface RateRule {
  key: string;
  limit: number;
  windowMs: number;
}

const ADMIT: Statement = {
  name: 'admit_message',
  text: `
    WITH claimed AS (
      INSERT INTO "InboundReceipt" (channel, "messageId") VALUES ($1::"Channel", $2)
      ON CONFLICT (channel, "messageId") DO NOTHING RETURNING id
    ), counted AS (
      INSERT INTO "RateCounter" (key, "windowStart", count)
      SELECT key, "windowStart", 1 FROM unnest($3::text[], $4::timestamp[]) AS v(key, "windowStart") WHERE EXISTS (SELECT 1 FROM claimed)
      ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateCounter".count + 1
      RETURNING key, count
    )
    SELECT EXISTS (SELECT 1 FROM claimed) AS claimed, (SELECT json_object_agg(key, count) FROM counted) AS counts`,
};

/**
 * Takes an inbound message once and counts it against each rule, in one round trip to the
 * shared database (every server process sees the same counts). 'duplicate': this message id
 * was taken before; 'first': the first message over a limit (answer it briefly, once);
 * 'over': past that (answer nothing: a flood should cost nothing); 'ok' otherwise.
 */
export async function admitMessage(db: Db, message: { channel: string; messageId: string }, rules: RateRule[], now: Date): Promise<'ok' | 'duplicate' | 'first' | 'over'> {
  // A message without an id of its own cannot be recognised again: take it as new.
  const messageId = message.messageId || crypto.randomUUID();
  const windows = rules.map((rule) => new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs).toISOString());
  const [result] = await sqlOf(db).query<{ claimed: boolean; counts: Record<string, number> | null }>(ADMIT, [message.channel, messageId, rules.map((r) => r.key), windows]);
  if (!result.claimed) return 'duplicate';
  const past = rules.map((rule) => (result.counts?.[rule.key] ?? 0) - rule.limit);
  if (past.some((n) => n > 1)) return 'over';
  if (past.some((n) => n === 1)) return 'first';
  return 'ok';
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
