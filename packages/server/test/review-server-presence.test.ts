// A connection that removes its own presence state gives its awareness client id up (so a page that
// writes on under a new Yjs client id moves its presence there). The id's person may still have
// changes under it that the room does not have yet (held back, or written offline): the id must not
// become someone else's, neither as presence nor, through presence, as a client id to write under.
import * as awarenessProtocol from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { MAX_PRESENCE_IDS_PER_CONNECTION, PRESENCE_ID_INTERVAL_MS } from '../src/limits.js';
import { Cleanup, waitFor } from './helpers.js';
import { YClient } from './policy-helpers.js';
import { BOB, MAL, forgedPresence, presence, squat, squatRoom, texts } from './squat-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const setUp = () => squatRoom(cleanup, 'give-up');

describe('a presence id its connection gave up', () => {
  it.each([
    ['her own presence', presence(MAL)],
    ['an empty state (which claims nothing)', {}],
  ])('cannot be taken by another person with %s to write under it: the changes its person has not delivered yet still reach the room', async (_, state) => {
    const { srv, room, ceri, mallory } = await setUp();
    const bob = await YClient.connect(cleanup, srv.url, room, BOB);
    const old = bob.doc.clientID;
    // Bob's page writes an idea under its client id that the room does not have yet (held back,
    // or written while the link was down): a copy of his document, not sent.
    const pending = new Y.Doc();
    pending.clientID = old;
    Y.applyUpdate(pending, Y.encodeStateAsUpdate(bob.doc));
    const pendingSession = new core.WorkshopSession(pending, { user: BOB, undo: false });
    core.addIdea(pendingSession, { boardId: 'main', text: 'Benches by the pond' });
    // He is seen under it, then his page moves its presence to a new client id: it removes its
    // state under the old one (the give-up), still connected.
    bob.publish(presence(BOB));
    await waitFor(() => mallory.awareness.getStates().has(old), { what: "Bob's presence at Mallory's" });
    bob.publish(null);
    await waitFor(() => !ceri.awareness.getStates().has(old), { what: "Bob's old presence removed" });

    // Mallory shows a state under the given-up id, then writes under it.
    mallory.sendAwareness(forgedPresence(old, state));
    squat(mallory, old, 'Squatted');
    await mallory.sync();

    // Bob's page delivers what it had under the old id: it reaches the room.
    bob.sendUpdate(Y.encodeStateAsUpdate(pending, Y.encodeStateVector(bob.doc)));
    await waitFor(
      async () => {
        await ceri.sync();
        return texts(ceri.doc).includes('Benches by the pond');
      },
      { timeout: 10_000, interval: 100, what: "Bob's idea in the room" },
    );
    expect(texts(ceri.doc)).not.toContain('Squatted');
    expect(texts(await srv.stored(room))).toEqual(['Benches by the pond']);
    // Nobody saw Mallory's presence under Bob's old id.
    expect((ceri.awareness.getStates().get(old) as { user?: unknown } | undefined)?.user).toBeUndefined();
    pendingSession.destroy();
    pending.destroy();
  });

  it('is refused to a state naming its former person (presence is checked against the sender’s own token)', async () => {
    const { srv, room, ceri, mallory } = await setUp();
    const bob = await YClient.connect(cleanup, srv.url, room, BOB);
    const old = bob.doc.clientID;
    bob.publish(presence(BOB));
    await waitFor(() => ceri.awareness.getStates().has(old), { what: "Bob's presence" });
    bob.publish(null);
    await waitFor(() => !ceri.awareness.getStates().has(old), { what: "Bob's old presence removed" });
    const before = mallory.denials.length;
    // Mallory, on her own client id, says she is Bob: refused with a reason.
    mallory.sendAwareness(forgedPresence(mallory.doc.clientID, presence(BOB)));
    expect(await mallory.denied(before)).toMatch(/presence/i);
    expect([...ceri.awareness.getStates().values()].some((s) => (s as { user?: { id?: string } }).user?.id === 'bob')).toBe(false);
  });

  it('may be claimed again by the same page (its person shows again under it)', async () => {
    const { srv, room, ceri } = await setUp();
    const bob = await YClient.connect(cleanup, srv.url, room, BOB);
    const id = bob.doc.clientID;
    bob.publish(presence(BOB));
    await waitFor(() => ceri.awareness.getStates().has(id), { what: "Bob's presence" });
    bob.publish(null);
    await waitFor(() => !ceri.awareness.getStates().has(id), { what: "Bob's presence removed" });
    bob.publish(presence(BOB));
    await waitFor(() => ceri.awareness.getStates().has(id), { what: "Bob's presence back" });
    await bob.accepted((s) => core.addIdea(s, { boardId: 'main', text: 'A bandstand' }));
    await ceri.sync();
    expect(texts(ceri.doc)).toEqual(['A bandstand']);
  });

  it('does not let one connection cycle through client ids (claim, give up, claim another) faster than its allowance', async () => {
    const { ceri, mallory } = await setUp();
    const seen = new Set<number>();
    ceri.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      for (const id of added.concat(updated)) seen.add(id);
    });
    const started = performance.now();
    for (let i = 0; i < 30; i++) {
      const doc = new Y.Doc();
      const awareness = new awarenessProtocol.Awareness(doc);
      awareness.setLocalState(presence(MAL));
      mallory.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
      awareness.setLocalState(null);
      mallory.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
      awareness.destroy();
      doc.destroy();
    }
    // Her last message is answered once everything before it has been handled.
    await mallory.sync();
    await ceri.sync();
    // Presence is relayed in batches (50 ms): let the last one out.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const elapsed = performance.now() - started;
    expect(mallory.closed).toBeNull();
    expect(seen.size).toBeGreaterThan(0);
    // Ids given up are held no more, but new ones past the first few come at a rate (one per
    // PRESENCE_ID_INTERVAL_MS): all at once, she gets no further than that.
    expect(seen.size).toBeLessThanOrEqual(MAX_PRESENCE_IDS_PER_CONNECTION + Math.floor(elapsed / PRESENCE_ID_INTERVAL_MS));
  });
});
