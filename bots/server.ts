import restify from 'restify';
import type { Logger } from 'pino';
import type { Db } from '../core/db/open-database';

export interface ServerDeps {
  db: Db;
  log: Logger;
}

/** The one HTTP server; each channel adds its routes to it. */
export function createServer({ db, log }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'chat-portal', handleUncaughtExceptions: false });
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
  return server;
}
