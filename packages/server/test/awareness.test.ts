// Awareness (presence) ownership, tested with raw clients: a connection publishes presence only for
// its own client id and only as the person its token names (checkPresence shape, id, name, role).
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Cleanup, stockClient, waitFor, whenSynced, type StockClient } from './helpers.js';
import { startPolicyServer, tokenFor, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const SAM: Person = { id: 'sam', name: 'Sam', role: 'participant' };
const ANA: Person = { id: 'ana', name: 'Ana', role: 'participant' };
const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };

const presence = (person: Person, extra: Record<string, unknown> = {}) => ({
  user: { id: person.id, name: person.name, colour: 'blue', role: person.role },
  focus: null,
  ...extra,
});

/** An awareness update for any client id and clock, as a hostile client would craft it. */
function crafted(clientId: number, clock: number, state: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state as Record<string, unknown> | null);
  // Bump the clock to the one wanted (each setLocalState adds one).
  while ((awareness.meta.get(clientId)?.clock ?? 0) < clock) awareness.setLocalState(state as Record<string, unknown> | null);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]);
  awareness.destroy();
  doc.destroy();
  return update;
}

async function room() {
  const srv = await startPolicyServer(cleanup);
  const name = `presence-${Math.random().toString(36).slice(2)}`;
  const watcher = await YClient.connect(cleanup, srv.url, name, CERI);
  return { srv, name, watcher };
}

const stateAt = (client: YClient, clientId: number) => client.awareness.getStates().get(clientId) as { user?: { id: string; name: string } } | undefined;

