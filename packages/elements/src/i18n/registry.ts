/**
 * The one localisation layer's registry. Strings live beside the elements that use them (each
 * folder's `strings.ts`, plus `common.ts` for shared ones) and register here when imported, so a
 * bundle carries only the strings of the elements it contains. Every module adds its keys to
 * `CoproduceMessages` (declaration merging), so `MessageKey` names every string in the program and
 * a typo is a compile error.
 */
export type PluralMessage = { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };
export type Message = string | PluralMessage;

/** Every message key of every element (each strings module extends this interface). */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface CoproduceMessages {}
export type MessageKey = keyof CoproduceMessages & string;
export type Catalogue = Record<MessageKey, Message>;

const catalogues = new Map<string, Map<string, Message>>();
const overrides = new Map<string, Map<string, Message>>();
const listeners = new Set<() => void>();

function table(store: Map<string, Map<string, Message>>, lang: string): Map<string, Message> {
  let map = store.get(lang);
  if (!map) store.set(lang, (map = new Map()));
  return map;
}

/** Adds a module's strings (English and Welsh). Called once by each strings module. */
export function registerStrings(strings: { en: Record<string, Message>; cy: Record<string, Message> }): void {
  for (const [lang, messages] of Object.entries(strings)) {
    const map = table(catalogues, lang);
    for (const [key, message] of Object.entries(messages)) map.set(key, message);
  }
}

/**
 * Lets a host page replace any string, for one language, e.g.
 * `setStrings('en', { addIdea: 'Add a suggestion' })`. Plural messages take the same shape as the
 * catalogue (`{ one: '…', other: '…' }`). Elements on the page update at once.
 */
export function setStrings(lang: string, strings: Partial<Catalogue>): void {
  const map = table(overrides, baseLanguage(lang));
  for (const [key, message] of Object.entries(strings)) if (message !== undefined) map.set(key, message as Message);
  for (const listener of listeners) listener();
}

/** The message for a key: the host's override, then the catalogue, then English. */
export function lookup(lang: string, key: string): Message | undefined {
  return overrides.get(lang)?.get(key) ?? catalogues.get(lang)?.get(key) ?? overrides.get('en')?.get(key) ?? catalogues.get('en')?.get(key);
}

/** Called when strings change (host overrides). Returns a function that stops listening. */
export function onStringsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function baseLanguage(lang: string): string {
  return (lang || 'en').toLowerCase().split('-')[0] || 'en';
}
