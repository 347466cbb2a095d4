import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { buildApp } from '../../bots/app';
import { createAddressSender } from '../../bots/senders/address-sender';
import { loadConfig } from '../../core/config';
import type { ConversationDeps } from '../../core/conversation/turn';
import { createChromiumRenderer } from '../../core/documents/chromium-renderer';
import { assembleCore } from '../../core/facade/assemble-core';
import type { Core } from '../../core/facade/core';
import { fixtureFile } from './fixture';
import { load } from './load';
import { openTestDatabase, type TestDatabase } from './test-database';

export const PUBLIC_BASE_URL = 'https://portal.example.com';

export interface TestApp {
  url: string;
  db: TestDatabase;
  /** The dialogue's dependencies, for calling the core directly. */
  portal: ConversationDeps;
  /** The core's operations, as the doors get them. */
  core: Core;
  /** A public link the app handed out, made fetchable on the local server. */
  local(publicUrl: string): string;
  close(): Promise<void>;
}

/**
 * The real server, as main builds it, on a free port with the fixture organization:
 * `env` holds the settings (provider secrets, stand-in URLs), `overrides` the fakes at the edge.
 */
export async function startApp(env: NodeJS.ProcessEnv, overrides: Partial<ConversationDeps> = {}, kind: 'pglite' | 'postgres' = 'pglite'): Promise<TestApp> {
  const db = await openTestDatabase(kind);
  await load(db.prisma, fixtureFile());
  const config = loadConfig({ PUBLIC_BASE_URL, APP_SECRET: 'test-secret-that-is-long-enough-1234567890', LOG_LEVEL: 'silent', ...env });
  const log = pino({ level: 'silent' });
  const renderer = createChromiumRenderer({ executablePath: config.PUPPETEER_EXECUTABLE_PATH, log });
  // The clock stands still, so every message falls in one rate-limit minute: raise the limits.
  const limits = { perIdentityPerMinute: 1000, perPrefixPerMinute: 1000 };
  const { core, conversation: portal, outbound } = assembleCore({
    config, db: db.prisma, renderer, log, clock: () => new Date('2026-11-24T15:00:00Z'), messenger: createAddressSender(config, log), overrides: { limits, ...overrides },
  });
  const server = buildApp({ config, log, core, outbound });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, db, portal, core,
    local: (publicUrl) => publicUrl.replace(PUBLIC_BASE_URL, url),
    async close() {
      server.close();
      (server.server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await renderer.close();
      await db.close();
    },
  };
}
