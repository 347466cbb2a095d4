import type { Channel } from '../channels';
import type { Db } from '../db/open-database';
import { batched, perDatabase, sqlOf, type Statement } from '../db/sql';
import type { Viewer } from '../portal/viewer';

export interface IdentityRow {
  id: number;
  channel: Channel;
  address: string;
  /** The linked contact's view of the portal; null while the identity is not linked. */
  viewer: Viewer | null;
  pending: { question: unknown; expiresAt: Date } | null;
}

type Row = {
  id: number; question: unknown; expiresAt: Date | null;
  contactId: number | null; contactName: string | null; customerId: number | null; customerKey: string | null; customerName: string | null;
  currency: string | null; achEnabled: boolean | null; timezone: string | null;
  orgId: number | null; orgName: string | null; locale: string | null; salesOrdersEnabled: boolean | null;
};

const READ: Statement = {
  name: 'find_identities',
  text: `
    SELECT m.channel || ':' || m.address AS "key", i.id, q.question, q."expiresAt",
           k.id AS "contactId", k.name AS "contactName", c.id AS "customerId", c.key AS "customerKey", c.name AS "customerName",
           c.currency, c."achEnabled", c.timezone, o.id AS "orgId", o.name AS "orgName", o.locale, o."salesOrdersEnabled"
    FROM unnest($1::text[], $2::text[]) AS m(channel, address)
    JOIN "ChannelIdentity" i ON i.channel = m.channel::"Channel" AND i.address = m.address
    LEFT JOIN "PendingQuestion" q ON q."identityId" = i.id
    LEFT JOIN "Contact" k ON k.id = i."contactId"
    LEFT JOIN "Customer" c ON c.id = k."customerId"
    LEFT JOIN "Organization" o ON o.id = c."orgId"`,
};

/** Identities asked for together, read in one statement (see `batched`). */
const readIdentity = perDatabase((db) => batched(async (wanted: Array<{ channel: Channel; address: string }>) => {
  const rows = await sqlOf(db).query<Row & { key: string }>(READ, [wanted.map((w) => w.channel), wanted.map((w) => w.address)]);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return wanted.map((w) => byKey.get(`${w.channel}:${w.address}`));
}));

/**
 * Every message starts here, so it is one query: the identity, its contact, customer and
 * organization, and the question waiting on it. A new address is recorded unlinked.
 */
export async function findIdentity(db: Db, channel: Channel, address: string): Promise<IdentityRow> {
  const read = () => readIdentity(db)({ channel, address });
  let row = await read();
  if (!row) {
    await db.channelIdentity.createMany({ data: [{ channel, address }], skipDuplicates: true });
    row = (await read())!;
  }
  const viewer: Viewer | null = row.contactId === null ? null : {
    orgId: row.orgId!, orgName: row.orgName!, customerId: row.customerId!, customerKey: row.customerKey!, customerName: row.customerName!,
    contactId: row.contactId, contactName: row.contactName!, currency: row.currency!, achEnabled: row.achEnabled!,
    locale: row.locale!, timezone: row.timezone!, salesOrdersEnabled: row.salesOrdersEnabled!,
  };
  return {
    id: row.id, channel, address, viewer,
    pending: row.expiresAt ? { question: row.question, expiresAt: row.expiresAt } : null,
  };
}
