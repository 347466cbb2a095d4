import type restify from 'restify';
import type { Logger } from 'pino';
import type { Config } from '../core/config';
import type { Core } from '../core/facade/core';
import type { OutboundRouter } from '../core/outbound/outbound-router';
import { registerAdmin } from './admin/admin-payments';
import { registerDesk } from './desk/desk-routes';
import type { DoorDeps } from './door';
import { registerSandbox } from './sandbox/sandbox-route';
import { routeSenders } from './senders/route-senders';
import { createServer } from './server';
import { registerSlack } from './slack/slack-route';
import { registerStripe } from './stripe/stripe-webhook';
import { registerTeams } from './teams/teams-route';
import { registerTwilio } from './twilio/twilio-route';
import { registerWeb } from './web/web-routes';

export interface AppParts {
  config: Config;
  log: Logger;
  core: Core;
  /** The core's router for receipts and reminders: each door gives it its channel's sender. */
  outbound: OutboundRouter;
}

/** Every door on one server, and each channel's sender in the core's router; used by main and by the tests alike. */
export function buildApp({ config, log, core, outbound }: AppParts): restify.Server {
  const server = createServer({ core, log });
  const door: DoorDeps = { config, log, core };
  routeSenders(door, outbound);
  registerTwilio(server, door);
  registerTeams(server, door);
  registerSlack(server, door);
  registerWeb(server, door);
  registerStripe(server, door);
  registerSandbox(server, door);
  registerAdmin(server, door);
  registerDesk(server, door);
  return server;
}
