/**
 * Journey map snapshots.
 */
import type * as Y from 'yjs';
import { NO_PERSONA, isId, splitKey } from '../ids.js';
import { roots, type IdeaRecord, type LaneKind, type Lock, type WorkshopSettings } from '../layout.js';
import type { Viewer } from '../session.js';
import {
  compareCreated, compareOrder, getRecord, isEmotion, isTime, parseBoard, parseJourney, parseLock, readCardRecord,
  readIdeaRecord, readLaneRecord, readPersonaRecord, readSettings, readStageRecord,
} from '../values.js';
import { readBoard } from './board.js';
import { readWorkshop } from './workshop.js';

export interface StageSnapshot {
  readonly id: string;
  readonly title: string;
  readonly order: string;
}

export interface LaneSnapshot {
  readonly id: string;
  readonly title: string;
  readonly kind: LaneKind;
  readonly order: string;
}

export interface CardSnapshot {
  readonly id: string;
  readonly mapId: string;
  readonly stageId: string;
  readonly laneId: string;
  readonly text: string;
  /** `null` when the workshop is anonymous and it is not the viewer's own card. */
  readonly authorId: string | null;
  readonly mine: boolean;
  readonly order: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Ideas this card is linked to (that still exist). */
  readonly linkedIdeaIds: readonly string[];
}

/** One cell of the grid: a lane (row) at a stage (column). */
export interface CellSnapshot {
  readonly stageId: string;
  readonly laneId: string;
  readonly cards: readonly CardSnapshot[];
}

export interface EmotionSnapshot {
  readonly stageId: string;
  /** `null` for the map as a whole. */
  readonly personaId: string | null;
  /** −2 … 2 */
  readonly value: number;
}

/**
 * An idea that a card of the map is linked to. Ideas follow the board's visibility rules: an idea
 * the viewer may not see yet (someone else's private writing before the reveal, or an idea waiting
 * for approval) is listed with `visible: false` and empty `text`, so a view can say "an idea you
 * can't see yet" without showing it.
 */
export interface LinkedIdeaSnapshot {
  readonly id: string;
  readonly boardId: string;
  /** The board's title, or `""` when the board no longer exists. */
  readonly boardTitle: string;
  /** The idea's text, or `""` when it is not visible to the viewer. */
  readonly text: string;
  readonly visible: boolean;
}

export interface PersonaSnapshot {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly needs: string;
  readonly createdBy: string | null;
  readonly createdAt: number;
}

export interface JourneySnapshot {
  readonly id: string;
  readonly exists: boolean;
  readonly title: string;
  /** The persona the map is about (if it still exists). */
  readonly personaId: string | null;
  readonly createdAt: number;
  readonly order: string;
  readonly lock: Lock | null;
  readonly revealed: boolean;
  /** Columns, left to right. */
  readonly stages: readonly StageSnapshot[];
  /** Rows, top to bottom. */
  readonly lanes: readonly LaneSnapshot[];
  /** Every cell, row by row (lane-major), each with its cards in order. */
  readonly cells: readonly CellSnapshot[];
  /** Cards whose stage or lane was deleted while they were being moved or added: shown so nothing silently disappears. */
  readonly unplacedCards: readonly CardSnapshot[];
  readonly emotions: readonly EmotionSnapshot[];
  readonly personas: readonly PersonaSnapshot[];
  /** Every idea a card of this map links to (that still exists), by id order. */
  readonly linkedIdeas: readonly LinkedIdeaSnapshot[];
}

/** Whether a viewer may see an idea (the board's rules: moderation and private writing). */
function ideaVisible(idea: IdeaRecord, viewer: Viewer | undefined, settings: WorkshopSettings, revealed: boolean): boolean {
  if (viewer === undefined || viewer.role === 'facilitator' || idea.authorId === viewer.id) return true;
  if (idea.status === 'pending') return false;
  return !(settings.privateWriting && !revealed);
}

