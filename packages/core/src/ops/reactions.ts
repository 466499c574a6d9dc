/**
 * Reactions: each person may add each allowed emoji once to an idea. The key
 * `ideaId|userId|emoji` names the writer, so the server can check it from the update alone.
 */
import { CoproduceError } from '../errors.js';
import { joinKey } from '../ids.js';
import { REACTIONS, isReactionEmoji, roots, type ReactionEmoji } from '../layout.js';
import { requireContributor, requireUnlocked, type WorkshopSession } from '../session.js';
import { findIdea } from './internal.js';

/** The `reactions` key for a person's emoji on an idea. */
export function reactionKey(ideaId: string, userId: string, emoji: ReactionEmoji): string {
  return joinKey(ideaId, userId, emoji);
}

/**
 * Adds or removes the user's reaction. With `on` omitted it toggles. Returns whether the reaction
 * is now present.
 */
export function toggleReaction(session: WorkshopSession, ideaId: string, emoji: ReactionEmoji, on?: boolean): boolean {
  requireContributor(session, 'react to ideas');
  if (!isReactionEmoji(emoji)) {
    throw new CoproduceError('invalid-value', `That reaction isn't available. You can use: ${REACTIONS.map((r) => r.label).join(', ')}.`, 'emoji');
  }
  if (on !== undefined && typeof on !== 'boolean') throw new CoproduceError('invalid-value', 'On must be true or false.', 'on');
  const { id, idea } = findIdea(session, ideaId);
  requireUnlocked(session, idea.boardId, 'This board');
  const reactions = roots(session.doc).reactions;
  const key = reactionKey(id, session.user.id, emoji);
  const present = reactions.has(key);
  const want = on ?? !present;
  if (want === present) return present;
  session.transact(() => {
    if (want) reactions.set(key, session.now());
    else reactions.delete(key);
  });
  return want;
}
