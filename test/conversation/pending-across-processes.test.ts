import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../core/db/open-database';
import { conversationDeps, customer } from '../support/conversation';
import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { openTestDatabase } from '../support/test-database';

test('a follow-up answer, and "more" after a list, still work after a restart of the embedded database', async () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pending-')), 'pglite');
  const first = await openDatabase({ dataDir });
  await load(first.prisma, fixtureFile());
  expect((await customer(conversationDeps(first.prisma), 'whatsapp', '+15555550101')('show invoice 2')).text).toBe('Did you mean INV-000002 or RET-00002?');
  await first.close();

  const second = await openDatabase({ dataDir });
  try {
    const again = customer(conversationDeps(second.prisma), 'whatsapp', '+15555550101');
    expect((await again('the first one')).text).toMatch(/^Invoice INV-000002 for \$500\.00/);
    expect((await again('my invoices')).text).toBe('Your invoices (9):');
  } finally {
    await second.close();
  }
  // The list goes on after the next restart too.
  const third = await openDatabase({ dataDir });
  try {
    expect((await customer(conversationDeps(third.prisma), 'whatsapp', '+15555550101')('more')).text).toBe('Your invoices, 9–9 of 9:');
  } finally {
    await third.close();
  }
}, 60_000);

// Several processes share PostgreSQL only; the embedded database is one process.
if (process.env.TEST_DATABASE_URL) test('a question asked by one server process is answered on another (PostgreSQL)', async () => {
  const db = await openTestDatabase('postgres');
  const other = await openDatabase({ url: db.url });
  try {
    await load(db.prisma, fixtureFile());
    const onA = customer(conversationDeps(db.prisma), 'whatsapp', '+15555550101');
    const onB = customer(conversationDeps(other.prisma), 'whatsapp', '+15555550101');
    expect((await onA('pay $50 on invoice 3')).text).toBe('INV-000003 can only be paid in full ($300.00). Pay $300.00 instead?');
    expect((await onB('yes')).text).toMatch(/^Here is your payment link for \$300\.00 on INV-000003\./);
    // A list shown by one process goes on in the other.
    expect((await onA('my invoices')).text).toBe('Your invoices (9):');
    expect((await onB('more')).text).toBe('Your invoices, 9–9 of 9:');
  } finally {
    await other.close();
    await db.close();
  }
}, 60_000);
