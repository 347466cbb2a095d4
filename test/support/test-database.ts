import crypto from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../core/db/open-database';

/** Database tests run on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const DATABASE_KINDS: Array<'pglite' | 'postgres'> = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  /** Empties every table, keeping the migrated schema. */
  reset(): Promise<void>;
  url?: string;
}

/**
 * A database of its own for one test file: PGlite in memory, or a fresh PostgreSQL
 * database created beside TEST_DATABASE_URL's and dropped at close.
 */
export async function openTestDatabase(kind: 'pglite' | 'postgres'): Promise<TestDatabase> {
  let url: string | undefined;
  let dropDatabase = async () => {};
  if (kind === 'postgres') {
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `portal_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
    await withClient(admin, (c) => c.query(`CREATE DATABASE ${name}`));
    const parsed = new URL(admin);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    dropDatabase = () => withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
  const database = await openDatabase({ url });
  const tables = await database.prisma.$queryRaw<Array<{ tablename: string }>>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  const truncate = `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`;
  return {
    ...database,
    url,
    async reset() {
      await database.prisma.$executeRawUnsafe(truncate);
    },
    async close() {
      await database.close();
      await dropDatabase();
    },
  };
}

async function withClient(url: string, run: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
