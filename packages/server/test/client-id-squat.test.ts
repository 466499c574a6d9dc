// A Yjs client id is visible to everyone before its first edit: a stock client publishes its
// presence under its document's client id. A hostile participant (valid token, raw Yjs) who writes
// something of their own under that id first must not become its owner: the person's own edits
// under it (written offline, or racing the squat) would then be left out of their sync step 2 for
// good, without a word, while their own copy shows them.
import { afterEach, describe, expect, it } from 'vitest';
import * as core from '@coproduce/core';
import { Cleanup, waitFor } from './helpers.js';
import { YClient } from './policy-helpers.js';
import { BOB, MAL, forgedPresence, presence, squat, squatRoom, texts } from './squat-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const setUp = () => squatRoom(cleanup, 'squat');

/** Bob opens the page and is seen (presence under his document's client id), then loses his connection. */
async function bobSeenThenGone(url: string, room: string, ceri: YClient, mallory: YClient) {
  const bob = await YClient.connect(cleanup, url, room, BOB);
  const bobClient = bob.doc.clientID;
  bob.publish(presence(BOB));
  await waitFor(() => mallory.awareness.getStates().has(bobClient), { what: "Bob's presence at Mallory's" });
  bob.ws.terminate();
  await waitFor(() => !ceri.awareness.getStates().has(bobClient), { what: "Bob's presence gone" });
  return { bob, bobClient };
}

/** Bob comes back with his copy; resolves once his offline idea is in the room (as Ceri sees it). */
async function bobComesBack(url: string, room: string, bob: YClient, ceri: YClient): Promise<YClient> {
  const back = await YClient.connect(cleanup, url, room, BOB, { doc: bob.doc });
  await back.sync();
  await waitFor(
    async () => {
      await ceri.sync();
      return texts(ceri.doc).includes('Benches by the pond');
    },
    { timeout: 10_000, interval: 100, what: "Bob's offline idea in the room" },
  );
  return back;
}

describe('a client id seen in presence', () => {
  it('cannot be claimed by another person: the edits its owner wrote offline still reach the room', async () => {
    const { srv, room, ceri, mallory } = await setUp();
    // Bob opens the page and is seen (presence under his document's client id), then loses his
    // connection before he writes anything.
    const { bob, bobClient } = await bobSeenThenGone(srv.url, room, ceri, mallory);
    // On the bus, Bob writes an idea.
    bob.session!.doc.transact(() => core.addIdea(bob.session!, { boardId: 'main', text: 'Benches by the pond' }));
    // Mallory, who saw his client id, writes something of her own under it first.
    squat(mallory, bobClient, 'Squatted');
    await mallory.sync();
    // Bob comes back with his copy: his idea reaches the room, and everyone sees the same board.
    const back = await bobComesBack(srv.url, room, bob, ceri);
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
    const { bob, bobClient } = await bobSeenThenGone(srv.url, room, ceri, mallory);
    bob.session!.doc.transact(() => core.addIdea(bob.session!, { boardId: 'main', text: 'Benches by the pond' }));
    // Mallory claims Bob's old client id in presence (past the clock of its removal), then writes
    // under it: the claim is dropped, so the id does not become hers to write under.
    mallory.sendAwareness(forgedPresence(bobClient, presence(MAL)));
    squat(mallory, bobClient, 'Squatted');
    await mallory.sync();
    expect((ceri.awareness.getStates().get(bobClient) as { user?: { id: string } } | undefined)?.user?.id).not.toBe('mallory');
    // Bob comes back with his copy (the same person may take his id again): his idea reaches the room.
    await bobComesBack(srv.url, room, bob, ceri);
    expect(texts(ceri.doc)).not.toContain('Squatted');
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
