// A refused change loses nothing else: the server keeps the allowed part of a batch, turns the
// refused part into Yjs garbage (so the sender's later changes still follow on), tells the sender
// why, and makes the sender's own copy drop what the room does not have (policy/settle.ts).
// Real server, real sockets, raw Yjs clients; the "offline" device is a document that was synced,
// disconnected, edited, and connected again (the batch arrives as its sync step 2).
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { connect, type RefusalDetail } from '@coproduce/core/connection';
import { WebSocket } from 'ws';
import { Cleanup, waitFor } from './helpers.js';
import { startPolicyServer, tokenFor, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const SAM: Person = { id: 'sam', name: 'Sam', role: 'participant' };
const ANA: Person = { id: 'ana', name: 'Ana', role: 'participant' };
const OLU: Person = { id: 'olu', name: 'Olu', role: 'observer' };

let rooms = 0;

async function workshop() {
  const srv = await startPolicyServer(cleanup);
  const room = `settle-${++rooms}`;
  const ceri = await YClient.connect(cleanup, srv.url, room, CERI);
  await ceri.accepted((s) => {
    core.createWorkshop(s.doc, { title: 'Library', origin: s.origin });
    core.joinWorkshop(s);
    core.createBoard(s, { id: 'main', title: 'Ideas' });
    core.createPoll(s, { id: 'dots', title: 'Which first?', method: 'dots', options: ['Benches', 'Shade'], allowance: 3, open: true });
  });
  const ana = await YClient.connect(cleanup, srv.url, room, ANA);
  let anaIdea = '';
  await ana.accepted((s) => {
    core.joinWorkshop(s);
    anaIdea = core.addIdea(s, { boardId: 'main', text: 'Longer opening hours' });
  });
  const watcher = await YClient.connect(cleanup, srv.url, room, OLU);
  const options = (core.parsePoll(core.roots(ceri.doc).polls.get('dots')) as core.Poll).options as readonly core.PollOption[];
  return { srv, room, ceri, ana, anaIdea, watcher, options: options.map((o) => o.id) };
}

/** A new idea written straight into the document, as a device that skips the core's checks would. */
function rawIdea(doc: Y.Doc, id: string, boardId: string, text: string): void {
  const map = new Y.Map<unknown>();
  core.roots(doc).ideas.set(id, map);
  for (const [k, v] of Object.entries({ boardId, text, authorId: 'sam', status: 'published', createdAt: Date.now() })) map.set(k, v);
}

const idea = (doc: Y.Doc, id: string) => core.getRecord(core.roots(doc).ideas, id);
const ideaTexts = (doc: Y.Doc): string[] => core.readBoard(doc, 'main').ideas.map((i) => i.text).sort();
const ballotKeys = (doc: Y.Doc): string[] => [...core.roots(doc).ballots.keys()];

/** Sam's device: synced once, then offline (its socket closed) while `offline` runs on its document. */
async function offlineDevice(w: Awaited<ReturnType<typeof workshop>>, offline: (s: core.WorkshopSession, doc: Y.Doc) => void, meanwhile: () => Promise<void>) {
  const first = await YClient.connect(cleanup, w.srv.url, w.room, SAM);
  await first.accepted((s) => core.joinWorkshop(s));
  const doc = first.doc;
  first.ws.close();
  await waitFor(() => first.closed !== null, { what: 'socket closed' });
  doc.transact(() => offline(first.session as core.WorkshopSession, doc));
  await meanwhile();
  // Back online: the server's step 1 is answered with everything written offline, in one update.
  const again = await YClient.connect(cleanup, w.srv.url, w.room, SAM, { doc });
  return again;
}

describe('a refused part of a batch', () => {
  it('does not take the rest of an offline batch with it: the ideas are kept, the late ballot is not, and the voter is told', async () => {
    const w = await workshop();
    let ideaId = '';
    const sam = await offlineDevice(
      w,
      (s) => {
        ideaId = core.addIdea(s, { boardId: 'main', text: 'Quiet room upstairs' });
        core.addComment(s, { ideaId: w.anaIdea, text: 'Yes, and on Sundays' });
        core.castBallot(s, 'dots', { [w.options[0] as string]: 2 });
      },
      async () => {
        await w.ceri.accepted((s) => core.closePoll(s, 'dots'));
      },
    );
    expect(await sam.denied(0)).toBe('This vote is closed');
    await w.watcher.sync();
    const stored = await w.srv.stored(w.room);
    for (const doc of [w.watcher.doc, stored]) {
      expect(ideaTexts(doc)).toEqual(['Longer opening hours', 'Quiet room upstairs']);
      expect(core.readComments(doc, w.anaIdea).map((c) => c.text)).toEqual(['Yes, and on Sundays']);
      expect(ballotKeys(doc)).toEqual([]);
    }
    // Sam's own copy drops the ballot (nobody else has it) and keeps the idea.
    await waitFor(() => ballotKeys(sam.doc).length === 0, { what: 'the refused ballot to leave the voter’s copy' });
    expect(ideaTexts(sam.doc)).toContain('Quiet room upstairs');
    expect(ideaId).not.toBe('');
  });

  it('never wedges the sender: after a refusal its next changes are accepted, also after reconnecting with the same copy', async () => {
    const w = await workshop();
    const sam = await YClient.connect(cleanup, w.srv.url, w.room, SAM);
    await sam.accepted((s) => core.joinWorkshop(s));
    // Raw writes: the core operations would stop these on the device already.
    expect(await sam.refused((s, d) => core.getRecord(core.roots(d).ideas, w.anaIdea)!.set('text', 'Not mine to change'))).toBe('You can only change your own ideas');
    await sam.accepted((s) => core.addIdea(s, { boardId: 'main', text: 'Straight after' }));
    // The sender's copy shows the text it tried to overwrite again (the room wrote it back).
    await waitFor(() => idea(sam.doc, w.anaIdea)?.get('text') === 'Longer opening hours', { what: 'the overwritten text back on the sender' });
    // The same copy, reconnected (as a device with an offline copy would): nothing is refused again.
    sam.ws.close();
    await waitFor(() => sam.closed !== null, { what: 'socket closed' });
    const back = await YClient.connect(cleanup, w.srv.url, w.room, SAM, { doc: sam.doc });
    await back.accepted((s) => core.addIdea(s, { boardId: 'main', text: 'After reconnecting' }));
    expect(back.denials, back.denials.join('; ')).toEqual([]);
    await w.watcher.sync();
    expect(ideaTexts(w.watcher.doc)).toEqual(['After reconnecting', 'Longer opening hours', 'Straight after']);
  });

  it('settles a record holding a nested map with content, so the sender’s next changes follow on (no resync loop)', async () => {
    for (const variant of ['value', 'deeper map'] as const) {
      const w = await workshop();
      const sam = await YClient.connect(cleanup, w.srv.url, w.room, SAM);
      await sam.accepted((s) => core.joinWorkshop(s));
      // A modified client: an idea whose "tag" is a shared map with something inside it.
      const reason = await sam.refused((_s, d) => {
        const record = new Y.Map<unknown>();
        core.roots(d).ideas.set('nested1', record);
        for (const [k, v] of Object.entries({ boardId: 'main', text: 'Nested', authorId: 'sam', status: 'published', createdAt: Date.now() })) record.set(k, v);
        const inner = new Y.Map<unknown>();
        record.set('tag', inner);
        if (variant === 'value') inner.set('v', 1);
        else inner.set('deep', new Y.Map());
      });
      expect(reason).toMatch(/^Not in the workshop layout: /);
      // The refused tag is gone from the sender's copy; the idea itself is kept, without it.
      await waitFor(() => !(idea(sam.doc, 'nested1')?.get('tag') instanceof Y.Map), { what: 'the nested map to leave the sender’s copy' });
      const denied = sam.denials.length;
      await sam.accepted((s) => core.addIdea(s, { boardId: 'main', text: `Straight after (${variant})` }));
      await sam.accepted((s) => core.addIdea(s, { boardId: 'main', text: `And again (${variant})` }));
      expect(sam.denials.slice(denied)).toEqual([]);
      await w.watcher.sync();
      expect(ideaTexts(w.watcher.doc)).toEqual([`And again (${variant})`, 'Longer opening hours', 'Nested', `Straight after (${variant})`].sort());
      expect(idea(w.watcher.doc, 'nested1')?.has('tag')).toBe(false);
    }
  });

  it('keeps the next ballot after a refused first one (found by settle-property.test.ts)', async () => {
    const w = await workshop();
    const sam = await YClient.connect(cleanup, w.srv.url, w.room, SAM);
    await sam.accepted((s) => core.joinWorkshop(s));
    const key = core.ballotKey('dots', 'sam', String(sam.doc.clientID));
    // Over the allowance, written raw: refused, and nothing was at that key before (nothing to restore).
    const over = { [w.options[0] as string]: 3, [w.options[1] as string]: 1 };
    expect(await sam.refused((s, d) => core.roots(d).ballots.set(key, { choices: over, updatedAt: Date.now() }))).toMatch(/^Ballot refused/);
    await waitFor(() => !core.roots(sam.doc).ballots.has(key), { what: 'the refused ballot to leave the voter’s copy' });
    // Yjs writes the next ballot after the refused one: it must not be thrown away with it.
    const denied = sam.denials.length;
    await sam.accepted((s) => core.castBallot(s, 'dots', { [w.options[0] as string]: 2 }));
    await w.watcher.sync();
    const expected = { choices: { [w.options[0] as string]: 2 } };
    expect(core.roots(w.watcher.doc).ballots.get(key)).toMatchObject(expected);
    expect(core.roots(await w.srv.stored(w.room)).ballots.get(key)).toMatchObject(expected);
    expect(core.roots(sam.doc).ballots.get(key)).toMatchObject(expected);
    expect(sam.denials.slice(denied)).toEqual([]);
  });

  it('keeps what is allowed when a refused deletion and an allowed idea travel together', async () => {
    const w = await workshop();
    const sam = await offlineDevice(
      w,
      (s, doc) => {
        core.addIdea(s, { boardId: 'main', text: 'Book swap shelf' });
        core.roots(doc).ideas.delete(w.anaIdea);
      },
      async () => undefined,
    );
    expect(await sam.denied(0)).toMatch(/only delete your own/i);
    await w.watcher.sync();
    expect(ideaTexts(w.watcher.doc)).toEqual(['Book swap shelf', 'Longer opening hours']);
    expect(ideaTexts(await w.srv.stored(w.room))).toEqual(['Book swap shelf', 'Longer opening hours']);
    // Yjs cannot undelete: the room writes Ana's idea again, so Sam's copy has it back (same id, same fields)…
    await waitFor(() => ideaTexts(sam.doc).includes('Longer opening hours'), { what: 'the deleted idea back on the sender' });
    expect(idea(sam.doc, w.anaIdea)?.get('authorId')).toBe('ana');
    // …and that copy, reconnected, has nothing left to be refused.
    sam.ws.close();
    await waitFor(() => sam.closed !== null, { what: 'socket closed' });
    const back = await YClient.connect(cleanup, w.srv.url, w.room, SAM, { doc: sam.doc });
    await back.sync();
    expect(back.denials).toEqual([]);
    expect(ideaTexts(w.watcher.doc)).toEqual(['Book swap shelf', 'Longer opening hours']);
  });

  it('turns a new record on a locked board into garbage, fields and all, and keeps the sender able to write elsewhere', async () => {
    const w = await workshop();
    await w.ceri.accepted((s) => {
      core.createBoard(s, { id: 'other', title: 'Other ideas' });
      core.lockElement(s, 'main', 'Time to vote');
    });
    const sam = await YClient.connect(cleanup, w.srv.url, w.room, SAM);
    await sam.accepted((s) => core.joinWorkshop(s));
    expect(await sam.refused((s, d) => rawIdea(d, 'tooolatetoooolate', 'main', 'Too late'))).toBe('This board is locked by the facilitator: Time to vote');
    await waitFor(() => !ideaTexts(sam.doc).includes('Too late'), { what: 'the refused idea to leave the sender’s copy' });
    await sam.accepted((s) => core.addIdea(s, { boardId: 'other', text: 'On the open board' }));
    await w.watcher.sync();
    expect(ideaTexts(w.watcher.doc)).toEqual(['Longer opening hours']);
    expect(core.readBoard(w.watcher.doc, 'other').ideas.map((i) => i.text)).toEqual(['On the open board']);
    // Nothing of the refused record is in the room: no idea entry, no stray fields.
    expect([...core.roots(w.watcher.doc).ideas.keys()]).toHaveLength(2);
  });

  it('makes the whole batch garbage when what is left would not stand on its own (a comment on a refused idea)', async () => {
    const w = await workshop();
    await w.ceri.accepted((s) => core.lockElement(s, 'main', ''));
    const sam = await YClient.connect(cleanup, w.srv.url, w.room, SAM);
    await sam.accepted((s) => core.joinWorkshop(s));
    const reason = await sam.refused((s, d) => {
      // A new idea and a comment on it in one update; the idea is refused, so the comment has nothing to belong to.
      rawIdea(d, 'refusedidearefuse', 'main', 'Refused');
      const comment = new Y.Map<unknown>();
      core.roots(d).comments.set('commentoncomment1', comment);
      for (const [k, v] of Object.entries({ ideaId: 'refusedidearefuse', text: 'On the refused idea', authorId: 'sam', createdAt: Date.now() })) comment.set(k, v);
    });
    expect(reason).toBe('This board is locked by the facilitator');
    await w.watcher.sync();
    expect(core.roots(w.watcher.doc).comments.size).toBe(0);
    expect(ideaTexts(w.watcher.doc)).toEqual(['Longer opening hours']);
    await waitFor(() => core.roots(sam.doc).comments.size === 0, { what: 'the sender’s copy to drop the comment' });
    // Still not wedged.
    await w.ceri.accepted((s) => core.unlockElement(s, 'main'));
    await sam.sync();
    await sam.accepted((s) => core.addIdea(s, { boardId: 'main', text: 'Now it is open' }));
  });

  it('still refuses observers whole, and their history is not settled', async () => {
    const w = await workshop();
    const count = w.watcher.denials.length;
    w.watcher.doc.transact(() => core.roots(w.watcher.doc).ideas.set('x', new Y.Map()));
    expect(await w.watcher.denied(count)).toBe('Observers can watch but cannot change anything');
    const stored = await w.srv.stored(w.room);
    expect(Y.decodeStateVector(Y.encodeStateVector(stored)).has(w.watcher.doc.clientID)).toBe(false);
  });

  it('reaches the connection helper as a `refused` event, and the device’s copy matches the room afterwards', async () => {
    const w = await workshop();
    await w.ceri.accepted((s) => core.lockElement(s, 'main', 'Reading time'));
    const doc = new Y.Doc();
    const connection = connect({
      serverUrl: w.srv.url, room: w.room, token: await tokenFor(w.room, SAM), doc, WebSocketPolyfill: WebSocket, confirmDelayMs: 20,
    });
    cleanup.add(() => {
      connection.destroy();
      doc.destroy();
    });
    const refusals: RefusalDetail[] = [];
    connection.on('refused', (detail) => refusals.push(detail));
    await connection.whenSynced();
    const session = new core.WorkshopSession(doc, { user: SAM, undo: false });
    cleanup.add(() => session.destroy());
    core.joinWorkshop(session);
    doc.transact(() => rawIdea(doc, 'lockedboardideaa', 'main', 'Written as the lock arrived'));
    await waitFor(() => refusals.length > 0, { what: 'the refused event' });
    expect(refusals[0]?.reason).toBe('This board is locked by the facilitator: Reading time');
    expect(connection.lastRefusal).toBe(refusals[0]);
    await connection.whenConfirmed();
    await waitFor(() => ideaTexts(doc).length === 1, { what: 'the refused idea to go' });
    await w.watcher.sync();
    expect(ideaTexts(doc)).toEqual(ideaTexts(w.watcher.doc));
    expect(core.readPeople(w.watcher.doc).map((p) => p.name)).toContain('Sam');
  });
});
