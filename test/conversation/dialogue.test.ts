import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { conversationDeps, customer } from '../support/conversation';
import { useFixtureDatabase } from '../support/fixture-database';
import type { Reply } from '../../core/replies/reply';

/**
 * Transcripts: [customer says, portal answers]. Hank is customer c1 of the fixture
 * (test/support/fixture.ts), writing on WhatsApp; today is 2026-11-24 in New York.
 */
type Expect = string | RegExp | ((r: Reply) => void);
const HANK = '+15555550101';

function check(said: string, got: Reply, expected: Expect) {
  if (typeof expected === 'function') return expected(got);
  if (typeof expected === 'string') expect({ said, text: got.text }).toEqual({ said, text: expected });
  else expect({ said, text: got.text }).toEqual({ said, text: expect.stringMatching(expected) });
}

describe('dialogue', () => {
  const fixture = useFixtureDatabase('pglite');

  async function transcript(lines: Array<[string, Expect]>, deps = conversationDeps(fixture.db.prisma), address = HANK, channel: 'whatsapp' | 'sms' = 'whatsapp') {
    const say = customer(deps, channel, address);
    for (const [said, expected] of lines) check(said, await say(said), expected);
    return deps;
  }

  test('home, balance and credits', async () => {
    await transcript([
      ['hi', /^Hi Hank! This is Acme Supplies Ltd's customer portal for Globex Corp\. You owe \$750\.00\./],
      ['hi', (r) => expect(r.facts).toEqual(expect.arrayContaining([
        { label: 'Outstanding invoices', value: '$750.00' }, { label: 'Overdue', value: '$300.00' }, { label: 'Available credits', value: '$130.00' },
        { label: 'Outstanding retainers', value: '$100.00' }, { label: 'Retainer payments available', value: '$350.00' },
        { label: 'Last payment', value: '$50.00 on Nov 16, 2026' }, { label: 'Orders', value: '1 confirmed, 1 shipped, 1 fulfilled' },
      ]))],
      ['help', /^You can ask me things like "What do I owe\?"/],
      ['what do I owe', 'You owe $750.00 on 3 invoices, $300.00 of it overdue (1 invoice). You also have $130.00 in credits. Would you like to pay now?'],
      ['do I have any credits?', /^You have \$130\.00 in available credits/],
      ['when did I last pay?', 'Your last payment was $50.00 on Nov 16, 2026 (PMT-00005).'],
      ['my details', (r) => expect(r.facts).toEqual(expect.arrayContaining([{ label: 'Payment methods', value: 'card or bank account (ACH)' }, { label: 'Primary contact', value: 'Hank Scorpio, hank@globex.example, +15555550101' }]))],
      ['shared documents', /^Nothing has been shared with you yet/],
      ['I want to talk to a human', 'To talk to someone at Acme Supplies Ltd, call +12125550100 or e-mail billing@acme.example.'],
    ]);
  });

  test('invoices: lists, one invoice, and clarifications', async () => {
    await transcript([
      ['show my invoices', /^Your invoices \(9\):$/],
      ['list unpaid invoices', (r) => {
        expect(r.text).toBe('Your unpaid invoices (4):');
        expect(r.items!.map((i) => `${i.title}: ${i.detail}`)).toEqual([
          'INV-000006: $150.00 left of $200.00 · partly paid, due Dec 15, 2026', 'retainer RET-00002: $100.00 · unpaid',
          'INV-000003: $300.00 · unpaid, due Dec 1, 2026', 'INV-000002: $300.00 left of $500.00 · overdue, due Oct 1, 2026',
        ]);
      }],
      ['which invoices are overdue?', (r) => expect(r.items!.map((i) => i.title)).toEqual(['INV-000002'])],
      ['my retainer invoices', /^Your retainer invoices \(2\):/],
      ['invoices from March', 'Your invoices for Mar 1, 2026 – Mar 31, 2026 (1):'],
      ['invoices from March 2025', 'You have no invoices for Mar 1, 2025 – Mar 31, 2025.'],
      ['show invoice 9', (r) => {
        expect(r.text).toBe('Invoice INV-000009 for $250.00, dated Nov 18, 2026, due Dec 18, 2026. Paid in full.');
        expect(r.document).toMatchObject({ fileName: 'INV-000009.pdf', url: expect.stringContaining('/invoice/') });
      }],
      ['details of INV-000002', /^Invoice INV-000002 for \$500\.00, dated Sep 1, 2026, due Oct 1, 2026\. Balance due \$300\.00 \(\$200\.00 paid\), overdue\.$/],
      ['show invoice 2', 'Did you mean INV-000002 or RET-00002?'],
      ['the second one', /^Retainer invoice RET-00002 for \$100\.00/],
      ['invoice #99', 'I can\'t find invoice 99 on your account. Please check the number, or say "my invoices" to see them.'],
      ['show invoice 42', 'I can\'t find invoice 42 on your account. Please check the number, or say "my invoices" to see them.'],
      ['show invoice 7', 'I can\'t find invoice 7 on your account. Please check the number, or say "my invoices" to see them.'],
    ]);
  });

  test('paying: full, part, too much, not allowed, everything, which one', async () => {
    const deps = await transcript([
      ['pay invoice 5', 'INV-000005 is already paid in full. Thank you!'],
      ['pay $50 on invoice 3', 'INV-000003 can only be paid in full ($300.00). Pay $300.00 instead?'],
      ['yes', /^Here is your payment link for \$300\.00 on INV-000003\. You pay on the secure payment page/],
      ['pay $500 on invoice 6', "That's more than the $150.00 left on INV-000006. Pay $150.00 instead?"],
      ['no', 'OK, nothing done. What else can I help with?'],
      ['pay $50 on invoice 6', /^Here is your payment link for \$50\.00 on INV-000006\./],
      ['pay €20 on invoice 6', 'INV-000006 is in USD, so it can only be paid in USD. Pay the $150.00 due?'],
      ['pay invoice 6 by bank transfer', /^Here is your payment link for \$150\.00 on INV-000006\./],
      ['pay everything', /^Here is your payment link for \$750\.00 on 3 invoices \(INV-000002, INV-000003, INV-000006\)\./],
      ['pay invoice', 'Which invoice would you like to pay? INV-000002 ($300.00), INV-000003 ($300.00), INV-000006 ($150.00)'],
      ['the second one', /^Here is your payment link for \$300\.00 on INV-000003\./],
      ['pay invoice 42', "I can't find invoice 42 on your account. Please check the number, or say \"my invoices\" to see them."],
    ]);
    const asked = deps.payments.requests.map((r) => [r.amount, r.methods.join('+'), r.allocations.map((a) => `${a.number}:${a.amount}`).join(',')]);
    expect(asked).toEqual([
      [30000n, 'card+ach', 'INV-000003:30000'],
      [5000n, 'card+ach', 'INV-000006:5000'],
      [15000n, 'ach', 'INV-000006:15000'],
      [75000n, 'card+ach', 'INV-000002:30000,INV-000003:30000,INV-000006:15000'],
      [30000n, 'card+ach', 'INV-000003:30000'],
    ]);
    expect(new Set(deps.payments.requests.map((r) => r.idempotencyKey)).size).toBe(5);
    expect(deps.payments.requests[0].origin).toEqual({ channel: 'whatsapp', address: HANK });
  });

  test('a customer without ACH gets a card link and is told why', async () => {
    const deps = await transcript([
      ['pay invoice 42 by ACH', /^Here is your payment link for \$4,190\.00 on INV-000042\. Bank \(ACH\) payments are not set up for your account, so this link takes a card\./],
    ], undefined, '+15555550102', 'sms');
    expect(deps.payments.requests[0].methods).toEqual(['card']);
  });

  test('orders, payments, receipts and statements', async () => {
    await transcript([
      ['my orders', 'Your orders (3):'],
      ['open sales orders', (r) => expect(r.items!.map((i) => i.title)).toEqual(['SO-00004', 'SO-00002'])],
      ['where is my order 2?', 'Order SO-00002 for $90.00, placed Nov 2, 2026, is confirmed.'],
      ['status of SO-00001', 'Order SO-00001 for $1,000.00, placed Jan 5, 2026, is fulfilled. Invoiced as INV-000001.'],
      ['order 12', "I can't find order 12 on your account. Please check the number, or say \"my orders\" to see them."],
      ["payments I've made", 'Your payments (5):'],
      ['only invoice payments', 'Your invoice payments (4):'],
      ['retainer payments', (r) => expect([r.text, r.items!.map((i) => i.title)]).toEqual(['Your retainer payments (1):', ['PMT-00004']])],
      ['offline payments', 'Your payments recorded offline (cheque, cash, transfer) (5):'],
      ['payments I made online this year', /^I have no payments made online for .*2026 from you on record\.$/],
      ['send me the receipt', 'Receipt for PMT-00005: $50.00 received Nov 16, 2026 by cash, for INV-000006 ($50.00).'],
      ['receipt for invoice 5', 'Receipt for PMT-00003: $450.00 received Nov 12, 2026 by card, for INV-000005 ($400.00). $50.00 is kept as credit.'],
      ['receipt for invoice 3', 'There is no payment on INV-000003 yet, so there is no receipt.'],
      ['statement for November', (r) => {
        expect(r.text).toBe('Statement for Nov 1, 2026 – Nov 24, 2026: opening balance $300.00, 8 transactions: $1,150.00 invoiced, $830.00 paid or credited. Balance due $620.00.');
        expect(r.document).toMatchObject({ fileName: 'statement-2026-11-01-2026-11-24.pdf' });
      }],
      ['statement', /^Statement for Jan 1, 2026 – Nov 24, 2026: opening balance \$0\.00, .* Balance due \$620\.00\.$/],
      ['statement from Dec 1 2026 to Dec 31 2026', /^That period hasn't started yet/],
      ['statement for October', 'Statement for Oct 1, 2026 – Oct 31, 2026: opening balance $300.00, 2 transactions: $250.00 invoiced, $250.00 paid or credited. Balance due $300.00.'],
      ['statement from Nov 18 to Nov 19', 'Statement for Nov 18, 2026 – Nov 19, 2026: opening balance $620.00, 1 transaction: $250.00 invoiced, $0.00 paid or credited. Balance due $870.00.'],
    ]);
  });

  test('sales orders turned off by the merchant', async () => {
    const file = fixtureFile();
    file.organization.portal.salesOrders = false;
    await load(fixture.db.prisma, file);
    await transcript([
      ['my orders', "Sales orders aren't available in this portal. For questions about an order, contact Acme Supplies Ltd at billing@acme.example or +12125550100."],
      ['where is my order 1?', /^Sales orders aren't available/],
    ]);
  });

  test('a customer with no documents at all', async () => {
    const file = fixtureFile();
    file.customers.push({ key: 'c3', name: 'Stark Foods', currency: 'USD', email: 'x@stark.example', contacts: [{ name: 'Pepper Potts', email: 'pepper@stark.example', phone: '+15555550105', primary: true }] } as never);
    await load(fixture.db.prisma, file);
    await transcript([
      ['hi', /^Hi Pepper! .* You owe \$0\.00\./],
      ['what do I owe', "You're all paid up: nothing is outstanding."],
      ['my invoices', 'You have no invoices.'],
      ['pay everything', "You're all paid up: nothing is outstanding."],
      ['pay invoice', "You're all paid up: there is no invoice to pay."],
      ['my payments', 'I have no payments from you on record.'],
      ['receipt', 'I have no payments from you on record yet, so there is no receipt.'],
      ['last payment', 'I have no payments from you on record yet.'],
      ['my orders', 'You have no orders.'],
      ['statement last quarter', 'Statement for Jul 1, 2026 – Sep 30, 2026: opening balance $0.00, No transactions in this period. Balance due $0.00.'],
      ['credits', 'You have no available credits right now.'],
    ], undefined, '+15555550105', 'sms');
  });

  test('unknown messages get suggestions, never a dead end', async () => {
    await transcript([
      ["what's the weather like", (r) => {
        expect(r.text).toMatch(/^Sorry, I didn't understand that\. You could try: ".+"/);
        expect(r.choices!.length).toBeGreaterThan(0);
      }],
      ['42', (r) => {
        expect(r.text).toBe('Did you mean invoice 42?');
        expect(r.choices!.map((c) => c.say)).toEqual(['show invoice 42', 'pay invoice 42', 'order 42']);
      }],
      ['', /^Sorry, I didn't understand that/],
    ]);
  });

  test('paging: "more" goes on with the list just shown, to its end; with no list it says so', async () => {
    await transcript([
      ['more', /^There is no list to go on with\./],
      ['my invoices', (r) => {
        expect(r.text).toBe('Your invoices (9):');
        expect(r.items).toHaveLength(8);
        expect(r.more).toBe(1);
        expect(r.choices![0]).toEqual({ label: 'More', say: 'more' });
      }],
      ['show more', (r) => {
        expect(r.text).toBe('Your invoices, 9–9 of 9:');
        expect(r.items!.map((i) => i.title)).toEqual(['INV-000001']);
        expect(r.more).toBeUndefined();
      }],
      ['next', 'That was the whole list: 9 invoices.'],
      ['paid invoices', 'Your paid invoices (5):'],
      ['what do I owe', /^You owe \$750\.00/],
      ['more', /^There is no list to go on with\./],
    ]);
    // On SMS a page is three: 9 invoices take three pages.
    await transcript([
      ['my invoices', (r) => expect([r.text, r.items!.length, r.more]).toEqual(['Your invoices (9):', 3, 6])],
      ['more', (r) => expect([r.text, r.items!.length, r.more]).toEqual(['Your invoices, 4–6 of 9:', 3, 3])],
      ['more', (r) => expect([r.text, r.items!.length, r.more]).toEqual(['Your invoices, 7–9 of 9:', 3, undefined])],
    ], undefined, HANK, 'sms');
  });

  test('right after an invoice is shown, "pay it", a promise or a dispute is about that invoice', async () => {
    await transcript([
      ['invoice 3', /^Invoice INV-000003 for \$300\.00/],
      ["I'll pay it on Friday", /^Thank you! I've noted that you'll pay INV-000003 \(\$300\.00\) by /],
      ['show invoice 6', /^Invoice INV-000006 for \$200\.00/],
      ['that one is wrong', /^Sorry about that\. I've told Acme Supplies Ltd that INV-000006 looks wrong to you/],
      ['invoice 9', /^Invoice INV-000009 for \$250\.00/],
      ['pay it', /^Which invoice would you like to pay\?/],
    ]);
  });

  test('typos, two in a long word, one in a short one; ways to pay', async () => {
    await transcript([
      ['wat do i ow', /^You owe \$750\.00 on 3 invoices/],
      ['staement for march', /^Statement for Mar 1, 2026 – Mar 31, 2026/],
      ['can I pay by bank?', /^You can pay by card or from your bank account \(ACH\) on the secure payment page: ask for a link, e\.g\. "pay invoice 42 by bank", and choose the bank account there\. A bank payment takes a few business days to clear\. Which invoice would you like to pay\?/],
      ['INV-000003', /^Here is your payment link for \$300\.00 on INV-000003\./],
      ['ACH', /^You can pay by card or from your bank account \(ACH\)/],
    ]);
  });

  test('forwarding any document, a statement too, adds the new address as a contact once and tells the merchant', async () => {
    const { RecordingMessenger } = await import('../support/conversation');
    const forwarder = new RecordingMessenger();
    await transcript([
      ['forward invoice 3 to Jane@Acme.com', "Sent invoice INV-000003 to jane@acme.com by e-mail. I've added jane@acme.com as a contact for Globex Corp."],
      ['forward invoice 3 to jane@acme.com', 'Sent invoice INV-000003 to jane@acme.com by e-mail.'],
      ['send order 2 to +1 (415) 555-0123', /^Sent sales order SO-00002 to \+14155550123 as a link by text message\./],
      ['forward statement for March to jane@acme.com', 'Sent the statement for Mar 1, 2026 – Mar 31, 2026 to jane@acme.com by e-mail.'],
      ['send my statement to jane@acme.com', 'Sent the statement for Jan 1, 2026 – Nov 24, 2026 to jane@acme.com by e-mail.'],
      ['send receipt 3 to jane@acme.com', 'Sent receipt PMT-00003 to jane@acme.com by e-mail.'],
      ['forward invoice 42 to jane@acme.com', /^I can't find invoice 42/],
      ['forward invoice 3', /^Where should I send it\?/],
      ['my details', (r) => expect(r.facts!.filter((f) => f.label === 'Contact').map((f) => f.value)).toEqual(['jane@acme.com', '+14155550123'])],
    ], conversationDeps(fixture.db.prisma, { messenger: forwarder }));
    expect(forwarder.sent.map((s) => s.to)).toEqual(['jane@acme.com', 'jane@acme.com', '+14155550123', 'jane@acme.com', 'jane@acme.com', 'jane@acme.com']);
    expect(forwarder.sent[3].text).toMatch(/^Hank Scorpio of Globex Corp sent you the statement for Mar 1, 2026 – Mar 31, 2026 from Acme Supplies Ltd\.\n\nIt is also at https:\/\/files\.example\/\d+\/statement\/2026-03-01\.\.2026-03-31/);
    expect(await fixture.db.prisma.contact.count({ where: { email: 'jane@acme.com' } })).toBe(1);
    expect(await fixture.db.prisma.event.count({ where: { type: 'contact.added' } })).toBe(2);
  });

  test('without a way to send, a forward says it was not sent and gives the document', async () => {
    await transcript([
      ['send statement for March to jane@acme.com', (r) => {
        expect(r.text).toBe("I can't send e-mail to other people from here, so the statement for Mar 1, 2026 – Mar 31, 2026 was not sent. Here it is to pass on yourself.");
        expect(r.document!.fileName).toBe('statement-2026-03-01-2026-03-31.pdf');
      }],
    ]);
  });

  test('STOP and START, and an unlinked number sees nothing', async () => {
    await transcript([
      ['STOP', /^You're unsubscribed/],
      ['START', /^You're subscribed again/],
      ['please stop texting me', /^You're unsubscribed/],
    ]);
    expect((await fixture.db.prisma.channelIdentity.findFirstOrThrow({ where: { address: HANK, channel: 'whatsapp' } })).optedOut).toBe(true);
    await transcript([
      ['what do I owe', "Hi! To see your account here, I first need to link this chat to you. Reply with the e-mail address or mobile number your supplier has on file for you, and I'll send a one-time code there."],
      ['show invoice 1', /^Hi! To see your account here/],
    ], undefined, '+15550009999');
  });

  test('a card number is refused and nothing of it is kept', async () => {
    const say = customer(conversationDeps(fixture.db.prisma), 'whatsapp', '+15550001111');
    const r = await say('my card is 4111 1111 1111 1111 exp 12/28');
    expect(r.text).toMatch(/^Please don't send card numbers in chat/);
    expect(await fixture.db.prisma.channelIdentity.count({ where: { address: '+15550001111' } })).toBe(0);
  });

  test('a pending question expires after 15 minutes', async () => {
    const deps = conversationDeps(fixture.db.prisma);
    const say = customer(deps, 'whatsapp', HANK);
    expect((await say('show invoice 2')).text).toBe('Did you mean INV-000002 or RET-00002?');
    const later = customer({ ...deps, clock: () => new Date('2026-11-24T15:16:00Z') }, 'whatsapp', HANK);
    expect((await later('the second one')).text).toMatch(/^Sorry, I didn't understand that/);
  });
});
