/**
 * npm run -s import -- FILE.json: loads one organization (format in shared/contracts/portal.md).
 * With the embedded database held by a running server, the file goes through that server.
 */
import { AppError } from '../core/errors';
import { describeImport, importRaw, readImportFile } from '../core/import/import-organization';
import type { ImportSummary } from '../core/import/write-import';
import { runCommand, runningServer, throughServer, UsageError, withDatabase } from './command';

runCommand({
  usage: 'usage: npm run -s import -- FILE.json\n\nLoads an organization\'s books from an import file (shared/contracts/portal.md).',
  options: {},
  positionals: 1,
  async run({ positionals: [file] }, config) {
    if (!file) throw new UsageError('the import file is missing');
    const { raw, dir } = readImportFile(file);
    const server = runningServer(config);
    if (server) {
      // The server checks the books against what it holds; the files beside the import file are this machine's to find.
      const documents = (raw as { documents?: unknown } | null)?.documents;
      const missing = (Array.isArray(documents) ? (documents as Array<{ file?: unknown; content?: unknown } | null>) : [])
        .flatMap((d, i) => (typeof d?.file === 'string' && d.content === undefined ? [`documents[${i}].file: ${d.file} was not found next to the import file`] : []));
      if (missing.length) throw new AppError('import_invalid', `The import file was refused; nothing was imported:\n  ${missing.join('\n  ')}`);
    }
    const summary = server
      ? ((await throughServer(server, '/admin/import', raw)) as { summary: ImportSummary }).summary
      : await withDatabase(config, 'npm run -s import', (database) => importRaw(database.prisma, raw, dir));
    console.log(describeImport(summary, server ? ` through the running server (${server.url})` : ''));
  },
});
