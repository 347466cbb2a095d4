/**
 * A small stateful stand-in for the part of Stripe's API the portal calls (customers.create,
 * checkout.sessions.create and retrieve), spoken over HTTP so that the real `stripe` SDK, its
 * form encoding, auth and idempotency headers stay in the path. Objects are typed with the
 * SDK's own types, so a change of shape fails `tsc`.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { closeNow, listenLocally } from '../support/local-server';
import type Stripe from 'stripe';

export const STRIPE_KEY = 'sk_test_portal_stand_in';
export const WEBHOOK_SECRET = 'whsec_portal_stand_in';

type Form = { [key: string]: string | Form | Array<string | Form> };
type PaymentIntent = Pick<Stripe.PaymentIntent, 'id' | 'object' | 'amount' | 'currency' | 'customer' | 'metadata' | 'status'> & {
  payment_method: Pick<Stripe.PaymentMethod, 'id' | 'object' | 'type'> | null;
};

export interface StandInRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  body: Form;
}

export class StripeStandIn {
  readonly requests: StandInRequest[] = [];
  readonly customers = new Map<string, Stripe.Customer>();
  readonly sessions = new Map<string, Stripe.Checkout.Session>();
  readonly intents = new Map<string, PaymentIntent>();
  private readonly replays = new Map<string, { body: string; status: number; json: string }>();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private seq = 0;
  url = '';

  async start(): Promise<this> {
    this.url = await listenLocally(this.server);
    return this;
  }

  close(): Promise<void> {
    return closeNow(this.server);
  }

  /** The customer finished Checkout: a card is paid at once; a bank debit (ACH) starts processing. */
  complete(sessionId: string, method: 'card' | 'us_bank_account' = 'card'): Stripe.Checkout.Session {
    const session = this.session(sessionId);
    const intent: PaymentIntent = {
      id: `pi_${this.id()}`, object: 'payment_intent', amount: session.amount_total!, currency: session.currency!,
      customer: session.customer as string, metadata: session.metadata ?? {},
      status: method === 'card' ? 'succeeded' : 'processing',
      payment_method: { id: `pm_${this.id()}`, object: 'payment_method', type: method },
    };
    this.intents.set(intent.id, intent);
    Object.assign(session, { status: 'complete', payment_intent: intent.id, payment_status: method === 'card' ? 'paid' : 'unpaid' });
    return session;
  }

  /** Days later, the bank debit clears or comes back. */
  settle(sessionId: string, outcome: 'succeeded' | 'failed'): void {
    const session = this.session(sessionId);
    const intent = this.intents.get(session.payment_intent as string)!;
    intent.status = outcome === 'succeeded' ? 'succeeded' : 'requires_payment_method';
    if (outcome === 'succeeded') session.payment_status = 'paid';
  }

  /** A webhook event about a session, as Stripe would POST it (its body is a snapshot, not the truth). */
  event(type: 'checkout.session.completed' | 'checkout.session.async_payment_succeeded' | 'checkout.session.async_payment_failed', sessionId: string, created: number): string {
    const event = {
      id: `evt_${this.id()}`, object: 'event', api_version: '2026-10-28.endive', created, livemode: false, pending_webhooks: 1,
      request: { id: null, idempotency_key: null }, type, data: { object: { ...this.session(sessionId) } },
    } satisfies Stripe.Event;
    return JSON.stringify(event, null, 2);
  }

  session(id: string): Stripe.Checkout.Session {
    const session = this.sessions.get(id);
    if (!session) throw new Error(`no session ${id}`);
    return session;
  }

  private id(): string {
    return `test_${(++this.seq).toString().padStart(6, '0')}${crypto.randomBytes(4).toString('hex')}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const body = parseForm(req.method === 'GET' ? url.search.slice(1) : raw);
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    this.requests.push({ method: req.method ?? '', path: url.pathname, idempotencyKey, body });
    const send = (status: number, json: string, replayed = false) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${this.id()}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
      res.end(json);
    };
    if (req.headers.authorization !== `Bearer ${STRIPE_KEY}`) {
      return send(401, JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }));
    }
    const replayKey = idempotencyKey && `${req.method} ${url.pathname} ${idempotencyKey}`;
    const earlier = replayKey ? this.replays.get(replayKey) : undefined;
    if (earlier) {
      if (earlier.body !== raw) {
        return send(400, JSON.stringify({ error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } }));
      }
      return send(earlier.status, earlier.json, true);
    }
    const [status, object] = this.route(req.method ?? '', url.pathname, body);
    const json = JSON.stringify(object);
    if (replayKey && req.method === 'POST') this.replays.set(replayKey, { body: raw, status, json });
    send(status, json);
  }

  private route(method: string, path: string, body: Form): [number, unknown] {
    if (method === 'POST' && path === '/v1/customers') return [200, this.createCustomer(body)];
    if (method === 'POST' && path === '/v1/checkout/sessions') return [200, this.createSession(body)];
    const match = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === 'GET' && match && this.sessions.has(match[1])) return [200, this.expanded(this.session(match[1]), body)];
    return [404, { error: { type: 'invalid_request_error', message: `No such route or object: ${method} ${path}` } }];
  }

  private createCustomer(body: Form): Stripe.Customer {
    const customer = {
      id: `cus_${this.id()}`, object: 'customer', balance: 0, created: 1_764_000_000, default_source: null, description: null,
      email: str(body.email), invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false, metadata: (body.metadata ?? {}) as Record<string, string>, name: str(body.name), shipping: null,
    } satisfies Stripe.Customer;
    this.customers.set(customer.id, customer);
    return customer;
  }

  private createSession(body: Form): Stripe.Checkout.Session {
    const lines = (body.line_items ?? []) as Form[];
    const price = (l: Form) => l.price_data as Form;
    const total = lines.reduce((s, l) => s + Number(price(l).unit_amount) * Number(l.quantity ?? '1'), 0);
    const id = `cs_${this.id()}`;
    const session = {
      id, object: 'checkout.session', adaptive_pricing: null, after_expiration: null, allow_promotion_codes: null,
      allowed_payment_method_types: (body.allowed_payment_method_types as string[] | undefined) ?? null,
      amount_subtotal: total, amount_total: total,
      automatic_tax: { enabled: false, liability: null, provider: null, status: null }, billing_address_collection: null,
      cancel_url: str(body.cancel_url), client_reference_id: null, client_secret: null, collected_information: null, consent: null,
      consent_collection: null, created: 1_764_000_000, currency: lines.length ? String(price(lines[0]).currency) : null,
      currency_conversion: null, custom_fields: [],
      custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
      customer: str(body.customer), customer_account: null, customer_creation: null, customer_details: null, customer_email: null,
      discounts: null, expires_at: 1_764_086_400, integration_identifier: null, invoice: null, invoice_creation: null, livemode: false,
      locale: null, managed_payments: null, metadata: (body.metadata ?? {}) as Record<string, string>, mode: 'payment',
      origin_context: null, payment_intent: null, payment_link: null, payment_method_collection: null,
      payment_method_configuration_details: null, payment_method_options: null,
      payment_method_types: (body.allowed_payment_method_types as string[] | undefined) ?? ['card'], payment_status: 'unpaid',
      permissions: null, recovered_from: null, saved_payment_method_options: null, setup_intent: null,
      shipping_address_collection: null, shipping_cost: null, shipping_options: [], status: 'open', submit_type: null,
      subscription: null, success_url: str(body.success_url), total_details: null, ui_mode: 'hosted',
      url: `https://checkout.stripe.test/c/pay/${id}`, wallet_options: null,
    } satisfies Stripe.Checkout.Session;
    this.sessions.set(id, session);
    return session;
  }

  /** `expand[]=payment_intent.payment_method` puts the PaymentIntent, with its method, in place of its id. */
  private expanded(session: Stripe.Checkout.Session, query: Form): unknown {
    const expand = (query.expand ?? []) as string[];
    const intent = typeof session.payment_intent === 'string' ? this.intents.get(session.payment_intent) : undefined;
    if (!intent || !expand.some((e) => e.startsWith('payment_intent'))) return session;
    return { ...session, payment_intent: expand.includes('payment_intent.payment_method') ? intent : { ...intent, payment_method: intent.payment_method?.id ?? null } };
  }
}

function str(value: Form[string] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** Stripe's form encoding: `line_items[0][price_data][unit_amount]=5000` → nested objects and arrays. */
export function parseForm(text: string): Form {
  const root: Form = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.split('[').map((part) => part.replace(/\]$/, ''));
    let node: Form | Array<string | Form> = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const container = node as Record<string, string | Form | Array<string | Form>>;
      if (last) {
        container[part] = value;
        return;
      }
      container[part] ??= /^\d+$/.test(path[i + 1]) ? [] : {};
      node = container[part] as Form | Array<string | Form>;
    });
  }
  return root;
}
