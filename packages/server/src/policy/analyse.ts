/**
 * What an incoming Yjs update would change in a room's document, worked out *before* it is applied.
 *
 * `Y.decodeUpdate` gives the update's structs and delete set. Each new item's place is found the way
 * Yjs itself finds it when integrating (`Item.getMissing`): from the parent written in the update
 * (a root name, or the id of the item holding the parent type), or else from its left origin (or
 * right origin), looked up among the update's own new items or in the room's document
 * (`doc.store`, `Y.getItem`). Deletions are looked up in the document. The result is a list of
 * changed keys of root maps and of record maps, which the rules in `rules.ts` judge.
 *
 * The analysis is conservative where Yjs' conflict resolution decides: a new item written at a key
 * may become that key's value and so may remove the current value, whatever its origin says.
 */
import * as Y from 'yjs';

/** A change to one key of a root map (`root`, `key`), or to one field of a record (`record` set). */
export interface KeyChange {
  readonly root: string;
  /** For a record field: the record's key in its root. */
  readonly record: string | null;
  /** The key in the root map, or the field name in the record map. */
  readonly key: string;
  /** New items at this key that stay alive after the update (their `content` is the value). */
  readonly added: Y.Item[];
  /** New items at this key that the update itself deletes. */
  deadAdded: number;
  /** Those new items (`deadAdded` of them). */
  readonly dead: Y.Item[];
  /** Items of the document at this key that the update deletes outright. */
  readonly deleted: Y.Item[];
  /** Whether the key's current value may be removed (deleted, or overwritten by a new item). */
  removesCurrent: boolean;
  /** Whether the update deletes the key's current value outright (it is in the delete set). */
  deletesCurrent: boolean;
  /** For a field: the new record item holding it, when the record is created by this update. */
  readonly newHolder: Y.Item | null;
  /**
   * New items nested inside this key's value (content of a shared type held in a record field, or
   * in a map's list part): never in the layout, so the key is refused and they go with it.
   */
  readonly nested: Y.Item[];
  /**
   * New items at this key that the update deletes, overwritten by a change left out of it or held
   * back (see `analyseUpdate`'s `overwritten`): not counted as a change, but the key has a value.
   */
  readonly overwritten: Y.Item[];
}

export interface Analysis {
  /** Changes to keys of root maps, by `root` then key. */
  readonly roots: Map<string, Map<string, KeyChange>>;
  /** Changes to fields of records, by `root|record` then field. */
  readonly fields: Map<string, Map<string, KeyChange>>;
  /** New structs only (nothing the document already has): the update changes nothing when false. */
  readonly hasNew: boolean;
  /** Clients of the new structs (to check who owns which Yjs client id). */
  readonly clients: Set<number>;
  /** The decoded update (its structs in order, client by client, and its delete set), for rewriting it. */
  readonly structs: readonly (Y.Item | Y.GC | Y.Skip)[];
  readonly ds: ReturnType<typeof Y.createDeleteSet>;
  /** The new items of the update (past the document's state), by client in clock order. */
  readonly newByClient: ReadonlyMap<number, readonly Y.Item[]>;
  /** As given to {@link analyseUpdate}: ids (`client:clock`) that left-out changes overwrite. */
  readonly overwritten: ReadonlySet<string> | undefined;
}

/** Thrown by the analysis: the update is refused with this reason. */
export class Refusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'Refusal';
  }
}

type RootPlace = { readonly kind: 'root'; readonly root: string; readonly key: string | null };
type FieldPlace = { readonly kind: 'field'; readonly root: string; readonly record: string; readonly key: string | null; readonly newHolder: Y.Item | null };
type Place =
  | RootPlace
  | FieldPlace
  /** Inside a shared type held at `outer` (a record field, or a map's list part): judged with that key. */
  | { readonly kind: 'deep'; readonly outer: RootPlace | FieldPlace }
  | { readonly kind: 'gc' };

const GC_PLACE: Place = Object.freeze({ kind: 'gc' });
/** The place of what is inside a shared type whose holder is at `holder`. */
const inside = (holder: Place): Place => (holder.kind === 'gc' || holder.kind === 'deep' ? holder : { kind: 'deep', outer: holder });
export const MISSING = 'Update depends on changes the server has not received';
/**
 * Told (as a permission-denied, once per episode) to a connection whose own changes the room holds
 * back because they build on another person's changes the room does not have yet (lost in a crash,
 * say): nothing is refused; the rest comes when the room asks for it again. A client that writes
 * on under the same Yjs client id queues every later change behind the held-back ones (a client's
 * changes follow on without gaps), so `@coproduce/core/connection` writes on under a new client id.
 */
