import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCard, addLane, addPersona, addStage, createJourney, deleteCard, deleteJourney, deleteLane, deletePersona,
  deleteStage, editCard, editPersona, addIdea, linkCardToIdea, lockElement, moveCard, moveLane, moveStage,
  readJourney, renameJourney, renameStage, roots, setEmotion, setJourneyPersona, setLaneKind, unlinkCardFromIdea,
  JOURNEY_TEMPLATE_IDS, createBoard, createJourneyFromTemplate, deleteIdea, emotionsByStage, findCell, journeyTemplate,
  listJourneyTemplates, readLinkableIdeas, revealElement, setSettings, LANE_KINDS,
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

  it('moves stages, lanes and cards by position, and does nothing when the item is already there', () => {
    const { doc, mapId } = journeyWorkshop();
    const ana = session(doc, 'ana');
    const [s0, s1, s2] = readJourney(doc, mapId).stages;
    const [l0, l1] = readJourney(doc, mapId).lanes;
    if (!s0 || !s1 || !s2 || !l0 || !l1) throw new Error('layout');
    const before = Y.encodeStateVector(doc);
    expect(moveStage(ana, s1.id, 1)).toBe(false);
    expect(moveStage(ana, s0.id, 99)).toBe(true); // clamped: to the end
    expect(readJourney(doc, mapId).stages.map((s) => s.id)).toEqual([s1.id, s2.id, s0.id]);
    expect(moveStage(ana, s0.id, 1)).toBe(true); // one step left
    expect(readJourney(doc, mapId).stages.map((s) => s.id)).toEqual([s1.id, s0.id, s2.id]);
    expect(moveLane(ana, l0.id, 0)).toBe(false);
    expect(Y.encodeStateVector(doc)).not.toEqual(before);
    const a = addCard(ana, { mapId, stageId: s0.id, laneId: l0.id, text: 'A' });
    const b = addCard(ana, { mapId, stageId: s0.id, laneId: l0.id, text: 'B' });
    const vector = Y.encodeStateVector(doc);
    expect(moveCard(ana, a, { index: 0 })).toBe(false);
    expect(moveCard(ana, b, {})).toBe(false); // already last
    expect(Y.encodeStateVector(doc)).toEqual(vector);
    expect(moveCard(ana, b, { index: 0 })).toBe(true);
    expect(findCell(readJourney(doc, mapId), s0.id, l0.id)?.cards.map((c) => c.text)).toEqual(['B', 'A']);
    expect(moveCard(ana, a, { stageId: s2.id, laneId: l1.id })).toBe(true);
    expect(findCell(readJourney(doc, mapId), s2.id, l1.id)?.cards.map((c) => c.text)).toEqual(['A']);
    expect(findCell(readJourney(doc, mapId), 'nope', l1.id)).toBeUndefined();
    expectRejected(doc, 'invalid-value', () => moveCard(ana, a, { index: 1.5 }));
  });

  it('places an unplaced card again by moving it to a stage and row', () => {
    const { doc, fac, mapId } = journeyWorkshop();
    const ana = session(doc, 'ana');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const anaCopy = session(copy, 'ana');
    const [s0, s1] = readJourney(doc, mapId).stages;
    const [l0] = readJourney(doc, mapId).lanes;
    if (!s0 || !s1 || !l0) throw new Error('layout');
    // Ana adds a card on her copy while the facilitator deletes its stage.
    const card = addCard(anaCopy, { mapId, stageId: s0.id, laneId: l0.id, text: 'Added while the stage went' });
    deleteStage(fac, s0.id);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(copy));
    const j = readJourney(doc, mapId);
    expect(j.unplacedCards.map((c) => c.id)).toEqual([card]);
    expect(j.cells.flatMap((c) => c.cards)).toHaveLength(0);
    expectRejected(doc, 'not-found', () => moveCard(ana, card, {}));
    expect(moveCard(ana, card, { stageId: s1.id, laneId: l0.id })).toBe(true);
    const after = readJourney(doc, mapId);
    expect(after.unplacedCards).toHaveLength(0);
    expect(findCell(after, s1.id, l0.id)?.cards.map((c) => c.id)).toEqual([card]);
  });

  it('gives the feelings per stage from one point of view, with gaps where none was set', () => {
    const { doc, mapId } = journeyWorkshop();
    const ana = session(doc, 'ana');
    const [s0, , s2] = readJourney(doc, mapId).stages;
    if (!s0 || !s2) throw new Error('layout');
    const mair = addPersona(ana, { mapId, name: 'Mair' });
    setEmotion(ana, { mapId, stageId: s0.id, value: 2 });
    setEmotion(ana, { mapId, stageId: s2.id, value: -1 });
    setEmotion(ana, { mapId, stageId: s2.id, personaId: mair, value: -2 });
    const j = readJourney(doc, mapId);
    expect(emotionsByStage(j, null)).toEqual([2, null, -1]);
    expect(emotionsByStage(j, mair)).toEqual([null, null, -2]);
    expect(emotionsByStage(j, 'someone-else')).toEqual([null, null, null]);
  });

  it('starts a map from a template, in English or Welsh, or fills in an empty map', () => {
    const { doc, fac } = workshop();
    const ana = session(doc, 'ana');
    expect(listJourneyTemplates().map((t) => t.id)).toEqual([...JOURNEY_TEMPLATE_IDS]);
    const en = journeyTemplate('service-journey', 'en');
    const cy = journeyTemplate('service-journey', 'cy');
    expect(en.lanes.map((l) => l.kind)).toEqual(LANE_KINDS.filter((k) => k !== 'custom'));
    expect(cy.stages).toHaveLength(en.stages.length);
    expect(cy.title).toBe('Taith gwasanaeth');
    expectRejected(doc, 'not-allowed', () => createJourneyFromTemplate(ana, {}));
    expectRejected(doc, 'invalid-value', () => createJourneyFromTemplate(fac, { template: 'nope' as never }));
    const first = createJourneyFromTemplate(fac, { id: 'service', language: 'cy' });
    const j = readJourney(doc, first);
    expect(j.title).toBe(cy.title);
    expect(j.stages.map((s) => s.title)).toEqual(cy.stages);
    expect(j.lanes.map((l) => [l.title, l.kind])).toEqual(cy.lanes.map((l) => [l.title, l.kind]));
    // An empty map a facilitator just opened is filled in, keeping its title.
    const empty = createJourney(fac, { id: 'badge', title: 'Applying for a blue badge' });
    expect(createJourneyFromTemplate(fac, { id: empty, template: 'before-during-after' })).toBe(empty);
    const filled = readJourney(doc, empty);
    expect(filled.title).toBe('Applying for a blue badge');
    expect(filled.stages.map((s) => s.title)).toEqual(['Before', 'During', 'After']);
    expect(filled.lanes).toHaveLength(6);
    // …but never twice.
    expectRejected(doc, 'already-exists', () => createJourneyFromTemplate(fac, { id: empty }));
    // A template of one's own, validated like any input.
    const own = createJourneyFromTemplate(fac, { template: { title: 'Bins', stages: ['Notice', 'Report'], lanes: [{ title: 'Worries', kind: 'painPoints' }] } });
    expect(readJourney(doc, own).lanes.map((l) => l.kind)).toEqual(['painPoints']);
    expectRejected(doc, 'required', () => createJourneyFromTemplate(fac, { template: { title: 'x', stages: ['  '], lanes: [] } }));
  });

  it('lists linked ideas with their text only where the viewer may see them', () => {
    const { doc, fac, boardId, mapId } = journeyWorkshop();
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    const fixes = createBoard(fac, { id: 'fixes', title: 'Fixes' });
    const [s0] = readJourney(doc, mapId).stages;
    const [l0] = readJourney(doc, mapId).lanes;
    if (!s0 || !l0) throw new Error('layout');
    const card = addCard(ana, { mapId, stageId: s0.id, laneId: l0.id, text: 'No one told me' });
    const mainIdea = addIdea(ana, { boardId, text: 'Text reminders' });
    setSettings(fac, { privateWriting: true });
    const benIdea = addIdea(ben, { boardId: fixes, text: 'A named contact' });
    linkCardToIdea(ana, card, mainIdea);
    linkCardToIdea(ben, card, benIdea);
    const forAna = readJourney(doc, mapId, { viewer: ana.viewer });
    expect(forAna.linkedIdeas.map((i) => [i.boardTitle, i.text, i.visible]).sort()).toEqual([
      ['Fixes', '', false],
      ['Ideas', 'Text reminders', true],
    ]);
    expect(readJourney(doc, mapId, { viewer: ben.viewer }).linkedIdeas.map((i) => [i.boardTitle, i.visible]).sort()).toEqual([
      ['Fixes', true],
      ['Ideas', false],
    ]);
    expect(readJourney(doc, mapId, { viewer: fac.viewer }).linkedIdeas.every((i) => i.visible)).toBe(true);
    revealElement(fac, fixes);
    revealElement(fac, boardId);
    expect(readJourney(doc, mapId, { viewer: ana.viewer }).linkedIdeas.every((i) => i.visible)).toBe(true);
    // The picker offers what each person can see.
    setSettings(fac, { privateWriting: false });
    const boards = readLinkableIdeas(doc, { viewer: ana.viewer });
    expect(boards.map((b) => [b.boardId, b.ideas.map((i) => i.text)])).toEqual([
      [boardId, ['Text reminders']],
      [fixes, ['A named contact']],
    ]);
    // Deleting an idea removes its links.
    deleteIdea(ben, benIdea);
    const j = readJourney(doc, mapId);
    expect(j.linkedIdeas.map((i) => i.id)).toEqual([mainIdea]);
    expect(j.cells[0]?.cards[0]?.linkedIdeaIds).toEqual([mainIdea]);
  });
});

describe('live journey view', () => {
  it('shows a renamed board in linked ideas at once', async () => {
    const { observeJourney, renameBoard } = await import('@coproduce/core');
    const { fac, mapId } = journeyWorkshop();
    createBoard(fac, { id: 'ideas', title: 'Ideas' });
    const ideaId = addIdea(fac, { boardId: 'ideas', text: 'Text reminders' });
    const stageId = readJourney(fac.doc, mapId).stages[0]!.id;
    const laneId = readJourney(fac.doc, mapId).lanes[0]!.id;
    const cardId = addCard(fac, { mapId, stageId, laneId, text: 'Forgot the day' });
    linkCardToIdea(fac, cardId, ideaId);
    const titles: string[] = [];
    const stop = observeJourney(fac.doc, mapId, (snapshot) => titles.push(snapshot.linkedIdeas[0]?.boardTitle ?? ''));
    renameBoard(fac, 'ideas', 'Ideas for bins');
    stop();
    expect(titles.at(-1)).toBe('Ideas for bins');
  });
});
