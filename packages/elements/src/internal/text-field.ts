/**
 * Short text fields (a lock reason, a paper-vote note): how much has been typed and what is wrong
 * with it, in the element's language. There is no `maxlength` on these fields: it counts UTF-16
 * units where core counts characters, and it cuts pasted text silently. Instead the field shows a
 * count once most of the limit is used, and core's check names the problem when it is saved.
 */
import { CoproduceError, checkText, countCharacters, type TextRule } from '@coproduce/core';
import './text-field-strings.js';
import type { MessageKey, Params } from '../i18n/localize.js';

type Translate = (key: MessageKey, params?: Params) => string;

/** From this share of the limit on, the field says how many characters are left (or too many). */
const COUNT_FROM = 0.75;

/** What to say under a field holding `text`: `null` while well under the limit. */
export function characterCount(text: string, rule: TextRule, t: Translate): { message: string; over: boolean } | null {
  const length = countCharacters(text);
  if (length <= rule.max * COUNT_FROM) return null;
  const left = rule.max - length;
  return left >= 0
    ? { message: t('textCharactersLeft', { count: left }), over: false }
    : { message: t('textCharactersTooMany', { count: -left }), over: true };
}

/** A problem core found with one field's text, in the element's language (core's English for anything unexpected). */
export function describeTextError(error: CoproduceError, rule: TextRule, t: Translate): string {
  const details = error.details;
  switch (error.code) {
    case 'too-long': {
      const max = typeof details['max'] === 'number' ? details['max'] : rule.max;
      const actual = typeof details['actual'] === 'number' ? details['actual'] : 0;
      return t('textTooLong', { count: max, max, actual });
    }
    case 'invalid-value':
      return typeof details['marks'] === 'number' ? t('textTooManyMarks') : t('textInvalid');
    default:
      return error.message;
  }
}

/** The problem with `text` under `rule`, in words, or `null` when core accepts it. */
export function textProblem(text: string, rule: TextRule, t: Translate): string | null {
  const result = checkText(text, rule);
  return result.ok ? null : describeTextError(result.error, rule, t);
}
