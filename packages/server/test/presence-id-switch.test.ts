// A page's presence follows its document's client id. `@coproduce/core/connection` moves it when
// the page writes on under a fresh client id (after the server held some of its changes back): it
// removes its state under the old id (`null`) and shows it under the new one, on the same
// connection. The server bounds the client ids one connection may bring into presence
// (limits.ts, `PresenceIdAllowance`): the ids it holds now, new ones at a rate, and a total over
// its life. These tests drive real pages (`connect()` over y-websocket) and raw hostile clients
// against a real server with the workshop policy:
// - a page that switches a dozen times keeps being shown, once, under its current id;
// - a switch made while the connection is over the presence rate removes the old entry as soon as
//   the rate allows (the removal is kept per client id, not coalesced away), not ~30 s later;
// - a page whose state timed out on the server (no renewal for 30 s) is not stuck with it: it may
//   show itself under a new client id;
// - a client cycling through 1,000 made-up ids shows at most a few at once, and the room (and every
//   device in it) hears of a bounded number of them; empty states shown again count as held.
import * as awarenessProtocol from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { connect, type Connection } from '@coproduce/core/connection';
import {
  ConnectionLimiter, LIMIT_DEFAULTS, MAX_AWARENESS_STATES_PER_MESSAGE, MAX_PRESENCE_IDS_PER_CONNECTION,
  MAX_PRESENCE_IDS_PER_CONNECTION_LIFETIME, PRESENCE_ID_INTERVAL_MS, PresenceIdAllowance, type ResolvedLimits,
} from '../src/limits.js';
import { decodeAwarenessEntries } from '../src/policy/awareness.js';
import { awarenessEntries, Cleanup, sleep, waitFor } from './helpers.js';
import { tokenFor, YClient, type Person } from './policy-helpers.js';
import { BOB, MAL, presence, squatRoom, texts } from './squat-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Bob's page: a real `connect()` over y-websocket, joined, showing his presence. */
async function page(url: string, room: string, person: Person) {
  const doc = new Y.Doc();
  const connection: Connection = connect({
    serverUrl: url, room, doc, token: await tokenFor(room, person),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, crossTab: false, offline: false,
  });
  const session = new core.WorkshopSession(doc, { user: person, undo: false });
  cleanup.add(() => {
    session.destroy();
    connection.destroy();
    doc.destroy();
  });
  await connection.whenSynced();
  core.joinWorkshop(session, { name: person.name });
  await connection.whenConfirmed();
  core.setLocalPresence(connection.awareness, { user: core.presenceUser(session), focus: null });
  return { doc, connection, session };
}

/** The client ids under which `watcher` shows `person`. */
const shownAs = (watcher: YClient, person: Person): number[] =>
  [...watcher.awareness.getStates()].filter(([, state]) => (state as { user?: { id?: string } }).user?.id === person.id).map(([id]) => id);

/** A client id the document and the presence it sees have not used (as `connect()` picks one). */
function freshId(doc: Y.Doc, connection: Connection): number {
  let id = 0;
  while (id === 0 || doc.store.clients.has(id) || connection.awareness.meta.has(id)) id = Math.floor(Math.random() * 0xffffffff);
  return id;
}

/**
 * The page writes on under a fresh client id, as `connect()` does after a held-back notice: its
 * next change moves its presence there (the state under the old id is removed, then shown again
 * under the new one).
 */
function writeOnUnderNewId(doc: Y.Doc, connection: Connection, session: core.WorkshopSession, text: string): number {
  doc.clientID = freshId(doc, connection);
  core.addIdea(session, { boardId: 'main', text });
  expect(connection.awareness.clientID).toBe(doc.clientID);
  return doc.clientID;
}

