import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CoproduceError, WorkshopSession, addCard, addIdea, addLane, addPersona, addStage, createJourney, deleteCard,
  deleteLane, deletePersona, deleteStage, editCard, editPersona, findCell, linkCardToIdea, moveCard, moveLane,
  moveStage, readJourney, renameLane, renameStage, roots, setEmotion, setJourneyPersona, setLaneKind,
  unlinkCardFromIdea, LANE_KINDS, type JourneySnapshot,
} from '@coproduce/core';
import { fork, workshop } from './helpers.js';

/** A network that delivers each peer's updates to the others in random order, sometimes twice. */
class Network {
  readonly queues: Uint8Array[][];
  constructor(readonly docs: Y.Doc[]) {
    this.queues = docs.map(() => []);
    docs.forEach((doc, from) =>
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'net') return;
        docs.forEach((_, to) => {
          if (to !== from) this.queues[to]?.push(update);
        });
      }),
    );
  }

  deliverSome(pick: number): void {
    const to = pick % this.docs.length;
    const queue = this.queues[to] as Uint8Array[];
    if (queue.length === 0) return;
    const [update] = queue.splice(pick % queue.length, 1);
    Y.applyUpdate(this.docs[to] as Y.Doc, update as Uint8Array, 'net');
    if (pick % 7 === 0) Y.applyUpdate(this.docs[to] as Y.Doc, update as Uint8Array, 'net');
  }

  deliverAll(): void {
    this.docs.forEach((doc, to) => {
      const queue = this.queues[to] as Uint8Array[];
      while (queue.length > 0) Y.applyUpdate(doc, queue.pop() as Uint8Array, 'net');
    });
  }
}

interface Op {
  readonly peer: number;
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly text: string;
}

const KINDS = 21;
const opArb = (peers: number): fc.Arbitrary<Op> =>
  fc.record({
    peer: fc.nat(peers - 1),
    kind: fc.nat(KINDS - 1),
    a: fc.nat(40),
    b: fc.nat(40),
    c: fc.nat(40),
    text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
  });

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** Runs one random operation of the journey map API; returns nothing, throws only CoproduceErrors. */
function apply(s: WorkshopSession, op: Op, mapId: string, ideaIds: readonly string[]): void {
  const j = readJourney(s.doc, mapId, { viewer: s.viewer });
  const stage = pick(j.stages, op.a);
  const lane = pick(j.lanes, op.b);
  const cards = [...j.cells.flatMap((c) => c.cards), ...j.unplacedCards];
  const card = pick(cards, op.c);
  const persona = pick(j.personas, op.a);
  switch (op.kind) {
    case 0: addStage(s, { mapId, title: op.text, index: op.a % 4 }); break;
    case 1: if (stage) renameStage(s, stage.id, op.text); break;
    case 2: if (stage) moveStage(s, stage.id, op.b % 4); break;
    case 3: if (stage) deleteStage(s, stage.id); break;
    case 4: addLane(s, { mapId, title: op.text, kind: LANE_KINDS[op.b % LANE_KINDS.length] }); break;
    case 5: if (lane) renameLane(s, lane.id, op.text); break;
    case 6: if (lane) moveLane(s, lane.id, op.a % 3); break;
    case 7: if (lane) deleteLane(s, lane.id); break;
    case 8: if (lane) setLaneKind(s, lane.id, LANE_KINDS[op.c % LANE_KINDS.length] as (typeof LANE_KINDS)[number]); break;
    case 9: case 10: if (stage && lane) addCard(s, { mapId, stageId: stage.id, laneId: lane.id, text: op.text, index: op.c % 3 }); break;
    case 11: if (card) editCard(s, card.id, `${op.text}.`); break;
    case 12: if (card && stage && lane) moveCard(s, card.id, { stageId: stage.id, laneId: lane.id, index: op.c % 3 }); break;
    case 13: {
      // Reorder within the fullest cell.
      const cell = [...j.cells].sort((x, y) => y.cards.length - x.cards.length)[0];
      const inCell = cell === undefined ? undefined : pick(cell.cards, op.c);
      if (inCell) moveCard(s, inCell.id, { index: op.a % 3 });
      break;
    }
    case 14: if (card) deleteCard(s, card.id); break;
    case 15: if (stage) setEmotion(s, { mapId, stageId: stage.id, personaId: op.c % 3 === 0 ? (persona?.id ?? null) : null, value: op.b % 6 === 5 ? null : (op.b % 5) - 2 }); break;
    case 16: addPersona(s, { mapId, name: op.text, needs: op.text }); break;
    case 17: if (persona) (op.b % 3 === 0 ? deletePersona(s, persona.id) : editPersona(s, persona.id, { description: op.text })); break;
    case 18: { const idea = pick(ideaIds, op.a); if (card && idea) linkCardToIdea(s, card.id, idea); break; }
    case 19: { const idea = pick(ideaIds, op.a); if (card && idea) unlinkCardFromIdea(s, card.id, idea); break; }
    case 20: setJourneyPersona(s, mapId, op.b % 2 ? (persona?.id ?? null) : null); break;
  }
}

