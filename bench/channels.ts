/**
 * "What do I owe" through the Twilio route on PostgreSQL with 50 concurrent senders, beside a
 * bare restify route answering fixed TwiML in the same run (the ceiling). The load comes from
 * a second process on loopback.
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import restify from 'restify';
import { assembleCore } from '../core/facade/assemble-core';
import { buildApp } from '../bots/app';
import { loadConfig } from '../core/config';
import { openDatabase } from '../core/db/open-database';
import { createChromiumRenderer } from '../core/documents/chromium-renderer';
import { planImport } from '../core/import/plan-import';
import { writeImport } from '../core/import/write-import';
import { DEMO_FILE } from '../core/start-portal';
import { createBenchDatabase, stats, writeResult } from './support';

const run = promisify(execFile);
const CONCURRENCY = 50;
const DURATION_MS = 15_000;
/** Ceiling and portal take turns, so a noisy moment on this shared machine hits both alike. */
const ROUNDS = 3;
const TOKEN = 'bench-twilio-token';
const PUBLIC = 'https://portal.example.com';
const TSX = path.resolve(__dirname, '../node_modules/.bin/tsx');

async function load(target: string, senders: string[]) {
  const { stdout } = await run(TSX, [path.join(__dirname, 'twilio-load.ts'), target, `${PUBLIC}/twilio/messages`, TOKEN, String(CONCURRENCY), String(DURATION_MS), JSON.stringify(senders)], { maxBuffer: 64 * 1024 * 1024 });
  const { latencies, errors, seconds } = JSON.parse(stdout) as { latencies: number[]; errors: number; seconds: number };
  return { perSecond: Math.round(latencies.length / seconds), errors, latencies };
}

/** Rounds of one target: the median round's rate, every round's latencies together. */
function summary(rounds: Array<Awaited<ReturnType<typeof load>>>) {
  const rates = rounds.map((r) => r.perSecond);
  return {
    messages_per_second: [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)],
    rounds_messages_per_second: rates,
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    latency: stats(rounds.flatMap((r) => r.latencies)),
  };
}

async function listen(server: restify.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function benchChannels() {
  const pg = await createBenchDatabase('portal_bench_channels');
  const database = await openDatabase({ url: pg.url });
  const log = pino({ level: 'silent' });
  const renderer = createChromiumRenderer({ log });
  try {
    // The demo organization, with 50 customer contacts who each write from their own phone.
    const demo = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(DEMO_FILE, 'utf8')));
    const senders = Array.from({ length: CONCURRENCY }, (_, i) => `+1555700${String(i).padStart(4, '0')}`);
    demo.customers[0].contacts.push(...senders.map((phone, i) => ({ name: `Sender ${i}`, phone })));
    await writeImport(database.prisma, planImport(demo, path.dirname(DEMO_FILE)));

    const config = loadConfig({ PUBLIC_BASE_URL: PUBLIC, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_ACCOUNT_SID: 'ACbench', APP_SECRET: 'bench-secret-long-enough-0123456789abcdef', LOG_LEVEL: 'silent' });
    // Every sender writes far faster than a person: the per-identity limits would answer most with silence.
    const { core, outbound } = assembleCore({ config, db: database.prisma, renderer, log, overrides: { limits: { perIdentityPerMinute: 1e9, perPrefixPerMinute: 1e9 } } });
    const server = buildApp({ config, log, core, outbound });
    const appUrl = await listen(server);
    const bare = restify.createServer();
    bare.post('/twilio/messages', restify.plugins.urlEncodedBodyParser({ mapParams: false }), (_req, res, next) => {
      res.setHeader('Content-Type', 'text/xml');
      res.sendRaw(200, '<?xml version="1.0" encoding="UTF-8"?><Response><Message>You owe $1,234.56 on 3 invoices.</Message></Response>');
      next();
    });
    const bareUrl = await listen(bare);

    const ceilingRounds = [];
    const portalRounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      ceilingRounds.push(await load(`${bareUrl}/twilio/messages`, senders));
      portalRounds.push(await load(`${appUrl}/twilio/messages`, senders));
    }
    const ceiling = summary(ceilingRounds);
    const portal = summary(portalRounds);
    server.close();
    bare.close();
    const file = await writeResult('channels', {
      description: `"what do I owe" as signed Twilio SMS webhooks, ${CONCURRENCY} concurrent senders for ${DURATION_MS / 1000} s a round, load from a second process; the portal on PostgreSQL (demo organization) beside a bare restify route returning fixed TwiML, ${ROUNDS} rounds each, taking turns in the same run. Rates are the median round; latencies are over all rounds.`,
      targets: { share_of_ceiling: 0.4, p99_ms: 100 },
      ceiling_bare_restify: ceiling,
      portal_twilio_route_postgres: portal,
      share_of_ceiling: Math.round((portal.messages_per_second / ceiling.messages_per_second) * 100) / 100,
      targets_met: { share_of_ceiling: portal.messages_per_second >= 0.4 * ceiling.messages_per_second, p99_ms: portal.latency.p99_ms < 100 },
    });
    console.log(`channels: ${portal.messages_per_second}/s (ceiling ${ceiling.messages_per_second}/s), p99 ${portal.latency.p99_ms} ms → ${file}`);
  } finally {
    await renderer.close();
    await database.close();
    await pg.drop();
  }
}
