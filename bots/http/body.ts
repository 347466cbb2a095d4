import type restify from 'restify';
import { AbandonedBody, readBody, RefusedBody } from './read-body';

export type BodyKind = 'form' | 'json' | 'raw';

const MEDIA_TYPE: Record<Exclude<BodyKind, 'raw'>, string> = {
  form: 'application/x-www-form-urlencoded',
  json: 'application/json',
};

/** After a refusal, how long what is still on its way is read and dropped before the connection is cut. */
const DRAIN_MS = 2_000;

/**
 * A route's first handler: reads the body within `maxBytes` (before any signature work: a
 * check cannot start on bytes we refuse to hold), keeps the exact bytes as `req.rawBody`
 * for signatures, and parses `req.body` — a flat map of strings for a form, an object for
 * JSON, the bytes themselves for raw. A refused or malformed body is answered here.
 */
export function body(kind: BodyKind, maxBytes: number): restify.RequestHandler {
  return (req, res, next) => {
    readBody(req, maxBytes).then((raw) => {
      const parsed = parse(kind, raw, req.header('content-type') ?? '');
      (req as { rawBody?: Buffer }).rawBody = raw;
      req.body = parsed;
      next();
    }).catch((err: unknown) => {
      if (err instanceof AbandonedBody) return next(false);
      const refused = err instanceof RefusedBody ? err : new RefusedBody(400, 'the body could not be read');
      refuse(req, res, refused);
      next(false);
    });
  };
}

function parse(kind: BodyKind, raw: Buffer, contentType: string): unknown {
  if (kind === 'raw') return raw;
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (raw.length === 0 && mediaType === '') return {};
  if (mediaType !== MEDIA_TYPE[kind] && !(kind === 'json' && mediaType.endsWith('+json'))) {
    throw new RefusedBody(415, `the body must be ${MEDIA_TYPE[kind]}`);
  }
  const text = raw.toString('utf8');
  if (kind === 'form') return Object.fromEntries(new URLSearchParams(text));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RefusedBody(400, 'the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RefusedBody(400, 'the body must be a JSON object');
  return value;
}

/**
 * Answers the refusal, then reads and drops what the sender still sends for a moment, so that
 * it sees the answer (a connection closed under a sender still writing is reset, and the reset
 * can swallow the answer); a sender still writing after that is cut off.
 */
export function refuse(req: restify.Request, res: restify.Response, refused: RefusedBody): void {
  if (!res.headersSent) {
    // Node closes at once after answering a sender that asked for "Connection: close"; ours ends below.
    res.shouldKeepAlive = true;
    res.send(refused.status, { error: refused.message });
  }
  req.resume();
  setTimeout(() => {
    if (!req.complete) req.socket.destroy();
  }, DRAIN_MS).unref();
}
