/**
 * npm run -s export -- --org KEY --since YYYY-MM-DD
 * The payments the portal recorded for one organization since that day, as an import-format
 * `payments` array on stdout, for books that pull: load them, and a later import that lists
 * them back (with `portalPayment`) counts each once.
 */
import { isValidDay } from '../core/dates';
import { inUse } from '../core/db/embedded-owner';
import { AppError } from '../core/errors';
import { portalPaymentsSince } from '../core/events/payment-for-books';
import { embeddedDir } from '../core/start-portal';
import { runCommand, runningServer, UsageError, withDatabase } from './command';

runCommand({
  usage: [
    'usage: npm run -s export -- --org KEY --since YYYY-MM-DD',
    '',
    'Prints the payments the portal recorded (online and through POST /admin/payments) for one',
    'organization on or after that day, as the import format\'s "payments" array (portal.md).',
  ].join('\n'),
  options: { org: { type: 'string' }, since: { type: 'string' } },
  async run({ values }, config) {
    if (!values.org) throw new UsageError('--org KEY is missing');
    if (!values.since || !isValidDay(values.since)) throw new UsageError('--since needs a day as YYYY-MM-DD');
    const server = runningServer(config);
    if (server) throw new AppError('unavailable', `${inUse(embeddedDir(config), server)} Export while the server is stopped, or use PostgreSQL (DATABASE_URL) to export beside it.`);
    const payments = await withDatabase(config, 'npm run -s export', async ({ prisma }) => {
      const org = await prisma.organization.findUnique({ where: { key: values.org }, select: { id: true } });
      if (!org) throw new AppError('not_found', `no organization "${values.org}"`);
      return portalPaymentsSince(prisma, org.id, values.since!);
    });
    console.log(JSON.stringify(payments, null, 2));
  },
});
