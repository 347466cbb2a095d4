import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadSettings } from '../core/config';
import { createChromiumRenderer } from '../core/documents/chromium-renderer';
import { AppError } from '../core/errors';
import { assembleCore } from '../core/facade/assemble-core';
import { startPortal } from '../core/start-portal';
import { buildApp } from './app';
import { createAddressSender } from './senders/address-sender';

/** Composition root: config → database → core → channels → one restify server. */
async function main() {
  const config = loadSettings();
  const log = pino({ level: config.LOG_LEVEL, redact: ['req.headers.authorization', '*.token', '*.secret'] });
  const database = await startPortal(config, log);
  // The browser starts with the first PDF, not with the server.
  const renderer = createChromiumRenderer({ executablePath: config.PUPPETEER_EXECUTABLE_PATH, log });
  // Commands on this machine reach an embedded database through the server that holds it.
  const { core, outbound } = assembleCore({ config, db: database.prisma, renderer, log, messenger: createAddressSender(config, log), commandToken: database.claim?.token });
  const server = buildApp({ config, log, core, outbound });
  server.listen(config.PORT, config.HOST, () => {
    const { port } = server.address() as AddressInfo;
    database.claim?.listening(`http://${config.HOST.includes(':') ? '[::1]' : '127.0.0.1'}:${port}`);
    log.info(`portal listening on ${server.url} (public address ${config.PUBLIC_BASE_URL})`);
    // Every server process works the shared job queue: events to the merchant, payment messages.
    core.jobs.start();
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close(async () => {
      await core.jobs.stop();
      await renderer.close();
      await database.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // A promise nobody awaited that fails is a bug to log, not a reason to stop serving everyone.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
}

main().catch((err) => {
  console.error(err instanceof AppError ? err.message : err);
  process.exit(1);
});
