import restify from 'restify';
import type { Logger } from 'pino';
import type { Core } from '../core/facade/core';
import { registerFilesRoute } from './files/files-route';

/** The one HTTP server; each channel adds its routes to it. */
export function createServer({ core, log }: { core: Core; log: Logger }): restify.Server {
  // File tokens run past the router's default 100-character limit for a path parameter.
  // restify's own messages stay at error level: its warnings dump whole requests, bodies included.
  const server = restify.createServer({
    name: 'chat-portal', handleUncaughtExceptions: false, maxParamLength: 4096,
    log: log.child({ component: 'restify' }, { level: 'error' }) as unknown as restify.ServerOptions['log'],
  });
  // A request has 30 s to arrive whole: a sender trickling bytes does not hold a socket for long.
  server.server.headersTimeout = 15_000;
  server.server.requestTimeout = 30_000;
  server.use(restify.plugins.queryParser());
  // A handler that fails answers 500 for its own request, with nothing of the failure in the body.
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500 && !res.headersSent) {
      log.error({ reqId: req.id(), err }, 'request failed');
      res.send(status, { error: 'Something went wrong on our side.' });
    }
    callback();
  });
  // One line a request, with its id: method, route, status and time; never a body or a token.
  server.on('after', (req: restify.Request, res: restify.Response, route?: restify.Route) => {
    log.info({ reqId: req.id(), method: req.method, route: route?.spec.path ?? 'unmatched', status: res.statusCode, ms: Date.now() - req.time() }, 'request');
  });

  server.get('/healthz', async (_req, res) => {
    const ok = await core.health();
    res.json(ok ? 200 : 503, { ok });
  });
  registerFilesRoute(server, { core, log });
  return server;
}
