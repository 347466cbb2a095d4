import type { Db } from '../../db/open-database';
import type { Viewer } from '../../portal/viewer';
import type { TemplateData } from '../fill-template';
import { optional } from './document-format';

export interface Parties {
  organization: { name: string; address: string | null; email: string | null; phone: string | null };
  customer: { name: string; address: string | null; email: string | null };
}

/** Who the document is from and to, as printed at its head. */
export async function loadParties(db: Db, viewer: Viewer): Promise<Parties> {
  const [organization, customer] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: viewer.orgId }, select: { name: true, address: true, email: true, phone: true } }),
    db.customer.findUniqueOrThrow({ where: { id: viewer.customerId }, select: { name: true, address: true, email: true } }),
  ]);
  return { organization, customer };
}

/** The head every document shares: sender, recipient, the document's name and its facts. */
export function headView(parties: Parties, head: { heading: string; number: string; toLabel: string; facts: Array<[string, string]> }): TemplateData {
  const { organization: org, customer } = parties;
  const contact = [org.email, org.phone].filter((v): v is string => Boolean(v)).join('  ·  ');
  return {
    orgName: org.name,
    orgAddress: optional(org.address && { line: org.address }),
    orgContact: optional(contact && { line: contact }),
    customerName: customer.name,
    customerAddress: optional(customer.address && { line: customer.address }),
    customerEmail: optional(customer.email && { line: customer.email }),
    toLabel: head.toLabel,
    heading: head.heading,
    number: head.number,
    facts: head.facts.filter(([, value]) => value !== '').map(([label, value]) => ({ label, value })),
  };
}
