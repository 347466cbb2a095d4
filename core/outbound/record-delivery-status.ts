import type { Channel } from '../channels';
import type { Db } from '../db/open-database';

/** Later statuses outrank earlier ones; callbacks arrive out of order, so only a step forward is kept. */
const RANK: Record<string, number> = {
  accepted: 1, scheduled: 1, queued: 2, sending: 3, sent: 4, failed: 5, undelivered: 5, delivered: 6, receiving: 6, received: 6, read: 7, canceled: 5,
};

export async function recordDeliveryStatus(db: Db, update: { channel: Channel; providerId: string; to: string; status: string; errorCode?: string }): Promise<void> {
  const statusRank = RANK[update.status] ?? 0;
  await db.$executeRaw`
    INSERT INTO "OutboundMessage" (channel, "providerId", "to", status, "statusRank", "errorCode", "updatedAt")
    VALUES (${update.channel}::"Channel", ${update.providerId}, ${update.to}, ${update.status}, ${statusRank}, ${update.errorCode ?? null}, now())
    ON CONFLICT ("providerId") DO UPDATE SET status = EXCLUDED.status, "statusRank" = EXCLUDED."statusRank",
      "errorCode" = COALESCE(EXCLUDED."errorCode", "OutboundMessage"."errorCode"), "updatedAt" = now()
    WHERE "OutboundMessage"."statusRank" < EXCLUDED."statusRank"`;
}
