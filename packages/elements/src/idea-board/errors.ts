import { CoproduceError, TEXT, type TextRule } from '@coproduce/core';
import type { MessageKey } from '../i18n/localize.js';
import { describeTextError } from '../internal/text-field.js';
import './strings.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What the text being checked is, for "Enter …" messages. */
export type TextSubject = 'idea' | 'comment' | 'group' | 'tag';

const REQUIRED: Record<TextSubject, MessageKey> = {
  idea: 'boardErrorRequiredIdea',
  comment: 'boardErrorRequiredComment',
  group: 'boardErrorRequiredGroup',
  tag: 'boardErrorRequiredIdea',
};

/** The text rule of each subject, for core's text errors. */
const RULES: Record<TextSubject, TextRule> = {
  idea: TEXT.ideaText,
  comment: TEXT.commentText,
  group: TEXT.clusterTitle,
  tag: TEXT.ideaTag,
};

/** The fields of the board's text (an idea's or comment's `text`, a group's `title`, a `tag`). */
const TEXT_FIELDS = new Set(['text', 'title', 'tag']);

/**
 * A problem reported by core, in the element's language: the code, field and details of a
 * `CoproduceError` are stable, so the common ones are translated; anything else falls back to
 * core's plain-English message. Unexpected errors are logged and reported generically.
 */
export function describeError(error: unknown, t: Translate, subject: TextSubject = 'idea'): string {
  if (!(error instanceof CoproduceError)) {
    if (error instanceof DOMException && error.name === 'QuotaExceededError') return t('boardErrorStorageFull');
    if (error instanceof RangeError) return t('boardErrorTooManyDrafts');
    console.error('[coproduce]', error);
    return t('somethingWentWrong');
  }
  const details = error.details;
  switch (error.code) {
    case 'required':
      return t(REQUIRED[error.field === 'tag' ? 'tag' : subject]);
    case 'too-long': {
      const max = typeof details['max'] === 'number' ? details['max'] : 0;
      const actual = typeof details['actual'] === 'number' ? details['actual'] : 0;
      return t(error.field === 'tag' ? 'boardErrorTagTooLong' : 'boardErrorTooLong', { count: max, max, actual });
    }
    case 'locked': {
      const reason = typeof details['reason'] === 'string' ? details['reason'] : '';
      return reason ? `${t('boardErrorLocked')} ${t('boardLockedReason', { reason })}` : t('boardErrorLocked');
    }
    case 'not-allowed':
      // Only facilitators organise the groups on this board (the setting `facilitatorsOrganise`).
      return details['setting'] === 'facilitatorsOrganise' ? t('boardErrorOrganise') : t('boardErrorNotAllowed');
    case 'not-found':
      return t('boardErrorNotFound');
    case 'invalid-value':
      // Text core can't store as it is (broken characters, too many accents on one letter…).
      return error.field !== null && TEXT_FIELDS.has(error.field)
        ? describeTextError(error, RULES[error.field === 'tag' ? 'tag' : subject], t)
        : error.message;
    default:
      return error.message;
  }
}
