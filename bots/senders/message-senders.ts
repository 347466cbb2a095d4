import type { Config } from '../../core/config';
import type { Forwarder } from '../../core/conversation/turn';
import type { CodeSender } from '../../core/identity/link-identity';
import { createSmsSender } from '../twilio/twilio-sender';
import { createEmailSender } from './email-sender';

/**
 * Codes and forwarded documents go by e-mail to an address and by SMS to a phone number,
 * with whichever of the two the operator has set up.
 */
export function createMessageSenders(config: Config): { codes?: CodeSender; forwarder?: Forwarder } {
  const email = createEmailSender(config);
  const sms = createSmsSender(config);
  if (!email && !sms) return {};
  const unavailable = (what: string) => new Error(`${what} is not set up`);
  return {
    codes: {
      reaches: { email: Boolean(email), phone: Boolean(sms) },
      async sendCode(to, code) {
        const text = `Your customer portal code is ${code}. It is valid for 10 minutes. If you did not ask for it, ignore this message.`;
        if ('email' in to) {
          if (!email) throw unavailable('e-mail');
          await email({ to: to.email, subject: `Your code: ${code}`, text });
        } else {
          if (!sms) throw unavailable('SMS');
          await sms(to.phone, text);
        }
      },
    },
    forwarder: {
      async forward({ to, subject, text, url }) {
        if (to.includes('@')) {
          if (!email) throw unavailable('e-mail');
          await email({ to, subject, text: `${text}\n\n${url}\n\nThe link works for 7 days.` });
        } else {
          if (!sms) throw unavailable('SMS');
          await sms(to, `${subject}: ${url}`);
        }
      },
    },
  };
}
