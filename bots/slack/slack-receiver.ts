import querystring from 'node:querystring';
import type { App, Receiver } from '@slack/bolt';
import { ReceiverMultipleAckError } from '@slack/bolt';
import type restify from 'restify';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock';
import { verifySlackSignature } from './verify-signature';

/** Slack waits 3 s; Bolt's own receivers answer 404 just after, so Slack retries. */
const ACK_DEADLINE_MS = 3_001;

interface ReceiverOptions {
  signingSecret: string;
  clock: Clock;
  log: Logger;
  /** Resolves once the App knows its bot (auth.test); a failure answers 503 so Slack retries later. */
  ready(): Promise<void>;
}

type Body = Record<string, unknown>;

/**
 * Bolt's custom-receiver contract on the project's restify server: take the raw body (read within
 * its limit by the route), verify the signature on it, and only then parse it and hand the event
 * to the App with an `ack` that answers the HTTP request. The App's listeners keep working after the answer has gone.
 */
export class RestifyReceiver implements Receiver {
  private app?: App;

  constructor(private readonly options: ReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  /** The restify server listens; nothing to start or stop here. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  readonly handle = async (req: restify.Request, res: restify.Response): Promise<void> => {
    const { signingSecret, clock, log, ready } = this.options;
    const reqId = req.id();
    const raw = req.body as Buffer;
    const verdict = verifySlackSignature({
      secret: signingSecret, signature: req.header('x-slack-signature') || undefined,
      timestamp: req.header('x-slack-request-timestamp') || undefined, rawBody: raw, now: clock(),
    });
    if (verdict !== 'ok') {
      log.warn({ reqId, verdict }, 'refused a Slack request');
      return send(res, 401);
    }
    const body = parseBody(raw, req.header('content-type') ?? '');
    if (!body) return send(res, 400);
    if (body.type === 'url_verification') return send(res, 200, { challenge: String(body.challenge ?? '') });
    if (body.ssl_check === '1') return send(res, 200);
    if (!this.app) return send(res, 503);
    try {
      await ready();
    } catch (err) {
      log.error({ reqId, err }, 'Slack app not ready');
      return send(res, 503);
    }

    let acked = false;
    let answered!: () => void;
    const done = new Promise<void>((resolve) => (answered = resolve));
    const timer = setTimeout(() => {
      if (acked) return;
      acked = true;
      log.warn({ reqId }, 'Slack request not acknowledged in time');
      send(res, 404);
      answered();
    }, ACK_DEADLINE_MS);
    const ack = async (response?: unknown) => {
      if (acked) throw new ReceiverMultipleAckError();
      acked = true;
      clearTimeout(timer);
      send(res, 200, response);
      answered();
    };
    const retry = Number.parseInt(req.header('x-slack-retry-num') ?? '', 10);
    this.app
      .processEvent({ body, ack, retryNum: Number.isNaN(retry) ? undefined : retry, retryReason: req.header('x-slack-retry-reason') || undefined, customProperties: { reqId } })
      .catch((err: unknown) => {
        log.error({ reqId, err }, 'Slack event failed');
        if (acked) return;
        acked = true;
        clearTimeout(timer);
        send(res, 500);
        answered();
      });
    await done;
  };
}

/** Events come as JSON; slash commands as a form; interactivity as a form whose `payload` is JSON. */
function parseBody(raw: Buffer, contentType: string): Body | null {
  try {
    if (contentType.split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded') {
      const form = querystring.parse(raw.toString('utf8'));
      const parsed: unknown = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
      return isObject(parsed) ? parsed : null;
    }
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function send(res: restify.Response, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === '') {
    res.writeHead(status);
    res.end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(body);
  } else {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
