import { registerStrings, type Message } from '../i18n/registry.js';

/**
 * Strings only `<co-join>` and the invitation (QR code and link, also shown by the facilitator
 * panel) use: English, the reference, and Welsh (Cymraeg), which must have every key (the type
 * below makes a missing Welsh string a compile error). The name form and the join status that every
 * element may show are in strings.ts; these stay out of the other elements' bundles.
 */
const en = {
  // <co-join>: the person's name once they have joined
  joinChangeNameTitle: 'Change your name',
  joinSaveName: 'Save name',
  joinNameSaved: 'You are taking part as {name}',
  joinYouAre: 'You are taking part as {name}.',
  joinChangeName: 'Change name',
  joinLinkCopiedButton: 'Link copied',
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
  // <co-join>'s name form when the facilitator has named the workshop: {title} is its name
  joinTitleNamed: 'Join “{title}”',
} satisfies Record<string, Message>;

const cy: Record<keyof typeof en, Message> = {
  joinChangeNameTitle: 'Newid eich enw',
  joinSaveName: 'Cadw’r enw',
  joinNameSaved: 'Rydych chi’n cymryd rhan fel {name}',
  joinYouAre: 'Rydych chi’n cymryd rhan fel {name}.',
  joinChangeName: 'Newid enw',
  joinLinkCopiedButton: 'Wedi copïo’r ddolen',
  joinInviteLoading: 'Wrthi’n cael y ddolen…',
  joinInviteFailed: 'Methu cael y ddolen i bobl ymuno. Gwiriwch eich cysylltiad â’r rhyngrwyd a rhowch gynnig arall arni',
  joinInviteRefused: 'Dydy’r ddolen a agoroch chi’r dudalen hon gyda hi ddim yn gallu gwneud dolenni i bobl ymuno. Gofynnwch i’r person a drefnodd y gweithdy am y ddolen i gyfranogwyr',
  joinInviteExpired: 'Mae’r ddolen a agoroch chi’r dudalen hon gyda hi wedi dod i ben, felly dydy hi ddim yn gallu gwneud dolenni i bobl ymuno. Gofynnwch am ddolen newydd',
  joinInviteRetry: 'Rhoi cynnig arall arni',
  joinRefused: 'Dydy’r dudalen hon ddim yn gallu ymuno â’r gweithdy. {reason}',
  joinInviteTitle: 'Gwahodd pobl',
  joinInviteHint: 'Sganiwch y cod QR gyda chamera ffôn, neu ewch i’r cyfeiriad hwn. Does dim angen cyfrif.',
  joinCopyLink: 'Copïo’r ddolen',
  joinLinkCopied: 'Wedi copïo’r ddolen',
  joinLinkSelected: 'Mae’r ddolen wedi’i dewis: copïwch hi gyda gorchymyn copïo eich dyfais',
  joinQrLabel: 'Cod QR i ymuno â’r gweithdy yn {url}',
  joinTitleNamed: 'Ymuno â’r gweithdy “{title}”',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}
