/**
 * The configurable limits: each one's default, its option, its command-line flag and variable,
 * and the close code or error a client gets when it goes past it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createLogger, DEFAULTS } from '../src/index.js';
import { AwarenessBatcher, LIMIT_DEFAULTS, TokenBucket, type ResolvedLimits } from '../src/limits.js';
import { UpdateGate } from '../src/validation/gate.js';
import { ValidationPool } from '../src/validation/pool.js';
import { inspectUpdate } from '../src/validation/inspect.js';
import { Cleanup, RawClient, sleep, startServer, syncStep1Message, syncUpdateMessage, tempDir, textUpdate, waitFor } from './helpers.js';
import { conflictBomb, HealthyRoom, nestedValue, rawMapSet } from './probe.js';

const BIN = fileURLToPath(new URL('../bin/coproduce-server.js', import.meta.url));

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** A small update of one map entry from a fresh client. */
function smallUpdate(i: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(`k${i}`, i);
  return Y.encodeStateAsUpdate(doc);
}

/** A bare WebSocket with request headers (as a reverse proxy would add); records how it was closed. */
async function openRaw(url: string, room: string, headers: Record<string, string> = {}): Promise<{ closed: () => number | null; waitForClose: () => Promise<number> }> {
  const ws = new WebSocket(`${url}/${room}`, { headers });
  cleanup.add(() => ws.terminate());
  let code: number | null = null;
  ws.on('close', (c) => (code = c));
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    closed: () => code,
    waitForClose: async () => {
      await waitFor(() => code !== null, { what: 'close' });
      return code!;
    },
  };
}

describe('defaults', () => {
  it('documents every limit with a default tied to the layout', () => {
    expect(LIMIT_DEFAULTS).toMatchObject({
      maxDocumentSize: 16 * 1024 * 1024,
      maxUpdatesPerSecond: 50,
      updateBurst: 200,
      maxAwarenessPerSecond: 10,
      maxAwarenessStateSize: 8192,
      maxConnectionsPerIp: 200,
      maxTextLength: 8000, // 4 × the longest text of the layout (2,000 characters)
      maxNestingDepth: 16,
      maxPendingBytes: 256 * 1024,
      validationTimeoutMs: 1000,
      validationMemoryMb: 256,
    });
    expect(DEFAULTS).toMatchObject({ maxMessageSize: 10 * 1024 * 1024, maxConnectionsPerRoom: 500, maxDocumentSize: 16 * 1024 * 1024 });
  });
});

describe('TokenBucket', () => {
  it('allows a burst, then the rate', () => {
    const bucket = new TokenBucket(10, 5, 0);
    for (let i = 0; i < 5; i++) expect(bucket.take(0)).toBe(true);
    expect(bucket.take(0)).toBe(false);
    expect(bucket.wait(0)).toBe(100);
    expect(bucket.take(99)).toBe(false);
    expect(bucket.take(100)).toBe(true);
    expect(bucket.take(1_000)).toBe(true); // refilled up to the burst, not beyond
    for (let i = 0; i < 4; i++) expect(bucket.take(1_000)).toBe(true);
    expect(bucket.take(1_000)).toBe(false);
  });

  it('never runs out at rate 0', () => {
    const bucket = new TokenBucket(0, 1, 0);
    for (let i = 0; i < 1_000; i++) expect(bucket.take(0)).toBe(true);
  });
});

describe('AwarenessBatcher', () => {
  it('sends the first change at once and merges the rest of the window', async () => {
    const sent: Array<{ ids: number[]; origin: unknown }> = [];
    const batcher = new AwarenessBatcher(40, (ids, origin) => sent.push({ ids, origin }));
    batcher.add([1], 'a');
    expect(sent).toEqual([{ ids: [1], origin: 'a' }]);
    batcher.add([2], 'b');
    batcher.add([3, 2], 'b');
    expect(sent).toHaveLength(1);
    await waitFor(() => sent.length === 2);
    expect(sent[1]).toEqual({ ids: [2, 3], origin: 'b' });
    batcher.add([4], 'a');
    batcher.add([5], 'b');
    batcher.flush();
    expect(sent.at(-1)).toEqual({ ids: [4, 5], origin: null }); // several origins: sent to everyone
    batcher.cancel();
  });
});

