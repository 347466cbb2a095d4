import crypto from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import { countHit } from '../inbound/rate-counter';

/**
 * The web console's sessions. The server issues each session id, signed with APP_SECRET, so a
 * client cannot invent as many chats as it likes; the number a network address may start is
 * limited too. In demo mode a visitor may try the portal as any contact; outside it a session
 * starts unlinked and links by code like any other chat.
 */

const SESSIONS_PER_SOURCE = { limit: 30, windowMs: 10 * 60_000 };

function mac(secret: string, nonce: string): string {
  return crypto.createHmac('sha256', secret).update(`web-session:${nonce}`).digest('base64url').slice(0, 22);
}

/** Whether `id` is a session id this server (or another with the same APP_SECRET) issued. */
export function isWebSessionId(secret: string, id: unknown): id is string {
  if (typeof id !== 'string') return false;
  const match = /^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{22})$/.exec(id);
  if (!match) return false;
  const expected = Buffer.from(mac(secret, match[1]));
  return crypto.timingSafeEqual(Buffer.from(match[2]), expected);
}

export type WebSessionStart = { sessionId: string } | { retryAt: Date };

/**
 * A new session for a visitor at network address `source`, linked to `contactId` in demo mode.
 * Past the limit of sessions for that address, when it may start another.
 */
export async function startWebSession({ db, clock, secret }: { db: Db; clock: Clock; secret: string }, { source, demoMode, contactId }: {
  source: string; demoMode: boolean; contactId?: number;
}): Promise<WebSessionStart> {
  if (contactId !== undefined) {
    if (!demoMode) throw new AppError('not_allowed', 'demo sessions are off outside demo mode', 'Not available.');
    const contact = await db.contact.findUnique({ where: { id: contactId }, select: { id: true } });
    if (!contact) throw new AppError('not_found', `contact ${contactId}`, 'That contact does not exist.');
  }
  const counted = await countHit(db, { key: `web-session:${source}`, ...SESSIONS_PER_SOURCE }, clock());
  if (counted.over) return { retryAt: counted.until };
  const nonce = crypto.randomBytes(18).toString('base64url');
  const sessionId = `${nonce}.${mac(secret, nonce)}`;
  if (contactId !== undefined) await db.channelIdentity.create({ data: { channel: 'web', address: sessionId, contactId } });
  return { sessionId };
}

export async function listDemoContacts(db: Db) {
  const contacts = await db.contact.findMany({
    where: { customer: { org: {} } },
    select: { id: true, name: true, customer: { select: { name: true, org: { select: { name: true } } } } },
    orderBy: [{ customer: { name: 'asc' } }, { primary: 'desc' }, { id: 'asc' }],
    take: 100,
  });
  return contacts.map((c) => ({ id: c.id, name: c.name, customer: c.customer.name, organization: c.customer.org.name }));
}
