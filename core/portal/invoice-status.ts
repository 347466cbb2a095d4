import type { Day } from '../dates';

export type InvoiceStatus = 'paid' | 'partially_paid' | 'overdue' | 'unpaid';

/**
 * What the customer sees: paid (nothing left), overdue (something left and past due),
 * partially paid (some paid, not due yet), unpaid. Draft and void never reach here.
 */
export function invoiceStatus(inv: { total: bigint; balance: bigint; dueDate: Day | null }, today: Day): InvoiceStatus {
  if (inv.balance <= 0n) return 'paid';
  if (inv.dueDate !== null && inv.dueDate < today) return 'overdue';
  return inv.balance < inv.total ? 'partially_paid' : 'unpaid';
}
