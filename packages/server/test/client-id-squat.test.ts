// A Yjs client id is visible to everyone before its first edit: a stock client publishes its
// presence under its document's client id. A hostile participant (valid token, raw Yjs) who writes
// something of their own under that id first must not become its owner: the person's own edits
// under it (written offline, or racing the squat) would then be left out of their sync step 2 for
// good, without a word, while their own copy shows them.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as core from '@coproduce/core';
import { Cleanup, waitFor } from './helpers.js';
import { startPolicyServer, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const BOB: Person = { id: 'bob', name: 'Bob', role: 'participant' };
const MAL: Person = { id: 'mallory', name: 'Mallory', role: 'participant' };

const presence = (person: Person) => ({ user: { id: person.id, name: person.name, colour: 'blue', role: person.role }, focus: null });

/** `attacker` writes an idea in their own name under `clientId`, past what the room has of it. */
function squat(attacker: YClient, clientId: number, text: string): void {
  const forged = new Y.Doc();
  forged.clientID = clientId;
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(attacker.doc));
  const before = Y.encodeStateVector(forged);
  const session = new core.WorkshopSession(forged, { user: MAL, undo: false });
  core.addIdea(session, { boardId: 'main', text });
  attacker.sendUpdate(Y.encodeStateAsUpdate(forged, before));
  session.destroy();
  forged.destroy();
}

async function setUp() {
  const srv = await startPolicyServer(cleanup);
  const room = `squat-${Math.random().toString(36).slice(2)}`;
  const ceri = await YClient.connect(cleanup, srv.url, room, CERI);
  await ceri.accepted((s) => {
    core.createWorkshop(s.doc, { title: 'Park', origin: s.origin });
    core.createBoard(s, { id: 'main', title: 'Ideas' });
  });
  const mallory = await YClient.connect(cleanup, srv.url, room, MAL);
  return { srv, room, ceri, mallory };
}

const texts = (doc: Y.Doc): string[] => core.readBoard(doc, 'main').ideas.map((i) => i.text).sort();

