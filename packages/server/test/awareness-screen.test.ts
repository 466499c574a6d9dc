/**
 * Presence (awareness) messages are screened before their states are parsed: the decoder reads the
 * entry count only, the room refuses a message over the limits (too many states from the count,
 * then walking the entries' framing without JSON.parse; a state too big), and only what passes has
 * its JSON parsed. So the work a message
 * costs is bounded by the limits, not by the message size.
 *
 * The hostile messages here carry bodies that are not JSON (or no entries at all): a message refused
 * for its number of states or a state's size, not as malformed, proves they were never parsed (or
 * read).
 */
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { parseMessage, ProtocolError } from '../src/index.js';
import { MAX_AWARENESS_STATES_PER_MESSAGE, screenAwareness } from '../src/limits.js';
import { validateAwarenessStates } from '../src/protocol.js';
import { awarenessEntries, awarenessMessage, Cleanup, RawClient, startServer, stockClient, waitFor, whenSynced } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

interface RawEntry {
  clientId: number;
  clock: number;
  /** The state's bytes as sent: JSON, or not. */
  body: string;
}

/** An awareness update of raw entries, the states' bytes exactly as given. */
function rawAwarenessUpdate(entries: readonly RawEntry[]): Uint8Array {
  return awarenessEntries(entries.map(({ clientId, clock, body }) => ({ clientId, clock, json: body })));
}

function encodedCount(n: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  return encoding.toUint8Array(e);
}

/** `n` entries for distinct client ids whose bodies are not JSON. */
const notJson = (n: number, first = 1): RawEntry[] => Array.from({ length: n }, (_, i) => ({ clientId: first + i, clock: 1, body: '{not json' }));

/** The room's screening of `update` against an awareness that knows no client ids yet. */
const screenFresh = (update: Uint8Array): ReturnType<typeof screenAwareness> =>
  screenAwareness(update, new Awareness(new Y.Doc()), new Set(), () => false);

const TOO_MANY = { code: 1008, reason: 'Too many awareness states in one message' };
const MALFORMED = { code: 1007, reason: 'Malformed message: invalid awareness update' };

describe('awareness screening, before any state is parsed', () => {
  it('decodes a message of 50,000 states whose bodies are not JSON (only their count is read)', () => {
    const update = rawAwarenessUpdate(notJson(50_000));
    const message = parseMessage(awarenessMessage(update));
    expect(message.type).toBe('awareness');
    expect(message.type === 'awareness' && Buffer.from(message.update).equals(update)).toBe(true);
    // Parsed, they are malformed: the decoder above never read them.
    expect(() => validateAwarenessStates(update)).toThrow('Malformed message: invalid awareness update');
  });

  it('refuses that message for its number of states, not for its JSON', () => {
    expect(screenFresh(rawAwarenessUpdate(notJson(50_000)))).toMatchObject(TOO_MANY);
  });

  it('refuses a count over the bound from the count alone, without walking the entries', () => {
    // 50,000 announced, then bytes that are no entries at all: refused for the count, not as malformed.
    const update = Uint8Array.of(...encodedCount(50_000), 0xff, 0xff, 0xff);
    expect(parseMessage(awarenessMessage(update)).type).toBe('awareness');
    expect(screenFresh(update)).toMatchObject(TOO_MANY);
  });

  it(`stops at the ${MAX_AWARENESS_STATES_PER_MESSAGE + 1}th state the sender could own, before reading the rest`, () => {
    const room = new Awareness(new Y.Doc());
    // The room has known 40 client ids (echoes of them are allowed in one message)…
    for (let i = 0; i < 40; i++) room.meta.set(10_000 + i, { clock: 1, lastUpdated: 0 });
    // …and the message announces 40 entries: 17 new ones, then garbage where the rest should be.
    const head = rawAwarenessUpdate(notJson(MAX_AWARENESS_STATES_PER_MESSAGE + 1, 500_000));
    const update = Uint8Array.of(...encodedCount(40), ...head.subarray(1), 0xff);
    expect(screenAwareness(update, room, new Set(), () => false)).toMatchObject(TOO_MANY);
  });

  it('refuses broken framing within the bound as malformed', () => {
    const whole = rawAwarenessUpdate([{ clientId: 7, clock: 1, body: '{"a":1}' }]);
    const cases: Array<[string, Uint8Array]> = [
      ['a state cut short', whole.slice(0, whole.length - 2)],
      ['trailing bytes', Uint8Array.of(...whole, 0)],
      ['a count larger than the entries', Uint8Array.of(3, ...whole.slice(1))],
      ['a length past the end', Uint8Array.of(1, 7, 1, 0xff, 0xff, 0x03, 0x7b)],
      ['an undecodable varint', Uint8Array.of(1, 1, 1, 0xff)],
    ];
    for (const [name, bytes] of cases) expect(screenFresh(bytes), name).toMatchObject(MALFORMED);
    expect(() => parseMessage(awarenessMessage(Uint8Array.of(0xff))), 'an undecodable count').toThrow('Malformed message: invalid awareness update');
  });

  it('keeps a well-formed update as it is, and its states parse', () => {
    const body = JSON.stringify({ user: { name: 'Siân 🌼 مرحبا', colour: '#1d70b8' }, cursor: null });
    const update = rawAwarenessUpdate([{ clientId: 42, clock: 3, body }]);
    const message = parseMessage(awarenessMessage(update));
    expect(message.type === 'awareness' && Buffer.from(message.update).equals(update)).toBe(true);
    expect(screenFresh(update)).toBe(update);
    expect(() => validateAwarenessStates(update)).not.toThrow();
  });
});

