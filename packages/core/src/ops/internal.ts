/**
 * Lookups shared by the operations: find a record or throw a plain `not-found`, check the board or
 * map it belongs to, and write a record's fields without rewriting unchanged ones.
 */
import * as Y from 'yjs';
import { assertId } from '../ids.js';
import { roots, type Board, type ClusterRecord, type IdeaRecord, type Journey } from '../layout.js';
import { notFound, type WorkshopSession } from '../session.js';
import { getRecord, parseBoard, parseJourney, readClusterRecord, readIdeaRecord } from '../values.js';

export function findBoard(session: WorkshopSession, boardId: unknown, field = 'boardId'): { id: string; board: Board } {
  const id = assertId(boardId, field, 'board');
  const board = parseBoard(roots(session.doc).boards.get(id));
  if (board === null) throw notFound('board', field, id);
  return { id, board };
}

export function findIdea(session: WorkshopSession, ideaId: unknown, field = 'ideaId'): { id: string; map: Y.Map<unknown>; idea: IdeaRecord } {
  const id = assertId(ideaId, field, 'idea');
  const map = getRecord(roots(session.doc).ideas, id);
  const idea = map === undefined ? null : readIdeaRecord(map);
  if (map === undefined || idea === null) throw notFound('idea', field, id);
  return { id, map, idea };
}

export function findCluster(session: WorkshopSession, clusterId: unknown, field = 'clusterId'): { id: string; map: Y.Map<unknown>; cluster: ClusterRecord } {
  const id = assertId(clusterId, field, 'group');
  const map = getRecord(roots(session.doc).clusters, id);
  const cluster = map === undefined ? null : readClusterRecord(map);
  if (map === undefined || cluster === null) throw notFound('group', field, id);
  return { id, map, cluster };
}

export function findJourney(session: WorkshopSession, mapId: unknown, field = 'mapId'): { id: string; journey: Journey } {
  const id = assertId(mapId, field, 'journey map');
  const journey = parseJourney(roots(session.doc).journeys.get(id));
  if (journey === null) throw notFound('journey map', field, id);
  return { id, journey };
}

/** Sets only the fields whose value differs (so concurrent edits of other fields are not overwritten with stale values). */
export function setChanged(map: Y.Map<unknown>, fields: Readonly<Record<string, unknown>>): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (map.get(key) !== value) {
      map.set(key, value);
      changed = true;
    }
  }
  return changed;
}

/** Fills a brand-new record map. The map is created here so that only one writer ever creates it. */
export function newRecord(fields: Readonly<Record<string, unknown>>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}
