import restify from 'restify';
import type { Logger } from 'pino';
import type { Db } from '../core/db/open-database';
import { registerFilesRoute, type FilesDeps } from './files/files-route';

export interface ServerDeps {
  db: Db;
  log: Logger;
  files: FilesDeps;
}

/** The one HTTP server; each channel adds its routes to it. */
export function createServer({ db, log, files }: ServerDeps): restify.Server {
  // File tokens run past the router's default 100-character limit for a path parameter.
  const server = restify.createServer({ name: 'chat-portal', handleUncaughtExceptions: false, maxParamLength: 4096 });
  server.use(restify.plugins.queryParser());

  server.get('/healthz', async (_req, res) => {
    try {
      await db.$queryRaw`SELECT 1`;
      res.json(200, { ok: true });
    } catch (err) {
      log.error({ err }, 'health check failed');
      res.json(503, { ok: false });
    }
  });
  registerFilesRoute(server, { db, log, files });
  return server;
}
