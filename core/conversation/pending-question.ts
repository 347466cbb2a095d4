import type { Db } from '../db/open-database';
import { sqlOf, type Statement } from '../db/sql';
import type { DocumentMatch } from '../portal/resolve-reference';
import type { ParsedIntent } from './parser';

const LIFETIME_MS = 15 * 60_000;

/**
 * What the portal is waiting for: a pick among documents, a reference, or a yes.
 * `intent` is the request to carry out once the answer comes.
 */
export interface PendingQuestion {
  intent: ParsedIntent;
  /** The documents offered; the answer picks one by position or number. */
  options?: DocumentMatch[];
  /** A reference is missing: any reference typed next completes the request. */
  needsRef?: boolean;
  /** A yes carries out `intent` as it stands. */
  confirm?: boolean;
}

/** The question still waiting, from the row read with the identity; expired ones are none. */
export function livePendingQuestion(row: { question: unknown; expiresAt: Date } | null, now: Date): PendingQuestion | null {
  if (!row || row.expiresAt <= now) return null;
  return row.question as PendingQuestion;
}

const SAVE: Statement = {
  name: 'save_pending_question',
  text: `
    INSERT INTO "PendingQuestion" ("identityId", question, "expiresAt") VALUES ($1, $2::jsonb, $3::timestamp)
    ON CONFLICT ("identityId") DO UPDATE SET question = EXCLUDED.question, "expiresAt" = EXCLUDED."expiresAt"`,
};
const FORGET: Statement = { name: 'forget_pending_question', text: 'DELETE FROM "PendingQuestion" WHERE "identityId" = $1' };

/** Asks (or, with null, withdraws) the question the next message is read against. */
export async function savePendingQuestion(db: Db, identityId: number, question: PendingQuestion | null, now: Date): Promise<void> {
  if (!question) await sqlOf(db).query(FORGET, [identityId]);
  else await sqlOf(db).query(SAVE, [identityId, JSON.stringify(question), new Date(now.getTime() + LIFETIME_MS).toISOString()]);
}
