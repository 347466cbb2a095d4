import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { isTimeZone } from '../dates';
import { isCurrencyCode } from '../money';
import { ImportFile, importFileSchema, placeName } from './import-file';
import { isClockTime, isEmail, toE164 } from '../values';
import { Problems } from './checks';
import { planLedger, type LedgerPlan } from './plan-ledger';
import { NOTHING_KNOWN, type KnownBooks } from './known-books';

/** An import file checked whole and turned into rows; nothing is written until it is complete. */

export type IdentityPlan = { channel: 'sms' | 'whatsapp' | 'slack' | 'teams'; address: string; place: string };

export interface CustomerPlan {
  key: string;
  name: string;
  currency: string;
  achEnabled: boolean;
  email?: string;
  phone?: string;
  address?: string;
  preferredChannel?: 'whatsapp' | 'sms' | 'slack' | 'teams' | 'email';
  timezone: string;
  quietStart: string;
  quietEnd: string;
  reminders?: false | { beforeDue: number[]; afterDue: number[] };
  contacts: Array<{ name: string; email?: string; phone?: string; primary: boolean; identities: IdentityPlan[] }>;
}

export interface ImportPlan extends LedgerPlan {
  organization: ImportFile['organization'];
  customers: CustomerPlan[];
  documents: Array<{ customer: string; title: string; fileName: string; contentType: string; content: Buffer }>;
}

const DOCUMENT_TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };

/**
 * `baseDir` is the import file's folder, where its documents' files are read; null for a file
 * that came over the network, whose documents must carry their content.
 */
export function planImport(raw: unknown, baseDir: string | null, known: KnownBooks = NOTHING_KNOWN): ImportPlan {
  const shape = importFileSchema.safeParse(raw);
  if (!shape.success) {
    refuse(shape.error.issues.map((i) => `${placeName(i.path) || '(file)'}: ${i.message}`));
  }
  const file = shape.data!;
  const problems = new Problems();
  const org = file.organization;
  if (!isCurrencyCode(org.currency)) problems.add('organization.currency', `${org.currency} is not an ISO 4217 currency code`);
  if (!isTimeZone(org.timezone)) problems.add('organization.timezone', `${org.timezone} is not a time zone`);
  try {
    Intl.getCanonicalLocales(org.locale);
  } catch {
    problems.add('organization.locale', `${org.locale} is not a locale`);
  }

  const notify = org.notify;
  if (notify?.webhookUrl !== undefined && !isWebUrl(notify.webhookUrl)) problems.add('organization.notify.webhookUrl', `${notify.webhookUrl} is not an http(s) address`);
  if (notify?.email !== undefined && !isEmail(notify.email)) problems.add('organization.notify.email', `${notify.email} is not an e-mail address`);
  if (notify?.slackChannel !== undefined && !/^[CGD][A-Z0-9]{2,}$/.test(notify.slackChannel)) problems.add('organization.notify.slackChannel', `${notify.slackChannel} is not a Slack channel id (C0123…)`);

  const customers = planCustomers(file, problems);
  const currencyOf = new Map(customers.map((c) => [c.key, c.currency]));
  const ledger = planLedger(file, currencyOf, problems, known);
  const documents = file.documents.flatMap((doc, i) => {
    const place = `documents[${i}]`;
    if (!currencyOf.has(doc.customer) && !known.customers.has(doc.customer)) problems.add(`${place}.customer`, `unknown customer key ${JSON.stringify(doc.customer)}`);
    const contentType = DOCUMENT_TYPES[path.extname(doc.file).toLowerCase()];
    if (!contentType) return problems.add(`${place}.file`, 'only PDF, PNG and JPEG files can be shared'), [];
    const fileName = path.basename(doc.file);
    if (doc.content !== undefined) {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(doc.content)) return problems.add(`${place}.content`, 'must be the file in base64'), [];
      return [{ customer: doc.customer, title: doc.title, fileName, contentType, content: Buffer.from(doc.content, 'base64') }];
    }
    if (baseDir === null) return problems.add(`${place}.file`, 'a file sent over the network carries its documents as base64 "content"'), [];
    const full = path.resolve(baseDir, doc.file);
    if (!fs.existsSync(full)) return problems.add(`${place}.file`, `${doc.file} was not found next to the import file`), [];
    return [{ customer: doc.customer, title: doc.title, fileName, contentType, content: fs.readFileSync(full) }];
  });
  if (problems.list.length) refuse(problems.list);
  return { organization: org, customers, ...ledger, documents };
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

