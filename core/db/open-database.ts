import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { AppError } from '../errors';
import { PrismaClient } from './generated/client';
import { claimEmbedded, shownPath, type Claim } from './embedded-owner';
import { holdPgliteInstance, holdPostgresInstance } from './instance';
import { applyMigrations } from './schema-engine';
import { pgliteRunner, poolRunner, registerSql } from './sql';

export type { Db } from './db';

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** This process's claim on an embedded database on disk (embedded-owner.ts). */
  claim?: Claim;
  close(): Promise<void>;
}

/**
 * `url` postgres://… → PostgreSQL through @prisma/adapter-pg; otherwise the embedded
 * PGlite, on disk in `dataDir` (claimed for this process as `owner`) or in memory when
 * `dataDir` is 'memory://'. Pending migrations are applied before the client is handed out.
 */
export async function openDatabase(options: { url?: string; dataDir?: string; migrate?: boolean; owner?: string }): Promise<Database> {
  const { url, dataDir = 'memory://', migrate = true, owner = 'another portal process' } = options;
  const claim = !url && dataDir !== 'memory://' ? claimEmbedded(dataDir, owner) : undefined;
  try {
    return await open({ url, dataDir, migrate, claim });
  } catch (err) {
    claim?.release();
    if (!claim) throw err;
    const folder = shownPath(dataDir);
    const why = String((err as Error)?.message ?? err).split('\n')[0].slice(0, 200);
    throw new AppError('unavailable', `The embedded database in ${folder} could not be opened (${why}): its files look damaged. `
      + `To get going again, restore a backup (npm run -s restore -- FILE), or move the folder aside (mv ${folder} ${folder}.damaged) to start with an empty database.`, undefined, { cause: err });
  }
}

async function open({ url, dataDir, migrate, claim }: { url?: string; dataDir: string; migrate: boolean; claim?: Claim }): Promise<Database> {
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
  if (migrate && url) await migratePostgres(url);
  else if (migrate) await applyMigrations(factory);
  const prisma = new PrismaClient({ adapter: factory });
  const instance = url ? await holdPostgresInstance(url) : await holdPgliteInstance(pglite!);
  registerSql(prisma, pool ? poolRunner(pool, instance.id) : pgliteRunner(pglite!, instance.id));
  return {
    prisma,
    kind: url ? 'postgres' : 'pglite',
    claim,
    async close() {
      await instance.release();
      await prisma.$disconnect();
      await pool?.end();
      await pglite?.close();
      claim?.release();
    },
  };
}

/**
 * The engine takes PostgreSQL's advisory lock for migrations and releases it with a later
 * statement: both must run on one session, so it gets a pool of one connection, ended after
 * (a shared pool could release on another connection and leave the lock held for good).
 */
async function migratePostgres(url: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  pool.on('error', () => {});
  try {
    await applyMigrations(new PrismaPg(pool));
  } finally {
    await pool.end();
  }
}
