import type { Db } from '../db/open-database';

export interface RateRule {
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * Counts this message against each rule in the shared database (so every server process
 * sees the same counts). Returns 'ok', 'first' for the first message over a limit (answer
 * it briefly once) or 'over' (answer nothing: a flood should cost nothing).
 */
export async function countMessage(db: Db, rules: RateRule[], now: Date): Promise<'ok' | 'first' | 'over'> {
  let verdict: 'ok' | 'first' | 'over' = 'ok';
  for (const rule of rules) {
    const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
    const [{ count }] = await db.$queryRaw<[{ count: number }]>`
      INSERT INTO "RateCounter" (key, "windowStart", count) VALUES (${rule.key}, ${windowStart}, 1)
      ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateCounter".count + 1
      RETURNING count`;
    if (count === rule.limit + 1 && verdict === 'ok') verdict = 'first';
    else if (count > rule.limit + 1) verdict = 'over';
  }
  return verdict;
}

/**
 * Per identity, and per number prefix for phone channels: SMS pumping sends from many
 * numbers of one range, each of which stays under its own limit.
 */
export interface RateLimits {
  perIdentityPerMinute: number;
  perPrefixPerMinute: number;
}

export const DEFAULT_LIMITS: RateLimits = { perIdentityPerMinute: 20, perPrefixPerMinute: 60 };

export function messageRules(channel: string, address: string, limits: RateLimits = DEFAULT_LIMITS): RateRule[] {
  const rules: RateRule[] = [{ key: `id:${channel}:${address}`, limit: limits.perIdentityPerMinute, windowMs: 60_000 }];
  if ((channel === 'sms' || channel === 'whatsapp') && address.startsWith('+')) {
    rules.push({ key: `prefix:${channel}:${address.slice(0, Math.max(5, address.length - 4))}`, limit: limits.perPrefixPerMinute, windowMs: 60_000 });
  }
  return rules;
}
