import type { Db } from '../db/open-database';
import type { Viewer } from './viewer';

/** My Details: the customer's account, its contact persons, and what is shared with it. */
export async function getMyDetails({ db, viewer }: { db: Db; viewer: Viewer }) {
  const customer = await db.customer.findUniqueOrThrow({
    where: { id: viewer.customerId },
    select: {
      name: true, email: true, phone: true, address: true, currency: true, achEnabled: true, preferredChannel: true,
      contacts: { select: { name: true, email: true, phone: true, primary: true }, orderBy: [{ primary: 'desc' }, { id: 'asc' }] },
    },
  });
  return customer;
}

export async function listSharedDocuments({ db, viewer }: { db: Db; viewer: Viewer }) {
  return db.sharedDocument.findMany({
    where: { customerId: viewer.customerId },
    select: { id: true, title: true, fileName: true, contentType: true, size: true, sharedBy: true, createdAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}