/** Reads a journey map for a viewer. */
export function readJourney(doc: Y.Doc, mapId: string, options: { readonly viewer?: Viewer } = {}): JourneySnapshot {
  const r = roots(doc);
  const viewer = options.viewer;
  const journey = isId(mapId) ? parseJourney(r.journeys.get(mapId)) : null;
  const anonymous = viewer !== undefined && readSettings(r.settings).anonymous;

  const stages: StageSnapshot[] = [];
  for (const [id] of r.stages) {
    const map = getRecord(r.stages, id);
    const stage = map === undefined ? null : readStageRecord(map);
    if (stage !== null && stage.mapId === mapId) stages.push(Object.freeze({ id, title: stage.title, order: stage.order }));
  }
  stages.sort((a, b) => compareOrder(a.order, a.id, b.order, b.id));
  const lanes: LaneSnapshot[] = [];
  for (const [id] of r.lanes) {
    const map = getRecord(r.lanes, id);
    const lane = map === undefined ? null : readLaneRecord(map);
    if (lane !== null && lane.mapId === mapId) lanes.push(Object.freeze({ id, title: lane.title, kind: lane.kind, order: lane.order }));
  }
  lanes.sort((a, b) => compareOrder(a.order, a.id, b.order, b.id));

  const linksByCard = new Map<string, string[]>();
  const ideaRecords = new Map<string, IdeaRecord>();
  for (const [key, value] of r.links) {
    const parts = splitKey(key, 2);
    if (parts === null || !isTime(value)) continue;
    const [cardId, ideaId] = parts as [string, string];
    let idea = ideaRecords.get(ideaId);
    if (idea === undefined) {
      const map = getRecord(r.ideas, ideaId);
      const record = map === undefined ? null : readIdeaRecord(map);
      if (record === null) continue;
      idea = record;
      ideaRecords.set(ideaId, idea);
    }
    const list = linksByCard.get(cardId) ?? [];
    list.push(ideaId);
    linksByCard.set(cardId, list);
  }

  const stageIds = new Set(stages.map((s) => s.id));
  const laneIds = new Set(lanes.map((l) => l.id));
  const byCell = new Map<string, CardSnapshot[]>();
  const unplaced: CardSnapshot[] = [];
  for (const [id] of r.cards) {
    const map = getRecord(r.cards, id);
    const card = map === undefined ? null : readCardRecord(map);
    if (card === null || card.mapId !== mapId) continue;
    const mine = viewer !== undefined && card.authorId === viewer.id;
    const snapshot: CardSnapshot = Object.freeze({
      id,
      mapId,
      stageId: card.stageId,
      laneId: card.laneId,
      text: card.text,
      authorId: anonymous && !mine ? null : card.authorId,
      mine,
      order: card.order,
      createdAt: card.createdAt,
      updatedAt: card.updatedAt,
      linkedIdeaIds: Object.freeze((linksByCard.get(id) ?? []).sort()),
    });
    if (stageIds.has(card.stageId) && laneIds.has(card.laneId)) {
      const key = `${card.stageId}|${card.laneId}`;
      const list = byCell.get(key) ?? [];
      list.push(snapshot);
      byCell.set(key, list);
    } else {
      unplaced.push(snapshot);
    }
  }
  const cells: CellSnapshot[] = [];
  for (const lane of lanes) {
    for (const stage of stages) {
      const cards = (byCell.get(`${stage.id}|${lane.id}`) ?? []).sort((a, b) => compareOrder(a.order, a.id, b.order, b.id));
      cells.push(Object.freeze({ stageId: stage.id, laneId: lane.id, cards: Object.freeze(cards) }));
    }
  }
  unplaced.sort((a, b) => compareCreated(a.createdAt, a.id, b.createdAt, b.id));

  const settings = readSettings(r.settings);
  const linkedIds = new Set<string>();
  for (const list of byCell.values()) for (const card of list) for (const ideaId of card.linkedIdeaIds) linkedIds.add(ideaId);
  for (const card of unplaced) for (const ideaId of card.linkedIdeaIds) linkedIds.add(ideaId);
  const linkedIdeas: LinkedIdeaSnapshot[] = [];
  for (const ideaId of [...linkedIds].sort()) {
    const idea = ideaRecords.get(ideaId) as IdeaRecord;
    const board = parseBoard(r.boards.get(idea.boardId));
    const visible = ideaVisible(idea, viewer, settings, r.reveals.has(idea.boardId));
    linkedIdeas.push(Object.freeze({ id: ideaId, boardId: idea.boardId, boardTitle: board?.title ?? '', text: visible ? idea.text : '', visible }));
  }

  const personas: PersonaSnapshot[] = [];
  for (const [id] of r.personas) {
    const map = getRecord(r.personas, id);
    const persona = map === undefined ? null : readPersonaRecord(map);
    if (persona === null || persona.mapId !== mapId) continue;
    personas.push(Object.freeze({
      id, name: persona.name, description: persona.description, needs: persona.needs,
      createdBy: persona.createdBy === '' ? null : persona.createdBy, createdAt: persona.createdAt,
    }));
  }
  personas.sort((a, b) => compareCreated(a.createdAt, a.id, b.createdAt, b.id));
  const personaIds = new Set(personas.map((p) => p.id));

  const emotions: EmotionSnapshot[] = [];
  for (const [key, value] of r.emotions) {
    const parts = splitKey(key, 3, true);
    if (parts === null || parts[0] !== mapId || !isEmotion(value)) continue;
    const stageId = parts[1] as string;
    const personaId = parts[2] === NO_PERSONA ? null : (parts[2] as string);
    if (!stageIds.has(stageId) || (personaId !== null && !personaIds.has(personaId))) continue;
    emotions.push(Object.freeze({ stageId, personaId, value }));
  }
  const stageIndex = new Map(stages.map((s, i) => [s.id, i]));
  emotions.sort((a, b) => (stageIndex.get(a.stageId) ?? 0) - (stageIndex.get(b.stageId) ?? 0) || ((a.personaId ?? '') < (b.personaId ?? '') ? -1 : (a.personaId ?? '') > (b.personaId ?? '') ? 1 : 0));

  return Object.freeze({
    id: mapId,
    exists: journey !== null,
    title: journey?.title ?? '',
    personaId: journey?.personaId !== null && journey?.personaId !== undefined && personaIds.has(journey.personaId) ? journey.personaId : null,
    createdAt: journey?.createdAt ?? 0,
    order: journey?.order ?? '',
    lock: parseLock(r.locks.get(mapId)),
    revealed: r.reveals.has(mapId),
    stages: Object.freeze(stages),
    lanes: Object.freeze(lanes),
    cells: Object.freeze(cells),
    unplacedCards: Object.freeze(unplaced),
    emotions: Object.freeze(emotions),
    personas: Object.freeze(personas),
    linkedIdeas: Object.freeze(linkedIdeas),
  });
}

