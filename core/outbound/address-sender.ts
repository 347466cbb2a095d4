/**
 * Messages to an e-mail address or a phone number rather than into a chat: linking codes and
 * forwarded documents. The core writes every word; the sender only carries them (SMTP, SMS).
 */
export interface AddressSender {
  /** The kinds of address a message can go to here. */
  reaches: { email: boolean; phone: boolean };
  send(to: { email: string } | { phone: string }, message: { subject: string; text: string }): Promise<void>;
}
