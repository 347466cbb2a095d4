import type { Activity, Attachment } from 'botbuilder';
import type { ChannelMessage, IncomingFile } from '../../core/facade/core';

/** A file shared in a Teams chat: a pre-authorised download link on the tenant's SharePoint/OneDrive. */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const TYPES_BY_EXTENSION: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' };

/** Where a file is, and what the message said it is; the door fetches it. */
export interface FileSource {
  url: string;
  fileName: string;
  contentType: string;
}

/**
 * The identity of a Teams user: the tenant and the user's Teams id, as the import records it
 * ("tid-1:29:abc"). The Emulator sends no tenant; its channel id stands in.
 */
export function teamsAddress(activity: Activity): string | null {
  const tenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId ?? activity.channelId;
  const user = activity.from?.id;
  if (typeof tenant !== 'string' || !tenant || !user) return null;
  return `${tenant}:${user}`;
}

/**
 * A Teams message → the neutral message. An Action.Submit button arrives with `value: { say }`
 * and usually no text; in group chats and channels the text starts with the bot's @mention.
 */
export function toInbound(activity: Activity, address: string, fetchFile: (source: FileSource) => Promise<Buffer>): ChannelMessage {
  const said = (activity.value as { say?: unknown } | undefined)?.say;
  const text = typeof said === 'string' ? said : withoutBotMention(activity);
  const files: IncomingFile[] = fileSources(activity.attachments ?? []).map((source) => ({
    fileName: source.fileName, contentType: source.contentType, fetch: () => fetchFile(source),
  }));
  return { channel: 'teams', address, text, messageId: activity.id ?? '', files };
}

function withoutBotMention(activity: Activity): string {
  let text = activity.text ?? '';
  for (const entity of activity.entities ?? []) {
    const mention = entity as { type?: string; mentioned?: { id?: string }; text?: unknown };
    if (mention.type === 'mention' && mention.mentioned?.id === activity.recipient?.id && typeof mention.text === 'string' && mention.text) {
      text = text.split(mention.text).join(' ');
    }
  }
  return text.replace(/[ \t]{2,}/g, ' ').trim();
}

/**
 * Files, not the other attachments Teams sends with a message (the HTML copy of the text,
 * cards): a shared file's download link, or an inline picture's contentUrl.
 */
function fileSources(attachments: Attachment[]): FileSource[] {
  const sources: FileSource[] = [];
  attachments.slice(0, 10).forEach((a, i) => {
    const fallbackName = `Teams file ${i + 1}`;
    if (a.contentType === FILE_DOWNLOAD_INFO) {
      const content = (a.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
      if (typeof content.downloadUrl !== 'string') return;
      const extension = (typeof content.fileType === 'string' ? content.fileType : extensionOf(a.name)).toLowerCase();
      sources.push({ url: content.downloadUrl, fileName: a.name || fallbackName, contentType: TYPES_BY_EXTENSION[extension] ?? 'application/octet-stream' });
      return;
    }
    if (!a.contentUrl || a.contentType.startsWith('text/') || a.contentType.startsWith('application/vnd.microsoft.')) return;
    // Pasted pictures come as "image/*": the name, when there is one, tells which.
    const contentType = a.contentType === 'image/*' ? (TYPES_BY_EXTENSION[extensionOf(a.name)] ?? a.contentType) : a.contentType;
    const extension = Object.keys(TYPES_BY_EXTENSION).find((e) => TYPES_BY_EXTENSION[e] === contentType) ?? 'bin';
    sources.push({ url: a.contentUrl, fileName: a.name || `${fallbackName}.${extension}`, contentType });
  });
  return sources;
}

function extensionOf(name: string | undefined): string {
  return /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1]?.toLowerCase() ?? '';
}