describe('awareness ownership', () => {
  it('relays a valid state of the connection’s own client id, and removes it when the connection leaves', async () => {
    const { srv, name, watcher } = await room();
    const sam = await YClient.connect(cleanup, srv.url, name, SAM);
    sam.publish(presence(SAM, { focus: { elementId: 'main', itemId: 'abc', editing: true } }));
    await waitFor(() => stateAt(watcher, sam.awareness.clientID)?.user?.name === 'Sam', { what: 'presence at the watcher' });
    expect(sam.denials).toEqual([]);
    sam.ws.close();
    await waitFor(() => !watcher.awareness.getStates().has(sam.awareness.clientID), { what: 'removal at the watcher' });
  });

  it('refuses presence that claims another user id, name or role', async () => {
    const { srv, name, watcher } = await room();
    const sam = await YClient.connect(cleanup, srv.url, name, SAM);
    const cases: [Record<string, unknown>, string][] = [
      [presence(ANA), 'Presence refused: it names another user'],
      [presence({ ...SAM, name: 'Ceri' }), 'Presence refused: that is not your name'],
      [presence({ ...SAM, role: 'facilitator' }), 'Presence refused: that is not your role'],
      [{ ...presence(SAM), token: 'smuggled' }, 'Presence refused: Presence has an unknown field "token".'],
      [{ user: { id: 'sam', name: ' Sam ', colour: 'blue', role: 'participant' }, focus: null }, 'Presence refused: Presence user name is not clean.'],
    ];
    for (const [state, reason] of cases) {
      const count = sam.denials.length;
      sam.publish(state);
      expect(await sam.denied(count)).toBe(reason);
    }
    // After all that, an honest state goes through and the watcher never saw the false ones.
    sam.publish(presence(SAM));
    await waitFor(() => stateAt(watcher, sam.awareness.clientID)?.user?.id === 'sam', { what: 'the honest state' });
    await watcher.sync();
    expect(stateAt(watcher, sam.awareness.clientID)).toEqual(presence(SAM));
  });

  it('stock y-websocket clients, which send every state they receive back, are not told off for those echoes', async () => {
    const { srv, name, watcher } = await room();
    const a = stockClient(cleanup, srv.url, name, { params: { token: await tokenFor(name, SAM) } });
    const b = stockClient(cleanup, srv.url, name, { params: { token: await tokenFor(name, ANA) } });
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const denials: string[] = [];
    for (const client of [a, b]) {
      client.provider.messageHandlers[2] = (_encoder, decoder) => {
        decoder.pos += 1; // permission-denied type
        denials.push(new TextDecoder().decode(decoder.arr.subarray(decoder.pos + 1)));
      };
    }
    a.provider.awareness.setLocalState(presence(SAM));
    b.provider.awareness.setLocalState(presence(ANA));
    await waitFor(() => stateAt(watcher, a.doc.clientID)?.user?.id === 'sam' && stateAt(watcher, b.doc.clientID)?.user?.id === 'ana', { what: 'both states' });
    a.provider.awareness.setLocalStateField('focus', { elementId: 'main' });
    await waitFor(() => (watcher.awareness.getStates().get(a.doc.clientID) as { focus: unknown }).focus !== null, { what: 'the focus change' });
    await watcher.sync();
    expect(denials).toEqual([]);
  });

  it("cannot update or remove another connection's client id, nor publish a second client id: those entries are dropped", async () => {
    const { srv, name, watcher } = await room();
    const ana = await YClient.connect(cleanup, srv.url, name, ANA);
    ana.publish(presence(ANA));
    await waitFor(() => stateAt(watcher, ana.awareness.clientID)?.user?.id === 'ana', { what: "Ana's presence" });
    const anaClock = ana.awareness.meta.get(ana.awareness.clientID)!.clock;

    const sam = await YClient.connect(cleanup, srv.url, name, SAM);
    sam.publish(presence(SAM));
    await waitFor(() => stateAt(watcher, sam.awareness.clientID)?.user?.id === 'sam', { what: "Sam's presence" });
    // Overwrite Ana's state (a newer clock), with Sam's own identity so only ownership is wrong;
    // remove it; publish a second client id. All are dropped: it is not Sam's presence.
    sam.sendAwareness(crafted(ana.awareness.clientID, anaClock + 5, presence(SAM)));
    sam.sendAwareness(crafted(ana.awareness.clientID, anaClock + 6, null));
    sam.sendAwareness(crafted(424242, 1, presence(SAM)));
    // Sam's own presence still works afterwards (and proves the messages above were processed).
    sam.publish(presence(SAM, { away: true }));
    await waitFor(() => (watcher.awareness.getStates().get(sam.awareness.clientID) as { away?: boolean } | undefined)?.away === true, {
      what: "Sam's later state",
    });
    await watcher.sync();
    expect(stateAt(watcher, ana.awareness.clientID)?.user?.id).toBe('ana');
    expect(watcher.awareness.getStates().has(424242)).toBe(false);
    expect(watcher.awareness.meta.get(ana.awareness.clientID)?.clock).toBe(anaClock);
    expect(ana.denials).toEqual([]);
    expect(sam.denials).toEqual([]);
  });

  it('lets the same person take their client id over on a new connection (a reconnect the server has not noticed)', async () => {
    const { srv, name, watcher } = await room();
    const first = await YClient.connect(cleanup, srv.url, name, SAM);
    first.publish(presence(SAM));
    const id = first.awareness.clientID;
    await waitFor(() => stateAt(watcher, id)?.user?.id === 'sam', { what: 'first presence' });
    const clock = first.awareness.meta.get(id)!.clock;
    // The same person, same page (same client id), new socket; the old one still looks open.
    const second = await YClient.connect(cleanup, srv.url, name, SAM);
    second.sendAwareness(crafted(id, clock + 1, presence(SAM, { away: true })));
    await waitFor(() => (watcher.awareness.getStates().get(id) as { away?: boolean } | undefined)?.away === true, { what: 'takeover' });
    expect(second.denials).toEqual([]);
    // The old socket closing must not remove the state the new connection now owns.
    first.ws.close();
    await waitFor(() => srv.server.stats().connections === 2, { what: 'old connection gone' });
    await watcher.sync();
    expect((watcher.awareness.getStates().get(id) as { away?: boolean }).away).toBe(true);
    // Another person cannot do the same.
    const ana = await YClient.connect(cleanup, srv.url, name, ANA);
    ana.sendAwareness(crafted(id, clock + 2, presence(ANA)));
    ana.publish(presence(ANA));
    await waitFor(() => stateAt(watcher, ana.awareness.clientID)?.user?.id === 'ana', { what: "Ana's own state" });
    expect(stateAt(watcher, id)?.user?.id).toBe('sam');
  });
});

