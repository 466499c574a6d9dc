import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOCK_FILE_NAME, SQLITE_FILE_NAME } from '../src/index.js';
import { BIN, startBin, stopBin } from './bin-helpers.js';
import { Cleanup, stockClient, tempDir, waitFor, whenSynced } from './helpers.js';

// These tests run the built bin (`npx tsc -b` first), as an operator would.
const COMMON = ['--log-level', 'warn', '--commit-window', '20', '--unload-grace', '60000'];

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

function runBin(args: string[], options: { env?: Record<string, string>; uid?: number; gid?: number } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, COPRODUCE_AUTH: 'none', ...options.env },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Reads a room's text straight from the database file (as another process would). */
function storedText(dataDir: string, room: string): string {
  const file = join(dataDir, SQLITE_FILE_NAME);
  if (!existsSync(file)) return '';
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const doc = new Y.Doc();
    const snap = db.prepare('SELECT snapshot FROM rooms WHERE name = ?').get(room) as { snapshot: Buffer | null } | undefined;
    if (snap?.snapshot) Y.applyUpdate(doc, snap.snapshot);
    for (const row of db.prepare('SELECT data FROM updates WHERE room = ? ORDER BY seq').all(room) as Array<{ data: Buffer }>) Y.applyUpdate(doc, row.data);
    return doc.getText('text').toString();
  } finally {
    db.close();
  }
}

async function write(url: string, room: string, at: number, text: string): Promise<void> {
  const client = stockClient(cleanup, url, room);
  await whenSynced(client);
  client.doc.getText('text').insert(at, text);
  await waitFor(() => !client.provider.wsconnected || client.provider.synced, { what: 'sent' });
  client.provider.destroy();
}

