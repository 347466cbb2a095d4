import { fixedClock } from '../../core/clock';
import type { Db } from '../../core/db/open-database';
import type { DocumentLinks } from '../../core/documents/document-ref';
import type { CheckoutRequest, PaymentGateway } from '../../core/payments/payment-gateway';
import { handleMessage, type InboundMessage } from '../../core/conversation/handle-message';
import type { ConversationDeps } from '../../core/conversation/turn';
import type { AddressSender } from '../../core/outbound/address-sender';

/** A gateway at the edge that records what the core asked it to collect. */
export class RecordingGateway implements PaymentGateway {
  readonly requests: CheckoutRequest[] = [];
  async createCheckout(request: CheckoutRequest) {
    this.requests.push(request);
    return { url: `https://pay.example/checkout/${this.requests.length}` };
  }
}

/** E-mail and SMS at the edge: what the core asked to send, to whom. */
export class RecordingMessenger implements AddressSender {
  readonly sent: Array<{ to: string; subject: string; text: string }> = [];
  reaches = { email: true, phone: true, slack: false };
  async send(to: { email: string } | { phone: string }, message: { subject: string; text: string }) {
    this.sent.push({ to: 'email' in to ? to.email : to.phone, ...message });
  }
}

export const plainLinks: DocumentLinks = {
  link: (doc, viewer) => {
    const token = `${viewer.customerId}/${doc.kind}/${'id' in doc ? doc.id : `${doc.from}..${doc.to}`}`;
    return { url: `https://files.example/${token}`, token };
  },
};

export function conversationDeps(db: Db, overrides: Partial<ConversationDeps> = {}): ConversationDeps & { payments: RecordingGateway } {
  return { db, clock: fixedClock('2026-11-24T15:00:00Z'), secret: 'test-secret-that-is-long-enough-1234567890', payments: new RecordingGateway(), documents: plainLinks, ...overrides } as ConversationDeps & { payments: RecordingGateway };
}

let counter = 0;

/** A customer on one channel address, saying things in order. */
export function customer(deps: ConversationDeps, channel: InboundMessage['channel'], address: string) {
  return (text: string) => handleMessage(deps, { channel, address, text, messageId: `m${++counter}` });
}
