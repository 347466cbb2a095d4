import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

/**
 * The embedded database is one process's: PGlite opened twice writes over itself. The process
 * that opens it claims it first, in a file beside it; another process finds the claim, and
 * either goes through the owner (a server says where it listens, with a token for this
 * machine's commands) or is refused in words. A claim whose process is gone is stale.
 */
export interface Owner {
  pid: number;
  /** What holds it: "the portal server", "npm run -s import"… */
  what: string;
  /** Where a server owner listens, once it does. */
  url?: string;
  /** A server owner's key for commands on this machine (the file is readable by its user only). */
  token?: string;
}

export interface Claim {
  /** The key this machine's commands use to go through the owner (operator rights on /admin/*). */
  token: string;
  /** Says where the owner now listens, for commands that go through it. */
  listening(url: string): void;
  release(): void;
}

export function ownerFile(dbDir: string): string {
  return `${path.resolve(dbDir)}.owner.json`;
}

/** The live owner of the embedded database in `dbDir`, or null. */
export function readOwner(dbDir: string): Owner | null {
  let owner: Owner;
  try {
    owner = JSON.parse(fs.readFileSync(ownerFile(dbDir), 'utf8')) as Owner;
  } catch {
    return null;
  }
  return Number.isInteger(owner.pid) && alive(owner.pid) ? owner : null;
}

/** Claims the embedded database in `dbDir` for this process, or refuses naming who holds it. */
export function claimEmbedded(dbDir: string, what: string): Claim {
  const file = ownerFile(dbDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const owner: Owner = { pid: process.pid, what, token: crypto.randomBytes(32).toString('base64url') };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(owner), { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readOwner(dbDir);
      if (holder || attempt > 0) throw new AppError('unavailable', inUse(dbDir, holder ?? { pid: 0, what: 'another process' }));
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  let released = false;
  return {
    token: owner.token!,
    listening(url) {
      fs.writeFileSync(file, JSON.stringify({ ...owner, url }), { mode: 0o600 });
    },
    release() {
      if (released) return;
      released = true;
      if (readOwner(dbDir)?.pid === process.pid) fs.rmSync(file, { force: true });
    },
  };
}

/** The sentence for a process that finds the embedded database taken. */
export function inUse(dbDir: string, holder: Owner): string {
  const where = holder.url ? ` at ${holder.url}` : '';
  const who = holder.pid ? `${holder.what} (pid ${holder.pid}${where})` : holder.what;
  return `The embedded database in ${shownPath(dbDir)} is open in ${who}; `
    + 'two processes must never open it at once. Stop that process first, then run this again.';
}

/** A folder as an operator would type it: relative to here when it is below here. */
export function shownPath(dir: string): string {
  const relative = path.relative(process.cwd(), path.resolve(dir));
  return relative && !relative.startsWith('..') ? relative : path.resolve(dir);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
