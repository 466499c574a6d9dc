import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStorage, type StoredRoom } from '../src/index.js';
import { Cleanup, docFromStored, RawClient, startServer, stockClient, syncUpdateMessage, textUpdate, waitFor, whenSynced } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

class CountingStorage extends MemoryStorage {
  loads = new Map<string, number>();
  override load(room: string): Promise<StoredRoom> {
    this.loads.set(room, (this.loads.get(room) ?? 0) + 1);
    return super.load(room);
  }
}

async function healthz(url: string): Promise<{ rooms: number; connections: number }> {
  const res = await fetch(`${url.replace('ws:', 'http:')}/healthz`);
  return (await res.json()) as { rooms: number; connections: number };
}

describe('room lifecycle', () => {
  it('loads rooms lazily and unloads them after the grace period, compacting their log', async () => {
    const storage = new CountingStorage();
    const { url, server } = await startServer(cleanup, { storage, unloadGraceMs: 20 });
    expect(server.stats().rooms).toBe(0);
    expect(await healthz(url)).toMatchObject({ rooms: 0, connections: 0 });

    const client = await RawClient.connect(cleanup, url, 'lazy');
    await client.welcomed();
    expect(server.rooms()).toEqual([{ name: 'lazy', state: 'ready', connections: 1 }]);
    client.send(syncUpdateMessage(textUpdate('one', 'a')));
    client.send(syncUpdateMessage(textUpdate('two', 'b')));
    await waitFor(async () => (await storage.load('lazy')).updates.length === 2, { what: 'two stored updates' });
    client.ws.close();
    await waitFor(() => server.stats().rooms === 0, { what: 'room unloaded' });
    expect(await healthz(url)).toMatchObject({ rooms: 0, connections: 0 });

    const stored = await storage.load('lazy');
    expect(stored.updates).toEqual([]); // compacted on unload
    const doc = docFromStored(stored);
    expect([doc.getText('a').toString(), doc.getText('b').toString()]).toEqual(['one', 'two']);

    // Loading again serves the compacted state.
    const loadsBefore = storage.loads.get('lazy') ?? 0;
    const again = stockClient(cleanup, url, 'lazy');
    await whenSynced(again);
    expect(again.doc.getText('b').toString()).toBe('two');
    expect(storage.loads.get('lazy')).toBe(loadsBefore + 1);
  });

  it('keeps an empty room during the grace period and reuses it on rejoin', async () => {
    const storage = new CountingStorage();
    const { url, server } = await startServer(cleanup, { storage, unloadGraceMs: 60_000 });
    const first = await RawClient.connect(cleanup, url, 'grace');
    await first.welcomed();
    first.ws.close();
    await waitFor(() => server.stats().connections === 0, { what: 'disconnect' });
    expect(server.rooms()).toEqual([{ name: 'grace', state: 'ready', connections: 0 }]);
    const second = await RawClient.connect(cleanup, url, 'grace');
    await second.welcomed();
    expect(storage.loads.get('grace')).toBe(1);
  });

  it('unloads 200 distinct rooms that were opened and left', async () => {
    const storage = new MemoryStorage();
    const { url, server } = await startServer(cleanup, { storage, unloadGraceMs: 10 });
    const names = Array.from({ length: 200 }, (_, i) => `room-${i}-${'ü'.repeat(i % 5)}`);
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(
        names.slice(i, i + 25).map(async (name, j) => {
          const c = await RawClient.connect(cleanup, url, name);
          await c.welcomed();
          if (j % 5 === 0) c.send(syncUpdateMessage(textUpdate(name)));
          c.ws.close();
          await c.waitForClose();
        }),
      );
    }
    await waitFor(() => server.stats().rooms === 0 && server.stats().connections === 0, { what: 'all rooms unloaded', timeout: 20_000 });
    expect(server.rooms()).toEqual([]);
    expect(await healthz(url)).toMatchObject({ rooms: 0, connections: 0 });
    await storage.flush();
    const written = names.filter((_, k) => (k % 25) % 5 === 0);
    for (const name of written) expect(docFromStored(await storage.load(name)).getText('text').toString()).toBe(name);
  });

  it('compacts a live room after N updates, keeping the content', async () => {
    const storage = new MemoryStorage();
    const { url } = await startServer(cleanup, { storage, compactAfterUpdates: 5 });
    const a = stockClient(cleanup, url, 'busy');
    await whenSynced(a);
    for (let i = 0; i < 12; i++) a.doc.getText('text').insert(a.doc.getText('text').length, `${i},`);
    const expected = Array.from({ length: 12 }, (_, i) => `${i},`).join('');
    await waitFor(async () => docFromStored(await storage.load('busy')).getText('text').toString() === expected, { what: 'stored text' });
    const stored = await storage.load('busy');
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(5);
  });

  it('shuts down gracefully: clients get 1001, rooms are compacted, a given storage stays open', async () => {
    const storage = new MemoryStorage();
    const { url, server } = await startServer(cleanup, { storage, unloadGraceMs: 60_000 });
    const c = await RawClient.connect(cleanup, url, 'closing');
    await c.welcomed();
    c.send(syncUpdateMessage(textUpdate('a', 'x')));
    c.send(syncUpdateMessage(textUpdate('b', 'y')));
    await waitFor(async () => (await storage.load('closing')).updates.length === 2, { what: 'stored updates' });
    await server.close();
    expect(await c.waitForClose()).toEqual({ code: 1001, reason: 'Server shutting down' });
    const stored = await storage.load('closing');
    expect(stored.updates).toEqual([]);
    expect(docFromStored(stored).getText('y').toString()).toBe('b');
    expect(server.stats()).toMatchObject({ rooms: 0, connections: 0 });
    await expect(fetch(`${url.replace('ws:', 'http:')}/healthz`)).rejects.toThrow();
  });

  it('drops connections that stop answering pings', async () => {
    const { url, server } = await startServer(cleanup, { pingIntervalMs: 50 });
    const silent = new WebSocket(`${url}/pings`, { autoPong: false });
    cleanup.add(() => silent.terminate());
    let closed = false;
    silent.on('close', () => (closed = true));
    silent.on('error', () => undefined);
    await new Promise((resolve) => silent.once('open', resolve));
    await waitFor(() => server.stats().connections === 1, { what: 'connection' });
    await waitFor(() => closed && server.stats().connections === 0, { what: 'silent connection dropped' });
  });

  it('closes joiners with 1011 when a room fails to load, and retries on the next join', async () => {
    class FlakyStorage extends MemoryStorage {
      failures = 1;
      override load(room: string): Promise<StoredRoom> {
        if (this.failures-- > 0) return Promise.reject(new Error('disk on fire'));
        return super.load(room);
      }
    }
    const storage = new FlakyStorage();
    await storage.append('flaky', textUpdate('kept'));
    const { url, server } = await startServer(cleanup, { storage });
    const first = await RawClient.connect(cleanup, url, 'flaky');
    expect(await first.waitForClose()).toEqual({ code: 1011, reason: 'Room failed to load' });
    expect(first.messages).toEqual([]);
    await waitFor(() => server.stats().rooms === 0, { what: 'failed room dropped' });
    const second = stockClient(cleanup, url, 'flaky');
    await whenSynced(second);
    expect(second.doc.getText('text').toString()).toBe('kept');
  });

  it('enforces room and connection limits with 1013', async () => {
    const { url } = await startServer(cleanup, { maxConnectionsPerRoom: 2, maxRooms: 2, maxConnections: 4 });
    const a1 = await RawClient.connect(cleanup, url, 'a');
    const a2 = await RawClient.connect(cleanup, url, 'a');
    await Promise.all([a1.welcomed(), a2.welcomed()]);
    const a3 = await RawClient.connect(cleanup, url, 'a');
    expect(await a3.waitForClose()).toEqual({ code: 1013, reason: 'Room is full, try again later' });
    const b1 = await RawClient.connect(cleanup, url, 'b');
    await b1.welcomed();
    const c1 = await RawClient.connect(cleanup, url, 'c');
    expect(await c1.waitForClose()).toEqual({ code: 1013, reason: 'Too many active rooms, try again later' });
    const b2 = await RawClient.connect(cleanup, url, 'b');
    await b2.welcomed();
    const b3 = await RawClient.connect(cleanup, url, 'b');
    expect(await b3.waitForClose()).toEqual({ code: 1013, reason: 'Server is full, try again later' });
    expect([a1, a2, b1, b2].every((c) => c.closed === null)).toBe(true);
  });
});
