/**
 * Comments on ideas. The author edits their own comment; the author or a facilitator deletes it.
 * Commenting follows the idea's board lock.
 */
import { assertId, newId } from '../ids.js';
import { roots } from '../layout.js';
import {
  notFound, requireAuthorOrFacilitator, requireContributor, requireUnlocked, type WorkshopSession,
} from '../session.js';
import { TEXT, cleanText } from '../text.js';
import { getRecord, readCommentRecord, readIdeaRecord } from '../values.js';
import { findIdea, newRecord, setChanged } from './internal.js';
import { CoproduceError } from '../errors.js';

export interface AddCommentInput {
  readonly ideaId: string;
  /** 1–1,000 characters; line breaks are kept. */
  readonly text: string;
}

/** Adds a comment to an idea and returns its id. */
export function addComment(session: WorkshopSession, input: AddCommentInput): string {
  requireContributor(session, 'comment');
  const { id: ideaId, idea } = findIdea(session, input.ideaId);
  const text = cleanText(input.text, TEXT.commentText);
  requireUnlocked(session, idea.boardId, 'This board');
  const id = newId();
  const now = session.now();
  session.transact(() => {
    roots(session.doc).comments.set(id, newRecord({ ideaId, text, authorId: session.user.id, createdAt: now, updatedAt: now }));
  });
  return id;
}

function findComment(session: WorkshopSession, commentId: string) {
  const id = assertId(commentId, 'commentId', 'comment');
  const r = roots(session.doc);
  const map = getRecord(r.comments, id);
  const comment = map === undefined ? null : readCommentRecord(map);
  if (map === undefined || comment === null) throw notFound('comment', 'commentId', id);
  const ideaMap = getRecord(r.ideas, comment.ideaId);
  const idea = ideaMap === undefined ? null : readIdeaRecord(ideaMap);
  return { id, map, comment, boardId: idea?.boardId ?? null };
}

/** Changes a comment's text (its author only). Returns whether it changed. */
export function editComment(session: WorkshopSession, commentId: string, text: string): boolean {
  requireContributor(session, 'edit comments');
  const { map, comment, boardId } = findComment(session, commentId);
  const clean = cleanText(text, TEXT.commentText);
  if (comment.authorId !== session.user.id) {
    throw new CoproduceError('not-allowed', 'Only the person who wrote a comment can change it.');
  }
  if (boardId !== null) requireUnlocked(session, boardId, 'This board');
  if (comment.text === clean) return false;
  session.transact(() => {
    setChanged(map, { text: clean });
    map.set('updatedAt', session.now());
  });
  return true;
}

/** Deletes a comment (its author, or a facilitator). */
export function deleteComment(session: WorkshopSession, commentId: string): void {
  requireContributor(session, 'delete comments');
  const { id, comment, boardId } = findComment(session, commentId);
  requireAuthorOrFacilitator(session, comment.authorId, 'delete this comment');
  if (boardId !== null) requireUnlocked(session, boardId, 'This board');
  session.transact(() => roots(session.doc).comments.delete(id));
}
