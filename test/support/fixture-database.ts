import { fixtureFile } from './fixture';
import { load } from './load';
import { openTestDatabase, type TestDatabase } from './test-database';

/**
 * A database of the test file's own, holding the fixture organization afresh for each test:
 * registers the hooks and hands back the open database.
 */
export function useFixtureDatabase(kind: 'pglite' | 'postgres'): { readonly db: TestDatabase } {
  const fixture = {} as { db: TestDatabase };
  beforeAll(async () => {
    fixture.db = await openTestDatabase(kind);
  });
  beforeEach(async () => {
    await fixture.db.reset();
    await load(fixture.db.prisma, fixtureFile());
  });
  afterAll(() => fixture.db.close());
  return fixture;
}
