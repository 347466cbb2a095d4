import type restify from 'restify';
import type { Logger } from 'pino';
import type { Config } from '../core/config';
import type { Core } from '../core/facade/core';
import type { OutboundRouter } from '../core/outbound/outbound-router';
import { registerAdmin } from './admin/admin-payments';
import type { DoorDeps } from './door';
import { registerSandbox } from './sandbox/sandbox-route';
import { createServer } from './server';
import { createSlackSender } from './slack/slack-sender';
import { registerSlack } from './slack/slack-route';
import { registerStripe } from './stripe/stripe-webhook';
import { createTeamsSender } from './teams/teams-sender';
import { registerTeams } from './teams/teams-route';
import { createTwilioSender } from './twilio/twilio-sender';
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
  const twilio = createTwilioSender(config);
  if (twilio) {
    outbound.route('sms', twilio);
    outbound.route('whatsapp', twilio);
  }
  outbound.route('slack', createSlackSender(door));
  outbound.route('teams', createTeamsSender(door));
  registerTwilio(server, door);
  registerTeams(server, door);
  registerSlack(server, door);
  registerWeb(server, door);
  registerStripe(server, door);
  registerSandbox(server, door);
  registerAdmin(server, door);
  return server;
}