describe('a live server fed hostile awareness messages', () => {
  async function joined(): Promise<{ url: string; bad: RawClient; healthy: () => Promise<void> }> {
    const { url } = await startServer(cleanup);
    const a = stockClient(cleanup, url, 'screen');
    const b = stockClient(cleanup, url, 'screen');
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const bad = await RawClient.connect(cleanup, url, 'screen');
    await bad.welcomed();
    let n = 0;
    const healthy = async (): Promise<void> => {
      const key = `k${++n}`;
      a.doc.getMap('m').set(key, n);
      await waitFor(() => b.doc.getMap('m').get(key) === n, { what: 'the room still syncing' });
    };
    return { url, bad, healthy };
  }

  it('closes a sender of 50,000 unparseable states with 1008 (refused for their number, never parsed)', async () => {
    const { bad, healthy } = await joined();
    bad.send(awarenessMessage(rawAwarenessUpdate(notJson(50_000))));
    expect(await bad.waitForClose()).toEqual({ code: 1008, reason: 'Too many awareness states in one message' });
    await healthy();
  });

  it(`closes a sender of ${MAX_AWARENESS_STATES_PER_MESSAGE + 1} unparseable states of its own with 1008`, async () => {
    const { bad, healthy } = await joined();
    // Within the room's bound of known client ids + 16 (the room knows the two stock clients), so
    // the entries are walked; over 16 that the sender could own: refused before any is parsed.
    bad.send(awarenessMessage(rawAwarenessUpdate(notJson(MAX_AWARENESS_STATES_PER_MESSAGE + 1, 500_000))));
    expect(await bad.waitForClose()).toEqual({ code: 1008, reason: 'Too many awareness states in one message' });
    await healthy();
  });

  it('closes a sender of one oversize unparseable state with 1009, not as malformed JSON', async () => {
    const { bad, healthy } = await joined();
    bad.send(awarenessMessage(rawAwarenessUpdate([{ clientId: 600_000, clock: 1, body: '{'.repeat(9 * 1024) }])));
    expect(await bad.waitForClose()).toEqual({ code: 1009, reason: 'Too big: awareness state larger than 8192 bytes' });
    await healthy();
  });

  it('still closes a sender whose state passes the screening but is not JSON, with 1007, and applies nothing of it', async () => {
    const { url, bad, healthy } = await joined();
    bad.send(awarenessMessage(rawAwarenessUpdate([{ clientId: 700_000, clock: 1, body: '{"user":' }])));
    expect(await bad.waitForClose()).toEqual({ code: 1007, reason: 'Malformed message: invalid awareness update' });
    await healthy();
    const watcher = stockClient(cleanup, url, 'screen');
    await whenSynced(watcher);
    expect(watcher.provider.awareness.getStates().has(700_000)).toBe(false);
  });

  it('applies a well-formed state sent in the same way', async () => {
    const { url, bad, healthy } = await joined();
    bad.send(awarenessMessage(rawAwarenessUpdate([{ clientId: 800_000, clock: 1, body: '{"user":{"name":"Dafydd"}}' }])));
    const watcher = stockClient(cleanup, url, 'screen');
    await waitFor(() => (watcher.provider.awareness.getStates().get(800_000) as { user?: { name?: string } } | undefined)?.user?.name === 'Dafydd', {
      what: 'the state at a new joiner',
    });
    expect(bad.closed).toBeNull();
    await healthy();
  });
});
