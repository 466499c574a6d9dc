import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CoproduceError, WorkshopSession, addCard, addComment, addIdea, addLane, addStage, castBallot, createCluster,
  createJourney, createPoll, deleteCard, deleteCluster, deleteComment, deleteIdea, editIdea, lockElement, moveCard,
  moveCluster, moveIdea, readBoard, readComments, readJourney, readPoll, renameCluster, retractBallot, setEmotion,
  roots, toggleReaction, unlockElement, type TallyResults,
} from '@coproduce/core';
import { fork, workshop } from './helpers.js';

type Op = { peer: number; kind: number; a: number; b: number; text: string };

const opArb = (peers: number): fc.Arbitrary<Op> =>
  fc.record({
    peer: fc.nat(peers - 1),
    kind: fc.nat(19),
    a: fc.nat(50),
    b: fc.nat(50),
    text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  });

/** A network that delivers updates in random order, sometimes twice, sometimes late. */
class Network {
  readonly queues: Uint8Array[][];
  constructor(readonly docs: Y.Doc[]) {
    this.queues = docs.map(() => []);
    docs.forEach((doc, from) => doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'net') return;
      docs.forEach((_, to) => {
        if (to !== from) this.queues[to]?.push(update);
      });
    }));
  }

  deliverSome(pick: number): void {
    const to = pick % this.docs.length;
    const queue = this.queues[to] as Uint8Array[];
    if (queue.length === 0) return;
    const index = pick % queue.length;
    const [update] = queue.splice(index, 1);
    Y.applyUpdate(this.docs[to] as Y.Doc, update as Uint8Array, 'net');
    if (pick % 5 === 0) Y.applyUpdate(this.docs[to] as Y.Doc, update as Uint8Array, 'net'); // duplicate
  }

  deliverAll(): void {
    this.docs.forEach((doc, to) => {
      const queue = this.queues[to] as Uint8Array[];
      // Reverse order on purpose: later updates first.
      while (queue.length > 0) Y.applyUpdate(doc, queue.pop() as Uint8Array, 'net');
    });
  }
}

function apply(s: WorkshopSession, op: Op, boardId: string, voteId: string, mapId: string): void {
  const board = readBoard(s.doc, boardId);
  const ideas = board.ideas;
  const idea = ideas[op.a % Math.max(1, ideas.length)];
  const cluster = board.clusters[op.b % Math.max(1, board.clusters.length)];
  const journey = readJourney(s.doc, mapId);
  const stage = journey.stages[op.a % Math.max(1, journey.stages.length)];
  const lane = journey.lanes[op.b % Math.max(1, journey.lanes.length)];
  const cards = journey.cells.flatMap((c) => c.cards);
  const card = cards[op.b % Math.max(1, cards.length)];
  switch (op.kind) {
    case 0: case 1: addIdea(s, { boardId, text: op.text, colour: op.a % 2 ? 'blue' : 'pink' }); break;
    case 2: if (idea) editIdea(s, idea.id, { text: `${op.text}!`, tag: op.text.slice(0, 5) }); break;
    case 3: if (idea) moveIdea(s, idea.id, op.b % 3 === 0 ? null : (cluster?.id ?? null)); break;
    case 4: if (idea) deleteIdea(s, idea.id); break;
    case 5: createCluster(s, { boardId, title: op.text, index: op.a % 3 }); break;
    case 6: if (cluster) renameCluster(s, cluster.id, op.text); break;
    case 7: if (cluster) moveCluster(s, cluster.id, op.a % 4); break;
    case 8: if (cluster) deleteCluster(s, cluster.id); break;
    case 9: if (idea) toggleReaction(s, idea.id, op.a % 2 ? '👍' : '💡'); break;
    case 10: if (idea) addComment(s, { ideaId: idea.id, text: op.text }); break;
    case 11: if (idea) { const c = readComments(s.doc, idea.id)[0]; if (c) deleteComment(s, c.id); } break;
    case 12: castBallot(s, voteId, { a: op.a % 3, b: op.b % 3 }); break;
    case 13: retractBallot(s, voteId); break;
    case 14: if (op.a % 2) addStage(s, { mapId, title: op.text, index: op.b % 3 }); else addLane(s, { mapId, title: op.text }); break;
    case 15: if (stage && lane) addCard(s, { mapId, stageId: stage.id, laneId: lane.id, text: op.text, index: op.a % 2 }); break;
    case 16: if (card && stage) moveCard(s, card.id, { stageId: stage.id, index: op.a % 3 }); break;
    case 17: if (card) deleteCard(s, card.id); break;
    case 18: if (stage) setEmotion(s, { mapId, stageId: stage.id, value: (op.a % 5) - 2 }); break;
    case 19: if (op.a % 2) lockElement(s, boardId, 'pause'); else unlockElement(s, boardId); break;
  }
}

function snapshotJSON(doc: Y.Doc, boardId: string, voteId: string, mapId: string): string {
  return JSON.stringify({
    board: { ...readBoard(doc, boardId), ideaById: null },
    poll: readPoll(doc, voteId),
    journey: readJourney(doc, mapId),
  });
}

/** Which operation kinds succeeded at least once, so the property cannot pass vacuously. */
const succeeded = new Map<number, number>();

