import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type restify from 'restify';
import { AppError } from '../../core/errors';
import type { ChannelMessage } from '../../core/facade/core';
import type { Reply } from '../../core/replies/reply';
import type { DoorDeps } from '../door';
import { body } from '../http/body';
import { clientAddress } from '../http/client-address';

const PAGE = path.join(__dirname, 'console.html');
const UNKNOWN_SESSION = 'This chat was not started here, or has ended. Reload the page to start a new one.';

/**
 * The web console: a chat page on the same core and reply model as every other channel.
 * A session id, issued by the server, is the identity's address.
 */
export function registerWeb(server: restify.Server, { config, log, core }: DoorDeps): void {
  // A message is at most 2,000 characters; a session asks for one number.
  const json = body('json', 16 * 1024);
  const page = fs.readFileSync(PAGE, 'utf8');

  server.get('/', (_req, res, next) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'");
    res.sendRaw(200, page.replace('__DEMO__', config.demoMode ? 'true' : 'false'));
    next();
  });

  server.get('/web/contacts', async (_req, res) => {
    const contacts = await core.console.demoContacts();
    if (contacts) res.send(200, { contacts });
    else res.send(404, { error: 'not found' });
  });

  server.post('/web/session', json, async (req, res) => {
    const asked = (req.body as { contactId?: unknown }).contactId;
    const contactId = Number(asked);
    if (asked !== undefined && !(Number.isInteger(contactId) && contactId > 0)) {
      res.send(400, { error: 'contactId must be a contact number' });
      return;
    }
    try {
      const started = await core.console.start({ source: clientAddress(req, config.TRUST_PROXY), contactId: asked === undefined ? undefined : contactId });
      if ('retryAt' in started) {
        const seconds = Math.max(1, Math.ceil((started.retryAt.getTime() - core.clock().getTime()) / 1000));
        res.setHeader('Retry-After', String(seconds));
        res.send(429, { error: `Too many chats were started from here. Please try again in ${Math.ceil(seconds / 60)} minutes.`, retryAfter: seconds });
        return;
      }
      res.send(200, started);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      res.send(err.code === 'not_allowed' ? 403 : 404, { error: err.userMessage });
    }
  });

  server.get('/web/mailbox', async (_req, res) => {
    const mails = await core.console.demoMailbox();
    if (mails) res.send(200, { mails });
    else res.send(404, { error: 'not found' });
  });

  server.get('/web/inbox', async (req, res) => {
    const sessionId = (req.query as { sessionId?: unknown } | undefined)?.sessionId;
    res.send(200, { replies: core.console.isSession(sessionId) ? (await core.console.inbox(sessionId)).map(toWire) : [] });
  });

  server.post('/web/messages', json, async (req, res) => {
    const { sessionId, text } = req.body as { sessionId?: unknown; text?: unknown };
    if (typeof sessionId !== 'string' || typeof text !== 'string') {
      res.send(400, { error: 'sessionId and text are required' });
      return;
    }
    if (!core.console.isSession(sessionId)) {
      res.send(401, { error: UNKNOWN_SESSION });
      return;
    }
    const message: ChannelMessage = {
      channel: 'web', address: sessionId, text: text.slice(0, 2000), messageId: crypto.randomUUID(), source: clientAddress(req, config.TRUST_PROXY),
    };
    const reply = await core.messages.receive(message).catch((err: unknown) => {
      log.error({ reqId: req.id(), err }, 'web console message failed');
      return core.messages.failed(err);
    });
    if (reply) res.once('finish', () => core.messages.answered(message).catch((err: unknown) => log.error({ reqId: req.id(), err }, 'answer not recorded')));
    res.send(200, { reply: reply && toWire(reply) });
  });
}

function toWire(reply: Reply): unknown {
  return JSON.parse(JSON.stringify(reply, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}
