import type restify from 'restify';
import type { Logger } from 'pino';
import { resolveAppSecret } from '../core/app-secret';
import { systemClock, type Clock } from '../core/clock';
import type { Config } from '../core/config';
import type { OutboundSender } from '../core/conversation/outbound';
import type { ConversationDeps } from '../core/conversation/turn';
import type { Db } from '../core/db/open-database';
import { createDocumentLinks } from '../core/documents/document-links';
import { loadDocumentTemplates } from '../core/documents/document-templates';
import type { PdfRenderer } from '../core/documents/pdf-renderer';
import { createPaymentGateway } from '../core/payments/create-payment-gateway';
import { createStripeClient } from '../core/payments/stripe-client';
import { registerAdmin } from './admin/admin-payments';
import type { DoorDeps } from './door';
import { createMessageSenders } from './senders/message-senders';
import { routeOutbound } from './senders/outbound-router';
import { createServer } from './server';
import { createSlackSender } from './slack/slack-sender';
import { registerPayments } from './stripe/register-payments';
import { registerSlack } from './slack/slack-route';
import { createTeamsSender } from './teams/teams-sender';
import { registerTeams } from './teams/teams-route';
import { createTwilioSender } from './twilio/twilio-sender';
import { registerTwilio } from './twilio/twilio-route';
import { createWebInbox } from './web/web-inbox';
import { registerWeb } from './web/web-routes';

export interface AppParts {
  config: Config;
  log: Logger;
  db: Db;
  renderer: PdfRenderer;
  clock?: Clock;
  /** Tests put fakes at the edge here (a payment gateway, a code sender); nothing else differs. */
  overrides?: Partial<ConversationDeps>;
  /** The key of this machine's commands (the embedded database's claim): operator rights on /admin/*. */
  commandToken?: string;
}

/** Wires the core and every door onto one server; used by main and by the tests alike. */
export function buildApp({ config, log, db, renderer, clock = systemClock, overrides = {}, commandToken }: AppParts): { server: restify.Server; portal: ConversationDeps; outbound: OutboundSender } {
  const secret = resolveAppSecret(config);
  const documents = createDocumentLinks({ secret, baseUrl: config.PUBLIC_BASE_URL, clock });
  const stripe = createStripeClient(config);
  const payments = createPaymentGateway({ config, db, stripe });
  const portal: ConversationDeps = { db, clock, secret, log, documents, payments, ...createMessageSenders(config), ...overrides };
  const files = { secret, renderer, templates: loadDocumentTemplates(), clock };
  const server = createServer({ db, log, files });
  const door: DoorDeps = { config, log, portal, files };
  const twilio = createTwilioSender(config);
  const web = createWebInbox();
  const outbound = routeOutbound({ ...(twilio ? { sms: twilio, whatsapp: twilio } : {}), slack: createSlackSender(door), teams: createTeamsSender(door), web }, log);
  registerTwilio(server, door);
  registerTeams(server, door);
  registerSlack(server, door);
  registerWeb(server, door, web);
  registerPayments(server, { config, log, portal, stripe, outbound });
  registerAdmin(server, door, commandToken);
  return { server, portal, outbound };
}
