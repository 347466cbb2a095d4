import type { Db } from '../db/open-database';
import { numberSeq } from '../values';
import type { Viewer } from './viewer';

export type DocKind = 'invoice' | 'order' | 'payment';

export interface DocumentMatch {
  id: number;
  number: string;
}

/**
 * Finds the viewer's own documents that a typed reference can mean: the exact number
 * ("INV-000042"), or the number's digits with or without its prefix ("42", "inv-42").
 * Another customer's document is never a candidate, so it answers as a missing one.
 */
export async function resolveReference({ db, viewer, doc, ref }: { db: Db; viewer: Viewer; doc: DocKind; ref: string }): Promise<DocumentMatch[]> {
  const typed = ref.trim().replace(/^#/, '').toUpperCase();
  if (!typed || typed.length > 64) return [];
  const customerId = viewer.customerId;
  const seq = numberSeq(typed);
  const byNumber = { customerId, number: { equals: typed, mode: 'insensitive' as const } };
  const bySeq = seq === null ? null : { customerId, numberSeq: seq };
  const select = { id: true, number: true };
  let rows: DocumentMatch[];
  switch (doc) {
    case 'invoice': {
      const visible = { state: 'sent' as const };
      rows = await db.invoice.findMany({ where: { ...visible, OR: [byNumber, ...(bySeq ? [bySeq] : [])] }, select, orderBy: { date: 'desc' } });
      break;
    }
    case 'order': {
      if (!viewer.salesOrdersEnabled) return [];
      const visible = { status: { in: ['confirmed', 'packed', 'shipped', 'fulfilled'] as const } };
      rows = await db.salesOrder.findMany({
        where: { status: { in: [...visible.status.in] }, OR: [byNumber, ...(bySeq ? [bySeq] : [])] }, select, orderBy: { date: 'desc' },
      });
      break;
    }
    case 'payment':
      rows = await db.payment.findMany({
        where: { state: { in: ['succeeded', 'pending'] }, OR: [byNumber, ...(bySeq ? [bySeq] : [])] }, select, orderBy: { date: 'desc' },
      });
      break;
  }
  const exact = rows.filter((r) => r.number.toUpperCase() === typed);
  if (exact.length) return exact;
  const prefix = letters(typed);
  // "inv-42" must not match "RET-00042"; a bare "42" may match either.
  const matches = prefix ? rows.filter((r) => letters(r.number) === prefix) : rows;
  return matches.sort((a, b) => a.number.localeCompare(b.number));
}

function letters(text: string): string {
  return text.replace(/[^A-Z]/gi, '').toUpperCase();
}
