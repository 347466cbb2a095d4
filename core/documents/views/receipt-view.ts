import type { PaymentDetail } from '../../portal/payments';
import type { TemplateData } from '../fill-template';
import { optional, type DocumentFormat } from './document-format';
import { paymentMode } from './invoice-view';
import { headView, type Parties } from './parties';

export function receiptView(payment: PaymentDetail, parties: Parties, fmt: DocumentFormat): TemplateData {
  return {
    title: `Payment receipt ${payment.number}`,
    ...headView(parties, {
      heading: 'Payment receipt',
      toLabel: 'Received from',
      number: payment.number,
      facts: [['Payment date', fmt.day(payment.date)], ['Payment method', paymentMode(payment.mode)], ['Reference', payment.reference ?? '']],
    }),
    currency: payment.currency,
    amount: fmt.money(payment.amount),
    paymentDate: fmt.day(payment.date),
    applied: payment.applied.map((a) => ({ what: `${a.kind === 'retainer' ? 'Retainer invoice' : 'Invoice'} ${a.number}`, amount: fmt.money(a.amount) })),
    unapplied: optional(payment.unapplied > 0n && { amount: fmt.money(payment.unapplied) }),
  };
}