describe('a page whose client id changes on one connection', () => {
  it('stays shown, once and under its current id, through a dozen switches over time', async () => {
    const { srv, room, ceri } = await squatRoom(cleanup, 'switches');
    const { doc, connection, session } = await page(srv.url, room, BOB);
    await waitFor(() => shownAs(ceri, BOB).join() === String(doc.clientID), { what: 'Bob shown' });
    const socket = connection.provider.ws;
    const SWITCHES = 12;
    for (let i = 1; i <= SWITCHES; i++) {
      // The first ids come at once; past them, new ones at the allowance's rate (a page switches
      // once per held-back episode: minutes apart in practice, not seconds).
      if (i + 1 > MAX_PRESENCE_IDS_PER_CONNECTION) await sleep(PRESENCE_ID_INTERVAL_MS + 250);
      const id = writeOnUnderNewId(doc, connection, session, `Idea ${i}`);
      await waitFor(() => shownAs(ceri, BOB).join() === String(id), { timeout: 10_000, what: `Bob shown under his id after switch ${i}, and only there` });
    }
    // All on one connection, none of it lost.
    expect(connection.provider.ws).toBe(socket);
    await ceri.sync();
    expect(texts(ceri.doc)).toHaveLength(SWITCHES);
    // A newcomer sees him once too.
    const lea = await YClient.connect(cleanup, srv.url, room, { id: 'lea', name: 'Lea', role: 'participant' });
    await waitFor(() => shownAs(lea, BOB).join() === String(doc.clientID), { what: 'Bob shown to a newcomer' });
  }, 60_000);

  it('that switches while over the presence rate has its old entry removed once the rate allows, not ~30 s later', async () => {
    const { srv, room, ceri } = await squatRoom(cleanup, 'switch-rate');
    const { doc, connection, session } = await page(srv.url, room, BOB);
    const old = doc.clientID;
    await waitFor(() => shownAs(ceri, BOB).join() === String(old), { what: 'Bob shown' });
    // Well past the burst (20) at once: the rest waits for the rate (10 a second).
    for (let i = 0; i < 30; i++) connection.awareness.setLocalStateField('away', i % 2 === 0);
    const id = writeOnUnderNewId(doc, connection, session, 'Benches');
    // Then one more change under the new id, which must not take the removal's place either.
    connection.awareness.setLocalStateField('away', true);
    await waitFor(() => shownAs(ceri, BOB).join() === String(id), { timeout: 5_000, interval: 50, what: 'the old entry removed and Bob shown under his new id' });
    await waitFor(() => (ceri.awareness.getStates().get(id) as { away?: boolean } | undefined)?.away === true, { timeout: 5_000, what: 'his latest state' });
    expect(ceri.awareness.getStates().has(old)).toBe(false);
  }, 30_000);

  it('whose state timed out on the server (no renewal for 30 s) may show itself under a new client id', async () => {
    const { srv, room, ceri } = await squatRoom(cleanup, 'switch-timeout');
    // A raw client: it renews nothing by itself, as a page whose connection stalled.
    const bob = await YClient.connect(cleanup, srv.url, room, BOB);
    const old = bob.awareness.clientID;
    bob.publish(presence(BOB));
    await waitFor(() => shownAs(ceri, BOB).join() === String(old), { what: 'Bob shown' });
    // y-protocols removes a state nobody renewed for 30 s (checked every 3 s), on the server too.
    await waitFor(() => shownAs(ceri, BOB).length === 0, { timeout: 45_000, interval: 250, what: "Bob's state timed out" });
    // His page writes on under a new client id; its removal under the old one was lost on the way.
    const doc = new Y.Doc();
    const moved = new awarenessProtocol.Awareness(doc);
    cleanup.add(() => {
      moved.destroy();
      doc.destroy();
    });
    moved.setLocalState(presence(BOB));
    bob.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(moved, [doc.clientID]));
    await waitFor(() => shownAs(ceri, BOB).join() === String(doc.clientID), { timeout: 5_000, what: 'Bob shown under his new id' });
    expect(bob.closed).toBeNull();
  }, 70_000);
});

describe('a client cycling through client ids', () => {
  it.each([
    ['her own presence', JSON.stringify(presence(MAL))],
    ['empty states (which claim no one)', '{}'],
  ])('with %s, 1,000 of them, shows at most a few at once, and the room hears of a bounded number', async (_, json) => {
    const { srv, room, ceri, mallory } = await squatRoom(cleanup, 'cycle');
    const first = 2_000_000_000;
    const isHers = (id: number): boolean => id >= first && id < first + 1_000;
    const metaBefore = ceri.awareness.meta.size;
    let most = 0;
    ceri.awareness.on('change', () => {
      most = Math.max(most, [...ceri.awareness.getStates().keys()].filter(isHers).length);
    });
    const started = performance.now();
    // Each message gives the previous id up and shows a new one: 1,000 ids at about 200 a second.
    for (let i = 0; i < 1_000; i++) {
      const list = [{ clientId: first + i, clock: 1, json }];
      if (i > 0) list.unshift({ clientId: first + i - 1, clock: 2, json: 'null' });
      mallory.sendAwareness(awarenessEntries(list));
      if (i % 10 === 9) await sleep(50);
    }
    // Everything she sent has been handled (her answer comes after it), and let deferred presence out.
    await mallory.sync();
    await sleep(1_500);
    await ceri.sync();
    const elapsed = performance.now() - started;
    expect(mallory.closed).toBeNull();
    // Every id the room applied reached Ceri (a removal too, as a clock): what she has heard of.
    const heard = [...ceri.awareness.meta.keys()].filter(isHers).length;
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(MAX_PRESENCE_IDS_PER_CONNECTION);
    // New ids past the first few come at a rate, and the connection's total is capped.
    expect(heard).toBeLessThanOrEqual(Math.min(MAX_PRESENCE_IDS_PER_CONNECTION_LIFETIME, MAX_PRESENCE_IDS_PER_CONNECTION + Math.ceil(elapsed / PRESENCE_ID_INTERVAL_MS)));
    // Memory: a device keeps a clock for every client id it has heard of, for good.
    expect(ceri.awareness.meta.size - metaBefore).toBeLessThanOrEqual(heard + 1);
    // A newcomer is shown no more than she holds now.
    const lea = await YClient.connect(cleanup, srv.url, room, { id: 'lea', name: 'Lea', role: 'participant' });
    await lea.sync();
    await sleep(200);
    expect([...lea.awareness.getStates().keys()].filter(isHers).length).toBeLessThanOrEqual(MAX_PRESENCE_IDS_PER_CONNECTION);
    // Ceri is still shown to the newcomer, untouched.
    ceri.publish(presence({ id: 'ceri', name: 'Ceri', role: 'facilitator' }));
    await waitFor(() => lea.awareness.getStates().has(ceri.awareness.clientID), { what: 'Ceri at the newcomer' });
  }, 60_000);

});

