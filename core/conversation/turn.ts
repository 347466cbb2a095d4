import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { Day } from '../dates';
import type { DocumentLinks } from '../documents/document-ref';
import type { CodeSender } from '../identity/link-identity';
import type { RateLimits } from '../inbound/admit-message';
import type { PaymentGateway } from '../payments/payment-gateway';
import type { Viewer } from '../portal/viewer';
import type { PendingQuestion } from './pending-question';

/** Sends a document to an address that is not a chat: e-mail or text message. */
export interface Forwarder {
  forward(message: { to: string; subject: string; text: string; url: string }): Promise<void>;
}

export interface ConversationDeps {
  db: Db;
  clock: Clock;
  /** APP_SECRET, for what the core keeps keyed (linking codes). */
  secret: string;
  log?: { warn(obj: object, msg?: string): void };
  payments: PaymentGateway;
  documents: DocumentLinks;
  forwarder?: Forwarder;
  /** Sends linking codes; without it an unlinked chat is told to ask the merchant. */
  codes?: CodeSender;
  /** Messages a minute before a sender is slowed down; the defaults suit people, tests raise them. */
  limits?: RateLimits;
}

/** One customer message being answered. Answers set `pending` to ask a follow-up question. */
export interface Turn {
  deps: ConversationDeps;
  viewer: Viewer;
  today: Day;
  identity: { id: number; channel: string; address: string };
  /** The channel's id of the inbound message, for idempotent side effects. */
  messageId: string;
  pending: PendingQuestion | null;
}
