import type { Db } from '../db/open-database';
import { recordEvent } from '../events/record-event';
import type { Viewer } from './viewer';

/**
 * A document forwarded to an address that is not a contact yet makes that address a new
 * contact person of the customer (portal.md, "Notifications to the merchant").
 */
export async function addContactIfNew({ db, viewer, to }: { db: Db; viewer: Viewer; to: string }): Promise<boolean> {
  const isEmail = to.includes('@');
  // Known whatever the case of the e-mail; two forwards at once (any process) add it once:
  // the second waits on the customer's row, then finds the first one's contact.
  const where = { customerId: viewer.customerId, ...(isEmail ? { email: { equals: to, mode: 'insensitive' as const } } : { phone: to }) };
  if (await db.contact.findFirst({ where, select: { id: true } })) return false;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT id FROM "Customer" WHERE id = ${viewer.customerId} FOR UPDATE`;
    if (await tx.contact.findFirst({ where, select: { id: true } })) return false;
    await tx.contact.create({ data: { customerId: viewer.customerId, name: to, ...(isEmail ? { email: to } : { phone: to }) } });
    await recordEvent(tx, viewer, {
      type: 'contact.added',
      message: `${viewer.contactName} of ${viewer.customerName} forwarded a document to ${to}, now a contact person of ${viewer.customerName}.`,
      data: { customer: viewer.customerKey, contact: to, forwardedBy: viewer.contactName },
    });
    return true;
  });
}
