/**
 * Ids and composite keys.
 *
 * Ids are 1–64 characters of `[A-Za-z0-9_-]` so they are safe in URLs, HTML attributes, CSS
 * selectors (after `CSS.escape`) and as parts of composite keys, which join ids with `|` — a
 * character no id can contain, so a key always splits back into the ids it was made from.
 */
import { CoproduceError } from './errors.js';

/** The pattern every id matches. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Ids that match the pattern but are still refused. `__proto__` is refused because ids are used as
 * keys of JSON objects stored in the document (ballot choices), and a `__proto__` key does not
 * survive a round trip through Yjs' encoder: it would silently vanish or, worse, set a prototype.
 * `-` is refused because it is the "no persona" placeholder in `emotions` keys.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set(['__proto__', '-']);

/** The separator of composite keys such as `voteId|voterId|deviceId`. */
export const KEY_SEPARATOR = '|';

/** True when `value` is a usable id. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value) && !RESERVED_IDS.has(value);
}

/**
 * Checks an id given by a caller and returns it, or throws `invalid-id`.
 * @param what a plain noun for the message, e.g. "board"
 */
export function assertId(value: unknown, field: string, what: string): string {
  if (isId(value)) return value;
  throw new CoproduceError(
    'invalid-id',
    `That ${what} id can't be used. Ids are 1 to 64 letters, digits, "-" or "_" (and not "__proto__" or "-" alone).`,
    field,
    { value: typeof value === 'string' ? value.slice(0, 80) : null },
  );
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

interface CryptoLike {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/**
 * A new random id: 16 characters from a 64-character alphabet (96 random bits), from the platform's
 * cryptographic random source (`globalThis.crypto`, present in browsers and Node 20+). Ids of
 * records that own a nested `Y.Map` must be fresh and unguessable so two peers never create the same
 * container key at once (see the document model's first principle).
 */
export function newId(length = 16): string {
  const crypto = (globalThis as { crypto?: CryptoLike }).crypto;
  if (crypto === undefined || typeof crypto.getRandomValues !== 'function') {
    throw new Error('@coproduce/core needs globalThis.crypto.getRandomValues (browsers, Node 20+).');
  }
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}

/** Joins ids into a composite key (`a|b|c`). The parts must already be valid ids (or `-` placeholders). */
export function joinKey(...parts: readonly string[]): string {
  return parts.join(KEY_SEPARATOR);
}

/**
 * Splits a composite key into exactly `count` parts, or returns `null` if the key is malformed.
 * Keys written by other peers are untrusted, so every part is checked.
 */
export function splitKey(key: string, count: number, allowPlaceholder = false): string[] | null {
  const parts = key.split(KEY_SEPARATOR);
  if (parts.length !== count) return null;
  for (const part of parts) {
    if (!isId(part) && !(allowPlaceholder && part === NO_PERSONA)) return null;
  }
  return parts;
}

/** The placeholder used in `emotions` keys when a feeling is not tied to a persona. */
export const NO_PERSONA = '-';
