/**
 * Boards (facilitators). A board is a small JSON value in the `boards` root; its ideas and groups
 * live in their own roots and point at it by `boardId`.
 */
import { CoproduceError } from '../errors.js';
import { assertId, newId } from '../ids.js';
import { roots } from '../layout.js';
import { keyAtEnd, planPlacement, sortByOrder } from '../order.js';
import { requireFacilitator, type WorkshopSession } from '../session.js';
import { TEXT, cleanText } from '../text.js';
import { getRecord, parseBoard, readClusterRecord, readIdeaRecord } from '../values.js';
import { deleteIdeasCascade } from './cascade.js';
import { findBoard } from './internal.js';

export interface CreateBoardInput {
  /**
   * A chosen id, e.g. from the page's `<co-board board-id="…">` attribute, so the page and the
   * document agree on which board is which. Omit for a random id.
   */
  readonly id?: string;
  readonly title: string;
}

/** Creates a board at the end of the list. Returns its id. Throws `already-exists` for a taken id. */
export function createBoard(session: WorkshopSession, input: CreateBoardInput): string {
  requireFacilitator(session, 'create boards');
  const id = input.id === undefined ? newId() : assertId(input.id, 'id', 'board');
  const title = cleanText(input.title, TEXT.boardTitle);
  const boards = roots(session.doc).boards;
  if (boards.has(id)) throw new CoproduceError('already-exists', 'There is already a board with that id.', 'id', { id });
  const { key } = keyAtEnd(boardList(session));
  session.transact(() => boards.set(id, { title, createdAt: session.now(), order: key }));
  return id;
}

function boardList(session: WorkshopSession): { id: string; order: string }[] {
  const list: { id: string; order: string }[] = [];
  for (const [id, value] of roots(session.doc).boards) {
    const board = parseBoard(value);
    if (board !== null) list.push({ id, order: board.order });
  }
  return list;
}

/** Renames a board. Returns whether the title changed. */
export function renameBoard(session: WorkshopSession, boardId: string, title: string): boolean {
  requireFacilitator(session, 'rename boards');
  const { id, board } = findBoard(session, boardId);
  const clean = cleanText(title, TEXT.boardTitle);
  if (board.title === clean) return false;
  session.transact(() => roots(session.doc).boards.set(id, { ...board, title: clean }));
  return true;
}

/** Moves a board to position `toIndex` in the list of boards. */
export function moveBoard(session: WorkshopSession, boardId: string, toIndex: number): void {
  requireFacilitator(session, 'reorder boards');
  const { id, board } = findBoard(session, boardId);
  const others = sortByOrder(boardList(session).filter((b) => b.id !== id));
  const { key, rewrites } = planPlacement(others, toIndex);
  const boards = roots(session.doc).boards;
  session.transact(() => {
    boards.set(id, { ...board, order: key });
    for (const [otherId, order] of rewrites) {
      const other = parseBoard(boards.get(otherId));
      if (other !== null) boards.set(otherId, { ...other, order });
    }
  });
}

/**
 * Deletes a board with all its ideas (and their comments, reactions and journey links) and groups,
 * and its lock and reveal. Votes that took their options from the board are kept, with no options.
 */
export function deleteBoard(session: WorkshopSession, boardId: string): void {
  requireFacilitator(session, 'delete boards');
  const { id } = findBoard(session, boardId);
  const r = roots(session.doc);
  const ideaIds = new Set<string>();
  for (const [ideaId] of r.ideas) {
    const map = getRecord(r.ideas, ideaId);
    if (map !== undefined && readIdeaRecord(map)?.boardId === id) ideaIds.add(ideaId);
  }
  const clusterIds: string[] = [];
  for (const [clusterId] of r.clusters) {
    const map = getRecord(r.clusters, clusterId);
    if (map !== undefined && readClusterRecord(map)?.boardId === id) clusterIds.push(clusterId);
  }
  session.transact(() => {
    deleteIdeasCascade(r, ideaIds);
    for (const clusterId of clusterIds) r.clusters.delete(clusterId);
    r.boards.delete(id);
    r.locks.delete(id);
    r.reveals.delete(id);
  });
}
