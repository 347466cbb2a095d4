import type { PGlite } from '@electric-sql/pglite';
import { types as pgTypes, type Pool } from 'pg';
import type { Db } from './db';

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
  /** This process's instance number (see instance.ts): what it takes, it marks with this. */
  instance: number;
}

/** Column types read as Prisma's raw queries read them: int8 as bigint, timestamps as UTC. */
const INT8 = 20;
const TIMESTAMP = 1114;
const readInt8 = (text: string) => BigInt(text);
const readTimestamp = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);

export function poolRunner(pool: Pool, instance: number): SqlRunner {
  const types = {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === INT8) return readInt8;
      if (oid === TIMESTAMP) return readTimestamp;
      return pgTypes.getTypeParser(oid, format as 'text');
    }) as typeof pgTypes.getTypeParser,
  };
  return {
    instance,
    async query<T>({ name, text }: Statement, params: unknown[]) {
      const result = await pool.query({ name, text, values: params, types });
      return result.rows as T[];
    },
  };
}

export function pgliteRunner(pglite: PGlite, instance: number): SqlRunner {
  // PGlite reads timestamps as UTC already; it reads int8 as a number, which loses cents past 2^53.
  const parsers = { [INT8]: readInt8 };
  return {
    instance,
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

/**
 * Calls to one statement, gathered while the statement is busy and run as one: under load,
 * many messages share a round trip (and a commit) instead of each paying for its own; alone,
 * a call waits only for the rest of the current turn of the event loop. `run` answers the
 * inputs in their order. If a batch fails, each call is tried alone, so one bad input fails
 * only its own message.
 */
export function batched<I, O>(run: (inputs: I[]) => Promise<O[]>, { max = 64, inFlight = 2 } = {}): (input: I) => Promise<O> {
  type Call = { input: I; resolve(out: O): void; reject(err: unknown): void };
  let queue: Call[] = [];
  let running = 0;
  let scheduled = false;

  const settle = async (batch: Call[]) => {
    try {
      const outs = await run(batch.map((call) => call.input));
      batch.forEach((call, i) => call.resolve(outs[i]));
    } catch (err) {
      if (batch.length === 1) batch[0].reject(err);
      else await Promise.all(batch.map((call) => settle([call])));
    }
  };
  const flush = () => {
    scheduled = false;
    while (queue.length && running < inFlight) {
      const batch = queue.splice(0, max);
      running++;
      void settle(batch).finally(() => {
        running--;
        flush();
      });
    }
  };
  return (input) => new Promise<O>((resolve, reject) => {
    queue.push({ input, resolve, reject });
    if (!scheduled && running < inFlight) {
      scheduled = true;
      setImmediate(flush);
    }
  });
}

/** One instance of `make` per database client (batches never mix two databases). */
export function perDatabase<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let it = made.get(db);
    if (!it) made.set(db, (it = make(db)));
    return it;
  };
}
