/**
 * Writes prisma/demo/demo.json, the demo organization `npm start` loads into an empty
 * database: several customers, two years of invoices in every status, partial payments,
 * credits, retainers and sales orders in every status. Seeded, so it is the same each run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { addDays as plusDays } from 'date-fns';
import { formatDay, parseDay } from '../core/dates';

const OUT = path.resolve(__dirname, '../prisma/demo');
let seed = 20261124;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];

const ITEMS = [
  ['Steel bolts M8 (box of 100)', '14.50'], ['Pallet wrap 500 mm', '22.00'], ['Cordless drill 18V', '129.00'],
  ['Safety gloves (pair)', '6.75'], ['Packing tape 48 mm', '3.20'], ['Shelving unit 5-tier', '189.00'],
  ['Hi-vis vest', '9.90'], ['LED work light', '45.00'], ['Cable ties (pack of 500)', '11.40'], ['Delivery and handling', '35.00'],
] as const;

const addDays = (day: string, n: number) => formatDay(plusDays(parseDay(day)!, n));
/** The day the demo was made: nothing in it happens later (a payment "received" next week reads wrong). */
const MADE_ON = '2026-11-24';
const notAfterMadeOn = (day: string) => (day > MADE_ON ? MADE_ON : day);
// Whole cents only: the demo's amounts are written as exact decimal strings.
const cents = (text: string) => {
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};
const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

function lines() {
  return Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
    const [item, rate] = pick([...ITEMS]);
    return { item, quantity: String(1 + Math.floor(random() * 12)), rate };
  });
}
const lineTotal = (ls: Array<{ quantity: string; rate: string }>) => ls.reduce((s, l) => s + Number(l.quantity) * cents(l.rate), 0);

const customers = [
  { key: 'globex', name: 'Globex Corp', currency: 'USD', achEnabled: true, email: 'ap@globex.example', address: '9 Elm Rd, Springfield, OR 97477',
    contacts: [
      { name: 'Hank Scorpio', email: 'hank@globex.example', phone: '+15555550101', whatsapp: '+15555550101', slack: { team: 'T0001', user: 'U0001' }, teams: { tenant: 'tid-1', user: '29:hank' }, primary: true },
      { name: 'Frank Grimes', email: 'frank@globex.example', phone: '+15555550111' },
    ] },
  { key: 'initech', name: 'Initech LLC', currency: 'USD', achEnabled: false, email: 'billing@initech.example', address: '4120 Freidrich Ln, Austin, TX 78744',
    contacts: [
      { name: 'Bill Lumbergh', email: 'bill@initech.example', phone: '+15555550102', whatsapp: '+15555550102', slack: { team: 'T0002', user: 'U0002' }, teams: { tenant: 'tid-2', user: '29:bill' }, primary: true },
      { name: 'Peter Gibbons', email: 'peter@initech.example', phone: '+15555550112' },
    ] },
  { key: 'soylent', name: 'Soylent GmbH', currency: 'EUR', timezone: 'Europe/Berlin', achEnabled: false, email: 'buchhaltung@soylent.example', address: 'Hauptstr. 5, 10115 Berlin',
    contacts: [{ name: 'Greta Sol', email: 'greta@soylent.example', phone: '+4915555550103', whatsapp: '+4915555550103', primary: true }] },
  { key: 'wayne', name: 'Wayne Traders', currency: 'USD', achEnabled: true, email: 'accounts@wayne.example', address: '1007 Mountain Dr, Gotham, NJ 07001',
    contacts: [{ name: 'Lucius Fox', email: 'lucius@wayne.example', phone: '+15555550104', slack: { team: 'T0001', user: 'U0004' }, primary: true }] },
  { key: 'stark', name: 'Stark Foods', currency: 'USD', achEnabled: false, email: 'hello@stark.example', address: '200 Park Ave, New York, NY 10166',
    contacts: [{ name: 'Pepper Potts', email: 'pepper@stark.example', phone: '+15555550105', whatsapp: '+15555550105', primary: true }] },
];

type Inv = { number: string; customer: string; kind: string; date: string; dueDate?: string; total: string; allowPartialPayments: boolean; status: string; salesOrder?: string; lines?: unknown[] };
const invoices: Inv[] = [];
const salesOrders: unknown[] = [];
const payments: Array<{ number: string; customer: string; date: string; amount: string; mode: string; reference?: string; applied: Array<{ invoice: string; amount: string }> }> = [];
const creditNotes: unknown[] = [];
const retainerApplications: unknown[] = [];
let invNo = 1, soNo = 1, pmtNo = 1, cnNo = 1, retNo = 1;
const MODES = ['bank_transfer', 'cheque', 'card', 'ach', 'cash'];

