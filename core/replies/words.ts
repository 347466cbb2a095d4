import { dayInWords, type Day } from '../dates';
import { formatMoney } from '../money';
import type { InvoiceStatus } from '../portal/invoice-status';
import type { Viewer } from '../portal/viewer';

/** Money and dates in the organization's locale and the customer's currency. */
export function money(viewer: Viewer, minor: bigint, currency = viewer.currency): string {
  return formatMoney(minor, currency, viewer.locale);
}

export function day(viewer: Viewer, value: Day): string {
  return dayInWords(value, viewer.locale);
}

export const STATUS_WORDS: Record<InvoiceStatus, string> = {
  paid: 'paid',
  partially_paid: 'partly paid',
  overdue: 'overdue',
  unpaid: 'unpaid',
};

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function periodWords(viewer: Viewer, period: { from: Day; to: Day }): string {
  return `${day(viewer, period.from)} – ${day(viewer, period.to)}`;
}
