import type { Db } from '../db/open-database';
import type { Prisma } from '../db/generated/client';
import { AppError } from '../errors';
import { fromDay } from '../dates';
import { numberSeq } from '../values';
import type { ImportPlan } from './plan-import';

type Tx = Prisma.TransactionClient;

export interface ImportSummary {
  organization: string;
  replaced: boolean;
  counts: Record<string, number>;
}

/**
 * Writes a checked plan in one transaction, replacing the organization with the same key.
 * Channel identities outlive a replacement (opt-outs and conversation references stay) and
 * are linked again to the new contacts.
 */
export async function writeImport(db: Db, plan: ImportPlan, now = new Date()): Promise<ImportSummary> {
  return db.$transaction(
    async (tx) => {
      // The merchant's keys and signing secret belong to the organization, not to its books.
      const kept = await tx.organization.findUnique({ where: { key: plan.organization.key }, select: { webhookSecret: true, merchantKeys: true } });
      const removed = await tx.organization.deleteMany({ where: { key: plan.organization.key } });
      const o = plan.organization;
      const org = await tx.organization.create({
        data: {
          key: o.key, name: o.name, currency: o.currency, timezone: o.timezone, locale: o.locale,
          email: o.email, phone: o.phone, address: o.address, salesOrdersEnabled: o.portal.salesOrders, webhookSecret: kept?.webhookSecret,
        },
      });
      await tx.merchantKey.createMany({ data: (kept?.merchantKeys ?? []).map(({ id: _id, orgId: _org, ...key }) => ({ ...key, orgId: org.id })) });
      // Creation order decides the order of same-day rows on a statement: the file's order.
      let tick = 0;
      const created = () => new Date(now.getTime() + tick++);
      const customerId = await writeCustomers(tx, org.id, plan);

      const orders = await tx.salesOrder.createManyAndReturn({
        data: plan.salesOrders.map((s) => ({
          customerId: customerId(s.customer), number: s.number, numberSeq: numberSeq(s.number), date: fromDay(s.date),
          status: s.status, total: s.total, currency: s.currency, createdAt: created(),
        })),
        select: { id: true, number: true },
      });
      const orderId = idsByNumber(orders);
      await tx.salesOrderLine.createMany({
        data: plan.salesOrders.flatMap((s) => s.lines.map((l, position) => ({ salesOrderId: orderId(s.number), position, ...l }))),
      });

      const invoices = await tx.invoice.createManyAndReturn({
        data: plan.invoices.map((v) => ({
          customerId: customerId(v.customer), number: v.number, numberSeq: numberSeq(v.number), kind: v.kind, state: v.state,
          date: fromDay(v.date), dueDate: v.dueDate ? fromDay(v.dueDate) : null, total: v.total, balance: v.balance,
          currency: v.currency, allowPartialPayments: v.allowPartialPayments,
          salesOrderId: v.salesOrder ? orderId(v.salesOrder) : null, createdAt: created(),
        })),
        select: { id: true, number: true },
      });
      const invoiceId = idsByNumber(invoices);
      await tx.invoiceLine.createMany({
        data: plan.invoices.flatMap((v) => v.lines.map((l, position) => ({ invoiceId: invoiceId(v.number), position, ...l }))),
      });
      await tx.invoiceTax.createMany({
        data: plan.invoices.flatMap((v) => v.taxes.map((t, position) => ({ invoiceId: invoiceId(v.number), position, ...t }))),
      });

      const credits = await tx.creditNote.createManyAndReturn({
        data: plan.creditNotes.map((c) => ({
          customerId: customerId(c.customer), number: c.number, numberSeq: numberSeq(c.number), date: fromDay(c.date),
          total: c.total, unapplied: c.unapplied, currency: c.currency, createdAt: created(),
        })),
        select: { id: true, number: true },
      });
      const creditId = idsByNumber(credits);
      await tx.creditApplication.createMany({
        data: plan.creditNotes.flatMap((c) =>
          c.applied.map((a) => ({ creditNoteId: creditId(c.number), invoiceId: invoiceId(a.invoice), amount: a.amount, date: fromDay(a.date) })),
        ),
      });

      const payments = await tx.payment.createManyAndReturn({
        data: plan.payments.map((p) => ({
          customerId: customerId(p.customer), number: p.number, numberSeq: numberSeq(p.number), date: fromDay(p.date),
          amount: p.amount, unapplied: p.unapplied, currency: p.currency, mode: p.mode, reference: p.reference, createdAt: created(),
        })),
        select: { id: true, number: true },
      });
      const paymentId = idsByNumber(payments);
      await tx.paymentApplication.createMany({
        data: plan.payments.flatMap((p) => p.applied.map((a) => ({ paymentId: paymentId(p.number), invoiceId: invoiceId(a.invoice), amount: a.amount }))),
      });
      await tx.retainerApplication.createMany({
        data: plan.retainerApplications.map((r) => ({
          retainerId: invoiceId(r.retainer), invoiceId: invoiceId(r.invoice), amount: r.amount, date: fromDay(r.date), createdAt: created(),
        })),
      });
      for (const d of plan.documents) {
        await tx.sharedDocument.create({
          data: {
            customerId: customerId(d.customer), title: d.title, fileName: d.fileName, contentType: d.contentType,
            size: d.content.length, content: new Uint8Array(d.content), sharedBy: 'merchant',
          },
        });
      }
      return {
        organization: o.key,
        replaced: removed.count > 0,
        counts: {
          customers: plan.customers.length, salesOrders: orders.length, invoices: invoices.length,
          creditNotes: credits.length, payments: payments.length, retainerApplications: plan.retainerApplications.length,
          documents: plan.documents.length,
        },
      };
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}

function idsByNumber(rows: Array<{ id: number; number: string }>): (number: string) => number {
  const ids = new Map(rows.map((r) => [r.number.toUpperCase(), r.id]));
  return (number) => ids.get(number.toUpperCase())!;
}

async function writeCustomers(tx: Tx, orgId: number, plan: ImportPlan): Promise<(key: string) => number> {
  const ids = new Map<string, number>();
  for (const c of plan.customers) {
    const customer = await tx.customer.create({
      data: {
        orgId, key: c.key, name: c.name, currency: c.currency, achEnabled: c.achEnabled, email: c.email, phone: c.phone,
        address: c.address, preferredChannel: c.preferredChannel, timezone: c.timezone, quietStart: c.quietStart, quietEnd: c.quietEnd,
      },
    });
    ids.set(c.key, customer.id);
    for (const k of c.contacts) {
      const contact = await tx.contact.create({ data: { customerId: customer.id, name: k.name, email: k.email, phone: k.phone, primary: k.primary } });
      for (const link of k.identities) {
        const existing = await tx.channelIdentity.findUnique({
          where: { channel_address: { channel: link.channel, address: link.address } },
          select: { contact: { select: { customer: { select: { org: { select: { key: true } } } } } } },
        });
        const owner = existing?.contact?.customer.org.key;
        if (owner && owner !== plan.organization.key) {
          throw new AppError('import_invalid', `The import file was refused; nothing was imported:\n  ${link.place}: ${link.channel} ${link.address} is linked to a contact of organization ${owner}`);
        }
        await tx.channelIdentity.upsert({
          where: { channel_address: { channel: link.channel, address: link.address } },
          create: { channel: link.channel, address: link.address, contactId: contact.id },
          update: { contactId: contact.id },
        });
      }
    }
  }
  return (key) => ids.get(key)!;
}
