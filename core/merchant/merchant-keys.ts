import crypto from 'node:crypto';
import type { Db } from '../db/open-database';
import type { Prisma } from '../db/generated/client';
import { AppError } from '../errors';

/** Who an admin request acts for: every organization (the operator's ADMIN_API_KEY), or one. */
export type AdminScope = { all: true } | { all: false; orgId: number; orgKey: string };

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * A new key for organization `org`, shown once: `mk_<prefix>_<secret>`. The organization's
 * webhook signing secret is made with its first key and stays the same afterwards.
 */
export async function createMerchantKey(db: Db, { org, label }: { org: string; label?: string }): Promise<{ key: string; prefix: string; webhookSecret: string }> {
  const organization = await db.organization.findUnique({ where: { key: org }, select: { id: true, webhookSecret: true } });
  if (!organization) throw new AppError('not_found', `no organization "${org}": import it first (npm run -s import -- FILE.json)`);
  const prefix = crypto.randomBytes(6).toString('hex');
  const key = `mk_${prefix}_${crypto.randomBytes(32).toString('base64url')}`;
  return db.$transaction(async (tx) => {
    const webhookSecret = await ensureWebhookSecret(tx, organization.id);
    await tx.merchantKey.create({ data: { orgId: organization.id, prefix, keyHash: sha256(key), label: label?.slice(0, 200) } });
    return { key, prefix, webhookSecret };
  });
}

/** The organization's webhook signing secret, made the first time it is needed and the same afterwards. */
export async function ensureWebhookSecret(db: Db | Prisma.TransactionClient, orgId: number): Promise<string> {
  await db.organization.updateMany({ where: { id: orgId, webhookSecret: null }, data: { webhookSecret: `whsec_${crypto.randomBytes(32).toString('base64url')}` } });
  const { webhookSecret } = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { webhookSecret: true } });
  return webhookSecret!;
}

/** Ends the key whose prefix (the part after "mk_") this is; false when no live key has it. */
export async function revokeMerchantKey(db: Db, prefix: string): Promise<boolean> {
  const { count } = await db.merchantKey.updateMany({ where: { prefix: prefix.replace(/^mk_/, '').replace(/_.*$/, ''), revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0;
}

/**
 * The scope of a bearer key, or null for a missing, wrong or revoked one (all refused alike).
 * Operator keys are compared in constant time; a merchant key is found by its hash.
 */
export async function authorizeAdmin(db: Db, bearer: string, operatorKeys: Array<string | undefined>): Promise<AdminScope | null> {
  const given = Buffer.from(sha256(bearer));
  const operator = operatorKeys.map((key) => Boolean(key) && crypto.timingSafeEqual(given, Buffer.from(sha256(key!))));
  if (operator.includes(true)) return { all: true };
  if (!/^mk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/.test(bearer)) return null;
  const found = await db.merchantKey.findUnique({ where: { keyHash: sha256(bearer) }, select: { revokedAt: true, org: { select: { id: true, key: true } } } });
  if (!found || found.revokedAt) return null;
  return { all: false, orgId: found.org.id, orgKey: found.org.key };
}

/** The organization a request acts for: a merchant key's own, or the one an operator names. */
export function orgOf(scope: AdminScope, request: { org?: string }): string {
  if (scope.all) {
    if (!request.org) throw new AppError('bad_request', 'org: required with the operator key (ADMIN_API_KEY)');
    return request.org;
  }
  if (request.org !== undefined && request.org !== scope.orgKey) throw new AppError('not_allowed', `org: this key acts for organization "${scope.orgKey}" only`);
  return scope.orgKey;
}
