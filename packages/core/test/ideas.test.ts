import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CoproduceError, addComment, addIdea, approveAllIdeas, approveIdea, createBoard, createCluster, deleteBoard,
  deleteCluster, deleteComment, deleteIdea, editComment, editIdea, linkCardToIdea, lockElement, moveCluster, moveIdea,
  readBoard, readComments, renameBoard, renameCluster, roots, setClusterCollapsed, setIdeaStatus, setRole, setSettings,
  toggleReaction, unlockElement, createJourney, addStage, addLane, addCard, moveBoard, readWorkshop,
} from '@coproduce/core';
import { expectRejected, session, workshop } from './helpers.js';

describe('ideas', () => {
  it('adds, edits, moves and deletes ideas, writing through the session origin', () => {
    const { doc, boardId } = workshop();
    const ana = session(doc, 'ana');
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const id = addIdea(ana, { boardId, text: '  More benches  ', colour: 'blue', tag: 'seating' });
    const idea = roots(doc).ideas.get(id) as Y.Map<unknown>;
    expect(idea.toJSON()).toMatchObject({ boardId, text: 'More benches', colour: 'blue', tag: 'seating', clusterId: null, status: 'published', authorId: 'ana' });
    expect(editIdea(ana, id, { text: 'More benches in the shade' })).toBe(true);
    expect(editIdea(ana, id, { text: 'More benches in the shade' })).toBe(false);
    const cluster = createCluster(ana, { boardId, title: 'Seating' });
    expect(moveIdea(ana, id, cluster)).toBe(true);
    expect(readBoard(doc, boardId).clusters[0]?.ideaIds).toEqual([id]);
    expect(moveIdea(ana, id, null)).toBe(true);
    deleteIdea(ana, id);
    expect(roots(doc).ideas.has(id)).toBe(false);
    expect(origins.every((o) => o === ana.origin)).toBe(true);
    expect(origins).toHaveLength(6);
  });

  it('rejects invalid input without touching the document', () => {
    const { doc, boardId } = workshop();
    const ana = session(doc, 'ana');
    const id = addIdea(ana, { boardId, text: 'Keep' });
    expectRejected(doc, 'required', () => addIdea(ana, { boardId, text: '   ' }));
    const long = expectRejected(doc, 'too-long', () => addIdea(ana, { boardId, text: 'x'.repeat(2145) }));
    expect(long.message).toBe('Ideas can be up to 2,000 characters. This one has 2,145.');
    expectRejected(doc, 'too-long', () => addIdea(ana, { boardId, text: 'y'.repeat(100_000) }));
    expectRejected(doc, 'invalid-value', () => addIdea(ana, { boardId, text: 'ok', colour: 'chartreuse' as never }));
    expectRejected(doc, 'invalid-value', () => addIdea(ana, { boardId, text: 'bad\u0000byte' }));
    expectRejected(doc, 'invalid-value', () => addIdea(ana, { boardId, text: 'lone \ud83d surrogate' }));
    expectRejected(doc, 'too-long', () => addIdea(ana, { boardId, text: 'ok', tag: 't'.repeat(41) }));
    expectRejected(doc, 'invalid-id', () => addIdea(ana, { boardId: 'no spaces allowed', text: 'ok' }));
    expectRejected(doc, 'invalid-id', () => addIdea(ana, { boardId: '__proto__', text: 'ok' }));
    expectRejected(doc, 'invalid-id', () => addIdea(ana, { boardId: 'a|b', text: 'ok' }));
    expectRejected(doc, 'not-found', () => addIdea(ana, { boardId: 'missing', text: 'ok' }));
    expectRejected(doc, 'not-found', () => editIdea(ana, 'missing', { text: 'x' }));
    expectRejected(doc, 'too-long', () => editIdea(ana, id, { text: 'z'.repeat(2001) }));
    expectRejected(doc, 'not-found', () => moveIdea(ana, id, 'nocluster'));
    expectRejected(doc, 'invalid-value', () => toggleReaction(ana, id, '💩' as never));
    expectRejected(doc, 'invalid-value', () => addIdea(ana, { boardId, text: 123 as never }));
  });

  it('stores hostile strings as plain text and never pollutes prototypes', () => {
    const { doc, boardId } = workshop();
    const ana = session(doc, 'ana');
    const hostile = ['<script>alert("x")</script>', '__proto__', 'constructor', 'prototype', '<img src=x onerror=alert(1)>', '👍🏿 مرحبا ‮reversed', 'toString'];
    for (const text of hostile) {
      const id = addIdea(ana, { boardId, text, tag: text.slice(0, 40) });
      createCluster(ana, { boardId, title: text });
      addComment(ana, { ideaId: id, text });
    }
    const board = readBoard(doc, boardId);
    // Only the right-to-left override goes (see docs/document-model.md, "Text"): it would flip the text around the idea.
    const stored = hostile.map((text) => text.replace('\u202E', ''));
    expect(board.ideas.map((i) => i.text)).toEqual(stored);
    expect(board.clusters.map((c) => c.title).sort()).toEqual([...stored].sort());
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('lets only the author (or a facilitator) edit and delete, and anyone move', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    const id = addIdea(ana, { boardId, text: 'Ana idea' });
    const cluster = createCluster(ben, { boardId, title: 'Ben group' });
    const notAllowed = expectRejected(doc, 'not-allowed', () => editIdea(ben, id, { text: 'hijack' }));
    expect(notAllowed.message).toMatch(/person who wrote it or a facilitator/);
    expectRejected(doc, 'not-allowed', () => deleteIdea(ben, id));
    expectRejected(doc, 'not-allowed', () => setIdeaStatus(ana, id, 'pending'));
    expect(moveIdea(ben, id, cluster)).toBe(true);
    expect(editIdea(fac, id, { colour: 'green' })).toBe(true);
    deleteIdea(fac, id);
    expect(readBoard(doc, boardId).ideas).toHaveLength(0);
  });

  it('keeps observers read-only', () => {
    const { doc, boardId } = workshop();
    const ana = session(doc, 'ana');
    const olu = session(doc, 'olu', 'observer');
    const id = addIdea(ana, { boardId, text: 'x' });
    const error = expectRejected(doc, 'not-allowed', () => addIdea(olu, { boardId, text: 'x' }));
    expect(error.message).toBe("Observers can watch but can't add ideas.");
    expectRejected(doc, 'not-allowed', () => toggleReaction(olu, id, '👍'));
    expectRejected(doc, 'not-allowed', () => addComment(olu, { ideaId: id, text: 'hi' }));
    expectRejected(doc, 'not-allowed', () => createCluster(olu, { boardId, title: 'g' }));
  });

  it('blocks participants on a locked board with the facilitator’s reason, but not facilitators', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    const id = addIdea(ana, { boardId, text: 'before the lock' });
    lockElement(fac, boardId, 'Time to vote');
    const error = expectRejected(doc, 'locked', () => addIdea(ana, { boardId, text: 'late' }));
    expect(error.message).toContain('Time to vote');
    expect(error.details).toMatchObject({ elementId: boardId, reason: 'Time to vote' });
    expectRejected(doc, 'locked', () => editIdea(ana, id, { text: 'edit' }));
    expectRejected(doc, 'locked', () => moveIdea(ana, id, null));
    expectRejected(doc, 'locked', () => deleteIdea(ana, id));
    expectRejected(doc, 'locked', () => toggleReaction(ana, id, '👍'));
    expectRejected(doc, 'locked', () => addComment(ana, { ideaId: id, text: 'hi' }));
    expectRejected(doc, 'locked', () => createCluster(ana, { boardId, title: 'g' }));
    expect(readBoard(doc, boardId).lock).toMatchObject({ reason: 'Time to vote' });
    addIdea(fac, { boardId, text: 'facilitator note' });
    unlockElement(fac, boardId);
    addIdea(ana, { boardId, text: 'after' });
    expect(readBoard(doc, boardId).ideas).toHaveLength(3);
  });

  it('follows role changes made by a facilitator during the workshop', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    expectRejected(doc, 'not-allowed', () => renameBoard(ana, boardId, 'Mine'));
    setRole(fac, 'ana', 'facilitator');
    expect(ana.role).toBe('facilitator');
    expect(renameBoard(ana, boardId, 'Mine')).toBe(true);
    setRole(fac, 'ana', 'observer');
    expectRejected(doc, 'not-allowed', () => addIdea(ana, { boardId, text: 'x' }));
    setRole(fac, 'ana', null);
    expect(ana.role).toBe('participant');
  });

  it('holds participant ideas for approval when moderation is on', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    setSettings(fac, { moderation: true });
    const id = addIdea(ana, { boardId, text: 'needs approval' });
    addIdea(ana, { boardId, text: 'second' });
    expect(readBoard(doc, boardId, { viewer: ana.viewer }).ideas.map((i) => i.status)).toEqual(['pending', 'pending']);
    const forBen = readBoard(doc, boardId, { viewer: ben.viewer });
    expect(forBen.ideas).toHaveLength(0);
    expect(forBen.hiddenIdeaCount).toBe(2);
    expect(readBoard(doc, boardId, { viewer: fac.viewer }).pendingIdeaCount).toBe(2);
    expect(approveIdea(fac, id)).toBe(true);
    expect(readBoard(doc, boardId, { viewer: ben.viewer }).ideas.map((i) => i.id)).toEqual([id]);
    expect(approveAllIdeas(fac, boardId)).toBe(1);
    expect(readBoard(doc, boardId, { viewer: ben.viewer }).ideas).toHaveLength(2);
    expect(addIdea(fac, { boardId, text: 'facilitators skip the queue' })).toBeTruthy();
    expect(readBoard(doc, boardId).pendingIdeaCount).toBe(0);
  });

  it('hides others’ ideas during private writing until the board is revealed, and names when anonymous', async () => {
    const { doc, fac, boardId } = workshop();
    const { revealElement } = await import('@coproduce/core');
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    setSettings(fac, { privateWriting: true, anonymous: true });
    addIdea(ana, { boardId, text: 'ana' });
    addIdea(ben, { boardId, text: 'ben' });
    const forAna = readBoard(doc, boardId, { viewer: ana.viewer });
    expect(forAna.ideas.map((i) => i.text)).toEqual(['ana']);
    expect(forAna.ideas[0]).toMatchObject({ mine: true, authorId: 'ana' });
    expect(forAna.hiddenIdeaCount).toBe(1);
    revealElement(fac, boardId);
    const after = readBoard(doc, boardId, { viewer: ana.viewer });
    expect(after.revealed).toBe(true);
    expect(after.ideas.map((i) => [i.text, i.authorId, i.mine])).toEqual([['ana', 'ana', true], ['ben', null, false]]);
    expect(readBoard(doc, boardId).ideas.map((i) => i.authorId)).toEqual(['ana', 'ben']);
  });

  it('deleting an idea removes its comments, reactions and links', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    const id = addIdea(ana, { boardId, text: 'x' });
    const keep = addIdea(ana, { boardId, text: 'keep' });
    addComment(ben, { ideaId: id, text: 'nice' });
    addComment(ben, { ideaId: keep, text: 'stays' });
    toggleReaction(ben, id, '👍');
    toggleReaction(ben, keep, '👍');
    const mapId = createJourney(fac, { title: 'Journey' });
    const stageId = addStage(ana, { mapId, title: 'Arrive' });
    const laneId = addLane(ana, { mapId, title: 'Actions', kind: 'actions' });
    const cardId = addCard(ana, { mapId, stageId, laneId, text: 'Find the door' });
    linkCardToIdea(ana, cardId, id);
    deleteIdea(ana, id);
    const r = roots(doc);
    expect(r.comments.size).toBe(1);
    expect([...r.reactions.keys()]).toEqual([`${keep}|ben|👍`]);
    expect(r.links.size).toBe(0);
  });
});

