import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import twilio from 'twilio';
import { openDatabase, type Db } from '../../core/db/open-database';
import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { startMailbox, type Mailbox } from '../support/mailbox';
import { startServer, type ServerProcess } from '../support/server-process';
import { startSlackStandIn, type SlackStandIn } from '../support/slack-api';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { startTwilioApi, type TwilioApiStandIn } from '../support/twilio-api';

export const PUBLIC_BASE_URL = 'https://portal.example.com';
export const TWILIO_SID = 'AC22222222222222222222222222222222';
export const TWILIO_TOKEN = 'twilio-production-like-token';
export const SLACK_BOT_TOKEN = 'xoxb-production-like';
export const ADMIN_API_KEY = 'operator-key-that-is-long-enough-0123456789';
/** The numbers the portal sends from. */
export const SMS_FROM = '+12125550199';

/** PostgreSQL where the machine has one for tests (CI), else the embedded database on disk. */
export const KIND: 'postgres' | 'pglite' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface ProductionServer extends ServerProcess {
  twilioApi: TwilioApiStandIn;
  slackApi: SlackStandIn;
  mailbox: Mailbox;
  env: NodeJS.ProcessEnv;
  /** Starts the same server again on the same data (after a stop or a kill). */
  restart(): Promise<ProductionServer>;
  /** Reads the server's database from the test: beside it on PostgreSQL, once it has stopped on the embedded one. */
  inspect<T>(use: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The server as an operator runs it: NODE_ENV=production, every provider's secret set (the
 * APIs it calls are local stand-ins), its own database holding the fixture organization and
 * whatever `setup` adds before the server starts.
 */
export async function startProductionServer(extra: NodeJS.ProcessEnv = {}, setup: (db: Db) => Promise<void> = async () => {}): Promise<ProductionServer> {
  let database: TestDatabase | null = null;
  let dataDir: string | undefined;
  if (KIND === 'postgres') {
    database = await openTestDatabase('postgres');
    await load(database.prisma, fixtureFile());
    await setup(database.prisma);
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-prod-'));
    const embedded = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    await load(embedded.prisma, fixtureFile());
    await setup(embedded.prisma);
    await embedded.close();
  }
  const twilioApi = await startTwilioApi(TWILIO_SID, TWILIO_TOKEN);
  const mailbox = await startMailbox();
  const slackApi = await startSlackStandIn(SLACK_BOT_TOKEN);
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production', LOG_LEVEL: 'info', PUBLIC_BASE_URL, HOST: '127.0.0.1',
    APP_SECRET: 'production-like-secret-0123456789abcdef',
    ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
    TWILIO_ACCOUNT_SID: TWILIO_SID, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TWILIO_SMS_FROM: SMS_FROM, TWILIO_WHATSAPP_FROM: SMS_FROM, TWILIO_API_URL: twilioApi.url,
    SLACK_SIGNING_SECRET: 'slack-signing-secret', SLACK_BOT_TOKEN, SLACK_API_URL: slackApi.url,
    MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'teams-password',
    STRIPE_SECRET_KEY: 'sk_test_production_like', STRIPE_WEBHOOK_SECRET: 'whsec_production_like', STRIPE_API_URL: 'http://127.0.0.1:59999/',
    SMTP_URL: mailbox.url, MAIL_FROM: 'Acme portal <portal@acme.example>',
    ADMIN_API_KEY,
    ...extra,
  };
  const serve = async (): Promise<ProductionServer> => {
    const server = await startServer(env);
    return {
      ...server, twilioApi, slackApi, mailbox, env,
      restart: serve,
      async inspect(use) {
        if (database) return use(database.prisma);
        const embedded = await openDatabase({ dataDir: path.join(dataDir!, 'pglite') });
        try {
          return await use(embedded.prisma);
        } finally {
          await embedded.close();
        }
      },
      async close() {
        await server.stop();
        await twilioApi.close();
        await mailbox.close();
        await slackApi.close();
        await database?.close();
      },
    };
  };
  return serve();
}

let sid = 0;

/** A message as Twilio posts it: form-encoded and signed over the public URL. */
export function twilioForm(from: string, text: string, messageSid = `SM${process.pid}x${String(++sid).padStart(24, '0')}`) {
  return { MessageSid: messageSid, AccountSid: TWILIO_SID, From: from, To: SMS_FROM, Body: text, NumMedia: '0' };
}

export async function postTwilio(url: string, params: Record<string, string>): Promise<{ status: number; text: string | null }> {
  const res = await fetch(`${url}/twilio/messages`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_BASE_URL}/twilio/messages`, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  const twiml = await res.text();
  const body = /<Body>([\s\S]*?)<\/Body>/.exec(twiml)?.[1];
  return { status: res.status, text: body === undefined ? null : body.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') };
}

let turn = 0;

/** What a customer and the load balancer see: /healthz is up and a linked customer is answered (Hank and Bill in turn, each under 20 a minute). */
export async function stillServing(url: string): Promise<void> {
  const health = await fetch(`${url}/healthz`);
  if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
  const { text } = await postTwilio(url, twilioForm(turn++ % 2 ? '+15555550102' : '+15555550101', 'what do I owe'));
  if (!text?.startsWith('You owe $')) throw new Error(`a linked customer got ${JSON.stringify(text)}`);
}
