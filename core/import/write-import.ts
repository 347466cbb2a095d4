import crypto from 'node:crypto';
import type { Db } from '../db/open-database';
import { Prisma } from '../db/generated/client';
import { AppError } from '../errors';
import { destinationsOf } from '../events/record-event';
import { pokeJob } from '../jobs/job-runner';
import { REMINDER_SCHEDULE, scheduleJobKey } from '../reminders/plan-reminders';
import { fromDay } from '../dates';
import { numberSeq } from '../values';
import type { ImportPlan } from './plan-import';
import { settleBalances, type Conflict } from './settle-balances';

type Tx = Prisma.TransactionClient;

/** What one kind of row did: new, changed, the same as before, and rows the file did not list. */
export interface RowCounts {
  created: number;
  updated: number;
  unchanged: number;
  leftAlone: number;
}

export interface ImportSummary {
  organization: string;
  /** The organization was new. */
  created: boolean;
  counts: Record<'customers' | 'salesOrders' | 'invoices' | 'creditNotes' | 'payments' | 'retainerApplications' | 'documents', RowCounts>;
  /** Invoices and sales orders the file voids (now or before). */
  voided: number;
  /** Payments in the file that are payments the portal recorded: counted once. */
  portalPaymentsMatched: number;
  /** Invoices the file's applications and the portal's payments took below zero: the excess is credit. */
  conflicts: Conflict[];
}

const counts = (): RowCounts => ({ created: 0, updated: 0, unchanged: 0, leftAlone: 0 });

/** A row as the file gives it, hashed: an unchanged row is not written again. */
function hashOf(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).digest('base64url');
}

/**
 * Loads the merchant's books as an update (merchant.md "Sync"), in one transaction: rows are
 * created or updated by customer key and document number, rows the file does not list stay,
 * `void` withdraws an invoice or order without deleting it, and nothing the portal recorded —
 * its payments, identities, conversations, checkouts, views, events — is removed. Ids stay, so
 * everything that points at a contact or a document keeps pointing at it.
 */
export async function writeImport(db: Db, plan: ImportPlan, now = new Date()): Promise<ImportSummary> {
  return db.$transaction(async (tx) => {
    const o = plan.organization;
    const existing = await tx.organization.findUnique({ where: { key: o.key }, select: { id: true, notify: true, lastEventSeq: true } });
    const fields = {
      name: o.name, currency: o.currency, timezone: o.timezone, locale: o.locale, email: o.email ?? null, phone: o.phone ?? null,
      address: o.address ?? null, salesOrdersEnabled: o.portal.salesOrders, notify: o.notify ?? Prisma.DbNull, reminders: o.reminders ?? Prisma.DbNull,
    };
    const org = existing
      ? await tx.organization.update({ where: { id: existing.id }, data: fields, select: { id: true, lastEventSeq: true } })
      : await tx.organization.create({ data: { key: o.key, ...fields }, select: { id: true, lastEventSeq: true } });
    // A destination set now starts with the next event, not with the organization's history.
    await tx.eventDelivery.createMany({
      data: destinationsOf(o.notify).map((destination) => ({ orgId: org.id, destination, delivered: org.lastEventSeq })), skipDuplicates: true,
    });
    const summary: ImportSummary = {
      organization: o.key, created: !existing, voided: 0, portalPaymentsMatched: 0, conflicts: [],
      counts: {
        customers: counts(), salesOrders: counts(), invoices: counts(), creditNotes: counts(), payments: counts(),
        retainerApplications: counts(), documents: counts(),
      },
    };
    // Creation order decides the order of same-day rows on a statement: the file's order.
    let tick = 0;
    const created = () => new Date(now.getTime() + tick++);

    const customerId = await writeCustomers(tx, org.id, plan, summary.counts.customers);
    const orderId = await writeSalesOrders(tx, org.id, plan, customerId, created, summary.counts.salesOrders);
    const invoiceId = await writeInvoices(tx, org.id, plan, customerId, orderId, created, summary.counts.invoices);
    await writeCreditNotes(tx, org.id, plan, customerId, invoiceId, created, summary.counts.creditNotes);
    summary.portalPaymentsMatched = await writePayments(tx, org.id, plan, customerId, invoiceId, created, summary.counts.payments);
    await writeRetainerApplications(tx, org.id, plan, invoiceId, created, summary.counts.retainerApplications);
    await writeDocuments(tx, plan, customerId, summary.counts.documents);

    // A schedule set (for the organization or any customer) has its hourly job from now on.
    if (o.reminders || plan.customers.some((c) => c.reminders)) {
      await pokeJob(tx, { key: scheduleJobKey(org.id), kind: REMINDER_SCHEDULE, payload: { orgId: org.id } });
    }
    summary.voided = plan.invoices.filter((v) => v.state === 'void').length + plan.salesOrders.filter((s) => s.status === 'void').length;
    summary.conflicts = await settleBalances(tx, org.id, now);
    return summary;
  }, { timeout: 600_000, maxWait: 30_000 });
}

