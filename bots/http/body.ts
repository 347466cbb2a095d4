import type restify from 'restify';
import { AbandonedBody, BodyBudget, readBody, RefusedBody } from './read-body';

export type BodyKind = 'form' | 'json' | 'raw';

const MEDIA_TYPE: Record<Exclude<BodyKind, 'raw'>, string> = {
  form: 'application/x-www-form-urlencoded',
  json: 'application/json',
};

/** After a refusal, how long the sender has to read the answer before the connection is cut. */
const LINGER_MS = 2_000;

/** Bodies this process holds at once, across every route (a few large imports, or thousands of messages). */
const BUDGET = new BodyBudget(64 * 1024 * 1024);

/**
 * A route's first handler: reads the body within `maxBytes` (before any signature work: a
 * check cannot start on bytes we refuse to hold), keeps the exact bytes as `req.rawBody`
 * for signatures, and parses `req.body` — a flat map of strings for a form, an object for
 * JSON, the bytes themselves for raw. A refused or malformed body is answered here.
 */
export function body(kind: BodyKind, maxBytes: number): restify.RequestHandler {
  return (req, res, next) => {
    readBody(req, maxBytes, BUDGET).then((raw) => {
      // The bytes count against the budget until the request has been answered.
      res.once('close', () => BUDGET.give(raw.length));
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
 * Answers the refusal and stops reading: a sender still writing is held back by TCP itself
 * while it reads the answer (a connection closed under a sender still writing is reset, and
 * the reset can swallow the answer), and nothing more of its body is read into memory. After
 * a moment the connection is cut.
 */
export function refuse(req: restify.Request, res: restify.Response, refused: RefusedBody): void {
  if (!res.headersSent) {
    // Node closes at once after answering a sender that asked for "Connection: close"; ours ends below.
    res.shouldKeepAlive = true;
    if (refused.status === 503) res.setHeader('Retry-After', '5');
    res.send(refused.status, { error: refused.message });
  }
  if (req.complete) return;
  req.pause();
  setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
}