describe('a client id seen in presence', () => {
  it('cannot be claimed by another person: the edits its owner wrote offline still reach the room', async () => {
    const { srv, room, ceri, mallory } = await setUp();
    // Bob opens the page and is seen (presence under his document's client id), then loses his
    // connection before he writes anything.
    const bob = await YClient.connect(cleanup, srv.url, room, BOB);
    const bobClient = bob.doc.clientID;
    bob.publish(presence(BOB));
    await waitFor(() => mallory.awareness.getStates().has(bobClient), { what: "Bob's presence at Mallory's" });
    bob.ws.terminate();
    await waitFor(() => !ceri.awareness.getStates().has(bobClient), { what: "Bob's presence gone" });
    // On the bus, Bob writes an idea.
    bob.session!.doc.transact(() => core.addIdea(bob.session!, { boardId: 'main', text: 'Benches by the pond' }));
    // Mallory, who saw his client id, writes something of her own under it first.
    squat(mallory, bobClient, 'Squatted');
    await mallory.sync();
    // Bob comes back with his copy: his idea reaches the room, and everyone sees the same board.
    const back = await YClient.connect(cleanup, srv.url, room, BOB, { doc: bob.doc });
    await back.sync();
    await waitFor(
      async () => {
        await ceri.sync();
        return texts(ceri.doc).includes('Benches by the pond');
      },
      { timeout: 10_000, interval: 100, what: "Bob's offline idea in the room" },
    );
    expect(texts(ceri.doc)).not.toContain('Squatted');
    expect(texts(back.doc)).toEqual(texts(ceri.doc));
    const stored = await srv.stored(room);
    expect(texts(stored)).toEqual(['Benches by the pond']);
  });

  it('while its person is connected, an edit of theirs that races the squat is kept', async () => {
    const { srv, room, ceri, mallory } = await setUp();
    const bob = await YClient.connect(cleanup, srv.url, room, BOB);
    const bobClient = bob.doc.clientID;
    bob.publish(presence(BOB));
    await waitFor(() => mallory.awareness.getStates().has(bobClient), { what: "Bob's presence at Mallory's" });
    // Mallory's squat reaches the server just before Bob's first edit (both in flight at once: Bob
    // writes before the squat's relay reaches him).
    bob.ws.pause();
    squat(mallory, bobClient, 'Squatted');
    await mallory.sync();
    bob.session!.doc.transact(() => core.addIdea(bob.session!, { boardId: 'main', text: 'More shade' }));
    bob.ws.resume();
    await bob.sync();
    await waitFor(
      async () => {
        await ceri.sync();
        return texts(ceri.doc).includes('More shade');
      },
      { timeout: 10_000, interval: 100, what: "Bob's idea in the room" },
    );
    expect(texts(ceri.doc)).toEqual(['More shade']);
    expect(texts(bob.doc)).toEqual(texts(ceri.doc));
  });

  it('cannot be taken over through presence once its person has left: their offline edit still reaches the room', async () => {
    const { srv, room, ceri, mallory } = await setUp();
    const bob = await YClient.connect(cleanup, srv.url, room, BOB);
    const bobClient = bob.doc.clientID;
    bob.publish(presence(BOB));
    await waitFor(() => mallory.awareness.getStates().has(bobClient), { what: "Bob's presence at Mallory's" });
    bob.ws.terminate();
    await waitFor(() => !ceri.awareness.getStates().has(bobClient), { what: "Bob's presence gone" });
    bob.session!.doc.transact(() => core.addIdea(bob.session!, { boardId: 'main', text: 'Benches by the pond' }));
    // Mallory claims Bob's old client id in presence (past the clock of its removal), then writes
    // under it: the claim is dropped, so the id does not become hers to write under.
    const forged = new Y.Doc();
    forged.clientID = bobClient;
    const forgedPresence = new awarenessProtocol.Awareness(forged);
    for (let i = 0; i < 5; i++) forgedPresence.setLocalState(presence(MAL));
    mallory.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(forgedPresence, [bobClient]));
    squat(mallory, bobClient, 'Squatted');
    await mallory.sync();
    expect((ceri.awareness.getStates().get(bobClient) as { user?: { id: string } } | undefined)?.user?.id).not.toBe('mallory');
    // Bob comes back with his copy (the same person may take his id again): his idea reaches the room.
    const back = await YClient.connect(cleanup, srv.url, room, BOB, { doc: bob.doc });
    await back.sync();
    await waitFor(
      async () => {
        await ceri.sync();
        return texts(ceri.doc).includes('Benches by the pond');
      },
      { timeout: 10_000, interval: 100, what: "Bob's offline idea in the room" },
    );
    expect(texts(ceri.doc)).not.toContain('Squatted');
    forgedPresence.destroy();
    forged.destroy();
  });

  it('leaves with its connection also after a reconnect (no presence left behind)', async () => {
    const { srv, room, ceri } = await setUp();
    const first = await YClient.connect(cleanup, srv.url, room, BOB);
    const id = first.doc.clientID;
    first.publish(presence(BOB));
    await waitFor(() => ceri.awareness.getStates().has(id), { what: "Bob's presence" });
    first.ws.terminate();
    await waitFor(() => !ceri.awareness.getStates().has(id), { what: "Bob's presence removed" });
    // The same page comes back (its awareness goes on counting past the removal), then leaves again.
    const again = await YClient.connect(cleanup, srv.url, room, BOB, { doc: first.doc });
    for (let i = 0; i < 5; i++) again.awareness.setLocalState(presence(BOB));
    again.publish(presence(BOB));
    await waitFor(() => ceri.awareness.getStates().has(id), { what: "Bob's presence again" });
    again.ws.terminate();
    await waitFor(() => !ceri.awareness.getStates().has(id), { timeout: 10_000, what: "Bob's presence removed again" });
  });
});