describe('updates per second', () => {
  it('closes a connection that goes past its burst with 1008, and lets a steady one through', async () => {
    const { url } = await startServer(cleanup, { maxUpdatesPerSecond: 20, updateBurst: 10 });
    const steady = await RawClient.connect(cleanup, url, 'rate');
    const flooder = await RawClient.connect(cleanup, url, 'rate');
    await Promise.all([steady.welcomed(), flooder.welcomed()]);
    for (let i = 0; i < 10; i++) steady.send(syncUpdateMessage(smallUpdate(i)));
    for (let i = 0; i < 100; i++) flooder.send(syncUpdateMessage(smallUpdate(100 + i)));
    expect(await flooder.waitForClose()).toEqual({ code: 1008, reason: 'Too many updates per second' });
    await sleep(600); // the bucket refills (20 a second)
    for (let i = 0; i < 5; i++) steady.send(syncUpdateMessage(smallUpdate(200 + i)));
    await sleep(100);
    expect(steady.closed).toBeNull();
  });
});

describe('sync requests', () => {
  it('count against the same budget, so a flood of step 1 messages cannot make the server encode the room over and over', async () => {
    const { url } = await startServer(cleanup, { maxUpdatesPerSecond: 20, updateBurst: 10 });
    const flooder = await RawClient.connect(cleanup, url, 'step1-flood');
    await flooder.welcomed();
    for (let i = 0; i < 100; i++) flooder.send(syncStep1Message(new Y.Doc()));
    expect(await flooder.waitForClose()).toEqual({ code: 1008, reason: 'Too many updates per second' });
    expect(flooder.messages.filter((m) => m.type === 0 && m.subtype === 1).length).toBeLessThanOrEqual(10);
  });
});

describe('connections per address', () => {
  it('refuses the connection past the limit with 1013, and accepts again once one leaves', async () => {
    const { url } = await startServer(cleanup, { maxConnectionsPerIp: 2 });
    const a = await RawClient.connect(cleanup, url, 'ip-1');
    await RawClient.connect(cleanup, url, 'ip-2');
    const c = await RawClient.connect(cleanup, url, 'ip-3');
    expect(await c.waitForClose()).toEqual({ code: 1013, reason: 'Too many connections from your address, try again later' });
    a.ws.close();
    await a.waitForClose();
    await waitFor(async () => {
      const d = await RawClient.connect(cleanup, url, 'ip-4');
      await sleep(50);
      return d.closed === null;
    });
  });

  it('counts by X-Forwarded-For only when told to trust the proxy', async () => {
    const trusting = await startServer(cleanup, { maxConnectionsPerIp: 1, trustProxy: true });
    const one = await openRaw(trusting.url, 'p', { 'x-forwarded-for': '203.0.113.1' });
    const two = await openRaw(trusting.url, 'p', { 'x-forwarded-for': '198.51.100.7, 203.0.113.2' });
    const three = await openRaw(trusting.url, 'p', { 'x-forwarded-for': '203.0.113.1' });
    expect(await three.waitForClose()).toBe(1013);
    await sleep(50);
    expect(one.closed()).toBeNull();
    expect(two.closed()).toBeNull();

    const plain = await startServer(cleanup, { maxConnectionsPerIp: 1 });
    await openRaw(plain.url, 'p', { 'x-forwarded-for': '203.0.113.1' });
    const spoofed = await openRaw(plain.url, 'p', { 'x-forwarded-for': '203.0.113.99' });
    expect(await spoofed.waitForClose()).toBe(1013);
  });
});

describe('raw sizes', () => {
  it('applies the configured text length and nesting depth', async () => {
    const { url } = await startServer(cleanup, { maxTextLength: 100, maxNestingDepth: 4 });
    const ok = await RawClient.connect(cleanup, url, 'sizes');
    await ok.welcomed();
    ok.send(syncUpdateMessage(textUpdate('x'.repeat(100))));
    ok.send(syncUpdateMessage(rawMapSet(7, 0, 'm', 'd', nestedValue(4))));
    const long = await RawClient.connect(cleanup, url, 'sizes');
    long.send(syncUpdateMessage(textUpdate('x'.repeat(101))));
    expect(await long.waitForClose()).toEqual({ code: 1009, reason: 'Too big: text longer than 100 characters' });
    const deep = await RawClient.connect(cleanup, url, 'sizes');
    deep.send(syncUpdateMessage(rawMapSet(8, 0, 'm', 'd', nestedValue(5))));
    expect(await deep.waitForClose()).toEqual({ code: 1009, reason: 'Too big: content nested deeper than 4 levels' });
    expect(ok.closed).toBeNull();
  });

  it('counts characters outside the BMP as two units, the way JavaScript strings do', () => {
    const caps = { maxTextLength: 4, maxNestingDepth: 4 };
    expect(inspectUpdate(textUpdate('😀😀'), caps).longestText).toBe(4);
    expect(() => inspectUpdate(textUpdate('😀😀a'), caps)).toThrow(/longer than 4/);
  });
});

