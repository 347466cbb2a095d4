import crypto from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { isEmail, toE164 } from '../values';
import { countHit, hitsSoFar, type RateRule } from '../inbound/rate-counter';
import type { AddressSender } from '../outbound/address-sender';
import { recordEvent } from '../events/record-event';
import { reply, type Reply } from '../replies/reply';

export interface LinkingDeps {
  db: Db;
  clock: Clock;
  /** APP_SECRET: codes are stored as a keyed hash, useless to whoever reads the table. */
  secret: string;
  messenger?: AddressSender;
  log?: { warn(obj: object, msg?: string): void };
}

const CODE_LIFETIME_MS = 10 * 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_TRIES = 5;
/** Codes one chat may ask for in an hour. */
const MAX_CODES_PER_HOUR = 3;
/** Codes sent to one address or number in an hour, whichever chats asked. */
const MAX_CODES_PER_DESTINATION = 3;
/** Wrong codes for one contact in a day, from every chat together; then that contact's linking is locked. */
const MAX_WRONG_PER_CONTACT = 10;

export const LINK_PROMPT = "Hi! To see your account here, I first need to link this chat to you. Reply with the e-mail address or mobile number your supplier has on file for you, and I'll send a one-time code there.";
const TOO_MANY_WRONG = 'Too many wrong codes. Please ask for a new one by sending your e-mail address or mobile number again.';

/**
 * The conversation of an identity that is not linked yet: it can ask for a code and give
 * it back, and nothing more. Every answer reads the same, and comes as fast, whether or not
 * the address is on record and whether or not the code could be sent: the answer goes first,
 * the lookup and the send after it.
 */
export async function answerUnlinked(deps: LinkingDeps, identityId: number, text: string): Promise<Reply> {
  const now = deps.clock();
  const said = text.trim();
  if (/^\d{3}\s?\d{3}$/.test(said)) return checkCode(deps, identityId, said.replace(/\s/g, ''), now);

  const email = said.toLowerCase().match(/[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}/)?.[0];
  const phone = email ? undefined : toE164(said.replace(/^(?:my (?:number|phone) is|phone:?)/i, '').trim());
  if (!(email && isEmail(email)) && !phone) return reply(LINK_PROMPT);
  const { messenger: codes, db } = deps;
  if (!codes || (!codes.reaches.email && !codes.reaches.phone)) return reply("Linking by code isn't available here yet. Please ask your supplier to link this chat to your account.");
  if (email && !codes.reaches.email) return reply("I can't send codes by e-mail here. Please send the mobile number your supplier has on file for you instead.");
  if (phone && !codes.reaches.phone) return reply("I can't send codes by text message here. Please send the e-mail address your supplier has on file for you instead.");

  const recent = await db.linkCode.count({ where: { identityId, createdAt: { gt: new Date(now.getTime() - HOUR) } } });
  if (recent >= MAX_CODES_PER_HOUR) return reply("You've asked for several codes in the last hour. Please wait a while before asking again.");
  const destination = email ?? phone!;
  if ((await countHit(db, destinationRule(deps.secret, destination), now)).over) {
    return reply(`Several codes have been asked for ${destination} in the last hour. Please wait a while before asking again.`);
  }
  // The request is recorded whatever happens next, so a guess reads the same for every address.
  const request = await db.linkCode.create({ data: { identityId, expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS) }, select: { id: true } });
  void sendCode(deps, request.id, email ? { email } : { phone: phone! }, now);
  return reply(`If ${destination} is on record, a 6-digit code is on its way to it. Reply here with the code within ${CODE_LIFETIME_MS / 60_000} minutes to link this chat.`);
}

/**
 * After the answer: finds the contact, sends the code, and only once the provider has taken
 * the message stores the code (keyed with APP_SECRET) against the request. A code that could
 * not be sent never exists.
 */
