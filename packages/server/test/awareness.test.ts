// Awareness (presence) ownership, tested with raw clients: a connection publishes presence only for
// its own client id and only as the person its token names (checkPresence shape, id, name, role).
import * as awarenessProtocol from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Cleanup, stockClient, waitFor, whenSynced } from './helpers.js';
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
