import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer, TS_NODE } from '../support/server-process';

test('a fresh start migrates, loads the demo organization and answers /healthz', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-data-'));
  const { url, output, stop } = await startServer({ DATA_DIR: dataDir });
  try {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(output()).toContain('demo organization \\"acme\\" loaded');
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
  } finally {
    expect(await stop()).toBe(0);
  }
  // A restart keeps the data and does not load the demo twice.
  const again = await startServer({ DATA_DIR: dataDir });
  try {
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    expect(again.output()).not.toContain('demo organization');
  } finally {
    await again.stop();
  }
}, 60_000);

test('npm start ends when its npm process is told to stop, as a process manager does', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-data-'));
  const npm = await startServer({ DATA_DIR: dataDir }, { command: ['npm', 'start'] });
  expect((await fetch(`${npm.url}/healthz`)).status).toBe(200);
  await npm.stop();
  await expect(fetch(`${npm.url}/healthz`)).rejects.toThrow();
}, 60_000);


test('a wrong setting stops the start with a message naming the variable', () => {
  const result = spawnSync(TS_NODE[0], [...TS_NODE.slice(1), 'bots/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: 'abc' }, encoding: 'utf8' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('PORT:');
});

test('npm run -s import refuses a bad file with the place named and a non-zero exit', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-data-'));
  const bad = path.join(dataDir, 'bad.json');
  const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'prisma/demo/demo.json'), 'utf8'));
  demo.invoices[3].date = '2026-02-30';
  fs.writeFileSync(bad, JSON.stringify(demo));
  const result = spawnSync(TS_NODE[0], [...TS_NODE.slice(1), 'scripts/import.ts', bad], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('invoices[3].date: "2026-02-30" is not a date');
}, 60_000);
