/**
 * Request intake, tried as an attacker would against a production-configured server: bodies
 * that do not decode, encodings nobody accepts, bodies that are huge on the wire or once
 * inflated, malformed ones. Each is refused with its status, and the server goes on serving
 * with its memory in bounds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, type ServerProcess } from '../support/server-process';
import twilio from 'twilio';
import { ADMIN_API_KEY, PUBLIC_BASE_URL, startProductionServer, stillServing, twilioForm, TWILIO_TOKEN, type ProductionServer } from './production-server';
import { rawPost } from './raw-request';

let server: ProductionServer;
beforeAll(async () => {
  server = await startProductionServer();
}, 60_000);
afterAll(() => server?.close());

/** `megabytes` of zeros as concatenated gzip members: about 1 KB on the wire per inflated megabyte. */
function gzipBomb(megabytes: number): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(1024 * 1024));
  return Buffer.concat(Array.from({ length: megabytes }, () => member));
}

const ADMIN = { Authorization: `Bearer ${ADMIN_API_KEY}` };
const ROUTES: Array<[string, Record<string, string>]> = [
  ['/twilio/messages', { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ['/twilio/status', { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ['/web/messages', { 'Content-Type': 'application/json' }],
  ['/web/session', { 'Content-Type': 'application/json' }],
  ['/pay/sandbox/co_x', { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ['/admin/payments', { 'Content-Type': 'application/json', ...ADMIN }],
  ['/admin/reminders', { 'Content-Type': 'application/json', ...ADMIN }],
  ['/admin/disputes/resolve', { 'Content-Type': 'application/json', ...ADMIN }],
  ['/desk/session', { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ['/api/messages', { 'Content-Type': 'application/json' }],
  ['/slack/events', { 'Content-Type': 'application/json' }],
  ['/stripe/webhook', { 'Content-Type': 'application/json' }],
];

test.each(ROUTES)('%s: a body that is not the gzip it claims is refused with 400', async (path, headers) => {
  const answer = await rawPost(server.url, path, { headers: { ...headers, 'Content-Encoding': 'gzip' }, body: 'hello' });
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.body)).toEqual({ error: 'the body is not valid gzip' });
  await stillServing(server.url);
});

test.each(ROUTES)('%s: an encoding the server does not decode is refused with 415', async (path, headers) => {
  for (const encoding of ['compress', 'gzip, gzip', 'zstd']) {
    const answer = await rawPost(server.url, path, { headers: { ...headers, 'Content-Encoding': encoding }, body: zlib.gzipSync('{}') });
    expect(answer.status).toBe(415);
  }
});

test.each([
  ['/twilio/messages', 600, 'on the wire'],
  ['/twilio/messages', 60, 'once inflated'],
  ['/api/messages', 400, 'once inflated (Teams counts 512 KB)'],
  ['/slack/events', 600, 'once inflated'],
  ['/stripe/webhook', 600, 'once inflated'],
  ['/web/messages', 50, 'once inflated'],
])('%s: a gzip bomb of %i MB is refused with 413 %s', async (path, megabytes) => {
  const headers = ROUTES.find(([p]) => p === path)![1];
  const answer = await rawPost(server.url, path, { headers: { ...headers, 'Content-Encoding': 'gzip' }, body: gzipBomb(megabytes) });
  expect(answer.status).toBe(413);
  expect(server.rssMb()).toBeLessThan(400);
}, 30_000);

test('an unsigned 300 MB body is refused with 413 long before it is read, streamed or declared', async () => {
  const streamed = await rawPost(server.url, '/twilio/messages', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, streamBytes: 300 * 1024 * 1024 });
  expect(streamed.status).toBe(413);
  expect(streamed.sent).toBeLessThan(64 * 1024 * 1024);
  const declared = await rawPost(server.url, '/twilio/messages', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(300 * 1024 * 1024) }, streamBytes: 300 * 1024 * 1024,
  });
  expect(declared.status).toBe(413);
  expect(server.rssMb()).toBeLessThan(400);
  await stillServing(server.url);
}, 60_000);

test('malformed bodies are refused with 400, a body of the wrong type with 415', async () => {
  const json = { 'Content-Type': 'application/json' };
  expect((await rawPost(server.url, '/web/messages', { headers: json, body: '{"sessionId": ' })).status).toBe(400);
  expect((await rawPost(server.url, '/web/messages', { headers: json, body: '[1, 2]' })).status).toBe(400);
  expect((await rawPost(server.url, '/admin/payments', { headers: { ...json, ...ADMIN }, body: '\u0000\u0001' })).status).toBe(400);
  expect((await rawPost(server.url, '/api/messages', { headers: json, body: 'null' })).status).toBe(400);
  expect((await rawPost(server.url, '/twilio/messages', { headers: json, body: '{"Body": "hi"}' })).status).toBe(415);
  expect((await rawPost(server.url, '/web/messages', { headers: { 'Content-Type': 'text/plain' }, body: 'hi' })).status).toBe(415);
  await stillServing(server.url);
});

test.each([['gzip', zlib.gzipSync], ['deflate', zlib.deflateSync], ['deflate', zlib.deflateRawSync], ['br', zlib.brotliCompressSync]] as const)(
  'a signed message compressed with %s is decoded, verified and answered', async (encoding, compress) => {
    const params = twilioForm('+15555550101', 'what do I owe');
    const answer = await rawPost(server.url, '/twilio/messages', {
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded', 'Content-Encoding': encoding,
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_BASE_URL}/twilio/messages`, params),
      },
      body: compress(Buffer.from(new URLSearchParams(params).toString())),
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('You owe $750.00');
  });

test('after every case above the server still answers, in bounded memory', async () => {
  await stillServing(server.url);
  expect(server.rssMb()).toBeLessThan(400);
  expect(server.output()).not.toMatch(/ERR_STRING_TOO_LONG|Unhandled|uncaught/i);
});

describe('the demo (embedded database, unauthenticated Teams, sandbox checkout)', () => {
  let demo: ServerProcess;
  // The embedded database holds its own heap of several hundred megabytes: what counts is growth.
  let idleMb: number;
  beforeAll(async () => {
    demo = await startServer({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'portal-demo-')) });
    idleMb = demo.rssMb();
  }, 60_000);
  afterAll(() => demo?.stop());

  test.each([
    ['/api/messages', 'application/json'], ['/pay/sandbox/co_x', 'application/x-www-form-urlencoded'],
    ['/web/session', 'application/json'], ['/web/messages', 'application/json'],
  ])('%s: a false gzip body is refused with 400, a bomb with 413, and the demo goes on', async (route, type) => {
    expect((await rawPost(demo.url, route, { headers: { 'Content-Type': type, 'Content-Encoding': 'gzip' }, body: 'hello' })).status).toBe(400);
    expect((await rawPost(demo.url, route, { headers: { 'Content-Type': type, 'Content-Encoding': 'gzip' }, body: gzipBomb(600) })).status).toBe(413);
    expect((await fetch(`${demo.url}/healthz`)).status).toBe(200);
    const session = await fetch(`${demo.url}/web/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(session.status).toBe(200);
    expect(demo.rssMb() - idleMb).toBeLessThan(100);
  }, 30_000);
});
