import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStorage, type CoproduceServer } from '../src/index.js';
import {
  Cleanup,
  docFromStored,
  RawClient,
  startServer,
  stockClient,
  syncUpdateMessage,
  textUpdate,
  waitFor,
  whenSynced,
  type StockClient,
} from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const MAX_MESSAGE_SIZE = 64 * 1024;

/** Deterministic pseudo-random bytes. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

/**
 * Decodes fine (Y.decodeUpdate) but Y.applyUpdate throws half-way: the first item ("GOOD") is
 * integrated, then the second one's origin points past its own client's clock.
 */
function halfApplyingUpdate(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 2); // two structs
  encoding.writeVarUint(e, 987_654); // client id
  encoding.writeVarUint(e, 0); // first clock
  encoding.writeUint8(e, 4); // ContentString, no origins: parent info follows
  encoding.writeVarUint(e, 1); // parent is a root type named…
  encoding.writeVarString(e, 'text');
  encoding.writeVarString(e, 'GOOD');
  encoding.writeUint8(e, 4 | 0x80); // ContentString with a left origin
  encoding.writeVarUint(e, 987_654);
  encoding.writeVarUint(e, 100); // origin clock that does not exist
  encoding.writeVarString(e, 'BAD');
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

const cases: Array<{ name: string; message: () => Uint8Array | string; code: number; reason: RegExp }> = [
  { name: 'random bytes', message: () => Uint8Array.of(0, 7, ...noise(200, 42)), code: 1007, reason: /^Malformed message: unknown sync message type 7$/ },
  { name: 'random bytes (varint overflow)', message: () => noise(64, 7).fill(0xff, 0, 12), code: 1007, reason: /^Malformed message: undecodable message type$/ },
  { name: 'unknown message type', message: () => Uint8Array.of(9, 1, 2, 3), code: 1003, reason: /^Malformed message: unknown message type 9$/ },
  {
    name: 'truncated frame',
    message: () => syncUpdateMessage(textUpdate('this update is cut in half')).slice(0, 20),
    code: 1007,
    reason: /^Malformed message: truncated update$/,
  },
  { name: 'garbage sync update', message: () => syncUpdateMessage(noise(100, 3)), code: 1007, reason: /^Malformed message: invalid Yjs update$/ },
  {
    name: 'update that fails half-way through Y.applyUpdate',
    message: () => syncUpdateMessage(halfApplyingUpdate()),
    code: 1007,
    reason: /^Malformed message: update cannot be applied$/,
  },
  {
    name: 'trailing bytes',
    message: () => Uint8Array.of(...syncUpdateMessage(textUpdate('x')), 0),
    code: 1007,
    reason: /^Malformed message: trailing bytes$/,
  },
  { name: 'garbage awareness', message: () => Uint8Array.of(1, 3, 1, 1, 0xff), code: 1007, reason: /^Malformed message: invalid awareness update$/ },
  { name: 'text frame', message: () => 'hello', code: 1003, reason: /^Malformed message: text frames are not supported$/ },
  { name: 'oversize message', message: () => syncUpdateMessage(textUpdate('x'.repeat(MAX_MESSAGE_SIZE))), code: 1009, reason: /^$/ },
];

describe('malformed and oversize messages', () => {
  let server: CoproduceServer;
  let url: string;
  let storage: MemoryStorage;
  let same: [StockClient, StockClient];
  let other: [StockClient, StockClient];

  beforeEach(async () => {
    storage = new MemoryStorage();
    ({ server, url } = await startServer(cleanup, { storage, maxMessageSize: MAX_MESSAGE_SIZE }));
    same = [stockClient(cleanup, url, 'target'), stockClient(cleanup, url, 'target')];
    other = [stockClient(cleanup, url, 'elsewhere'), stockClient(cleanup, url, 'elsewhere')];
    await Promise.all([...same, ...other].map((c) => whenSynced(c)));
    same[0].doc.getText('text').insert(0, 'before');
    await waitFor(() => same[1].doc.getText('text').toString() === 'before', { what: 'initial sync' });
  });

  for (const c of cases) {
    it(`closes only the sender on ${c.name}`, async () => {
      const bad = await RawClient.connect(cleanup, url, 'target');
      await bad.welcomed();
      bad.send(c.message());
      const closed = await bad.waitForClose();
      expect(closed.code).toBe(c.code);
      expect(closed.reason).toMatch(c.reason);

      // Everyone else keeps syncing, in the same room and in another one.
      same[1].doc.getText('text').insert(6, ' after');
      other[0].doc.getMap('m').set('k', 'v');
      await waitFor(() => same[0].doc.getText('text').toString() === 'before after', { what: 'same room' });
      await waitFor(() => other[1].doc.getMap('m').get('k') === 'v', { what: 'other room' });
      expect(same.every((s) => s.provider.wsconnected)).toBe(true);
      expect(server.stats().connections).toBe(4);

      // The room is not corrupted: a fresh client and the stored log show exactly the good edits.
      const fresh = stockClient(cleanup, url, 'target');
      await whenSynced(fresh);
      expect(fresh.doc.getText('text').toString()).toBe('before after');
      expect(fresh.doc.share.size).toBe(1);
      await storage.flush();
      const stored = docFromStored(await storage.load('target'));
      expect(stored.getText('text').toString()).toBe('before after');
    });
  }

  it('closes each of 20 connections sending random frames, with 1003 or 1007', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const bad = await RawClient.connect(cleanup, url, 'target');
      bad.send(noise(1 + ((seed * 37) % 300), seed * 7919));
      const closed = await bad.waitForClose();
      expect([1003, 1007], `seed ${seed}`).toContain(closed.code);
      expect(closed.reason).toMatch(/^Malformed message: /);
    }
    same[0].doc.getText('text').insert(0, '> ');
    await waitFor(() => same[1].doc.getText('text').toString() === '> before', { what: 'sync after noise' });
    expect(server.stats().connections).toBe(4);
  });

  it('keeps the shadow check sound after a bad update (next good update from a raw client applies)', async () => {
    const bad = await RawClient.connect(cleanup, url, 'target');
    await bad.welcomed();
    bad.send(syncUpdateMessage(halfApplyingUpdate()));
    await bad.waitForClose();
    const good = await RawClient.connect(cleanup, url, 'target');
    await good.welcomed();
    const doc = new Y.Doc();
    doc.getText('extra').insert(0, 'fine');
    good.send(syncUpdateMessage(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => same[0].doc.getText('extra').toString() === 'fine', { what: 'good update after bad one' });
    expect(good.closed).toBeNull();
    expect(same[0].doc.getText('text').toString()).toBe('before');
  });
});
