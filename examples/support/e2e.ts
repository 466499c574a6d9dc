// Shared by the examples' end-to-end tests: start the real coproduce-server (built bin) serving an
// example's files, and launch Debian's Chromium through playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BIN = join(ROOT, 'packages/server/bin/coproduce-server.js');

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => res(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts the sync server on `port` with `args` and waits until /healthz answers. */
export async function startServer(port: number, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--log-level', 'warn', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // An open server (no tokens), unless the caller sets COPRODUCE_AUTH: the pages use ?role=.
    env: { ...process.env, COPRODUCE_AUTH: 'none', ...env },
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`coproduce-server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('coproduce-server did not start');
}

export function stopServer(child: ChildProcess | undefined): Promise<void> {
  return new Promise((res) => {
    if (!child || child.exitCode !== null) return res();
    child.once('exit', () => res());
    child.kill('SIGTERM');
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The main job's server as {@link startWithLinks} started it, with the two links it printed. */
export interface ServerWithLinks {
  child: ChildProcess;
  facilitatorLink: string;
  participantLink: string;
}

/**
 * Starts the main job's server (SQLite in `data`, tokens on, serving the built workshop page) on
 * `port` and reads the facilitator and participant links it prints for `room`.
 */
export async function startWithLinks(port: number, data: string, room: string): Promise<ServerWithLinks> {
  const staticDir = join(ROOT, 'examples/workshop/dist');
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data', data, '--static', staticDir, '--log-level', 'warn', '--print-links', room], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, COPRODUCE_SECRET: '', COPRODUCE_AUTH: 'token' },
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const facilitatorLink = /^Facilitator link[^:]*: (\S+)$/m.exec(out)?.[1];
    const participantLink = /^Participant link[^:]*: (\S+)$/m.exec(out)?.[1];
    if (facilitatorLink && participantLink) return { child, facilitatorLink, participantLink };
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not print its links: ${out}`);
}

/** The main job for one test file: its data folder, port, server (restartable) and Chromium. */
export interface MainJob {
  readonly room: string;
  readonly data: string;
  readonly port: number;
  readonly browser: Browser;
  readonly links: ServerWithLinks;
  /** Stops the server and starts it again on the same port and data (the links stay valid). */
  restart(): Promise<void>;
}

/**
 * Registers `beforeAll`/`afterAll` hooks that start the main job (see {@link startWithLinks}) for a
 * fresh room named `roomPrefix-<time>` and Chromium, and stop and remove them after the file's tests.
 * Read the returned object's fields inside tests, once the hooks have run.
 */
export function useMainJob(roomPrefix: string): MainJob {
  const state = { room: `${roomPrefix}-${Date.now()}` } as { -readonly [K in keyof MainJob]: MainJob[K] };
  state.restart = async () => {
    await stopServer(state.links.child);
    state.links = await startWithLinks(state.port, state.data, state.room);
  };
  beforeAll(async () => {
    state.data = mkdtempSync(join(tmpdir(), 'coproduce-e2e-'));
    state.port = await freePort();
    state.links = await startWithLinks(state.port, state.data, state.room);
    state.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await state.browser?.close();
    await stopServer(state.links?.child);
    if (state.data) rmSync(state.data, { recursive: true, force: true });
  });
  return state;
}
