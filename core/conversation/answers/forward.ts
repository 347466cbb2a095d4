import { AppError } from '../../errors';
import { addContactIfNew } from '../../portal/add-contact';
import type { DocumentRef } from '../../documents/document-ref';
import { DEFAULT_FILE_TTL_SECONDS } from '../../documents/file-token';
import type { Address, AddressMessage } from '../../outbound/address-sender';
import type { ParsedIntent } from '../parser';
import { reply, type Reply } from '../../replies/reply';
import type { Turn } from '../turn';
import { periodWords } from '../../replies/words';
import { findDocument, isMatch } from './find-document';
import { statementPeriod } from './statement';

const KIND = { invoice: 'invoice', order: 'sales_order', payment: 'receipt' } as const;
const NOUN = { invoice: 'Invoice', order: 'Sales order', payment: 'Receipt' } as const;

/** The document a forward names: its reference, its name in words and its file name; or the reply that asks. */
async function forwarded(turn: Turn, intent: ParsedIntent): Promise<{ ref: DocumentRef; name: string; title: string; fileName: string } | Reply> {
  if (intent.doc === 'statement') {
    const period = statementPeriod(intent.period, turn.today);
    if (!period) return reply(`That period hasn't started yet, so there is no statement for it to send. Try "forward my statement for last month to …".`);
    const title = `Statement for ${periodWords(turn.viewer, period)}`;
    return { ref: { kind: 'statement', ...period }, name: `the s${title.slice(1)}`, title, fileName: `statement-${period.from}-${period.to}.pdf` };
  }
  const doc = intent.doc ?? 'invoice';
  if (!intent.ref) {
    return reply(`Which ${doc === 'payment' ? 'receipt' : doc === 'order' ? 'order' : 'invoice'}? Say it with the address in one message, e.g. "forward invoice 42 to jane@example.com", "send order 12 to +14155550123" or "send my statement for March to jane@example.com".`);
  }
  const found = await findDocument(turn, doc, intent.ref, intent);
  if (!isMatch(found)) return found;
  const title = `${NOUN[doc]} ${found.number}`;
  return { ref: { kind: KIND[doc], id: found.id }, name: `${NOUN[doc].toLowerCase()} ${found.number}`, title, fileName: `${found.number}.pdf` };
}

/**
 * Sends one of the customer's documents to someone: by e-mail with the PDF attached (and its
 * link), by text message as the link. The address becomes a contact of the customer once.
 */
export async function answerForward(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  if (!intent.to) {
    return reply('Where should I send it? Give the document and an e-mail address or mobile number in one message, e.g. "forward invoice 42 to jane@example.com" or "send my statement for March to jane@example.com".');
  }
  const doc = await forwarded(turn, intent);
  if ('text' in doc) return doc;
  const { viewer, deps } = turn;
  const link = deps.documents.link(doc.ref, viewer);
  const { title } = doc;
  const document = { title, fileName: doc.fileName, ...link };
  const to: Address = intent.to.includes('@') ? { email: intent.to } : { phone: intent.to };
  const { messenger, print } = deps;
  if (!messenger || !('email' in to ? messenger.reaches.email : messenger.reaches.phone)) {
    return reply(`I can't send ${'email' in to ? 'e-mail' : 'text messages'} to other people from here, so ${doc.name} was not sent. Here it is to pass on yourself.`, { document });
  }
  const days = Math.round(DEFAULT_FILE_TTL_SECONDS / 86_400);
  const subject = `${title} from ${viewer.orgName}`;
  const message: AddressMessage = 'email' in to
    ? {
      subject,
      text: `${viewer.contactName} of ${viewer.customerName} sent you ${doc.name} from ${viewer.orgName}.${print ? ' The PDF is attached.' : ''}\n\nIt is also at ${link.url} (the link works for ${days} days).`,
      attachment: print ? { fileName: doc.fileName, url: link.url, file: () => fileOf(print, doc.ref, turn) } : undefined,
    }
    : { subject, text: `${viewer.contactName} (${viewer.customerName}) sent you ${doc.name} from ${viewer.orgName}: ${link.url}` };
  try {
    await messenger.send(to, message);
  } catch (err) {
    throw new AppError('provider_failed', 'forwarding failed', `Sorry, I couldn't send ${doc.name} to ${intent.to} just now, so it was not sent. Please try again later.`, { cause: err });
  }
  const added = await addContactIfNew({ db: deps.db, viewer, to: intent.to });
  const how = 'email' in to ? (print ? ' by e-mail, with the PDF attached' : ' by e-mail') : ' as a link by text message';
  return reply(`Sent ${doc.name} to ${intent.to}${how}.${added ? ` I've added ${intent.to} as a contact for ${viewer.customerName}.` : ''}`);
}

async function fileOf(print: NonNullable<Turn['deps']['print']>, ref: DocumentRef, turn: Turn): Promise<Buffer> {
  const file = await print(ref, turn.viewer);
  if (!file) throw new Error('the document to attach is gone');
  return file.body;
}