describe('client ids held at once', () => {
  it(`counts empty states shown again under ids it gave up: never more than ${MAX_PRESENCE_IDS_PER_CONNECTION} at once`, async () => {
    const { ceri, mallory } = await squatRoom(cleanup, 'held');
    const xs = Array.from({ length: MAX_PRESENCE_IDS_PER_CONNECTION }, (_, i) => 2_200_000_000 + i);
    const y = 2_200_000_100;
    const mine = (): number[] => [...ceri.awareness.getStates().keys()].filter((id) => xs.includes(id) || id === y);
    const send = async (list: readonly { clientId: number; clock: number; json: string }[]) => {
      mallory.sendAwareness(awarenessEntries(list));
      await mallory.sync();
    };
    await send(xs.map((clientId) => ({ clientId, clock: 1, json: '{}' })));
    await waitFor(() => mine().length === xs.length, { what: 'her empty states' });
    await send(xs.map((clientId) => ({ clientId, clock: 2, json: 'null' })));
    await waitFor(() => mine().length === 0, { what: 'her empty states removed' });
    // Shown again (y-protocols reports these as updated, not added: the ids have clocks).
    await send(xs.map((clientId) => ({ clientId, clock: 3, json: '{}' })));
    await waitFor(() => mine().length === xs.length, { what: 'her empty states shown again' });
    // The rate allows a new id by now; the ids she holds do not.
    await sleep(PRESENCE_ID_INTERVAL_MS + 250);
    await send([{ clientId: y, clock: 1, json: '{}' }]);
    await sleep(300);
    await ceri.sync();
    expect(mine()).not.toContain(y);
    expect(mine()).toHaveLength(MAX_PRESENCE_IDS_PER_CONNECTION);
    // Having given one up, she may.
    await send([{ clientId: xs[0]!, clock: 4, json: 'null' }, { clientId: y, clock: 2, json: '{}' }]);
    await waitFor(() => mine().includes(y) && !mine().includes(xs[0]!), { what: 'the new id in place of the one given up' });
    expect(mine()).toHaveLength(MAX_PRESENCE_IDS_PER_CONNECTION);
  });
});

describe('PresenceIdAllowance', () => {
  const ids = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

  it(`allows ${MAX_PRESENCE_IDS_PER_CONNECTION} ids held at once; an id given up is held no more`, () => {
    const allowance = new PresenceIdAllowance(0);
    ids(1, MAX_PRESENCE_IDS_PER_CONNECTION).forEach((id, held) => expect(allowance.take(id, held, 0)).toBe(true));
    // Holding all of them: not even one of its own again, however long it waits.
    expect(allowance.take(1, MAX_PRESENCE_IDS_PER_CONNECTION, 60_000)).toBe(false);
    expect(allowance.take(100, MAX_PRESENCE_IDS_PER_CONNECTION, 60_000)).toBe(false);
    // Having given one up, it may show one again: an id it had costs nothing more…
    expect(allowance.take(1, MAX_PRESENCE_IDS_PER_CONNECTION - 1, 0)).toBe(true);
    expect(allowance.total).toBe(MAX_PRESENCE_IDS_PER_CONNECTION);
  });

  it(`allows new ids past the first ${MAX_PRESENCE_IDS_PER_CONNECTION} one per ${PRESENCE_ID_INTERVAL_MS} ms, and ${MAX_PRESENCE_IDS_PER_CONNECTION_LIFETIME} over a connection's life`, () => {
    const allowance = new PresenceIdAllowance(0);
    let now = 0;
    let next = 1;
    for (let i = 0; i < MAX_PRESENCE_IDS_PER_CONNECTION; i++) expect(allowance.take(next++, 0, now)).toBe(true);
    // …a new one waits for the rate; asking takes nothing.
    expect(allowance.may(next, 0, 0, now)).toBe(false);
    expect(allowance.take(next, 0, now + PRESENCE_ID_INTERVAL_MS / 2)).toBe(false);
    expect(allowance.take(next++, 0, (now += PRESENCE_ID_INTERVAL_MS))).toBe(true);
    // `fresh`: ids of the same message already allowed.
    now += 3 * PRESENCE_ID_INTERVAL_MS;
    expect(allowance.may(next, 0, 2, now)).toBe(true);
    expect(allowance.may(next, 0, 3, now)).toBe(false);
    while (allowance.total < MAX_PRESENCE_IDS_PER_CONNECTION_LIFETIME) expect(allowance.take(next++, 0, (now += PRESENCE_ID_INTERVAL_MS))).toBe(true);
    // The total is reached: no new id, ever, on this connection; its own ones still show.
    expect(allowance.take(next, 0, now + 3_600_000)).toBe(false);
    expect(allowance.take(1, 0, now + 3_600_000)).toBe(true);
  });
});

