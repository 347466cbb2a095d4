import type { ImportFile } from './import-file';
import { toDecimalString as money } from '../money';
import { planLines, type LinePlan, type Problems } from './checks';
import type { KnownBooks } from './known-books';

/**
 * Sales orders, invoices, credits, payments and retainer applications, checked against
 * each other: every application must fit what is left of the payment, the credit note,
 * the retainer and the invoice it is applied to, in the order of the file.
 */

export interface LedgerPlan {
  salesOrders: Array<{ number: string; customer: string; date: string; status: ImportFile['salesOrders'][number]['status']; total: bigint; currency: string; lines: LinePlan[] }>;
  invoices: Array<{
    number: string; customer: string; kind: 'invoice' | 'retainer'; state: 'draft' | 'sent' | 'void'; date: string; dueDate?: string;
    total: bigint; balance: bigint; currency: string; allowPartialPayments: boolean; salesOrder?: string; lines: LinePlan[];
    taxes: Array<{ name: string; amount: bigint }>;
  }>;
  creditNotes: Array<{ number: string; customer: string; date: string; total: bigint; unapplied: bigint; currency: string; applied: Array<{ invoice: string; amount: bigint; date: string }> }>;
  payments: Array<{ number: string; customer: string; date: string; amount: bigint; unapplied: bigint; currency: string; mode: string; reference?: string; portalPayment?: string; applied: Array<{ invoice: string; amount: bigint }> }>;
  retainerApplications: Array<{ retainer: string; invoice: string; amount: bigint; date: string }>;
}

type InvoicePlan = LedgerPlan['invoices'][number];

/** A balance no application can exceed: for invoices the file does not list. */
const UNCHECKED = 2n ** 100n;

/**
 * `known` is what the portal already holds: a file may name customers, invoices and orders it
 * does not list. Balances of invoices the file does not list are not checked here — the import
 * settles every balance from all applications, the portal's included (settle-balances.ts).
 */
