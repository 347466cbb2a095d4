import { PrismaPGlite } from 'pglite-prisma-adapter';
import { diffSchemaFromMigrations } from '../../core/db/schema-engine';
import { DATABASE_KINDS, openTestDatabase } from '../support/test-database';

test('schema.prisma and prisma/migrations agree (run `npm run db:diff -- NAME` after changing the schema)', async () => {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = new PGlite();
  try {
    const sql = await diffSchemaFromMigrations(new PrismaPGlite(pglite));
    expect(sql.replace(/^--.*$/gm, '').trim()).toBe('');
  } finally {
    await pglite.close();
  }
});

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  test('are applied once and recorded as prisma migrate deploy records them', async () => {
    const db = await openTestDatabase(kind);
    try {
      const rows = await db.prisma.$queryRaw<Array<{ migration_name: string; finished_at: Date | null }>>`
        SELECT migration_name, finished_at FROM _prisma_migrations`;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      expect(await db.prisma.organization.count()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
