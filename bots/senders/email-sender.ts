import nodemailer from 'nodemailer';
import type { Config } from '../../core/config';

export interface Email {
  to: string;
  subject: string;
  text: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

/** Mail through the operator's SMTP server (SMTP_URL); undefined when none is set. */
export function createEmailSender(config: Config): ((mail: Email) => Promise<void>) | undefined {
  if (!config.SMTP_URL) return undefined;
  const transport = nodemailer.createTransport(config.SMTP_URL);
  const from = config.MAIL_FROM ?? `Customer portal <no-reply@${new URL(config.PUBLIC_BASE_URL).hostname}>`;
  return async (mail) => {
    await transport.sendMail({ from, ...mail });
  };
}