describe('one server per data folder', () => {
  it('refuses a second server with one clear line, and the first keeps its data and its lock', async () => {
    const data = join(tempDir(cleanup), 'data');
    const first = await startBin(cleanup, ['--port', '0', '--data', data, ...COMMON]);
    await write(first.url, 'room', 0, 'from the first');
    await waitFor(() => storedText(data, 'room') === 'from the first', { what: 'stored' });

    const second = runBin(['--port', '0', '--data', data, ...COMMON]);
    expect(second.status).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toContain(`in use by coproduce-server serve (pid ${first.child.pid})`);
    // Its lock was not overwritten or removed: offline commands still refuse.
    expect(readFileSync(join(data, LOCK_FILE_NAME), 'utf8')).toContain(String(first.child.pid));
    const purge = runBin(['purge', '--data', data, '--room', 'room']);
    expect(purge.status).toBe(1);
    expect(purge.stderr).toMatch(/is using .*: stop it first/);

    await write(first.url, 'room', 0, 'still ');
    expect(await stopBin(first, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(storedText(data, 'room')).toBe('still from the first');
  });

  it('holds the lock in createServer too, while its own SQLite storage is open', async () => {
    const { createServer, DataDirInUseError } = await import('../src/index.js');
    const data = join(tempDir(cleanup), 'data');
    const first = createServer({ dataDir: data, port: 0, logLevel: 'silent', pingIntervalMs: 0 });
    cleanup.add(() => first.close());
    expect(() => createServer({ dataDir: data, port: 0, logLevel: 'silent' })).toThrow(DataDirInUseError);
    expect(runBin(['--port', '0', '--data', data, ...COMMON]).stderr).toContain(`in use by coproduce-server serve (pid ${process.pid})`);
    await first.close();
    const second = createServer({ dataDir: data, port: 0, logLevel: 'silent', pingIntervalMs: 0 });
    await second.close();
  });

  it('starts after a server was killed with SIGKILL (no stale lock)', async () => {
    const data = join(tempDir(cleanup), 'data');
    const first = await startBin(cleanup, ['--port', '0', '--data', data, ...COMMON]);
    await stopBin(first, 'SIGKILL');
    expect(existsSync(join(data, LOCK_FILE_NAME))).toBe(true); // left behind, harmless
    const second = await startBin(cleanup, ['--port', '0', '--data', data, ...COMMON]);
    expect(await stopBin(second, 'SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('refuses while an offline command holds the folder', async () => {
    // A server cannot start in the middle of a purge: the purge holds the lock while it runs.
    const data = join(tempDir(cleanup), 'data');
    const first = await startBin(cleanup, ['--port', '0', '--data', data, ...COMMON]);
    await stopBin(first, 'SIGTERM');
    const { lockDataDir } = await import('../src/index.js');
    const lock = lockDataDir(data, 'purge');
    cleanup.add(() => lock.release());
    const refused = runBin(['--port', '0', '--data', data, ...COMMON]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`in use by coproduce-server purge (pid ${process.pid})`);
    lock.release();
    const started = await startBin(cleanup, ['--port', '0', '--data', data, ...COMMON]);
    await stopBin(started, 'SIGTERM');
  });
});

describe('a database locked by another process', () => {
  it('keeps answering, reports storage-failing, and stores the edits once the lock is gone', async () => {
    const data = join(tempDir(cleanup), 'data');
    const running = await startBin(cleanup, ['--port', '0', '--data', data, ...COMMON]);
    const http = running.url.replace('ws:', 'http:');
    // Another process takes the database's write lock and keeps it.
    const locker = spawn(
      process.execPath,
      ['-e', `const db = new (require('better-sqlite3'))(${JSON.stringify(join(data, SQLITE_FILE_NAME))}); db.exec('BEGIN IMMEDIATE'); console.log('locked'); setInterval(() => {}, 1000);`],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lockerExited = new Promise((resolve) => locker.on('exit', resolve));
    cleanup.add(async () => {
      if (locker.exitCode === null && locker.signalCode === null) {
        locker.kill('SIGKILL');
        await lockerExited;
      }
    });
    let lockerOut = '';
    locker.stdout!.setEncoding('utf8').on('data', (chunk: string) => (lockerOut += chunk));
    await waitFor(() => lockerOut.includes('locked'), { what: 'the other process to lock the database' });

    const client = stockClient(cleanup, running.url, 'room');
    await whenSynced(client);
    client.doc.getText('text').insert(0, 'written while locked');
    await waitFor(
      async () => {
        const res = await fetch(`${http}/healthz`);
        const body = (await res.json()) as { status: string; lastStorageError?: string };
        return res.status === 503 && body.status === 'storage-failing' && body.lastStorageError === 'database is locked';
      },
      { what: 'storage-failing' },
    );
    // Other rooms still work meanwhile.
    const other = stockClient(cleanup, running.url, 'other');
    await whenSynced(other);

    locker.kill('SIGKILL');
    await lockerExited;
    await waitFor(async () => (await fetch(`${http}/healthz`)).status === 200, { timeout: 20_000, what: 'ok again' });
    await waitFor(() => storedText(data, 'room') === 'written while locked', { timeout: 20_000, what: 'the edit on disk' });
    expect(await stopBin(running, 'SIGTERM')).toEqual({ code: 0, signal: null });
  });
});

describe('starting on a folder it cannot use', () => {
  it('refuses a database of a newer schema before creating a secret, and says to upgrade', () => {
    const data = tempDir(cleanup);
    const db = new Database(join(data, SQLITE_FILE_NAME));
    db.pragma('user_version = 99');
    db.close();
    const result = runBin(['--port', '0', '--data', data], { env: { COPRODUCE_AUTH: 'token' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('upgrade coproduce-server');
    expect(existsSync(join(data, 'secret'))).toBe(false);
  });

  it('names a read-only data folder and the fix', () => {
    const data = tempDir(cleanup);
    const ro = join(data, 'ro');
    mkdirSync(ro);
    writeFileSync(join(ro, SQLITE_FILE_NAME), '');
    chmodSync(ro, 0o555);
    cleanup.add(() => chmodSync(ro, 0o755));
    chmodSync(data, 0o755);
    // Root may write anywhere: run as nobody then.
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const result = runBin(['--port', '0', '--data', ro], {
      env: { COPRODUCE_AUTH: 'token', COPRODUCE_SECRET: 'x'.repeat(48) },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot write to the data folder ${ro}`);
    expect(result.stderr).toMatch(/make it writable .*--data/);
  });

  it('says a mistyped command is unknown, with the list', () => {
    const result = runBin(['bogus']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("unknown command 'bogus'");
    expect(result.stderr).toMatch(/serve, .*backup, restore/);
  });
});

describe('backup and restore', () => {
  it('round-trips a room through an online backup, also after kill -9 left a write-ahead log', async () => {
    const dir = tempDir(cleanup);
    const data = join(dir, 'data');
    const backup = join(dir, 'backup.sqlite');
    const running = await startBin(cleanup, ['--port', '0', '--data', data, ...COMMON]);
    writeFileSync(join(data, 'secret'), 'the secret\n', { mode: 0o600 });
    await write(running.url, 'room', 0, 'backed up');
    await waitFor(() => storedText(data, 'room') === 'backed up', { what: 'stored' });

    // Online: while the server runs.
    const made = runBin(['backup', '--data', data, '--to', backup]);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('Backed up 1 room');
    expect(existsSync(`${backup}-wal`)).toBe(false);
    expect(runBin(['backup', '--data', data, '--to', backup]).stderr).toContain('already exists');

    // Restore refuses while the server runs.
    const refused = runBin(['restore', '--data', data, '--from', backup]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is using .*stop it first/);

    // Later changes, committed to the write-ahead log only, then a crash.
    await write(running.url, 'room', 9, ' and later');
    await waitFor(() => storedText(data, 'room') === 'backed up and later', { what: 'stored later' });
    await stopBin(running, 'SIGKILL');
    expect(statSync(join(data, `${SQLITE_FILE_NAME}-wal`)).size).toBeGreaterThan(0);

    const restored = runBin(['restore', '--data', data, '--from', backup]);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain('Restored 1 room');
    expect(existsSync(join(data, `${SQLITE_FILE_NAME}-wal`))).toBe(false);
    expect(readFileSync(join(data, 'secret'), 'utf8')).toBe('the secret\n');

    const again = await startBin(cleanup, ['--port', '0', '--data', data, ...COMMON]);
    const client = stockClient(cleanup, again.url, 'room');
    await whenSynced(client);
    expect(client.doc.getText('text').toString()).toBe('backed up');
    client.provider.destroy();
    expect(await stopBin(again, 'SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('refuses to restore a file that is not a Coproduce database it understands', () => {
    const dir = tempDir(cleanup);
    const data = join(dir, 'data');
    mkdirSync(data);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some text that is long enough to look like a file\n'.repeat(20));
    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const newer = join(dir, 'newer.sqlite');
    const n = new Database(newer);
    n.exec('CREATE TABLE rooms (name); CREATE TABLE updates (seq)');
    n.pragma('user_version = 99');
    n.close();
    for (const [file, message] of [
      [text, 'is not a Coproduce database'],
      [other, 'is not a Coproduce database'],
      [newer, 'upgrade coproduce-server'],
      [join(dir, 'missing.sqlite'), 'no such file'],
    ] as const) {
      const result = runBin(['restore', '--data', data, '--from', file]);
      expect(result.status, file).toBe(1);
      expect(result.stderr).toContain(message);
    }
    expect(existsSync(join(data, SQLITE_FILE_NAME))).toBe(false);
    expect(runBin(['restore', '--help']).stdout).toContain('--from <file>');
    expect(runBin(['backup', '--help']).stdout).toContain('--to <file>');
  });
});
