// Client id owners in SQLite (`addClientOwner`): durable as soon as the promise resolves (the room
// relays nothing of a new client id before), and the owners of one update (every new client id it
// names, however many a crafted update carries) written in one transaction, not one commit each.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../src/index.js';
import { Cleanup, tempDir } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

function open(dir: string): SqliteStorage {
  const storage = SqliteStorage.inDirectory(dir);
  cleanup.add(() => storage.close());
  return storage;
}

const walBytes = (dir: string): number => {
  try {
    return statSync(join(dir, 'coproduce.sqlite-wal')).size;
  } catch {
    return 0;
  }
};

describe('client id owners in SQLite', () => {
  it('of one update go in one transaction, and are durable when the promises resolve', async () => {
    const dir = tempDir(cleanup);
    const storage = open(dir);
    await storage.addClientOwner('r', 1, 'ana');
    const before = walBytes(dir);
    // 400 new client ids in one turn of the event loop, as the room records them for one update.
    await Promise.all(Array.from({ length: 400 }, (_, i) => storage.addClientOwner('r', 1000 + i, `user${i % 7}`)));
    // One commit writes the few pages it changed; 400 commits would write at least 400 pages (1.6 MB).
    expect(walBytes(dir) - before).toBeLessThan(40 * 4096);
    // Another process opening the database now (after a kill -9: nothing flushed or closed) has them.
    const other = open(dir);
    const owners = await other.loadClientOwners('r');
    expect(owners.size).toBe(401);
    expect(owners.get(1000 + 399)).toBe(`user${399 % 7}`);
  });

  it('keep the first owner of a client id, also within one batch', async () => {
    const storage = open(tempDir(cleanup));
    await Promise.all([storage.addClientOwner('r', 5, 'ana'), storage.addClientOwner('r', 5, 'bea'), storage.addClientOwner('s', 5, 'cai')]);
    await storage.addClientOwner('r', 5, 'dai');
    expect([...(await storage.loadClientOwners('r'))]).toEqual([[5, 'ana']]);
    expect([...(await storage.loadClientOwners('s'))]).toEqual([[5, 'cai']]);
  });

  it('recorded just before the room is deleted go with it; after close the promise rejects', async () => {
    const storage = open(tempDir(cleanup));
    const added = storage.addClientOwner('r', 9, 'ana');
    await storage.deleteRoom('r');
    await added;
    expect((await storage.loadClientOwners('r')).size).toBe(0);
    await storage.close();
    await expect(storage.addClientOwner('r', 10, 'ana')).rejects.toThrow();
  });
});
