import type { Db } from '../db/open-database';
import { recordEvent } from '../events/record-event';
import type { Viewer } from './viewer';

const FILE_TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type FileCheck = { ok: true } | { ok: false; why: 'type' | 'size' };

/** Only PDFs and photos, up to 10 MB: checked on the declared type and size before fetching. */
export function checkCustomerFile(file: { contentType: string; size?: number }): FileCheck {
  const type = file.contentType.split(';')[0].trim().toLowerCase();
  if (!FILE_TYPES[type]) return { ok: false, why: 'type' };
  if (file.size !== undefined && file.size > MAX_FILE_BYTES) return { ok: false, why: 'size' };
  return { ok: true };
}

/** The type a file's first bytes show, for files sent as a bare "image/*" (a picture pasted in Teams). */
export function sniffFileType(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

/** Declared types that say too little to refuse on: the bytes decide. */
export function isVagueType(contentType: string): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return type === '' || type === 'image/*' || type === 'application/octet-stream';
}

/** A file the customer sent in chat, kept as a document shared by the customer; the merchant hears of it. */
export async function receiveCustomerFile({ db, viewer, fileName, contentType, bytes }: {
  db: Db; viewer: Viewer; fileName: string; contentType: string; bytes: Buffer;
}): Promise<{ id: number; title: string }> {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const title = fileName.replace(/[\u0000-\u001f<>]/g, '').slice(0, 120) || `File from ${viewer.contactName}`;
  return db.$transaction(async (tx) => {
    const doc = await tx.sharedDocument.create({
      data: { customerId: viewer.customerId, title, fileName: title, contentType: type, size: bytes.length, content: new Uint8Array(bytes), sharedBy: 'customer' },
      select: { id: true, title: true },
    });
    await recordEvent(tx, viewer, {
      type: 'document.received',
      message: `${viewer.contactName} of ${viewer.customerName} sent "${title}" (${Math.ceil(bytes.length / 1024)} KB).`,
      data: { customer: viewer.customerKey, documentId: doc.id, title, contentType: type, bytes: bytes.length, contact: viewer.contactName },
    });
    return doc;
  });
}
