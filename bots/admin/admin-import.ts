import type restify from 'restify';
import { AppError } from '../../core/errors';
import type { DoorDeps } from '../door';
import { body } from '../http/body';
import { scopeOf } from './admin-auth';

/** An organization's books with their shared documents inline: a large ledger, not a message. */
const MAX_BODY = 32 * 1024 * 1024;

/** POST /admin/import: the import file's JSON, loaded as `npm run -s import` loads it. */
export function registerAdminImport(server: restify.Server, { core, log }: Pick<DoorDeps, 'core' | 'log'>, auth: restify.RequestHandler): void {
  server.post('/admin/import', auth, body('json', MAX_BODY), async (req, res) => {
    try {
      const summary = await core.admin.importBooks(scopeOf(req), req.body);
      log.info({ reqId: req.id(), org: summary.organization, counts: summary.counts }, 'import');
      res.send(200, { summary });
    } catch (err) {
      if (err instanceof AppError && err.code === 'import_invalid') return void res.send(400, { error: err.message });
      if (err instanceof AppError && err.code === 'not_allowed') return void res.send(403, { error: err.message });
      throw err;
    }
  });
}
