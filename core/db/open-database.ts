import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client';
import { holdPgliteInstance, holdPostgresInstance } from './instance';
import { applyMigrations } from './schema-engine';
import { pgliteRunner, poolRunner, registerSql } from './sql';

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/**
 * `url` postgres://… → PostgreSQL through @prisma/adapter-pg; otherwise the embedded
 * PGlite, on disk in `dataDir` or in memory when `dataDir` is 'memory://'.
 * Pending migrations are applied before the client is handed out.
 */
export async function openDatabase(options: { url?: string; dataDir?: string; migrate?: boolean }): Promise<Database> {
  const { url, dataDir = 'memory://', migrate = true } = options;
  let factory: SqlMigrationAwareDriverAdapterFactory;
  let pglite: PGlite | undefined;
  let pool: Pool | undefined;
  if (url) {
    // One pool of our own for the engine and the client, so close() knows what to end.
    pool = new Pool({ connectionString: url, max: 10 });
    // An idle connection the server drops (a restart, a terminated backend) is replaced on next
    // use; without a listener its 'error' would take the whole process down.
    pool.on('error', () => {});
    factory = new PrismaPg(pool);
  } else {
    // PGlite loads part of itself with import(): an ESM module that must stay a dynamic import.
    const { PGlite: Embedded } = await import('@electric-sql/pglite');
    if (dataDir !== 'memory://') fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    pglite = new Embedded(dataDir);
    await pglite.waitReady;
    factory = new PrismaPGlite(pglite);
  }
  if (migrate) await applyMigrations(factory);
  const prisma = new PrismaClient({ adapter: factory });
  const instance = url ? await holdPostgresInstance(url) : await holdPgliteInstance(pglite!);
  registerSql(prisma, pool ? poolRunner(pool, instance.id) : pgliteRunner(pglite!, instance.id));
  return {
    prisma,
    kind: url ? 'postgres' : 'pglite',
    async close() {
      await instance.release();
      await prisma.$disconnect();
      await pool?.end();
      await pglite?.close();
    },
  };
}
