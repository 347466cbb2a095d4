import type restify from 'restify';
import { AppError } from '../../core/errors';
import { toDecimalString } from '../../core/money';
import { offlinePaymentInput, type RecordedPayment } from '../../core/facade/core';
import type { DoorDeps } from '../door';
import { body } from '../http/body';
import { adminAuth, scopeOf } from './admin-auth';
import { registerAdminImport } from './admin-import';
import { registerAdminReminders } from './admin-reminders';

const STATUS: Partial<Record<AppError['code'], number>> = { bad_request: 400, not_found: 404, not_allowed: 403, conflict: 422 };

/**
 * The merchant's admin API. POST /admin/payments records a payment received by cheque, cash or
 * transfer; an `Idempotency-Key` header makes a retried request record nothing new.
 * POST /admin/import loads an organization's books.
 */
export function registerAdmin(server: restify.Server, { log, core }: Pick<DoorDeps, 'log' | 'core'>): void {
  const auth = adminAuth({ core, log });
  registerAdminImport(server, { core, log }, auth);
  registerAdminReminders(server, { core, log }, auth);
  server.post('/admin/payments', auth, body('json', 256 * 1024), async (req, res) => {
    const parsed = offlinePaymentInput.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: 'invalid payment', issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
      return;
    }
    const idempotencyKey = req.header('idempotency-key')?.trim().slice(0, 200) || undefined;
    try {
      const payment = await core.admin.recordPayment(scopeOf(req), parsed.data, idempotencyKey);
      log.info({ reqId: req.id(), org: payment.org, customer: parsed.data.customer, number: payment.number, created: payment.created }, 'offline payment');
      res.send(payment.created ? 201 : 200, { payment: toWire(payment) });
    } catch (err) {
      if (!(err instanceof AppError) || !STATUS[err.code]) throw err;
      res.send(STATUS[err.code]!, { error: err.message });
    }
  });
}

/** Amounts leave as decimal strings in major units, as the import takes them. */
function toWire(p: RecordedPayment) {
  const amount = (minor: bigint) => toDecimalString(minor, p.currency);
  return {
    number: p.number, date: p.date, amount: amount(p.amount), currency: p.currency, mode: p.mode, reference: p.reference,
    applied: p.applied.map((a) => ({ invoice: a.number, amount: amount(a.amount) })), unapplied: amount(p.unapplied),
  };
}
