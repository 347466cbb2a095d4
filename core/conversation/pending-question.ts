import type { Prisma } from '../db/generated/client';
import type { Db } from '../db/open-database';
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

export async function savePendingQuestion(db: Db, identityId: number, question: PendingQuestion | null, now: Date): Promise<void> {
  if (!question) {
    await db.pendingQuestion.deleteMany({ where: { identityId } });
    return;
  }
  const data = { question: question as unknown as Prisma.InputJsonValue, expiresAt: new Date(now.getTime() + LIFETIME_MS) };
  await db.pendingQuestion.upsert({ where: { identityId }, create: { identityId, ...data }, update: data });
}
