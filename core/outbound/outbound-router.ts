import type { Channel } from '../channels';
import { AppError } from '../errors';
import type { OutboundSender } from './outbound-sender';

export interface OutboundRouter extends OutboundSender {
  /** The sender of one channel, given by its door once the door exists. */
  route(channel: Channel, sender: OutboundSender): void;
  /** Whether a door gave a sender for this channel. */
  reaches(channel: Channel): boolean;
}

/** One OutboundSender for the core: each message goes through the sender of its channel. */
export function createOutboundRouter(log: { warn(obj: object, msg?: string): void }): OutboundRouter {
  const senders: Partial<Record<Channel, OutboundSender>> = {};
  return {
    route(channel, sender) {
      senders[channel] = sender;
    },
    reaches: (channel) => Boolean(senders[channel]),
    async send(to, reply) {
      const sender = senders[to.channel];
      if (!sender) {
        log.warn({ channel: to.channel }, 'no sender for this channel; message not sent');
        throw new AppError('unavailable', `no outbound sender for ${to.channel}`);
      }
      return sender.send(to, reply);
    },
    async sentSince(to, since) {
      return senders[to.channel]?.sentSince?.(to, since);
    },
  };
}
