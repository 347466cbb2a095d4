import { reply, type Reply } from '../replies/reply';
import { money, plural } from '../replies/words';
import type { DocumentLinks } from '../documents/document-ref';
import type { Viewer } from '../portal/viewer';
import type { PaymentChange } from './record-checkout-payment';

/** The chat message for a payment that appeared or moved forward: a receipt, "on its way" or "didn't go through". */
export function paymentReply(change: PaymentChange, viewer: Viewer, documents: DocumentLinks): Reply {
  const sum = money(viewer, change.amount, change.currency);
  const what = change.invoices.length === 1 ? change.invoices[0] : plural(change.invoices.length, 'invoice');
  if (change.state === 'pending') {
    return reply(`Thanks! Your bank payment of ${sum} for ${what} is on its way. Bank payments take a few business days to clear; I'll send your receipt when it has.`);
  }
  if (change.state === 'failed') {
    const again = change.invoices.length === 1 ? { label: `Pay ${change.invoices[0]}`, say: `pay invoice ${change.invoices[0]}` } : { label: 'Pay all', say: 'pay everything' };
    return reply(`Your payment of ${sum} for ${what} didn't go through, so nothing was paid. You can ask for a new payment link at any time.`, { choices: [again], warning: true });
  }
  const paid = change.applied.map((a) => (change.applied.length === 1 ? a.number : `${a.number} (${money(viewer, a.amount, change.currency)})`));
  const credit = change.unapplied === 0n ? ''
    : paid.length ? ` ${money(viewer, change.unapplied, change.currency)} is kept as credit on your account.`
      : ` ${change.invoices.length === 1 ? `${what} was` : 'Those invoices were'} already paid, so it is kept as credit on your account.`;
  return reply(`Thank you! We received your payment of ${sum} (${change.number})${paid.length ? ` for ${paid.join(', ')}` : ''}.${credit} Your receipt is attached.`, {
    document: { title: `Receipt ${change.number}`, fileName: `${change.number}.pdf`, ...documents.link({ kind: 'receipt', id: change.paymentId }, viewer) },
  });
}
