import { readDemoMailbox } from '../outbound/demo-mailbox';
import type { Prisma } from '../db/generated/client';
import { answered, receiveMessage } from '../conversation/receive-message';
import type { ConversationDeps } from '../conversation/turn';
import type { Db } from '../db/db';
import { verifyFileToken } from '../documents/file-token';
import type { DocumentTemplates } from '../documents/document-templates';
import type { PdfRenderer } from '../documents/pdf-renderer';
import { renderDocument } from '../documents/render-document';
import { APOLOGY, AppError } from '../errors';
import { isWebSessionId, listDemoContacts, startWebSession } from '../identity/web-session';
import { importBooks } from '../import/import-organization';
import { authorizeAdmin, orgOf } from '../merchant/merchant-keys';
import type { OutboundSender } from '../outbound/outbound-sender';
import { recordDeliveryStatus } from '../outbound/record-delivery-status';
import { recallConversation, rememberConversation } from '../outbound/remember-conversation';
import { confirmCheckout, paymentMessageHandlers } from '../payments/confirm-checkout';
import { createJobRunner, type JobRunnerOptions } from '../jobs/job-runner';
import { eventDeliveryHandlers } from '../merchant/deliver-events';
import { remindFromSlack } from '../reminders/chat-command';
import { resolveDispute } from '../reminders/customer-replies';
import { planReminders } from '../reminders/plan-reminders';
import { targetOf } from '../reminders/reminder-request';
import { reminderHandlers, reminderNotDelivered, sendersOf } from '../reminders/send-reminder';
import { getCheckout } from '../payments/get-checkout';
import type { WebhookReader } from '../payments/payment-gateway';
import { sandboxConfirmation } from '../payments/providers/sandbox/sandbox-provider';
import { recordOfflinePayment } from '../payments/record-offline-payment';
import { reply, type Reply } from '../replies/reply';
import type { Core } from './core';
import { createDesk } from './create-desk';

export interface CoreDeps {
  /** The dialogue's own dependencies: the database, the clock, the secret, the payment gateway, the senders. */
  conversation: ConversationDeps;
  renderer: PdfRenderer;
  templates: DocumentTemplates;
  /** Receipts and other messages nobody asked for just now, by channel. */
  outbound: OutboundSender;
  /** The web console's unread messages. */
  webInbox: { take(sessionId: string): Promise<Reply[]> };
  /** ADMIN_API_KEY and the key of this machine's commands: every organization's /admin/*. */
  operatorKeys: Array<string | undefined>;
  /** Demo mode: any contact may be tried from the console. */
  demoMode: boolean;
  /** Whether the built-in sandbox checkout takes payments here. */
  sandbox: boolean;
  /** Each payment provider's webhook, where it is set up. */
  webhooks: { stripe: WebhookReader | null };
  log: { warn(obj: object, msg?: string): void };
  /** TWILIO_WHATSAPP_REMINDER_TEMPLATE */
  whatsappTemplate?: string;
  /** The job runner's pace (tests make it quick); its defaults otherwise. */
  jobOptions?: Pick<JobRunnerOptions, 'pollMs' | 'concurrency' | 'backoffMs' | 'maxBackoffMs' | 'leaseMs'>;
}

