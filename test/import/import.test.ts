import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../core/errors';
import { importOrganization } from '../../core/import/import-organization';
import { fixtureFile, type FixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { useFixtureDatabase } from '../support/fixture-database';
import { DATABASE_KINDS, type TestDatabase } from '../support/test-database';

/** A snapshot of everything an import writes, to show a refused file changed nothing. */
async function snapshot(db: TestDatabase) {
  const p = db.prisma;
  return {
    orgs: await p.organization.findMany({ orderBy: { id: 'asc' } }),
    customers: await p.customer.count(),
    invoices: await p.invoice.findMany({ select: { number: true, balance: true }, orderBy: { id: 'asc' } }),
    payments: await p.payment.count(),
    applications: await p.paymentApplication.count(),
    identities: await p.channelIdentity.findMany({ select: { channel: true, address: true, contactId: true }, orderBy: { id: 'asc' } }),
  };
}

function refusal(mutate: (f: FixtureFile) => void): FixtureFile {
  const file = fixtureFile();
  file.organization.name = 'Changed name that must not land';
  mutate(file);
  return file;
}

describe.each(DATABASE_KINDS)('import on %s', (kind) => {
  const fixture = useFixtureDatabase(kind);

  test.each([
    ['an unknown customer key', (f: FixtureFile) => (f.invoices[3].customer = 'nobody'), 'invoices[3].customer: unknown customer key "nobody"'],
    ['an application larger than the payment', (f: FixtureFile) => (f.payments[1].applied[0].amount = '250.00'), 'payments[1].applied[0].amount: the applications are larger than the payment (200.00)'],
    ['an application larger than the invoice balance', (f: FixtureFile) => {
      f.payments[1].amount = '900.00';
      f.payments[1].applied[0].amount = '600.00';
    }, 'payments[1].applied[0].amount: 600.00 is larger than the balance 500.00 left on INV-000002'],
    ['a negative amount', (f: FixtureFile) => (f.creditNotes[1].total = '-80.00'), 'creditNotes[1].total: -80.00 is a negative amount'],
    ['a date that does not exist', (f: FixtureFile) => (f.invoices[2].date = '2026-02-30'), 'invoices[2].date: "2026-02-30" is not a date'],
    ['a duplicate invoice number', (f: FixtureFile) => (f.invoices[4].number = 'INV-000002'), 'invoices[4].number: invoice INV-000002 is a duplicate (also at invoices[1].number)'],
    ['a retainer application larger than what was paid on the retainer', (f: FixtureFile) => (f.retainerApplications[0].amount = '700.00'),
      'retainerApplications[0].amount: 700.00 is more than the 600.00 paid on RET-00001 and not yet applied'],
    ['an amount with too many decimals', (f: FixtureFile) => (f.payments[0].amount = '10.001'), 'payments[0].amount: "10.001" is not an amount'],
    ['a missing field', (f: FixtureFile) => delete (f.invoices[0] as Partial<FixtureFile['invoices'][0]>).total, 'invoices[0].total'],
  ])('refuses %s, naming the place, and changes nothing', async (_name, mutate, message) => {
    const before = await snapshot(fixture.db);
    const file = refusal(mutate as (f: FixtureFile) => void);
    const error = await load(fixture.db.prisma, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(message);
    expect(await snapshot(fixture.db)).toEqual(before);
  });

  test('a second import of the same organization updates it, identities kept on their contacts', async () => {
    const file = fixtureFile();
    file.organization.name = 'Acme Supplies (renamed)';
    const summary = await load(fixture.db.prisma, file);
    expect(summary.created).toBe(false);
    expect(await fixture.db.prisma.organization.findMany({ select: { name: true } })).toEqual([{ name: 'Acme Supplies (renamed)' }]);
    const slack = await fixture.db.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_address: { channel: 'slack', address: 'T0001:U0001' } }, include: { contact: true } });
    expect(slack.contact?.name).toBe('Hank Scorpio');
    expect(await fixture.db.prisma.channelIdentity.count({ where: { contactId: { not: null } } })).toBe(5);
  });

  test('a phone already linked in another organization is refused', async () => {
    const file = fixtureFile();
    file.organization.key = 'other-org';
    const error = await load(fixture.db.prisma, file).catch((e: unknown) => e);
    expect((error as AppError).message).toContain('customers[0].contacts[0].phone: sms +15555550101 is linked to a contact of organization acme');
    expect(await fixture.db.prisma.organization.count()).toBe(1);
  });

  test('shared documents are read from beside the file; a missing file is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'));
    const file = fixtureFile();
    file.documents = [{ customer: 'c1', title: 'Price list', file: 'list.pdf' }];
    fs.writeFileSync(path.join(dir, 'org.json'), JSON.stringify(file));
    await expect(importOrganization(fixture.db.prisma, path.join(dir, 'org.json'))).rejects.toThrow('documents[0].file: list.pdf was not found');
    fs.copyFileSync(path.resolve(__dirname, '../fixtures/price-list.pdf'), path.join(dir, 'list.pdf'));
    await importOrganization(fixture.db.prisma, path.join(dir, 'org.json'));
    const doc = await fixture.db.prisma.sharedDocument.findFirstOrThrow();
    expect(doc).toMatchObject({ title: 'Price list', contentType: 'application/pdf', sharedBy: 'merchant' });
    expect(Buffer.from(doc.content).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('a file that is not JSON is refused with its name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ "organization": ');
    await expect(importOrganization(fixture.db.prisma, path.join(dir, 'bad.json'))).rejects.toThrow(/bad\.json: not valid JSON/);
  });
});
