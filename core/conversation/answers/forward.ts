import { AppError } from '../../errors';
import { addContactIfNew } from '../../portal/add-contact';
import type { DocumentRef } from '../../documents/document-ref';
import { DEFAULT_FILE_TTL_SECONDS } from '../../documents/file-token';
import type { ParsedIntent } from '../parser';
import { reply, type Reply } from '../../replies/reply';
import type { Turn } from '../turn';
import { findDocument, isMatch } from './find-document';

const KIND = { invoice: 'invoice', order: 'sales_order', payment: 'receipt' } as const;
const NOUN = { invoice: 'Invoice', order: 'Sales order', payment: 'Receipt' } as const;

/** Sends one of the customer's documents to an e-mail address or phone number. */
export async function answerForward(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  if (intent.doc === 'statement') {
    return reply('I can\'t send statements to other people yet. Say "statement" (or "statement for March") to get the PDF here and pass it on yourself.', {
      choices: [{ label: 'My statement', say: 'statement' }],
    });
  }
  const doc = intent.doc ?? 'invoice';
  if (!intent.ref || !intent.to) {
    return reply(`Tell me the document and where to send it in one message, e.g. "forward invoice 42 to jane@example.com" or "send order 12 to +14155550123".`);
  }
  const found = await findDocument(turn, doc, intent.ref, intent);
  if (!isMatch(found)) return found;
  const ref: DocumentRef = { kind: KIND[doc], id: found.id };
  const link = turn.deps.documents.link(ref, turn.viewer);
  const { url } = link;
  const { messenger } = turn.deps;
  const to = intent.to.includes('@') ? { email: intent.to } : { phone: intent.to };
  if (!messenger || !('email' in to ? messenger.reaches.email : messenger.reaches.phone)) {
    return reply(`I can't send messages to other addresses from here. Here is ${found.number} to pass on yourself.`, {
      document: { title: `${NOUN[doc]} ${found.number}`, fileName: `${found.number}.pdf`, ...link },
    });
  }
  try {
    const subject = `${NOUN[doc]} ${found.number} from ${turn.viewer.orgName}`;
    const days = Math.round(DEFAULT_FILE_TTL_SECONDS / 86_400);
    await messenger.send(to, 'email' in to
      ? { subject, text: `${turn.viewer.contactName} of ${turn.viewer.customerName} sent you ${NOUN[doc].toLowerCase()} ${found.number} from ${turn.viewer.orgName}.\n\n${url}\n\nThe link works for ${days} days.` }
      : { subject, text: `${subject}: ${url}` });
  } catch (err) {
    throw new AppError('provider_failed', 'forwarding failed', `Sorry, I couldn't send ${found.number} to ${intent.to} just now. Please try again later.`, { cause: err });
  }
  const added = await addContactIfNew({ db: turn.deps.db, viewer: turn.viewer, to: intent.to });
  return reply(`Sent ${found.number} to ${intent.to}.${added ? ` I've added ${intent.to} as a contact for ${turn.viewer.customerName}.` : ''}`);
}
