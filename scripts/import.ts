/** npm run -s import -- FILE.json: loads one organization (format in shared/contracts/portal.md). */
import path from 'node:path';
import { loadConfig } from '../core/config';
import { openDatabase } from '../core/db/open-database';
import { AppError } from '../core/errors';
import { importOrganization } from '../core/import/import-organization';

async function main() {
  const file = process.argv[2];
  if (!file) throw new AppError('bad_request', 'usage: npm run -s import -- FILE.json');
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.DATA_DIR, 'pglite') });
  try {
    const summary = await importOrganization(database.prisma, file);
    const counts = Object.entries(summary.counts).map(([k, v]) => `${v} ${k}`).join(', ');
    console.log(`${summary.replaced ? 'Replaced' : 'Imported'} organization "${summary.organization}": ${counts}.`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof AppError ? err.message : err);
  process.exit(1);
});
