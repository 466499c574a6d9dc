/**
 * Ideas: the sticky notes on a board.
 *
 * Rights (mirrored by the server): anyone but an observer adds ideas to an unlocked board; the
 * author edits their own idea's text, colour and tag; anyone moves ideas between groups while the
 * board is unlocked (only their own while the setting `facilitatorsOrganise` is on); the author or a facilitator deletes; only facilitators change `status`
 * (moderation). Facilitators may also do all of this on a locked board.
 */
import type * as Y from 'yjs';
import { CoproduceError } from '../errors.js';
import { newId } from '../ids.js';
import { DEFAULT_COLOUR, isColourName, roots, type ColourName, type IdeaStatus } from '../layout.js';
import {
  requireAuthorOrFacilitator, requireContributor, requireFacilitator, requireUnlocked, type WorkshopSession,
} from '../session.js';
import { TEXT, cleanText } from '../text.js';
import { getRecord, readIdeaRecord, readSettings } from '../values.js';
import { deleteIdeasCascade } from './cascade.js';
import { ORGANISE_MESSAGE } from './clusters.js';
import { findBoard, findCluster, findIdea, newRecord, setChanged } from './internal.js';

export interface AddIdeaInput {
  readonly boardId: string;
  /** 1–2,000 characters after trimming; line breaks are kept. */
  readonly text: string;
  /** A palette name (default yellow). */
  readonly colour?: ColourName;
  /** 0–40 characters, single line. */
  readonly tag?: string;
  /** Put it straight into a group of the same board. */
  readonly clusterId?: string | null;
}

export function validateColour(value: unknown, field = 'colour'): ColourName {
  if (isColourName(value)) return value;
  throw new CoproduceError('invalid-value', "That colour isn't one of the workshop's colours.", field, {
    value: typeof value === 'string' ? value.slice(0, 40) : null,
  });
}

/**
 * Adds an idea and returns its id. When moderation is on, a participant's idea is stored as
 * `pending` and shown only to them and to facilitators until approved.
 */
export function addIdea(session: WorkshopSession, input: AddIdeaInput): string {
  requireContributor(session, 'add ideas');
  const { id: boardId } = findBoard(session, input.boardId);
  const text = cleanText(input.text, TEXT.ideaText);
  const colour = input.colour === undefined ? DEFAULT_COLOUR : validateColour(input.colour);
  const tag = cleanText(input.tag ?? '', TEXT.ideaTag);
  let clusterId: string | null = null;
  if (input.clusterId !== undefined && input.clusterId !== null) {
    const { id, cluster } = findCluster(session, input.clusterId);
    if (cluster.boardId !== boardId) throw new CoproduceError('invalid-value', 'That group is on a different board.', 'clusterId');
    clusterId = id;
  }
  requireUnlocked(session, boardId, 'This board');
  const r = roots(session.doc);
  const status: IdeaStatus = readSettings(r.settings).moderation && session.role !== 'facilitator' ? 'pending' : 'published';
  const id = newId();
  const now = session.now();
  session.transact(() => {
    r.ideas.set(id, newRecord({
      boardId, text, authorId: session.user.id, colour, tag, clusterId, status, createdAt: now, updatedAt: now,
    }));
  });
  return id;
}

export interface EditIdeaInput {
  readonly text?: string;
  readonly colour?: ColourName;
  readonly tag?: string;
}

/**
 * Changes an idea's text, colour or tag (its author, or a facilitator). Only fields that actually
 * change are written, so a concurrent move by someone else is never undone. Returns whether
 * anything changed (no transaction at all when nothing did).
 */
