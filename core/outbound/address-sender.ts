/**
 * Messages to an address rather than into a customer's chat: linking codes and forwarded
 * documents (e-mail, phone), and the merchant's events (its Slack channel, its e-mail digest).
 * The core writes every word; the sender only carries them (SMTP, SMS, Slack's Web API).
 */
export interface AddressSender {
  /** The kinds of address a message can go to here. */
  reaches: { email: boolean; phone: boolean; slack: boolean };
  send(to: { email: string } | { phone: string } | { slackChannel: string }, message: { subject: string; text: string }): Promise<void>;
}
