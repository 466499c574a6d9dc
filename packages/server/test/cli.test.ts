import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SQLITE_FILE_NAME } from '../src/index.js';
import { BIN, startBin, stopBin } from './bin-helpers.js';
import { Cleanup, sleep, stockClient, tempDir, waitFor, whenSynced } from './helpers.js';

const COMMIT_WINDOW_MS = 20;

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Reads a room straight from the database file (as another process would). */
function storedText(dataDir: string, room: string): string {
  const file = join(dataDir, SQLITE_FILE_NAME);
  if (!existsSync(file)) return '';
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const doc = new Y.Doc();
    const snap = db.prepare('SELECT snapshot FROM rooms WHERE name = ?').get(room) as { snapshot: Buffer | null } | undefined;
    if (snap?.snapshot) Y.applyUpdate(doc, snap.snapshot);
    for (const row of db.prepare('SELECT data FROM updates WHERE room = ? ORDER BY seq').all(room) as Array<{ data: Buffer }>) {
      Y.applyUpdate(doc, row.data);
    }
    return doc.getText('text').toString();
  } finally {
    db.close();
  }
}

describe('coproduce-server bin', () => {
  it('prints usage with --help', () => {
    const top = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('serve');
    const serve = spawnSync(process.execPath, [BIN, 'serve', '--help'], { encoding: 'utf8' });
    expect(serve.status).toBe(0);
    for (const flag of ['--host', '--port', '--data', '--static', '--commit-window', '--unload-grace', '--max-message-size', '--log-level']) {
      expect(serve.stdout).toContain(flag);
    }
    expect(serve.stdout).toContain('COPRODUCE_DATA');
    const bad = spawnSync(process.execPath, [BIN, '--port', 'many'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/port/);
  });

  it('keeps room content across SIGTERM and SIGKILL restarts', async () => {
    const data = join(tempDir(cleanup), 'data');
    const site = tempDir(cleanup);
    writeFileSync(join(site, 'index.html'), '<h1>example</h1>');
    const common = ['--log-level', 'warn', '--commit-window', String(COMMIT_WINDOW_MS), '--unload-grace', '60000'];

    // 1. write, then SIGTERM
    const first = await startBin(cleanup, ['--port', '0', '--data', data, '--static', site, ...common]);
    expect(first.stdout()).toMatch(/^coproduce-server \S+ listening on ws:\/\/127\.0\.0\.1:\d+ .*\n$/);
    const http = first.url.replace('ws:', 'http:');
    expect(await (await fetch(`${http}/index.html`)).text()).toBe('<h1>example</h1>');
    expect(((await (await fetch(`${http}/healthz`)).json()) as { status: string }).status).toBe('ok');
    const a = stockClient(cleanup, first.url, 'restart');
    const watcher = stockClient(cleanup, first.url, 'restart');
    await Promise.all([whenSynced(a), whenSynced(watcher)]);
    a.doc.getText('text').insert(0, 'hello');
    a.doc.getMap('map').set('k', 'v');
    await waitFor(() => watcher.doc.getText('text').toString() === 'hello' && watcher.doc.getMap('map').get('k') === 'v', {
      what: 'edit at the server',
    });
    expect(await stopBin(first, 'SIGTERM')).toEqual({ code: 0, signal: null });

    // 2. env vars instead of flags; a fresh client sees everything; write more, then SIGKILL
    const second = await startBin(cleanup, common, { PORT: '0', COPRODUCE_DATA: data });
    const b = stockClient(cleanup, second.url, 'restart');
    await whenSynced(b);
    expect(b.doc.getText('text').toString()).toBe('hello');
    expect(b.doc.getMap('map').get('k')).toBe('v');
    b.doc.getText('text').insert(5, ' world');
    // Wait longer than the commit window, then until the write is visible to another process.
    await sleep(COMMIT_WINDOW_MS * 3);
    await waitFor(() => storedText(data, 'restart') === 'hello world', { what: 'committed write' });
    expect(await stopBin(second, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

    // 3. after kill -9 nothing committed is lost
    const third = await startBin(cleanup, ['--port', '0', '--data', data, ...common]);
    const c = stockClient(cleanup, third.url, 'restart');
    await whenSynced(c);
    expect(c.doc.getText('text').toString()).toBe('hello world');
    expect(c.doc.getMap('map').toJSON()).toEqual({ k: 'v' });
    expect(await stopBin(third, 'SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('refuses to start with a --static folder that is missing or a file, saying why', () => {
    const root = tempDir(cleanup);
    const file = join(root, 'index.html');
    writeFileSync(file, '<!doctype html>');
    const data = join(root, 'data');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--data', data, ...args], {
        encoding: 'utf8',
        env: { ...process.env, COPRODUCE_AUTH: 'none' },
        timeout: 20_000,
      });
    const missing = run('--static', join(root, 'nonexistent'));
    expect(missing.status).toBe(1);
    expect(missing.stdout).not.toContain('listening');
    expect(missing.stderr).toContain(`cannot start: The static folder ${join(root, 'nonexistent')} does not exist`);
    const notFolder = run('--static', file);
    expect(notFolder.status).toBe(1);
    expect(notFolder.stderr).toContain(`The static path ${file} is a file, not a folder`);
    // Through the environment too.
    const fromEnv = spawnSync(process.execPath, [BIN, '--port', '0', '--data', data], {
      encoding: 'utf8',
      env: { ...process.env, COPRODUCE_AUTH: 'none', COPRODUCE_STATIC: join(root, 'nope') },
      timeout: 20_000,
    });
    expect(fromEnv.status).toBe(1);
    expect(fromEnv.stderr).toContain('does not exist');
  });
});
