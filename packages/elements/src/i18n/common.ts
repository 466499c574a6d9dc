import { registerStrings, type Message } from './registry.js';

/**
 * Strings shared by several elements (connection status, common actions): English, the reference, and Welsh (Cymraeg), which must have every key (the type
 * below makes a missing Welsh string a compile error). Each bundle carries only the strings of the
 * elements it contains. Welsh plural forms (zero, one, two, few, many, other) are chosen by
 * Intl.PluralRules('cy').
 */
const en = {
  // Connection status, said in words (never colour alone).
  statusConnecting: 'Connecting…',
  statusConnected: 'Connected',
  statusSynced: 'Saved',
  statusOffline: 'Offline — your changes are kept on this device',
  statusOfflineUnsynced: 'Offline — your changes are kept on this device and will be sent when you reconnect',
  cancel: 'Cancel',
  notConnected: 'Not connected to a workshop.',
  errorPrefix: 'Error:',
  somethingWentWrong: 'Something went wrong. Your text is still here: please try again.',
  // Said once per workshop when the connection is back and saved (a lost one is said with statusOfflineUnsynced).
  statusBackSaid: 'Back online. Your changes are saved.',
  // Short text fields (a lock reason, a note): how much is typed, and what is wrong with it.
  textCharactersLeft: { one: 'You have {count} character left', other: 'You have {count} characters left' },
  textCharactersTooMany: { one: 'You have {count} character too many', other: 'You have {count} characters too many' },
  textTooLong: { one: 'This must be {max} character or fewer. It has {actual}.', other: 'This must be {max} characters or fewer. It has {actual}.' },
  textTooManyMarks: 'This has too many accents or marks on one letter. Remove some, or type the text again instead of pasting it.',
  textInvalid: 'This has hidden or broken characters that can’t be shown. Remove them, or type the text again instead of pasting it.',
} satisfies Record<string, Message>;

const cy: Record<keyof typeof en, Message> = {
  statusConnecting: 'Wrthi’n cysylltu…',
  statusConnected: 'Wedi cysylltu',
  statusSynced: 'Wedi’i gadw',
  statusOffline: 'All-lein — mae eich newidiadau’n cael eu cadw ar y ddyfais hon',
  statusOfflineUnsynced:
    'All-lein — mae eich newidiadau’n cael eu cadw ar y ddyfais hon a byddant yn cael eu hanfon pan fyddwch yn ailgysylltu',
  cancel: 'Canslo',
  notConnected: 'Heb gysylltu â gweithdy.',
  errorPrefix: 'Gwall:',
  somethingWentWrong: 'Aeth rhywbeth o’i le. Mae eich testun yma o hyd: rhowch gynnig arall arni.',
  statusBackSaid: 'Ar-lein eto. Mae eich newidiadau wedi’u cadw.',
  textCharactersLeft: { one: 'Mae gennych {count} nod ar ôl', other: 'Mae gennych {count} o nodau ar ôl' },
  textCharactersTooMany: { one: 'Mae gennych {count} nod yn ormod', other: 'Mae gennych {count} o nodau yn ormod' },
  textTooLong: { other: 'Rhaid i hwn fod yn {max} o nodau neu lai. Mae ganddo {actual}.' },
  textTooManyMarks: 'Mae gormod o acenion neu farciau ar un llythyren yn hwn. Tynnwch rai, neu teipiwch y testun eto yn lle ei ludo.',
  textInvalid: 'Mae nodau cudd neu doredig yn hwn nad oes modd eu dangos. Tynnwch nhw, neu teipiwch y testun eto yn lle ei ludo.',
};

export const strings = { en, cy };
registerStrings(strings);

declare module './registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}
