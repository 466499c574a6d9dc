import { CoproduceError, TEXT } from '@coproduce/core';
import type { MessageKey } from '../i18n/localize.js';
import { describeTextError } from '../internal/text-field.js';
import './strings.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What was being done, so a refusal can be explained in the right words. */
export type JourneyAction = 'card' | 'name' | 'delete-axis' | 'template' | 'other';

/** The fields of the map's text: a card's `text`, a map's, stage's or row's `title`, a persona's `name`, `description` and `needs`. */
const TEXT_FIELDS = new Set(['text', 'title', 'name', 'description', 'needs']);

/**
 * A problem reported by core, in the element's language. The code, field and details of a
 * `CoproduceError` are stable, so the common ones are translated; anything else falls back to
 * core's plain-English message. Unexpected errors are logged and reported generically.
 */
export function describeJourneyError(error: unknown, t: Translate, action: JourneyAction = 'other'): string {
  if (!(error instanceof CoproduceError)) {
    console.error('[coproduce]', error);
    return t('somethingWentWrong');
  }
  const details = error.details;
  switch (error.code) {
    case 'required':
      return t(action === 'card' ? 'journeyErrorRequiredCard' : 'journeyErrorRequiredName');
    case 'too-long': {
      const max = typeof details['max'] === 'number' ? details['max'] : 0;
      const actual = typeof details['actual'] === 'number' ? details['actual'] : 0;
      return t('journeyErrorTooLong', { count: max, max, actual });
    }
    case 'locked': {
      const reason = typeof details['reason'] === 'string' ? details['reason'] : '';
      return reason ? t('journeyLockedReason', { reason }) : t('journeyErrorLocked');
    }
    case 'not-allowed':
      return t(action === 'delete-axis' ? 'journeyErrorOthersCards' : 'journeyErrorNotAllowed');
    case 'not-found':
      return t('journeyErrorNotFound');
    case 'already-exists':
      return action === 'template' ? t('journeyErrorAlreadyStarted') : error.message;
    case 'invalid-value':
      // Text core can't store as it is (broken characters, too many accents on one letter…).
      return error.field !== null && TEXT_FIELDS.has(error.field)
        ? describeTextError(error, action === 'card' ? TEXT.cardText : TEXT.stageTitle, t)
        : error.message;
    default:
      return error.message;
  }
}
