import { resolveReference, type DocKind, type DocumentMatch } from '../../portal/resolve-reference';
import type { ParsedIntent } from '../parser';
import { reply, type Reply } from '../../replies/reply';
import type { Turn } from '../turn';

const NOUN: Record<DocKind, string> = { invoice: 'invoice', order: 'order', payment: 'payment' };

/**
 * One of the customer's documents for a typed reference, or the reply that asks: not
 * found (worded the same whether the number is someone else's or nobody's), or which one.
 */
export async function findDocument(turn: Turn, doc: DocKind, ref: string, intent: ParsedIntent): Promise<DocumentMatch | Reply> {
  const matches = await resolveReference({ db: turn.deps.db, viewer: turn.viewer, doc, ref });
  if (matches.length === 1) return matches[0];
  const shown = ref.slice(0, 24);
  if (matches.length === 0) {
    return reply(`I can't find ${NOUN[doc]} ${shown} on your account. Please check the number, or say "my ${doc === 'order' ? 'orders' : `${NOUN[doc]}s`}" to see them.`, {
      choices: [{ label: doc === 'order' ? 'My orders' : doc === 'payment' ? 'My payments' : 'My invoices', say: doc === 'order' ? 'my orders' : doc === 'payment' ? 'my payments' : 'my invoices' }],
    });
  }
  const options = matches.slice(0, 5);
  turn.pending = { intent: { ...intent, ref: undefined }, options };
  const names = options.map((m) => m.number);
  const list = names.length === 2 ? `${names[0]} or ${names[1]}` : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return reply(`Did you mean ${list}?`, { choices: options.map((m) => ({ label: m.number, say: m.number })) });
}

export function isMatch(value: DocumentMatch | Reply): value is DocumentMatch {
  return 'id' in value;
}
