/**
 * English strings: the reference catalogue. Every other language provides the same keys
 * (a test checks that the Welsh catalogue is complete). Plain words, GOV.UK style.
 */
export type PluralMessage = { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };
export type Message = string | PluralMessage;

export const en = {
  // Connection status, said in words (never colour alone).
  statusConnecting: 'Connecting…',
  statusConnected: 'Connected',
  statusSynced: 'Saved',
  statusOffline: 'Offline — your changes are kept on this device',
  statusOfflineUnsynced: 'Offline — your changes are kept on this device and will be sent when you reconnect',

  // Idea board
  ideaBoardLabel: 'Ideas',
  addIdea: 'Add idea',
  yourIdea: 'Your idea',
  ideaHint: 'Up to {max} characters.',
  ideaCount: { zero: 'No ideas yet', one: '{count} idea', other: '{count} ideas' },
  noIdeasYet: 'No ideas yet. Be the first to add one.',
  ideaBy: 'by {name}',
  anonymousAuthor: 'Someone',
  you: 'you',
  editIdea: 'Edit',
  deleteIdea: 'Delete',
  saveIdea: 'Save',
  cancel: 'Cancel',
  charactersLeft: { one: 'You have {count} character left', other: 'You have {count} characters left' },
  charactersTooMany: { one: 'You have {count} character too many', other: 'You have {count} characters too many' },
  ideaAdded: 'Your idea was added',
  ideaSaved: 'Your idea was saved',
  ideaDeleted: 'Your idea was deleted',
  remoteIdeasAdded: { one: '{name} added an idea', other: '{count} new ideas' },
  remoteIdeasChanged: { one: 'An idea was changed', other: '{count} ideas were changed' },
  remoteIdeasRemoved: { one: 'An idea was removed', other: '{count} ideas were removed' },
  boardLocked: 'The facilitator has paused adding ideas.',
  notConnected: 'Not connected to a workshop.',
  boardNotSetUp: 'This board has not been set up yet. The facilitator will open it.',
  editYourIdea: 'Edit your idea',
  errorPrefix: 'Error:',
  somethingWentWrong: 'Something went wrong. Your text is still here: please try again.',
  colour: 'Colour',
  colour_yellow: 'Yellow',
  colour_orange: 'Orange',
  colour_pink: 'Pink',
  colour_purple: 'Purple',
  colour_blue: 'Blue',
  colour_teal: 'Teal',
  colour_green: 'Green',
  colour_grey: 'Grey',
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, Message>;
