import { z } from 'zod';
import type { ReminderTarget } from './plan-reminders';

/** POST /admin/reminders and `npm run -s remind`: exactly one of overdue, invoice, customer. */
export const reminderRequest = z.object({
  org: z.string().trim().min(1).max(100).optional(),
  overdue: z.literal(true).optional(),
  invoice: z.string().trim().min(1).max(64).optional(),
  customer: z.string().trim().min(1).max(200).optional(),
  dryRun: z.boolean().optional(),
}).strict().refine((r) => [r.overdue, r.invoice, r.customer].filter((v) => v !== undefined).length === 1, 'give exactly one of "overdue": true, "invoice" or "customer"');

export type ReminderRequest = z.infer<typeof reminderRequest>;

export function targetOf(request: ReminderRequest): ReminderTarget {
  if (request.invoice !== undefined) return { invoice: request.invoice };
  if (request.customer !== undefined) return { customer: request.customer };
  return { overdue: true };
}
