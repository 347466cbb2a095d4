import { AppError } from '../errors';
import { admitMessage } from '../inbound/admit-message';
import { markAnswered } from '../inbound/mark-answered';
import { LINK_PROMPT } from '../identity/link-identity';
import { checkCustomerFile, isVagueType, MAX_FILE_BYTES, receiveCustomerFile, sniffFileType } from '../portal/receive-customer-file';
import { findIdentity } from './find-identity';
import { handleMessage, type InboundMessage } from './handle-message';
import { reply, type Reply } from '../replies/reply';
import type { ConversationDeps } from './turn';

/** A file that came with a message; `fetch` gets its bytes with the provider's credentials. */
export interface IncomingFile {
  fileName: string;
  contentType: string;
  size?: number;
  fetch(): Promise<Buffer>;
}

export interface ChannelMessage extends InboundMessage {
  files?: IncomingFile[];
  /** Where the message came from, when the channel's addresses cost nothing to make (the console's network address). */
  source?: string;
}

/** Channels where every answer is a paid message: past its limit a sender is told once, not each time. */
const PAID_PER_MESSAGE = new Set(['sms', 'whatsapp']);

/**
 * What every door calls: a message is taken once (by the channel's message id), counted
 * against the rate limits, its files kept, then answered. Null means "say nothing": a
 * retried delivery already answered (or being answered by another process), or a text
 * message past its limit after the one that said when to write again. Once a non-null
 * answer has left, the door calls `answered`.
 */
export async function receiveMessage(deps: ConversationDeps, message: ChannelMessage): Promise<Reply | null> {
  const { db, clock } = deps;
  const now = clock();
  const admission = await admitMessage(db, message, deps.limits, now);
  if (admission.kind === 'duplicate') return null;
  if (admission.kind === 'limited') {
    if (admission.first || !PAID_PER_MESSAGE.has(message.channel)) return slowDown(admission.until, now);
    await markAnswered(db, message);
    return null;
  }
  if (message.files?.length) return receiveFiles(deps, message);
  return handleMessage(deps, message);
}

/** The answer to a message from receiveMessage (or the apology for it) has left: a retry of it is now a duplicate. */
export function answered(deps: Pick<ConversationDeps, 'db'>, message: ChannelMessage): Promise<void> {
  return markAnswered(deps.db, message);
}

function slowDown(until: Date, now: Date): Reply {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return reply(`You're sending messages faster than I can answer. Please wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'}, then write again.`, { warning: true });
}

async function receiveFiles(deps: ConversationDeps, message: ChannelMessage): Promise<Reply> {
  const identity = await findIdentity(deps.db, message.channel, message.address);
  if (!identity.viewer) return reply(`I can only accept files once this chat is linked to your account. ${LINK_PROMPT}`);
  const kept: string[] = [];
  const refused: string[] = [];
  for (const file of message.files!) {
    const vague = isVagueType(file.contentType);
    const check = checkCustomerFile(file);
    if (!check.ok && !(check.why === 'type' && vague)) {
      refused.push(`${file.fileName} (${check.why === 'type' ? 'only PDFs and JPEG or PNG photos' : `over ${MAX_FILE_BYTES / 1024 / 1024} MB`})`);
      continue;
    }
    const bytes = await file.fetch().catch((err: unknown) => {
      throw new AppError('provider_failed', 'fetching a customer file failed', "Sorry, I couldn't download your file. Please send it again.", { cause: err });
    });
    const contentType = vague ? sniffFileType(bytes) : file.contentType;
    if (!contentType || bytes.length > MAX_FILE_BYTES) {
      refused.push(`${file.fileName} (${contentType ? `over ${MAX_FILE_BYTES / 1024 / 1024} MB` : 'only PDFs and JPEG or PNG photos'})`);
      continue;
    }
    const doc = await receiveCustomerFile({ db: deps.db, viewer: identity.viewer, fileName: file.fileName, contentType, bytes });
    kept.push(doc.title);
  }
  const thanks = kept.length ? `Thanks! I've passed ${kept.map((t) => `"${t}"`).join(', ')} to ${identity.viewer.orgName}; it's under your shared documents.` : '';
  const sorry = refused.length ? `I can't accept ${refused.join(', ')}.` : '';
  return reply([thanks, sorry].filter(Boolean).join(' '));
}
