/**
 * A small organization whose every figure is worked out by hand in test/portal:
 * customer c1 has one invoice in each situation portal.md names; c2 is the neighbour
 * whose documents c1 must never see. "Today" is 2026-11-24.
 */
export const TODAY = '2026-11-24';

export function fixtureFile() {
  const line = (rate: string) => [{ item: 'Widget', quantity: '1', rate }];
  return {
    organization: {
      key: 'acme', name: 'Acme Supplies Ltd', currency: 'USD', timezone: 'America/New_York', locale: 'en-US',
      email: 'billing@acme.example', phone: '+12125550100', address: '1 Main St, New York, NY 10001', portal: { salesOrders: true },
    },
    customers: [
      { key: 'c1', name: 'Globex Corp', currency: 'USD', achEnabled: true, email: 'ap@globex.example', address: '9 Elm Rd, Springfield',
        contacts: [{ name: 'Hank Scorpio', email: 'hank@globex.example', phone: '+15555550101', whatsapp: '+15555550101',
          slack: { team: 'T0001', user: 'U0001' }, teams: { tenant: 'tid-1', user: '29:abc' }, primary: true }] },
      { key: 'c2', name: 'Initech LLC', currency: 'USD', email: 'ap@initech.example',
        contacts: [{ name: 'Bill Lumbergh', email: 'bill@initech.example', phone: '+15555550102', primary: true }] },
    ],
    salesOrders: [
      { number: 'SO-00001', customer: 'c1', date: '2026-01-05', status: 'fulfilled', total: '1000.00', lines: line('1000.00') },
      { number: 'SO-00002', customer: 'c1', date: '2026-11-02', status: 'confirmed', total: '90.00', lines: line('90.00') },
      { number: 'SO-00003', customer: 'c1', date: '2026-11-03', status: 'draft', total: '10.00' },
      { number: 'SO-00004', customer: 'c1', date: '2026-11-04', status: 'shipped', total: '40.00' },
      { number: 'SO-00012', customer: 'c2', date: '2026-11-04', status: 'confirmed', total: '40.00' },
    ],
    invoices: [
      { number: 'INV-000001', customer: 'c1', date: '2026-01-10', dueDate: '2026-02-09', total: '1000.00', status: 'sent', salesOrder: 'SO-00001', lines: line('1000.00') },
      { number: 'INV-000002', customer: 'c1', date: '2026-09-01', dueDate: '2026-10-01', total: '500.00', status: 'sent', allowPartialPayments: true, lines: line('500.00') },
      { number: 'INV-000003', customer: 'c1', date: '2026-11-01', dueDate: '2026-12-01', total: '300.00', status: 'sent' },
      { number: 'INV-000004', customer: 'c1', date: '2026-10-05', dueDate: '2026-11-04', total: '250.00', status: 'sent' },
      { number: 'INV-000005', customer: 'c1', date: '2026-11-10', dueDate: '2026-12-10', total: '400.00', status: 'sent' },
      { number: 'INV-000006', customer: 'c1', date: '2026-11-15', dueDate: '2026-12-15', total: '200.00', status: 'sent', allowPartialPayments: true },
      { number: 'INV-000007', customer: 'c1', date: '2026-11-16', dueDate: '2026-12-16', total: '999.00', status: 'draft' },
      { number: 'INV-000008', customer: 'c1', date: '2026-11-17', dueDate: '2026-12-17', total: '888.00', status: 'void' },
      { number: 'INV-000009', customer: 'c1', date: '2026-11-18', dueDate: '2026-12-18', total: '250.00', status: 'sent' },
      { number: 'RET-00001', customer: 'c1', kind: 'retainer', date: '2026-03-01', total: '600.00', status: 'sent' },
      { number: 'RET-00002', customer: 'c1', kind: 'retainer', date: '2026-11-01', total: '100.00', status: 'sent' },
      { number: 'INV-000042', customer: 'c2', date: '2026-11-01', dueDate: '2026-12-01', total: '4200.00', status: 'sent' },
    ],
    creditNotes: [
      { number: 'CN-00001', customer: 'c1', date: '2026-10-10', total: '250.00', applied: [{ invoice: 'INV-000004', amount: '250.00' }] },
      { number: 'CN-00002', customer: 'c1', date: '2026-11-02', total: '80.00' },
    ],
    payments: [
      { number: 'PMT-00001', customer: 'c1', date: '2026-01-20', amount: '1000.00', mode: 'bank_transfer', applied: [{ invoice: 'INV-000001', amount: '1000.00' }] },
      { number: 'PMT-00002', customer: 'c1', date: '2026-09-15', amount: '200.00', mode: 'cheque', applied: [{ invoice: 'INV-000002', amount: '200.00' }] },
      { number: 'PMT-00003', customer: 'c1', date: '2026-11-12', amount: '450.00', mode: 'card', applied: [{ invoice: 'INV-000005', amount: '400.00' }] },
      { number: 'PMT-00004', customer: 'c1', date: '2026-03-05', amount: '600.00', mode: 'bank_transfer', applied: [{ invoice: 'RET-00001', amount: '600.00' }] },
      { number: 'PMT-00005', customer: 'c1', date: '2026-11-16', amount: '50.00', mode: 'cash', applied: [{ invoice: 'INV-000006', amount: '50.00' }] },
      { number: 'PMT-00017', customer: 'c2', date: '2026-11-16', amount: '10.00', mode: 'cash', applied: [{ invoice: 'INV-000042', amount: '10.00' }] },
    ],
    retainerApplications: [{ retainer: 'RET-00001', invoice: 'INV-000009', amount: '250.00', date: '2026-11-20' }],
    documents: [] as Array<{ customer: string; title: string; file: string }>,
  };
}

export type FixtureFile = ReturnType<typeof fixtureFile>;