/** Every card record of the map shows up exactly once: in its cell, or as unplaced. */
function expectNothingLost(doc: Y.Doc, mapId: string, j: JourneySnapshot): void {
  let records = 0;
  for (const [, value] of roots(doc).cards) if (value instanceof Y.Map && value.get('mapId') === mapId) records++;
  const shown = [...j.cells.flatMap((c) => c.cards), ...j.unplacedCards].map((c) => c.id);
  expect(new Set(shown).size).toBe(shown.length);
  expect(shown.length).toBe(records);
  const stageIds = new Set(j.stages.map((s) => s.id));
  const laneIds = new Set(j.lanes.map((l) => l.id));
  for (const cell of j.cells) {
    expect(stageIds.has(cell.stageId) && laneIds.has(cell.laneId)).toBe(true);
    for (const card of cell.cards) expect([card.stageId, card.laneId]).toEqual([cell.stageId, cell.laneId]);
  }
  for (const card of j.unplacedCards) expect(stageIds.has(card.stageId) && laneIds.has(card.laneId)).toBe(false);
  for (const e of j.emotions) expect(Number.isInteger(e.value) && e.value >= -2 && e.value <= 2).toBe(true);
  const ideas = new Set(j.linkedIdeas.map((i) => i.id));
  for (const c of [...j.cells.flatMap((cell) => cell.cards), ...j.unplacedCards]) for (const id of c.linkedIdeaIds) expect(ideas.has(id)).toBe(true);
}

const succeeded = new Map<number, number>();

function scenario(peers: number, ops: readonly Op[], deliveries: readonly number[]): void {
  const { doc: origin, fac, boardId } = workshop(10);
  const mapId = createJourney(fac, {
    id: 'journey',
    title: 'Blue badge',
    stages: ['Find out', 'Apply', 'Wait'],
    lanes: [{ title: 'Actions', kind: 'actions' }, { title: 'Pain points', kind: 'painPoints' }],
  });
  const ideaIds = [addIdea(fac, { boardId, text: 'Text updates' }), addIdea(fac, { boardId, text: 'Phone line' })];
  // A few cards, a persona and a link to start from, so edits often meet each other.
  const start = readJourney(origin, mapId);
  const [s0, s1] = start.stages as [{ id: string }, { id: string }];
  const [l0, l1] = start.lanes as [{ id: string }, { id: string }];
  const firstCard = addCard(fac, { mapId, stageId: s0.id, laneId: l0.id, text: 'Searches the council website' });
  addCard(fac, { mapId, stageId: s0.id, laneId: l0.id, text: 'Asks a friend' });
  addCard(fac, { mapId, stageId: s1.id, laneId: l1.id, text: 'The form times out' });
  addPersona(fac, { mapId, name: 'Mair, 74' });
  linkCardToIdea(fac, firstCard, ideaIds[0] as string);
  const docs = Array.from({ length: peers }, (_, i) => fork(origin, 200 + i));
  const net = new Network(docs);
  // Peer 0 is the facilitator, 1 and 2 the same participant on two devices, the rest other participants.
  const sessions = docs.map((doc, i) => new WorkshopSession(doc, {
    user: { id: i === 0 ? 'fac' : i <= 2 ? 'ana' : `p${i}`, name: 'P', role: i === 0 ? 'facilitator' : 'participant' },
    undo: false,
  }));
  ops.forEach((op, step) => {
    const s = sessions[op.peer] as WorkshopSession;
    let wrote = false;
    const onUpdate = (): void => {
      wrote = true;
    };
    s.doc.on('update', onUpdate);
    try {
      apply(s, op, mapId, ideaIds);
    } catch (error) {
      if (!(error instanceof CoproduceError)) throw error;
    } finally {
      s.doc.off('update', onUpdate);
    }
    if (wrote) succeeded.set(op.kind, (succeeded.get(op.kind) ?? 0) + 1);
    net.deliverSome(deliveries[step % deliveries.length] ?? 0);
  });
  net.deliverAll();
  const [first, ...rest] = docs as [Y.Doc, ...Y.Doc[]];
  const expected = JSON.stringify(readJourney(first, mapId));
  for (const doc of rest) {
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(first));
    expect(JSON.stringify(readJourney(doc, mapId))).toBe(expected);
  }
  expectNothingLost(first, mapId, readJourney(first, mapId));
}

