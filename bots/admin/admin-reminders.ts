import type restify from 'restify';
import { AppError } from '../../core/errors';
import { reminderRequest, resolveDisputeRequest, type PlannedReminder } from '../../core/facade/core';
import { toDecimalString } from '../../core/money';
import type { DoorDeps } from '../door';
import { body } from '../http/body';
import { scopeOf } from './admin-auth';

const STATUS: Partial<Record<AppError['code'], number>> = { bad_request: 400, not_found: 404, not_allowed: 403 };

/**
 * POST /admin/reminders: `{ "overdue": true }`, `{ "invoice": "INV-…" }` or `{ "customer": "KEY" }`
 * (and `"dryRun": true` to only see what would go). Answers with one line per customer.
 */
export function registerAdminReminders(server: restify.Server, { core, log }: Pick<DoorDeps, 'core' | 'log'>, auth: restify.RequestHandler): void {
  server.post('/admin/reminders', auth, body('json', 16 * 1024), async (req, res) => {
    const parsed = reminderRequest.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: 'invalid reminder request', issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
      return;
    }
    try {
      const planned = await core.admin.remind(scopeOf(req), parsed.data);
      log.info({ reqId: req.id(), customers: planned.length, dryRun: parsed.data.dryRun ?? false }, 'reminder run');
      res.send(parsed.data.dryRun ? 200 : 202, { reminders: planned.map(toWire) });
    } catch (err) {
      if (!(err instanceof AppError) || !STATUS[err.code]) throw err;
      res.send(STATUS[err.code]!, { error: err.message });
    }
  });
  /** POST /admin/disputes/resolve: `{ "invoice": "INV-…" }` or `{ "dispute": 12 }`, with an optional `"resolution"` note. */
  server.post('/admin/disputes/resolve', auth, body('json', 16 * 1024), async (req, res) => {
    const parsed = resolveDisputeRequest.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: 'invalid dispute request', issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
      return;
    }
    try {
      const resolved = await core.admin.resolveDispute(scopeOf(req), parsed.data);
      log.info({ reqId: req.id(), dispute: resolved.id }, 'dispute resolved');
      res.send(200, { resolved });
    } catch (err) {
      if (!(err instanceof AppError) || !STATUS[err.code]) throw err;
      res.send(STATUS[err.code]!, { error: err.message });
    }
  });
}

function toWire(p: PlannedReminder) {
  return {
    customer: p.customer, outcome: p.outcome, ...(p.reason ? { reason: p.reason } : {}), ...(p.channel ? { channel: p.channel } : {}),
    ...(p.leavesAt ? { leavesAt: p.leavesAt.toISOString() } : {}),
    invoices: p.invoices.map((i) => ({ number: i.number, amount: toDecimalString(i.amount, p.currency) })), total: toDecimalString(p.total, p.currency), currency: p.currency,
  };
}
