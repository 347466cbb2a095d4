import twilio from 'twilio';
import type { Reply } from '../../core/replies/reply';

const GSM7 = /^[A-Za-z0-9 \r\n@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~\]|€]*$/;

/** Typography outside GSM-7 that has a plain equivalent: one "·" would make every segment hold 67 characters instead of 153. */
const PLAIN: Record<string, string> = { '·': '-', '…': '...', '−': '-', '–': '-', '—': '-', '‘': "'", '’': "'", '“': '"', '”': '"', '\u00a0': ' ' };

function plainSms(text: string): string {
  return text.replace(/[·…−–—‘’“”\u00a0]/g, (c) => PLAIN[c]);
}

/** SMS: as few segments as fit (GSM-7 153 a part, 67 once one character is outside it); links, not lists. */
export function renderSms(reply: Reply): string {
  const tail = [reply.link && `${reply.link.label}: ${reply.link.url}`, reply.document && `PDF: ${reply.document.url}`].filter(Boolean).join('\n');
  const more = reply.choices?.some((c) => c.say === 'more') ? ' Reply MORE for the next.' : '';
  let body = plainSms(reply.text);
  // A list page may take a third segment: what it leaves out would be skipped by "more".
  const budget = (text: string) => (GSM7.test(text) ? (reply.items?.length ? 400 : 306) : 134);
  for (const item of reply.items ?? []) {
    const next = `${body}\n${plainSms(`${item.title}: ${item.detail}`)}${item.url ? ` ${item.url}` : ''}`;
    if ((tail ? `${next}\n${tail}` : next).length > budget(next + tail)) break;
    body = next;
  }
  const hidden = (reply.items?.length ?? 0) - (body.split('\n').length - 1) + (reply.more ?? 0);
  if (hidden > 0) body += `\n...and ${hidden} more.${more}`;
  return tail ? `${body}\n${tail}` : body;
}

/** WhatsApp: a fuller message with the figures, the list and what to reply; a PDF rides along as media. */
export function renderWhatsApp(reply: Reply): string {
  const parts = [reply.warning ? `⚠️ ${reply.text}` : reply.text];
  if (reply.facts?.length) parts.push(reply.facts.map((f) => `• ${f.label}: *${f.value}*`).join('\n'));
  if (reply.items?.length) parts.push(reply.items.map((i) => `• *${i.title}*${i.detail ? ` ${i.detail}` : ''}${i.url ? `\n  ${i.url}` : ''}`).join('\n') + (reply.more ? `\n…and ${reply.more} more` : ''));
  if (reply.link) parts.push(`${reply.link.label}: ${reply.link.url}`);
  if (reply.choices?.length) parts.push(`Reply ${reply.choices.slice(0, 4).map((c) => `"${c.say}"`).join(', ')}`);
  return parts.join('\n\n').slice(0, 1600);
}

export function toTwiml(reply: Reply | null, channel: 'sms' | 'whatsapp', statusUrl: string): string {
  const response = new twilio.twiml.MessagingResponse();
  if (!reply) return response.toString();
  const message = response.message({ action: statusUrl, method: 'POST' }, '');
  if (channel === 'whatsapp') {
    message.body(renderWhatsApp(reply));
    if (reply.document) message.media(reply.document.url);
  } else {
    message.body(renderSms(reply));
  }
  return response.toString();
}

export function emptyTwiml(): string {
  return new twilio.twiml.MessagingResponse().toString();
}
