import type { Catalogue } from './en.js';

/**
 * Welsh (Cymraeg) strings. Welsh has six plural forms (zero, one, two, few, many, other), chosen
 * by Intl.PluralRules('cy').
 */
export const cy: Catalogue = {
  statusConnecting: 'Wrthi’n cysylltu…',
  statusConnected: 'Wedi cysylltu',
  statusSynced: 'Wedi’i gadw',
  statusOffline: 'All-lein — mae eich newidiadau’n cael eu cadw ar y ddyfais hon',
  statusOfflineUnsynced:
    'All-lein — mae eich newidiadau’n cael eu cadw ar y ddyfais hon a byddant yn cael eu hanfon pan fyddwch yn ailgysylltu',

  ideaBoardLabel: 'Syniadau',
  addIdea: 'Ychwanegu syniad',
  yourIdea: 'Eich syniad',
  ideaHint: 'Hyd at {max} o nodau.',
  ideaCount: {
    zero: 'Dim syniadau eto',
    one: '{count} syniad',
    two: '{count} syniad',
    few: '{count} syniad',
    many: '{count} syniad',
    other: '{count} syniad',
  },
  noIdeasYet: 'Dim syniadau eto. Byddwch y cyntaf i ychwanegu un.',
  ideaBy: 'gan {name}',
  anonymousAuthor: 'Rhywun',
  you: 'chi',
  editIdea: 'Golygu',
  deleteIdea: 'Dileu',
  saveIdea: 'Cadw',
  cancel: 'Canslo',
  charactersLeft: { one: 'Mae gennych {count} nod ar ôl', other: 'Mae gennych {count} o nodau ar ôl' },
  charactersTooMany: { one: 'Mae gennych {count} nod yn ormod', other: 'Mae gennych {count} o nodau yn ormod' },
  ideaAdded: 'Cafodd eich syniad ei ychwanegu',
  ideaSaved: 'Cafodd eich syniad ei gadw',
  ideaDeleted: 'Cafodd eich syniad ei ddileu',
  remoteIdeasAdded: { one: 'Ychwanegodd {name} syniad', other: '{count} o syniadau newydd' },
  remoteIdeasChanged: { one: 'Cafodd syniad ei newid', other: 'Cafodd {count} o syniadau eu newid' },
  remoteIdeasRemoved: { one: 'Cafodd syniad ei dynnu', other: 'Cafodd {count} o syniadau eu tynnu' },
  boardLocked: 'Mae’r hwylusydd wedi oedi ychwanegu syniadau.',
  notConnected: 'Heb gysylltu â gweithdy.',
  boardNotSetUp: 'Nid yw’r bwrdd hwn wedi’i osod eto. Bydd yr hwylusydd yn ei agor.',
  editYourIdea: 'Golygu eich syniad',
  errorPrefix: 'Gwall:',
  somethingWentWrong: 'Aeth rhywbeth o’i le. Mae eich testun yma o hyd: rhowch gynnig arall arni.',
  colour: 'Lliw',
  colour_yellow: 'Melyn',
  colour_orange: 'Oren',
  colour_pink: 'Pinc',
  colour_purple: 'Porffor',
  colour_blue: 'Glas',
  colour_teal: 'Gwyrddlas',
  colour_green: 'Gwyrdd',
  colour_grey: 'Llwyd',
};
