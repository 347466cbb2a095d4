import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
/** A TypeScript entry point run as `npm start` runs the server: one node process with tsx's loader (the tsx command would start two). */
export const TS_NODE = [process.execPath, '--import', 'tsx'];
const MAIN = [...TS_NODE, 'bots/main.ts'];

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resident memory of the server process, in megabytes (from /proc). */
  rssMb(): number;
  /** SIGTERM, and the exit code once it has gone. */
  stop(): Promise<number | null>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
}

/**
 * `npm start`'s entry point as its own process, with `env` on top of this one's environment
 * (PORT 0 unless given); resolves once it listens.
 */
export function startServer(env: NodeJS.ProcessEnv, { command = MAIN }: { command?: string[] } = {}): Promise<ServerProcess> {
  const child = spawn(command[0], command.slice(1), { cwd: ROOT, env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env } });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /portal listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      // Keep reading, so a full pipe never blocks the server's log.
      child.stdout!.on('data', (more: Buffer) => (output += more));
      child.stderr!.on('data', (more: Buffer) => (output += more));
      resolve({
        child,
        url: match[1].replace('[::]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1'),
        output: () => output,
        rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}