/** Existing rows of one kind in the organization, by upper-case number. */
async function existingByNumber(tx: Tx, table: 'SalesOrder' | 'Invoice' | 'CreditNote' | 'Payment', orgId: number) {
  const rows = await tx.$queryRawUnsafe<Array<{ id: number; number: string; importHash: string | null; customerId: number }>>(
    `SELECT t.id, t.number, t."importHash", t."customerId" FROM "${table}" t JOIN "Customer" c ON c.id = t."customerId" WHERE c."orgId" = $1`, orgId,
  );
  return new Map(rows.map((r) => [r.number.toUpperCase(), r]));
}

type Ids = (number: string) => number;

function lookup(map: Map<string, number>, what: string): Ids {
  return (number) => {
    const id = map.get(number.toUpperCase());
    if (id === undefined) throw new AppError('import_invalid', `The import file was refused; nothing was imported:\n  unknown ${what} ${number}`);
    return id;
  };
}

/**
 * The rows of one kind: new ones created together, changed ones updated one by one (a reload
 * changes few), unchanged ones skipped. `children` replaces a changed row's lines.
 */
async function upsertRows<P extends { number: string }>(tx: Tx, table: 'SalesOrder' | 'Invoice' | 'CreditNote' | 'Payment', orgId: number, plans: P[], rowCounts: RowCounts, write: {
  data: (plan: P) => Record<string, unknown>;
  hash: (plan: P) => string;
  create: (rows: Array<Record<string, unknown>>) => Promise<Array<{ id: number; number: string }>>;
  update: (id: number, row: Record<string, unknown>) => Promise<unknown>;
  /** Replaces the children (lines, applications) of these rows. */
  children?: (rows: Array<{ id: number; plan: P }>, replacing: boolean) => Promise<unknown>;
}): Promise<Map<string, number>> {
  const before = await existingByNumber(tx, table, orgId);
  const ids = new Map<string, number>();
  const fresh: P[] = [];
  const changed: Array<{ id: number; plan: P }> = [];
  for (const plan of plans) {
    const key = plan.number.toUpperCase();
    const row = before.get(key);
    if (!row) {
      fresh.push(plan);
      continue;
    }
    ids.set(key, row.id);
    before.delete(key);
    const hash = write.hash(plan);
    if (row.importHash === hash) rowCounts.unchanged += 1;
    else {
      await write.update(row.id, { ...write.data(plan), importHash: hash });
      changed.push({ id: row.id, plan });
      rowCounts.updated += 1;
    }
  }
  rowCounts.leftAlone += before.size;
  for (const [key, row] of before) ids.set(key, row.id);
  const made = fresh.length ? await write.create(fresh.map((plan) => ({ ...write.data(plan), importHash: write.hash(plan) }))) : [];
  const madeIds = new Map(made.map((r) => [r.number.toUpperCase(), r.id]));
  for (const [key, id] of madeIds) ids.set(key, id);
  rowCounts.created += made.length;
  if (write.children) {
    if (changed.length) await write.children(changed, true);
    if (fresh.length) await write.children(fresh.map((plan) => ({ id: madeIds.get(plan.number.toUpperCase())!, plan })), false);
  }
  return ids;
}

