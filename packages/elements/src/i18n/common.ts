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
};

export const strings = { en, cy };
registerStrings(strings);

declare module './registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}
