import { registerStrings, type Message } from '../i18n/registry.js';

/**
 * Strings shared by every element's status line: changes still on their way, and a page the
 * server turned away. (A change the server did not keep is said with internal/not-saved-strings.ts,
 * only in the elements that show it.) English, the reference, and Welsh (Cymraeg), which must have
 * every key.
 */
const en = {
  statusSending: 'Sending your changes — not saved yet',
  statusNotJoined: 'Not connected to the workshop',
  refusedNoLink: 'This page has no workshop link. Open the whole link you were given.',
  refusedOtherRoom: 'This link is for a different workshop. Ask whoever gave you this link for the link to this one.',
};

const cy: Record<keyof typeof en, Message> = {
  statusSending: 'Wrthi’n anfon eich newidiadau — heb eu cadw eto',
  statusNotJoined: 'Heb gysylltu â’r gweithdy',
  refusedNoLink: 'Does dim dolen gweithdy ar y dudalen hon. Agorwch y ddolen gyfan a gawsoch chi.',
  refusedOtherRoom: 'Mae’r ddolen hon ar gyfer gweithdy arall. Gofynnwch i’r sawl a roddodd y ddolen hon i chi am y ddolen i’r un hwn.',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}
