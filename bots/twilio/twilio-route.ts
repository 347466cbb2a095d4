import type restify from 'restify';
import twilio from 'twilio';
import type { DoorDeps } from '../door';
import { body } from '../http/body';
import { emptyTwiml, toTwiml } from './render-twiml';
import { toInbound, TWILIO_SMS_KEYWORDS } from './to-inbound';

const MESSAGES = '/twilio/messages';
const STATUS = '/twilio/status';
/** Twilio's forms are a few kilobytes: the text (1,600 characters at most) and up to ten media links. */
const MAX_BODY = 64 * 1024;

/**
 * SMS and WhatsApp through Twilio: verify X-Twilio-Signature against the public URL (behind a
 * proxy the Host header is not what Twilio signed), translate, answer in TwiML.
 */
export function registerTwilio(server: restify.Server, { config, log, core }: DoorDeps): void {
  const token = config.TWILIO_AUTH_TOKEN;
  const form = body('form', MAX_BODY);

  const verified = (path: string): restify.RequestHandler => (req, res, next) => {
    if (!token) {
      res.send(503, { error: 'Twilio is not configured' });
      return next(false);
    }
    const params = (req.body ?? {}) as Record<string, string>;
    const signature = req.header('x-twilio-signature') ?? '';
    if (!twilio.validateRequest(token, signature, `${config.PUBLIC_BASE_URL}${path}`, params)) {
      log.warn({ reqId: req.id(), path }, 'refused a Twilio request with a bad signature');
      res.send(403, { error: 'bad signature' });
      return next(false);
    }
    return next();
  };

  server.post(MESSAGES, form, verified(MESSAGES), async (req, res) => {
    const message = toInbound(req.body as Record<string, string>, (url) => fetchMedia(url, config));
    const send = (body: string) => {
      res.setHeader('Content-Type', 'text/xml');
      res.sendRaw(200, body);
    };
    // The answer is the response itself: once it has been handed over whole, the message is answered.
    const twiml = (body: string) => {
      res.once('finish', () => core.messages.answered(message).catch((err: unknown) => log.error({ err, messageId: message.messageId }, 'answer not recorded')));
      send(body);
    };
    try {
      const reply = await core.messages.receive(message);
      log.info({ reqId: req.id(), channel: message.channel, messageId: message.messageId, answered: Boolean(reply) }, 'twilio message');
      if (!reply) return send(emptyTwiml());
      // Twilio answers its own opt-out keywords on SMS; a second answer from us would be noise.
      const quiet = message.channel === 'sms' && TWILIO_SMS_KEYWORDS.test(message.text);
      twiml(quiet ? emptyTwiml() : toTwiml(reply, message.channel as 'sms' | 'whatsapp', `${config.PUBLIC_BASE_URL}${STATUS}`));
    } catch (err) {
      log.error({ reqId: req.id(), err, messageId: message.messageId }, 'twilio message failed');
      twiml(toTwiml(core.messages.failed(err), message.channel as 'sms' | 'whatsapp', `${config.PUBLIC_BASE_URL}${STATUS}`));
    }
  });

  server.post(STATUS, form, verified(STATUS), async (req, res) => {
    const p = req.body as Record<string, string>;
    const to = p.To ?? '';
    await core.messages.deliveryStatus({
      channel: to.startsWith('whatsapp:') ? 'whatsapp' : 'sms', providerId: p.MessageSid ?? p.SmsSid ?? '', to: to.replace(/^whatsapp:/, ''),
      status: p.MessageStatus ?? p.SmsStatus ?? 'unknown', errorCode: p.ErrorCode || undefined,
    });
    res.send(204);
  });
}

/** Media is fetched with the account's credentials, and only from Twilio (or its test stand-in). */
async function fetchMedia(url: string, config: DoorDeps['config']): Promise<Buffer> {
  const host = new URL(url).host;
  const allowed = host.endsWith('.twilio.com') || (config.TWILIO_API_URL && host === new URL(config.TWILIO_API_URL).host);
  if (!allowed) throw new Error(`refusing to fetch media from ${host}`);
  const auth = Buffer.from(`${config.TWILIO_ACCOUNT_SID ?? ''}:${config.TWILIO_AUTH_TOKEN ?? ''}`).toString('base64');
  const res = await fetch(url, { headers: { Authorization: `Basic ${auth}` }, redirect: 'follow', signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`media fetch ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}
