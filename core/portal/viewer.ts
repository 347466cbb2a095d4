import type { Db } from '../db/open-database';
import { AppError } from '../errors';

/** The linked contact a request is answered for: every portal rule is scoped by it. */
export interface Viewer {
  orgId: number;
  orgName: string;
  customerId: number;
  /** The merchant's key for the customer (its books' name for it). */
  customerKey: string;
  customerName: string;
  contactId: number;
  contactName: string;
  currency: string;
  achEnabled: boolean;
  locale: string;
  timezone: string;
  salesOrdersEnabled: boolean;
}

export async function loadViewer(db: Db, contactId: number): Promise<Viewer> {
  const contact = await db.contact.findUnique({ where: { id: contactId }, include: { customer: { include: { org: true } } } });
  if (!contact) throw new AppError('not_found', `contact ${contactId} not found`);
  const { customer } = contact;
  return {
    orgId: customer.orgId,
    orgName: customer.org.name,
    customerId: customer.id,
    customerKey: customer.key,
    customerName: customer.name,
    contactId: contact.id,
    contactName: contact.name,
    currency: customer.currency,
    achEnabled: customer.achEnabled,
    locale: customer.org.locale,
    timezone: customer.timezone,
    salesOrdersEnabled: customer.org.salesOrdersEnabled,
  };
}