/** The cell of a stage and lane, or `undefined` when either is not on the map. */
export function findCell(snapshot: JourneySnapshot, stageId: string, laneId: string): CellSnapshot | undefined {
  const stageIndex = snapshot.stages.findIndex((s) => s.id === stageId);
  const laneIndex = snapshot.lanes.findIndex((l) => l.id === laneId);
  if (stageIndex < 0 || laneIndex < 0) return undefined;
  return snapshot.cells[laneIndex * snapshot.stages.length + stageIndex];
}

/**
 * The feeling at each stage, left to right, from one point of view: a persona, or `null` for the map
 * as a whole. `null` where no feeling was recorded.
 */
export function emotionsByStage(snapshot: JourneySnapshot, personaId: string | null): (number | null)[] {
  const values = new Map<string, number>();
  for (const emotion of snapshot.emotions) if (emotion.personaId === personaId) values.set(emotion.stageId, emotion.value);
  return snapshot.stages.map((stage) => values.get(stage.id) ?? null);
}

/** A board's ideas that a card can be linked to. */
export interface LinkableBoard {
  readonly boardId: string;
  readonly title: string;
  /** The ideas the viewer can see, in board order. */
  readonly ideas: readonly { readonly id: string; readonly text: string }[];
}

/**
 * Every board of the workshop, in order, with the ideas a viewer can see on it: what a "Link to
 * idea…" picker offers. Boards without visible ideas are included (with no ideas), so a view can
 * say why there is nothing to pick.
 */
export function readLinkableIdeas(doc: Y.Doc, options: { readonly viewer?: Viewer } = {}): readonly LinkableBoard[] {
  const boards = readWorkshop(doc).boards;
  return Object.freeze(boards.map((board) => {
    const snapshot = readBoard(doc, board.id, options.viewer === undefined ? {} : { viewer: options.viewer });
    return Object.freeze({
      boardId: board.id,
      title: board.title,
      ideas: Object.freeze(snapshot.ideas.map((idea) => Object.freeze({ id: idea.id, text: idea.text }))),
    });
  }));
}
