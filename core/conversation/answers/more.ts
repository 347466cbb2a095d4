import { reply, type Reply } from '../../replies/reply';
import type { ParsedIntent } from '../parser';
import type { Turn } from '../turn';
import { documentsPage } from './account';
import { invoicesPage } from './invoices';
import { firstPage, type Page } from './list-page';
import { ordersPage } from './orders';
import { paymentsPage } from './payments';

const LISTS: Partial<Record<ParsedIntent['intent'], (turn: Turn, intent: ParsedIntent, page: Page) => Promise<Reply>>> = {
  list_invoices: invoicesPage, list_payments: paymentsPage, list_orders: ordersPage, documents: documentsPage,
};

/** "more": the next part of the list this chat was just shown; with none, how to find others. */
export function answerMore(turn: Turn): Reply | Promise<Reply> {
  const asked = turn.asked;
  const next = asked?.list !== undefined ? LISTS[asked.intent.intent] : undefined;
  if (asked?.list !== undefined && next) return next(turn, asked.intent, firstPage(turn, asked.list));
  return reply('There is no list to go on with. Ask for one, e.g. "my invoices", "paid invoices", "my payments" or "invoices from March".', {
    choices: [{ label: 'My invoices', say: 'my invoices' }, { label: 'My payments', say: 'my payments' }],
  });
}
