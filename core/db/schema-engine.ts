import fs from 'node:fs';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as Bg from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * Prisma's schema engine as WebAssembly: `prisma migrate` needs a native engine that cannot be
 * downloaded here, so migrations are generated and applied through the same engine in wasm,
 * over the same driver adapter the app queries with. The folder format stays Prisma's own.
 */
export const PRISMA_DIR = path.resolve(__dirname, '../../prisma');
const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
const NO_FILTERS = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<typeof Bg> | undefined;

/** The package is ESM only: loaded with a dynamic import (kept as such by the build). */
function loadWasm(): Promise<typeof Bg> {
  wasmReady ??= (async () => {
    const bg: typeof Bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
    const bytes = fs.readFileSync(path.join(dir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports });
    (bg as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })();
  return wasmReady;
}

function readSchema(): string {
  return fs.readFileSync(path.join(PRISMA_DIR, 'schema.prisma'), 'utf8');
}

function readMigrations() {
  const dirs = fs.existsSync(MIGRATIONS_DIR)
    ? fs.readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((dir) => ({
      path: dir,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: fs.readFileSync(path.join(MIGRATIONS_DIR, dir, 'migration.sql'), 'utf8') } },
    })),
  };
}

async function withEngine<T>(factory: SqlMigrationAwareDriverAdapterFactory, run: (engine: Bg.SchemaEngine) => Promise<T>): Promise<T> {
  const bg = await loadWasm();
  // The engine opens connections through the factory but never closes them: track and dispose.
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(opened, await factory.connect()),
    connectToShadowDb: async () => track(opened, await factory.connectToShadowDb()),
  };
  const engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', readSchema()]] } as never, () => {}, bindMigrationAwareSqlAdapterFactory(tracked));
  try {
    return await run(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((a) => a.dispose()));
  }
}

function track(list: SqlDriverAdapter[], adapter: SqlDriverAdapter): SqlDriverAdapter {
  list.push(adapter);
  return adapter;
}

/** Applies pending migrations, recorded in `_prisma_migrations` as `prisma migrate deploy` does. */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  return withEngine(factory, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: readMigrations(), filters: NO_FILTERS } as never);
    return (result as { appliedMigrationNames: string[] }).appliedMigrationNames;
  });
}

/** The SQL that would take the migrations folder to schema.prisma; empty when they agree. */
export async function diffSchemaFromMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  return withEngine(factory, async (engine) => {
    const from = readMigrations().migrationDirectories.length ? { tag: 'migrations', ...readMigrations() } : { tag: 'empty' };
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: readSchema() }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    } as never);
    return (result as { stdout: string | null }).stdout ?? '';
  });
}
