/**
 * The shape of the code, read from its imports: doors never hold the database, only config.ts
 * reads the environment, no module imports itself back through others, and layers point down.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** From the top down: a file may import its own layer and the layers below it, never one above. */
const LAYERS: Array<[string, string[]]> = [
  ['entry points', ['bots/main.ts', 'bots/app.ts', 'scripts/']],
  ['doors', ['bots/']],
  ['the core facade', ['core/facade/', 'core/start-portal.ts']],
  ['the dialogue', ['core/conversation/']],
  ['features', ['core/payments/', 'core/identity/', 'core/import/', 'core/reminders/', 'core/desk/']],
  ['services', ['core/documents/', 'core/merchant/', 'core/inbound/', 'core/outbound/']],
  ['replies', ['core/replies/']],
  ['portal rules', ['core/portal/']],
  ['the outbox and the job runner', ['core/events/', 'core/jobs/']],
  ['storage and value checks', ['core/db/', 'core/values.ts', 'core/app-secret.ts']],
  ['foundations', ['core/config.ts', 'core/errors.ts', 'core/money.ts', 'core/dates.ts', 'core/clock.ts', 'core/channels.ts']],
];

interface Source {
  file: string;
  text: string;
  /** Each import: what it names as written, and the project file it resolves to (if one). */
  imports: Array<{ spec: string; target: string | null }>;
}

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : walk(rel);
    return rel.endsWith('.ts') ? [rel] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return [`${base}.ts`, `${base}/index.ts`].find((candidate) => fs.existsSync(path.join(ROOT, candidate))) ?? null;
}

const SPECIFIER = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

const sources: Source[] = ['core', 'bots', 'scripts'].flatMap(walk).map((file) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const imports = [...text.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3]).map((spec) => ({ spec, target: resolve(file, spec) }));
  return { file, text, imports };
});

function layerOf(file: string): number {
  const index = LAYERS.findIndex(([, prefixes]) => prefixes.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)));
  if (index < 0) throw new Error(`${file} belongs to no layer: add it to LAYERS`);
  return index;
}

test('the files read are the whole tree, and each belongs to a layer', () => {
  expect(sources.length).toBeGreaterThan(150);
  for (const { file } of sources) expect(() => layerOf(file)).not.toThrow();
});

test('no file under bots/ imports Prisma, core/db or the generated client', () => {
  const reaching = sources.filter((s) => s.file.startsWith('bots/')).flatMap((s) => s.imports
    .filter((i) => /^@prisma\/|(^|\/)generated(\/|$)/.test(i.spec) || i.target?.startsWith('core/db/'))
    .map((i) => `${s.file} → ${i.spec}`));
  expect(reaching).toEqual([]);
});

test('only core/config.ts reads the environment', () => {
  const readers = sources.filter((s) => s.file !== 'core/config.ts' && /process\.env\b/.test(s.text)).map((s) => s.file);
  expect(readers).toEqual([]);
});

test('no arrow runs up a layer', () => {
  const upward = sources.flatMap((s) => s.imports
    .filter((i) => i.target && layerOf(i.target) < layerOf(s.file))
    .map((i) => `${s.file} (${LAYERS[layerOf(s.file)][0]}) → ${i.target} (${LAYERS[layerOf(i.target!)][0]})`));
  expect(upward).toEqual([]);
});

test('no import cycle, types included', () => {
  const graph = new Map(sources.map((s) => [s.file, s.imports.flatMap((i) => (i.target ? [i.target] : []))]));
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  expect(cycles).toEqual([]);
});
