/**
 * What every command shares: `--help` and a wrong argument answered with the usage, the
 * settings read as the server reads them (`.env` included), the database opened for the
 * command alone — or, for the embedded database a running server holds, that server named.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadSettings, type Config } from '../core/config';
import { readOwner, type Owner } from '../core/db/embedded-owner';
import { openDatabase, type Database } from '../core/db/open-database';
import { AppError } from '../core/errors';
import { embeddedDir } from '../core/start-portal';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command<O extends Options> {
  usage: string;
  options: O;
  /** Positional arguments the command takes (0 by default). */
  positionals?: number;
  run(args: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>, config: Config): Promise<void>;
}

/** Parses the arguments, runs the command, and turns its failures into a message and an exit code. */
export function runCommand<O extends Options>(command: Command<O>): void {
  const run = async () => {
    const argv = process.argv.slice(2);
    if (argv.includes('--help') || argv.includes('-h')) return void console.log(command.usage);
    let args;
    try {
      args = parseArgs({ args: argv, options: command.options, allowPositionals: true, strict: true });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (args.positionals.length > (command.positionals ?? 0)) throw new UsageError(`unexpected argument: ${args.positionals[command.positionals ?? 0]}`);
    await command.run(args, loadSettings());
  };
  run().then(() => {
    // A command is one-shot: once its output is written, sockets a library keeps alive (HTTP agents, pools) do not hold it open.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(0)));
  }, (err: unknown) => {
    if (err instanceof UsageError) console.error(`${err.message}\n\n${command.usage}`);
    else console.error(err instanceof AppError ? err.message : err);
    process.exit(1);
  });
}

/** The embedded database's server, when one holds it and says where it listens. */
export function runningServer(config: Config): (Owner & { url: string; token: string }) | null {
  if (config.DATABASE_URL) return null;
  const owner = readOwner(embeddedDir(config));
  return owner?.url && owner.token ? (owner as Owner & { url: string; token: string }) : null;
}

/** The configured database, opened for this command (refused in words while another process holds the embedded one). */
export async function withDatabase<T>(config: Config, what: string, use: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: embeddedDir(config), owner: what });
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

/** Asks the server that holds the embedded database, with this machine's command key. */
export async function throughServer(server: { url: string; token: string }, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify(body),
  }).catch((err: unknown) => {
    throw new AppError('unavailable', `The portal server at ${server.url} holds the embedded database but did not answer (${(err as Error).message}).`);
  });
  const answer = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new AppError('bad_request', answer.error ?? `the server answered ${res.status}`);
  return answer;
}
