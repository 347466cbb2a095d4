import type { Clock } from '../clock';
import type { Db } from '../db/db';
import { INSTANCE_LOCK_CLASS } from '../db/instance';
import { sqlOf, type Statement } from '../db/sql';

/**
 * The project's one durable job runner, on the database every server process shares. A job is
 * a row of `Job` with a unique key; each process claims due jobs with FOR UPDATE SKIP LOCKED,
 * marks them with its instance number (core/db/instance.ts) and a lease, and runs them. A job
 * whose process died — its instance lock gone, a SIGKILL included — or whose lease ran out is
 * claimed again by the next process that looks: work is done at least once, so handlers are
 * written to be run again. A handler that throws is retried with exponential backoff.
 */

export interface ClaimedJob {
  id: number;
  key: string;
  kind: string;
  payload: unknown;
  /** Failed runs since it last succeeded. */
  attempts: number;
  /** Bumped by each `pokeJob`; a job going idle checks it did not miss one. */
  version: number;
}

/** 'done': delete the job. 'idle': wait for the next poke. `{ at }`: run again then. */
export type JobOutcome = 'done' | 'idle' | { at: Date };

export type JobHandler = (job: ClaimedJob) => Promise<JobOutcome>;

/** A job that runs only when poked lies at rest on this day (a far date every client reads). */
const AT_REST = '9999-12-31T00:00:00.000Z';
/** "As soon as possible", whatever the runner's clock says (tests hold it still). */
const DUE_NOW = '1970-01-01T00:00:00.000Z';

/** Anything that runs raw SQL: the client, or the transaction an event or payment is recorded in. */
type Executor = Pick<Db, '$executeRawUnsafe'>;

/** A job that runs once (a receipt, a reminder): created if its key is new, otherwise left as it is. */
export async function enqueueJob(db: Executor, job: { key: string; kind: string; payload?: unknown; runAt?: Date }): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO "Job" (key, kind, payload, "runAt") VALUES ($1, $2, $3::jsonb, $4::timestamp) ON CONFLICT (key) DO NOTHING`,
    job.key, job.kind, JSON.stringify(job.payload ?? {}), job.runAt?.toISOString() ?? DUE_NOW,
  );
}

/**
 * Wakes a standing job (an organization's event deliveries), creating it the first time. A job
 * waiting out a failure's backoff keeps its time. In a transaction, the job's row stays locked
 * until the commit, so a runner finishing the job cannot miss what the transaction added.
 */
export async function pokeJob(db: Executor, job: { key: string; kind: string; payload?: unknown }): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO "Job" (key, kind, payload, "runAt") VALUES ($1, $2, $3::jsonb, $4::timestamp)
     ON CONFLICT (key) DO UPDATE SET version = "Job".version + 1,
       "runAt" = CASE WHEN "Job".attempts = 0 THEN LEAST("Job"."runAt", EXCLUDED."runAt") ELSE "Job"."runAt" END`,
    job.key, job.kind, JSON.stringify(job.payload ?? {}), DUE_NOW,
  );
}

const CLAIM: Statement = {
  name: 'claim_jobs',
  text: `
    UPDATE "Job" j SET "lockedBy" = $1, "lockedUntil" = $2::timestamp + make_interval(secs => $4::float8 / 1000)
    FROM (
      SELECT id FROM "Job"
      WHERE "runAt" <= $2::timestamp AND ($6::text IS NULL OR key = $6) AND ("lockedBy" IS NULL OR "lockedUntil" < $2::timestamp
        OR NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                       AND l.classid = $5::int::oid AND l.objid = "Job"."lockedBy"::oid))
      ORDER BY "runAt", id LIMIT $3 FOR UPDATE SKIP LOCKED
    ) due
    WHERE j.id = due.id
    RETURNING j.id, j.key, j.kind, j.payload, j.attempts, j.version`,
};

const DELETE_JOB: Statement = { name: 'job_done', text: `DELETE FROM "Job" WHERE id = $1 AND "lockedBy" = $2` };