export function planLedger(file: ImportFile, currencyOf: Map<string, string>, problems: Problems, known: KnownBooks): LedgerPlan {
  const customerOf = (place: string, key: string): string => {
    const currency = currencyOf.get(key) ?? known.customers.get(key)?.currency;
    if (currency === undefined) problems.add(place, `unknown customer key ${JSON.stringify(key)}`);
    return currency ?? 'USD';
  };

  const orderNumbers = new Map<string, string>();
  const salesOrders = file.salesOrders.map((o, i) => {
    const place = `salesOrders[${i}]`;
    problems.unique(orderNumbers, `${place}.number`, o.number, 'sales order');
    const currency = customerOf(`${place}.customer`, o.customer);
    return {
      number: o.number, customer: o.customer, status: o.status, currency,
      date: problems.day(`${place}.date`, o.date),
      total: problems.amount(`${place}.total`, o.total, currency),
      lines: planLines(o.lines, place, currency, problems),
    };
  });
  const orderByNumber = new Map(salesOrders.map((o) => [o.number.toUpperCase(), o]));

  const invoiceNumbers = new Map<string, string>();
  const invoices: InvoicePlan[] = file.invoices.map((v, i) => {
    const place = `invoices[${i}]`;
    problems.unique(invoiceNumbers, `${place}.number`, v.number, 'invoice');
    const currency = customerOf(`${place}.customer`, v.customer);
    const total = problems.amount(`${place}.total`, v.total, currency);
    if (v.salesOrder) {
      const order = orderByNumber.get(v.salesOrder.toUpperCase()) ?? known.salesOrders.get(v.salesOrder.toUpperCase());
      if (!order) problems.add(`${place}.salesOrder`, `unknown sales order ${v.salesOrder}`);
      else if (order.customer !== v.customer) problems.add(`${place}.salesOrder`, `sales order ${v.salesOrder} belongs to another customer`);
    }
    const date = problems.day(`${place}.date`, v.date);
    if (v.dueDate !== undefined) problems.day(`${place}.dueDate`, v.dueDate);
    return {
      number: v.number, customer: v.customer, kind: v.kind, state: v.status, date, dueDate: v.dueDate,
      total, balance: total, currency, allowPartialPayments: v.allowPartialPayments, salesOrder: v.salesOrder,
      lines: planLines(v.lines, place, currency, problems),
      taxes: v.taxes.map((t, j) => ({ name: t.name, amount: problems.amount(`${place}.taxes[${j}].amount`, t.amount, currency) })),
    };
  });
  const invoiceByNumber = new Map(invoices.map((v) => [v.number.toUpperCase(), v]));
  // Invoices only the portal holds take part in the checks below without a balance to exceed.
  for (const [key, v] of known.invoices) {
    if (!invoiceByNumber.has(key)) invoiceByNumber.set(key, { ...v, date: '', total: 0n, balance: UNCHECKED, allowPartialPayments: false, lines: [], taxes: [] });
  }

  /** Finds the invoice an application names and takes `amount` off its balance. */
  const applyTo = (place: string, number: string, customer: string, amount: bigint, kind: 'invoice' | 'retainer' | 'any'): InvoicePlan | undefined => {
    const invoice = invoiceByNumber.get(number.toUpperCase());
    if (!invoice) return problems.add(`${place}.invoice`, `unknown invoice ${number}`), undefined;
    if (invoice.customer !== customer) return problems.add(`${place}.invoice`, `invoice ${number} belongs to another customer`), undefined;
    if (invoice.state !== 'sent') return problems.add(`${place}.invoice`, `invoice ${number} is ${invoice.state}; only sent invoices take payments and credits`), undefined;
    if (kind !== 'any' && invoice.kind !== kind) return problems.add(`${place}.invoice`, `${number} is not ${kind === 'invoice' ? 'an invoice' : 'a retainer invoice'}`), undefined;
    if (amount <= 0n) problems.add(`${place}.amount`, 'an application must be more than 0');
    else if (amount > invoice.balance) {
      problems.add(`${place}.amount`, `${money(amount, invoice.currency)} is larger than the balance ${money(invoice.balance, invoice.currency)} left on ${number}`);
    } else invoice.balance -= amount;
    return invoice;
  };

  const creditNumbers = new Map<string, string>();
  const creditNotes = file.creditNotes.map((c, i) => {
    const place = `creditNotes[${i}]`;
    problems.unique(creditNumbers, `${place}.number`, c.number, 'credit note');
    const currency = customerOf(`${place}.customer`, c.customer);
    const total = problems.amount(`${place}.total`, c.total, currency);
    const date = problems.day(`${place}.date`, c.date);
    let left = total;
    const applied = c.applied.map((a, j) => {
      const at = `${place}.applied[${j}]`;
      const amount = problems.amount(`${at}.amount`, a.amount, currency);
      if (amount > left) problems.add(`${at}.amount`, `the applications are larger than the credit note (${money(total, currency)})`);
      else applyTo(at, a.invoice, c.customer, amount, 'invoice');
      left -= amount;
      return { invoice: a.invoice, amount, date: a.date === undefined ? date : problems.day(`${at}.date`, a.date) };
    });
    return { number: c.number, customer: c.customer, date, total, unapplied: left > 0n ? left : 0n, currency, applied };
  });

  const paymentNumbers = new Map<string, string>();
  const retainerPaid = new Map<string, bigint>();
  const payments = file.payments.map((p, i) => {
    const place = `payments[${i}]`;
    problems.unique(paymentNumbers, `${place}.number`, p.number, 'payment');
    const currency = customerOf(`${place}.customer`, p.customer);
    const amount = problems.amount(`${place}.amount`, p.amount, currency);
    let left = amount;
    const applied = p.applied.map((a, j) => {
      const at = `${place}.applied[${j}]`;
      const share = problems.amount(`${at}.amount`, a.amount, currency);
      if (share > left) problems.add(`${at}.amount`, `the applications are larger than the payment (${money(amount, currency)})`);
      else {
        const invoice = applyTo(at, a.invoice, p.customer, share, 'any');
        if (invoice?.kind === 'retainer') retainerPaid.set(invoice.number, (retainerPaid.get(invoice.number) ?? 0n) + share);
      }
      left -= share;
      return { invoice: a.invoice, amount: share };
    });
    return {
      number: p.number, customer: p.customer, date: problems.day(`${place}.date`, p.date), amount, unapplied: left > 0n ? left : 0n,
      currency, mode: p.mode, reference: p.reference, portalPayment: p.portalPayment, applied,
    };
  });

  const retainerApplications = file.retainerApplications.map((r, i) => {
    const place = `retainerApplications[${i}]`;
    const retainer = invoiceByNumber.get(r.retainer.toUpperCase());
    const currency = retainer?.currency ?? 'USD';
    const amount = problems.amount(`${place}.amount`, r.amount, currency);
    const date = problems.day(`${place}.date`, r.date);
    if (!retainer) problems.add(`${place}.retainer`, `unknown retainer invoice ${r.retainer}`);
    else if (retainer.kind !== 'retainer') problems.add(`${place}.retainer`, `${r.retainer} is not a retainer invoice`);
    else {
      const available = retainer.balance === UNCHECKED ? UNCHECKED : retainerPaid.get(retainer.number) ?? 0n;
      if (amount > available) problems.add(`${place}.amount`, `${money(amount, currency)} is more than the ${money(available, currency)} paid on ${r.retainer} and not yet applied`);
      else if (applyTo(place, r.invoice, retainer.customer, amount, 'invoice')) retainerPaid.set(retainer.number, available - amount);
    }
    return { retainer: r.retainer, invoice: r.invoice, amount, date };
  });

  return { salesOrders, invoices, creditNotes, payments, retainerApplications };
}