describe('journey maps converge', () => {
  it('whatever order several people’s edits arrive in (seeded random runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((peers) =>
          fc.tuple(fc.constant(peers), fc.array(opArb(peers), { minLength: 5, maxLength: 60 }), fc.array(fc.nat(1000), { minLength: 1, maxLength: 30 })),
        ),
        ([peers, ops, deliveries]) => scenario(peers, ops, deliveries),
      ),
      { seed: 20261129, numRuns: 150 },
    );
    // Every kind of operation really ran at least once, so the property does not pass vacuously.
    for (let kind = 0; kind < KINDS; kind++) expect(succeeded.get(kind) ?? 0, `operation kind ${kind}`).toBeGreaterThan(0);
  });

  it('lets one whole move win when several people move the same card at once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ stage: fc.nat(2), lane: fc.nat(2), index: fc.nat(2) }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 10 }),
        (moves, deliveries) => {
          const { doc: origin, fac } = workshop(10);
          const mapId = createJourney(fac, {
            id: 'm',
            title: 'Map',
            stages: ['A', 'B', 'C'],
            lanes: [{ title: 'Do', kind: 'actions' }, { title: 'Think', kind: 'thoughts' }, { title: 'Hurt', kind: 'painPoints' }],
          });
          const j0 = readJourney(origin, mapId);
          const card = addCard(fac, { mapId, stageId: (j0.stages[0] as { id: string }).id, laneId: (j0.lanes[0] as { id: string }).id, text: 'Moved about' });
          // Neighbours in every cell, so positions matter too.
          for (const stage of j0.stages) for (const lane of j0.lanes) addCard(fac, { mapId, stageId: stage.id, laneId: lane.id, text: 'Neighbour' });
          const docs = moves.map((_, i) => fork(origin, 300 + i));
          const net = new Network(docs);
          const targets = moves.map((move, i) => {
            const s = new WorkshopSession(docs[i] as Y.Doc, { user: { id: `p${i}`, name: 'P', role: 'participant' }, undo: false });
            const stageId = (j0.stages[move.stage] as { id: string }).id;
            const laneId = (j0.lanes[move.lane] as { id: string }).id;
            moveCard(s, card, { stageId, laneId, index: move.index });
            return `${stageId}|${laneId}`;
          });
          deliveries.forEach((d) => net.deliverSome(d));
          net.deliverAll();
          const snapshots = docs.map((doc) => readJourney(doc, mapId));
          const placed = snapshots.map((j) => j.cells.find((cell) => cell.cards.some((c) => c.id === card)));
          const where = placed.map((cell) => (cell === undefined ? 'lost' : `${cell.stageId}|${cell.laneId}`));
          expect(new Set(where).size).toBe(1);
          expect(targets).toContain(where[0]);
          expect(JSON.stringify(snapshots[0])).toBe(JSON.stringify(snapshots[snapshots.length - 1]));
        },
      ),
      { seed: 4242, numRuns: 120 },
    );
  });

  it('keeps a card added to a stage that someone deleted at the same time, as unplaced', () => {
    const { doc: origin, fac } = workshop(10);
    const mapId = createJourney(fac, { id: 'm', title: 'Map', stages: ['A', 'B'], lanes: [{ title: 'Do', kind: 'actions' }] });
    const [a, b] = readJourney(origin, mapId).stages;
    const [lane] = readJourney(origin, mapId).lanes;
    if (!a || !b || !lane) throw new Error('layout');
    const facDoc = fork(origin, 401);
    const anaDoc = fork(origin, 402);
    const facilitator = new WorkshopSession(facDoc, { user: { id: 'fac', name: 'F', role: 'facilitator' }, undo: false });
    const ana = new WorkshopSession(anaDoc, { user: { id: 'ana', name: 'Ana', role: 'participant' }, undo: false });
    const card = addCard(ana, { mapId, stageId: a.id, laneId: lane.id, text: 'Forms are too long' });
    setEmotion(ana, { mapId, stageId: a.id, value: -2 });
    deleteStage(facilitator, a.id);
    moveStage(ana, b.id, 0);
    Y.applyUpdate(facDoc, Y.encodeStateAsUpdate(anaDoc));
    Y.applyUpdate(anaDoc, Y.encodeStateAsUpdate(facDoc));
    for (const doc of [facDoc, anaDoc]) {
      const j = readJourney(doc, mapId);
      expect(j.stages.map((s) => s.title)).toEqual(['B']);
      expect(j.unplacedCards.map((c) => c.id)).toEqual([card]);
      expect(j.emotions).toEqual([]);
      expect(findCell(j, b.id, lane.id)?.cards).toEqual([]);
    }
  });
});
