/**
 * Messages to an address rather than into a customer's chat: linking codes and forwarded
 * documents (e-mail, phone), and the merchant's events (its Slack channel, its e-mail digest).
 * The core writes every word; the sender only carries them (SMTP, SMS, Slack's Web API).
 */
export interface AddressSender {
  /** The kinds of address a message can go to here. */
  reaches: { email: boolean; phone: boolean; slack: boolean };
  send(to: Address, message: AddressMessage): Promise<void>;
}

export type Address = { email: string } | { phone: string } | { slackChannel: string };

export interface AddressMessage {
  subject: string;
  text: string;
  /** A document that goes with it: attached to an e-mail (`file` renders it when needed), its link in the text elsewhere. */
  attachment?: { fileName: string; url: string; file(): Promise<Buffer> };
}