describe('the update gate', () => {
  const limits = { ...LIMIT_DEFAULTS } as unknown as ResolvedLimits;

  it('checks the common case inline and large or struct-heavy updates in a worker', async () => {
    const pool = new ValidationPool({ size: 1, timeoutMs: 1_000, memoryMb: 64, logger: createLogger('silent') });
    cleanup.add(() => pool.destroy());
    const gate = new UpdateGate(limits, pool, true);
    const doc = new Y.Doc();
    doc.getMap('m').set('existing', 1);
    await gate.check(smallUpdate(1), doc);
    expect(gate.counters).toEqual({ inline: 1, worker: 0 });
    const heavy = conflictBomb(300); // small in bytes, but 300 structs
    expect(heavy.byteLength).toBeLessThan(LIMIT_DEFAULTS.inlineMaxBytes);
    const result = await gate.check(heavy, doc, { measureDocument: true });
    expect(gate.counters).toEqual({ inline: 1, worker: 1 });
    expect(result).toMatchObject({ inWorker: true, pendingBytes: 0 });
    expect(result.documentBytes).toBeGreaterThan(heavy.byteLength);
    const largeDoc = new Y.Doc();
    for (const c of ['x', 'y', 'z']) largeDoc.getMap('m').set(c, c.repeat(7_000));
    const large = Y.encodeStateAsUpdate(largeDoc);
    expect(large.byteLength).toBeGreaterThan(LIMIT_DEFAULTS.inlineMaxBytes);
    await gate.check(large, doc);
    expect(gate.counters).toEqual({ inline: 1, worker: 2 });
  });

  it('reports what would stay pending, measured against the room state', async () => {
    const pool = new ValidationPool({ size: 1, timeoutMs: 1_000, memoryMb: 64, logger: createLogger('silent') });
    cleanup.add(() => pool.destroy());
    const gate = new UpdateGate({ ...limits, inlineMaxStructs: 0 }, pool, true);
    const source = new Y.Doc();
    source.getText('t').insert(0, 'first');
    const first = Y.encodeStateAsUpdate(source);
    const before = Y.encodeStateVector(source);
    source.getText('t').insert(5, ' second');
    const second = Y.encodeStateAsUpdate(source, before);
    const empty = new Y.Doc();
    expect((await gate.check(second, empty)).pendingBytes).toBeGreaterThan(0);
    const room = new Y.Doc();
    Y.applyUpdate(room, first);
    expect((await gate.check(second, room)).pendingBytes).toBe(0);
  });

  it('checks everything inline when there are no workers', async () => {
    const { url } = await startServer(cleanup, { validationWorkers: 0 });
    const healthy = await HealthyRoom.open(cleanup, url);
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let i = 0; i < 1_000; i++) doc.getMap('m').set(`k${i}`, i);
    });
    const client = await RawClient.connect(cleanup, url, 'inline');
    await client.welcomed();
    client.send(syncUpdateMessage(Y.encodeStateAsUpdate(doc)));
    await healthy.roundTrip();
    expect(client.closed).toBeNull();
  });
});

describe('command line', () => {
  it('takes the limits as flags and COPRODUCE_* variables', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--port', '0', '--storage', 'memory', '--auth', 'none', '--data', tempDir(cleanup), '--max-ip-connections', '1', '--log-level', 'warn'],
      { env: { ...process.env, COPRODUCE_MAX_TEXT_LENGTH: '50', COPRODUCE_VALIDATION_WORKERS: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanup.add(async () => {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    await waitFor(() => /listening on ws:\/\/\S+/.test(out), { timeout: 15_000, what: 'startup line' });
    const url = /listening on (ws:\/\/\S+)/.exec(out)![1]!;
    const first = await RawClient.connect(cleanup, url, 'cli');
    await first.welcomed();
    const second = await RawClient.connect(cleanup, url, 'cli');
    expect((await second.waitForClose()).code).toBe(1013);
    first.send(syncUpdateMessage(textUpdate('z'.repeat(51))));
    expect(await first.waitForClose()).toEqual({ code: 1009, reason: 'Too big: text longer than 50 characters' });
  });

  it('lists the limit options in --help', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    await new Promise((resolve) => child.once('exit', resolve));
    for (const flag of [
      '--max-document-size',
      '--max-updates-per-second',
      '--max-awareness-per-second',
      '--max-awareness-size',
      '--max-ip-connections',
      '--max-text-length',
      '--max-pending-size',
      '--max-send-buffer',
      '--validation-timeout',
      '--validation-memory',
      '--validation-workers',
      '--trust-proxy',
    ]) {
      expect(out).toContain(flag);
    }
    expect(out).toContain('COPRODUCE_MAX_DOCUMENT_SIZE');
  });
});
