import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { Day } from '../dates';
import type { DocumentLinks, DocumentRef } from '../documents/document-ref';
import type { DocumentFile } from '../documents/render-document';
import type { RateLimits } from '../inbound/admit-message';
import type { AddressSender } from '../outbound/address-sender';
import type { PaymentGateway } from '../payments/payment-gateway';
import type { Viewer } from '../portal/viewer';
import type { PendingQuestion } from './pending-question';

export interface ConversationDeps {
  db: Db;
  clock: Clock;
  /** APP_SECRET, for what the core keeps keyed (linking codes). */
  secret: string;
  log?: { warn(obj: object, msg?: string): void };
  payments: PaymentGateway;
  documents: DocumentLinks;
  /** A document as a file, to attach to an e-mail; without it, forwarded e-mails carry the link only. */
  print?: (doc: DocumentRef, viewer: Viewer) => Promise<DocumentFile | null>;
  /** E-mail and text messages (linking codes, forwarded documents); without it, neither is offered. */
  messenger?: AddressSender;
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
  /** The question this message answers, if it answers one. */
  asked: PendingQuestion | null;
}
