import { webApi } from '@slack/bolt';
import type { OutboundSender } from '../../core/outbound/outbound-sender';
import { AppError } from '../../core/errors';
import type { DoorDeps } from '../door';
import { channelTarget, deliverReply, directTarget } from './deliver-reply';
import { slackClientOptions } from './slack-http';

/**
 * Messages without a message first (receipts, reminders): to the DM channel remembered from the
 * person's last message, or a DM opened with conversations.open (and remembered) when none is.
 */
export function createSlackSender(deps: DoorDeps): OutboundSender {
  const { config, log, core } = deps;
  const client = new webApi.WebClient(config.SLACK_BOT_TOKEN, slackClientOptions(config, log));
  return {
    async send(to, reply) {
      if (!config.SLACK_BOT_TOKEN) throw new AppError('unavailable', 'SLACK_BOT_TOKEN is not set');
      const [team, user] = to.address.split(':');
      if (to.channel !== 'slack' || !team || !user) throw new AppError('bad_request', `not a Slack address: ${to.channel}`);
      const ref = await core.messages.recall('slack', to.address);
      if (typeof ref?.channel === 'string') {
        try {
          await deliverReply(deps, client, channelTarget(client, ref.channel), reply, { outbound: 'slack' });
          return;
        } catch (err) {
          // A remembered DM can go stale (the app reinstalled, the DM closed): open a new one.
          if ((err as { data?: { error?: string } }).data?.error !== 'channel_not_found') throw err;
        }
      }
      await deliverReply(deps, client, directTarget(client, deps, { team, user }), reply, { outbound: 'slack' });
    },
  };
}
