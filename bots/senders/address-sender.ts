import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../../core/config';
import type { AddressSender } from '../../core/outbound/address-sender';
import { slackClientOptions } from '../slack/slack-http';
import { createSmsSender } from '../twilio/twilio-sender';
import { createEmailSender } from './email-sender';

/**
 * E-mail to an address, SMS to a phone number and a message in a Slack channel, with whichever
 * the operator has set up (SMTP_URL, Twilio, SLACK_BOT_TOKEN).
 */
export function createAddressSender(config: Config, log: Logger): AddressSender | undefined {
  const email = createEmailSender(config);
  const sms = createSmsSender(config);
  const slack = config.SLACK_BOT_TOKEN ? new webApi.WebClient(config.SLACK_BOT_TOKEN, slackClientOptions(config, log)) : undefined;
  if (!email && !sms && !slack) return undefined;
  return {
    reaches: { email: Boolean(email), phone: Boolean(sms), slack: Boolean(slack) },
    async send(to, { subject, text, attachment }) {
      if ('email' in to) {
        if (!email) throw new Error('e-mail is not set up');
        const attachments = attachment ? [{ filename: attachment.fileName, content: await attachment.file(), contentType: 'application/pdf' }] : undefined;
        await email({ to: to.email, subject, text, attachments });
      } else if ('phone' in to) {
        if (!sms) throw new Error('SMS is not set up');
        await sms(to.phone, text);
      } else {
        if (!slack) throw new Error('Slack is not set up');
        await slack.chat.postMessage({ channel: to.slackChannel, text, unfurl_links: false });
      }
    },
  };
}
