import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage, STORAGE_FAILING_REASON, type LogFields, type Logger, type Storage, type StoredRoom } from '../src/index.js';
import { Cleanup, RawClient, stockClient, syncUpdateMessage, tempDir, textUpdate, waitFor, whenSynced } from './helpers.js';
import { startServer } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Like a full disk: SQLite's error for it. */
function diskFull(): Error {
  return Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
}

/**
 * The real SQLite storage, whose writes fail while `failing` is set (as on a full disk: the
 * failed batch is gone, nothing of it reaches the file).
 */
class FailingStorage implements Storage {
  failing = false;
  /** Writes refused so far. */
  failed = 0;
  private refuse(): Promise<void> {
    this.failed++;
    return Promise.reject(diskFull());
  }
  constructor(readonly inner: SqliteStorage) {}
  load(room: string): Promise<StoredRoom> {
    return this.inner.load(room);
  }
  append(room: string, update: Uint8Array): Promise<void> {
    return this.failing ? this.refuse() : this.inner.append(room, update);
  }
  compact(room: string, snapshot: Uint8Array): Promise<void> {
    return this.failing ? this.refuse() : this.inner.compact(room, snapshot);
  }
  flush(): Promise<void> {
    return this.failing ? this.refuse() : this.inner.flush();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  deleteRoom(room: string): Promise<void> {
    return this.inner.deleteRoom(room);
  }
  listRooms() {
    return this.inner.listRooms();
  }
  loadClientOwners(room: string) {
    return this.inner.loadClientOwners(room);
  }
  addClientOwner(room: string, client: number, user: string): Promise<void> {
    return this.failing ? this.refuse() : this.inner.addClientOwner(room, client, user);
  }
}

/** What another process would read from the database file: the room's text. */
function storedText(file: string, room: string): string {
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

function failingStorage(): { storage: FailingStorage; file: string } {
  const dir = tempDir(cleanup);
  const inner = SqliteStorage.inDirectory(dir, { commitWindowMs: 5 });
  cleanup.add(() => inner.close());
  return { storage: new FailingStorage(inner), file: join(dir, 'coproduce.sqlite') };
}

interface Health {
  status: string;
  lastStorageError?: string;
}

async function health(url: string): Promise<{ code: number; body: Health }> {
  const res = await fetch(`${url.replace('ws:', 'http:')}/healthz`);
  return { code: res.status, body: (await res.json()) as Health };
}

/** A logger that keeps every line (and prints nothing). */
function recordingLogger(): { logger: Logger; lines: Array<{ level: string; message: string; fields: LogFields | undefined }> } {
  const lines: Array<{ level: string; message: string; fields: LogFields | undefined }> = [];
  const logger: Logger = {
    debug: (message, fields) => void lines.push({ level: 'debug', message, fields }),
    info: (message, fields) => void lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => void lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => void lines.push({ level: 'error', message, fields }),
  };
  return { logger, lines };
}

describe('a room whose writes failed', () => {
  it('writes its only edit out when it unloads, once storage works again', async () => {
    const { storage, file } = failingStorage();
    const { url, server } = await startServer(cleanup, { storage, unloadGraceMs: 50 });
    const client = stockClient(cleanup, url, 'only-edit');
    await whenSynced(client);
    storage.failing = true;
    client.doc.getText('text').insert(0, 'kept');
    await waitFor(() => storage.failed > 0, { what: 'the failed write' });
    storage.failing = false;
    client.provider.destroy();
    // Unloaded only once written out.
    await waitFor(() => server.rooms().length === 0, { what: 'unload' });
    expect(storedText(file, 'only-edit')).toBe('kept');
    expect((await health(url)).code).toBe(200);
  });

  it('writes its only edit out at shutdown', async () => {
    const { storage, file } = failingStorage();
    const { url, server } = await startServer(cleanup, { storage, unloadGraceMs: 60_000 });
    const client = stockClient(cleanup, url, 'shutdown');
    await whenSynced(client);
    storage.failing = true;
    client.doc.getText('text').insert(0, 'at shutdown');
    await waitFor(() => storage.failed > 0, { what: 'the failed write' });
    storage.failing = false;
    await server.close();
    expect(storedText(file, 'shutdown')).toBe('at shutdown');
  });

  it('stays loaded while its state cannot be stored, and unloads once it is', async () => {
    const { storage, file } = failingStorage();
    const { url, server } = await startServer(cleanup, { storage, unloadGraceMs: 20 });
    const client = stockClient(cleanup, url, 'kept');
    await whenSynced(client);
    storage.failing = true;
    client.doc.getText('text').insert(0, 'in memory');
    await waitFor(() => storage.failed > 0, { what: 'the failed write' });
    client.provider.destroy();
    // Several unload attempts fail: the document stays (a fresh client still gets the text).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(server.rooms().map((r) => r.name)).toEqual(['kept']);
    const again = stockClient(cleanup, url, 'kept');
    await whenSynced(again);
    expect(again.doc.getText('text').toString()).toBe('in memory');
    again.provider.destroy();
    storage.failing = false;
    await waitFor(() => server.rooms().length === 0, { timeout: 20_000, what: 'unload after storage recovered' });
    expect(storedText(file, 'kept')).toBe('in memory');
  });

  it('reports storage health on /healthz until a write succeeds', async () => {
    const { storage } = failingStorage();
    const { url } = await startServer(cleanup, { storage });
    expect(await health(url)).toMatchObject({ code: 200, body: { status: 'ok' } });
    const client = stockClient(cleanup, url, 'health');
    await whenSynced(client);
    storage.failing = true;
    client.doc.getText('text').insert(0, 'x');
    await waitFor(async () => (await health(url)).code === 503, { what: 'storage-failing' });
    expect((await health(url)).body).toMatchObject({ status: 'storage-failing', lastStorageError: 'database or disk is full' });
    storage.failing = false;
    client.doc.getText('text').insert(1, 'y');
    await waitFor(async () => (await health(url)).code === 200, { what: 'ok again' });
  });

  it('refuses a change it cannot store the owner of with a plain reason', async () => {
    const { storage } = failingStorage();
    const { url } = await startServer(cleanup, {
      storage,
      checkUpdate: ({ update, user, owners }) => {
        for (const client of Y.parseUpdateMeta(update).to.keys()) owners.claim(client, user.userId);
        return null;
      },
    });
    const raw = await RawClient.connect(cleanup, url, 'owners');
    await raw.welcomed();
    storage.failing = true;
    raw.send(syncUpdateMessage(textUpdate('new device')));
    const refusal = await raw.waitForMessage((m) => m.type === 2);
    expect(refusal.payload).toBe(STORAGE_FAILING_REASON);
  });
});

describe('SQLite storage and a database locked by another process', () => {
  it('keeps the batch and commits it once the lock is gone, without a long freeze', async () => {
    const dir = tempDir(cleanup);
    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 5 });
    cleanup.add(() => storage.close());
    await storage.append('room', textUpdate('before'));
    const locker = new Database(join(dir, 'coproduce.sqlite'), { timeout: 0 });
    cleanup.add(() => locker.close());
    locker.exec('BEGIN IMMEDIATE');
    let settled: 'resolved' | 'rejected' | null = null;
    const write = storage.append('room', textUpdate('while locked', 'other'));
    write.then(
      () => (settled = 'resolved'),
      () => (settled = 'rejected'),
    );
    const started = Date.now();
    await expect(storage.flush()).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    // better-sqlite3's default busy timeout is 5 s, spent blocking the event loop.
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(storage.health()).toMatchObject({ ok: false, pendingWrites: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(null);
    locker.exec('COMMIT');
    await write;
    expect(storage.health()).toMatchObject({ ok: true, lastError: null, pendingWrites: 0 });
    const stored = await storage.load('room');
    expect(stored.updates).toHaveLength(2);
  });
});

describe('logs', () => {
  it('logs refused updates of one connection once, then as a count', async () => {
    const { logger, lines } = recordingLogger();
    const { url } = await startServer(cleanup, { logger, checkUpdate: () => ({ reason: 'No' }) });
    const raw = await RawClient.connect(cleanup, url, 'refusals');
    await raw.welcomed();
    for (let i = 0; i < 20; i++) raw.send(syncUpdateMessage(textUpdate(`try ${i}`)));
    await waitFor(() => raw.messages.filter((m) => m.type === 2).length === 20, { what: 'refusals' });
    expect(lines.filter((l) => l.message === 'update refused')).toHaveLength(1);
    raw.ws.close();
    await waitFor(() => lines.some((l) => l.message === 'more updates refused'), { what: 'the count' });
    expect(lines.find((l) => l.message === 'more updates refused')?.fields).toMatchObject({ count: 19 });
  });

  it('does not log socket errors after the upgrade as upgrade errors', async () => {
    const { logger, lines } = recordingLogger();
    const { url, server } = await startServer(cleanup, { logger });
    const sockets: import('node:stream').Duplex[] = [];
    server.httpServer.prependListener('upgrade', (_req, socket: import('node:stream').Duplex) => sockets.push(socket));
    const client = stockClient(cleanup, url, 'reset');
    await whenSynced(client);
    expect(sockets).toHaveLength(1);
    sockets[0]!.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    await waitFor(() => lines.some((l) => l.message === 'connection error' || l.message === 'connection closed'), { what: 'the error' });
    expect(lines.filter((l) => l.message === 'socket error during upgrade')).toEqual([]);
  });
});