export const HELD_BACK = 'Held back: it builds on changes the server does not have yet';

function idKey(client: number, clock: number): string {
  return `${client}:${clock}`;
}

/** The index in `structs` (sorted by clock, of one client) of the struct that contains `clock`, or -1. */
export function indexOfClock(structs: readonly { id: Y.ID; length: number }[], clock: number): number {
  let lo = 0;
  let hi = structs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = structs[mid] as { id: Y.ID; length: number };
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * `ranges` (of one client) sorted by clock, with ranges that overlap or touch merged. Yjs writes
 * delete sets sorted and merged already, so those come back as they are, without a copy; only a
 * hand-made delete set pays for the sort.
 */
function sortedMerged(ranges: readonly { clock: number; len: number }[]): readonly { clock: number; len: number }[] {
  let ordered = true;
  for (let i = 1; i < ranges.length && ordered; i++) {
    const previous = ranges[i - 1] as { clock: number; len: number };
    ordered = previous.clock + previous.len < (ranges[i] as { clock: number; len: number }).clock;
  }
  if (ordered) return ranges;
  const out: { clock: number; len: number }[] = [];
  for (const r of [...ranges].sort((x, y) => x.clock - y.clock)) {
    const last = out[out.length - 1];
    if (last !== undefined && r.clock <= last.clock + last.len) last.len = Math.max(last.len, r.clock + r.len - last.clock);
    else out.push({ clock: r.clock, len: r.len });
  }
  return out;
}

/** The struct of `structs` (sorted by clock) that contains `clock`, or undefined. */
function findStruct<T extends { id: Y.ID; length: number }>(structs: readonly T[] | undefined, clock: number): T | undefined {
  if (structs === undefined) return undefined;
  const index = indexOfClock(structs, clock);
  return index < 0 ? undefined : structs[index];
}

/**
 * Analyses `update` against `doc`. Throws a {@link Refusal} for updates that cannot be judged.
 *
 * `overwritten`: ids (`client:clock`, an item's last clock) that changes left out of the update or
 * held back build on (policy/settle.ts, `withoutForeign`). A new item of the update that is deleted
 * in it and is one of those was overwritten by such a change (which the sender's copy has and the
 * room has not yet): it is not counted as a change (`KeyChange.overwritten`), and a new record
 * counts its key as written. In the room it leaves the key without a value until the change that
 * overwrote it arrives, which is the price of not refusing (and losing) the sender's later changes
 * meanwhile.
 */
export function analyseUpdate(doc: Y.Doc, update: Uint8Array, overwritten?: ReadonlySet<string>): Analysis {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  const rootNames = new Map<Y.AbstractType<unknown>, string>();
  for (const [name, type] of doc.share) rootNames.set(type as Y.AbstractType<unknown>, name);

  // 1. The new part of the update: per client, the structs past the document's state, which must
  //    follow on without a gap (otherwise Yjs would keep them pending and integrate them later,
  //    unchecked).
  const docState = (client: number): number => Y.getState(store, client);
  const next = new Map<number, number>();
  const newByClient = new Map<number, Y.Item[]>();
  const newItems: Y.Item[] = [];
  const clients = new Set<number>();
  for (const struct of structs) {
    const client = struct.id.client;
    const expected = next.get(client) ?? docState(client);
    const end = struct.id.clock + struct.length;
    if (end <= expected) continue; // already known
    if (struct instanceof Y.Skip) continue; // a gap: whatever follows it is missing
    if (struct.id.clock > expected) throw new Refusal(MISSING);
    next.set(client, end);
    clients.add(client);
    if (struct instanceof Y.Item) {
      newItems.push(struct);
      let list = newByClient.get(client);
      if (list === undefined) newByClient.set(client, (list = []));
      list.push(struct);
    }
    // GC structs integrate as garbage: nothing to judge.
  }
  const isNew = (id: Y.ID): boolean => id.clock >= docState(id.client) && id.clock < (next.get(id.client) ?? docState(id.client));
  const isKnown = (id: Y.ID): boolean => id.clock < docState(id.client);

  // 2. Deletions: of document items, and of this update's own new items.
  const deletedDoc: Y.Item[] = [];
  const deadNew = new Set<Y.Item>();
  for (const [client, ranges] of ds.clients) {
    const known = docState(client);
    const reach = next.get(client) ?? known;
    // Sorted and merged first (a delete set as sent may repeat or overlap ranges): each struct is
    // then visited once, so the work is linear in the update whatever its delete set looks like.
    const items = newByClient.get(client) ?? [];
    let j = 0;
    for (const { clock, len } of sortedMerged(ranges)) {
      const end = clock + len;
      if (end > reach) throw new Refusal(MISSING);
      if (clock < known) {
        const docStructs = store.clients.get(client) ?? [];
        let i = Y.findIndexSS(docStructs, clock);
        for (; i < docStructs.length; i++) {
          const s = docStructs[i] as Y.Item | Y.GC;
          if (s.id.clock >= Math.min(end, known)) break;
          if (s instanceof Y.Item && !s.deleted) deletedDoc.push(s);
        }
      }
      if (end > known) {
        const from = Math.max(clock, known);
        while (j < items.length && (items[j] as Y.Item).id.clock < from) j++;
        for (; j < items.length; j++) {
          const item = items[j] as Y.Item;
          if (item.id.clock + item.length > end) break;
          deadNew.add(item);
        }
      }
    }
  }

  // 3. Where things are.
  const rootName = (type: Y.AbstractType<unknown>): string => rootNames.get(type) ?? Y.findRootTypeKey(type);
  const docTypePlace = (type: Y.AbstractType<unknown>, key: string | null): Place => {
    const holder = type._item;
    if (holder === null) return { kind: 'root', root: rootName(type), key };
    if (holder.deleted) return GC_PLACE; // a deleted record (or value): writes into it change nothing visible
    const outer = holder.parent;
    if (outer instanceof Y.AbstractType && outer._item === null && holder.parentSub !== null) {
      return { kind: 'field', root: rootName(outer as Y.AbstractType<unknown>), record: holder.parentSub, key, newHolder: null };
    }
    return inside(docItemPlace(holder));
  };
  function docItemPlace(item: Y.Item | Y.GC): Place {
    if (!(item instanceof Y.Item)) return GC_PLACE;
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return GC_PLACE;
    return docTypePlace(parent as Y.AbstractType<unknown>, item.parentSub);
  }
  const findDocStruct = (id: Y.ID): Y.Item | Y.GC | undefined => {
    try {
      return Y.getItem(store, id) as Y.Item | Y.GC;
    } catch {
      return undefined;
    }
  };

  const places = new Map<Y.Item, Place>();
  const newItemPlace = (start: Y.Item): Place => {
    const chain: Y.Item[] = [];
    const seen = new Set<Y.Item>();
    let item = start;
    let place: Place | undefined;
    for (;;) {
      const known = places.get(item);
      if (known !== undefined) {
        place = known;
        break;
      }
      if (seen.has(item)) throw new Refusal(MISSING); // origins going round in a circle
      seen.add(item);
      chain.push(item);
      const parent = item.parent as unknown;
      if (parent !== null) {
        if (typeof parent === 'string') {
          place = { kind: 'root', root: parent, key: item.parentSub };
          break;
        }
        const parentId = parent as Y.ID;
        if (isNew(parentId)) {
          const holder = findStruct(newByClient.get(parentId.client), parentId.clock);
          if (holder === undefined) throw new Refusal(MISSING);
          if (!(holder.content instanceof Y.ContentType)) throw new Refusal('Not in the workshop layout: content inside a value that is not a shared type');
          const holderPlace = newItemPlace(holder);
          if (holderPlace.kind === 'gc' || deadNew.has(holder)) place = GC_PLACE;
          else if (holderPlace.kind === 'root' && holderPlace.key !== null) {
            place = { kind: 'field', root: holderPlace.root, record: holderPlace.key, key: item.parentSub, newHolder: holder };
          } else place = inside(holderPlace);
          break;
        }
        if (!isKnown(parentId)) throw new Refusal(MISSING);
        const holder = findDocStruct(parentId);
        if (holder === undefined) throw new Refusal(MISSING);
        if (!(holder instanceof Y.Item)) {
          place = GC_PLACE;
          break;
        }
        if (!(holder.content instanceof Y.ContentType)) {
          if (holder.content instanceof Y.ContentDeleted) place = GC_PLACE;
          else throw new Refusal('Not in the workshop layout: content inside a value that is not a shared type');
          break;
        }
        place = docTypePlace(holder.content.type as Y.AbstractType<unknown>, item.parentSub);
        break;
      }
      const ref = item.origin ?? item.rightOrigin;
      if (ref === null) throw new Refusal('Malformed update: an item without a place');
      for (const other of [item.origin, item.rightOrigin]) {
        if (other !== null && !isNew(other) && !isKnown(other)) throw new Refusal(MISSING);
      }
      if (isNew(ref)) {
        const left = findStruct(newByClient.get(ref.client), ref.clock);
        if (left === undefined) throw new Refusal(MISSING);
        item = left;
        continue;
      }
      const neighbour = findDocStruct(ref);
      if (neighbour === undefined) throw new Refusal(MISSING);
      place = docItemPlace(neighbour);
      break;
    }
    for (const it of chain) places.set(it, place);
    return place;
  };

  // 4. Collect the changes by key.
  const rootChanges = new Map<string, Map<string, KeyChange>>();
  const fieldChanges = new Map<string, Map<string, KeyChange>>();
  const changeAt = (place: Place & { kind: 'root' | 'field' }, key: string): KeyChange => {
    const isField = place.kind === 'field';
    const groupKey = isField ? `${place.root}|${place.record}` : place.root;
    const groups = isField ? fieldChanges : rootChanges;
    let group = groups.get(groupKey);
    if (group === undefined) groups.set(groupKey, (group = new Map()));
    let change = group.get(key);
    if (change === undefined) {
      change = {
        root: place.root,
        record: isField ? place.record : null,
        key,
        added: [],
        deadAdded: 0,
        dead: [],
        deleted: [],
        removesCurrent: false,
        deletesCurrent: false,
        newHolder: isField ? place.newHolder : null,
        nested: [],
        overwritten: [],
      };
      group.set(key, change);
    }
    return change;
  };

  for (const item of newItems) {
    const place = newItemPlace(item);
    if (place.kind === 'gc') continue;
    if (overwritten !== undefined && deadNew.has(item) && place.kind !== 'deep' && overwritten.has(idKey(item.id.client, item.id.clock + item.length - 1))) {
      changeAt(place, place.key ?? '').overwritten.push(item);
      continue;
    }
    if (place.kind === 'deep') {
      // Nested content: the key holding it is refused (rules.ts), and the settlement takes it along.
      changeAt(place.outer, place.outer.key ?? '').nested.push(item);
      continue;
    }
    // List content (no key) is judged as key '': the rules refuse it, after naming an unknown root.
    const change = changeAt(place, place.key ?? '');
    if (deadNew.has(item)) {
      change.deadAdded++;
      change.dead.push(item);
    } else change.added.push(item);
    // Whatever its origin, a new item may win the key and remove its current value.
    change.removesCurrent = true;
  }
  // A key whose value is still to come (an overwriting change left out or held back): the items the
  // update wrote and deleted there before it are history, not a removal.
  for (const group of [rootChanges, fieldChanges]) {
    for (const changes of group.values()) {
      for (const change of changes.values()) {
        if (change.overwritten.length === 0 || change.dead.length === 0) continue;
        change.overwritten.push(...change.dead.splice(0));
        change.deadAdded = 0;
        change.removesCurrent = change.added.length > 0;
      }
    }
  }
  for (const item of deletedDoc) {
    const place = docItemPlace(item);
    // Removing content nested inside a value changes nothing the layout reads (such content is
    // never written: see above).
    if (place.kind === 'gc' || place.kind === 'deep') continue;
    if (place.key === null) {
      // Junk in a map's list part (never written by Coproduce): removing it is a layout repair.
      const junk = changeAt(place, '');
      junk.removesCurrent = junk.deletesCurrent = true;
      junk.deleted.push(item);
      continue;
    }
    const change = changeAt(place, place.key);
    change.removesCurrent = change.deletesCurrent = true;
    change.deleted.push(item);
  }

  return {
    roots: rootChanges,
    fields: fieldChanges,
    hasNew: newItems.length > 0 || deletedDoc.length > 0,
    clients,
    structs: structs as (Y.Item | Y.GC | Y.Skip)[],
    ds,
    newByClient,
    overwritten,
  };
}
