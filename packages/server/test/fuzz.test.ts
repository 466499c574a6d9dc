/**
 * Fuzz tests of the message decoder (`parseMessage`) and the update reader (`inspectUpdate`),
 * seeded and bounded so they run the same way every time, plus a live server fed random frames.
 */
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseMessage, ProtocolError } from '../src/index.js';
import { inspectUpdate } from '../src/validation/inspect.js';
import { awarenessMessage, Cleanup, RawClient, startServer, syncStep1Message, syncUpdateMessage } from './helpers.js';
import { HealthyRoom } from './probe.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const SEED = 20_240_611;
const caps = { maxTextLength: 8_000, maxNestingDepth: 16 };

/** JSON-like values as the layout stores them (bounded depth and size). */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== '__proto__'), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

type Op =
  | { kind: 'set'; root: string; key: string; value: unknown }
  | { kind: 'delete'; root: string; key: string }
  | { kind: 'insert'; pos: number; text: string }
  | { kind: 'remove'; pos: number; len: number }
  | { kind: 'record'; id: string; fields: Record<string, unknown> };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), root: fc.constantFrom('ideas', 'ballots', 'people'), key: fc.string({ minLength: 1, maxLength: 10 }).filter((k) => k !== '__proto__'), value: jsonValue }),
  fc.record({ kind: fc.constant('delete' as const), root: fc.constantFrom('ideas', 'ballots', 'people'), key: fc.string({ minLength: 1, maxLength: 10 }) }),
  fc.record({ kind: fc.constant('insert' as const), pos: fc.nat(50), text: fc.string({ minLength: 1, maxLength: 30, unit: 'binary' }) }),
  fc.record({ kind: fc.constant('remove' as const), pos: fc.nat(50), len: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('record' as const), id: fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/), fields: fc.dictionary(fc.constantFrom('text', 'authorId', 'order', 'tags'), jsonValue, { maxKeys: 4, noNullPrototype: true }) }),
);

/** Applies operations from two clients, returning every update the documents emitted. */
function run(ops: Op[]): Uint8Array[] {
  const docs = [new Y.Doc(), new Y.Doc()];
  const updates: Uint8Array[] = [];
  for (const doc of docs) doc.on('update', (u: Uint8Array) => updates.push(u));
  ops.forEach((o, i) => {
    const doc = docs[i % 2]!;
    switch (o.kind) {
      case 'set':
        doc.getMap(o.root).set(o.key, o.value);
        break;
      case 'delete':
        doc.getMap(o.root).delete(o.key);
        break;
      case 'insert': {
        const text = doc.getText('notes');
        text.insert(Math.min(o.pos, text.length), o.text);
        break;
      }
      case 'remove': {
        const text = doc.getText('notes');
        if (text.length > 0) text.delete(Math.min(o.pos, text.length - 1), Math.min(o.len, text.length - Math.min(o.pos, text.length - 1)));
        break;
      }
      case 'record': {
        const record = new Y.Map<unknown>();
        doc.transact(() => {
          doc.getMap('ideas').set(o.id, record);
          for (const [k, v] of Object.entries(o.fields)) record.set(k, v);
        });
        break;
      }
    }
    if (i % 3 === 2) Y.applyUpdate(docs[(i + 1) % 2]!, Y.encodeStateAsUpdate(doc)); // sync now and then
  });
  updates.push(Y.encodeStateAsUpdate(docs[0]!), Y.encodeStateAsUpdate(docs[1]!));
  updates.push(Y.mergeUpdates(updates.slice(0, 10)));
  return updates;
}

/** Flips, inserts, deletes or truncates bytes of `bytes`. */
const mutation = (bytes: Uint8Array): fc.Arbitrary<Uint8Array> =>
  fc
    .array(
      fc.oneof(
        fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((mutations) => {
      let out = Array.from(bytes);
      for (const m of mutations) {
        if (out.length === 0) break;
        const at = m.at % out.length;
        if (m.kind === 'flip') out[at] = m.value;
        else if (m.kind === 'cut') out = out.slice(0, at);
        else out.splice(at, 0, m.value);
      }
      return Uint8Array.from(out);
    });

const sampleUpdates = run([
  { kind: 'set', root: 'ideas', key: 'a', value: { text: 'hello', n: [1, 2, { x: null }] } },
  { kind: 'insert', pos: 0, text: 'Shwmae 😀' },
  { kind: 'record', id: 'idea1', fields: { text: 'Paint the bridge', authorId: 'u1' } },
  { kind: 'remove', pos: 2, len: 3 },
  { kind: 'delete', root: 'ideas', key: 'a' },
  { kind: 'set', root: 'ballots', key: 'v|u|1', value: { choices: { a: 2 }, updatedAt: 5 } },
]);

const frames = [
  syncStep1Message(new Y.Doc()),
  ...sampleUpdates.slice(0, 4).map((u) => syncUpdateMessage(u)),
  syncUpdateMessage(sampleUpdates[0]!, 1),
  awarenessMessage(
    (() => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 42);
      encoding.writeVarUint(e, 3);
      encoding.writeVarString(e, JSON.stringify({ user: { name: 'Ceri' } }));
      return encoding.toUint8Array(e);
    })(),
  ),
  Uint8Array.of(3),
];


