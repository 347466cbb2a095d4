import crypto from 'node:crypto';
import http from 'node:http';
import { closeNow, listenLocally } from './local-server';

/** What the bot posted to the connector: a reply or a proactive message. */
export interface ConnectorCall {
  method: string;
  path: string;
  authorization?: string;
  body: ConnectorActivity;
}

/** The parts of a Bot Framework activity the tests read. */
export interface ConnectorActivity {
  type: string;
  text?: string;
  replyToId?: string;
  conversation?: { id: string };
  suggestedActions?: { actions: Array<{ type: string; title: string; value: string }> };
  attachments?: Array<{ contentType: string; content: AdaptiveCard }>;
}

export interface AdaptiveCard {
  type: string;
  version: string;
  body: Array<{ type: string; text?: string; facts?: Array<{ title: string; value: string }>; items?: Array<{ text: string }>; selectAction?: { type: string; data: { say: string } } }>;
  actions: Array<{ type: string; title: string; url?: string; data?: { say: string } }>;
}

export const BOT_APP_ID = '00000000-0000-0000-0000-00000000b07a';
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * A stand-in for the Bot Framework's remote side, on 127.0.0.1: the connector (serviceUrl) that
 * takes the bot's replies and answers {"id": …}, files a customer shared, and the OpenID
 * configuration and key set the SDK checks inbound tokens against, with a test RSA key to sign them.
 */
export class TeamsConnector {
  readonly calls: ConnectorCall[] = [];
  readonly fileRequests: Array<{ path: string; authorization?: string }> = [];
  private readonly files = new Map<string, { contentType: string; bytes: Buffer }>();
  private readonly key = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private ids = 0;
  url = '';

  async start(): Promise<this> {
    this.url = await listenLocally(this.server);
    return this;
  }

  close(): Promise<void> {
    return closeNow(this.server);
  }

  /** The serviceUrl activities carry: the Bot Framework's always ends in a slash. */
  get serviceUrl(): string {
    return `${this.url}/`;
  }

  /** The SDK's authentication settings, every one pointed here (setting one makes it use them all). */
  get authSettings() {
    return {
      ToChannelFromBotLoginUrl: `${this.url}/login`,
      ToChannelFromBotOAuthScope: CHANNEL_ISSUER,
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      OAuthUrl: `${this.url}/oauth`,
      ToBotFromChannelOpenIdMetadataUrl: `${this.url}/openid`,
      // Not served: a token claiming to come from the Emulator has no keys to be checked against.
      ToBotFromEmulatorOpenIdMetadataUrl: `${this.url}/emulator-openid`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: false,
    };
  }

  serveFile(name: string, contentType: string, bytes: Buffer): string {
    this.files.set(`/files/${name}`, { contentType, bytes });
    return `${this.url}/files/${name}`;
  }

  /** A channel token as the Bot Framework signs it; `claims` and `key` change it for the refusals. */
  sign(claims: Record<string, unknown>, key: crypto.KeyObject = this.key.privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: 'test-key' };
    const payload = { iss: CHANNEL_ISSUER, aud: BOT_APP_ID, serviceurl: this.serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims };
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const signed = `${encode(header)}.${encode(payload)}`;
    return `${signed}.${crypto.sign('RSA-SHA256', Buffer.from(signed), key).toString('base64url')}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = req.url ?? '/';
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && path === '/openid') {
      return json(200, { issuer: CHANNEL_ISSUER, jwks_uri: `${this.url}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (req.method === 'GET' && path === '/keys') {
      const jwk = this.key.publicKey.export({ format: 'jwk' });
      return json(200, { keys: [{ kty: 'RSA', use: 'sig', kid: 'test-key', n: jwk.n, e: jwk.e, endorsements: ['msteams', 'directline', 'webchat'] }] });
    }
    const file = req.method === 'GET' ? this.files.get(path) : undefined;
    if (file) {
      this.fileRequests.push({ path, authorization: req.headers.authorization });
      res.writeHead(200, { 'Content-Type': file.contentType });
      return res.end(file.bytes);
    }
    if (req.method === 'POST' && path.startsWith('/v3/conversations/')) {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        this.calls.push({ method: req.method!, path, authorization: req.headers.authorization, body: JSON.parse(raw) });
        json(200, { id: `reply-${++this.ids}` });
      });
      return;
    }
    json(404, { error: { code: 'NotFound', message: path } });
  }
}