/** The core's operations for the doors, over one database. */
export function createCore(deps: CoreDeps): Core {
  const { conversation, log } = deps;
  const { db, clock, secret } = conversation;
  const jobs = createJobRunner({
    db, clock, log, ...deps.jobOptions,
    handlers: {
      ...paymentMessageHandlers({ db, outbound: deps.outbound, documents: conversation.documents, log }),
      ...eventDeliveryHandlers({ db, clock, sender: conversation.messenger, log }),
      ...reminderHandlers({ db, clock, outbound: deps.outbound, messenger: conversation.messenger, payments: conversation.payments, whatsappTemplate: deps.whatsappTemplate, log }),
    },
  });
  const confirm = { db, clock, jobs };
  // What this process can send reminders on, asked when a run plans (doors route their senders after the core is made).
  const senders = sendersOf({ messenger: conversation.messenger, whatsappTemplate: deps.whatsappTemplate, outbound: deps.outbound });
  return {
    clock,
    jobs: { start: jobs.start, runDue: jobs.runDue, stop: jobs.stop },
    desk: createDesk({ db, clock, secret, demoMode: deps.demoMode, senders }),
    health: () => health(db, log),
    messages: {
      receive: (message) => receiveMessage(conversation, message),
      answered: (message) => answered(conversation, message),
      failed: (err) => reply(err instanceof AppError ? err.userMessage : APOLOGY, { warning: true }),
      remember: (channel, address, reference) => rememberConversation(db, channel, address, reference as Prisma.InputJsonValue),
      recall: (channel, address) => recallConversation(db, channel, address),
      async deliveryStatus(update) {
        await recordDeliveryStatus(db, update);
        if (update.status === 'failed' || update.status === 'undelivered') await reminderNotDelivered(db, update.providerId, update.status);
      },
    },
    documents: {
      async open(token) {
        const now = clock();
        const grant = verifyFileToken(token, secret, now);
        return grant && renderDocument({ db, renderer: deps.renderer, templates: deps.templates, grant, now });
      },
    },
    payments: {
      async webhook(provider, rawBody, signature) {
        const reader = deps.webhooks[provider];
        if (!reader) return 'off';
        const event = await reader.read(rawBody, signature, clock()).catch((err: unknown) => {
          if (err instanceof AppError && err.code === 'not_allowed') return null;
          throw err;
        });
        if (!event) return 'refused';
        const change = event.confirmation && (await confirmCheckout(confirm, event.confirmation));
        return { eventId: event.eventId, recorded: change ? change.state : null };
      },
      sandboxCheckout: (id) => (deps.sandbox ? sandboxCheckout(db, id) : Promise.resolve(null)),
      async sandboxAnswer(id, pay) {
        const checkout = deps.sandbox ? await sandboxCheckout(db, id) : null;
        if (checkout?.state === 'open') await confirmCheckout(confirm, sandboxConfirmation(checkout, pay));
      },
    },
    console: {
      start: ({ source, contactId }) => startWebSession({ db, clock, secret }, { source, demoMode: deps.demoMode, contactId }),
      isSession: (id): id is string => isWebSessionId(secret, id),
      inbox: (sessionId) => deps.webInbox.take(sessionId),
      demoContacts: async () => (deps.demoMode ? listDemoContacts(db) : null),
      demoMailbox: async () => (deps.demoMode ? readDemoMailbox(db) : null),
    },
    admin: {
      authorize: (bearer) => authorizeAdmin(db, bearer, deps.operatorKeys),
      recordPayment: (scope, input, idempotencyKey) => recordOfflinePayment({ db, clock, scope, input, idempotencyKey }),
      importBooks: (scope, raw) => importBooks(db, raw, scope),
      remindFromSlack: (userId, text) => remindFromSlack({ db, clock, senders }, userId, text),
      async resolveDispute(scope, request) {
        const org = await db.organization.findUnique({ where: { key: orgOf(scope, request) }, select: { id: true } });
        if (!org) throw new AppError('not_found', `org: no organization "${orgOf(scope, request)}"`);
        return resolveDispute(db, { orgId: org.id, dispute: request.dispute, invoice: request.invoice, resolution: request.resolution, now: clock() });
      },
      remind: (scope, request) => planReminders({
        db, clock, senders,
        orgKey: orgOf(scope, request), target: targetOf(request), dryRun: request.dryRun,
      }),
    },
  };
}

async function health(db: Db, log: CoreDeps['log']): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch (err) {
    log.warn({ err }, 'health check failed');
    return false;
  }
}

async function sandboxCheckout(db: Db, id: string) {
  const checkout = await getCheckout(db, id);
  return checkout?.provider === 'sandbox' ? checkout : null;
}