describe('reactions and comments', () => {
  it('toggles one reaction per person and emoji and summarises them', () => {
    const { doc, boardId } = workshop();
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    const id = addIdea(ana, { boardId, text: 'x' });
    expect(toggleReaction(ana, id, '👍')).toBe(true);
    expect(toggleReaction(ben, id, '👍')).toBe(true);
    expect(toggleReaction(ben, id, '❤️')).toBe(true);
    expect(toggleReaction(ben, id, '👍', true)).toBe(true);
    expect(readBoard(doc, boardId, { viewer: ana.viewer }).ideas[0]?.reactions).toEqual([
      { emoji: '👍', label: 'Thumbs up', count: 2, mine: true },
      { emoji: '❤️', label: 'Heart', count: 1, mine: false },
    ]);
    expect(toggleReaction(ana, id, '👍')).toBe(false);
    expect(readBoard(doc, boardId).ideas[0]?.reactions.map((r) => r.count)).toEqual([1, 1]);
  });

  it('lets authors edit their comments and authors or facilitators delete them', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    const id = addIdea(ana, { boardId, text: 'x' });
    const c1 = addComment(ben, { ideaId: id, text: 'first' });
    const c2 = addComment(ana, { ideaId: id, text: 'second' });
    expectRejected(doc, 'not-allowed', () => editComment(ana, c1, 'changed'));
    expectRejected(doc, 'not-allowed', () => deleteComment(ana, c1));
    expectRejected(doc, 'too-long', () => addComment(ana, { ideaId: id, text: 'c'.repeat(1001) }));
    expect(editComment(ben, c1, 'first, edited')).toBe(true);
    deleteComment(fac, c2);
    expect(readComments(doc, id).map((c) => c.text)).toEqual(['first, edited']);
    expect(readBoard(doc, boardId).ideas[0]?.commentCount).toBe(1);
  });
});

