import type { Channel } from '../channels';
import type { Clock } from '../clock';
import type { ChannelMessage } from '../conversation/receive-message';
import type { DocumentFile } from '../documents/render-document';

export type { ChannelMessage, IncomingFile } from '../conversation/receive-message';
export type { DocumentFile } from '../documents/render-document';
export type { AdminScope } from '../merchant/merchant-keys';
export type { RecordedPayment } from '../payments/record-offline-payment';
export { offlinePaymentInput } from '../payments/record-offline-payment';
export { MAX_FILE_BYTES as MAX_CUSTOMER_FILE_BYTES } from '../portal/receive-customer-file';
import type { WebSessionStart } from '../identity/web-session';
import type { ImportSummary } from '../import/write-import';
import type { AdminScope } from '../merchant/merchant-keys';
import type { CheckoutView } from '../payments/get-checkout';
import type { OfflinePaymentInput, RecordedPayment } from '../payments/record-offline-payment';
import type { PaymentChange } from '../payments/record-checkout-payment';
import type { DemoMail } from '../outbound/demo-mailbox';
import type { Reply } from '../replies/reply';
import type { PlannedReminder } from '../reminders/plan-reminders';
import type { ReminderRequest, ResolveDisputeRequest } from '../reminders/reminder-request';
import type { DeskScope } from '../desk/desk-session';
import type { BUCKETS, customerPage, FeedItem, Month, OwedRow, OwesSort, ReminderLine } from '../desk/desk-views';
export { reminderRequest, resolveDisputeRequest, type ReminderRequest, type ResolveDisputeRequest } from '../reminders/reminder-request';
export type { PlannedReminder } from '../reminders/plan-reminders';

/**
 * What the doors get of the core: the operations each door needs, in the core's own terms.
 * No door sees the database, a Prisma type or a rule of the portal; each only translates its
 * channel's wire format to and from these.
 */
export interface Core {
  clock: Clock;
  /** True when the database answers. */
  health(): Promise<boolean>;
  messages: MessageDesk;
  documents: DocumentDesk;
  payments: PaymentDesk;
  console: ConsoleDesk;
  admin: AdminDesk;
  /** The durable job runner of this process: event deliveries, payment messages, reminders. */
  jobs: JobDesk;
  /** The merchant's page. */
  desk: MerchantDesk;
}

export type { DeskScope } from '../desk/desk-session';
export type { FeedItem, Month, OwedRow, OwesSort, ReminderLine } from '../desk/desk-views';
export { BUCKETS } from '../desk/desk-views';

/** The desk (merchant.md "The desk"): signed in with a merchant key; every read and change for its organization only. */
export interface MerchantDesk {
  /** A session for a merchant key (null: demo mode's own), or null when the key is wrong or revoked. */
  signIn(key: string | null): Promise<string | null>;
  session(token: string | undefined): Promise<DeskScope | null>;
  csrf(token: string): string;
  checkCsrf(token: string, given: unknown): boolean;
  today(scope: DeskScope): string;
  owes(scope: DeskScope, sort?: OwesSort, desc?: boolean): Promise<{ rows: OwedRow[]; totals: Array<Record<(typeof BUCKETS)[number] | 'total', bigint> & { currency: string }> }>;
  feed(scope: DeskScope, filter?: { kind?: string; customer?: string; limit?: number }): Promise<FeedItem[]>;
  /** The last 12 months of amounts invoiced and received, in the organization's currency. */
  months(scope: DeskScope): Promise<Month[]>;
  reminders(scope: DeskScope, filter?: { customer?: string; limit?: number }): Promise<ReminderLine[]>;
  customer(scope: DeskScope, key: string): Promise<Awaited<ReturnType<typeof customerPage>>>;
  /** Every overdue customer, or one: a run whose progress the page follows. */
  remind(scope: DeskScope, target: { overdue: true } | { customer: string }): Promise<{ runId: number; planned: PlannedReminder[] }>;
  progress(scope: DeskScope, runId: number): Promise<{ done: number; total: number; sent: number; failed: number } | null>;
  recordPayment(scope: DeskScope, input: Omit<OfflinePaymentInput, 'org'>, idempotencyKey?: string): Promise<RecordedPayment>;
  resolveDispute(scope: DeskScope, dispute: number, resolution?: string): Promise<{ id: number; invoice: string; customer: string }>;
}

