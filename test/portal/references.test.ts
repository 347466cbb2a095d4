import { getInvoice } from '../../core/portal/get-invoice';
import { resolveReference } from '../../core/portal/resolve-reference';
import { getSalesOrder } from '../../core/portal/sales-orders';
import { TODAY } from '../support/fixture';
import { viewerOf } from '../support/load';
import { useFixtureDatabase } from '../support/fixture-database';
import { DATABASE_KINDS } from '../support/test-database';

describe.each(DATABASE_KINDS)('references and first views on %s', (kind) => {
  const fixture = useFixtureDatabase(kind);

  const resolve = async (customer: string, doc: 'invoice' | 'order' | 'payment', ref: string) =>
    (await resolveReference({ db: fixture.db.prisma, viewer: await viewerOf(fixture.db.prisma, customer), doc, ref })).map((m) => m.number);

  test.each(['5', 'INV-000005', 'inv-000005', 'inv-5', 'INV5', '#5', '000005'])('%s resolves to INV-000005', async (ref) => {
    expect(await resolve('c1', 'invoice', ref)).toEqual(['INV-000005']);
  });

  test.each(['42', 'INV-000042', 'inv-42', '#42'])("%s, another customer's invoice, resolves to nothing", async (ref) => {
    expect(await resolve('c1', 'invoice', ref)).toEqual([]);
    expect(await resolve('c2', 'invoice', ref)).toEqual(['INV-000042']);
  });

  test('a draft or void invoice, or a made-up number, resolves to nothing', async () => {
    expect(await resolve('c1', 'invoice', '7')).toEqual([]);
    expect(await resolve('c1', 'invoice', 'INV-000008')).toEqual([]);
    expect(await resolve('c1', 'invoice', '99')).toEqual([]);
    expect(await resolve('c1', 'invoice', "1' OR '1'='1")).toEqual([]);
  });

  test('a bare number that fits two kinds of document is ambiguous; a prefix decides', async () => {
    expect((await resolve('c1', 'invoice', '1')).sort()).toEqual(['INV-000001', 'RET-00001']);
    expect(await resolve('c1', 'invoice', 'RET-1')).toEqual(['RET-00001']);
  });

  test('orders and payments resolve the same way', async () => {
    expect(await resolve('c1', 'order', '1')).toEqual(['SO-00001']);
    expect(await resolve('c1', 'order', 'SO-00003')).toEqual([]); // draft
    expect(await resolve('c1', 'order', '12')).toEqual([]); // the neighbour's
    expect(await resolve('c1', 'payment', '3')).toEqual(['PMT-00003']);
    expect(await resolve('c1', 'payment', '17')).toEqual([]);
  });

  test('the same invoice viewed twice (or by two channels) notifies the merchant once', async () => {
    const viewer = await viewerOf(fixture.db.prisma, 'c1');
    const id = (await fixture.db.prisma.invoice.findFirstOrThrow({ where: { number: 'INV-000003' } })).id;
    await Promise.all([getInvoice({ db: fixture.db.prisma, viewer, today: TODAY, id }), getInvoice({ db: fixture.db.prisma, viewer, today: TODAY, id })]);
    await getInvoice({ db: fixture.db.prisma, viewer, today: TODAY, id });
    const notes = await fixture.db.prisma.event.findMany();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ type: 'invoice.first_viewed', customerId: viewer.customerId });
    expect(notes[0].message).toContain('INV-000003');
  });

  test('a sales order viewed twice notifies once; a different order notifies again', async () => {
    const viewer = await viewerOf(fixture.db.prisma, 'c1');
    const [a, b] = await fixture.db.prisma.salesOrder.findMany({ where: { number: { in: ['SO-00001', 'SO-00002'] } }, orderBy: { number: 'asc' } });
    await getSalesOrder({ db: fixture.db.prisma, viewer, today: TODAY, id: a.id });
    await getSalesOrder({ db: fixture.db.prisma, viewer, today: TODAY, id: a.id });
    await getSalesOrder({ db: fixture.db.prisma, viewer, today: TODAY, id: b.id });
    const notes = await fixture.db.prisma.event.findMany({ orderBy: { seq: 'asc' } });
    expect(notes.map((n) => n.type)).toEqual(['sales_order.first_viewed', 'sales_order.first_viewed']);
    expect(notes.map((n) => n.seq)).toEqual([1, 2]);
  });
});
