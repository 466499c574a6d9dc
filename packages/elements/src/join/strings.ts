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
  joinErrorNetwork: 'Could not reach the workshop. Check your internet connection and try again. Your name is still here',
  joinErrorServer: 'Something went wrong joining the workshop. Please try again in a minute. Your name is still here',
  joinJoined: 'You have joined as {name}',
  // the facilitator's invitation, when its join token comes from the server (POST /invite)
  joinInviteLoading: 'Getting the link…',
  joinInviteFailed: 'Could not get the link for people to join. Check your internet connection and try again',
  joinInviteRefused: 'The link you opened this page with cannot make links for people to join. Ask the person who set up the workshop for the participant link',
  joinInviteExpired: 'The link you opened this page with has expired, so it cannot make links for people to join. Ask for a new link',
  joinInviteRetry: 'Try again',
  // the server turned the page away: {reason} says why (internal/status.ts refusedMessage)
  joinRefused: 'This page cannot join the workshop. {reason}',
  // the invitation (QR code and link) shown by <co-join> and <co-facilitator-panel>
  joinInviteTitle: 'Invite people',
  joinInviteHint: 'Scan the QR code with a phone camera, or go to this address. No account is needed.',
  joinCopyLink: 'Copy link',
  joinLinkCopied: 'Link copied',
  joinLinkSelected: 'The link is selected: copy it with your device’s copy command',
  joinQrLabel: 'QR code to join the workshop at {url}',
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
  joinErrorNetwork: 'Methu cyrraedd y gweithdy. Gwiriwch eich cysylltiad â’r rhyngrwyd a rhowch gynnig arall arni. Mae eich enw yma o hyd',
  joinErrorServer: 'Aeth rhywbeth o’i le wrth ymuno â’r gweithdy. Rhowch gynnig arall arni ymhen munud. Mae eich enw yma o hyd',
  joinJoined: 'Rydych chi wedi ymuno fel {name}',
  // the facilitator's invitation, when its join token comes from the server (POST /invite)
  joinInviteLoading: 'Wrthi’n cael y ddolen…',
  joinInviteFailed: 'Methu cael y ddolen i bobl ymuno. Gwiriwch eich cysylltiad â’r rhyngrwyd a rhowch gynnig arall arni',
  joinInviteRefused: 'Dydy’r ddolen a agoroch chi’r dudalen hon gyda hi ddim yn gallu gwneud dolenni i bobl ymuno. Gofynnwch i’r person a drefnodd y gweithdy am y ddolen i gyfranogwyr',
  joinInviteExpired: 'Mae’r ddolen a agoroch chi’r dudalen hon gyda hi wedi dod i ben, felly dydy hi ddim yn gallu gwneud dolenni i bobl ymuno. Gofynnwch am ddolen newydd',
  joinInviteRetry: 'Rhoi cynnig arall arni',
  joinRefused: 'Dydy’r dudalen hon ddim yn gallu ymuno â’r gweithdy. {reason}',
  // the invitation (QR code and link) shown by <co-join> and <co-facilitator-panel>
  joinInviteTitle: 'Gwahodd pobl',
  joinInviteHint: 'Sganiwch y cod QR gyda chamera ffôn, neu ewch i’r cyfeiriad hwn. Does dim angen cyfrif.',
  joinCopyLink: 'Copïo’r ddolen',
  joinLinkCopied: 'Wedi copïo’r ddolen',
  joinLinkSelected: 'Mae’r ddolen wedi’i dewis: copïwch hi gyda gorchymyn copïo eich dyfais',
  joinQrLabel: 'Cod QR i ymuno â’r gweithdy yn {url}',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}
