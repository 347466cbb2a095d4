import type { Config } from '../../core/config';
import type { AddressSender } from '../../core/outbound/address-sender';
import { createSmsSender } from '../twilio/twilio-sender';
import { createEmailSender } from './email-sender';

/** E-mail to an address and SMS to a phone number, with whichever of the two the operator has set up. */
export function createAddressSender(config: Config): AddressSender | undefined {
  const email = createEmailSender(config);
  const sms = createSmsSender(config);
  if (!email && !sms) return undefined;
  return {
    reaches: { email: Boolean(email), phone: Boolean(sms) },
    async send(to, { subject, text }) {
      if ('email' in to) {
        if (!email) throw new Error('e-mail is not set up');
        await email({ to: to.email, subject, text });
      } else {
        if (!sms) throw new Error('SMS is not set up');
        await sms(to.phone, text);
      }
    },
  };
}
