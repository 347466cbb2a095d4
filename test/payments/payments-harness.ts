import type { AddressInfo } from 'node:net';
import pino from 'pino';
import restify from 'restify';
import Stripe from 'stripe';
import { registerAdmin } from '../../bots/admin/admin-payments';
import { registerSandbox } from '../../bots/sandbox/sandbox-route';
import { registerStripe } from '../../bots/stripe/stripe-webhook';
import { CHANNELS } from '../../core/channels';
import { fixedClock } from '../../core/clock';
import { loadConfig } from '../../core/config';
import type { OutboundSender } from '../../core/outbound/outbound-sender';
import type { Reply } from '../../core/replies/reply';
import type { ConversationDeps } from '../../core/conversation/turn';
import type { Channel } from '../../core/db/generated/client';
import type { Db } from '../../core/db/open-database';
import type { PaymentGateway } from '../../core/payments/payment-gateway';
import { assembleCore } from '../../core/facade/assemble-core';
import type { Core } from '../../core/facade/core';
import { checkoutsThrough } from '../../core/payments/open-checkout';
import { createStripeClient } from '../../core/payments/providers/stripe/stripe-client';
import { createStripeProvider } from '../../core/payments/providers/stripe/stripe-provider';
import { conversationDeps, customer } from '../support/conversation';
import { STRIPE_KEY, StripeStandIn, WEBHOOK_SECRET } from './stripe-stand-in';

/** "Now" for every payment test: the fixture's today, 10:00 in New York. */
export const NOW = '2026-11-24T15:00:00Z';
export const NOW_SECONDS = Date.parse(NOW) / 1000;
export const BASE_URL = 'https://portal.example';
export const ADMIN_KEY = 'admin-key-for-tests-0123456789';
export const HANK = '+15555550101';

/** Receipts and other proactive messages, as the channel doors would have sent them. */
export class RecordingSender implements OutboundSender {
  readonly sent: Array<{ to: { channel: Channel; address: string }; reply: Reply }> = [];
  async send(to: { channel: Channel; address: string }, reply: Reply) {
    this.sent.push({ to, reply });
  }
}

export interface PaymentsServer {
  url: string;
  portal: ConversationDeps;
  core: Core;
  outbound: RecordingSender;
  stripe: Stripe | null;
  close(): Promise<void>;
}

/** The project's payment and admin routes on a restify server of the test's own, on 127.0.0.1. */
export async function startPaymentsServer({ db, env = {}, gateway, outbound = new RecordingSender(), clock = fixedClock(NOW) }: {
  db: Db; env?: NodeJS.ProcessEnv; gateway?: (stripe: Stripe | null) => PaymentGateway; outbound?: RecordingSender; clock?: () => Date;
}): Promise<PaymentsServer> {
  const config = loadConfig({ APP_SECRET: 'x'.repeat(40), PUBLIC_BASE_URL: BASE_URL, ADMIN_API_KEY: ADMIN_KEY, ...env });
  const log = pino({ level: 'silent' });
  const stripe = createStripeClient(config);
  const renderer = { render: async () => Buffer.from('%PDF-1.7 test'), close: async () => {} };
  const { secret, documents } = conversationDeps(db);
  const { core, conversation: portal, outbound: router } = assembleCore({
    config, db, renderer, log, clock, overrides: { secret, documents, ...(gateway ? { payments: gateway(stripe) } : {}) },
  });
  for (const channel of CHANNELS) router.route(channel, outbound);
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());
  const door = { config, log, core };
  registerStripe(server, door);
  registerSandbox(server, door);
  registerAdmin(server, door);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    portal, core, outbound, stripe,
    async close() {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Settings that turn Stripe on against the stand-in. */
export function stripeEnv(standIn: StripeStandIn): NodeJS.ProcessEnv {
  return { STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: standIn.url };
}

export const stripeGateway = (db: Db) => (stripe: Stripe | null) =>
  checkoutsThrough(createStripeProvider({ stripe: stripe!, baseUrl: BASE_URL }), { db, secret: conversationDeps(db).secret });

/** Signs like Stripe does and POSTs to the webhook route. */
export function deliver(url: string, payload: string, { secret = WEBHOOK_SECRET, timestamp = NOW_SECONDS, header }: {
  secret?: string; timestamp?: number; header?: string | null;
} = {}): Promise<Response> {
  const signature = header === undefined ? Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }) : header;
  return fetch(`${url}/stripe/webhook`, {
    method: 'POST', body: payload,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...(signature === null ? {} : { 'Stripe-Signature': signature }) },
  });
}

/** A linked contact writing on WhatsApp. */
export function say(server: PaymentsServer, address = HANK) {
  return customer(server.portal, 'whatsapp', address);
}

/** The checkout session id at the end of a Stripe Checkout URL from the stand-in. */
export function sessionIdOf(url: string | undefined): string {
  const id = /\/(cs_[^/?#]+)$/.exec(url ?? '')?.[1];
  if (!id) throw new Error(`not a stand-in checkout url: ${url}`);
  return id;
}
