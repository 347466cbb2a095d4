import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createServer } from '../../bots/server';
import type { Clock } from '../../core/clock';
import { loadDocumentTemplates } from '../../core/documents/document-templates';
import type { PdfRenderer } from '../../core/documents/pdf-renderer';
import type { Db } from '../../core/db/open-database';

export const SECRET = 'test-secret-'.padEnd(40, 'x');

/** The real HTTP server on a free port, as bots/main.ts builds it. */
export async function serveFiles({ db, renderer, clock }: { db: Db; renderer: PdfRenderer; clock: Clock }) {
  const server = createServer({ db, log: pino({ level: 'silent' }), files: { secret: SECRET, renderer, templates: loadDocumentTemplates(), clock } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
