/**
 * Deletion cascades. A record's dependants live in other roots (comments, reactions, links…), so
 * deleting it means finding them by scanning those roots. These helpers run inside the caller's
 * transaction.
 */
import { NO_PERSONA, splitKey } from '../ids.js';
import type { Roots } from '../layout.js';
import { getRecord, readCardRecord, readCommentRecord } from '../values.js';

/** Deletes ideas and, with them, their comments, reactions and journey links. */
export function deleteIdeasCascade(r: Roots, ideaIds: ReadonlySet<string>): void {
  if (ideaIds.size === 0) return;
  for (const id of ideaIds) r.ideas.delete(id);
  for (const [commentId] of r.comments) {
    const map = getRecord(r.comments, commentId);
    const comment = map === undefined ? null : readCommentRecord(map);
    if (comment !== null && ideaIds.has(comment.ideaId)) r.comments.delete(commentId);
  }
  for (const key of [...r.reactions.keys()]) {
    const ideaId = key.split('|', 1)[0];
    if (ideaId !== undefined && ideaIds.has(ideaId)) r.reactions.delete(key);
  }
  for (const key of [...r.links.keys()]) {
    const parts = splitKey(key, 2);
    if (parts !== null && ideaIds.has(parts[1] as string)) r.links.delete(key);
  }
}

/** Deletes cards and their links. */
export function deleteCardsCascade(r: Roots, cardIds: ReadonlySet<string>): void {
  if (cardIds.size === 0) return;
  for (const id of cardIds) r.cards.delete(id);
  for (const key of [...r.links.keys()]) {
    const parts = splitKey(key, 2);
    if (parts !== null && cardIds.has(parts[0] as string)) r.links.delete(key);
  }
}

/** Ids of the (well-formed) cards matching `predicate`. */
export function cardsWhere(r: Roots, predicate: (card: NonNullable<ReturnType<typeof readCardRecord>>) => boolean): Set<string> {
  const ids = new Set<string>();
  for (const [id] of r.cards) {
    const map = getRecord(r.cards, id);
    const card = map === undefined ? null : readCardRecord(map);
    if (card !== null && predicate(card)) ids.add(id);
  }
  return ids;
}

/** Deletes the emotions of `mapId` matching a stage or persona. */
export function deleteEmotionsWhere(r: Roots, mapId: string, match: { stageId?: string; personaId?: string }): void {
  for (const key of [...r.emotions.keys()]) {
    const parts = splitKey(key, 3, true);
    if (parts === null || parts[0] !== mapId) continue;
    if (match.stageId !== undefined && parts[1] === match.stageId) r.emotions.delete(key);
    else if (match.personaId !== undefined && parts[2] === match.personaId && parts[2] !== NO_PERSONA) r.emotions.delete(key);
  }
}
