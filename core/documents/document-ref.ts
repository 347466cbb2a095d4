import type { Viewer } from '../portal/viewer';

/** A document a customer can have as a file: one of theirs, a statement period, or a shared file. */
export type DocumentRef =
  | { kind: 'invoice' | 'sales_order' | 'receipt'; id: number }
  | { kind: 'statement'; from: string; to: string }
  | { kind: 'shared'; id: number };

/** A document's signed, expiring token and the address that carries it (`${PUBLIC_BASE_URL}/files/<token>`). */
export interface DocumentLink {
  url: string;
  token: string;
}

/** Makes the link of a document for one customer. */
export interface DocumentLinks {
  link(doc: DocumentRef, viewer: Viewer): DocumentLink;
}
