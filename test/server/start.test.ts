import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** Starts `npm start`'s entry point on a free port with its own data folder; resolves with its address. */
function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(TSX, ['bots/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /portal listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1].replace('[::]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1'), output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

test('a fresh start migrates, loads the demo organization and answers /healthz', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-data-'));
  const { child, url, output } = await start({ DATA_DIR: dataDir });
  try {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(output()).toContain('demo organization \\"acme\\" loaded');
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
  } finally {
    expect(await stop(child)).toBe(0);
  }
  // A restart keeps the data and does not load the demo twice.
  const again = await start({ DATA_DIR: dataDir });
  try {
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    expect(again.output()).not.toContain('demo organization');
  } finally {
    await stop(again.child);
  }
}, 60_000);

test('a wrong setting stops the start with a message naming the variable', () => {
  const result = spawnSync(TSX, ['bots/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: 'abc' }, encoding: 'utf8' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('PORT:');
});

test('npm run -s import refuses a bad file with the place named and a non-zero exit', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-data-'));
  const bad = path.join(dataDir, 'bad.json');
  const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'prisma/demo/demo.json'), 'utf8'));
  demo.invoices[3].date = '2026-02-30';
  fs.writeFileSync(bad, JSON.stringify(demo));
  const result = spawnSync(TSX, ['scripts/import.ts', bad], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('invoices[3].date: "2026-02-30" is not a date');
}, 60_000);
