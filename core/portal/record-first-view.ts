import type { Db } from '../db/open-database';
import { recordEvent } from '../events/record-event';
import type { Viewer } from './viewer';

const WHAT = { invoice: 'invoice', sales_order: 'sales order' } as const;

/**
 * The first view of a document by its customer, through any channel, tells the merchant
 * once: the unique key on (customer, document) decides, not a read before the write.
 */
export async function recordFirstView({ db, viewer, docType, docId, number }: {
  db: Db; viewer: Viewer; docType: 'invoice' | 'sales_order'; docId: number; number: string;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.firstView.createMany({
      data: [{ customerId: viewer.customerId, docType, docId, contactId: viewer.contactId }],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    await recordEvent(tx, viewer, {
      type: `${docType}.first_viewed`,
      message: `${viewer.customerName} (${viewer.contactName}) viewed ${WHAT[docType]} ${number} for the first time.`,
      data: { customer: viewer.customerKey, number, contact: viewer.contactName, channelContactId: viewer.contactId },
    });
    return true;
  });
}
