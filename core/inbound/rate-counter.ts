import type { Db } from '../db/open-database';
import { batched, perDatabase, sqlOf, type Statement } from '../db/sql';

/** A limit: at most `limit` hits on `key` in each window of `windowMs` (windows start at multiples of it). */
export interface RateRule {
  key: string;
  limit: number;
  windowMs: number;
}

export type Hit = { rule: RateRule; window: Date };
export type Counted = { key: string | null; windowStart: Date | null; count: number | null };

export const windowOf = (rule: RateRule, now: Date) => new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
const slotOf = (key: string, window: Date) => `${key}@${window.getTime()}`;

/** Counters hit ($1 keys, $2 windows): each row is one hit; the totals come back. */
const COUNT: Statement = {
  name: 'count_rate',
  text: `
    INSERT INTO "RateCounter" (key, "windowStart", count)
    SELECT key, "windowStart", COUNT(*)::int FROM unnest($1::text[], $2::timestamp[]) AS r(key, "windowStart") GROUP BY key, "windowStart"
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateCounter".count + EXCLUDED.count
    RETURNING key, "windowStart", count`,
};

/**
 * Each counter's total after a batch, handed out to the batch's hits in arrival order: the
 * count each hit saw, so that exactly `limit` hits of a window pass.
 */
export function countsSeen(hits: Array<Hit | null>, rows: Counted[]): Array<number | null> {
  const total = new Map(rows.filter((r) => r.key !== null).map((r) => [slotOf(r.key!, r.windowStart!), r.count!]));
  for (const hit of hits) if (hit) total.set(slotOf(hit.rule.key, hit.window), total.get(slotOf(hit.rule.key, hit.window))! - 1);
  return hits.map((hit) => {
    if (!hit) return null;
    const slot = slotOf(hit.rule.key, hit.window);
    total.set(slot, total.get(slot)! + 1);
    return total.get(slot)!;
  });
}

const countBatch = perDatabase((db) => batched(async (hits: Hit[]): Promise<number[]> => {
  const rows = await sqlOf(db).query<Counted>(COUNT, [hits.map((h) => h.rule.key), hits.map((h) => h.window.toISOString())]);
  return countsSeen(hits, rows) as number[];
}));

/**
 * Counts one hit on a rule, shared by every server process: `over` once the hits of this
 * window pass the limit (`first` for the first one past it), and when the window ends.
 */
export async function countHit(db: Db, rule: RateRule, now: Date): Promise<{ over: boolean; first: boolean; until: Date }> {
  const window = windowOf(rule, now);
  const seen = await countBatch(db)({ rule, window });
  return { over: seen > rule.limit, first: seen === rule.limit + 1, until: new Date(window.getTime() + rule.windowMs) };
}

/** The hits of the current window, without counting one. */
export async function hitsSoFar(db: Db, rule: RateRule, now: Date): Promise<number> {
  const row = await db.rateCounter.findUnique({ where: { key_windowStart: { key: rule.key, windowStart: windowOf(rule, now) } }, select: { count: true } });
  return row?.count ?? 0;
}
