import { fixtureFile } from '../support/fixture';

/**
 * test/support's fixture plus what documents need on top: an invoice with several lines
 * and a tax, partly paid; a shared file; and customer c3 with a ledger long enough
 * (130 invoices and 130 payments in 2026) for a statement of several pages.
 */
export function documentsFixture() {
  const file = fixtureFile();
  file.invoices.push({
    number: 'INV-000010', customer: 'c1', date: '2026-11-05', dueDate: '2026-12-05', total: '270.00', status: 'sent', allowPartialPayments: true,
    lines: [{ item: 'Safety gloves', description: 'Nitrile, size L', quantity: '2', rate: '100.00' }, { item: 'Delivery', quantity: '1', rate: '50.00' }],
    taxes: [{ name: 'Sales tax 8%', amount: '20.00' }],
  } as (typeof file.invoices)[number]);
  file.payments.push({ number: 'PMT-00010', customer: 'c1', date: '2026-11-06', amount: '100.00', mode: 'ach', applied: [{ invoice: 'INV-000010', amount: '100.00' }] });
  file.documents.push({ customer: 'c1', title: 'Price list', file: 'price-list.pdf' });
  file.customers.push({ key: 'c3', name: 'Long Ledger & Sons <Ltd>', currency: 'USD', email: 'ap@long.example',
    contacts: [{ name: 'Lou Long', email: 'lou@long.example', phone: '+15555550103', primary: true }] } as (typeof file.customers)[number]);
  for (let i = 1; i <= 130; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor((i - 1) * 2.5) * 86_400_000).toISOString().slice(0, 10);
    const total = `${100 + ((i * 37) % 900)}.${String((i * 13) % 100).padStart(2, '0')}`;
    const number = `INV-L${String(i).padStart(4, '0')}`;
    file.invoices.push({ number, customer: 'c3', date: day, dueDate: day, total, status: 'sent' } as (typeof file.invoices)[number]);
    // Pay most in full, every fifth only in part, so the running balance climbs.
    const paid = i % 5 === 0 ? '50.00' : total;
    file.payments.push({ number: `PMT-L${String(i).padStart(4, '0')}`, customer: 'c3', date: day, amount: paid, mode: 'card', applied: [{ invoice: number, amount: paid }] });
  }
  return file;
}
