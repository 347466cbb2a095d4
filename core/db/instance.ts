import crypto from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';

/**
 * Each process that opens the database holds a session advisory lock on a number of its own
 * (PostgreSQL's two-key form: this class, then the instance). Work a process took and did not
 * finish is marked with its number; any process can tell whether that process still lives by
 * whether its lock is held (`pg_locks`), which PostgreSQL releases the moment the process's
 * connection dies — a SIGKILL included — with no timer to wait out.
 */
export const INSTANCE_LOCK_CLASS = 0x706f7274; // "port"

export interface Instance {
  id: number;
  release(): Promise<void>;
}

const LOCK = 'SELECT pg_advisory_lock($1, $2)';

function newInstanceId(): number {
  return crypto.randomInt(1, 2 ** 31 - 1);
}

/** PGlite is one session in one process: the lock lives as long as the database is open here. */
export async function holdPgliteInstance(pglite: PGlite): Promise<Instance> {
  const id = newInstanceId();
  await pglite.query(LOCK, [INSTANCE_LOCK_CLASS, id]);
  return { id, release: async () => {} };
}

/**
 * PostgreSQL: a connection of its own holds the lock for the life of the process (a pooled one
 * would hand it to whichever query came next). If that connection drops, it is opened again.
 */
export async function holdPostgresInstance(url: string, log: (err: unknown) => void = () => {}): Promise<Instance> {
  const id = newInstanceId();
  let client: Client | null = null;
  let closing = false;
  const reconnect = () => {
    if (!closing) setTimeout(() => connect().catch((err: unknown) => { log(err); reconnect(); }), 1_000).unref();
  };
  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: url, application_name: `chat-portal instance ${id}` });
    next.on('error', () => {});
    next.on('end', () => {
      if (closing || client !== next) return;
      client = null;
      reconnect();
    });
    await next.connect();
    await next.query(LOCK, [INSTANCE_LOCK_CLASS, id]);
    client = next;
  };
  await connect();
  return {
    id,
    async release() {
      closing = true;
      await client?.end().catch(() => {});
    },
  };
}