export function editIdea(session: WorkshopSession, ideaId: string, input: EditIdeaInput): boolean {
  requireContributor(session, 'edit ideas');
  const { map, idea } = findIdea(session, ideaId);
  const text = input.text === undefined ? undefined : cleanText(input.text, TEXT.ideaText);
  const colour = input.colour === undefined ? undefined : validateColour(input.colour);
  const tag = input.tag === undefined ? undefined : cleanText(input.tag, TEXT.ideaTag);
  requireAuthorOrFacilitator(session, idea.authorId, 'edit this idea');
  requireUnlocked(session, idea.boardId, 'This board');
  if ((text === undefined || text === idea.text) && (colour === undefined || colour === idea.colour) && (tag === undefined || tag === idea.tag)) {
    return false;
  }
  return session.transact(() => {
    const changed = setChanged(map, { text, colour, tag });
    if (changed) map.set('updatedAt', session.now());
    return changed;
  });
}

/**
 * Moves an idea into a group of the same board, or out of any group with `null`. Anyone may, while
 * the board is unlocked; while only facilitators organise the groups (`facilitatorsOrganise`),
 * participants move only their own ideas.
 */
export function moveIdea(session: WorkshopSession, ideaId: string, clusterId: string | null): boolean {
  requireContributor(session, 'move ideas');
  const { map, idea } = findIdea(session, ideaId);
  let target: string | null = null;
  if (clusterId !== null) {
    const { id, cluster } = findCluster(session, clusterId);
    if (cluster.boardId !== idea.boardId) throw new CoproduceError('invalid-value', 'That group is on a different board.', 'clusterId');
    target = id;
  }
  if (session.role !== 'facilitator' && idea.authorId !== session.user.id && readSettings(roots(session.doc).settings).facilitatorsOrganise) {
    throw new CoproduceError('not-allowed', `${ORGANISE_MESSAGE} You can move your own ideas.`, null, { role: session.role, setting: 'facilitatorsOrganise' });
  }
  requireUnlocked(session, idea.boardId, 'This board');
  if (map.get('clusterId') === target) return false;
  session.transact(() => map.set('clusterId', target));
  return true;
}

/** Deletes an idea with its comments, reactions and journey links (its author, or a facilitator). */
export function deleteIdea(session: WorkshopSession, ideaId: string): void {
  requireContributor(session, 'delete ideas');
  const { id, idea } = findIdea(session, ideaId);
  requireAuthorOrFacilitator(session, idea.authorId, 'delete this idea');
  requireUnlocked(session, idea.boardId, 'This board');
  session.transact(() => deleteIdeasCascade(roots(session.doc), new Set([id])));
}

/** Sets an idea's moderation status (facilitators). */
export function setIdeaStatus(session: WorkshopSession, ideaId: string, status: IdeaStatus): boolean {
  requireFacilitator(session, 'approve ideas');
  if (status !== 'published' && status !== 'pending') {
    throw new CoproduceError('invalid-value', 'An idea is either published or waiting for approval.', 'status');
  }
  const { map } = findIdea(session, ideaId);
  if (map.get('status') === status) return false;
  session.transact(() => map.set('status', status));
  return true;
}

/** Approves a pending idea so everyone sees it (facilitators). To reject one, delete it. */
export function approveIdea(session: WorkshopSession, ideaId: string): boolean {
  return setIdeaStatus(session, ideaId, 'published');
}

/** Approves every pending idea on a board at once (facilitators). Returns how many were approved. */
export function approveAllIdeas(session: WorkshopSession, boardId: string): number {
  requireFacilitator(session, 'approve ideas');
  const { id } = findBoard(session, boardId);
  const ideas = roots(session.doc).ideas;
  const pending: Y.Map<unknown>[] = [];
  for (const [ideaId] of ideas) {
    const map = getRecord(ideas, ideaId);
    const idea = map === undefined ? null : readIdeaRecord(map);
    if (map !== undefined && idea !== null && idea.boardId === id && idea.status === 'pending') pending.push(map);
  }
  if (pending.length === 0) return 0;
  session.transact(() => {
    for (const map of pending) map.set('status', 'published');
  });
  return pending.length;
}
