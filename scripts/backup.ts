/** npm run -s backup -- FILE: a copy of the embedded database, which `npm run -s restore -- FILE` brings back. */
import { backupEmbedded } from '../core/db/embedded-backup';
import { AppError } from '../core/errors';
import { embeddedDir } from '../core/start-portal';
import { runCommand, UsageError } from './command';

runCommand({
  usage: 'usage: npm run -s backup -- FILE\n\nWrites a copy of the embedded database (DATA_DIR/pglite) to FILE, a gzipped tar.\nStop the server first. With DATABASE_URL, use PostgreSQL\'s own pg_dump instead.',
  options: {},
  positionals: 1,
  async run({ positionals: [file] }, config) {
    if (!file) throw new UsageError('the backup file is missing');
    if (config.DATABASE_URL) throw new AppError('bad_request', 'DATABASE_URL is set: back up PostgreSQL with pg_dump; this command copies the embedded database.');
    const { bytes } = await backupEmbedded(embeddedDir(config), file);
    console.log(`Backed up ${embeddedDir(config)} to ${file} (${Math.ceil(bytes / 1024)} KB). Bring it back with: npm run -s restore -- ${file}`);
  },
});
