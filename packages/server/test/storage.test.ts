import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, MemoryStorage, SQLITE_FILE_NAME, SQLITE_SCHEMA_VERSION, SqliteStorage } from '../src/index.js';
import { Cleanup, docFromStored, tempDir, textUpdate } from './helpers.js';
import { runStorageContract } from './storage-contract.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

runStorageContract('memory', () => {
  const store = createMemoryStore();
  return { open: () => new MemoryStorage({ store }) };
});

runStorageContract('sqlite', () => {
  const dir = tempDir(cleanup);
  return { open: () => SqliteStorage.inDirectory(dir, { commitWindowMs: 5 }) };
});

describe('SqliteStorage', () => {
  it('uses WAL and writes the updates of one commit window in one transaction', async () => {
    const dir = tempDir(cleanup);
    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 10_000 });
    cleanup.add(() => storage.close());
    const writes = Array.from({ length: 50 }, (_, i) => storage.append(`room-${i % 3}`, textUpdate(`u${i}`)));
    expect(storage.commits).toBe(0); // still inside the (long) window
    await storage.flush();
    await Promise.all(writes);
    expect(storage.commits).toBe(1);

    const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
    cleanup.add(() => db.close());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT count(*) AS n FROM updates').get()).toEqual({ n: 50 });
  });

  it('stores a client id owner at once, outside the group commit (it must outlive a crash before the window ends)', async () => {
    const dir = tempDir(cleanup);
    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 10_000 });
    cleanup.add(() => storage.close());
    const append = storage.append('room', textUpdate('relayed, not yet committed'));
    await storage.addClientOwner('room', 1234, 'alice');
    // Another process reading the file now (as after kill -9) sees the owner, not the update.
    const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
    try {
      expect(db.prepare('SELECT user FROM client_owners WHERE room = ? AND client = ?').get('room', 1234)).toEqual({ user: 'alice' });
      expect(db.prepare('SELECT count(*) AS n FROM updates').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    expect(storage.commits).toBe(0);
    await storage.flush();
    await append;
    expect((await storage.loadClientOwners('room')).get(1234)).toBe('alice');
  });

  it('commits at once when a batch is full', async () => {
    const dir = tempDir(cleanup);
    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 10_000, maxBatchUpdates: 10 });
    cleanup.add(() => storage.close());
    const writes = Array.from({ length: 25 }, (_, i) => storage.append('r', textUpdate(`u${i}`)));
    expect(storage.commits).toBe(2);
    await storage.flush();
    await Promise.all(writes);
    expect(storage.commits).toBe(3);
    expect(docFromStored(await storage.load('r')).getText('text').length).toBeGreaterThan(0);
  });

  it('opens a schema-1 database (before client id owners) and adds the table, keeping the rooms', async () => {
    const dir = tempDir(cleanup);
    const db = new Database(join(dir, SQLITE_FILE_NAME));
    db.exec(`
      CREATE TABLE rooms (name TEXT PRIMARY KEY NOT NULL, snapshot BLOB, created_at INTEGER NOT NULL, last_activity INTEGER NOT NULL);
      CREATE TABLE updates (seq INTEGER PRIMARY KEY, room TEXT NOT NULL, data BLOB NOT NULL, created_at INTEGER NOT NULL);
      CREATE INDEX updates_room_seq ON updates (room, seq);
      PRAGMA user_version = 1;
    `);
    db.prepare('INSERT INTO updates (room, data, created_at) VALUES (?, ?, ?)').run('old', Buffer.from(textUpdate('kept')), 1);
    db.prepare('INSERT INTO rooms (name, created_at, last_activity) VALUES (?, ?, ?)').run('old', 1, 1);
    db.close();
    const storage = SqliteStorage.inDirectory(dir);
    cleanup.add(() => storage.close());
    expect(docFromStored(await storage.load('old')).getText('text').toString()).toBe('kept');
    await storage.addClientOwner('old', 7, 'sam');
    expect([...(await storage.loadClientOwners('old'))]).toEqual([[7, 'sam']]);
    await storage.close();
    const reopened = new Database(join(dir, SQLITE_FILE_NAME));
    expect(reopened.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    reopened.close();
  });

  it('refuses a database written by a newer schema', () => {
    const dir = tempDir(cleanup);
    const db = new Database(join(dir, SQLITE_FILE_NAME));
    db.pragma('user_version = 99');
    db.close();
    expect(() => SqliteStorage.inDirectory(dir)).toThrow(/schema 99.*upgrade coproduce-server/);
  });
});
