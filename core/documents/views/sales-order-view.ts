import type { OrderDetail, OrderStatus } from '../../portal/sales-orders';
import type { TemplateData } from '../fill-template';
import { optional, type DocumentFormat } from './document-format';
import { STATUS_LABEL } from './invoice-view';
import { headView, type Parties } from './parties';

const ORDER_STATUS: Record<OrderStatus, string> = { confirmed: 'Confirmed', packed: 'Packed', shipped: 'Shipped', fulfilled: 'Fulfilled' };

export function salesOrderView(order: OrderDetail, parties: Parties, fmt: DocumentFormat): TemplateData {
  return {
    title: `Sales order ${order.number}`,
    ...headView(parties, {
      heading: 'Sales order',
      toLabel: 'Customer',
      number: order.number,
      facts: [['Order date', fmt.day(order.date)], ['Status', ORDER_STATUS[order.status]]],
    }),
    currency: order.currency,
    lines: order.lines.map((l) => ({ item: l.item, description: l.description ?? '', quantity: l.quantity, rate: fmt.money(l.rate), amount: fmt.money(l.amount) })),
    total: fmt.money(order.total),
    invoiceSection: optional(order.invoices.length > 0 && {
      invoices: order.invoices.map((i) => ({
        number: i.number, date: fmt.day(i.date), total: fmt.money(i.total), balance: fmt.money(i.balance), status: STATUS_LABEL[i.status],
      })),
    }),
  };
}
