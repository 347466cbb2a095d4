import type { Statement, StatementRow } from '../../portal/get-statement';
import type { TemplateData } from '../fill-template';
import type { DocumentFormat } from './document-format';
import { headView } from './parties';

const ROW_TYPE: Record<StatementRow['type'], string> = { invoice: 'Invoice', payment: 'Payment', credit_note: 'Credit note', retainer_applied: 'Retainer applied' };

export function statementView(s: Statement, fmt: DocumentFormat): TemplateData {
  const period = `${fmt.day(s.from)} – ${fmt.day(s.to)}`;
  return {
    title: `Statement of accounts ${s.from} to ${s.to}`,
    ...headView({ organization: s.organization, customer: { ...s.customer, email: null } }, {
      heading: 'Statement of accounts',
      toLabel: 'Statement for',
      number: period,
      facts: [['Currency', s.currency]],
    }),
    currency: s.currency,
    from: fmt.day(s.from),
    to: fmt.day(s.to),
    opening: fmt.money(s.opening),
    invoiced: fmt.money(s.invoiced),
    received: fmt.money(s.received),
    closing: fmt.money(s.closing),
    rows: s.rows.map((r) => ({
      date: fmt.day(r.date),
      type: ROW_TYPE[r.type],
      number: r.reference ? `${r.number} to ${r.reference}` : r.number,
      debit: fmt.moneyOrBlank(r.debit),
      credit: fmt.moneyOrBlank(r.credit),
      balance: fmt.money(r.balance),
    })),
  };
}