describe('ConnectionLimiter: presence over the rate', () => {
  const limits = { ...LIMIT_DEFAULTS } as unknown as ResolvedLimits;
  const message = (list: readonly { clientId: number; clock: number; json: string }[]) => ({ type: 'awareness' as const, update: awarenessEntries(list) });
  const decoded = (update: Uint8Array) => decodeAwarenessEntries(update).map(({ clientId, clock, json }) => ({ clientId, clock, json }));

  async function overTheRate() {
    const limiter = new ConnectionLimiter(limits);
    cleanup.add(() => limiter.dispose());
    for (let i = 0; i < LIMIT_DEFAULTS.awarenessBurst; i++) expect(limiter.admit(message([{ clientId: 1, clock: i + 1, json: '{}' }]))).toBe('ok');
    expect(limiter.admit(message([{ clientId: 1, clock: 99, json: '{}' }]))).toBe('defer');
    const applied: Uint8Array[] = [];
    const apply = (update: Uint8Array): void => void applied.push(update);
    return { limiter, applied, apply };
  }

  it('keeps the latest state per client id, removals too, and applies them together, removals first', async () => {
    const { limiter, applied, apply } = await overTheRate();
    limiter.defer(awarenessEntries([{ clientId: 1, clock: 30, json: '{"a":1}' }]), apply);
    limiter.defer(awarenessEntries([{ clientId: 1, clock: 31, json: 'null' }]), apply);
    limiter.defer(awarenessEntries([{ clientId: 2, clock: 1, json: '{"a":2}' }]), apply);
    limiter.defer(awarenessEntries([{ clientId: 2, clock: 2, json: '{"a":3}' }]), apply);
    // An older clock does not replace a newer state.
    limiter.defer(awarenessEntries([{ clientId: 2, clock: 1, json: '{"a":4}' }]), apply);
    expect(limiter.deferredCount).toBe(2);
    // Anything more waits behind them, in order.
    expect(limiter.admit(message([{ clientId: 2, clock: 3, json: '{}' }]))).toBe('defer');
    await waitFor(() => applied.length > 0, { timeout: 5_000, what: 'the deferred states applied' });
    expect(applied).toHaveLength(1);
    expect(decoded(applied[0]!)).toEqual([
      { clientId: 1, clock: 31, json: 'null' },
      { clientId: 2, clock: 2, json: '{"a":3}' },
    ]);
    expect(limiter.deferredCount).toBe(0);
  });

  it(`keeps at most ${MAX_AWARENESS_STATES_PER_MESSAGE} client ids waiting, removals before states`, async () => {
    const { limiter, applied, apply } = await overTheRate();
    limiter.defer(awarenessEntries([{ clientId: 7, clock: 5, json: 'null' }]), apply);
    for (let id = 1_000; id < 2_000; id++) {
      limiter.defer(awarenessEntries([{ clientId: id, clock: 1, json: '{}' }]), apply);
      expect(limiter.deferredCount).toBeLessThanOrEqual(MAX_AWARENESS_STATES_PER_MESSAGE);
    }
    await waitFor(() => applied.length > 0, { timeout: 5_000, what: 'the deferred states applied' });
    const sent = decoded(applied[0]!);
    expect(sent).toHaveLength(MAX_AWARENESS_STATES_PER_MESSAGE);
    expect(sent[0]).toEqual({ clientId: 7, clock: 5, json: 'null' });
    // The latest ones.
    expect(sent.at(-1)).toEqual({ clientId: 1_999, clock: 1, json: '{}' });
  });
});
