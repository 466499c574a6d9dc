import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage } from '../src/index.js';
import { docFromStored, textUpdate } from './helpers.js';

export interface StorageFixture {
  /** Opens the storage. Calling it again after `close()` reopens the same data. */
  open(): Storage | Promise<Storage>;
  /** Removes whatever the fixture created (temp files). */
  dispose?(): void | Promise<void>;
}

export type StorageFactory = () => StorageFixture | Promise<StorageFixture>;

const ODD_NAMES = [
  'unicode: Gweithdy 工作坊 🎨',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  '../x',
  '../../etc/passwd',
  'a/b\\c',
  "quote ' \" ; DROP TABLE rooms; --",
  'nul\u0000inside',
  ' ',
  'x'.repeat(10_000),
];

const bytes = (u: Uint8Array): number[] => Array.from(u);

/** The behaviour every Storage backend must have. */
export function runStorageContract(name: string, factory: StorageFactory): void {
  describe(`storage contract: ${name}`, () => {
    let fixture: StorageFixture;
    let storage: Storage;
    const opened: Storage[] = [];

    const reopen = async (): Promise<Storage> => {
      await storage.close();
      storage = await fixture.open();
      opened.push(storage);
      return storage;
    };

    beforeEach(async () => {
      fixture = await factory();
      storage = await fixture.open();
      opened.push(storage);
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close().catch(() => undefined);
      await fixture.dispose?.();
    });

    it('loads an unknown room as empty', async () => {
      expect(await storage.load('never-written')).toEqual({ snapshot: null, updates: [] });
      expect((await storage.listRooms()).map((r) => r.room)).not.toContain('never-written');
    });

    it('loads appended updates in append order, including ones not committed yet', async () => {
      const updates = ['one', 'two', 'three'].map((t) => textUpdate(t));
      for (const u of updates) storage.append('room', u); // not awaited: read-your-writes
      const loaded = await storage.load('room');
      expect(loaded.snapshot).toBeNull();
      expect(loaded.updates.map(bytes)).toEqual(updates.map(bytes));
      await storage.flush();
      expect((await storage.load('room')).updates.map(bytes)).toEqual(updates.map(bytes));
    });

    it('compaction keeps the content and the entries appended after it', async () => {
      const doc = new Y.Doc();
      const text = doc.getText('text');
      const logged: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => logged.push(u));
      text.insert(0, 'Hello');
      text.insert(5, ' world');
      doc.getMap('meta').set('title', 'Bus stops');
      for (const u of logged.splice(0)) await storage.append('room', u);

      await storage.compact('room', Y.encodeStateAsUpdate(doc));
      let loaded = await storage.load('room');
      expect(loaded.snapshot).not.toBeNull();
      expect(loaded.updates).toEqual([]);
      expect(docFromStored(loaded).getText('text').toString()).toBe('Hello world');

      // Appends made before compact() in the same commit window are replaced; later ones stay.
      text.insert(11, '!');
      const beforeCompact = logged.splice(0);
      for (const u of beforeCompact) void storage.append('room', u);
      const compacted = storage.compact('room', Y.encodeStateAsUpdate(doc));
      text.insert(0, '> ');
      const after = logged.splice(0);
      for (const u of after) void storage.append('room', u);
      await compacted;
      await storage.flush();
      loaded = await storage.load('room');
      expect(loaded.updates.map(bytes)).toEqual(after.map(bytes));
      const rebuilt = docFromStored(loaded);
      expect(rebuilt.getText('text').toString()).toBe('> Hello world!');
      expect(rebuilt.getMap('meta').get('title')).toBe('Bus stops');

      loaded = await (await reopen()).load('room');
      expect(docFromStored(loaded).getText('text').toString()).toBe('> Hello world!');
      doc.destroy();
    });

    it('keeps rooms isolated', async () => {
      const names = ['a', 'A', 'a ', 'b'];
      for (const n of names) await storage.append(n, textUpdate(`in ${n}`));
      await storage.compact('b', textUpdate('compacted b'));
      await storage.deleteRoom('A');
      expect(docFromStored(await storage.load('a')).getText('text').toString()).toBe('in a');
      expect(await storage.load('A')).toEqual({ snapshot: null, updates: [] });
      expect(docFromStored(await storage.load('a ')).getText('text').toString()).toBe('in a ');
      expect(docFromStored(await storage.load('b')).getText('text').toString()).toBe('compacted b');
      expect((await storage.listRooms()).map((r) => r.room).sort()).toEqual(['a', 'a ', 'b']);
    });

    it('keeps flushed data when reopened, and close() flushes too', async () => {
      await storage.append('kept', textUpdate('flushed'));
      await storage.flush();
      void storage.append('kept', textUpdate('closed'));
      void storage.compact('snap', textUpdate('snapshot'));
      const reopened = await reopen();
      const loaded = await reopened.load('kept');
      expect(loaded.updates).toHaveLength(2);
      const doc = docFromStored(loaded);
      expect(doc.getText('text').toString()).toMatch(/flushed|closed/);
      expect(doc.getText('text').length).toBe('flushed'.length + 'closed'.length);
      expect(docFromStored(await reopened.load('snap')).getText('text').toString()).toBe('snapshot');
    });

    it('keeps Yjs client id owners per room: the first claim stays, erasure renames, reopening and deleting the room', async () => {
      if (!storage.loadClientOwners || !storage.addClientOwner || !storage.replaceClientOwner) throw new Error(`${name} does not keep client id owners`);
      expect([...(await storage.loadClientOwners('w'))]).toEqual([]);
      await storage.addClientOwner('w', 1234567890, 'sam');
      await storage.addClientOwner('w', 1234567890, 'mallory'); // a later claim changes nothing
      await storage.addClientOwner('w', 42, 'ana');
      await storage.addClientOwner('__proto__', 42, 'other-room');
      expect(new Map(await storage.loadClientOwners('w'))).toEqual(new Map([[1234567890, 'sam'], [42, 'ana']]));
      await storage.replaceClientOwner('w', 'ana', '(erased)');
      const reopened = await reopen();
      expect(new Map(await reopened.loadClientOwners!('w'))).toEqual(new Map([[1234567890, 'sam'], [42, '(erased)']]));
      expect(new Map(await reopened.loadClientOwners!('__proto__'))).toEqual(new Map([[42, 'other-room']]));
      await reopened.deleteRoom('w');
      expect([...(await reopened.loadClientOwners!('w'))]).toEqual([]);
    });

    it('rejects calls after close()', async () => {
      await storage.close();
      await expect(storage.append('r', textUpdate('late'))).rejects.toThrow();
      await expect(storage.load('r')).rejects.toThrow();
    });

    it('stores room names with odd characters as plain names', async () => {
      for (const n of ODD_NAMES) await storage.append(n, textUpdate(`content of ${n.slice(0, 20)}`));
      const reopened = await reopen();
      for (const n of ODD_NAMES) {
        const loaded = await reopened.load(n);
        expect(loaded.updates, JSON.stringify(n.slice(0, 30))).toHaveLength(1);
        expect(docFromStored(loaded).getText('text').toString()).toBe(`content of ${n.slice(0, 20)}`);
      }
      const listed = (await reopened.listRooms()).map((r) => r.room);
      expect(listed.sort()).toEqual([...ODD_NAMES].sort());
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('updates');
    });

    it('keeps per-room order under concurrent appends', async () => {
      const rooms = ['r0', 'r1', 'r2', 'r3'];
      const expected = new Map<string, number[][]>(rooms.map((r) => [r, []]));
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 200; i++) {
        const room = rooms[i % rooms.length]!;
        const u = textUpdate(`#${i}`);
        expected.get(room)!.push(bytes(u));
        writes.push(storage.append(room, u));
      }
      await Promise.all(writes);
      for (const room of rooms) {
        expect((await storage.load(room)).updates.map(bytes)).toEqual(expected.get(room));
      }
    });

    it('reports rooms with size and last activity, and deletes rooms', async () => {
      const before = Date.now();
      const u1 = textUpdate('first');
      const u2 = textUpdate('second');
      await storage.append('listed', u1);
      await storage.append('listed', u2);
      const info = (await storage.listRooms()).find((r) => r.room === 'listed');
      expect(info).toBeDefined();
      expect(info!.updates).toBe(2);
      expect(info!.bytes).toBe(u1.byteLength + u2.byteLength);
      expect(info!.lastActivity).toBeGreaterThanOrEqual(before);
      expect(info!.lastActivity).toBeLessThanOrEqual(Date.now());
      expect(info!.createdAt).toBeLessThanOrEqual(info!.lastActivity);
      await storage.deleteRoom('listed');
      expect((await storage.listRooms()).find((r) => r.room === 'listed')).toBeUndefined();
      expect(await storage.load('listed')).toEqual({ snapshot: null, updates: [] });
    });
  });
}
