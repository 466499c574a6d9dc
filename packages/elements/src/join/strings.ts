import { registerStrings, type Message } from '../i18n/registry.js';

/**
 * Strings of the join element(s): English, the reference, and Welsh (Cymraeg), which must have every key (the type
 * below makes a missing Welsh string a compile error). Each bundle carries only the strings of the
 * elements it contains. Welsh plural forms (zero, one, two, few, many, other) are chosen by
 * Intl.PluralRules('cy').
 */
const en = {
  joinTitle: 'Join the workshop',
  joinChangeNameTitle: 'Change your name',
  joinNameLabel: 'Your name',
  joinNameHint: 'This is how other people will see you. You don’t need an account, and your first name is enough.',
  joinNameRequired: 'Enter your name',
  joinNameTooLong: 'Your name must be {max} characters or fewer',
  joinButton: 'Join',
  joinSaveName: 'Save name',
  joinNameSaved: 'You are taking part as {name}',
  joinYouAre: 'You are taking part as {name}.',
  joinChangeName: 'Change name',
  joinLinkCopiedButton: 'Link copied',
} satisfies Record<string, Message>;

const cy: Record<keyof typeof en, Message> = {
  joinTitle: 'Ymuno â’r gweithdy',
  joinChangeNameTitle: 'Newid eich enw',
  joinNameLabel: 'Eich enw',
  joinNameHint: 'Dyma sut bydd pobl eraill yn eich gweld chi. Does dim angen cyfrif arnoch chi, ac mae eich enw cyntaf yn ddigon.',
  joinNameRequired: 'Rhowch eich enw',
  joinNameTooLong: 'Rhaid i’ch enw fod yn {max} nod neu lai',
  joinButton: 'Ymuno',
  joinSaveName: 'Cadw’r enw',
  joinNameSaved: 'Rydych chi’n cymryd rhan fel {name}',
  joinYouAre: 'Rydych chi’n cymryd rhan fel {name}.',
  joinChangeName: 'Newid enw',
  joinLinkCopiedButton: 'Wedi copïo’r ddolen',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}
