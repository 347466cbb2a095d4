import type { Clock } from '../clock';
import { dayIn } from '../dates';
import type { Db } from '../db/db';
import { checkCsrf, csrfToken, readSession, signIn, type DeskScope } from '../desk/desk-session';
import { customerPage, eventFeed, invoicedVsReceived, recordRun, reminderLines, runProgress, whoOwes } from '../desk/desk-views';
import type { AdminScope } from '../merchant/merchant-keys';
import { recordOfflinePayment } from '../payments/record-offline-payment';
import { resolveDispute } from '../reminders/customer-replies';
import { planReminders } from '../reminders/plan-reminders';
import type { Senders } from '../reminders/reminder-channels';
import type { MerchantDesk } from './core';

/** The desk's operations (merchant.md "The desk"): each acts for the session's organization only. */
export function createDesk({ db, clock, secret, demoMode, senders }: { db: Db; clock: Clock; secret: string; demoMode: boolean; senders: Senders }): MerchantDesk {
  const ctx = () => ({ db, secret, now: clock(), demoMode });
  const adminScope = (scope: DeskScope): AdminScope => ({ all: false, orgId: scope.orgId, orgKey: scope.orgKey });
  const today = (scope: DeskScope) => dayIn(scope.timezone, clock());
  return {
    signIn: (key) => signIn(ctx(), key),
    session: (token) => readSession(ctx(), token),
    csrf: (token) => csrfToken(secret, token),
    checkCsrf: (token, given) => checkCsrf(secret, token, given),
    today,
    owes: (scope, sort, desc) => whoOwes(db, scope.orgId, today(scope), sort, desc),
    feed: (scope, filter) => eventFeed(db, scope.orgId, filter),
    months: (scope) => invoicedVsReceived(db, scope.orgId, scope.currency, today(scope)),
    reminders: (scope, filter) => reminderLines(db, scope.orgId, filter),
    customer: (scope, key) => customerPage(db, scope.orgId, key, today(scope)),
    async remind(scope, target) {
      const planned = await planReminders({ db, clock, senders, orgKey: scope.orgKey, target });
      const ids = planned.flatMap((p) => (p.reminderId === undefined ? [] : [p.reminderId]));
      return { runId: await recordRun(db, scope.orgId, ids), planned };
    },
    progress: (scope, runId) => runProgress(db, scope.orgId, runId),
    recordPayment: (scope, input, idempotencyKey) => recordOfflinePayment({ db, clock, scope: adminScope(scope), input: { ...input, org: scope.orgKey }, idempotencyKey }),
    resolveDispute: (scope, dispute, resolution) => resolveDispute(db, { orgId: scope.orgId, dispute, resolution, now: clock() }),
  };
}
