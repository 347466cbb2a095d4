import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import type { AdminScope } from '../merchant/merchant-keys';
import { planImport } from './plan-import';
import { loadKnownBooks } from './known-books';
import { writeImport, type ImportSummary } from './write-import';

const refused = (why: string) => new AppError('import_invalid', `The import file was refused; nothing was imported:\n  ${why}`);

/**
 * An import file as one JSON value: its documents' files, read from beside it, ride along as
 * base64 `content`, so the value can be loaded here or sent to the server that holds the data.
 * A file that is missing is left for the check to report with every other problem.
 */
export function readImportFile(file: string): { raw: unknown; dir: string } {
  let raw: { documents?: Array<{ file?: unknown; content?: unknown }> };
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw refused(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not valid JSON (${(err as Error).message})`}`);
  }
  const dir = path.dirname(path.resolve(file));
  for (const doc of Array.isArray(raw?.documents) ? raw.documents : []) {
    if (typeof doc?.file !== 'string' || doc.content !== undefined) continue;
    const full = path.resolve(dir, doc.file);
    if (fs.existsSync(full)) doc.content = fs.readFileSync(full).toString('base64');
  }
  return { raw, dir };
}

const NAMES: Record<keyof ImportSummary['counts'], string> = {
  customers: 'customers', salesOrders: 'sales orders', invoices: 'invoices', creditNotes: 'credit notes', payments: 'payments',
  retainerApplications: 'retainer applications', documents: 'documents',
};

/** The summary in words: "Updated organization "acme": 5 customers (1 new, 4 unchanged), …". */
export function describeImport(summary: ImportSummary, via = ''): string {
  const parts = Object.entries(summary.counts).flatMap(([kind, c]) => {
    const listed = c.created + c.updated + c.unchanged;
    const detail = [c.created && `${c.created} new`, c.updated && `${c.updated} updated`, c.unchanged && `${c.unchanged} unchanged`, c.leftAlone && `${c.leftAlone} not in the file, left as they were`].filter(Boolean);
    return listed || c.leftAlone ? [`${listed} ${NAMES[kind as keyof typeof NAMES]}${detail.length ? ` (${detail.join(', ')})` : ''}`] : [];
  });
  const extra = [
    summary.voided && `${summary.voided} void`,
    summary.portalPaymentsMatched && `${summary.portalPaymentsMatched} payments matched to payments the portal recorded`,
    summary.conflicts.length && `${summary.conflicts.length} invoices paid twice over (the excess kept as credit: ${summary.conflicts.map((c) => `${c.invoice} ${c.excess}`).join(', ')})`,
  ].filter(Boolean);
  return `${summary.created ? 'Imported' : 'Updated'} organization "${summary.organization}"${via}: ${parts.join(', ') || 'nothing listed'}.${extra.length ? ` ${extra.join('; ')}.` : ''}`;
}

/** Checks and loads an organization's books; a bad file is refused whole, naming every problem. */
export async function importOrganization(db: Db, file: string): Promise<ImportSummary> {
  const { raw, dir } = readImportFile(file);
  return importRaw(db, raw, dir);
}

/** An import file's JSON checked against the file itself and what the portal already holds, then written. */
export async function importRaw(db: Db, raw: unknown, dir: string | null): Promise<ImportSummary> {
  const known = await loadKnownBooks(db, (raw as { organization?: { key?: unknown } } | null)?.organization?.key);
  return writeImport(db, planImport(raw, dir, known));
}

/** The same through the admin API: a merchant key loads its own organization's books only. */
export async function importBooks(db: Db, raw: unknown, scope: AdminScope): Promise<ImportSummary> {
  const org = (raw as { organization?: { key?: unknown } } | null)?.organization?.key;
  if (!scope.all && org !== scope.orgKey) throw new AppError('not_allowed', `organization.key: this key acts for organization "${scope.orgKey}" only`);
  return importRaw(db, raw, null);
}
