/**
 * npm run -s import -- FILE.json: loads one organization (format in shared/contracts/portal.md).
 * With the embedded database held by a running server, the file goes through that server.
 */
import { describeImport, readImportFile } from '../core/import/import-organization';
import { planImport } from '../core/import/plan-import';
import { writeImport, type ImportSummary } from '../core/import/write-import';
import { runCommand, runningServer, throughServer, UsageError, withDatabase } from './command';

runCommand({
  usage: 'usage: npm run -s import -- FILE.json\n\nLoads an organization\'s books from an import file (shared/contracts/portal.md).',
  options: {},
  positionals: 1,
  async run({ positionals: [file] }, config) {
    if (!file) throw new UsageError('the import file is missing');
    const { raw, dir } = readImportFile(file);
    // Checked here first, so every problem is named against the file on this machine.
    const plan = planImport(raw, dir);
    const server = runningServer(config);
    const summary = server
      ? ((await throughServer(server, '/admin/import', raw)) as { summary: ImportSummary }).summary
      : await withDatabase(config, 'npm run -s import', (database) => writeImport(database.prisma, plan));
    console.log(describeImport(summary, server ? ` through the running server (${server.url})` : ''));
  },
});
