import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type restify from 'restify';
import { receiveMessage } from '../../core/conversation/receive-message';
import { APOLOGY, AppError } from '../../core/errors';
import { linkDemoSession, listDemoContacts, newWebSessionId } from '../../core/identity/web-session';
import type { Reply } from '../../core/conversation/reply';
import type { DoorDeps } from '../door';
import { body } from '../http/body';
import type { createWebInbox } from './web-inbox';

const PAGE = path.join(__dirname, 'console.html');

/**
 * The web console: a chat page on the same core and reply model as every other channel.
 * A session id (random, per browser tab) is the identity's address.
 */
export function registerWeb(server: restify.Server, { config, log, portal }: DoorDeps, inbox: ReturnType<typeof createWebInbox>): void {
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
    if (!config.demoMode) {
      res.send(404, { error: 'not found' });
      return;
    }
    res.send(200, { contacts: await listDemoContacts(portal.db) });
  });

  server.post('/web/session', json, async (req, res) => {
    const sessionId = newWebSessionId();
    const contactId = Number((req.body as { contactId?: unknown } | undefined)?.contactId);
    try {
      if (Number.isInteger(contactId) && contactId > 0) await linkDemoSession(portal.db, { demoMode: config.demoMode, sessionId, contactId });
      res.send(200, { sessionId });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      res.send(err.code === 'not_allowed' ? 403 : 404, { error: err.userMessage });
    }
  });

  server.get('/web/inbox', (req, res, next) => {
    const sessionId = String((req.query as { sessionId?: unknown } | undefined)?.sessionId ?? '');
    res.send(200, { replies: /^[\w-]{16,64}$/.test(sessionId) ? inbox.take(sessionId).map(toWire) : [] });
    next();
  });

  server.post('/web/messages', json, async (req, res) => {
    const body = (req.body ?? {}) as { sessionId?: unknown; text?: unknown };
    if (typeof body.sessionId !== 'string' || !/^[\w-]{16,64}$/.test(body.sessionId) || typeof body.text !== 'string') {
      res.send(400, { error: 'sessionId and text are required' });
      return;
    }
    try {
      const reply = await receiveMessage(portal, { channel: 'web', address: body.sessionId, text: body.text.slice(0, 2000), messageId: crypto.randomUUID() });
      res.send(200, { reply: reply && toWire(reply) });
    } catch (err) {
      log.error({ reqId: req.id(), err }, 'web console message failed');
      res.send(200, { reply: { text: APOLOGY, warning: true } });
    }
  });
}

function toWire(reply: Reply): unknown {
  return JSON.parse(JSON.stringify(reply, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}
