// The built bin (`npx tsc -b` first), started and stopped as an operator would: for the tests of
// the command line, of signals and of the data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sleep, waitFor, type Cleanup } from './helpers.js';

export const BIN = fileURLToPath(new URL('../bin/coproduce-server.js', import.meta.url));

export interface RunningBin {
  child: ChildProcess;
  /** The `ws://…` address from the "listening on" line. */
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the bin with `args` (an open server unless `env` says otherwise: these tests are about
 * storage and signals; tokens are tested in auth.test.ts) and waits for its "listening on ws://…"
 * line. `cleanup` kills it if the test leaves it running.
 */
export async function startBin(cleanup: Cleanup, args: string[], env: Record<string, string> = {}): Promise<RunningBin> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, COPRODUCE_AUTH: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  cleanup.add(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  let url = '';
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}): ${out}${err}`);
      url = /listening on (ws:\/\/\S+)/.exec(out)?.[1] ?? '';
      return url !== '';
    },
    { timeout: 15_000, what: `startup line (stdout: ${out}, stderr: ${err})` },
  );
  return { child, url, stdout: () => out, stderr: () => err, exited };
}

/** Sends `signal` and waits (15 s at most) for the bin to exit. */
export async function stopBin(running: RunningBin, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  running.child.kill(signal);
  return Promise.race([
    running.exited,
    sleep(15_000).then(() => {
      throw new Error(`server did not exit after ${signal}`);
    }),
  ]);
}
