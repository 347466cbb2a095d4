import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { claimEmbedded } from './embedded-owner';

/**
 * Backup and restore of the embedded database with PGlite's own dump of its data folder (a
 * gzipped tar). Both claim the folder first, as opening it does: never beside a running server.
 */

async function openPglite(options: { dataDir: string; loadDataDir?: Blob }) {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = new PGlite(options);
  await pglite.waitReady;
  return pglite;
}

/** Writes a copy of the embedded database in `dbDir` to `file` (whole, or not at all). */
export async function backupEmbedded(dbDir: string, file: string): Promise<{ bytes: number }> {
  if (!fs.existsSync(path.join(dbDir, 'PG_VERSION'))) throw new AppError('not_found', `There is no embedded database in ${dbDir} to back up.`);
  const claim = claimEmbedded(dbDir, 'npm run -s backup');
  try {
    const pglite = await openPglite({ dataDir: dbDir });
    const dump = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
    await pglite.close();
    const partial = `${file}.partial`;
    fs.writeFileSync(partial, dump, { mode: 0o600 });
    fs.renameSync(partial, file);
    return { bytes: dump.length };
  } finally {
    claim.release();
  }
}

/**
 * Brings back the database a backup holds. What `dbDir` held is moved aside, not deleted, and
 * is put back if the backup cannot be read.
 */
export async function restoreEmbedded(dbDir: string, file: string, now = new Date()): Promise<{ movedAside: string | null }> {
  const claim = claimEmbedded(dbDir, 'npm run -s restore');
  if (!fs.existsSync(file)) {
    claim.release();
    throw new AppError('not_found', `${file}: file not found`);
  }
  const aside = fs.existsSync(dbDir) ? `${dbDir}.before-restore-${now.toISOString().replace(/\D/g, '').slice(0, 14)}` : null;
  try {
    if (aside) fs.renameSync(dbDir, aside);
    try {
      const pglite = await openPglite({ dataDir: dbDir, loadDataDir: new Blob([fs.readFileSync(file)]) });
      await pglite.query('SELECT 1 FROM "_prisma_migrations" LIMIT 1');
      await pglite.close();
    } catch (err) {
      fs.rmSync(dbDir, { recursive: true, force: true });
      if (aside) fs.renameSync(aside, dbDir);
      throw new AppError('bad_request', `${file} is not a backup of the portal's embedded database (${String((err as Error).message).split('\n')[0]}); nothing was changed.`, undefined, { cause: err });
    }
    return { movedAside: aside };
  } finally {
    claim.release();
  }
}
