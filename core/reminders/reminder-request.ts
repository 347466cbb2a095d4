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

/** POST /admin/disputes/resolve: the open dispute of one invoice (or by its id), with a note for the record. */
export const resolveDisputeRequest = z.object({
  org: z.string().trim().min(1).max(100).optional(),
  invoice: z.string().trim().min(1).max(64).optional(),
  dispute: z.number().int().positive().max(2_147_483_647).optional(),
  resolution: z.string().max(500).optional(),
}).strict().refine((r) => (r.invoice === undefined) !== (r.dispute === undefined), 'give exactly one of "invoice" or "dispute"');

export type ResolveDisputeRequest = z.infer<typeof resolveDisputeRequest>;
