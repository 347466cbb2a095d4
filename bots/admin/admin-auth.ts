import type restify from 'restify';
import type { AdminScope } from '../../core/facade/core';
import type { DoorDeps } from '../door';

const scopes = new WeakMap<restify.Request, AdminScope>();

/** The scope an admin route's request was authorized for (after `adminAuth`). */
export function scopeOf(req: restify.Request): AdminScope {
  const scope = scopes.get(req);
  if (!scope) throw new Error('admin route without adminAuth');
  return scope;
}

/**
 * Every /admin/* route: `Authorization: Bearer <key>`, a merchant key for its organization, or for
 * all of them the operator's ADMIN_API_KEY or the key of this machine's commands. A missing, wrong or revoked key gets 401 and the same answer;
 * the body is not read before the key is known.
 */
export function adminAuth({ core, log }: Pick<DoorDeps, 'core' | 'log'>): restify.RequestHandler {
  return (req, res, next) => {
    const bearer = /^Bearer (\S+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
    core.admin.authorize(bearer).then((scope) => {
      if (!scope) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        res.send(401, { error: 'a valid merchant key is required (Authorization: Bearer <key>)' });
        return next(false);
      }
      scopes.set(req, scope);
      next();
    }, (err: unknown) => {
      log.error({ reqId: req.id(), err }, 'admin key check failed');
      res.send(503, { error: 'the key could not be checked; try again' });
      next(false);
    });
  };
}
