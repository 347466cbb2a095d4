import { invoicesBeingPaid } from '../../payments/plan-payment';
import { getInvoice } from '../../portal/get-invoice';
import { listInvoices, type InvoiceSummary } from '../../portal/list-invoices';
import type { ParsedIntent } from '../parser';
import { reply, type Choice, type Reply } from '../../replies/reply';
import type { Turn } from '../turn';
import { day, money, periodWords, STATUS_WORDS } from '../../replies/words';
import { findDocument, isMatch } from './find-document';
import { firstPage, listHeading, listRest, withMore, type Page } from './list-page';

const STATUS_TITLE = { unpaid: 'unpaid', overdue: 'overdue', paid: 'paid', partially_paid: 'partly paid' } as const;

export function invoiceLine(turn: Turn, inv: InvoiceSummary): { title: string; detail: string; say: string } {
  const { viewer } = turn;
  const what = inv.kind === 'retainer' ? 'retainer ' : '';
  const due = inv.balance > 0n && inv.dueDate ? `, due ${day(viewer, inv.dueDate)}` : '';
  const figure = inv.status === 'paid' ? `${money(viewer, inv.total)} paid` : inv.balance < inv.total
    ? `${money(viewer, inv.balance)} left of ${money(viewer, inv.total)}` : money(viewer, inv.total);
  return { title: `${what}${inv.number}`, detail: `${figure} · ${STATUS_WORDS[inv.status]}${due}`, say: `invoice ${inv.number}` };
}

export function answerListInvoices(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  return invoicesPage(turn, intent, firstPage(turn));
}

export async function invoicesPage(turn: Turn, intent: ParsedIntent, page: Page): Promise<Reply> {
  const status = intent.status === 'open' || intent.status === 'fulfilled' ? undefined : intent.status;
  const { count, invoices } = await listInvoices({
    db: turn.deps.db, viewer: turn.viewer, today: turn.today,
    query: { status, kind: intent.kind, period: intent.period, sort: intent.sort, order: intent.order, limit: page.size, offset: page.offset },
  });
  const what = [status ? STATUS_TITLE[status] : '', intent.kind === 'retainer' ? 'retainer invoices' : 'invoices'].filter(Boolean).join(' ');
  const when = intent.period ? ` for ${periodWords(turn.viewer, intent.period)}` : '';
  if (!count) return reply(`You have no ${what}${when}.`, { choices: [{ label: 'All invoices', say: 'my invoices' }] });
  const items = invoices.map((inv) => invoiceLine(turn, inv));
  const pay: Choice[] = invoices.filter((i) => i.balance > 0n).slice(0, 2).map((i) => ({ label: `Pay ${i.number}`, say: `pay invoice ${i.number}` }));
  const rest = listRest(turn, intent, count, page);
  return reply(listHeading(`${what}${when}`, count, page), {
    items, more: rest.more, choices: withMore(rest, [...pay, { label: 'Statement', say: 'statement this year' }]),
  });
}

export async function answerShowInvoice(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  if (!intent.ref) {
    turn.pending = { intent, needsRef: true };
    return reply('Which invoice? Tell me its number, e.g. "7" or "INV-000007".', { choices: [{ label: 'Unpaid invoices', say: 'unpaid invoices' }] });
  }
  const found = await findDocument(turn, 'invoice', intent.ref, intent);
  if (!isMatch(found)) return found;
  const { viewer } = turn;
  const inv = (await getInvoice({ db: turn.deps.db, viewer, today: turn.today, id: found.id }))!;
  const what = inv.kind === 'retainer' ? 'Retainer invoice' : 'Invoice';
  const due = inv.dueDate ? `, due ${day(viewer, inv.dueDate)}` : '';
  const clearing = inv.balance > 0n && (await invoicesBeingPaid({ db: turn.deps.db, viewer })).has(inv.id);
  const state = inv.balance === 0n ? 'Paid in full.' : `Balance due ${money(viewer, inv.balance)}${inv.paid > 0n ? ` (${money(viewer, inv.paid)} paid)` : ''}${inv.status === 'overdue' ? ', overdue' : ''}.${clearing ? ' A bank payment for it is on its way.' : ''}`;
  const facts = [
    ...inv.lines.slice(0, 10).map((l) => ({ label: `${l.item} × ${l.quantity}`, value: money(viewer, l.amount, inv.currency) })),
    ...inv.taxes.map((t) => ({ label: t.name, value: money(viewer, t.amount, inv.currency) })),
    { label: 'Total', value: money(viewer, inv.total, inv.currency) },
    ...inv.payments.map((p) => ({ label: `Paid ${day(viewer, p.date)} (${p.number})`, value: `−${money(viewer, p.amount, inv.currency)}` })),
    ...inv.credits.map((c) => ({ label: `${c.kind === 'retainer' ? 'Retainer' : 'Credit'} ${c.number}`, value: `−${money(viewer, c.amount, inv.currency)}` })),
    { label: 'Balance due', value: money(viewer, inv.balance, inv.currency) },
  ];
  if (inv.balance > 0n) turn.pending = { intent, about: inv.number };
  const choices: Choice[] = inv.balance > 0n && !clearing ? [{ label: 'Pay now', say: `pay invoice ${inv.number}` }] : [];
  if (inv.payments.length) choices.push({ label: 'Receipt', say: `receipt for invoice ${inv.number}` });
  return reply(`${what} ${inv.number} for ${money(viewer, inv.total, inv.currency)}, dated ${day(viewer, inv.date)}${due}. ${state}`, {
    facts,
    choices,
    document: { title: `${what} ${inv.number}`, fileName: `${inv.number}.pdf`, ...turn.deps.documents.link({ kind: 'invoice', id: inv.id }, viewer) },
  });
}

