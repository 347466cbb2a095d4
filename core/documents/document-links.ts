import type { Clock } from '../clock';
import type { Viewer } from '../portal/viewer';
import type { DocumentLink, DocumentLinks, DocumentRef } from './document-ref';
import { DEFAULT_FILE_TTL_SECONDS, signFileToken } from './file-token';

export interface LinkSettings {
  secret: string;
  /** PUBLIC_BASE_URL, without a trailing slash. */
  baseUrl: string;
  clock: Clock;
  ttlSeconds?: number;
}

/** `${PUBLIC_BASE_URL}/files/<token>`: the one way to fetch a document, for one customer, for a while. */
export function documentLink({ secret, baseUrl, clock, ttlSeconds = DEFAULT_FILE_TTL_SECONDS, payload }: LinkSettings & {
  payload: { doc: DocumentRef; orgId: number; customerId: number; contactId: number };
}): DocumentLink {
  const expiresAt = Math.floor(clock().getTime() / 1000) + ttlSeconds;
  const token = signFileToken({ ...payload, expiresAt }, secret);
  return { url: `${baseUrl}/files/${token}`, token };
}

/** The port the dialogue puts PDFs in chat with. */
export function createDocumentLinks(settings: LinkSettings): DocumentLinks {
  return {
    link: (doc: DocumentRef, viewer: Viewer) =>
      documentLink({ ...settings, payload: { doc, orgId: viewer.orgId, customerId: viewer.customerId, contactId: viewer.contactId } }),
  };
}
