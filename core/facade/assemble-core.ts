import { resolveAppSecret } from '../app-secret';
import { systemClock, type Clock } from '../clock';
import type { Config } from '../config';
import type { ConversationDeps } from '../conversation/turn';
import type { Db } from '../db/db';
import { createDocumentLinks } from '../documents/document-links';
import { loadDocumentTemplates } from '../documents/document-templates';
import { printDocument } from '../documents/render-document';
import { withDemoMailbox } from '../outbound/demo-mailbox';
import type { PdfRenderer } from '../documents/pdf-renderer';
import type { AddressSender } from '../outbound/address-sender';
import { createOutboundRouter, type OutboundRouter } from '../outbound/outbound-router';
import { createWebInbox } from '../outbound/web-inbox';
import { createPaymentGateway, createPaymentProvider, sandboxAllowed } from '../payments/create-payment-gateway';
import type { Core } from './core';
import { createCore } from './create-core';

export interface CoreParts {
  config: Config;
  db: Db;
  renderer: PdfRenderer;
  log: { warn(obj: object, msg?: string): void };
  clock?: Clock;
  /** E-mail and SMS to addresses (the doors' transports); none: codes and forwards are not offered. */
  messenger?: AddressSender;
  /** The key of this machine's commands (the embedded database's claim). */
  commandToken?: string;
  /** Tests put fakes at the edge here (a payment gateway, raised limits); nothing else differs. */
  overrides?: Partial<ConversationDeps>;
}

/**
 * The core as the settings make it: the dialogue's dependencies, the payment provider, document
 * links, and the router through which the doors' senders carry receipts and reminders.
 */
export function assembleCore({ config, db, renderer, log, clock = systemClock, messenger, commandToken, overrides = {} }: CoreParts): {
  core: Core; conversation: ConversationDeps; outbound: OutboundRouter;
} {
  const secret = resolveAppSecret(config);
  const documents = createDocumentLinks({ secret, baseUrl: config.PUBLIC_BASE_URL, clock });
  const provider = createPaymentProvider(config);
  const payments = createPaymentGateway({ provider, db, secret });
  const templates = loadDocumentTemplates();
  const print: ConversationDeps['print'] = (doc, viewer) => printDocument({ db, renderer, templates, viewer, doc, now: clock() });
  // The demo keeps what it has no SMTP server or Twilio account for in a mailbox the console shows.
  const sender = config.demoMode ? withDemoMailbox(db, messenger) : messenger;
  const conversation: ConversationDeps = { db, clock, secret, log, documents, print, payments, messenger: sender, ...overrides };
  const outbound = createOutboundRouter(log);
  // The console is the core's own channel: its inbox lives in the database.
  const webInbox = createWebInbox(db);
  outbound.route('web', webInbox);
  const core = createCore({
    conversation, renderer, templates, outbound, webInbox, log, whatsappTemplate: config.TWILIO_WHATSAPP_REMINDER_TEMPLATE,
    operatorKeys: [config.ADMIN_API_KEY, commandToken], demoMode: config.demoMode, sandbox: sandboxAllowed(config),
    webhooks: { stripe: provider?.name === 'stripe' ? provider.webhooks ?? null : null },
  });
  return { core, conversation, outbound };
}