async function writeSalesOrders(tx: Tx, orgId: number, plan: ImportPlan, customerId: Ids, created: () => Date, rowCounts: RowCounts): Promise<Ids> {
  const ids = await upsertRows(tx, 'SalesOrder', orgId, plan.salesOrders, rowCounts, {
    hash: (s) => hashOf(['salesOrder', s]),
    data: (s) => ({ customerId: customerId(s.customer), number: s.number, numberSeq: numberSeq(s.number), date: fromDay(s.date), status: s.status, total: s.total, currency: s.currency }),
    create: (rows) => tx.salesOrder.createManyAndReturn({ data: rows.map((r) => ({ ...r, createdAt: created() })) as Prisma.SalesOrderCreateManyInput[], select: { id: true, number: true } }),
    update: (id, row) => tx.salesOrder.update({ where: { id }, data: row as Prisma.SalesOrderUncheckedUpdateInput }),
    children: async (rows, replacing) => {
      if (replacing) await tx.salesOrderLine.deleteMany({ where: { salesOrderId: { in: rows.map((r) => r.id) } } });
      await tx.salesOrderLine.createMany({ data: rows.flatMap(({ id, plan: s }) => s.lines.map((l, position) => ({ salesOrderId: id, position, ...l }))) });
    },
  });
  return lookup(ids, 'sales order');
}

async function writeInvoices(tx: Tx, orgId: number, plan: ImportPlan, customerId: Ids, orderId: Ids, created: () => Date, rowCounts: RowCounts): Promise<Ids> {
  const ids = await upsertRows(tx, 'Invoice', orgId, plan.invoices, rowCounts, {
    // The balance is not the file's to say: it follows from every application (settleBalances).
    hash: ({ balance: _balance, ...v }) => hashOf(['invoice', v]),
    data: (v) => ({
      customerId: customerId(v.customer), number: v.number, numberSeq: numberSeq(v.number), kind: v.kind, state: v.state,
      date: fromDay(v.date), dueDate: v.dueDate ? fromDay(v.dueDate) : null, total: v.total, currency: v.currency,
      allowPartialPayments: v.allowPartialPayments, salesOrderId: v.salesOrder ? orderId(v.salesOrder) : null,
    }),
    create: (rows) => tx.invoice.createManyAndReturn({
      data: rows.map((r) => ({ ...r, balance: r.total, createdAt: created() })) as Prisma.InvoiceCreateManyInput[], select: { id: true, number: true },
    }),
    update: (id, row) => tx.invoice.update({ where: { id }, data: row as Prisma.InvoiceUncheckedUpdateInput }),
    children: async (rows, replacing) => {
      const invoiceIds = rows.map((r) => r.id);
      if (replacing) {
        await tx.invoiceLine.deleteMany({ where: { invoiceId: { in: invoiceIds } } });
        await tx.invoiceTax.deleteMany({ where: { invoiceId: { in: invoiceIds } } });
      }
      await tx.invoiceLine.createMany({ data: rows.flatMap(({ id, plan: v }) => v.lines.map((l, position) => ({ invoiceId: id, position, ...l }))) });
      await tx.invoiceTax.createMany({ data: rows.flatMap(({ id, plan: v }) => v.taxes.map((t, position) => ({ invoiceId: id, position, ...t }))) });
    },
  });
  return lookup(ids, 'invoice');
}

async function writeCreditNotes(tx: Tx, orgId: number, plan: ImportPlan, customerId: Ids, invoiceId: Ids, created: () => Date, rowCounts: RowCounts): Promise<void> {
  await upsertRows(tx, 'CreditNote', orgId, plan.creditNotes, rowCounts, {
    hash: ({ unapplied: _unapplied, ...c }) => hashOf(['creditNote', c]),
    data: (c) => ({ customerId: customerId(c.customer), number: c.number, numberSeq: numberSeq(c.number), date: fromDay(c.date), total: c.total, currency: c.currency }),
    create: (rows) => tx.creditNote.createManyAndReturn({
      data: rows.map((r) => ({ ...r, unapplied: r.total, createdAt: created() })) as Prisma.CreditNoteCreateManyInput[], select: { id: true, number: true },
    }),
    update: (id, row) => tx.creditNote.update({ where: { id }, data: row as Prisma.CreditNoteUncheckedUpdateInput }),
    children: async (rows, replacing) => {
      if (replacing) await tx.creditApplication.deleteMany({ where: { creditNoteId: { in: rows.map((r) => r.id) } } });
      await tx.creditApplication.createMany({
        data: rows.flatMap(({ id, plan: c }) => c.applied.map((a) => ({ creditNoteId: id, invoiceId: invoiceId(a.invoice), amount: a.amount, date: fromDay(a.date) }))),
      });
    },
  });
}