function runScenario(peers: number, ops: Op[], deliveries: number[]): void {
  const { doc: origin, fac, boardId } = workshop(10);
  const voteId = createPoll(fac, { id: 'v', title: 'Dots', method: 'dots', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], allowance: 3, perOptionCap: 2, open: true });
  const mapId = createJourney(fac, { id: 'm', title: 'Map', stages: ['Before', 'During'], lanes: [{ title: 'Actions', kind: 'actions' }] });
  const docs = Array.from({ length: peers }, (_, i) => fork(origin, 100 + i));
  const net = new Network(docs);
  // Peer 0 is a facilitator; the others are participants, and peers 1 and 2 are the same person on two devices.
  const sessions = docs.map((doc, i) => new WorkshopSession(doc, {
    user: { id: i === 0 ? 'fac' : i === 1 || i === 2 ? 'ana' : `p${i}`, name: 'P', role: i === 0 ? 'facilitator' : 'participant' },
    undo: false,
  }));
  ops.forEach((op, step) => {
    const s = sessions[op.peer] as WorkshopSession;
    try {
      let wrote = false;
      const onUpdate = (): void => {
        wrote = true;
      };
      s.doc.on('update', onUpdate);
      try {
        apply(s, op, boardId, voteId, mapId);
      } finally {
        s.doc.off('update', onUpdate);
      }
      if (wrote) succeeded.set(op.kind, (succeeded.get(op.kind) ?? 0) + 1);
    } catch (error) {
      if (!(error instanceof CoproduceError)) throw error;
    }
    net.deliverSome(deliveries[step % deliveries.length] ?? 0);
  });
  net.deliverAll();
  const [first, ...rest] = docs as [Y.Doc, ...Y.Doc[]];
  const expected = snapshotJSON(first, boardId, voteId, mapId);
  roots(first);
  for (const doc of rest) {
    roots(doc); // define every root type on this copy, so toJSON lists them all
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(first));
    expect(doc.toJSON()).toEqual(first.toJSON());
    expect(snapshotJSON(doc, boardId, voteId, mapId)).toBe(expected);
  }
  // Invariants of the merged document.
  const board = readBoard(first, boardId);
  const clusterIds = new Set(board.clusters.map((c) => c.id));
  for (const idea of board.ideas) expect(idea.clusterId === null || clusterIds.has(idea.clusterId)).toBe(true);
  expect(board.clusters.flatMap((c) => c.ideaIds).length + board.ungroupedIdeaIds.length).toBe(board.ideas.length);
  const results = readPoll(first, voteId).results as TallyResults;
  expect(results.voters.online).toBeLessThanOrEqual(new Set(sessions.map((x) => x.user.id)).size);
  expect(results.options.reduce((sum, o) => sum + o.online, 0)).toBeLessThanOrEqual(3 * results.voters.online);
  const journey = readJourney(first, mapId);
  const placed = journey.cells.flatMap((c) => c.cards).length + journey.unplacedCards.length;
  expect(placed).toBe([...first.getMap('cards').values()].length);
}

describe('convergence', () => {
  it('two peers converge after random operations delivered in random order with duplicates', () => {
    fc.assert(
      fc.property(fc.array(opArb(2), { minLength: 5, maxLength: 40 }), fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 }), (ops, deliveries) => {
        runScenario(2, ops, deliveries);
      }),
      { seed: 1337, numRuns: 60 },
    );
  });

  it('three peers converge (one person on two of them)', () => {
    fc.assert(
      fc.property(fc.array(opArb(3), { minLength: 5, maxLength: 50 }), fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), (ops, deliveries) => {
        runScenario(3, ops, deliveries);
      }),
      { seed: 90210, numRuns: 50 },
    );
    // Every kind of operation really ran in these scenarios.
    expect([...succeeded.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('keeps both changes when two people change different fields of one idea at once', () => {
    const { doc, boardId } = workshop(1);
    const ana = new WorkshopSession(doc, { user: { id: 'ana', name: 'Ana', role: 'participant' } });
    const ideaId = addIdea(ana, { boardId, text: 'Benchs' });
    const groupId = createCluster(ana, { boardId, title: 'Seating' });
    const other = fork(doc, 2);
    const ben = new WorkshopSession(other, { user: { id: 'ben', name: 'Ben', role: 'participant' } });
    editIdea(ana, ideaId, { text: 'Benches' });
    moveIdea(ben, ideaId, groupId);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    for (const d of [doc, other]) expect(readBoard(d, boardId).ideas[0]).toMatchObject({ text: 'Benches', clusterId: groupId });
  });

  it('two peers creating groups at the same position keep both, in a stable order', () => {
    const { doc, boardId } = workshop(1);
    const other = fork(doc, 2);
    const a = new WorkshopSession(doc, { user: { id: 'a', name: 'A', role: 'participant' } });
    const b = new WorkshopSession(other, { user: { id: 'b', name: 'B', role: 'participant' } });
    const first = createCluster(a, { boardId, title: 'A' });
    const second = createCluster(b, { boardId, title: 'B' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const order = readBoard(doc, boardId).clusters.map((c) => c.id);
    expect(order.sort()).toEqual([first, second].sort());
    expect(readBoard(other, boardId).clusters.map((c) => c.id)).toEqual(readBoard(doc, boardId).clusters.map((c) => c.id));
    // Moving the second between two tied keys re-spaces them so it lands where it was dropped.
    const [x, y] = readBoard(doc, boardId).clusters;
    const third = createCluster(a, { boardId, title: 'C' });
    moveCluster(a, third, 1);
    expect(readBoard(doc, boardId).clusters.map((c) => c.id)).toEqual([x?.id, third, y?.id]);
  });
});
