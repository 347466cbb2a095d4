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

/** Twilio's REST API, played locally: the Messages resource of one account, with its basic auth. */
export async function startTwilioApi(sid: string, token: string): Promise<TwilioApiStandIn> {
  const texts: Array<Record<string, string>> = [];
  const standIn = { texts, delayMs: 0 } as TwilioApiStandIn;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const authorized = req.headers.authorization === `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
      if (!authorized || req.url !== `/2010-04-01/Accounts/${sid}/Messages.json`) return void res.writeHead(401).end();
      const form = Object.fromEntries(new URLSearchParams(body));
      setTimeout(() => {
        texts.push(form);
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ sid: `SM${String(texts.length).padStart(32, '0')}`, status: 'queued', to: form.To, from: form.From, body: form.Body }));
      }, standIn.delayMs);
    });
  });
  standIn.url = await listenLocally(server);
  standIn.close = () => closeNow(server);
  return standIn;
}
