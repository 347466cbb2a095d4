import type { Channel } from '../channels';
import type { Reply } from '../replies/reply';

/**
 * Sends a reply to an identity without a message from it first: a payment receipt, and later
 * the merchant's reminders. Each door provides the sender for its channel (Twilio's REST API,
 * Slack's chat.postMessage, a Teams proactive message); the composition root routes by channel.
 */
export interface OutboundSender {
  /** Resolves once the provider took the message; with its id where the provider gives one (Twilio's SID). */
  send(to: { channel: Channel; address: string }, reply: Reply): Promise<void | { providerId?: string }>;
  /**
   * What the provider itself recorded as sent to this address since `since` (Twilio's Messages
   * list): after a crash mid-send, whether the message left. Null: nothing left; absent, or
   * undefined, where the provider cannot tell.
   */
  sentSince?(to: { channel: Channel; address: string }, since: Date): Promise<{ providerId?: string } | null | undefined>;
  /** For a router of several channels: whether one of them has a sender. */
  reaches?(channel: Channel): boolean;
}
