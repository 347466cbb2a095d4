import { dayIn } from '../../dates';
import { getHome } from '../../portal/get-home';
import { getMyDetails, listSharedDocuments } from '../../portal/my-details';
import { reply, type Choice, type Reply } from '../../replies/reply';
import type { ParsedIntent } from '../parser';
import type { Turn } from '../turn';
import { day, money, plural } from '../../replies/words';
import { firstPage, listHeading, listRest, withMore, type Page } from './list-page';

const MENU: Choice[] = [
  { label: 'What do I owe?', say: 'what do I owe' },
  { label: 'My invoices', say: 'my invoices' },
  { label: 'Statement', say: 'statement this year' },
];

export const EXAMPLES = [
  '"What do I owe?"', '"Show unpaid invoices"', '"Invoice 42"', '"Pay invoice 42"', '"Pay $50 on invoice 42"', '"Pay everything"',
  '"Statement for March"', '"My payments"', '"Receipt for invoice 42"', '"My orders"', '"Shared documents"', '"Talk to a person"',
];

/** Hello: the Home figures and what can be asked. */
export async function answerGreeting(turn: Turn): Promise<Reply> {
  const { viewer } = turn;
  const home = await getHome({ db: turn.deps.db, viewer, today: turn.today });
  const facts = [
    { label: 'Outstanding invoices', value: money(viewer, home.outstandingInvoices) },
    ...(home.overdueCount ? [{ label: 'Overdue', value: money(viewer, home.overdueAmount) }] : []),
    { label: 'Available credits', value: money(viewer, home.availableCredits) },
    ...(home.outstandingRetainers ? [{ label: 'Outstanding retainers', value: money(viewer, home.outstandingRetainers) }] : []),
    ...(home.availableRetainerPayments ? [{ label: 'Retainer payments available', value: money(viewer, home.availableRetainerPayments) }] : []),
    { label: 'Last payment', value: home.lastPayment ? `${money(viewer, home.lastPayment.amount)} on ${day(viewer, home.lastPayment.date)}` : 'none yet' },
    ...(home.orderStatus && Object.keys(home.orderStatus).length
      ? [{ label: 'Orders', value: Object.entries(home.orderStatus).map(([s, n]) => `${n} ${s}`).join(', ') }] : []),
    ...(home.sharedDocuments ? [{ label: 'Shared documents', value: String(home.sharedDocuments) }] : []),
  ];
  const first = viewer.contactName.split(' ')[0];
  return reply(`Hi ${first}! This is ${viewer.orgName}'s customer portal for ${viewer.customerName}. You owe ${money(viewer, home.outstandingInvoices)}. Ask me about invoices, payments, statements or orders.`, {
    facts, choices: MENU,
  });
}

export function answerHelp(): Reply {
  return reply(`You can ask me things like ${EXAMPLES.slice(0, 8).join(', ')}. I'll answer here, with payment links and PDFs.`, {
    items: EXAMPLES.map((e) => ({ title: e.replace(/"/g, ''), detail: '', say: e.replace(/"/g, '') })),
    choices: MENU,
  });
}

export async function answerBalance(turn: Turn): Promise<Reply> {
  const { viewer } = turn;
  const home = await getHome({ db: turn.deps.db, viewer, today: turn.today });
  const credit = home.availableCredits ? ` You also have ${money(viewer, home.availableCredits)} in credits.` : '';
  if (home.outstandingInvoices === 0n) return reply(`You're all paid up: nothing is outstanding.${credit}`, { choices: [{ label: 'My payments', say: 'my payments' }] });
  const overdue = home.overdueCount ? `, ${money(viewer, home.overdueAmount)} of it overdue (${plural(home.overdueCount, 'invoice')})` : '';
  turn.pending = { intent: { intent: 'pay_all' }, confirm: true };
  return reply(`You owe ${money(viewer, home.outstandingInvoices)} on ${plural(home.openInvoiceCount, 'invoice')}${overdue}.${credit} Would you like to pay now?`, {
    choices: [
      { label: `Pay all ${money(viewer, home.outstandingInvoices)}`, say: 'pay everything' },
      { label: 'Unpaid invoices', say: 'unpaid invoices' },
      { label: 'Statement', say: 'statement this year' },
    ],
  });
}

