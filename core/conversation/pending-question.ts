import type { Db } from '../db/open-database';
import { batched, perDatabase, sqlOf, type Statement } from '../db/sql';
import type { DocumentMatch } from '../portal/resolve-reference';
import type { ParsedIntent } from './parser';

const LIFETIME_MS = 15 * 60_000;

/**
 * What the portal is waiting for: a pick among documents, a reference, a yes, or "more".
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
  /** "I already paid" (a PaymentClaim's id): the next message that is no new request is its reference. */
  claim?: number;
  /** The customer's own words, kept while a dispute asks which invoice. */
  said?: string;
  /** A list was shown up to here: "more" shows `intent`'s list from this position on. */
  list?: number;
  /** The invoice just shown: "I'll pay it on Friday", "pay it", "that's wrong" are about it. */
  about?: string;
}

/** The question still waiting, from the row read with the identity; expired ones are none. */
export function livePendingQuestion(row: { question: unknown; expiresAt: Date } | null, now: Date): PendingQuestion | null {
  if (!row || row.expiresAt <= now) return null;
  return row.question as PendingQuestion;
}

/** $1–$3: questions to ask (identity, question, expiry); $4: identities whose question is withdrawn. */
const SAVE: Statement = {
  name: 'save_pending_questions',
  text: `
    WITH withdrawn AS (DELETE FROM "PendingQuestion" WHERE "identityId" = ANY($4::int[]))
    INSERT INTO "PendingQuestion" ("identityId", question, "expiresAt")
    SELECT id, question::jsonb, "expiresAt" FROM unnest($1::int[], $2::text[], $3::timestamp[]) AS q(id, question, "expiresAt")
    ON CONFLICT ("identityId") DO UPDATE SET question = EXCLUDED.question, "expiresAt" = EXCLUDED."expiresAt"`,
};

type Save = { identityId: number; question: PendingQuestion | null; now: Date };

/** Questions saved together, in one statement (see `batched`); an identity's last one wins. */
const saveBatch = perDatabase((db) => batched(async (saves: Save[]) => {
  const last = new Map(saves.map((save) => [save.identityId, save]));
  const asked = [...last.values()].filter((save) => save.question);
  const withdrawn = [...last.values()].filter((save) => !save.question).map((save) => save.identityId);
  await sqlOf(db).query(SAVE, [
    asked.map((save) => save.identityId), asked.map((save) => JSON.stringify(save.question)),
    asked.map((save) => new Date(save.now.getTime() + LIFETIME_MS).toISOString()), withdrawn,
  ]);
  return saves.map(() => undefined);
}));

/** Asks (or, with null, withdraws) the question the next message is read against. */
export function savePendingQuestion(db: Db, identityId: number, question: PendingQuestion | null, now: Date): Promise<void> {
  return saveBatch(db)({ identityId, question, now });
}
