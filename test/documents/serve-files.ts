import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createServer } from '../../bots/server';
import type { Clock } from '../../core/clock';
import type { Db } from '../../core/db/open-database';
import { loadDocumentTemplates } from '../../core/documents/document-templates';
import type { PdfRenderer } from '../../core/documents/pdf-renderer';
import { createCore } from '../../core/facade/create-core';
import { conversationDeps } from '../support/conversation';

export const SECRET = 'test-secret-'.padEnd(40, 'x');

/** The real HTTP server on a free port, as bots/main.ts builds it, with the core's documents behind it. */
export async function serveFiles({ db, renderer, clock }: { db: Db; renderer: PdfRenderer; clock: Clock }) {
  const log = pino({ level: 'silent' });
  const core = createCore({
    conversation: conversationDeps(db, { clock, secret: SECRET }), renderer, templates: loadDocumentTemplates(), outbound: { send: async () => {} }, webInbox: { take: async () => [] },
    operatorKeys: [], demoMode: false, sandbox: false, webhooks: { stripe: null }, log,
  });
  const server = createServer({ core, log });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
