// The policy reads an update's delete set as sent: a crafted one may repeat or overlap its ranges
// (Yjs applies it all the same). The analysis must see each deleted item once, and do work that
// follows the items, not ranges × items (a 1.2 MB update of 60,000 items and 30,000 ranges held the
// event loop for 11 s; `bench/policy.bench.mjs` measures the cost).
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { analyseUpdate } from '../src/policy/analyse.js';
import { workshopPolicy, type UpdateDecision } from '../src/index.js';

/** A v1 update with no structs and `ranges` (repeated as given) for `client` in its delete set. */
function deletesOnly(client: number, ranges: readonly { clock: number; len: number }[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 0); // no structs
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoder.resetDsCurVal();
  encoding.writeVarUint(encoder.restEncoder, client);
  encoding.writeVarUint(encoder.restEncoder, ranges.length);
  for (const { clock, len } of ranges) {
    encoder.writeDsClock(clock);
    encoder.writeDsLen(len);
  }
  return encoder.toUint8Array();
}

function roomWithIdeas(count: number) {
  const doc = new Y.Doc();
  const fac = new core.WorkshopSession(doc, { user: { id: 'fac', name: 'Fac', role: 'facilitator' }, undo: false });
  core.createWorkshop(doc, { title: 'T', origin: fac.origin });
  core.createBoard(fac, { id: 'main', title: 'Ideas' });
  const author = new Y.Doc();
  Y.applyUpdate(author, Y.encodeStateAsUpdate(doc));
  const session = new core.WorkshopSession(author, { user: { id: 'ana', name: 'Ana', role: 'participant' }, undo: false });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(core.addIdea(session, { boardId: 'main', text: `Idea ${i}` }));
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(author, Y.encodeStateVector(doc)));
  return { doc, author, ids };
}

describe('a delete set with repeated and overlapping ranges', () => {
  it('counts each deleted item once', () => {
    const { doc, author, ids } = roomWithIdeas(5);
    const state = Y.getState(doc.store, author.clientID);
    const ranges = Array.from({ length: 4000 }, (_, i) => ({ clock: i % 3, len: state - (i % 3) }));
    const analysis = analyseUpdate(doc, deletesOnly(author.clientID, ranges));
    const ideas = analysis.roots.get('ideas');
    expect([...(ideas?.keys() ?? [])].sort()).toEqual([...ids].sort());
    for (const change of ideas?.values() ?? []) expect(change.deleted).toHaveLength(1);
  });

  it('is judged like the same deletions sent once: the author may delete her ideas, another person may not', () => {
    const { doc, author, ids } = roomWithIdeas(3);
    const state = Y.getState(doc.store, author.clientID);
    const update = deletesOnly(author.clientID, Array.from({ length: 3000 }, () => ({ clock: 0, len: state })));
    const policy = workshopPolicy();
    const check = (userId: string): UpdateDecision =>
      policy.checkUpdate({ room: 'r', doc, user: { userId, name: userId, role: 'participant' }, update, kind: 'sync-update', connectionId: 1 }) as UpdateDecision;
    expect(check('ana')).toBeUndefined();
    expect(check('bea')).toMatchObject({ reason: 'You can only delete your own ideas' });
    Y.applyUpdate(doc, update);
    for (const id of ids) expect(core.roots(doc).ideas.has(id)).toBe(false);
  });

  it('of an update’s own new items (every other one deleted, 20,000 items): each is dead once and the rest stay', () => {
    const { doc } = roomWithIdeas(0);
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(writer);
    const map = writer.getMap('scratch');
    writer.transact(() => {
      for (let i = 0; i < 20_000; i++) map.set(`k${i}`, i);
    });
    writer.transact(() => {
      for (let i = 0; i < 20_000; i += 2) map.delete(`k${i}`);
    });
    const analysis = analyseUpdate(doc, Y.encodeStateAsUpdate(writer, before));
    const changes = [...(analysis.roots.get('scratch')?.values() ?? [])];
    expect(changes).toHaveLength(20_000);
    expect(changes.filter((c) => c.dead.length === 1 && c.added.length === 0)).toHaveLength(10_000);
    expect(changes.filter((c) => c.added.length === 1 && c.dead.length === 0)).toHaveLength(10_000);
  });
});