describe('clusters and boards', () => {
  it('creates, renames, collapses, reorders and deletes groups', () => {
    const { doc, boardId } = workshop();
    const ana = session(doc, 'ana');
    const a = createCluster(ana, { boardId, title: 'A' });
    const b = createCluster(ana, { boardId, title: 'B' });
    const c = createCluster(ana, { boardId, title: 'C', index: 0 });
    expect(readBoard(doc, boardId).clusters.map((x) => x.title)).toEqual(['C', 'A', 'B']);
    moveCluster(ana, c, 5);
    expect(readBoard(doc, boardId).clusters.map((x) => x.title)).toEqual(['A', 'B', 'C']);
    moveCluster(ana, b, 0);
    expect(readBoard(doc, boardId).clusters.map((x) => x.id)).toEqual([b, a, c]);
    expect(renameCluster(ana, a, 'Alpha')).toBe(true);
    expect(setClusterCollapsed(ana, a, true)).toBe(true);
    const idea = addIdea(ana, { boardId, text: 'in A', clusterId: a });
    deleteCluster(ana, a);
    const board = readBoard(doc, boardId);
    expect(board.clusters.map((x) => x.id)).toEqual([b, c]);
    expect(board.ungroupedIdeaIds).toEqual([idea]);
    expect((roots(doc).ideas.get(idea) as Y.Map<unknown>).get('clusterId')).toBeNull();
    expectRejected(doc, 'required', () => createCluster(ana, { boardId, title: ' ' }));
    expectRejected(doc, 'invalid-value', () => moveCluster(ana, b, 1.5));
  });

  it('orders boards and deletes a board with everything on it', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    const second = createBoard(fac, { title: 'Second' });
    moveBoard(fac, second, 0);
    expect(readWorkshop(doc).boards.map((b) => b.id)).toEqual([second, boardId]);
    expectRejected(doc, 'already-exists', () => createBoard(fac, { id: boardId, title: 'dup' }));
    expectRejected(doc, 'not-allowed', () => createBoard(ana, { title: 'nope' }));
    const idea = addIdea(ana, { boardId, text: 'x' });
    addComment(ana, { ideaId: idea, text: 'c' });
    createCluster(ana, { boardId, title: 'g' });
    lockElement(fac, boardId, '');
    deleteBoard(fac, boardId);
    const r = roots(doc);
    expect([r.ideas.size, r.comments.size, r.clusters.size, r.locks.size, r.boards.size]).toEqual([0, 0, 0, 0, 1]);
    expect(readBoard(doc, boardId).exists).toBe(false);
  });

  it('throws CoproduceError with stable codes only', () => {
    const { doc } = workshop();
    const ana = session(doc, 'ana');
    try {
      addIdea(ana, { boardId: 'nope', text: 'x' });
    } catch (error) {
      expect(error).toBeInstanceOf(CoproduceError);
      expect((error as CoproduceError).toJSON()).toMatchObject({ name: 'CoproduceError', code: 'not-found', field: 'boardId' });
      return;
    }
    expect.unreachable();
  });
});
