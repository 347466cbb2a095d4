import { dayIn } from '../dates';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import { loadViewer, type Viewer } from '../portal/viewer';
import { buildDocumentHtml } from './document-html';
import type { DocumentRef } from './document-ref';
import type { DocumentTemplates } from './document-templates';
import type { FileGrant } from './file-token';
import type { PdfRenderer } from './pdf-renderer';

export interface DocumentFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/**
 * The file a verified link grants, rendered now so its figures are today's; null when the
 * document is gone or no longer the customer's (the caller answers exactly as for a bad link).
 */
export async function renderDocument({ db, renderer, templates, grant, now }: {
  db: Db; renderer: PdfRenderer; templates: DocumentTemplates; grant: FileGrant; now: Date;
}): Promise<DocumentFile | null> {
  const viewer = await grantedViewer(db, grant);
  if (!viewer) return null;
  return printDocument({ db, renderer, templates, viewer, doc: grant.doc, now });
}

/** One of a customer's documents as a file (a PDF, or the shared file as it came); null when it is not theirs. */
export async function printDocument({ db, renderer, templates, viewer, doc, now }: {
  db: Db; renderer: PdfRenderer; templates: DocumentTemplates; viewer: Viewer; doc: DocumentRef; now: Date;
}): Promise<DocumentFile | null> {
  if (doc.kind === 'shared') {
    const shared = await db.sharedDocument.findFirst({ where: { id: doc.id, customerId: viewer.customerId } });
    if (!shared) return null;
    return { body: Buffer.from(shared.content), contentType: shared.contentType, fileName: shared.fileName };
  }
  const printable = await buildDocumentHtml({ db, viewer, today: dayIn(viewer.timezone, now), templates, doc });
  if (!printable) return null;
  const body = await renderer.render(printable.html, { footerLabel: printable.footerLabel });
  return { body, contentType: 'application/pdf', fileName: printable.fileName };
}

/** The contact the link was made for, still a contact of that customer of that organization. */
async function grantedViewer(db: Db, grant: FileGrant): Promise<Viewer | null> {
  try {
    const viewer = await loadViewer(db, grant.contactId);
    return viewer.customerId === grant.customerId && viewer.orgId === grant.orgId ? viewer : null;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}