describe('inspectUpdate', () => {
  it('accepts every update Yjs itself produces, counting the same structs', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        for (const update of run(ops)) {
          const stats = inspectUpdate(update, caps);
          const decoded = Y.decodeUpdate(update);
          expect(stats.structs).toBe(decoded.structs.length);
          expect(stats.deleteRanges).toBe([...decoded.ds.clients.values()].reduce((n, ranges) => n + ranges.length, 0));
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('on mutated updates, only ever refuses with a ProtocolError; what it accepts Y.decodeUpdate decodes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...sampleUpdates).chain(mutation), (bytes) => {
        let accepted = false;
        try {
          inspectUpdate(bytes, caps);
          accepted = true;
        } catch (err) {
          expect(err).toBeInstanceOf(ProtocolError);
          expect([1007, 1009]).toContain((err as ProtocolError).code);
        }
        if (accepted) expect(() => Y.decodeUpdate(bytes)).not.toThrow();
      }),
      { seed: SEED, numRuns: 3_000 },
    );
  });

  it('on random bytes, only ever refuses with a ProtocolError, and quickly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 512 }), (bytes) => {
        try {
          const stats = inspectUpdate(bytes, caps);
          expect(() => Y.decodeUpdate(bytes)).not.toThrow();
          expect(stats.bytes).toBe(bytes.length);
        } catch (err) {
          expect(err).toBeInstanceOf(ProtocolError);
        }
      }),
      { seed: SEED, numRuns: 3_000 },
    );
  });
});

describe('parseMessage', () => {
  it('decodes or refuses with a ProtocolError (never anything else) on random and mutated frames', () => {
    const check = (bytes: Uint8Array): void => {
      try {
        const message = parseMessage(bytes);
        expect(['sync-step1', 'sync-step2', 'sync-update', 'awareness', 'query-awareness', 'auth']).toContain(message.type);
      } catch (err) {
        expect(err).toBeInstanceOf(ProtocolError);
        expect([1003, 1007]).toContain((err as ProtocolError).code);
        expect((err as ProtocolError).reason).toMatch(/^Malformed message: /);
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), check), { seed: SEED, numRuns: 3_000 });
    fc.assert(fc.property(fc.constantFrom(...frames).chain(mutation), check), { seed: SEED, numRuns: 3_000 });
  });

  it('round-trips every well-formed frame', () => {
    expect(parseMessage(frames[0]!).type).toBe('sync-step1');
    expect(parseMessage(frames[1]!)).toEqual({ type: 'sync-update', update: sampleUpdates[0] });
    expect(parseMessage(frames[5]!).type).toBe('sync-step2');
    expect(parseMessage(frames[6]!).type).toBe('awareness');
    expect(parseMessage(frames[7]!).type).toBe('query-awareness');
  });
});

describe('a live server fed fuzzed frames', () => {
  it('closes each fuzzing connection cleanly or keeps it, and keeps serving', async () => {
    const { url, server } = await startServer(cleanup);
    const healthy = await HealthyRoom.open(cleanup, url);
    const inputs = fc.sample(
      fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.constantFrom(...frames).chain(mutation)),
      { seed: SEED, numRuns: 200 },
    );
    const closes: number[] = [];
    for (let i = 0; i < inputs.length; i += 20) {
      const batch = await Promise.all(
        inputs.slice(i, i + 20).map(async (bytes, j) => {
          const client = await RawClient.connect(cleanup, url, `fuzz-${(i + j) % 7}`);
          client.send(bytes);
          client.send(syncStep1Message(new Y.Doc())); // a well-formed message after it
          // a client that was not closed gets an answer to its step 1
          await Promise.race([client.waitForClose(), client.waitForMessage((m) => m.type === 0 && m.subtype === 1)]);
          return client.closed?.code ?? 0;
        }),
      );
      closes.push(...batch);
      await healthy.roundTrip();
    }
    for (const code of closes) expect([0, 1003, 1007, 1008, 1009]).toContain(code);
    expect(closes.filter((c) => c !== 0).length).toBeGreaterThan(50);
    expect(server.stats().status).toBe('ok');
  });
});