describe('a large room', () => {
  it('40 people with stock clients (which send every state they receive back): nobody is disconnected, everybody sees everybody', async () => {
    const srv = await startPolicyServer(cleanup);
    const name = `crowd-${Math.random().toString(36).slice(2)}`;
    const people: Person[] = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, name: `Person ${i}`, role: 'participant' }));
    const closes: string[] = [];
    const clients: StockClient[] = [];
    for (const p of people) {
      const client = stockClient(cleanup, srv.url, name, { params: { token: await tokenFor(name, p) } });
      client.provider.on('connection-close', (event: CloseEvent | null) => {
        if (event) closes.push(`${p.id}: ${event.code} ${event.reason}`);
      });
      client.provider.awareness.setLocalState(presence(p));
      clients.push(client);
    }
    await Promise.all(clients.map((c) => whenSynced(c, 30_000)));
    const everybody = (c: (typeof clients)[number]): boolean =>
      people.every((p) => [...c.provider.awareness.getStates().values()].some((s) => (s as { user?: { id: string } }).user?.id === p.id));
    await waitFor(() => clients.every(everybody), { timeout: 30_000, interval: 50, what: 'everybody seeing everybody' });
    // Everybody moves at once (a facilitator's "look at this"): presence keeps flowing.
    for (const c of clients) c.provider.awareness.setLocalStateField('focus', { elementId: 'main' });
    const focused = (c: (typeof clients)[number]): boolean =>
      [...c.provider.awareness.getStates().values()].filter((s) => (s as { focus?: { elementId?: string } | null }).focus?.elementId === 'main').length === people.length;
    await waitFor(() => clients.every(focused), { timeout: 30_000, interval: 50, what: 'everybody seeing everybody move' });
    expect(closes).toEqual([]);
    expect(srv.server.stats().connections).toBe(40);
  }, 90_000);
});

/** An awareness update of the given entries, as a client could craft it. */
function entries(list: readonly { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, list.length);
  for (const { clientId, clock, state } of list) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

describe('the states per message limit', () => {
  it('counts only states the sender could own: others’ states passed back are dropped quietly, 17 new ones close the connection', async () => {
    const { srv, name, watcher } = await room();
    const others: YClient[] = [];
    for (let i = 0; i < 20; i++) {
      const person: Person = { id: `o${i}`, name: `Other ${i}`, role: 'participant' };
      const other = await YClient.connect(cleanup, srv.url, name, person);
      other.publish(presence(person));
      others.push(other);
    }
    await waitFor(() => watcher.awareness.getStates().size >= 20, { what: 'twenty states at the watcher' });
    const sam = await YClient.connect(cleanup, srv.url, name, SAM);
    await waitFor(() => sam.awareness.getStates().size >= 20, { what: 'twenty states at Sam' });
    // Everyone's states as Sam received them (equal clocks), a forged newer one of someone else's,
    // and Sam's own: one message of 22 entries.
    const echo = [...sam.awareness.getStates()].map(([clientId, state]) => ({ clientId, clock: sam.awareness.meta.get(clientId)!.clock, state }));
    const victim = others[0] as YClient;
    echo.push({ clientId: victim.awareness.clientID, clock: victim.awareness.meta.get(victim.awareness.clientID)!.clock + 3, state: presence(SAM) });
    echo.push({ clientId: sam.awareness.clientID, clock: 1, state: presence(SAM, { away: true }) });
    sam.sendAwareness(entries(echo));
    await waitFor(() => (watcher.awareness.getStates().get(sam.awareness.clientID) as { away?: boolean } | undefined)?.away === true, { what: "Sam's own state" });
    await watcher.sync();
    expect(sam.closed).toBeNull();
    expect(sam.denials).toEqual([]);
    expect(stateAt(watcher, victim.awareness.clientID)?.user?.id).toBe('o0');
    // 17 states for client ids nobody holds: too many for one sender.
    const flood = Array.from({ length: 17 }, (_, i) => ({ clientId: 900_000 + i, clock: 1, state: null }));
    const ana = await YClient.connect(cleanup, srv.url, name, ANA);
    ana.sendAwareness(entries(flood));
    await waitFor(() => ana.closed !== null, { what: 'the flooder closed' });
    expect(ana.closed).toEqual({ code: 1008, reason: 'Too many awareness states in one message' });
    // More entries than the room has ever known client ids, plus 16, even if all are old: closed.
    const ceri = await YClient.connect(cleanup, srv.url, name, CERI);
    const known = [...watcher.awareness.meta.keys()];
    const padded = Array.from({ length: known.length + 40 }, (_, i) => ({ clientId: known[i % known.length] as number, clock: 0, state: null }));
    ceri.sendAwareness(entries(padded));
    await waitFor(() => ceri.closed !== null, { what: 'the padded echo closed' });
    expect(ceri.closed).toEqual({ code: 1008, reason: 'Too many awareness states in one message' });
  }, 30_000);
});
