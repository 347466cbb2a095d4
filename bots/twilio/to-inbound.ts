import type { ChannelMessage, IncomingFile } from '../../core/facade/core';

/** Twilio's webhook form → the neutral message. WhatsApp senders come as "whatsapp:+1…". */
export function toInbound(params: Record<string, string>, fetchMedia: (url: string) => Promise<Buffer>): ChannelMessage {
  const from = params.From ?? '';
  const channel = from.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
  const files: IncomingFile[] = [];
  const count = Math.min(Number(params.NumMedia ?? 0) || 0, 10);
  for (let i = 0; i < count; i++) {
    const url = params[`MediaUrl${i}`];
    if (!url) continue;
    const contentType = params[`MediaContentType${i}`] ?? 'application/octet-stream';
    const extension = contentType.split('/')[1]?.split(';')[0] ?? 'bin';
    files.push({ fileName: `${channel === 'whatsapp' ? 'WhatsApp' : 'MMS'} file ${i + 1}.${extension}`, contentType, fetch: () => fetchMedia(url) });
  }
  return { channel, address: from.replace(/^whatsapp:/, ''), text: params.Body ?? '', messageId: params.MessageSid ?? params.SmsSid ?? '', files };
}

/** Opt-out words Twilio itself answers on SMS: we record them but must not reply too ("yes" and "help" stay ours). */
export const TWILIO_SMS_KEYWORDS = /^\s*(stop|stopall|unsubscribe|cancel|end|quit|start|unstop)\s*$/i;