for (const c of customers.slice(0, 4)) {
  const perCustomer = c.key === 'globex' ? 30 : c.key === 'initech' ? 18 : 12;
  for (let i = 0; i < perCustomer; i++) {
    const date = addDays('2025-01-06', Math.floor((i * 685) / perCustomer) + Math.floor(random() * 10));
    const ls = lines();
    const total = lineTotal(ls);
    const number = `INV-${String(invNo++).padStart(6, '0')}`;
    const late = date < '2026-08-01';
    const roll = random();
    const status = roll < 0.05 ? 'draft' : roll < 0.09 ? 'void' : 'sent';
    let salesOrder: string | undefined;
    if (random() < 0.4) {
      salesOrder = `SO-${String(soNo++).padStart(5, '0')}`;
      salesOrders.push({ number: salesOrder, customer: c.key, date: addDays(date, -3), status: 'fulfilled', total: money(total), lines: ls });
    }
    invoices.push({ number, customer: c.key, kind: 'invoice', date, dueDate: addDays(date, 30), total: money(total), allowPartialPayments: random() < 0.6, status, salesOrder, lines: ls });
    if (status !== 'sent') continue;
    // Older invoices are mostly paid, some partly; recent ones mostly open.
    const r = random();
    const paid = late ? (r < 0.7 ? total : r < 0.85 ? Math.floor(total * 0.4) : 0) : r < 0.3 ? total : r < 0.5 ? Math.floor(total / 2) : 0;
    if (paid > 0) {
      const extra = random() < 0.08 ? 2500 : 0; // the odd overpayment becomes credit
      payments.push({ number: `PMT-${String(pmtNo++).padStart(5, '0')}`, customer: c.key, date: notAfterMadeOn(addDays(date, 10 + Math.floor(random() * 25))), amount: money(paid + extra), mode: pick(MODES), applied: [{ invoice: number, amount: money(paid) }] });
    }
  }
}

// Credit notes: one fully offsets an invoice, one partly, one stays available.
const globexOpen = invoices.filter((i) => i.customer === 'globex' && i.status === 'sent' && !payments.some((p) => p.applied.some((a) => a.invoice === i.number)));
creditNotes.push({ number: `CN-${String(cnNo++).padStart(5, '0')}`, customer: 'globex', date: addDays(globexOpen[0].date, 5), total: globexOpen[0].total, applied: [{ invoice: globexOpen[0].number, amount: globexOpen[0].total }] });
creditNotes.push({ number: `CN-${String(cnNo++).padStart(5, '0')}`, customer: 'globex', date: addDays(globexOpen[1].date, 7), total: '40.00', applied: [{ invoice: globexOpen[1].number, amount: '40.00' }] });
creditNotes.push({ number: `CN-${String(cnNo++).padStart(5, '0')}`, customer: 'initech', date: '2026-06-15', total: '75.00', applied: [] });

// Retainers: paid and partly applied, paid and unapplied, and one unpaid.
for (const [customer, amount, pay, apply] of [['wayne', '1500.00', '1500.00', '600.00'], ['globex', '800.00', '800.00', null], ['initech', '500.00', null, null]] as const) {
  const number = `RET-${String(retNo++).padStart(5, '0')}`;
  invoices.push({ number, customer, kind: 'retainer', date: '2026-02-10', total: amount, allowPartialPayments: false, status: 'sent' });
  if (pay) payments.push({ number: `PMT-${String(pmtNo++).padStart(5, '0')}`, customer, date: '2026-02-20', amount: pay, mode: 'bank_transfer', reference: 'deposit', applied: [{ invoice: number, amount: pay }] });
  if (apply) {
    const target = `INV-${String(invNo++).padStart(6, '0')}`;
    const ls = [{ item: 'Installation and setup', quantity: '1', rate: '900.00' }];
    invoices.push({ number: target, customer, kind: 'invoice', date: '2026-03-30', dueDate: '2026-04-29', total: '900.00', allowPartialPayments: true, status: 'sent', lines: ls });
    retainerApplications.push({ retainer: number, invoice: target, amount: apply, date: '2026-04-02' });
  }
}

// Sales orders in every status.
for (const [status, customer, date] of [['draft', 'globex', '2026-11-20'], ['confirmed', 'globex', '2026-11-02'], ['packed', 'globex', '2026-11-10'], ['shipped', 'initech', '2026-11-15'], ['void', 'initech', '2026-07-01'], ['confirmed', 'soylent', '2026-10-28']] as const) {
  const ls = lines();
  salesOrders.push({ number: `SO-${String(soNo++).padStart(5, '0')}`, customer, date, status, total: money(lineTotal(ls)), lines: ls });
}

const demo = {
  organization: {
    key: 'acme', name: 'Acme Supplies Ltd', currency: 'USD', timezone: 'America/New_York', locale: 'en-US',
    email: 'billing@acme.example', phone: '+12125550100', address: '1 Main St, New York, NY 10001', portal: { salesOrders: true },
  },
  customers, salesOrders, invoices, creditNotes, payments, retainerApplications,
  documents: [{ customer: 'globex', title: 'Price list 2026', file: 'price-list-2026.pdf' }, { customer: 'initech', title: 'Price list 2026', file: 'price-list-2026.pdf' }],
};
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'demo.json'), JSON.stringify(demo, null, 2) + '\n');
fs.writeFileSync(path.join(OUT, 'price-list-2026.pdf'), tinyPdf('Acme Supplies Ltd - Price list 2026'));
console.log(`wrote ${invoices.length} invoices, ${payments.length} payments, ${salesOrders.length} sales orders`);

/** A one-page PDF with one line of text, written by hand so the demo needs no renderer. */
function tinyPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let body = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
