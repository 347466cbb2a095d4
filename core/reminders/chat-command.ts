import type { Clock } from '../clock';
import type { Db } from '../db/db';
import { reply, type Reply } from '../replies/reply';
import { planReminders, type PlannedReminder, type ReminderTarget } from './plan-reminders';
import type { Senders } from './reminder-channels';

const REMIND = /^\s*remind\s+(?:(overdue)|customer\s+(\S+)|invoice\s+(\S+))\s*$/i;

/**
 * `/portal remind overdue` (or `… customer KEY`, `… invoice NUMBER`) typed in the merchant's own
 * Slack by a user its import lists in `notify.slackAdmins`: a manual reminder run, answered with
 * its summary. Null when the text is not such a command (it is then a customer's message).
 */
export async function remindFromSlack(deps: { db: Db; clock: Clock; senders: Senders }, userId: string, text: string): Promise<Reply | null> {
  const match = REMIND.exec(text);
  if (!match) return null;
  const [org] = await deps.db.$queryRaw<Array<{ key: string }>>`
    SELECT key FROM "Organization" WHERE (notify -> 'slackAdmins') @> jsonb_build_array(${userId}::text) ORDER BY id LIMIT 1`;
  if (!org) return reply('Only the Slack users your import lists as "slackAdmins" can send reminders from here.', { warning: true });
  const target: ReminderTarget = match[1] ? { overdue: true } : match[2] ? { customer: match[2] } : { invoice: match[3] };
  const planned = await planReminders({ ...deps, orgKey: org.key, target }).catch((err: unknown) => err as Error);
  if (planned instanceof Error) return reply(planned.message.replace(/^\w+: /, ''), { warning: true });
  return reply(summaryOf(org.key, planned));
}

function summaryOf(org: string, planned: PlannedReminder[]): string {
  const count = (outcome: PlannedReminder['outcome']) => planned.filter((p) => p.outcome === outcome);
  const queued = count('queued');
  const waiting = count('waiting');
  const skipped = count('skipped');
  const byChannel = new Map<string, number>();
  for (const p of queued) byChannel.set(p.channel!, (byChannel.get(p.channel!) ?? 0) + 1);
  const reasons = new Map<string, number>();
  for (const p of skipped) reasons.set(p.reason!, (reasons.get(p.reason!) ?? 0) + 1);
  const parts = [
    `${queued.length} going out now${byChannel.size ? ` (${[...byChannel].map(([c, n]) => `${c} ${n}`).join(', ')})` : ''}`,
    `${waiting.length} waiting for the customer's quiet hours to end`,
    `${skipped.length} skipped${reasons.size ? ` (${[...reasons].map(([r, n]) => `${r}: ${n}`).join(', ')})` : ''}`,
  ];
  return `Reminders for ${org}: ${parts.join('; ')}. Each one sent or failed shows in your events.`;
}
