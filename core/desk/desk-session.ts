/**
 * The desk's sign-in (merchant.md "The desk"): a merchant key, once, for a session of 12 hours.
 * The session is a value signed with APP_SECRET — `<key id>.<expiry>.<signature>` — so any server
 * process reads it and nothing is kept in memory; it ends early when its key is revoked. Every
 * change carries a CSRF token derived from the session. Demo mode signs in without a key.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/db';
import { authorizeAdmin } from '../merchant/merchant-keys';

export const SESSION_HOURS = 12;
/** The key id of a demo-mode session (no key in the demo). */
const DEMO_KEY = 0;

export type DeskScope = { orgId: number; orgKey: string; orgName: string; timezone: string; locale: string; currency: string };

const hmac = (secret: string, text: string) => crypto.createHmac('sha256', secret).update(text).digest('base64url');

function sign(secret: string, keyId: number, expires: number): string {
  return `${keyId}.${expires}.${hmac(secret, `desk.${keyId}.${expires}`)}`;
}

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** A session for a merchant key (or, in demo mode, for the first organization), or null for a wrong key. */
export async function signIn({ db, secret, now, demoMode }: { db: Db; secret: string; now: Date; demoMode: boolean }, key: string | null): Promise<string | null> {
  const expires = Math.floor(now.getTime() / 1000) + SESSION_HOURS * 3600;
  if (key === null) return demoMode ? sign(secret, DEMO_KEY, expires) : null;
  const scope = await authorizeAdmin(db, key.trim(), []);
  if (!scope || scope.all) return null;
  const found = await db.merchantKey.findFirst({ where: { orgId: scope.orgId, revokedAt: null, prefix: key.trim().split('_')[1] }, select: { id: true } });
  return found ? sign(secret, found.id, expires) : null;
}

/** The organization a session acts for; null when it is forged, expired, or its key was revoked. */
export async function readSession({ db, secret, now, demoMode }: { db: Db; secret: string; now: Date; demoMode: boolean }, session: string | undefined): Promise<DeskScope | null> {
  const match = /^(\d{1,10})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(session ?? '');
  if (!match) return null;
  const [keyId, expires] = [Number(match[1]), Number(match[2])];
  if (!sameText(sign(secret, keyId, expires), session!) || expires * 1000 <= now.getTime()) return null;
  const select = { id: true, key: true, name: true, timezone: true, locale: true, currency: true } as const;
  const org = keyId === DEMO_KEY
    ? (demoMode ? await db.organization.findFirst({ orderBy: { id: 'asc' }, select }) : null)
    : (await db.merchantKey.findFirst({ where: { id: keyId, revokedAt: null }, select: { org: { select } } }))?.org ?? null;
  return org && { orgId: org.id, orgKey: org.key, orgName: org.name, timezone: org.timezone, locale: org.locale, currency: org.currency };
}

/** The CSRF token every change under /desk must carry, bound to its session. */
export function csrfToken(secret: string, session: string): string {
  return hmac(secret, `desk-csrf.${session}`).slice(0, 32);
}

export function checkCsrf(secret: string, session: string, given: unknown): boolean {
  return typeof given === 'string' && sameText(csrfToken(secret, session), given);
}
