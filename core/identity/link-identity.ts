import crypto from 'node:crypto';
import type { Db } from '../db/open-database';
import { toE164, isEmail } from '../import/checks';
import { reply, type Reply } from '../conversation/reply';
import type { Clock } from '../clock';

/** Sends a one-time code to an e-mail address or a phone number on record. */
export interface CodeSender {
  sendCode(to: { email: string } | { phone: string }, code: string): Promise<void>;
}

const CODE_LIFETIME_MS = 10 * 60_000;
const MAX_TRIES = 5;
const MAX_CODES_PER_HOUR = 3;

export const LINK_PROMPT = "Hi! To see your account here, I first need to link this chat to you. Reply with the e-mail address or mobile number your supplier has on file for you, and I'll send a one-time code there.";

/**
 * The conversation of an identity that is not linked yet: it can ask for a code and give
 * it back, and nothing more. Every answer reads the same whether or not the address is
 * on record, so a stranger learns nothing.
 */
export async function answerUnlinked({ db, codes, clock }: { db: Db; codes?: CodeSender; clock: Clock }, identityId: number, text: string): Promise<Reply> {
  const now = clock();
  const said = text.trim();
  if (/^\d{3}\s?\d{3}$/.test(said)) return checkCode(db, identityId, said.replace(/\s/g, ''), now);

  const email = said.toLowerCase().match(/[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}/)?.[0];
  const phone = email ? undefined : toE164(said.replace(/^(?:my (?:number|phone) is|phone:?)/i, '').trim());
  if (!(email && isEmail(email)) && !phone) return reply(LINK_PROMPT);
  if (!codes) return reply("Linking by code isn't available here yet. Please ask your supplier to link this chat to your account.");

  const recent = await db.linkCode.count({ where: { identityId, createdAt: { gt: new Date(now.getTime() - 3_600_000) } } });
  if (recent >= MAX_CODES_PER_HOUR) return reply("You've asked for several codes in the last hour. Please wait a while before asking again.");

  const contact = await db.contact.findFirst({
    where: email ? { email: { equals: email, mode: 'insensitive' } } : { phone },
    orderBy: { id: 'desc' },
    select: { id: true },
  });
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  await db.linkCode.create({
    data: { identityId, contactId: contact?.id ?? null, codeHash: hashCode(identityId, code), expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS) },
  });
  if (contact) await codes.sendCode(email ? { email } : { phone: phone! }, code);
  return reply(`If ${email ?? phone} is on record, a 6-digit code is on its way to it. Reply here with the code within 10 minutes to link this chat.`);
}

async function checkCode(db: Db, identityId: number, code: string, now: Date): Promise<Reply> {
  const pending = await db.linkCode.findFirst({
    where: { identityId, usedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
  });
  if (!pending) return reply(`That code has expired or was never sent. ${LINK_PROMPT}`);
  if (pending.attempts >= MAX_TRIES) return reply('Too many wrong codes. Please ask for a new one by sending your e-mail address or mobile number again.');
  const right = pending.contactId !== null && safeEqual(pending.codeHash, hashCode(identityId, code));
  if (!right) {
    const { attempts } = await db.linkCode.update({ where: { id: pending.id }, data: { attempts: { increment: 1 } } });
    const left = MAX_TRIES - attempts;
    return reply(left > 0 ? `That code isn't right. You have ${left} ${left === 1 ? 'try' : 'tries'} left.` : 'Too many wrong codes. Please ask for a new one by sending your e-mail address or mobile number again.');
  }
  const contact = await db.$transaction(async (tx) => {
    await tx.linkCode.update({ where: { id: pending.id }, data: { usedAt: now } });
    await tx.channelIdentity.update({ where: { id: identityId }, data: { contactId: pending.contactId } });
    return tx.contact.findUniqueOrThrow({ where: { id: pending.contactId! }, include: { customer: { select: { name: true } } } });
  });
  return reply(`You're linked as ${contact.name} of ${contact.customer.name}. Say "hi" to see your account, or ask "what do I owe".`, {
    choices: [{ label: 'What do I owe?', say: 'what do I owe' }, { label: 'My invoices', say: 'my invoices' }],
  });
}

function hashCode(identityId: number, code: string): string {
  return crypto.createHash('sha256').update(`${identityId}:${code}`).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
