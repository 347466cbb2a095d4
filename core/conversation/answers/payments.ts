import { getPayment, latestPaymentId, listPayments } from '../../portal/payments';
import type { ParsedIntent } from '../parser';
import { reply, type Reply } from '../../replies/reply';
import type { Turn } from '../turn';
import { day, money, periodWords } from '../../replies/words';
import { findDocument, isMatch } from './find-document';
import { firstPage, listHeading, listRest, withMore, type Page } from './list-page';

const MODE: Record<string, string> = { bank_transfer: 'bank transfer', cheque: 'cheque', cash: 'cash', card: 'card', ach: 'bank (ACH)' };

export function answerListPayments(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  return paymentsPage(turn, intent, firstPage(turn));
}

export async function paymentsPage(turn: Turn, intent: ParsedIntent, page: Page): Promise<Reply> {
  const { viewer } = turn;
  const { count, payments } = await listPayments({
    db: turn.deps.db, viewer,
    query: {
      invoiceOnly: intent.invoice_only, retainerOnly: intent.kind === 'retainer', source: intent.source,
      sort: intent.sort === 'amount' ? 'amount' : 'date', order: intent.order, period: intent.period, limit: page.size, offset: page.offset,
    },
  });
  const kind = intent.invoice_only ? 'invoice ' : intent.kind === 'retainer' ? 'retainer ' : '';
  const source = intent.source === 'online' ? ' made online' : intent.source === 'offline' ? ' recorded offline (cheque, cash, transfer)' : '';
  const what = `${kind}payments${source}${intent.period ? ` for ${periodWords(viewer, intent.period)}` : ''}`;
  if (!count) return reply(`I have no ${what} from you on record.`);
  const rest = listRest(turn, intent, count, page);
  return reply(listHeading(what, count, page), {
    items: payments.map((p) => ({
      title: p.number,
      detail: `${money(viewer, p.amount, p.currency)} · ${day(viewer, p.date)} · ${MODE[p.mode] ?? p.mode}${p.state === 'pending' ? ' · processing' : ''}`,
      say: `receipt for payment ${p.number}`,
    })),
    more: rest.more,
    choices: withMore(rest, []),
  });
}

/** A receipt: for a payment, the latest payment on an invoice, or the latest payment. */
export async function answerReceipt(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  const { viewer, deps } = turn;
  let paymentId: number | null;
  if (intent.ref && intent.doc === 'invoice') {
    const found = await findDocument(turn, 'invoice', intent.ref, intent);
    if (!isMatch(found)) return found;
    paymentId = await latestPaymentId({ db: deps.db, viewer, invoiceId: found.id });
    if (!paymentId) return reply(`There is no payment on ${found.number} yet, so there is no receipt.`, { choices: [{ label: `Pay ${found.number}`, say: `pay invoice ${found.number}` }] });
  } else if (intent.ref) {
    const found = await findDocument(turn, 'payment', intent.ref, intent);
    if (!isMatch(found)) return found;
    paymentId = found.id;
  } else {
    paymentId = await latestPaymentId({ db: deps.db, viewer });
    if (!paymentId) return reply('I have no payments from you on record yet, so there is no receipt.');
  }
  const p = (await getPayment({ db: deps.db, viewer, id: paymentId }))!;
  if (p.state === 'pending') {
    return reply(`${p.number}: your bank payment of ${money(viewer, p.amount, p.currency)} from ${day(viewer, p.date)} is still on its way (bank payments take a few days). The receipt follows when it arrives.`);
  }
  const paid = p.applied.map((a) => `${a.number} (${money(viewer, a.amount, p.currency)})`).join(', ');
  const left = p.unapplied > 0n ? ` ${money(viewer, p.unapplied, p.currency)} is kept as credit.` : '';
  return reply(`Receipt for ${p.number}: ${money(viewer, p.amount, p.currency)} received ${day(viewer, p.date)} by ${MODE[p.mode] ?? p.mode}${paid ? `, for ${paid}` : ''}.${left}`, {
    document: { title: `Receipt ${p.number}`, fileName: `${p.number}.pdf`, ...deps.documents.link({ kind: 'receipt', id: p.id }, viewer) },
  });
}
