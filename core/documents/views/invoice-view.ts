import type { InvoiceDetail } from '../../portal/get-invoice';
import type { InvoiceStatus } from '../../portal/invoice-status';
import type { TemplateData } from '../fill-template';
import { optional, type DocumentFormat } from './document-format';
import { headView, type Parties } from './parties';

export const STATUS_LABEL: Record<InvoiceStatus, string> = { paid: 'Paid', partially_paid: 'Partially paid', overdue: 'Overdue', unpaid: 'Unpaid' };

export function invoiceView(invoice: InvoiceDetail, parties: Parties, fmt: DocumentFormat): TemplateData {
  const retainer = invoice.kind === 'retainer';
  const received = [
    ...invoice.payments.map((p) => ({ date: p.date, what: `Payment ${p.number}`, detail: paymentMode(p.mode), amount: p.amount })),
    ...invoice.credits.map((c) => ({ date: c.date, what: `${c.kind === 'retainer' ? 'Retainer' : 'Credit note'} ${c.number}`, detail: '', amount: c.amount })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return {
    title: `${retainer ? 'Retainer invoice' : 'Invoice'} ${invoice.number}`,
    ...headView(parties, {
      heading: retainer ? 'Retainer invoice' : 'Invoice',
      toLabel: 'Bill to',
      number: invoice.number,
      facts: [
        ['Invoice date', fmt.day(invoice.date)],
        ['Due date', invoice.dueDate ? fmt.day(invoice.dueDate) : ''],
        ['Sales order', invoice.salesOrder ?? ''],
        ['Status', STATUS_LABEL[invoice.status]],
      ],
    }),
    currency: invoice.currency,
    lines: invoice.lines.map((l) => ({ item: l.item, description: l.description ?? '', quantity: l.quantity, rate: fmt.money(l.rate), amount: fmt.money(l.amount) })),
    subtotal: fmt.money(invoice.subtotal),
    taxes: invoice.taxes.map((t) => ({ name: t.name, amount: fmt.money(t.amount) })),
    total: fmt.money(invoice.total),
    paid: fmt.money(invoice.paid),
    balance: fmt.money(invoice.balance),
    receivedSection: optional(received.length > 0 && {
      received: received.map((r) => ({ date: fmt.day(r.date), what: r.what, detail: r.detail, amount: fmt.money(r.amount) })),
    }),
  };
}

const MODES: Record<string, string> = { ach: 'ACH', bank_transfer: 'Bank transfer', card: 'Card', cash: 'Cash', cheque: 'Cheque', check: 'Check' };

/** "bank_transfer" → "Bank transfer"; an unknown mode is shown as written, readable. */
export function paymentMode(mode: string): string {
  const known = MODES[mode];
  if (known) return known;
  const words = mode.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
