import { verifyFileToken } from '../../core/documents/file-token';
import { renderDocument, type DocumentFile } from '../../core/documents/render-document';
import type { DoorDeps } from '../door';

/**
 * A reply's document link (`${PUBLIC_BASE_URL}/files/<token>`) as the PDF itself, for upload: the
 * same checks and rendering as GET /files/:token. Null when the link is not one of ours or no
 * longer grants anything.
 */
export async function loadDocumentFile({ config, portal, files }: DoorDeps, url: string): Promise<DocumentFile | null> {
  const prefix = `${config.PUBLIC_BASE_URL}/files/`;
  if (!url.startsWith(prefix)) return null;
  const now = files.clock();
  const grant = verifyFileToken(decodeURIComponent(url.slice(prefix.length)), files.secret, now);
  if (!grant) return null;
  return renderDocument({ db: portal.db, renderer: files.renderer, templates: files.templates, grant, now });
}
