import path from 'node:path';
import type { Config } from './config';
import { openDatabase, type Database } from './db/open-database';
import { importOrganization } from './import/import-organization';

export const DEMO_FILE = path.resolve(__dirname, '../prisma/demo/demo.json');

/** Where the embedded database lives. */
export function embeddedDir(config: Pick<Config, 'DATA_DIR'>): string {
  return path.join(config.DATA_DIR, 'pglite');
}

/**
 * Opens the configured database (migrated) and, in demo mode, loads the demo organization
 * into an empty one so a fresh clone has something to talk to.
 */
export async function startPortal(config: Config, log: { info(obj: object, msg?: string): void }): Promise<Database> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: embeddedDir(config), owner: 'the portal server' });
  log.info({ database: database.kind }, 'database ready');
  if (config.demoMode && (await database.prisma.organization.count()) === 0) {
    const summary = await importOrganization(database.prisma, DEMO_FILE);
    log.info({ ...summary.counts }, `demo organization "${summary.organization}" loaded`);
  }
  return database;
}
