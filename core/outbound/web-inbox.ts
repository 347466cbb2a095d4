import type { Db } from '../db/db';
import type { Prisma } from '../db/generated/client';
import type { Reply } from '../replies/reply';
import type { OutboundSender } from './outbound-sender';

/** Unread messages kept per console session; older ones give way. */
const KEEP = 20;

/**
 * Messages for web console sessions that nobody asked for just now (the receipt after the
 * sandbox checkout), kept in the database until the page next asks — by whichever server
 * process it asks — so they outlive a restart and work behind several processes.
 */
export function createWebInbox(db: Db): OutboundSender & { take(sessionId: string): Promise<Reply[]> } {
  return {
    async send(to, reply) {
      await db.webInboxMessage.create({ data: { sessionId: to.address, reply: reply as unknown as Prisma.InputJsonValue } });
      await db.$executeRaw`
        DELETE FROM "WebInboxMessage" WHERE "sessionId" = ${to.address}
          AND id NOT IN (SELECT id FROM "WebInboxMessage" WHERE "sessionId" = ${to.address} ORDER BY id DESC LIMIT ${KEEP})`;
    },
    async take(sessionId) {
      const rows = await db.$queryRaw<Array<{ id: number; reply: unknown }>>`
        DELETE FROM "WebInboxMessage" WHERE "sessionId" = ${sessionId} RETURNING id, reply`;
      return rows.sort((a, b) => a.id - b.id).map((r) => r.reply as Reply);
    },
  };
}
