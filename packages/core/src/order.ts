/**
 * Ordering with fractional indexing.
 *
 * Lists that people reorder keep an `order` string per record; moving a record rewrites that one
 * field, so two people moving different records never conflict, and two people moving the same
 * record simply last-writer-win. Two records created at the same moment may get the same key;
 * sorting breaks that tie by id, and the next move in that stretch of the list re-spaces the tied
 * records so the moved one lands exactly where it was dropped.
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { compareOrder } from './values.js';

export interface Ordered {
  readonly id: string;
  readonly order: string;
}

/** What to write to place a record: its new key, plus new keys for neighbours that had to be re-spaced. */
export interface Placement {
  readonly key: string;
  readonly rewrites: ReadonlyMap<string, string>;
}

/** Sorts by order then id (the layout's rule), without mutating the input. */
export function sortByOrder<T extends Ordered>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => compareOrder(a.order, a.id, b.order, b.id));
}

/**
 * Plans the key for a record placed at `index` among `others` (already sorted, not containing the
 * record). `index` is clamped to 0…others.length; `others.length` (or more) means "at the end".
 */
export function planPlacement(others: readonly Ordered[], index: number): Placement {
  const at = Math.max(0, Math.min(Number.isFinite(index) ? Math.trunc(index) : others.length, others.length));
  try {
    return placeAmongValidKeys(others, at);
  } catch {
    // Some stored key is not a valid fractional index (written by a buggy or hostile peer):
    // re-space the whole list, which repairs it.
    const keys = generateNKeysBetween(null, null, others.length + 1);
    const rewrites = new Map<string, string>();
    others.forEach((item, i) => rewrites.set(item.id, keys[i < at ? i : i + 1] as string));
    return { key: keys[at] as string, rewrites };
  }
}

function placeAmongValidKeys(others: readonly Ordered[], at: number): Placement {
  const before = others[at - 1];
  const after = others[at];
  if (before === undefined || after === undefined || before.order < after.order) {
    return { key: generateKeyBetween(before?.order ?? null, after?.order ?? null), rewrites: new Map() };
  }
  // `before` and `after` share a key: re-space the whole run of records with that key.
  const tied = before.order;
  let start = at - 1;
  while (start > 0 && others[start - 1]?.order === tied) start--;
  let end = at;
  while (end + 1 < others.length && others[end + 1]?.order === tied) end++;
  const lower = others[start - 1]?.order ?? null;
  const upper = others[end + 1]?.order ?? null;
  const keys = generateNKeysBetween(lower, upper, end - start + 2);
  const rewrites = new Map<string, string>();
  let k = 0;
  let key = '';
  for (let i = start; i <= end + 1; i++) {
    if (i === at) key = keys[k++] as string;
    if (i <= end) rewrites.set((others[i] as Ordered).id, keys[k++] as string);
  }
  return { key, rewrites };
}

/** The key for a new record appended at the end of `others` (sorted or not). */
export function keyAtEnd(others: Iterable<Ordered>): Placement {
  const sorted = sortByOrder(others);
  return planPlacement(sorted, sorted.length);
}

/** `n` increasing keys for a brand-new list. */
export function orderKeys(n: number): string[] {
  return generateNKeysBetween(null, null, n);
}
