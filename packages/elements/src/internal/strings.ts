import { registerStrings, type Message } from '../i18n/registry.js';

/**
 * Strings shared by every element's status line: a change the server did not keep. English, the
 * reference, and Welsh (Cymraeg), which must have every key.
 */
const en = {
  notSavedVoteClosed: 'Your vote was not saved: voting had already closed.',
  notSavedLocked: 'Your change was not saved: the facilitator has locked this for now.',
  notSavedLockedBecause: 'Your change was not saved: the facilitator has locked this for now. They said: “{reason}”',
  notSavedOther: 'A change was not saved. The server said: “{reason}”',
};

const cy: Record<keyof typeof en, Message> = {
  notSavedVoteClosed: 'Ni chafodd eich pleidlais ei chadw: roedd y pleidleisio eisoes wedi cau.',
  notSavedLocked: 'Ni chafodd eich newid ei gadw: mae’r hwylusydd wedi cloi hwn am y tro.',
  notSavedLockedBecause: 'Ni chafodd eich newid ei gadw: mae’r hwylusydd wedi cloi hwn am y tro. Dywedon nhw: “{reason}”',
  notSavedOther: 'Ni chafodd newid ei gadw. Dywedodd y gweinydd: “{reason}”',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}
