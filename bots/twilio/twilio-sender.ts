import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import type { Config } from '../../core/config';
import type { OutboundSender } from '../../core/outbound/outbound-sender';
import { renderSms, renderWhatsApp } from './render-twiml';

/**
 * Twilio's own RequestClient, pointed at TWILIO_API_URL when a test sets it: the SDK's auth
 * and form encoding stay in the path.
 */
class RedirectingClient extends RequestClient {
  constructor(private readonly base: string) {
    super();
  }

  request<T>(opts: RequestClient.RequestOptions<T>) {
    return super.request<T>({ ...opts, uri: opts.uri.replace(/^https:\/\/[a-z.-]*twilio\.com/, this.base) });
  }
}

function createTwilioClient(config: Config) {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return undefined;
  const httpClient = config.TWILIO_API_URL ? new RedirectingClient(config.TWILIO_API_URL.replace(/\/+$/, '')) : undefined;
  return twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, { httpClient });
}

/** A plain text message by SMS, for codes and forwarded documents. */
export function createSmsSender(config: Config): ((to: string, body: string) => Promise<void>) | undefined {
  const client = createTwilioClient(config);
  if (!client || !config.TWILIO_SMS_FROM) return undefined;
  return async (to, body) => {
    await client.messages.create({ from: config.TWILIO_SMS_FROM, to, body, statusCallback: `${config.PUBLIC_BASE_URL}/twilio/status` });
  };
}

/** Twilio's clock and ours may differ by this much; its dates have whole seconds. */
const CLOCK_SKEW_MS = 5_000;

/** Replies the customer did not ask for just now (receipts, reminders) to SMS and WhatsApp identities. */
export function createTwilioSender(config: Config): OutboundSender | undefined {
  const client = createTwilioClient(config);
  if (!client) return undefined;
  const addresses = (to: { channel: string; address: string }) => {
    const whatsapp = to.channel === 'whatsapp';
    const from = whatsapp ? config.TWILIO_WHATSAPP_FROM : config.TWILIO_SMS_FROM;
    if (!from) throw new Error(`no Twilio sender number for ${to.channel}`);
    return whatsapp ? { from: `whatsapp:${from.replace(/^whatsapp:/, '')}`, to: `whatsapp:${to.address}` } : { from, to: to.address };
  };
  return {
    /** Twilio's own record: the latest messages from our number to this one, created since `since`. */
    async sentSince(to, since) {
      const recent = await client.messages.list({ ...addresses(to), limit: 20 });
      const found = recent.find((m) => m.dateCreated.getTime() >= since.getTime() - CLOCK_SKEW_MS);
      return found ? { providerId: found.sid } : null;
    },
    async send(to, reply) {
      const whatsapp = to.channel === 'whatsapp';
      const content = whatsapp && reply.template
        ? { contentSid: reply.template.sid, contentVariables: JSON.stringify(reply.template.variables) }
        : { body: whatsapp ? renderWhatsApp(reply) : renderSms(reply), ...(whatsapp && reply.document ? { mediaUrl: [reply.document.url] } : {}) };
      const message = await client.messages.create({
        ...addresses(to),
        ...content,
        statusCallback: `${config.PUBLIC_BASE_URL}/twilio/status`,
      });
      return { providerId: message.sid };
    },
  };
}
