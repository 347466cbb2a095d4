import { reply, type Reply } from '../../replies/reply';

/** "more": until lists remember where they stopped, the ways to narrow one down. */
export function answerMore(): Reply {
  return reply('I showed the most recent ones. To see others, narrow the list down, e.g. "invoices from March", "paid invoices" or "payments last year".', {
    choices: [{ label: 'Invoices this year', say: 'invoices this year' }, { label: 'Paid invoices', say: 'paid invoices' }, { label: 'Payments last year', say: 'payments last year' }],
  });
}
