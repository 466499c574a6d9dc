import { registerStrings, type Message } from '../i18n/registry.js';

/**
 * Strings of joining (the name form, the wait message, the runtime's join status), which every
 * element that can ask for a name carries: English, the reference, and Welsh (Cymraeg), which must
 * have every key (the type below makes a missing Welsh string a compile error). What only `<co-join>`
 * and the invitation say is in invite-strings.ts, so the other elements' bundles leave it out.
 */
const en = {
  joinTitle: 'Join the workshop',
  joinNameLabel: 'Your name',
  joinNameHint: 'This is how other people will see you. You don’t need an account, and your first name is enough.',
  joinNameRequired: 'Enter your name',
  joinNameTooLong: 'Your name must be {max} characters or fewer',
  joinButton: 'Join',
  // join links (runtime, <co-join>, name form)
  statusNeedsName: 'Enter your name to join',
  statusRefused: 'This link no longer works. Ask the facilitator for a new link',
  joinJoining: 'Joining…',
  joinWaitAbove: 'To take part, enter your name in the form above.',
  joinWaitBelow: 'To take part, enter your name in the form below.',
  joinWaitHere: 'To take part, enter your name on this page.',
  joinErrorNameInvalid: 'Your name has a character that can’t be shown. Please type it again',
  joinErrorLinkExpired: 'This link has expired. Ask the facilitator for a new link',
  joinErrorLinkInvalid: 'This link does not work. Check you have the whole link, or ask the facilitator for a new one',
  joinErrorNetwork: 'Could not reach the workshop. Check your internet connection and try again. Your name is still here.',
  joinErrorServer: 'Something went wrong joining the workshop. Please try again in a minute. Your name is still here.',
  joinJoined: 'You have joined as {name}',
} satisfies Record<string, Message>;

const cy: Record<keyof typeof en, Message> = {
  joinTitle: 'Ymuno â’r gweithdy',
  joinNameLabel: 'Eich enw',
  joinNameHint: 'Dyma sut bydd pobl eraill yn eich gweld chi. Does dim angen cyfrif arnoch chi, ac mae eich enw cyntaf yn ddigon.',
  joinNameRequired: 'Rhowch eich enw',
  joinNameTooLong: 'Rhaid i’ch enw fod yn {max} nod neu lai',
  joinButton: 'Ymuno',
  // join links (runtime, <co-join>, name form)
  statusNeedsName: 'Rhowch eich enw i ymuno',
  statusRefused: 'Dydy’r ddolen hon ddim yn gweithio mwyach. Gofynnwch i’r hwylusydd am ddolen newydd',
  joinJoining: 'Wrthi’n ymuno…',
  joinWaitAbove: 'I gymryd rhan, rhowch eich enw yn y ffurflen uchod.',
  joinWaitBelow: 'I gymryd rhan, rhowch eich enw yn y ffurflen isod.',
  joinWaitHere: 'I gymryd rhan, rhowch eich enw ar y dudalen hon.',
  joinErrorNameInvalid: 'Mae nod yn eich enw na ellir ei ddangos. Teipiwch ef eto',
  joinErrorLinkExpired: 'Mae’r ddolen hon wedi dod i ben. Gofynnwch i’r hwylusydd am ddolen newydd',
  joinErrorLinkInvalid: 'Dydy’r ddolen hon ddim yn gweithio. Gwiriwch fod gennych chi’r ddolen gyfan, neu gofynnwch i’r hwylusydd am un newydd',
  joinErrorNetwork: 'Methu cyrraedd y gweithdy. Gwiriwch eich cysylltiad â’r rhyngrwyd a rhowch gynnig arall arni. Mae eich enw yma o hyd.',
  joinErrorServer: 'Aeth rhywbeth o’i le wrth ymuno â’r gweithdy. Rhowch gynnig arall arni ymhen munud. Mae eich enw yma o hyd.',
  joinJoined: 'Rydych chi wedi ymuno fel {name}',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}