/** Idle: at rest unless a poke came since the claim (the version moved), then again at once. */
const REST: Statement = {
  name: 'job_rest',
  text: `UPDATE "Job" SET "lockedBy" = NULL, "lockedUntil" = NULL, attempts = 0, "lastError" = NULL,
           "runAt" = CASE WHEN version = $3 THEN $4::timestamp ELSE $5::timestamp END
         WHERE id = $1 AND "lockedBy" = $2`,
};

const RESCHEDULE: Statement = {
  name: 'job_reschedule',
  text: `UPDATE "Job" SET "lockedBy" = NULL, "lockedUntil" = NULL, attempts = $3, "lastError" = $4, "runAt" = $5::timestamp
         WHERE id = $1 AND "lockedBy" = $2`,
};

export interface JobRunnerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  clock: Clock;
  log: { warn(obj: object, msg?: string): void };
  /** How often an idle runner looks for due jobs. */
  pollMs?: number;
  /** Jobs run at once by this process. */
  concurrency?: number;
  /** How long a claim holds when its process still lives (a stuck handler is taken over after it). */
  leaseMs?: number;
  /** The first retry's delay; each further failure doubles it, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export interface JobRunner {
  /** Polls for due jobs until stopped. */
  start(): void;
  /** Claims and runs what is due now; resolves with how many jobs ran. */
  runDue(): Promise<number>;
  /** Runs one job now if it is due and free (a receipt right after its payment); false if not. */
  runKey(key: string): Promise<boolean>;
  stop(): Promise<void>;
}

/** The delay before retry number `attempts` (1, 2, …): doubling, capped, with ±20% jitter so retries spread. */
export function backoffDelay(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(plain * (0.8 + 0.4 * random()));
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, handlers, clock, log } = options;
  const pollMs = options.pollMs ?? 1_000;
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const backoffMs = options.backoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
  const sql = sqlOf(db);
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let loop: Promise<void> = Promise.resolve();

  const finish = async (job: ClaimedJob, outcome: JobOutcome) => {
    const now = clock();
    if (outcome === 'done') await sql.query(DELETE_JOB, [job.id, sql.instance]);
    else if (outcome === 'idle') await sql.query(REST, [job.id, sql.instance, job.version, AT_REST, now.toISOString()]);
    else await sql.query(RESCHEDULE, [job.id, sql.instance, 0, null, outcome.at.toISOString()]);
  };

  const fail = async (job: ClaimedJob, err: unknown) => {
    const attempts = job.attempts + 1;
    const at = new Date(clock().getTime() + backoffDelay(attempts, backoffMs, maxBackoffMs));
    const message = String((err as Error)?.message ?? err).slice(0, 500);
    log.warn({ err, job: job.key, attempts, retryAt: at.toISOString() }, 'job failed; it will be retried');
    await sql.query(RESCHEDULE, [job.id, sql.instance, attempts, message, at.toISOString()]);
  };

  const run = async (job: ClaimedJob) => {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for jobs of kind ${job.kind}`);
      await finish(job, await handler(job));
    } catch (err) {
      await fail(job, err).catch((again: unknown) => log.warn({ err: again, job: job.key }, 'job failure not recorded; it will be claimed again'));
    }
  };

  const claim = async (key: string | null): Promise<ClaimedJob[]> => {
    const rows = await sql.query<ClaimedJob & { id: number | bigint }>(CLAIM, [sql.instance, clock().toISOString(), concurrency, leaseMs, INSTANCE_LOCK_CLASS, key]);
    return rows.map((job) => ({ ...job, id: Number(job.id) }));
  };

  const runDue = async (): Promise<number> => {
    const jobs = await claim(null);
    await Promise.all(jobs.map(run));
    return jobs.length;
  };

  const tick = () => {
    loop = (async () => {
      let ran = 0;
      try {
        ran = await runDue();
      } catch (err) {
        log.warn({ err }, 'job runner could not claim work; trying again');
      }
      if (!stopped) timer = setTimeout(tick, ran > 0 ? 0 : pollMs);
    })();
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    runDue,
    async runKey(key) {
      const [job] = await claim(key);
      if (job) await run(job);
      return Boolean(job);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await loop;
    },
  };
}