export async function answerCredits(turn: Turn): Promise<Reply> {
  const { viewer } = turn;
  const home = await getHome({ db: turn.deps.db, viewer, today: turn.today });
  const retainer = home.availableRetainerPayments ? ` Retainer payments available: ${money(viewer, home.availableRetainerPayments)}.` : '';
  if (!home.availableCredits) return reply(`You have no available credits right now.${retainer}`);
  return reply(`You have ${money(viewer, home.availableCredits)} in available credits (credit notes and overpayments).${retainer} ${viewer.orgName} can apply them to your invoices or refund them: say "talk to a person".`);
}

export async function answerLastPayment(turn: Turn): Promise<Reply> {
  const { viewer } = turn;
  const home = await getHome({ db: turn.deps.db, viewer, today: turn.today });
  if (!home.lastPayment) return reply('I have no payments from you on record yet.');
  const p = home.lastPayment;
  return reply(`Your last payment was ${money(viewer, p.amount)} on ${day(viewer, p.date)} (${p.number}).`, {
    choices: [{ label: 'Receipt', say: `receipt for payment ${p.number}` }, { label: 'All payments', say: 'my payments' }],
  });
}

export async function answerMyDetails(turn: Turn): Promise<Reply> {
  const details = await getMyDetails({ db: turn.deps.db, viewer: turn.viewer });
  const facts = [
    { label: 'Account', value: details.name },
    ...(details.email ? [{ label: 'E-mail', value: details.email }] : []),
    ...(details.phone ? [{ label: 'Phone', value: details.phone }] : []),
    ...(details.address ? [{ label: 'Address', value: details.address }] : []),
    { label: 'Currency', value: details.currency },
    { label: 'Payment methods', value: details.achEnabled ? 'card or bank account (ACH)' : 'card' },
    // A contact added by forwarding is named by its address: listed once.
    ...details.contacts.map((c) => ({ label: c.primary ? 'Primary contact' : 'Contact', value: [...new Set([c.name, c.email, c.phone].filter(Boolean))].join(', ') })),
  ];
  return reply(`Here are the details ${turn.viewer.orgName} has for ${details.name}. No card or bank numbers are kept in chat: the payment page holds saved cards and bank accounts.`, { facts });
}

export function answerDocuments(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  return documentsPage(turn, intent, firstPage(turn));
}

export async function documentsPage(turn: Turn, intent: ParsedIntent, page: Page): Promise<Reply> {
  const docs = await listSharedDocuments({ db: turn.deps.db, viewer: turn.viewer });
  if (!docs.length) return reply(`Nothing has been shared with you yet. You can send me a PDF or a photo and I'll pass it on to ${turn.viewer.orgName}.`);
  const rest = listRest(turn, intent, docs.length, page);
  return reply(listHeading('shared documents', docs.length, page), {
    items: docs.slice(page.offset, page.offset + page.size).map((d) => ({
      title: d.title,
      detail: `${d.sharedBy === 'merchant' ? `from ${turn.viewer.orgName}` : 'sent by you'}, ${day(turn.viewer, dayIn(turn.viewer.timezone, d.createdAt))}`,
      url: turn.deps.documents.link({ kind: 'shared', id: d.id }, turn.viewer).url,
    })),
    more: rest.more,
    choices: withMore(rest, []),
  });
}

/** "Acme Supplies Ltd at billing@acme.example or +12125550100": whom to ask about what the portal can't do. */
export async function merchantToAsk(turn: Turn): Promise<string> {
  const { organization: org } = await getHome({ db: turn.deps.db, viewer: turn.viewer, today: turn.today });
  const ask = [org.email, org.phone].filter(Boolean).join(' or ');
  return `${org.name}${ask ? ` at ${ask}` : ''}`;
}

export async function answerContact(turn: Turn): Promise<Reply> {
  const home = await getHome({ db: turn.deps.db, viewer: turn.viewer, today: turn.today });
  const org = home.organization;
  const ways = [org.phone && `call ${org.phone}`, org.email && `e-mail ${org.email}`].filter(Boolean).join(' or ');
  return reply(`To talk to someone at ${org.name}, ${ways || 'reply here and we will pass it on'}.`, {
    facts: [
      ...(org.phone ? [{ label: 'Phone', value: org.phone }] : []),
      ...(org.email ? [{ label: 'E-mail', value: org.email }] : []),
      ...(org.address ? [{ label: 'Address', value: org.address }] : []),
    ],
  });
}
