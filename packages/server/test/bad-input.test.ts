/**
 * Bad input taken from failures reported against Yjs servers. Each is refused cleanly (the
 * offender is closed with a clear code, nothing of it is applied, relayed or stored) while a
 * healthy room on the same server keeps round-tripping edits within a generous bound.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { MemoryStorage } from '../src/index.js';
import {
  awarenessMessage,
  Cleanup,
  docFromStored,
  RawClient,
  sleep,
  startServer,
  stockClient,
  syncStep1Message,
  syncUpdateMessage,
  textUpdate,
  waitFor,
  whenSynced,
} from './helpers.js';
import { conflictBomb, HealthyRoom, hasClient, nestedValue, noise, orphanUpdate, rawMapSet } from './probe.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

function awarenessUpdate(client: number, clock: number, state: unknown): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify(state));
  return encoding.toUint8Array(e);
}

describe('malformed and ruinous updates', () => {
  it('checks costly updates in a worker within a time budget: ten conflict bombs stall nothing', async () => {
    const storage = new MemoryStorage();
    const { url, server } = await startServer(cleanup, { storage, validationTimeoutMs: 300, validationWorkers: 1 });
    const healthy = await HealthyRoom.open(cleanup, url);
    // Each of these decodes fine, but applying one on the main thread would take ~20 s (quadratic).
    const bomb = syncUpdateMessage(conflictBomb(60_000));
    expect(bomb.byteLength).toBeGreaterThan(700_000);
    const attackers = await Promise.all(Array.from({ length: 10 }, (_, i) => RawClient.connect(cleanup, url, `bomb-${i}`)));
    await Promise.all(attackers.map((a) => a.welcomed()));
    const attack = Promise.all(
      attackers.map(async (a) => {
        a.send(bomb);
        return a.waitForClose(30_000);
      }),
    );
    const { result: closes, trips } = await healthy.runWhile(attack, { boundMs: 2_000 });
    for (const close of closes) {
      expect(close).toEqual({ code: 1008, reason: 'Too expensive: update took longer than 300 ms to check' });
    }
    expect(trips).toBeGreaterThanOrEqual(3);
    // nothing of the bombs was applied or stored
    await server.flush();
    for (let i = 0; i < 10; i++) {
      const doc = docFromStored(await storage.load(`bomb-${i}`));
      expect(doc.getMap('m').size).toBe(0);
    }
  });

  it('refuses an update that needs more memory than the worker budget', async () => {
    const { url } = await startServer(cleanup, { validationMemoryMb: 16, validationWorkers: 1 });
    const healthy = await HealthyRoom.open(cleanup, url);
    // 4 MB that decode to an array of 4 million nulls: tens of MB of heap once read.
    const update = rawMapSet(9, 0, 'm', 'k', (e) => {
      encoding.writeUint8(e, 117); // array
      encoding.writeVarUint(e, 4_000_000);
      for (let i = 0; i < 4_000_000; i++) encoding.writeUint8(e, 126); // null
    });
    const attacker = await RawClient.connect(cleanup, url, 'memory');
    await attacker.welcomed();
    attacker.send(syncUpdateMessage(update));
    const { result: close } = await healthy.runWhile(attacker.waitForClose(30_000), { boundMs: 2_000 });
    expect(close).toEqual({ code: 1008, reason: 'Too expensive: update needed more than 16 MB to check' });
  });

  it('refuses 64-byte random updates quickly, ten at once, and keeps serving', async () => {
    const { url } = await startServer(cleanup);
    const healthy = await HealthyRoom.open(cleanup, url);
    const attackers = await Promise.all(Array.from({ length: 10 }, (_, i) => RawClient.connect(cleanup, url, `noise-${i}`)));
    await Promise.all(attackers.map((a) => a.welcomed()));
    const attack = Promise.all(
      attackers.map(async (a, i) => {
        const bytes = noise(64, 1000 + i);
        bytes[0] = 1 + (bytes[0]! % 3); // a plausible client count, so it is not refused at the first byte
        a.send(syncUpdateMessage(bytes));
        return a.waitForClose();
      }),
    );
    const { result: closes } = await healthy.runWhile(attack, { boundMs: 2_000 });
    for (const close of closes) expect(close.code).toBe(1007);
  });

  it('closes a 50 MB update with 1009 before reading it', async () => {
    const { url, server } = await startServer(cleanup);
    const healthy = await HealthyRoom.open(cleanup, url);
    const attacker = await RawClient.connect(cleanup, url, 'huge');
    await attacker.welcomed();
    attacker.send(syncUpdateMessage(new Uint8Array(50 * 1024 * 1024).fill(0x41)));
    const { result: close } = await healthy.runWhile(attacker.waitForClose(30_000), { boundMs: 3_000 });
    expect(close.code).toBe(1009);
    await waitFor(() => server.stats().connections === 2, { what: 'the attacker gone, the healthy room still there' });
  });

  it('refuses updates that would grow a room past its document cap, and still accepts deletions', async () => {
    const storage = new MemoryStorage();
    const { url, server } = await startServer(cleanup, { storage, maxDocumentSize: 64 * 1024 });
    const client = await RawClient.connect(cleanup, url, 'full');
    await client.welcomed();
    const doc = new Y.Doc();
    const map = doc.getMap('notes');
    let sent = Y.encodeStateVector(doc);
    const send = (): void => {
      const update = Y.encodeStateAsUpdate(doc, sent);
      sent = Y.encodeStateVector(doc);
      client.send(syncUpdateMessage(update));
    };
    for (let i = 0; i < 12; i++) {
      map.set(`n${i}`, `${i}`.padEnd(7_000, '.'));
      send();
    }
    const denied = await client.waitForMessage((m) => m.type === 2 && m.subtype === 0);
    expect(denied.payload).toBe('Room is full: the workshop document has reached its size limit');
    expect(client.closed).toBeNull();
    await server.flush();
    const stored = docFromStored(await storage.load('full'));
    expect(Y.encodeStateAsUpdate(stored).byteLength).toBeLessThanOrEqual(64 * 1024);
    const kept = stored.getMap('notes').size;
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(12);
    // A fresh client can still clear space: deleting is always accepted.
    const other = stockClient(cleanup, url, 'full');
    await whenSynced(other);
    other.doc.getMap('notes').delete('n0');
    await waitFor(async () => !docFromStored(await storage.load('full')).getMap('notes').has('n0'), { what: 'deletion stored' });
  });
});

describe('updates whose dependencies never arrive', () => {
  it('caps pending data: the offender is closed and nothing of it reaches joiners or storage', async () => {
    const storage = new MemoryStorage();
    const { url, server } = await startServer(cleanup, { storage, maxPendingBytes: 16 * 1024 });
    const healthy = await HealthyRoom.open(cleanup, url);
    const attacker = await RawClient.connect(cleanup, url, 'orphans');
    await attacker.welcomed();
    const attack = (async () => {
      for (let i = 0; i < 10 && !attacker.closed; i++) {
        attacker.send(syncUpdateMessage(orphanUpdate(4242, 1_000 + i * 10_000, `${i}`.padEnd(3_000, '~'))));
        await sleep(5);
      }
      return attacker.waitForClose();
    })();
    const { result: close } = await healthy.runWhile(attack);
    expect(close).toEqual({ code: 1008, reason: 'Too many updates waiting for missing data' });
    const joiner = stockClient(cleanup, url, 'orphans');
    await whenSynced(joiner);
    expect(hasClient(joiner.doc, 4242)).toBe(false);
    expect(joiner.doc.store.pendingStructs).toBeNull();
    await server.flush();
    await server.close();
    const stored = await storage.load('orphans');
    expect(stored.snapshot === null || !hasClient(docFromStored(stored), 4242)).toBe(true);
    expect(docFromStored(stored).store.pendingStructs).toBeNull();
  });

  it('caps pending delete sets too (deletions of things that never arrive)', async () => {
    const { url } = await startServer(cleanup, { maxPendingBytes: 8 * 1024 });
    const healthy = await HealthyRoom.open(cleanup, url);
    const attacker = await RawClient.connect(cleanup, url, 'orphan-deletes');
    await attacker.welcomed();
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0); // no structs
    encoding.writeVarUint(e, 1); // a delete set for one client…
    encoding.writeVarUint(e, 5151); // …that the room has never seen
    encoding.writeVarUint(e, 6_000);
    for (let i = 0; i < 6_000; i++) {
      encoding.writeVarUint(e, i * 10);
      encoding.writeVarUint(e, 5);
    }
    attacker.send(syncUpdateMessage(encoding.toUint8Array(e)));
    const { result: close } = await healthy.runWhile(attacker.waitForClose());
    expect(close).toEqual({ code: 1008, reason: 'Too many updates waiting for missing data' });
    const joiner = stockClient(cleanup, url, 'orphan-deletes');
    await whenSynced(joiner);
    expect(joiner.doc.store.pendingDs).toBeNull();
  });

  it('drops pending data below the cap once the connection that sent it has left', async () => {
    const { url } = await startServer(cleanup);
    const attacker = await RawClient.connect(cleanup, url, 'orphan-small');
    await attacker.welcomed();
    attacker.send(syncUpdateMessage(orphanUpdate(777, 50, 'waiting forever')));
    const first = stockClient(cleanup, url, 'orphan-small');
    await whenSynced(first);
    await waitFor(() => first.doc.store.pendingStructs !== null, { what: 'pending data relayed to a joiner while its sender is there' });
    attacker.ws.close();
    await attacker.waitForClose();
    const later = stockClient(cleanup, url, 'orphan-small');
    await whenSynced(later);
    expect(later.doc.store.pendingStructs).toBeNull();
  });
});

describe('awareness floods', () => {
  it('coalesces a 1 kHz awareness flood to the rate limit and keeps the latest state', async () => {
    const { url } = await startServer(cleanup, { maxAwarenessPerSecond: 10, awarenessBurst: 5 });
    const healthy = await HealthyRoom.open(cleanup, url);
    const watcher = await RawClient.connect(cleanup, url, 'flood');
    const flooder = await RawClient.connect(cleanup, url, 'flood');
    await Promise.all([watcher.welcomed(), flooder.welcomed()]);
    const before = watcher.messages.filter((m) => m.type === 1).length;
    const t0 = performance.now();
    const flood = (async () => {
      for (let i = 1; i <= 1_000; i++) {
        flooder.send(awarenessMessage(awarenessUpdate(99, i, { user: { id: 'u', name: `n${i}` } })));
        if (i % 20 === 0) await sleep(20); // about 1,000 a second
      }
    })();
    await healthy.runWhile(flood, { boundMs: 2_000 });
    const seconds = (performance.now() - t0) / 1000;
    // the last state arrives, even though most were coalesced away
    await waitFor(() =>
      watcher.messages.some((m) => m.type === 1 && new TextDecoder().decode(m.payload as Uint8Array).includes('"n1000"')),
    );
    const received = watcher.messages.filter((m) => m.type === 1).length - before;
    expect(received).toBeLessThanOrEqual(5 + Math.ceil(seconds * 10) + 2);
    expect(flooder.closed).toBeNull();
  });

  it('closes a connection that sends a 100 KB awareness state with 1009', async () => {
    const { url } = await startServer(cleanup);
    const watcher = await RawClient.connect(cleanup, url, 'big-state');
    const attacker = await RawClient.connect(cleanup, url, 'big-state');
    await Promise.all([watcher.welcomed(), attacker.welcomed()]);
    attacker.send(awarenessMessage(awarenessUpdate(5, 1, { user: { name: 'x'.repeat(100_000) } })));
    expect(await attacker.waitForClose()).toEqual({ code: 1009, reason: 'Too big: awareness state larger than 8192 bytes' });
    await sleep(100);
    expect(watcher.messages.filter((m) => m.type === 1)).toHaveLength(0);
  });

  it('batches the awareness of many clients into few broadcasts', async () => {
    const { url } = await startServer(cleanup, { awarenessBatchMs: 100 });
    const watcher = await RawClient.connect(cleanup, url, 'crowd');
    const crowd = await Promise.all(Array.from({ length: 20 }, () => RawClient.connect(cleanup, url, 'crowd')));
    await Promise.all([watcher.welcomed(), ...crowd.map((c) => c.welcomed())]);
    const before = watcher.messages.length;
    crowd.forEach((c, i) => c.send(awarenessMessage(awarenessUpdate(500 + i, 1, { user: { name: `p${i}` } }))));
    await waitFor(() => {
      const text = watcher.messages.slice(before).map((m) => new TextDecoder().decode(m.payload as Uint8Array)).join('');
      return crowd.every((_, i) => text.includes(`"p${i}"`));
    });
    expect(watcher.messages.length - before).toBeLessThan(10);
  });
});

describe('resources come back', () => {
  it('10,000 distinct room names opened and left: the heap returns to its baseline', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { url, server } = await startServer(cleanup, { unloadGraceMs: 0 });
    const heapAfterGc = async (): Promise<number> => {
      for (let i = 0; i < 3; i++) {
        gc();
        await sleep(20);
      }
      return process.memoryUsage().heapUsed;
    };
    const visit = async (from: number, count: number): Promise<void> => {
      const batch = 50;
      for (let i = from; i < from + count; i += batch) {
        await Promise.all(
          Array.from({ length: Math.min(batch, from + count - i) }, async (_, j) => {
            const ws = new WebSocket(`${url}/room-${i + j}-${'x'.repeat((i + j) % 7)}`);
            ws.binaryType = 'arraybuffer';
            await new Promise<void>((resolve, reject) => {
              ws.once('message', () => resolve()); // the server's sync step 1: the room has loaded
              ws.once('error', reject);
            });
            ws.send(syncStep1Message(new Y.Doc()));
            ws.close();
            await new Promise((resolve) => ws.once('close', resolve));
          }),
        );
      }
      await waitFor(() => server.stats().rooms === 0, { timeout: 30_000, what: 'rooms unloaded' });
    };
    await visit(0, 500); // warm up: JIT, buffers, ws internals
    const baseline = await heapAfterGc();
    await visit(500, 10_000);
    const after = await heapAfterGc();
    expect(server.stats()).toMatchObject({ rooms: 0, connections: 0 });
    // 10,000 rooms that each kept even 1 KB would add 10 MB; allow 6 MB of noise.
    expect(after - baseline).toBeLessThan(6 * 1024 * 1024);
  }, 120_000);

  it('cuts a client that stops reading its socket once its send buffer is full', async () => {
    const { url, server } = await startServer(cleanup, { maxBufferedBytes: 1024 * 1024, maxUpdatesPerSecond: 0, maxDocumentSize: 256 * 1024 * 1024 });
    const healthy = await HealthyRoom.open(cleanup, url);
    const reader = await RawClient.connect(cleanup, url, 'slow');
    await reader.welcomed();
    // stop reading: the kernel's socket buffers fill, then the server's send buffer
    (reader.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const writer = stockClient(cleanup, url, 'slow');
    await whenSynced(writer);
    const map = writer.doc.getMap('bulk');
    const write = (async () => {
      // at most 5,000 × 7 KB = 35 MB, far more than the loopback buffers hold
      for (let i = 0; i < 5_000 && server.stats().connections > 3; i++) {
        map.set(`k${i}`, `${i}`.padEnd(7_000, '#'));
        if (i % 10 === 9) await sleep(5);
      }
    })();
    await healthy.runWhile(write, { boundMs: 2_000 });
    await waitFor(() => server.stats().connections === 3, { what: 'the slow reader cut' });
    // the writer is still served
    const check = stockClient(cleanup, url, 'slow');
    await whenSynced(check);
    await waitFor(() => check.doc.getMap('bulk').size === map.size);
  });
});

describe('hostile content', () => {
  const cases: Array<{ name: string; update: () => Uint8Array; code: number; reason: string }> = [
    {
      name: 'deeply nested content',
      update: () => rawMapSet(31, 0, 'm', 'deep', nestedValue(10_000)),
      code: 1009,
      reason: 'Too big: content nested deeper than 16 levels',
    },
    {
      name: 'a __proto__ key in a value',
      update: () =>
        rawMapSet(32, 0, 'm', 'obj', (e) => {
          encoding.writeUint8(e, 118); // object with one key
          encoding.writeVarUint(e, 1);
          encoding.writeVarString(e, '__proto__');
          encoding.writeAny(e, { polluted: true });
        }),
      code: 1007,
      reason: 'Malformed message: reserved key "__proto__"',
    },
    {
      name: 'a __proto__ map key',
      update: () => rawMapSet(33, 0, 'm', '__proto__', (e) => encoding.writeAny(e, 1)),
      code: 1007,
      reason: 'Malformed message: reserved key "__proto__"',
    },
    { name: 'a 100k-character string', update: () => textUpdate('x'.repeat(100_000)), code: 1009, reason: 'Too big: text longer than 8000 characters' },
    {
      name: 'a 100k-character map value',
      update: () => rawMapSet(34, 0, 'm', 'long', (e) => encoding.writeAny(e, 'y'.repeat(100_000))),
      code: 1009,
      reason: 'Too big: text longer than 8000 characters',
    },
    { name: 'random bytes as an update', update: () => noise(4_096, 77), code: 1007, reason: 'Malformed message: invalid Yjs update' },
    {
      name: 'a truncated update',
      update: () => textUpdate('cut short, like a dropped packet').slice(0, 12),
      code: 1007,
      reason: 'Malformed message: invalid Yjs update',
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name}, stores nothing and keeps the room going`, async () => {
      const storage = new MemoryStorage();
      const { url, server } = await startServer(cleanup, { storage });
      const healthy = await HealthyRoom.open(cleanup, url);
      const bystander = stockClient(cleanup, url, 'hostile');
      await whenSynced(bystander);
      const attacker = await RawClient.connect(cleanup, url, 'hostile');
      await attacker.welcomed();
      attacker.send(syncUpdateMessage(c.update()));
      expect(await attacker.waitForClose()).toEqual({ code: c.code, reason: c.reason });
      await healthy.roundTrip();
      bystander.doc.getMap('after').set('still', 'working');
      await server.flush();
      await waitFor(async () => docFromStored(await storage.load('hostile')).getMap('after').get('still') === 'working');
      const stored = docFromStored(await storage.load('hostile'));
      expect(stored.share.has('text') ? stored.getText('text').length : 0).toBe(0);
      expect(stored.getMap('m').size).toBe(0);
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    });
  }

  it('refuses truncated frames and random bytes at the frame level', async () => {
    const { url } = await startServer(cleanup);
    const healthy = await HealthyRoom.open(cleanup, url);
    const frames = [
      syncUpdateMessage(textUpdate('hello')).slice(0, 7),
      noise(256, 5),
      Uint8Array.of(0),
      Uint8Array.of(1, 200),
      awarenessMessage(awarenessUpdate(1, 1, { a: 1 })).slice(0, 6),
    ];
    const closes = await Promise.all(
      frames.map(async (frame, i) => {
        const a = await RawClient.connect(cleanup, url, `frames-${i}`);
        a.send(frame);
        return a.waitForClose();
      }),
    );
    for (const close of closes) {
      expect([1003, 1007]).toContain(close.code);
      expect(close.reason).toMatch(/^Malformed message: /);
    }
    await healthy.roundTrip();
  });
});
