import { z } from 'zod';
import { AppError } from '../errors';
import type { AdminScope } from '../merchant/merchant-keys';
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

/** The organization a request acts for: a merchant key's own, or the one an operator names. */
export function orgOf(scope: AdminScope, request: { org?: string }): string {
  if (scope.all) {
    if (!request.org) throw new AppError('bad_request', 'org: required with the operator key (ADMIN_API_KEY)');
    return request.org;
  }
  if (request.org !== undefined && request.org !== scope.orgKey) throw new AppError('not_allowed', `org: this key acts for organization "${scope.orgKey}" only`);
  return scope.orgKey;
}
