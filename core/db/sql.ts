import type { PGlite } from '@electric-sql/pglite';
import { types as pgTypes, type Pool } from 'pg';
import type { Db } from './open-database';

/**
 * A statement of the message hot path, sent to the driver without Prisma. The name lets
 * PostgreSQL keep it prepared per connection (parsed and planned once, not per message).
 */
export interface Statement {
  name: string;
  text: string;
}

export interface SqlRunner {
  query<T>(statement: Statement, params: unknown[]): Promise<T[]>;
}

/** Column types read as Prisma's raw queries read them: int8 as bigint, timestamps as UTC. */
const INT8 = 20;
const TIMESTAMP = 1114;
const readInt8 = (text: string) => BigInt(text);
const readTimestamp = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);

export function poolRunner(pool: Pool): SqlRunner {
  const types = {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === INT8) return readInt8;
      if (oid === TIMESTAMP) return readTimestamp;
      return pgTypes.getTypeParser(oid, format as 'text');
    }) as typeof pgTypes.getTypeParser,
  };
  return {
    async query<T>({ name, text }: Statement, params: unknown[]) {
      const result = await pool.query({ name, text, values: params, types });
      return result.rows as T[];
    },
  };
}

export function pgliteRunner(pglite: PGlite): SqlRunner {
  // PGlite reads timestamps as UTC already; it reads int8 as a number, which loses cents past 2^53.
  const parsers = { [INT8]: readInt8 };
  return {
    async query<T>({ text }: Statement, params: unknown[]) {
      const result = await pglite.query<T>(text, params, { parsers });
      return result.rows;
    },
  };
}

const runners = new WeakMap<Db, SqlRunner>();

/** openDatabase registers the driver under its client, so core code keeps taking one `db`. */
export function registerSql(db: Db, runner: SqlRunner): void {
  runners.set(db, runner);
}

export function sqlOf(db: Db): SqlRunner {
  const runner = runners.get(db);
  if (!runner) throw new Error('this database client was not opened with openDatabase');
  return runner;
}
