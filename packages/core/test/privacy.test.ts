import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ERASURE_ORIGIN, addCard, addComment, addIdea, addPersona, castBallot, createCluster, createJourney, createPoll,
  editIdea, eraseParticipant, exportParticipant, isTombstoneId, joinWorkshop, readBoard, readJourney, readPeople,
  readPollResults, roots, setRole, toggleReaction,
} from '@coproduce/core';
import { fork, session, syncAll, workshop } from './helpers.js';

/** A workshop in which Ana took part in everything, next to Ben. */
function busyWorkshop() {
  const w = workshop(10);
  const { doc, fac, boardId } = w;
  const ana = session(doc, 'ana', 'participant', 'Ana Jones');
  const ben = session(doc, 'ben', 'participant', 'Ben');
  joinWorkshop(ana);
  joinWorkshop(ben);
  setRole(fac, 'ana', 'participant');
  const idea = addIdea(ana, { boardId, text: 'More benches on the high street' });
  const benIdea = addIdea(ben, { boardId, text: 'Trees' });
  addComment(ana, { ideaId: benIdea, text: 'Yes, shade in summer' });
  addComment(ben, { ideaId: idea, text: 'Agreed' });
  toggleReaction(ana, benIdea, '👍');
  toggleReaction(ben, idea, '❤️');
  const cluster = createCluster(ana, { boardId, title: 'Street furniture' });
  const voteId = createPoll(fac, { id: 'first', title: 'What first?', method: 'single', options: [{ id: 'a', label: 'Benches' }, { id: 'b', label: 'Trees' }], open: true });
  castBallot(ana, voteId, ['a']);
  castBallot(ben, voteId, ['b']);
  const mapId = createJourney(fac, { id: 'bins', title: 'Missed bin', stages: ['Notice'], lanes: [{ title: 'Actions', kind: 'actions' }] });
  const journey = readJourney(doc, mapId);
  const card = addCard(ana, { mapId, stageId: journey.stages[0]!.id, laneId: journey.lanes[0]!.id, text: 'Sees the full bin' });
  const persona = addPersona(ana, { mapId, name: 'Carer', description: 'Busy' });
  return { ...w, ana, ben, idea, benIdea, cluster, voteId, mapId, card, persona };
}

describe('eraseParticipant', () => {
  it('removes the name and role and puts one tombstone id where the user id was, keeping the workshop whole', () => {
    const w = busyWorkshop();
    const { doc } = w;
    const results = readPollResults(doc, w.voteId)!;
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const result = eraseParticipant(doc, 'ana');
    expect(origins).toEqual([ERASURE_ORIGIN]);
    expect(isTombstoneId(result.tombstoneId)).toBe(true);
    expect(result).toMatchObject({ person: true, role: true, ideas: 1, comments: 1, cards: 1, clusters: 1, personas: 1, reactions: 1, ballots: 1 });

    const r = roots(doc);
    expect(r.people.has('ana')).toBe(false);
    expect(r.roles.has('ana')).toBe(false);
    expect(readPeople(doc).map((p) => p.name)).not.toContain('Ana Jones');
    // Nothing in the document names her any more.
    expect(JSON.stringify(doc.toJSON())).not.toMatch(/"ana"|\|ana\||Ana Jones/);
    // The ideas stay, now written by nobody known; Ben's things are untouched.
    const board = readBoard(doc, 'main');
    expect(board.ideas.map((i) => i.text).sort()).toEqual(['More benches on the high street', 'Trees']);
    expect(board.ideas.find((i) => i.id === w.idea)!.authorId).toBe(result.tombstoneId);
    expect(board.ideas.find((i) => i.id === w.benIdea)!.authorId).toBe('ben');
    expect(r.reactions.has(`${w.idea}|ben|❤️`)).toBe(true);
    expect(r.reactions.has(`${w.benIdea}|${result.tombstoneId}|👍`)).toBe(true);
    // Her vote still counts, as an unnamed voter's.
    expect(readPollResults(doc, w.voteId)).toEqual(results);
    // She can no longer act as the author of what she wrote.
    expect(() => editIdea(w.ana, w.idea, { text: 'changed' })).toThrow();
  });

  it('is a no-op (but a valid one) for someone who never took part, and rejects bad ids', () => {
    const { doc } = workshop();
    const before = Y.encodeStateAsUpdate(doc);
    expect(eraseParticipant(doc, 'nobody')).toMatchObject({ person: false, role: false, ideas: 0, ballots: 0 });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(() => eraseParticipant(doc, 'not an id')).toThrow(TypeError);
    expect(() => eraseParticipant(doc, 'ana', { tombstoneId: 'ana' })).toThrow(TypeError);
  });

  it('drops the old values from the encoded document (garbage collection on)', () => {
    const w = busyWorkshop();
    eraseParticipant(w.doc, 'ana');
    const copy = fork(w.doc);
    const bytes = Buffer.from(Y.encodeStateAsUpdate(copy)).toString('utf8');
    expect(bytes).not.toContain('Ana Jones');
  });

  it('merges with a device that was offline during the erasure', () => {
    const w = busyWorkshop();
    const offline = fork(w.doc, 99);
    eraseParticipant(w.doc, 'ana', { tombstoneId: 'erased-fixed' });
    // meanwhile, offline, Ben adds an idea
    const ben = session(offline, 'ben', 'participant', 'Ben');
    addIdea(ben, { boardId: 'main', text: 'Bins' });
    syncAll(w.doc, offline);
    for (const doc of [w.doc, offline]) {
      expect(roots(doc).people.has('ana')).toBe(false);
      expect(readBoard(doc, 'main').ideas).toHaveLength(3);
    }
    expect(offline.getMap('ideas').toJSON()).toEqual(w.doc.getMap('ideas').toJSON());
  });
});

describe('exportParticipant', () => {
  it("exports everything tied to one user id, and nobody else's data", () => {
    const w = busyWorkshop();
    const data = exportParticipant(w.doc, 'ana', 42);
    expect(data).toMatchObject({ format: 'coproduce-participant-data', version: 1, userId: 'ana', workshop: 'Town centre', exportedAt: 42, role: 'participant' });
    expect(data.person).toMatchObject({ name: 'Ana Jones' });
    expect(data.ideas.map((i) => i.text)).toEqual(['More benches on the high street']);
    expect(data.comments.map((c) => c.text)).toEqual(['Yes, shade in summer']);
    expect(data.cards.map((c) => c.text)).toEqual(['Sees the full bin']);
    expect(data.clusters.map((c) => c.title)).toEqual(['Street furniture']);
    expect(data.personas.map((p) => p.name)).toEqual(['Carer']);
    expect(data.reactions).toEqual([{ ideaId: w.benIdea, emoji: '👍', at: expect.any(Number) }]);
    expect(data.ballots).toEqual([{ voteId: 'first', question: 'What first?', deviceId: expect.any(String), ballot: { choices: ['a'], updatedAt: expect.any(Number) } }]);
    const text = JSON.stringify(data);
    expect(text).not.toContain('Agreed'); // Ben's comment
    expect(text).not.toContain('"ben"');
    // plain JSON: survives a round trip unchanged
    expect(JSON.parse(text)).toEqual(data);
  });

  it('finds nothing after an erasure', () => {
    const w = busyWorkshop();
    eraseParticipant(w.doc, 'ana');
    const data = exportParticipant(w.doc, 'ana');
    expect(data).toMatchObject({ person: null, role: null, ideas: [], comments: [], cards: [], clusters: [], personas: [], reactions: [], ballots: [] });
  });
});
