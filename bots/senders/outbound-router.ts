import type { Logger } from 'pino';
import type { OutboundSender } from '../../core/conversation/outbound';
import type { Channel } from '../../core/db/generated/client';
import { AppError } from '../../core/errors';

/** One OutboundSender for the core: each message goes through the sender of its channel. */
export function routeOutbound(senders: Partial<Record<Channel, OutboundSender>>, log: Logger): OutboundSender {
  return {
    async send(to, reply) {
      const sender = senders[to.channel];
      if (!sender) {
        log.warn({ channel: to.channel }, 'no sender for this channel; message not sent');
        throw new AppError('unavailable', `no outbound sender for ${to.channel}`);
      }
      await sender.send(to, reply);
    },
  };
}