export interface JobDesk {
  /** Polls for due work until stopped (each server process runs one). */
  start(): void;
  /** Runs what is due now, once (tests and commands); how many jobs ran. */
  runDue(): Promise<number>;
  /** Lets running jobs finish; nothing more is claimed. */
  stop(): Promise<void>;
}

/** The conversation doors: Twilio, Slack, Teams, the web console. */
export interface MessageDesk {
  /** Takes a message once and answers it; null: say nothing (see receive-message.ts). */
  receive(message: ChannelMessage): Promise<Reply | null>;
  /** The answer to a message has left: a retry of it is now a duplicate. */
  answered(message: ChannelMessage): Promise<void>;
  /** What a door says when answering failed: the error's own words for the customer, or the apology. */
  failed(err: unknown): Reply;
  /** What a channel needs to reach an identity later without a message from it (a Teams conversation reference, a Slack DM). */
  remember(channel: Channel, address: string, reference: Record<string, unknown>): Promise<void>;
  recall(channel: Channel, address: string): Promise<Record<string, unknown> | null>;
  /** A provider's word on a message the portal sent (Twilio's status callbacks). */
  deliveryStatus(update: { channel: Channel; providerId: string; to: string; status: string; errorCode?: string }): Promise<void>;
}

export interface DocumentDesk {
  /** The file a document token grants (a link's, or a reply's document), rendered now; null for a bad or spent token. */
  open(token: string): Promise<DocumentFile | null>;
}

export interface PaymentDesk {
  /**
   * A payment provider's webhook, on its raw body: 'off' where that provider is not set up,
   * 'refused' for a bad signature, else what it recorded (null: nothing new). Recording is
   * idempotent: a failure throws, and the provider delivers the event again.
   */
  webhook(provider: 'stripe', rawBody: Buffer, signature: string): Promise<'off' | 'refused' | { eventId: string; recorded: PaymentChange['state'] | null }>;
  /** One checkout of the built-in sandbox provider, for its page; null where there is none or the sandbox is off. */
  sandboxCheckout(id: string): Promise<CheckoutView | null>;
  /** "Pay" or "Pay and fail" on the sandbox page. */
  sandboxAnswer(id: string, pay: boolean): Promise<void>;
}

export interface ConsoleDesk {
  start(options: { source: string; contactId?: number }): Promise<WebSessionStart>;
  isSession(id: unknown): id is string;
  /** Messages for a session that nobody asked for just now (a receipt), taken once. */
  inbox(sessionId: string): Promise<Reply[]>;
  /** The contacts a visitor may try in demo mode; null outside it. */
  demoContacts(): Promise<Array<{ id: number; name: string; customer: string; organization: string }> | null>;
  /** What the demo would have sent by e-mail or text, newest first; null outside demo mode. */
  demoMailbox(): Promise<DemoMail[] | null>;
}

export interface AdminDesk {
  /** The scope of a bearer key, or null (missing, wrong and revoked alike). */
  authorize(bearer: string): Promise<AdminScope | null>;
  recordPayment(scope: AdminScope, input: OfflinePaymentInput, idempotencyKey?: string): Promise<RecordedPayment>;
  importBooks(scope: AdminScope, raw: unknown): Promise<ImportSummary>;
  /** A manual reminder run: queued per customer (or, with dryRun, only said). */
  remind(scope: AdminScope, request: ReminderRequest): Promise<PlannedReminder[]>;
  /** `/portal remind …` by one of an organization's Slack admins: the run's summary; null for any other text. */
  remindFromSlack(userId: string, text: string): Promise<Reply | null>;
  /** Ends a customer's dispute of an invoice: its reminders resume; `dispute.resolved`. */
  resolveDispute(scope: AdminScope, request: ResolveDisputeRequest): Promise<{ id: number; invoice: string; customer: string }>;
}