/**
 * The file's payments. One that names a payment the portal recorded — by `portalPayment`, by
 * the provider's id as `reference`, or by the portal's own number — is that payment: counted
 * once and never changed. Returns how many were matched so.
 */
async function writePayments(tx: Tx, orgId: number, plan: ImportPlan, customerId: Ids, invoiceId: Ids, created: () => Date, rowCounts: RowCounts): Promise<number> {
  const portal = await tx.payment.findMany({
    where: { customer: { orgId }, recordedByPortal: true }, select: { id: true, number: true, providerPaymentId: true },
  });
  const portalNumbers = new Set(portal.map((p) => p.number.toUpperCase()));
  const providerIds = new Set(portal.flatMap((p) => (p.providerPaymentId ? [p.providerPaymentId] : [])));
  const problems: string[] = [];
  const merchants = plan.payments.filter((p, i) => {
    if (p.portalPayment !== undefined) {
      if (!portalNumbers.has(p.portalPayment.toUpperCase())) problems.push(`payments[${i}].portalPayment: the portal recorded no payment ${p.portalPayment}`);
      return false;
    }
    return !portalNumbers.has(p.number.toUpperCase()) && !(p.reference && providerIds.has(p.reference));
  });
  if (problems.length) throw new AppError('import_invalid', `The import file was refused; nothing was imported:\n  ${problems.join('\n  ')}`);
  // The portal's own payments are never the file's to update: they are left out of the upsert.
  await upsertRows(tx, 'Payment', orgId, merchants, rowCounts, {
    hash: ({ unapplied: _unapplied, ...p }) => hashOf(['payment', p]),
    data: (p) => ({
      customerId: customerId(p.customer), number: p.number, numberSeq: numberSeq(p.number), date: fromDay(p.date), amount: p.amount,
      currency: p.currency, mode: p.mode, reference: p.reference ?? null,
    }),
    create: (rows) => tx.payment.createManyAndReturn({
      data: rows.map((r) => ({ ...r, unapplied: r.amount, createdAt: created() })) as Prisma.PaymentCreateManyInput[], select: { id: true, number: true },
    }),
    update: async (id, row) => {
      const { count } = await tx.payment.updateMany({ where: { id, recordedByPortal: false }, data: row as Prisma.PaymentUncheckedUpdateManyInput });
      if (count === 0) throw new AppError('import_invalid', `The import file was refused; nothing was imported:\n  payment ${String(row.number)} is one the portal recorded; list it with "portalPayment"`);
    },
    children: async (rows, replacing) => {
      if (replacing) await tx.paymentApplication.deleteMany({ where: { paymentId: { in: rows.map((r) => r.id) } } });
      await tx.paymentApplication.createMany({
        data: rows.flatMap(({ id, plan: p }) => p.applied.map((a) => ({ paymentId: id, invoiceId: invoiceId(a.invoice), amount: a.amount }))),
      });
    },
  });
  return plan.payments.length - merchants.length;
}

/** Retainer money applied to an invoice, known by (retainer, invoice, date): created, or its amount updated. */
async function writeRetainerApplications(tx: Tx, orgId: number, plan: ImportPlan, invoiceId: Ids, created: () => Date, rowCounts: RowCounts): Promise<void> {
  const rows = await tx.retainerApplication.findMany({
    where: { retainer: { customer: { orgId } } }, select: { id: true, retainerId: true, invoiceId: true, date: true, amount: true },
  });
  const key = (retainerId: number, target: number, date: Date) => `${retainerId}:${target}:${date.toISOString().slice(0, 10)}`;
  const before = new Map(rows.map((r) => [key(r.retainerId, r.invoiceId, r.date), r]));
  const fresh: Prisma.RetainerApplicationCreateManyInput[] = [];
  for (const r of plan.retainerApplications) {
    const retainerId = invoiceId(r.retainer);
    const target = invoiceId(r.invoice);
    const date = fromDay(r.date);
    const row = before.get(key(retainerId, target, date));
    if (!row) fresh.push({ retainerId, invoiceId: target, amount: r.amount, date, createdAt: created() });
    else {
      before.delete(key(retainerId, target, date));
      if (row.amount === r.amount) rowCounts.unchanged += 1;
      else {
        await tx.retainerApplication.update({ where: { id: row.id }, data: { amount: r.amount } });
        rowCounts.updated += 1;
      }
    }
  }
  await tx.retainerApplication.createMany({ data: fresh });
  rowCounts.created += fresh.length;
  rowCounts.leftAlone += before.size;
}

