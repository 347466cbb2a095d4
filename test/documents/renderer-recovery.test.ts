import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveBrowserPath } from '../../core/documents/browser-path';
import { createChromiumRenderer } from '../../core/documents/chromium-renderer';
import { documentLink } from '../../core/documents/document-links';
import type { PdfRenderer } from '../../core/documents/pdf-renderer';
import { AppError } from '../../core/errors';
import type { Viewer } from '../../core/portal/viewer';
import { TODAY } from '../support/fixture';
import { load, viewerOf } from '../support/load';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { documentsFixture } from './documents-fixture';
import { pdfInfo } from './pdf-text';
import { SECRET, serveFiles } from './serve-files';

const clock = () => new Date(`${TODAY}T15:00:00Z`);
const PAGE = '<!doctype html><html><head><title>t</title></head><body><p>Hello</p></body></html>';

/** Every process of the browsers this test process launched (each its own process group). */
function browserProcesses(): Array<{ pid: number; group: number; main: boolean }> {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,pgid=,args='], { encoding: 'utf8' }).split('\n').filter(Boolean).map((line) => {
    const [pid, ppid, pgid, ...args] = line.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), group: Number(pgid), args: args.join(' ') };
  });
  const groups = new Set(rows.filter((r) => r.ppid === process.pid && /chrom/.test(r.args)).map((r) => r.pid));
  return rows.filter((r) => groups.has(r.group) && /chrom/.test(r.args))
    // The browser itself: not a helper (--type=…), not Debian's /bin/sh wrapper around it.
    .map((r) => ({ pid: r.pid, group: r.group, main: !r.args.includes('--type=') && !r.args.startsWith('/bin/sh') }));
}

function mainBrowser(): { pid: number; group: number } {
  const found = browserProcesses().filter((p) => p.main);
  expect(found).toHaveLength(1);
  return found[0];
}

/** Processes of a browser group that outlived it; the renderer must leave none. */
async function leftOf(group: number): Promise<number[]> {
  for (let i = 0; i < 50; i++) {
    const left = execFileSync('ps', ['-eo', 'pid=,pgid='], { encoding: 'utf8' }).split('\n').filter((l) => Number(l.trim().split(/\s+/)[1]) === group);
    if (left.length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [group];
}

function expectClearFailure(err: unknown) {
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('unavailable');
}

describe('a browser that dies', () => {
  let db: TestDatabase;
  let renderer: PdfRenderer;
  let server: Awaited<ReturnType<typeof serveFiles>>;
  let c3: Viewer;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    await load(db.prisma, documentsFixture());
    c3 = await viewerOf(db.prisma, 'c3');
    // The usual time limit: a browser started afresh on a busy machine is slow, not hung.
    renderer = createChromiumRenderer({});
    server = await serveFiles({ db: db.prisma, renderer, clock });
  });
  afterAll(async () => {
    await server.close();
    await renderer.close();
    await db.close();
  });

  const statementLink = (month: number) => {
    const from = `2026-${String(month).padStart(2, '0')}-01`;
    return documentLink({ secret: SECRET, baseUrl: server.url, clock,
      payload: { doc: { kind: 'statement', from, to: '2026-12-31' }, orgId: c3.orgId, customerId: c3.customerId, contactId: c3.contactId } }).url;
  };

  test('killed during a burst of renders: each request gets its PDF after the restart or a clear 503, and the server keeps serving', async () => {
    await fetch(statementLink(1)); // the browser is up
    const browser = mainBrowser();
    const burst = Array.from({ length: 16 }, (_, i) => fetch(statementLink((i % 12) + 1)).then(async (res) => ({ status: res.status, body: Buffer.from(await res.arrayBuffer()) })));
    await new Promise((resolve) => setTimeout(resolve, 60));
    process.kill(browser.pid, 'SIGKILL');
    const results = await Promise.all(burst);
    for (const r of results) {
      if (r.status === 200) expect(pdfInfo(r.body).pages).toBeGreaterThan(0);
      else expect([r.status, r.body.toString()]).toEqual([503, expect.stringContaining('PDF')]);
    }
    // A retry on a fresh browser is the rule, an error the exception.
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(14);
    expect(await leftOf(browser.group)).toEqual([]);
    expect(mainBrowser().pid).not.toBe(browser.pid);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const after = await fetch(statementLink(11));
    expect(after.status).toBe(200);
    expect(after.headers.get('content-type')).toBe('application/pdf');
  }, 60_000);
});

describe('a browser that hangs', () => {
  const renderer = createChromiumRenderer({ timeoutMs: 3000 });
  afterAll(() => renderer.close());

  test('is killed after the timeout and the render completes on a fresh one', async () => {
    await renderer.render(PAGE);
    const browser = mainBrowser();
    process.kill(browser.pid, 'SIGSTOP');
    const started = Date.now();
    const pdf = await renderer.render(PAGE);
    expect(pdfInfo(pdf).title).toBe('t');
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    expect(await leftOf(browser.group)).toEqual([]);
  }, 60_000);
});

test('a browser slow to start is waited for, not taken for hung', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slow-browser-'));
  const slowStart = path.join(dir, 'slow-headless-shell');
  fs.writeFileSync(slowStart, `#!/bin/sh\nsleep 5\nexec ${resolveBrowserPath(undefined)} "$@"\n`, { mode: 0o755 });
  // Longer than two attempts at a render: only a launch that is waited for gets there.
  const slow = createChromiumRenderer({ executablePath: slowStart, timeoutMs: 2000 });
  try {
    expect(pdfInfo(await slow.render(PAGE)).title).toBe('t');
  } finally {
    await slow.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);

describe('the render queue', () => {
  test('is bounded: past the limit a render is refused at once with a clear error', async () => {
    const small = createChromiumRenderer({ pages: 1, queueLimit: 2 });
    try {
      const accepted = [small.render(PAGE), small.render(PAGE), small.render(PAGE)];
      await expect(small.render(PAGE)).rejects.toThrow('PDF queue full');
      for (const pdf of await Promise.all(accepted)) expect(pdfInfo(pdf).pages).toBe(1);
    } finally {
      await small.close();
    }
    await small.render(PAGE).then(() => { throw new Error('rendered after close'); }, expectClearFailure);
  }, 30_000);

  test('a browser that cannot start fails renders clearly and the next render tries again', async () => {
    const broken = createChromiumRenderer({ executablePath: '/nonexistent/chromium', timeoutMs: 2000 });
    await broken.render(PAGE).then(() => { throw new Error('rendered without a browser'); }, expectClearFailure);
    await broken.render(PAGE).then(() => { throw new Error('rendered without a browser'); }, expectClearFailure);
    await broken.close();
  });
});
