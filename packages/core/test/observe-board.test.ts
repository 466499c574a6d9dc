import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import {
  BoardObserver, addComment, addIdea, createCluster, deleteCluster, deleteIdea, editIdea, lockElement, moveIdea,
  observeBoard, readBoard, revealElement, roots, setLocalPresence, setSettings, toggleReaction, usersOfClients, type BoardChange, type BoardSnapshot,
} from '@coproduce/core';
import { fork, session, syncAll, workshop } from './helpers.js';

describe('observeBoard', () => {
  it('delivers the current snapshot at once, then one snapshot per relevant transaction', () => {
    const { doc, boardId } = workshop();
    const ana = session(doc, 'ana');
    const calls: [BoardSnapshot, BoardChange][] = [];
    const stop = observeBoard(doc, boardId, (s, c) => calls.push([s, c]), { session: ana });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[1].initial).toBe(true);
    const id = addIdea(ana, { boardId, text: 'hello' });
    expect(calls).toHaveLength(2);
    expect(calls[1]?.[1]).toMatchObject({ local: true, initial: false });
    expect(calls[1]?.[1].added.map((i) => i.id)).toEqual([id]);
    // A transaction that does not concern this board is not delivered.
    roots(doc).people.set('x', { name: 'X', colour: 'blue', joinedAt: 1, updatedAt: 1 });
    expect(calls).toHaveLength(2);
    stop();
    addIdea(ana, { boardId, text: 'after stop' });
    expect(calls).toHaveLength(2);
  });

  it('keeps object identity for unchanged ideas and rebuilds only changed ones (5,000 ideas)', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    const clusterId = createCluster(ana, { boardId, title: 'Group' });
    doc.transact(() => {
      for (let i = 0; i < 5000; i++) {
        const map = new Y.Map<unknown>();
        for (const [k, v] of Object.entries({ boardId, text: `Idea ${i}`, authorId: i % 2 ? 'ana' : 'ben', colour: 'yellow', tag: '', clusterId: null, status: 'published', createdAt: 1000 + i, updatedAt: 1000 + i })) map.set(k, v);
        roots(doc).ideas.set(`idea${i}`, map);
      }
    });
    const observer = new BoardObserver(doc, boardId, { session: ana });
    const first = observer.snapshot;
    expect(first.ideas).toHaveLength(5000);
    const changes: BoardChange[] = [];
    observer.subscribe((_, c) => changes.push(c), false);

    const start = performance.now();
    editIdea(ana, 'idea1', { text: 'Edited' });
    toggleReaction(ana, 'idea2', '👍');
    addComment(ana, { ideaId: 'idea3', text: 'c' });
    moveIdea(ana, 'idea4', clusterId);
    const elapsed = performance.now() - start;

    const second = observer.snapshot;
    expect(changes.map((c) => c.updated.map((i) => i.id))).toEqual([['idea1'], ['idea2'], ['idea3'], ['idea4']]);
    const changed = new Set(['idea1', 'idea2', 'idea3', 'idea4']);
    let same = 0;
    second.ideas.forEach((idea, i) => {
      if (changed.has(idea.id)) expect(idea).not.toBe(first.ideas[i]);
      else {
        expect(idea).toBe(first.ideas[i]);
        same++;
      }
    });
    expect(same).toBe(4996);
    expect(second.ideaById.get('idea2')?.reactions[0]).toMatchObject({ emoji: '👍', count: 1, mine: true });
    expect(second.ideaById.get('idea3')?.commentCount).toBe(1);
    expect(second.clusters[0]?.ideaIds).toEqual(['idea4']);
    expect(Object.isFrozen(second)).toBe(true);
    expect(Object.isFrozen(second.ideas)).toBe(true);
    expect(Object.isFrozen(second.ideas[0])).toBe(true);
    expect(elapsed).toBeLessThan(1500);

    // A change elsewhere in the doc keeps even the arrays.
    lockElement(fac, 'another-element', 'x');
    expect(observer.snapshot).toBe(second);
    observer.destroy();
  });

  it('marks local changes as local and remote ones as remote, with added/updated/removed lists', () => {
    const { doc, boardId } = workshop(1);
    const other = fork(doc, 2);
    const ana = session(doc, 'ana');
    const ben = session(other, 'ben');
    const changes: BoardChange[] = [];
    const stop = observeBoard(doc, boardId, (_, c) => changes.push(c), { session: ana, immediate: false });
    const mine = addIdea(ana, { boardId, text: 'mine' });
    syncAll(doc, other);
    const theirs = addIdea(ben, { boardId, text: 'theirs' });
    editIdea(ben, theirs, { text: 'theirs, edited' });
    syncAll(doc, other);
    deleteIdea(ben, theirs);
    syncAll(doc, other);
    ana.undo();
    stop();
    expect(changes.map((c) => [c.local, c.added.length, c.updated.length, c.removed.length])).toEqual([
      [true, 1, 0, 0],
      [false, 1, 0, 0],
      [false, 0, 0, 1],
      [true, 0, 0, 1],
    ]);
    expect(changes[1]?.added[0]).toMatchObject({ text: 'theirs, edited', authorId: 'ben' });
    // Who wrote: the Yjs client ids, which presence maps to people.
    expect(changes.map((c) => c.writers)).toEqual([[1], [2], [], []]);
    const awareness = new Awareness(other);
    setLocalPresence(awareness, { user: { id: 'ben', name: 'Ben', colour: 'green', role: 'participant' }, focus: null });
    expect(usersOfClients(awareness, changes[1]?.writers ?? []).map((u) => u.name)).toEqual(['Ben']);
    awareness.destroy();
    expect(changes[3]?.removed[0]?.id).toBe(mine);
  });

  it('reacts to group deletion, settings, reveal and role changes', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    const g = createCluster(ana, { boardId, title: 'g' });
    const a = addIdea(ana, { boardId, text: 'a', clusterId: g });
    const b = addIdea(ben, { boardId, text: 'b' });
    const observer = new BoardObserver(doc, boardId, { session: ana });
    deleteCluster(ben, g);
    expect(observer.snapshot.ungroupedIdeaIds).toEqual([a, b]);
    setSettings(fac, { privateWriting: true });
    expect(observer.snapshot.ideas.map((i) => i.id)).toEqual([a]);
    expect(observer.snapshot.hiddenIdeaCount).toBe(1);
    revealElement(fac, boardId);
    expect(observer.snapshot.ideas.map((i) => i.id)).toEqual([a, b]);
    expect(observer.snapshot.revealed).toBe(true);
    setSettings(fac, { anonymous: true });
    expect(observer.snapshot.ideaById.get(b)?.authorId).toBeNull();
    expect(observer.snapshot.ideaById.get(a)?.authorId).toBe('ana');
    observer.destroy();
  });

  it('matches a fresh readBoard after every transaction (random edits)', () => {
    const { doc, boardId } = workshop();
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    const observer = new BoardObserver(doc, boardId, { viewer: ana.viewer });
    const ids: string[] = [];
    const clusters: string[] = [];
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 300; step++) {
      const who = rand(2) === 0 ? ana : ben;
      const pick = <T>(list: T[]): T | undefined => list[rand(Math.max(1, list.length))];
      const idea = pick(ids);
      switch (rand(7)) {
        case 0: ids.push(addIdea(who, { boardId, text: `idea ${step}` })); break;
        case 1: if (idea !== undefined) moveIdea(who, idea, pick(clusters) ?? null); break;
        case 2: clusters.push(createCluster(who, { boardId, title: `g${step}` })); break;
        case 3: if (idea !== undefined) toggleReaction(who, idea, '🎉'); break;
        case 4: if (idea !== undefined) addComment(who, { ideaId: idea, text: 'c' }); break;
        case 5: { const g = clusters.pop(); if (g !== undefined) deleteCluster(who, g); break; }
        case 6: if (idea !== undefined && readBoard(doc, boardId).ideaById.get(idea)?.authorId === who.user.id) { deleteIdea(who, idea); ids.splice(ids.indexOf(idea), 1); } break;
      }
      const fresh = readBoard(doc, boardId, { viewer: ana.viewer });
      expect(JSON.stringify({ ...observer.snapshot, ideaById: null })).toBe(JSON.stringify({ ...fresh, ideaById: null }));
    }
    observer.destroy();
  });
});