/** Files the merchant shares, known by customer and file name. */
async function writeDocuments(tx: Tx, plan: ImportPlan, customerId: Ids, rowCounts: RowCounts): Promise<void> {
  for (const d of plan.documents) {
    const owner = customerId(d.customer);
    const row = await tx.sharedDocument.findFirst({ where: { customerId: owner, fileName: d.fileName, sharedBy: 'merchant' }, select: { id: true, title: true, content: true } });
    const data = { title: d.title, contentType: d.contentType, size: d.content.length, content: new Uint8Array(d.content) };
    if (!row) {
      await tx.sharedDocument.create({ data: { customerId: owner, fileName: d.fileName, sharedBy: 'merchant', ...data } });
      rowCounts.created += 1;
    } else if (row.title === d.title && Buffer.from(row.content).equals(d.content)) rowCounts.unchanged += 1;
    else {
      await tx.sharedDocument.update({ where: { id: row.id }, data });
      rowCounts.updated += 1;
    }
  }
}

/**
 * Customers by key, their contacts matched by e-mail, else phone, else name (so a contact keeps
 * its id, and the chats linked to it stay linked); the file's chat identities linked to them.
 */
async function writeCustomers(tx: Tx, orgId: number, plan: ImportPlan, rowCounts: RowCounts): Promise<Ids> {
  const before = new Map((await tx.customer.findMany({ where: { orgId }, select: { id: true, key: true, importHash: true } })).map((c) => [c.key, c]));
  const ids = new Map<string, number>();
  for (const c of plan.customers) {
    const hash = hashOf(['customer', c]);
    const row = before.get(c.key);
    before.delete(c.key);
    const fields = {
      name: c.name, currency: c.currency, achEnabled: c.achEnabled, email: c.email ?? null, phone: c.phone ?? null, address: c.address ?? null,
      preferredChannel: c.preferredChannel ?? null, timezone: c.timezone, quietStart: c.quietStart, quietEnd: c.quietEnd, importHash: hash,
      reminders: c.reminders === undefined ? Prisma.DbNull : c.reminders,
    };
    if (row?.importHash === hash) {
      ids.set(c.key, row.id);
      rowCounts.unchanged += 1;
      continue;
    }
    const customer = row
      ? await tx.customer.update({ where: { id: row.id }, data: fields, select: { id: true } })
      : await tx.customer.create({ data: { orgId, key: c.key, ...fields }, select: { id: true } });
    rowCounts[row ? 'updated' : 'created'] += 1;
    ids.set(c.key, customer.id);
    const contacts = row ? await tx.contact.findMany({ where: { customerId: customer.id }, select: { id: true, name: true, email: true, phone: true } }) : [];
    for (const k of c.contacts) {
      const match = contacts.find((x) => k.email && x.email === k.email) ?? contacts.find((x) => k.phone && x.phone === k.phone) ?? contacts.find((x) => x.name === k.name);
      const data = { name: k.name, email: k.email ?? null, phone: k.phone ?? null, primary: k.primary };
      let contactId: number;
      if (match) {
        contacts.splice(contacts.indexOf(match), 1);
        await tx.contact.update({ where: { id: match.id }, data });
        contactId = match.id;
      } else contactId = (await tx.contact.create({ data: { customerId: customer.id, ...data }, select: { id: true } })).id;
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
          create: { channel: link.channel, address: link.address, contactId },
          update: { contactId },
        });
      }
    }
  }
  rowCounts.leftAlone += before.size;
  for (const [key, row] of before) ids.set(key, row.id);
  return (key) => {
    const id = ids.get(key);
    if (id === undefined) throw new AppError('import_invalid', `The import file was refused; nothing was imported:\n  unknown customer key ${JSON.stringify(key)}`);
    return id;
  };
}
