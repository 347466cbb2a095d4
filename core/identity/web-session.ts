import crypto from 'node:crypto';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';

/**
 * The web console's sessions. In demo mode a visitor may try the portal as any contact;
 * outside it a session starts unlinked and links by code like any other chat.
 */
export function newWebSessionId(): string {
  return crypto.randomBytes(18).toString('base64url');
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

export async function linkDemoSession(db: Db, { demoMode, sessionId, contactId }: { demoMode: boolean; sessionId: string; contactId: number }): Promise<void> {
  if (!demoMode) throw new AppError('not_allowed', 'demo sessions are off outside demo mode', 'Not available.');
  const contact = await db.contact.findUnique({ where: { id: contactId }, select: { id: true } });
  if (!contact) throw new AppError('not_found', `contact ${contactId}`, 'That contact does not exist.');
  await db.channelIdentity.upsert({
    where: { channel_address: { channel: 'web', address: sessionId } },
    create: { channel: 'web', address: sessionId, contactId },
    update: { contactId },
  });
}
