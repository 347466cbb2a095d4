import type restify from 'restify';
import type { Logger } from 'pino';
import { AppError } from '../../core/errors';
import type { Core, DocumentFile } from '../../core/facade/core';

/** Types a browser may show in place; anything else a customer shared is a download. */
const INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * GET /files/:token — verify the link, let the core find and render the document, send it.
 * A bad link and a document the customer can no longer see get the same plain 404.
 */
export function registerFilesRoute(server: restify.Server, { core, log }: { core: Core; log: Logger }): void {
  server.get('/files/:token', async (req, res) => {
    try {
      const file = await core.documents.open(String(req.params.token ?? ''));
      if (!file) return send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found');
      send(res, 200, fileHeaders(file), file.body);
    } catch (err) {
      log.error({ err }, 'document file failed');
      const busy = err instanceof AppError && err.code === 'unavailable';
      const headers = { 'Content-Type': 'text/plain; charset=utf-8', ...(busy ? { 'Retry-After': '30' } : {}) };
      send(res, busy ? 503 : 500, headers, err instanceof AppError ? err.userMessage : 'Something went wrong.');
    }
  });
}

function fileHeaders(file: DocumentFile): Record<string, string> {
  const disposition = INLINE.has(file.contentType) ? 'inline' : 'attachment';
  return {
    'Content-Type': file.contentType,
    'Content-Disposition': `${disposition}; filename="${asciiName(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'Content-Length': String(file.body.length),
    'X-Content-Type-Options': 'nosniff',
    // A shared file came from outside: it runs nothing and loads nothing from our origin.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
  };
}

function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_');
}

function send(res: restify.Response, status: number, headers: Record<string, string>, body: string | Buffer): void {
  // A link is a capability: no cache keeps a copy of the document.
  res.writeHead(status, { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer', ...headers });
  res.end(body);
}
