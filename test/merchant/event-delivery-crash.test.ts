/**
 * Events survive a flaky receiver and a crashing server: 1,000 payments (in CI) recorded through
 * POST /admin/payments for two organizations, each an event for the merchant's webhook; the
 * receiver refuses 30% of deliveries at random and is down for a stretch; the server is killed
 * (SIGKILL) twice and started again. Every event arrives at least once, in order per
 * organization, each signed as merchant.md documents.
 */
import http from 'node:http';
import { verifiesPortalSignature } from '../support/portal-signature';
import type { Db } from '../../core/db/open-database';
import { load } from '../support/load';
import { closeNow, listenLocally } from '../support/local-server';
import { fixtureFile } from '../support/fixture';
import { prng } from '../support/fuzz-inputs';
import { ADMIN_API_KEY, startProductionServer, type ProductionServer } from '../security/production-server';

// 100 by default; CI delivers 1,000 (EVENT_DELIVERY_EVENTS in .ci/run).
const PAYMENTS = Number(process.env.EVENT_DELIVERY_EVENTS ?? 100);
const IN_FLIGHT = 8;

type Arrival = { id: string; organization: string; signature: string; body: string };

function flakyReceiver(random: () => number) {
  const arrivals: Arrival[] = [];
  let down = false;
  let refused = 0;
  const server = http.createServer((req, res) => {
    if (down) return void req.socket.destroy();
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      if (random() < 0.3) {
        refused += 1;
        res.statusCode = 503;
        return void res.end();
      }
      const event = JSON.parse(body) as { id: string; organization: string };
      arrivals.push({ id: event.id, organization: event.organization, signature: String(req.headers['portal-signature']), body });
      res.statusCode = 200;
      res.end('{}');
    });
  });
  return { server, arrivals, setDown: (value: boolean) => (down = value), refused: () => refused };
}


let server: ProductionServer;
const receiver = flakyReceiver(prng(1313));
let hookUrl = '';

beforeAll(async () => {
  hookUrl = `${await listenLocally(receiver.server)}/portal-events`;
  server = await startProductionServer({}, async (db: Db) => {
    const acme = fixtureFile() as ReturnType<typeof fixtureFile> & { organization: { notify?: object } };
    acme.organization.notify = { webhookUrl: hookUrl };
    await load(db, acme);
    await load(db, {
      organization: { key: 'initrode', name: 'Initrode Books', currency: 'USD', notify: { webhookUrl: hookUrl } },
      customers: [{ key: 'k1', name: 'Peter Gibbons', contacts: [] }],
    });
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await closeNow(receiver.server);
});

test(`${PAYMENTS} events through a receiver that fails 30% of the time, with two kills of the server: all delivered, in order per organization`, async () => {
  const requests = Array.from({ length: PAYMENTS }, (_, i) => ({
    key: `evt-test-${i}`,
    body: JSON.stringify({ org: i % 3 === 0 ? 'initrode' : 'acme', customer: i % 3 === 0 ? 'k1' : 'c2', amount: '0.01', date: '2026-11-20', mode: 'cash' }),
  }));
  let next = 0;
  let recorded = 0;
  const post = async (r: (typeof requests)[number]) => {
    // A request cut by a kill is sent again with its Idempotency-Key, as a merchant's system would.
    for (;;) {
      const res = await fetch(`${server.url}/admin/payments`, {
        method: 'POST', headers: { Authorization: `Bearer ${ADMIN_API_KEY}`, 'Content-Type': 'application/json', 'Idempotency-Key': r.key }, body: r.body,
      }).catch(() => null);
      if (res && (res.status === 200 || res.status === 201)) return void (recorded += 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const kills = [Math.floor(PAYMENTS / 3), Math.floor((2 * PAYMENTS) / 3)];
  const worker = async () => {
    while (next < requests.length) await post(requests[next++]);
  };
  const restarts = (async () => {
    for (const at of kills) {
      while (recorded < at) await new Promise((resolve) => setTimeout(resolve, 20));
      await server.kill();
      if (at === kills[0]) receiver.setDown(true);
      server = await server.restart();
      setTimeout(() => receiver.setDown(false), 4_000);
    }
  })();
  const started = Date.now();
  await Promise.all([...Array.from({ length: IN_FLIGHT }, worker), restarts]);
  const posted = Date.now();

  const ids = () => new Set(receiver.arrivals.map((a) => a.id));
  const deadline = Date.now() + 180_000;
  while (ids().size < PAYMENTS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  const delivered = Date.now();
  const output = server.output();
  await server.stop();
  if (ids().size < PAYMENTS) console.log(output.split('\n').filter((l) => /"level":[45]0/.test(l)).slice(-20).join('\n'));

  const { events, secrets } = await server.inspect(async (db) => ({
    events: await db.event.findMany({ select: { id: true, seq: true, org: { select: { key: true } } } }),
    secrets: Object.fromEntries((await db.organization.findMany({ select: { key: true, webhookSecret: true } })).map((o) => [o.key, o.webhookSecret!])),
  }));
  expect(events).toHaveLength(PAYMENTS);
  expect([...ids()].sort()).toEqual(events.map((e) => e.id).sort());
  const seqOf = new Map(events.map((e) => [e.id, e.seq]));
  for (const org of ['acme', 'initrode']) {
    const firstArrivals = [...new Set(receiver.arrivals.filter((a) => a.organization === org).map((a) => a.id))].map((id) => seqOf.get(id)!);
    expect(firstArrivals).toEqual([...firstArrivals].sort((a, b) => a - b));
  }
  expect(receiver.arrivals.every((a) => verifiesPortalSignature(secrets[a.organization], a.signature, a.body))).toBe(true);
  console.log(`${PAYMENTS} events: ${receiver.arrivals.length} deliveries accepted, ${receiver.refused()} refused by the receiver, two kills; `
    + `payments posted in ${(posted - started) / 1000} s, the last event delivered ${(delivered - posted) / 1000} s later`);
}, 400_000);
