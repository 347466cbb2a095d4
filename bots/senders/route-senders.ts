import type { OutboundRouter } from '../../core/outbound/outbound-router';
import type { DoorDeps } from '../door';
import { createSlackSender } from '../slack/slack-sender';
import { createTeamsSender } from '../teams/teams-sender';
import { createTwilioSender } from '../twilio/twilio-sender';

/** Each channel's sender in the core's router: receipts and reminders leave through the door of their channel. */
export function routeSenders(door: DoorDeps, outbound: OutboundRouter): void {
  const twilio = createTwilioSender(door.config);
  if (twilio) {
    outbound.route('sms', twilio);
    outbound.route('whatsapp', twilio);
  }
  outbound.route('slack', createSlackSender(door));
  outbound.route('teams', createTeamsSender(door));
}
