import http from 'node:http';
import { closeNow, listenLocally } from './local-server';

export interface TwilioApiStandIn {
  url: string;
  /** Messages.create calls, as the form fields Twilio received. */
  texts: Array<Record<string, string>>;
  /** How long each call takes before Twilio answers (a slow provider). */
  delayMs: number;
  close(): Promise<void>;
}

type Message = { sid: string; to: string; from: string; body?: string; status: string; date_created: string; direction: string };

/**
 * Twilio's REST API, played locally: the Messages resource of one account, with its basic auth —
 * create (POST) and list (GET, newest first, filtered by To and From, one page of PageSize).
 */
export async function startTwilioApi(sid: string, token: string): Promise<TwilioApiStandIn> {
  const texts: Array<Record<string, string>> = [];
  const messages: Message[] = [];
  const standIn = { texts, delayMs: 0 } as TwilioApiStandIn;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const authorized = req.headers.authorization === `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
      const url = new URL(req.url ?? '/', 'http://twilio.local');
      if (!authorized || url.pathname !== `/2010-04-01/Accounts/${sid}/Messages.json`) return void res.writeHead(401).end();
      if (req.method === 'GET') {
        const [to, from] = [url.searchParams.get('To'), url.searchParams.get('From')];
        const size = Number(url.searchParams.get('PageSize') ?? 50);
        const page = messages.filter((m) => (!to || m.to === to) && (!from || m.from === from)).reverse().slice(0, size);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return void res.end(JSON.stringify({ messages: page, page: 0, page_size: size, start: 0, end: page.length, next_page_uri: null, previous_page_uri: null, uri: url.pathname }));
      }
      const form = Object.fromEntries(new URLSearchParams(body));
      // Like Twilio, a request it has read is a message, whether or not the caller is still there for the answer.
      setTimeout(() => {
        texts.push(form);
        const message = {
          sid: `SM${String(texts.length).padStart(32, '0')}`, to: form.To, from: form.From, body: form.Body, status: 'queued',
          date_created: new Date().toUTCString(), direction: 'outbound-api',
        };
        messages.push(message);
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(message));
      }, standIn.delayMs);
    });
  });
  standIn.url = await listenLocally(server);
  standIn.close = () => closeNow(server);
  return standIn;
}
