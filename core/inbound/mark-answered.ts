import type { Db } from '../db/open-database';
import { batched, perDatabase, sqlOf, type Statement } from '../db/sql';

/** $1 channels, $2 message ids: these messages' answers have left. */
const ANSWERED: Statement = {
  name: 'mark_answered',
  text: `
    UPDATE "InboundReceipt" r SET "answeredAt" = now()
    FROM unnest($1::text[], $2::text[]) AS m(channel, "messageId")
    WHERE r.channel = m.channel::"Channel" AND r."messageId" = m."messageId" AND r."answeredAt" IS NULL`,
};

const markBatch = perDatabase((db) => batched(async (messages: Array<{ channel: string; messageId: string }>) => {
  await sqlOf(db).query(ANSWERED, [messages.map((m) => m.channel), messages.map((m) => m.messageId)]);
  return messages.map(() => undefined);
}));

/**
 * Records that a taken message was answered: from now on a retry of it is a duplicate. Until
 * then, a retry after the process that took it died is answered again (admit-message.ts).
 * Call it once the answer has left (written to the provider, posted), not before.
 */
export async function markAnswered(db: Db, message: { channel: string; messageId: string }): Promise<void> {
  if (message.messageId) await markBatch(db)(message);
}
