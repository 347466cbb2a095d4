import type { Db } from '../db/db';
import type { AddressSender } from './address-sender';

/** Mails kept for the console; older ones give way. */
const KEEP = 50;

export interface DemoMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  attachment: { fileName: string; url: string } | null;
  sentAt: Date;
}

/**
 * The demo's mailbox: e-mail and texts that the demo has no SMTP server or Twilio account
 * for are kept in the database, where the web console shows them (a newcomer sees a
 * forwarded statement arrive). It fills in only what `real` does not reach.
 */
export function withDemoMailbox(db: Db, real: AddressSender | undefined): AddressSender {
  return {
    reaches: { email: true, phone: true, slack: real?.reaches.slack ?? false },
    async send(to, message) {
      const covered = 'email' in to ? real?.reaches.email : 'phone' in to ? real?.reaches.phone : true;
      if (covered && real) return real.send(to, message);
      const address = 'email' in to ? to.email : 'phone' in to ? to.phone : to.slackChannel;
      await db.demoMail.create({
        data: { to: address, subject: message.subject, text: message.text, fileName: message.attachment?.fileName, url: message.attachment?.url },
      });
      await db.$executeRaw`DELETE FROM "DemoMail" WHERE id NOT IN (SELECT id FROM "DemoMail" ORDER BY id DESC LIMIT ${KEEP})`;
    },
  };
}

/** The demo mailbox, newest first. */
export async function readDemoMailbox(db: Db, limit = 20): Promise<DemoMail[]> {
  const rows = await db.demoMail.findMany({ orderBy: { id: 'desc' }, take: limit });
  return rows.map((r) => ({
    id: r.id, to: r.to, subject: r.subject, text: r.text, sentAt: r.createdAt,
    attachment: r.fileName && r.url ? { fileName: r.fileName, url: r.url } : null,
  }));
}
