import http from 'node:http';
import { closeNow, listenLocally } from './local-server';

/** One Web API call as the stand-in received it; JSON-valued form fields (blocks, files) decoded. */
export interface SlackCall {
  method: string;
  args: Record<string, any>;
  authorization: string | undefined;
  /** What the stand-in answered. */
  result?: Record<string, any>;
}

export interface SlackUpload {
  fileId: string;
  bytes: Buffer;
}

export interface SlackStandIn {
  url: string;
  calls: SlackCall[];
  uploads: SlackUpload[];
  /** JSON posted to response_url paths (slash commands, ephemeral buttons). */
  responses: Array<{ path: string; body: Record<string, any> }>;
  /** Serves a private file at this path to the bot token only. */
  privateFile(path: string, bytes: Buffer, contentType: string): string;
  close(): Promise<void>;
}

/**
 * Slack's Web API, played locally: the calls the door makes (auth.test, chat.postMessage,
 * conversations.open, files.getUploadURLExternal, the upload URL, files.completeUploadExternal),
 * response_url and a private file host. Answers only the bot token, as Slack does.
 */
export async function startSlackStandIn(botToken: string): Promise<SlackStandIn> {
  const calls: SlackCall[] = [];
  const uploads: SlackUpload[] = [];
  const responses: SlackStandIn['responses'] = [];
  const files = new Map<string, { bytes: Buffer; contentType: string }>();
  let counter = 0;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const authorized = req.headers.authorization === `Bearer ${botToken}`;

    if (req.method === 'GET' && files.has(path)) {
      if (!authorized) return json(403, { ok: false });
      const file = files.get(path)!;
      res.writeHead(200, { 'Content-Type': file.contentType });
      return res.end(file.bytes);
    }
    if (path.startsWith('/upload/')) {
      const form = await new Request('http://stand-in', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: raw }).formData();
      const part = form.get('body');
      const bytes = part instanceof Blob ? Buffer.from(await part.arrayBuffer()) : Buffer.from(String(part ?? ''));
      uploads.push({ fileId: path.slice('/upload/'.length), bytes });
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end('OK - ' + bytes.length);
    }
    if (path.startsWith('/response/')) {
      responses.push({ path, body: JSON.parse(raw.toString('utf8')) });
      return json(200, { ok: true });
    }
    if (!path.startsWith('/api/')) return json(404, { ok: false, error: 'not_found' });

    const method = path.slice('/api/'.length);
    const args: Record<string, any> = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    for (const key of ['blocks', 'files']) if (typeof args[key] === 'string') args[key] = JSON.parse(args[key]);
    const call: SlackCall = { method, args, authorization: req.headers.authorization };
    calls.push(call);
    const answer = (body: Record<string, any>) => {
      call.result = body;
      json(200, body);
    };
    if (!authorized) return answer({ ok: false, error: 'invalid_auth' });
    const id = ++counter;
    switch (method) {
      case 'auth.test':
        return answer({ ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'portal', team_id: 'T0001', user_id: 'UBOT', bot_id: 'BBOT' });
      case 'chat.postMessage':
        // A DM channel that no longer exists, as after a reinstall.
        if (String(args.channel).startsWith('STALE')) return answer({ ok: false, error: 'channel_not_found' });
        return answer({ ok: true, channel: args.channel, ts: `1700000000.${String(id).padStart(6, '0')}`, message: { text: args.text } });
      case 'conversations.open':
        return answer({ ok: true, channel: { id: `D-${args.users}` } });
      case 'files.getUploadURLExternal':
        return answer({ ok: true, upload_url: `${url}/upload/F${id}`, file_id: `F${id}` });
      case 'files.completeUploadExternal':
        return answer({ ok: true, files: args.files.map((f: { id: string; title?: string }) => ({ id: f.id, title: f.title })) });
      default:
        return answer({ ok: false, error: 'unknown_method' });
    }
  });
  const url = await listenLocally(server);
  return {
    url, calls, uploads, responses,
    privateFile(path, bytes, contentType) {
      files.set(path, { bytes, contentType });
      return `${url}${path}`;
    },
    close: () => closeNow(server),
  };
}

/** Polls until `find` returns something: the door answers after its ack, so posts arrive later. */
export async function eventually<T>(find: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting for the Slack stand-in');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}
