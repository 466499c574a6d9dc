import { describe, expect, it } from 'vitest';
import {
  addCard, addLane, addPersona, addStage, createJourney, deleteCard, deleteJourney, deleteLane, deletePersona,
  deleteStage, editCard, editPersona, addIdea, linkCardToIdea, lockElement, moveCard, moveLane, moveStage,
  readJourney, renameJourney, renameStage, roots, setEmotion, setJourneyPersona, setLaneKind, unlinkCardFromIdea,
} from '@coproduce/core';
import { expectRejected, session, workshop } from './helpers.js';

function journeyWorkshop() {
  const w = workshop();
  const mapId = createJourney(w.fac, { id: 'bins', title: 'Reporting a missed bin', stages: ['Notice', 'Report', 'Wait'], lanes: [{ title: 'Actions', kind: 'actions' }, { title: 'Feelings', kind: 'feelings' }] });
  return { ...w, mapId };
}

describe('journey maps', () => {
  it('creates a map with stages and lanes, and lays out cells lane by lane', () => {
    const { doc, mapId } = journeyWorkshop();
    const j = readJourney(doc, mapId);
    expect(j.exists).toBe(true);
    expect(j.stages.map((s) => s.title)).toEqual(['Notice', 'Report', 'Wait']);
    expect(j.lanes.map((l) => [l.title, l.kind])).toEqual([['Actions', 'actions'], ['Feelings', 'feelings']]);
    expect(j.cells.map((c) => [c.laneId, c.stageId])).toEqual(j.lanes.flatMap((l) => j.stages.map((s) => [l.id, s.id])));
  });

  it('adds, edits, moves and deletes cards with author rights; anyone may move', () => {
    const { doc, fac, mapId } = journeyWorkshop();
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    const { stages, lanes } = readJourney(doc, mapId);
    const [s0, s1] = stages;
    const [l0, l1] = lanes;
    if (!s0 || !s1 || !l0 || !l1) throw new Error('layout');
    const c1 = addCard(ana, { mapId, stageId: s0.id, laneId: l0.id, text: 'Sees the bin still full' });
    const c2 = addCard(ana, { mapId, stageId: s0.id, laneId: l0.id, text: 'Looks for the council website', index: 0 });
    expect(readJourney(doc, mapId).cells[0]?.cards.map((c) => c.id)).toEqual([c2, c1]);
    expectRejected(doc, 'not-allowed', () => editCard(ben, c1, 'changed'));
    expectRejected(doc, 'not-allowed', () => deleteCard(ben, c1));
    expectRejected(doc, 'too-long', () => addCard(ana, { mapId, stageId: s0.id, laneId: l0.id, text: 'x'.repeat(501) }));
    expectRejected(doc, 'not-found', () => addCard(ana, { mapId, stageId: 'nostage', laneId: l0.id, text: 'x' }));
    moveCard(ben, c1, { stageId: s1.id, laneId: l1.id });
    const moved = readJourney(doc, mapId).cells.find((c) => c.stageId === s1.id && c.laneId === l1.id);
    expect(moved?.cards.map((c) => c.id)).toEqual([c1]);
    expect(editCard(ana, c1, 'Bin still full on Tuesday')).toBe(true);
    deleteCard(fac, c2);
    expect(readJourney(doc, mapId).cells.flatMap((c) => c.cards).map((c) => c.text)).toEqual(['Bin still full on Tuesday']);
  });

  it('reorders, renames and deletes stages and lanes, protecting other people’s cards', () => {
    const { doc, fac, mapId } = journeyWorkshop();
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    const { stages, lanes } = readJourney(doc, mapId);
    const [s0, s1, s2] = stages;
    const [l0, l1] = lanes;
    if (!s0 || !s1 || !s2 || !l0 || !l1) throw new Error('layout');
    moveStage(ana, s2.id, 0);
    expect(readJourney(doc, mapId).stages.map((s) => s.title)).toEqual(['Wait', 'Notice', 'Report']);
    moveLane(ana, l1.id, 0);
    expect(readJourney(doc, mapId).lanes.map((l) => l.title)).toEqual(['Feelings', 'Actions']);
    expect(renameStage(ana, s2.id, 'Waiting')).toBe(true);
    expect(setLaneKind(ana, l1.id, 'painPoints')).toBe(true);
    addCard(ben, { mapId, stageId: s0.id, laneId: l0.id, text: 'Ben card' });
    setEmotion(ana, { mapId, stageId: s0.id, value: -2 });
    expectRejected(doc, 'not-allowed', () => deleteStage(ana, s0.id));
    deleteStage(fac, s0.id);
    const after = readJourney(doc, mapId);
    expect(after.stages.map((s) => s.title)).toEqual(['Waiting', 'Report']);
    expect(after.cells.flatMap((c) => c.cards)).toHaveLength(0);
    expect(after.emotions).toHaveLength(0);
    const added = addLane(ana, { mapId, title: 'Touchpoints', kind: 'touchpoints', index: 1 });
    expect(readJourney(doc, mapId).lanes.map((l) => l.id)).toEqual([l1.id, added, l0.id]);
    deleteLane(ana, added);
    expectRejected(doc, 'invalid-value', () => addLane(ana, { mapId, title: 'x', kind: 'weird' as never }));
  });

  it('records emotions per stage and persona, and deletes a persona’s emotions with it', () => {
    const { doc, fac, mapId } = journeyWorkshop();
    const ana = session(doc, 'ana');
    const stageId = readJourney(doc, mapId).stages[1]?.id as string;
    const persona = addPersona(ana, { mapId, name: 'Mair, 74', description: 'Lives alone', needs: 'Large print' });
    setEmotion(ana, { mapId, stageId, value: 1 });
    setEmotion(ana, { mapId, stageId, personaId: persona, value: -2 });
    expectRejected(doc, 'invalid-value', () => setEmotion(ana, { mapId, stageId, value: 3 }));
    expectRejected(doc, 'invalid-value', () => setEmotion(ana, { mapId, stageId, value: 0.5 }));
    expect(readJourney(doc, mapId).emotions).toEqual([
      { stageId, personaId: null, value: 1 },
      { stageId, personaId: persona, value: -2 },
    ]);
    expect(roots(doc).emotions.has(`${mapId}|${stageId}|-`)).toBe(true);
    setJourneyPersona(fac, mapId, persona);
    expect(readJourney(doc, mapId).personaId).toBe(persona);
    expect(editPersona(ana, persona, { needs: 'Large print, phone contact' })).toBe(true);
    deletePersona(ana, persona);
    const j = readJourney(doc, mapId);
    expect(j.personas).toHaveLength(0);
    expect(j.personaId).toBeNull();
    expect(j.emotions).toEqual([{ stageId, personaId: null, value: 1 }]);
    setEmotion(ana, { mapId, stageId, value: null });
    expect(readJourney(doc, mapId).emotions).toEqual([]);
  });

  it('links cards to ideas, honours the map lock, and deletes a whole map', () => {
    const { doc, fac, boardId, mapId } = journeyWorkshop();
    const ana = session(doc, 'ana');
    const { stages, lanes } = readJourney(doc, mapId);
    const cardId = addCard(ana, { mapId, stageId: stages[0]?.id as string, laneId: lanes[0]?.id as string, text: 'c' });
    const ideaId = addIdea(ana, { boardId, text: 'Text reminders' });
    expect(linkCardToIdea(ana, cardId, ideaId)).toBe(true);
    expect(linkCardToIdea(ana, cardId, ideaId)).toBe(false);
    expect(readJourney(doc, mapId).cells[0]?.cards[0]?.linkedIdeaIds).toEqual([ideaId]);
    lockElement(fac, mapId, 'Finished');
    expectRejected(doc, 'locked', () => unlinkCardFromIdea(ana, cardId, ideaId));
    expectRejected(doc, 'locked', () => addStage(ana, { mapId, title: 'x' }));
    expectRejected(doc, 'not-allowed', () => renameJourney(ana, mapId, 'x'));
    expect(renameJourney(fac, mapId, 'Missed bins')).toBe(true);
    deleteJourney(fac, mapId);
    const r = roots(doc);
    expect([r.journeys.size, r.stages.size, r.lanes.size, r.cards.size, r.links.size, r.locks.size]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(readJourney(doc, mapId).exists).toBe(false);
  });
});
