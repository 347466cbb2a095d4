import { getSalesOrder, listSalesOrders } from '../../portal/sales-orders';
import type { ParsedIntent } from '../parser';
import { reply, type Reply } from '../../replies/reply';
import type { Turn } from '../turn';
import { day, money, periodWords } from '../../replies/words';
import { merchantToAsk } from './account';
import { findDocument, isMatch } from './find-document';
import { invoiceLine } from './invoices';
import { firstPage, listHeading, listRest, withMore, type Page } from './list-page';

async function ordersOff(turn: Turn): Promise<Reply> {
  return reply(`Sales orders aren't available in this portal. For questions about an order, contact ${await merchantToAsk(turn)}.`);
}

export function answerListOrders(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  return ordersPage(turn, intent, firstPage(turn));
}

export async function ordersPage(turn: Turn, intent: ParsedIntent, page: Page): Promise<Reply> {
  const status = intent.status === 'open' || intent.status === 'fulfilled' ? intent.status : undefined;
  const result = await listSalesOrders({ db: turn.deps.db, viewer: turn.viewer, query: { status, period: intent.period, limit: page.size, offset: page.offset } });
  if (!result) return ordersOff(turn);
  const what = `${status ? `${status} ` : ''}orders${intent.period ? ` for ${periodWords(turn.viewer, intent.period)}` : ''}`;
  if (!result.count) return reply(`You have no ${what}.`);
  const rest = listRest(turn, intent, result.count, page);
  return reply(listHeading(what, result.count, page), {
    items: result.orders.map((o) => ({ title: o.number, detail: `${o.status} · ${money(turn.viewer, o.total, o.currency)} · ${day(turn.viewer, o.date)}`, say: `order ${o.number}` })),
    more: rest.more,
    choices: withMore(rest, []),
  });
}

export async function answerShowOrder(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  if (!turn.viewer.salesOrdersEnabled) return ordersOff(turn);
  if (!intent.ref) {
    turn.pending = { intent, needsRef: true };
    return reply('Which order? Tell me its number, e.g. "SO-00007".', { choices: [{ label: 'My orders', say: 'my orders' }] });
  }
  const found = await findDocument(turn, 'order', intent.ref, intent);
  if (!isMatch(found)) return found;
  const { viewer } = turn;
  const order = (await getSalesOrder({ db: turn.deps.db, viewer, today: turn.today, id: found.id }))!;
  const invoiced = order.invoices.length ? ` Invoiced as ${order.invoices.map((i) => i.number).join(', ')}.` : '';
  return reply(`Order ${order.number} for ${money(viewer, order.total, order.currency)}, placed ${day(viewer, order.date)}, is ${order.status}.${invoiced}`, {
    facts: order.lines.slice(0, 10).map((l) => ({ label: `${l.item} × ${l.quantity}`, value: money(viewer, l.amount, order.currency) })),
    items: order.invoices.map((i) => invoiceLine(turn, i)),
    document: { title: `Sales order ${order.number}`, fileName: `${order.number}.pdf`, ...turn.deps.documents.link({ kind: 'sales_order', id: order.id }, viewer) },
  });
}
