/**
 * Groups ("clusters") of ideas on a board. Any participant may create, rename, collapse, reorder and
 * delete groups while the board is unlocked: grouping is shared sense-making work. With the setting
 * `facilitatorsOrganise` on (public consultation pages), only facilitators organise the groups, and
 * participants move only their own ideas into and out of them.
 */
import { CoproduceError } from '../errors.js';
import { newId } from '../ids.js';
import { roots, type Role, type WorkshopSettings } from '../layout.js';
import { planPlacement, sortByOrder, type Ordered } from '../order.js';
import { requireContributor, requireUnlocked, type WorkshopSession } from '../session.js';
import { TEXT, cleanText } from '../text.js';
import { getRecord, readClusterRecord, readSettings } from '../values.js';
import { findBoard, findCluster, newRecord, setChanged } from './internal.js';

/** The plain message of a participant's refused group change while only facilitators organise the groups. */
export const ORGANISE_MESSAGE = 'Only facilitators can organise the groups on this board.';

/**
 * Whether someone with `role` may create, rename, reorder, collapse and delete groups under these
 * settings (any locks aside): everyone but observers, unless `facilitatorsOrganise` is on, then
 * only facilitators. With it on, participants still move their own ideas into and out of groups.
 */
export function mayOrganiseGroups(settings: WorkshopSettings, role: Role): boolean {
  if (role === 'observer') return false;
  return role === 'facilitator' || !settings.facilitatorsOrganise;
}

/** Throws `not-allowed` when only facilitators organise the groups and the session is not one. */
export function requireOrganiser(session: WorkshopSession): void {
  const role = session.role;
  if (role === 'facilitator' || !readSettings(roots(session.doc).settings).facilitatorsOrganise) return;
  throw new CoproduceError('not-allowed', ORGANISE_MESSAGE, null, { role, setting: 'facilitatorsOrganise' });
}

function clustersOf(session: WorkshopSession, boardId: string, except?: string): Ordered[] {
  const r = roots(session.doc);
  const list: Ordered[] = [];
  for (const [id] of r.clusters) {
    if (id === except) continue;
    const map = getRecord(r.clusters, id);
    const cluster = map === undefined ? null : readClusterRecord(map);
    if (cluster !== null && cluster.boardId === boardId) list.push({ id, order: cluster.order });
  }
  return sortByOrder(list);
}

function applyRewrites(session: WorkshopSession, rewrites: ReadonlyMap<string, string>): void {
  const clusters = roots(session.doc).clusters;
  for (const [id, order] of rewrites) getRecord(clusters, id)?.set('order', order);
}

export interface CreateClusterInput {
  readonly boardId: string;
  /** 1–80 characters. */
  readonly title: string;
  /** Position among the board's groups (default: at the end). */
  readonly index?: number;
}

/** Creates a group and returns its id. */
export function createCluster(session: WorkshopSession, input: CreateClusterInput): string {
  requireContributor(session, 'create groups');
  const { id: boardId } = findBoard(session, input.boardId);
  const title = cleanText(input.title, TEXT.clusterTitle);
  requireOrganiser(session);
  if (input.index !== undefined && (typeof input.index !== 'number' || !Number.isInteger(input.index))) {
    throw new CoproduceError('invalid-value', 'The position must be a whole number.', 'index');
  }
  requireUnlocked(session, boardId, 'This board');
  const others = clustersOf(session, boardId);
  const { key, rewrites } = planPlacement(others, input.index ?? others.length);
  const id = newId();
  session.transact(() => {
    applyRewrites(session, rewrites);
    roots(session.doc).clusters.set(id, newRecord({
      boardId, title, collapsed: false, order: key, createdBy: session.user.id, createdAt: session.now(),
    }));
  });
  return id;
}

/** Renames a group. Returns whether the title changed. */
export function renameCluster(session: WorkshopSession, clusterId: string, title: string): boolean {
  requireContributor(session, 'rename groups');
  const { map, cluster } = findCluster(session, clusterId);
  const clean = cleanText(title, TEXT.clusterTitle);
  requireOrganiser(session);
  requireUnlocked(session, cluster.boardId, 'This board');
  if (cluster.title === clean) return false;
  return session.transact(() => setChanged(map, { title: clean }));
}

/** Collapses or expands a group for everyone. */
export function setClusterCollapsed(session: WorkshopSession, clusterId: string, collapsed: boolean): boolean {
  requireContributor(session, 'collapse groups');
  if (typeof collapsed !== 'boolean') throw new CoproduceError('invalid-value', 'Collapsed must be true or false.', 'collapsed');
  const { map, cluster } = findCluster(session, clusterId);
  requireOrganiser(session);
  requireUnlocked(session, cluster.boardId, 'This board');
  if (cluster.collapsed === collapsed) return false;
  return session.transact(() => setChanged(map, { collapsed }));
}

/** Moves a group to position `toIndex` among its board's groups (0 = first). */
export function moveCluster(session: WorkshopSession, clusterId: string, toIndex: number): void {
  requireContributor(session, 'reorder groups');
  if (typeof toIndex !== 'number' || !Number.isInteger(toIndex)) throw new CoproduceError('invalid-value', 'The position must be a whole number.', 'toIndex');
  const { id, map, cluster } = findCluster(session, clusterId);
  requireOrganiser(session);
  requireUnlocked(session, cluster.boardId, 'This board');
  const others = clustersOf(session, cluster.boardId, id);
  const { key, rewrites } = planPlacement(others, toIndex);
  session.transact(() => {
    applyRewrites(session, rewrites);
    map.set('order', key);
  });
}

/**
 * Deletes a group; its ideas go back to "not grouped". An idea moved into the group by someone else
 * at the same moment keeps pointing at the deleted group and is shown as not grouped too.
 */
export function deleteCluster(session: WorkshopSession, clusterId: string): void {
  requireContributor(session, 'delete groups');
  const { id, cluster } = findCluster(session, clusterId);
  requireOrganiser(session);
  requireUnlocked(session, cluster.boardId, 'This board');
  const r = roots(session.doc);
  session.transact(() => {
    for (const [ideaId] of r.ideas) {
      const idea = getRecord(r.ideas, ideaId);
      if (idea !== undefined && idea.get('clusterId') === id) idea.set('clusterId', null);
    }
    r.clusters.delete(id);
  });
}
