import type { Channel } from '../channels';
import type { Db } from '../db/db';

export type ReminderChannel = Exclude<Channel, 'web'>;
/** `inWindow`: WhatsApp within 24 hours of the customer's last message there, when free text may go. */
export type Reach = { channel: ReminderChannel; address: string; contactId: number; contactName: string; inWindow?: boolean };

/** WhatsApp's customer-service window. */
const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

/** What this server can send on: e-mail needs SMTP; WhatsApp, outside its 24-hour window, an approved template. */
export interface Senders {
  email: boolean;
  whatsappTemplate: boolean;
  /** Whether this process has a sender for a chat channel (Twilio for SMS and WhatsApp, Slack, Teams). */
  chat(channel: Channel): boolean;
}

const ORDER: ReminderChannel[] = ['whatsapp', 'sms', 'slack', 'teams', 'email'];

/**
 * Where a customer can be reminded, best first: its preferred channel, then WhatsApp, SMS,
 * Slack, Teams and e-mail; on each, its primary contact first. A contact that opted out in any
 * chat is never written to; a channel this server cannot send on drops out.
 */
export async function reachesOf(db: Db, customerId: number, senders: Senders, now: Date): Promise<Reach[]> {
  const customer = await db.customer.findUniqueOrThrow({
    where: { id: customerId },
    select: {
      preferredChannel: true,
      contacts: {
        orderBy: [{ primary: 'desc' }, { id: 'asc' }],
        select: { id: true, name: true, email: true, identities: { select: { channel: true, address: true, optedOut: true, lastInboundAt: true } } },
      },
    },
  });
  const preferred = customer.preferredChannel && customer.preferredChannel !== 'web' ? customer.preferredChannel : null;
  const order = preferred ? [preferred, ...ORDER.filter((c) => c !== preferred)] : ORDER;
  const reaches: Reach[] = [];
  for (const channel of order) {
    if (channel === 'email' ? !senders.email : !senders.chat(channel)) continue;
    for (const contact of customer.contacts) {
      const identity = contact.identities.find((i) => i.channel === channel);
      // Opting out in any chat of a contact stops reminders to that contact altogether.
      if (contact.identities.some((i) => i.optedOut)) continue;
      const address = channel === 'email' ? contact.email : identity?.address;
      if (!address) continue;
      if (channel === 'whatsapp') {
        const inWindow = identity?.lastInboundAt != null && now.getTime() - identity.lastInboundAt.getTime() < WHATSAPP_WINDOW_MS;
        if (!inWindow && !senders.whatsappTemplate) continue;
        reaches.push({ channel, address, contactId: contact.id, contactName: contact.name, inWindow });
      } else {
        reaches.push({ channel, address, contactId: contact.id, contactName: contact.name });
      }
      break;
    }
  }
  return reaches;
}
