import path from 'node:path';
import type { Db } from '../../core/db/open-database';
import { planImport } from '../../core/import/plan-import';
import { writeImport } from '../../core/import/write-import';
import { loadViewer, type Viewer } from '../../core/portal/viewer';

export const FIXTURE_DIR = path.resolve(__dirname, '../fixtures');

export async function load(db: Db, file: unknown) {
  return writeImport(db, planImport(file, FIXTURE_DIR));
}

/** The viewer for the primary contact of customer `key`. */
export async function viewerOf(db: Db, key: string): Promise<Viewer> {
  const contact = await db.contact.findFirstOrThrow({ where: { customer: { key } }, orderBy: [{ primary: 'desc' }, { id: 'asc' }] });
  return loadViewer(db, contact.id);
}
