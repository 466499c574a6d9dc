import { registerStrings, type Message } from '../i18n/registry.js';

/**
 * Strings `<co-presence>`, `<co-phase>` and the facilitator panel share (people's roles, the phase
 * that is on now): English, the reference, and Welsh (Cymraeg), which must have every key (the type
 * below makes a missing Welsh string a compile error). Kept out of i18n/common.ts so that the
 * bundles of the other elements leave them out.
 */
const en = {
  presenceRoleFacilitator: 'Facilitator',
  presenceRoleParticipant: 'Participant',
  presenceRoleObserver: 'Observer',
  presenceYou: '{name} (you)',
  presenceAway: 'Away',
  phaseNowTag: 'Now',
  focusYouAreBringing: 'You are bringing everyone to “{title}”.',
} satisfies Record<string, Message>;

const cy: Record<keyof typeof en, Message> = {
  presenceRoleFacilitator: 'Hwylusydd',
  presenceRoleParticipant: 'Cyfranogwr',
  presenceRoleObserver: 'Sylwedydd',
  presenceYou: '{name} (chi)',
  presenceAway: 'I ffwrdd',
  phaseNowTag: 'Nawr',
  focusYouAreBringing: 'Rydych chi’n dod â phawb i “{title}”.',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}
