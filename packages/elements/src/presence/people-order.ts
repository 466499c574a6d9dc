/**
 * The one order every people list in Coproduce uses (`<co-presence>`, the facilitator panel): you
 * first, then by name as the page's language sorts names, with numbers in names taken as numbers
 * ("Peer 2" before "Peer 10"), ignoring case and accents; equal names keep a fixed order (by id),
 * so a list does not reshuffle as people arrive.
 */

const collators = new Map<string, Intl.Collator>();

function collator(lang: string): Intl.Collator {
  let found = collators.get(lang);
  if (!found) {
    let made: Intl.Collator;
    try {
      made = new Intl.Collator(lang || 'en', { numeric: true, sensitivity: 'base' });
    } catch {
      made = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    }
    collators.set(lang, (found = made));
  }
  return found;
}

/** Compares two names as people lists sort them (numeric, in `lang`). */
export function compareNames(lang: string, a: string, b: string): number {
  return collator(lang).compare(a, b);
}

/**
 * A comparator for people: `self` first, then by name ({@link compareNames}), then by id.
 * `before` may put a group first after `self` (the panel lists people here before people who left).
 */
export function peopleOrder<T>(
  lang: string,
  self: string | undefined,
  key: (item: T) => { readonly id: string; readonly name: string },
  before?: (item: T) => boolean,
): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    if (x.id === y.id) return 0;
    if (x.id === self) return -1;
    if (y.id === self) return 1;
    if (before) {
      const bx = before(a);
      if (bx !== before(b)) return bx ? -1 : 1;
    }
    return compareNames(lang, x.name, y.name) || (x.id < y.id ? -1 : 1);
  };
}