async function sendCode(deps: LinkingDeps, requestId: number, to: { email: string } | { phone: string }, now: Date): Promise<void> {
  const { db, messenger } = deps;
  try {
    const contact = await db.contact.findFirst({
      where: 'email' in to ? { email: { equals: to.email, mode: 'insensitive' } } : { phone: to.phone },
      orderBy: { id: 'desc' },
      select: { id: true },
    });
    if (!contact || (await hitsSoFar(db, wrongCodesRule(contact.id), now)) >= MAX_WRONG_PER_CONTACT) return;
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    await messenger!.send(to, codeMessage(code));
    await db.linkCode.update({ where: { id: requestId }, data: { contactId: contact.id, codeHash: hashCode(deps.secret, requestId, code) } });
  } catch (err) {
    deps.log?.warn({ err, requestId }, 'linking code not sent');
  }
}

async function checkCode(deps: LinkingDeps, identityId: number, code: string, now: Date): Promise<Reply> {
  const { db } = deps;
  const pending = await db.linkCode.findFirst({
    where: { identityId, usedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
  });
  if (!pending) return reply(`That code has expired or was never sent. ${LINK_PROMPT}`);
  if (pending.attempts >= MAX_TRIES) return reply(TOO_MANY_WRONG);
  const locked = pending.contactId !== null && (await hitsSoFar(db, wrongCodesRule(pending.contactId), now)) >= MAX_WRONG_PER_CONTACT;
  const right = !locked && pending.codeHash !== null && safeEqual(pending.codeHash, hashCode(deps.secret, pending.id, code));
  if (!right) {
    const { attempts } = await db.linkCode.update({ where: { id: pending.id }, data: { attempts: { increment: 1 } } });
    // Once locked, a guess is not even weighed: the contact's count stays at the guesses that were.
    if (pending.contactId !== null && !locked) await countWrongCode(db, pending.contactId, now);
    const left = MAX_TRIES - attempts;
    return reply(left > 0 ? `That code isn't right. You have ${left} ${left === 1 ? 'try' : 'tries'} left.` : TOO_MANY_WRONG);
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

/** A wrong code against a contact, from any chat; the one that locks its linking tells the merchant. */
async function countWrongCode(db: Db, contactId: number, now: Date): Promise<void> {
  const { first } = await countHit(db, wrongCodesRule(contactId), now);
  if (!first) return;
  const contact = await db.contact.findUniqueOrThrow({ where: { id: contactId }, include: { customer: { select: { id: true, orgId: true, name: true } } } });
  await db.$transaction((tx) => recordEvent(tx, { orgId: contact.customer.orgId, customerId: contact.customer.id }, {
    type: 'linking.locked',
    message: `Linking chats to ${contact.name} (${contact.customer.name}) is locked for a day after ${MAX_WRONG_PER_CONTACT} wrong codes from several chats. If that was not them, someone may be trying to reach their account.`,
    data: { contactId },
  }, now));
}

function codeMessage(code: string): { subject: string; text: string } {
  return {
    subject: `Your code: ${code}`,
    text: `Your customer portal code is ${code}. It is valid for ${CODE_LIFETIME_MS / 60_000} minutes. If you did not ask for it, ignore this message.`,
  };
}

function destinationRule(secret: string, destination: string): RateRule {
  // The address itself is not kept in the counter's key.
  const key = crypto.createHmac('sha256', secret).update(`destination:${destination.toLowerCase()}`).digest('base64url');
  return { key: `link-to:${key}`, limit: MAX_CODES_PER_DESTINATION, windowMs: HOUR };
}

function wrongCodesRule(contactId: number): RateRule {
  // One more than the allowed count: the hit that passes it is the one that locks.
  return { key: `link-wrong:${contactId}`, limit: MAX_WRONG_PER_CONTACT - 1, windowMs: DAY };
}

function hashCode(secret: string, requestId: number, code: string): string {
  return crypto.createHmac('sha256', secret).update(`${requestId}:${code}`).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
