/**
 * Stripe webhook deliveries per second, recorded on PostgreSQL: signed events POSTed over real
 * HTTP to the project's route, 20 in flight, each re-reading its session from a Stripe stand-in
 * (the real SDK over HTTP) and recording through the core. Every session's confirmation is
 * delivered twice, as Stripe's at-least-once delivery does, and bank payments settle later.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import restify from 'restify';
import Stripe from 'stripe';
import { registerStripe } from '../bots/stripe/stripe-webhook';
import { CHANNELS } from '../core/channels';
import { assembleCore } from '../core/facade/assemble-core';
import { fixedClock } from '../core/clock';
import { loadConfig } from '../core/config';
import { openDatabase, type Database } from '../core/db/open-database';
import { planImport } from '../core/import/plan-import';
import { writeImport } from '../core/import/write-import';
import { loadViewer } from '../core/portal/viewer';
import { STRIPE_KEY, StripeStandIn, WEBHOOK_SECRET } from '../test/payments/stripe-stand-in';
import { createBenchDatabase, stats, writeResult } from './support';

const NOW = '2026-11-24T15:00:00Z';
const CUSTOMERS = 50;
const INVOICES_PER_CUSTOMER = 20;
const CONCURRENCY = 20;
const BASE_URL = 'https://portal.example';

function benchFile() {
  const customers = Array.from({ length: CUSTOMERS }, (_, c) => ({
    key: `c${c}`, name: `Customer ${c}`, achEnabled: c % 5 === 0,
    contacts: [{ name: `Contact ${c}`, email: `c${c}@bench.example`, whatsapp: `+1555700${String(c).padStart(4, '0')}`, primary: true }],
  }));
  const invoices = customers.flatMap((c, ci) => Array.from({ length: INVOICES_PER_CUSTOMER }, (_, i) => ({
    number: `INV-${String(ci * INVOICES_PER_CUSTOMER + i + 1).padStart(6, '0')}`, customer: c.key, date: '2026-10-01', dueDate: '2026-11-01',
    total: `${100 + ((ci * 37 + i * 11) % 900)}.${String((i * 7) % 100).padStart(2, '0')}`, status: 'sent',
  })));
  return { organization: { key: 'bench', name: 'Bench Org', currency: 'USD', timezone: 'America/New_York', locale: 'en-US' }, customers, invoices };
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function measure(database: Database, standIn: StripeStandIn) {
  const db = database.prisma;
  await writeImport(db, planImport(benchFile(), __dirname));
  const config = loadConfig({ APP_SECRET: 'x'.repeat(40), PUBLIC_BASE_URL: BASE_URL, STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: standIn.url });
  const clock = fixedClock(NOW);
  let receipts = 0;
  const log = pino({ level: 'silent' });
  const { core, outbound, conversation: portal } = assembleCore({ config, db, clock, log, renderer: { render: async () => Buffer.alloc(0), close: async () => {} } });
  for (const channel of CHANNELS) outbound.route(channel, { send: async () => { receipts++; } });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  registerStripe(server, { core, log });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stripe/webhook`;

  try {
    // One checkout per invoice, through the real gateway: what the dialogue would have asked for.
    const invoices = await db.invoice.findMany({ include: { customer: { include: { contacts: true } } }, orderBy: { id: 'asc' } });
    const sessions: Array<{ id: string; ach: boolean }> = [];
    await inParallel(invoices, 10, async (inv) => {
      const viewer = await loadViewer(db, inv.customer.contacts[0].id);
      const ach = inv.customer.achEnabled;
      const { url: link } = await portal.payments.createCheckout({
        viewer, allocations: [{ invoiceId: inv.id, number: inv.number, amount: inv.balance }], amount: inv.balance, currency: 'USD',
        methods: ach ? ['ach'] : ['card'], description: `Payment of ${inv.number}`,
        origin: { channel: 'whatsapp', address: inv.customer.contacts[0].id.toString() }, idempotencyKey: `bench-${inv.id}`,
      });
      const id = link.split('/').pop()!;
      standIn.complete(id, ach ? 'us_bank_account' : 'card');
      sessions.push({ id, ach });
    });

    const times: number[] = [];
    const deliver = async (payload: string) => {
      const start = process.hrtime.bigint();
      const res = await fetch(url, {
        method: 'POST', body: payload,
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Date.parse(NOW) / 1000 }) },
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    };
    const storm = async (payloads: string[]) => {
      const start = process.hrtime.bigint();
      await inParallel(payloads, CONCURRENCY, deliver);
      return Number(process.hrtime.bigint() - start) / 1e9;
    };

    // Every completion twice, shuffled: cards are paid at once, bank debits start pending.
    const created = Date.parse(NOW) / 1000;
    const completions = shuffled(sessions.flatMap((s) => Array(2).fill(standIn.event('checkout.session.completed', s.id, created)) as string[]));
    const completionSeconds = await storm(completions);
    // Days later the bank debits clear: each success told twice, alongside late completions.
    const bank = sessions.filter((s) => s.ach);
    for (const s of bank) standIn.settle(s.id, 'succeeded');
    const settlements = shuffled(bank.flatMap((s) => [
      standIn.event('checkout.session.async_payment_succeeded', s.id, created), standIn.event('checkout.session.async_payment_succeeded', s.id, created),
      standIn.event('checkout.session.completed', s.id, created),
    ]));
    const settlementSeconds = await storm(settlements);

    const [payments, open, succeeded] = await Promise.all([
      db.payment.count({ where: { online: true } }), db.invoice.count({ where: { balance: { gt: 0 } } }), db.payment.count({ where: { online: true, state: 'succeeded' } }),
    ]);
    if (payments !== sessions.length || succeeded !== sessions.length || open !== 0) {
      throw new Error(`expected ${sessions.length} succeeded payments and no open invoice; got ${payments} payments, ${succeeded} succeeded, ${open} open`);
    }
    const events = completions.length + settlements.length;
    const seconds = completionSeconds + settlementSeconds;
    return {
      sessions: sessions.length, bank_sessions: bank.length, events, concurrency: CONCURRENCY,
      events_per_second: Math.round(events / seconds),
      completions: { events: completions.length, seconds: Math.round(completionSeconds * 100) / 100, events_per_second: Math.round(completions.length / completionSeconds) },
      settlements: { events: settlements.length, seconds: Math.round(settlementSeconds * 100) / 100, events_per_second: Math.round(settlements.length / settlementSeconds) },
      latency: stats(times),
      payments_recorded: payments, messages_sent: receipts,
    };
  } finally {
    server.server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function benchPayments() {
  const standIn = await new StripeStandIn().start();
  const pg = await createBenchDatabase('portal_bench_payments');
  const database = await openDatabase({ url: pg.url });
  try {
    const onPostgres = await measure(database, standIn);
    const file = await writeResult('payments', {
      description: `Stripe webhook events over HTTP to POST /stripe/webhook, signed, ${CONCURRENCY} in flight, PostgreSQL. One checkout per invoice (${CUSTOMERS} customers × ${INVOICES_PER_CUSTOMER} invoices, every fifth customer paying by ACH); every completion delivered twice, shuffled; then each bank debit's success twice plus a late completion. Each event re-reads its session from a local Stripe stand-in through the real SDK and records through the core (exactly once; the rest change nothing). Latency is per delivery, client side.`,
      postgres: onPostgres,
    });
    console.log(`payments: ${onPostgres.events_per_second} webhook events/s on PostgreSQL (${CONCURRENCY} concurrent), p95 ${onPostgres.latency.p95_ms} ms → ${file}`);
  } finally {
    await database.close();
    await pg.drop();
    await standIn.close();
  }
}
