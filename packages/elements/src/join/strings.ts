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
  statusRefused: 'This link no longer works. Ask whoever gave you this link for a new one.',
  joinJoining: 'Joining…',
  joinWaitAbove: 'To take part, enter your name in the form above.',
  joinWaitBelow: 'To take part, enter your name in the form below.',
  joinWaitHere: 'To take part, enter your name on this page.',
  joinErrorNameInvalid: 'Your name has a character that can’t be shown. Please type it again',
  joinErrorLinkExpired: 'This link has expired. Ask whoever gave you this link for a new one.',
  joinErrorLinkInvalid: 'This link does not work. Check you have the whole link, or ask whoever gave you this link for a new one.',
  joinErrorServer: 'Something went wrong joining the workshop. Please try again in a minute. Your name is still here.',
  joinJoined: 'You have joined as {name}',
  joinErrorUnreachable: 'We could not reach the workshop server. Check your internet connection and try again. If it keeps happening, tell whoever runs this page. Your name is still here.',
  joinErrorNameRole: 'Your name can’t be a role, such as Facilitator. Please use your own name',
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
  statusRefused: 'Dydy’r ddolen hon ddim yn gweithio mwyach. Gofynnwch i’r sawl a roddodd y ddolen hon i chi am un newydd.',
  joinJoining: 'Wrthi’n ymuno…',
  joinWaitAbove: 'I gymryd rhan, rhowch eich enw yn y ffurflen uchod.',
  joinWaitBelow: 'I gymryd rhan, rhowch eich enw yn y ffurflen isod.',
  joinWaitHere: 'I gymryd rhan, rhowch eich enw ar y dudalen hon.',
  joinErrorNameInvalid: 'Mae nod yn eich enw na ellir ei ddangos. Teipiwch ef eto',
  joinErrorLinkExpired: 'Mae’r ddolen hon wedi dod i ben. Gofynnwch i’r sawl a roddodd y ddolen hon i chi am un newydd.',
  joinErrorLinkInvalid: 'Dydy’r ddolen hon ddim yn gweithio. Gwiriwch fod gennych chi’r ddolen gyfan, neu gofynnwch i’r sawl a roddodd y ddolen hon i chi am un newydd.',
  joinErrorServer: 'Aeth rhywbeth o’i le wrth ymuno â’r gweithdy. Rhowch gynnig arall arni ymhen munud. Mae eich enw yma o hyd.',
  joinJoined: 'Rydych chi wedi ymuno fel {name}',
  joinErrorUnreachable: 'Doedden ni ddim yn gallu cyrraedd gweinydd y gweithdy. Gwiriwch eich cysylltiad â’r rhyngrwyd a rhowch gynnig arall arni. Os yw’n dal i ddigwydd, rhowch wybod i’r sawl sy’n rhedeg y dudalen hon. Mae eich enw yma o hyd.',
  joinErrorNameRole: 'Ni all eich enw fod yn rôl, fel Hwylusydd. Defnyddiwch eich enw eich hun',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}
