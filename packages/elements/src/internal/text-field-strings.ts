import { registerStrings, type Message } from '../i18n/registry.js';

/**
 * Strings of the short text fields that count characters and name what is wrong (text-field.ts):
 * only the elements with such fields (the facilitator panel, the vote's paper votes, the idea
 * board and the journey map) carry them, not every bundle. English, the reference, and Welsh
 * (Cymraeg), which must have every key.
 */
const en = {
  textCharactersLeft: { one: 'You have {count} character left', other: 'You have {count} characters left' },
  textCharactersTooMany: { one: 'You have {count} character too many', other: 'You have {count} characters too many' },
  textTooLong: { one: 'This must be {max} character or fewer. It has {actual}.', other: 'This must be {max} characters or fewer. It has {actual}.' },
  textTooManyMarks: 'This has too many accents or marks on one letter. Remove some, or type the text again instead of pasting it.',
  textInvalid: 'This has hidden or broken characters that can’t be shown. Remove them, or type the text again instead of pasting it.',
};

const cy: Record<keyof typeof en, Message> = {
  textCharactersLeft: { one: 'Mae gennych {count} nod ar ôl', other: 'Mae gennych {count} o nodau ar ôl' },
  textCharactersTooMany: { one: 'Mae gennych {count} nod yn ormod', other: 'Mae gennych {count} o nodau yn ormod' },
  textTooLong: { other: 'Rhaid i hwn fod yn {max} o nodau neu lai. Mae ganddo {actual}.' },
  textTooManyMarks: 'Mae gormod o acenion neu farciau ar un llythyren yn hwn. Tynnwch rai, neu teipiwch y testun eto yn lle ei ludo.',
  textInvalid: 'Mae nodau cudd neu doredig yn hwn nad oes modd eu dangos. Tynnwch nhw, neu teipiwch y testun eto yn lle ei ludo.',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}
