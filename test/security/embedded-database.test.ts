/**
 * The embedded database has one owner. A command run beside the server that holds it goes
 * through that server (import) or is refused in words (everything else); a killed server's
 * claim does not outlive it; a damaged folder is reported with the way out, and a backup
 * brings it back.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer, TS_NODE } from '../support/server-process';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-owner-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };

function command(script: string, ...args: string[]) {
  const result = spawnSync(TS_NODE[0], [...TS_NODE.slice(1), `scripts/${script}.ts`, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

async function contactsOf(url: string): Promise<string[]> {
  const { contacts } = await (await fetch(`${url}/web/contacts`)).json();
  return contacts.map((c: { name: string }) => c.name);
}

test('beside a running server, an import goes through it; other commands are refused in words; the data is whole afterwards', async () => {
  const server = await startServer({ DATA_DIR: dataDir });
  try {
    const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'prisma/demo/demo.json'), 'utf8'));
    demo.customers[0].contacts[0].name = 'Renamed By Import';
    const file = path.join(dataDir, 'books.json');
    fs.writeFileSync(file, JSON.stringify(demo));
    fs.copyFileSync(path.join(ROOT, 'prisma/demo', demo.documents[0].file), path.join(dataDir, demo.documents[0].file));
    fs.copyFileSync(path.join(ROOT, 'prisma/demo', demo.documents[1].file), path.join(dataDir, demo.documents[1].file));
    const imported = command('import', file);
    expect(imported.err).toBe('');
    expect(imported.out).toMatch(/^Updated organization "acme" through the running server \(http:\/\/127\.0\.0\.1:\d+\): 5 customers/);
    expect(await contactsOf(server.url)).toContain('Renamed By Import');

    for (const [script, ...args] of [['merchant-key', '--org', 'acme'], ['backup', path.join(dataDir, 'copy.tgz')], ['restore', path.join(dataDir, 'copy.tgz')]]) {
      const refused = command(script, ...args);
      expect(refused.status).toBe(1);
      expect(refused.err).toContain(`is open in the portal server (pid ${server.child.pid} at http://127.0.0.1:`);
      expect(refused.err).toContain('Stop that process first, then run this again.');
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  } finally {
    expect(await server.stop()).toBe(0);
  }
  const again = await startServer({ DATA_DIR: dataDir });
  try {
    expect(await contactsOf(again.url)).toContain('Renamed By Import');
  } finally {
    await again.kill();
  }
}, 120_000);

test('a killed server leaves no claim behind; a damaged folder is named with the way out, and a backup brings it back', async () => {
  // The server above was killed: its claim is stale, and the commands run.
  const backup = path.join(dataDir, 'before.tgz');
  const saved = command('backup', backup);
  expect(saved.status).toBe(0);
  expect(saved.out).toContain(`Bring it back with: npm run -s restore -- ${backup}`);

  fs.writeFileSync(path.join(dataDir, 'pglite/global/pg_control'), Buffer.alloc(8192, 7));
  const damaged = spawnSync(process.execPath, ['--import', 'tsx', 'bots/main.ts'], { cwd: ROOT, env: { ...env, PORT: '0' }, encoding: 'utf8', timeout: 60_000 });
  expect(damaged.status).toBe(1);
  expect(damaged.stderr).toContain(`The embedded database in ${path.join(dataDir, 'pglite')} could not be opened`);
  expect(damaged.stderr).toContain('restore a backup (npm run -s restore -- FILE)');
  expect(damaged.stderr).not.toMatch(/RuntimeError|Aborted\(\)|wasm-function/);

  const restored = command('restore', backup);
  expect(restored.status).toBe(0);
  expect(restored.out).toMatch(/What it held before is in .*pglite\.before-restore-\d{14}\./);
  const server = await startServer({ DATA_DIR: dataDir });
  try {
    expect(await contactsOf(server.url)).toContain('Renamed By Import');
  } finally {
    await server.stop();
  }
}, 120_000);

test('every command answers --help, and a wrong argument with its usage and a non-zero exit', () => {
  for (const script of ['import', 'merchant-key', 'backup', 'restore']) {
    const help = command(script, '--help');
    expect(help.status).toBe(0);
    expect(help.out).toMatch(/^usage: npm run -s /);
    const wrong = command(script, '--nonsense');
    expect(wrong.status).toBe(1);
    expect(wrong.err).toContain('usage: npm run -s ');
  }
}, 120_000);
