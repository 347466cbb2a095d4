/**
 * npm run -s merchant-key -- --org KEY [--label TEXT] | --revoke PREFIX
 * A merchant key for one organization, printed once with its webhook signing secret as one
 * JSON line; or the end of a key, named by its prefix (the part after "mk_").
 */
import { createMerchantKey, revokeMerchantKey } from '../core/merchant/merchant-keys';
import { runCommand, runningServer, UsageError, withDatabase } from './command';
import { inUse } from '../core/db/embedded-owner';
import { embeddedDir } from '../core/start-portal';
import { AppError } from '../core/errors';

runCommand({
  usage: [
    'usage: npm run -s merchant-key -- --org KEY [--label TEXT]',
    '       npm run -s merchant-key -- --revoke PREFIX',
    '',
    'Makes a key for the /admin/* API of one organization and prints it once, with the',
    'organization\'s webhook signing secret: {"key": "…", "webhookSecret": "…"}.',
    '--revoke ends the key whose prefix is given (mk_<prefix>_…).',
  ].join('\n'),
  options: { org: { type: 'string' }, label: { type: 'string' }, revoke: { type: 'string' } },
  async run({ values }, config) {
    if (values.revoke !== undefined ? values.org !== undefined || values.label !== undefined : values.org === undefined) {
      throw new UsageError('give --org KEY (and --label TEXT), or --revoke PREFIX');
    }
    const server = runningServer(config);
    if (server) throw new AppError('unavailable', `${inUse(embeddedDir(config), server)} Keys are made while the server is stopped.`);
    await withDatabase(config, 'npm run -s merchant-key', async ({ prisma }) => {
      if (values.revoke !== undefined) {
        if (!(await revokeMerchantKey(prisma, values.revoke))) throw new AppError('not_found', `no live key has the prefix "${values.revoke}"`);
        console.error(`Key mk_${values.revoke.replace(/^mk_/, '').replace(/_.*$/, '')}_… revoked: it is refused from now on.`);
        return;
      }
      const { key, webhookSecret } = await createMerchantKey(prisma, { org: values.org!, label: values.label });
      console.log(JSON.stringify({ key, webhookSecret }));
    });
  },
});
