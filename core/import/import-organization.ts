import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import { planImport } from './plan-import';
import { writeImport, type ImportSummary } from './write-import';

/** Reads, checks and loads an import file; a bad file is refused whole. */
export async function importOrganization(db: Db, file: string): Promise<ImportSummary> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not valid JSON (${(err as Error).message})`;
    throw new AppError('import_invalid', `The import file was refused; nothing was imported:\n  ${file}: ${why}`);
  }
  return writeImport(db, planImport(raw, path.dirname(path.resolve(file))));
}
