import crypto from 'node:crypto';
import type restify from 'restify';
import { AppError } from '../../core/errors';
import { toDecimalString } from '../../core/money';
import { offlinePaymentInput, recordOfflinePayment, type RecordedPayment } from '../../core/payments/record-offline-payment';
import type { DoorDeps } from '../door';
import { body } from '../http/body';

/**
 * The merchant's admin API. POST /admin/payments records a payment received by cheque, cash or
 * transfer: `Authorization: Bearer ADMIN_API_KEY`; an `Idempotency-Key` header makes a
 * retried request record nothing new. Off (503) while ADMIN_API_KEY is unset.
 */
export function registerAdmin(server: restify.Server, { config, log, portal }: Pick<DoorDeps, 'config' | 'log' | 'portal'>): void {
  const key = config.ADMIN_API_KEY;
  const expected = key ? digest(key) : null;

  const authorized: restify.RequestHandler = (req, res, next) => {
    if (!expected) {
      res.send(503, { error: 'the admin API is not configured (ADMIN_API_KEY)' });
      return next(false);
    }
    const given = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
    // Equal-length digests, compared in constant time: the key's length leaks nothing either.
    if (!crypto.timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'a valid admin API key is required' });
      return next(false);
    }
    return next();
  };

  server.post('/admin/payments', authorized, body('json', 256 * 1024), async (req, res) => {
    const parsed = offlinePaymentInput.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.send(400, { error: 'invalid payment', issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
      return;
    }
    const idempotencyKey = req.header('idempotency-key')?.trim().slice(0, 200) || undefined;
    try {
      const payment = await recordOfflinePayment({ db: portal.db, input: parsed.data, idempotencyKey });
      log.info({ reqId: req.id(), org: parsed.data.org, customer: parsed.data.customer, number: payment.number, created: payment.created }, 'offline payment');
      res.send(payment.created ? 201 : 200, { payment: toWire(payment) });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'bad_request' || err.code === 'not_found')) {
        res.send(err.code === 'not_found' ? 404 : 400, { error: err.message });
        return;
      }
      log.error({ reqId: req.id(), err }, 'offline payment failed');
      res.send(500, { error: 'the payment was not recorded' });
    }
  });
}

function digest(text: string): Buffer {
  return crypto.createHash('sha256').update(text).digest();
}

/** Amounts leave as decimal strings in major units, as the import takes them. */
function toWire(p: RecordedPayment) {
  const amount = (minor: bigint) => toDecimalString(minor, p.currency);
  return {
    number: p.number, date: p.date, amount: amount(p.amount), currency: p.currency, mode: p.mode, reference: p.reference,
    applied: p.applied.map((a) => ({ invoice: a.number, amount: amount(a.amount) })), unapplied: amount(p.unapplied),
  };
}