function refuse(list: string[]): never {
  const shown = list.slice(0, 25);
  const more = list.length > shown.length ? `\n  … and ${list.length - shown.length} more` : '';
  throw new AppError('import_invalid', `The import file was refused; nothing was imported:\n  ${shown.join('\n  ')}${more}`);
}

function planCustomers(file: ImportFile, problems: Problems): CustomerPlan[] {
  const keys = new Map<string, string>();
  const identities = new Map<string, string>();
  return file.customers.map((c, i) => {
    const place = `customers[${i}]`;
    if (keys.has(c.key)) problems.add(`${place}.key`, `customer key ${c.key} is a duplicate (also at ${keys.get(c.key)})`);
    keys.set(c.key, place);
    const currency = c.currency ?? file.organization.currency;
    if (!isCurrencyCode(currency)) problems.add(`${place}.currency`, `${currency} is not an ISO 4217 currency code`);
    const timezone = c.timezone ?? file.organization.timezone;
    if (c.timezone && !isTimeZone(c.timezone)) problems.add(`${place}.timezone`, `${c.timezone} is not a time zone`);
    const quiet = c.quietHours ?? { start: '21:00', end: '08:00' };
    for (const edge of ['start', 'end'] as const) {
      if (!isClockTime(quiet[edge])) problems.add(`${place}.quietHours.${edge}`, `${JSON.stringify(quiet[edge])} is not a time (HH:MM)`);
    }
    if (c.email && !isEmail(c.email)) problems.add(`${place}.email`, `${c.email} is not an e-mail address`);
    const contacts = c.contacts.map((k, j) => {
      const at = `${place}.contacts[${j}]`;
      const email = k.email?.trim().toLowerCase();
      if (email && !isEmail(email)) problems.add(`${at}.email`, `${k.email} is not an e-mail address`);
      const phone = k.phone ? phoneOrProblem(problems, `${at}.phone`, k.phone) : undefined;
      const whatsapp = k.whatsapp ? phoneOrProblem(problems, `${at}.whatsapp`, k.whatsapp) : undefined;
      const links: IdentityPlan[] = [];
      if (phone) links.push({ channel: 'sms', address: phone, place: `${at}.phone` });
      if (whatsapp) links.push({ channel: 'whatsapp', address: whatsapp, place: `${at}.whatsapp` });
      if (k.slack) links.push({ channel: 'slack', address: `${k.slack.team}:${k.slack.user}`, place: `${at}.slack` });
      if (k.teams) links.push({ channel: 'teams', address: `${k.teams.tenant}:${k.teams.user}`, place: `${at}.teams` });
      for (const link of links) {
        const id = `${link.channel} ${link.address}`;
        if (identities.has(id)) problems.add(link.place, `${id} is already given to another contact (${identities.get(id)})`);
        identities.set(id, link.place);
      }
      return { name: k.name, email, phone, primary: k.primary, identities: links };
    });
    return {
      key: c.key, name: c.name, currency, achEnabled: c.achEnabled, email: c.email?.toLowerCase(),
      phone: c.phone ? phoneOrProblem(problems, `${place}.phone`, c.phone) : undefined,
      address: c.address, preferredChannel: c.preferredChannel ?? defaultChannel(contacts), timezone,
      quietStart: quiet.start, quietEnd: quiet.end, reminders: c.reminders, contacts,
    };
  });
}

function phoneOrProblem(problems: Problems, place: string, value: string): string | undefined {
  const phone = toE164(value);
  if (!phone) problems.add(place, `${value} is not a phone number in international form (+ and country code)`);
  return phone;
}

/** The first of whatsapp, sms, slack, teams, email that the primary contact has. */
function defaultChannel(contacts: CustomerPlan['contacts']): CustomerPlan['preferredChannel'] {
  const primary = contacts.find((c) => c.primary) ?? contacts[0];
  if (!primary) return undefined;
  const has = new Set<string>(primary.identities.map((i) => i.channel));
  if (primary.email) has.add('email');
  return (['whatsapp', 'sms', 'slack', 'teams', 'email'] as const).find((c) => has.has(c));
}
