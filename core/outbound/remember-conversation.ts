import type { Prisma } from '../db/generated/client';
import type { Channel } from '../channels';
import type { Db } from '../db/open-database';

/**
 * Keeps what a channel needs to reach an identity later without a message from it (a Teams
 * conversation reference, a Slack DM channel), for the merchant's reminders.
 */
export async function rememberConversation(db: Db, channel: Channel, address: string, conversationRef: Prisma.InputJsonValue): Promise<void> {
  await db.channelIdentity.upsert({
    where: { channel_address: { channel, address } },
    create: { channel, address, conversationRef },
    update: { conversationRef },
  });
}

/** What was remembered for an identity, or null when it never wrote from a place we can reach back. */
export async function recallConversation(db: Db, channel: Channel, address: string): Promise<Record<string, unknown> | null> {
  const row = await db.channelIdentity.findUnique({ where: { channel_address: { channel, address } }, select: { conversationRef: true } });
  const ref = row?.conversationRef;
  return ref && typeof ref === 'object' && !Array.isArray(ref) ? (ref as Record<string, unknown>) : null;
}
