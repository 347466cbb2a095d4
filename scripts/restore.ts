/** npm run -s restore -- FILE: brings back the embedded database a backup holds. */
import { restoreEmbedded } from '../core/db/embedded-backup';
import { AppError } from '../core/errors';
import { embeddedDir } from '../core/start-portal';
import { runCommand, UsageError } from './command';

runCommand({
  usage: 'usage: npm run -s restore -- FILE\n\nReplaces the embedded database (DATA_DIR/pglite) with the backup in FILE (from npm run -s backup).\nWhat it held is moved aside, not deleted. Stop the server first.',
  options: {},
  positionals: 1,
  async run({ positionals: [file] }, config) {
    if (!file) throw new UsageError('the backup file is missing');
    if (config.DATABASE_URL) throw new AppError('bad_request', 'DATABASE_URL is set: restore PostgreSQL with pg_restore or psql; this command restores the embedded database.');
    const { movedAside } = await restoreEmbedded(embeddedDir(config), file);
    console.log(`Restored ${embeddedDir(config)} from ${file}.${movedAside ? ` What it held before is in ${movedAside}.` : ''}`);
  },
});
