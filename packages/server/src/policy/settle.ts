/**
 * Settling a refused update, so that a refusal loses nothing it need not and never wedges the sender.
 *
 * A Yjs client numbers its changes without gaps. If the server simply dropped a refused update, every
 * later change of that client would depend on the missing numbers and be refused too ("depends on
 * changes the server has not received"); and a device that keeps an offline copy would send the
 * refused change again with everything it writes offline, so one forbidden change (a ballot cast
 * offline after the vote closed) would take a whole batch of good ones (the ideas written on the bus)
 * down with it, for good.
 *
 * So the server applies what it can:
 * - the refused parts of the update (per key of a root or record, as the rules judge them) become
 *   garbage: Yjs `GC` structs of the same ids and lengths, which take their place in the sender's
 *   history and show nothing (exactly as if they had been written and collected). Items that depend
 *   on a refused item (the fields of a refused record, text typed after it) become garbage too, as
 *   Yjs itself would make them. Refused deletions are left out of the delete set.
 * - except a refused value at a key that has no value in the room (a first ballot on a closed vote,
 *   a new field): that becomes a deleted item of the same id and place (a tombstone, as if written
 *   and deleted at once), which removes nothing. The sender's next value at that key is written
 *   after the refused one (its Yjs origin); a `GC` struct there would make Yjs throw every later
 *   value at that key away as garbage, silently, on the server and then on the sender's copy too.
 *   (A key that has a value is given it back instead, see `restore`, and the sender's next value
 *   follows that.)
 * - the rest is judged again, whole; parts refused only now (a comment deleted with its idea, once
 *   the idea's deletion is refused) are refused too, for a few rounds; if it still fails, the whole
 *   update becomes garbage.
 * - the sender is told why (`permission-denied`) and gets a `revert`: a delete set for its refused
 *   items, so its own copy drops them (the late ballot disappears from the voter's screen, and the
 *   voter is told) instead of showing something nobody else sees.
 *
 * Updates that cannot be judged at all (dependencies the server lacks, observers) are still refused
 * whole: their numbers are not the sender's to settle. Another person's structs (client ids someone
 * else owns) are never settled either: they are left out, with what builds on them
 * ({@link withoutForeign}), and come from their owner.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { analyseUpdate, indexOfClock, Refusal, type Analysis, type KeyChange } from './analyse.js';
import { judgeParts, type JudgeUser, type RefusedPart } from './rules.js';
import type { Role } from '@coproduce/core';

/** A key whose current value the sender's copy lost to a refused change (see `restore`). */
export interface RestoreKey {
  readonly root: string;
  /** The record's key in `root`, for a record field; null for a key of the root map itself. */
  readonly record: string | null;
  readonly key: string;
}

export interface Settlement {
  /** The update to apply instead: refused parts turned into garbage. */
  readonly replacement: Uint8Array;
  /** For the sender only: deletes its refused items from its own copy. */
  readonly revert: Uint8Array;
  /**
   * Keys whose current value the sender's copy has lost (a refused overwrite or deletion: Yjs
   * cannot undelete). The room writes their current value again, which changes nothing for
   * anyone else and gives the sender its value back, so its copy never differs from the room's.
   */
  readonly restore: readonly RestoreKey[];
  /** The reasons, first one first (each refused key once). */
  readonly reasons: readonly string[];
  /** False when nothing of the update could be kept. */
  readonly partial: boolean;
  /** Clients whose every new item was refused: none of their content was accepted as the sender's. */
  readonly refusedClients: ReadonlySet<number>;
}

type Struct = Y.Item | Y.GC | Y.Skip;
type DeleteSet = Analysis['ds'];

/** The struct of `list` (sorted by clock) that contains `clock`. */
function find(list: readonly Y.Item[] | undefined, clock: number): Y.Item | undefined {
  if (list === undefined) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid] as Y.Item;
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** Adds to `garbage` every new item that depends on one in it (parent, left or right origin). */
function closeOver(analysis: Analysis, garbage: Set<Y.Item>): void {
  // Who depends on whom among the update's new items, then one walk from the garbage outwards:
  // linear in the update, however its dependencies run between clients.
  const dependents = new Map<Y.Item, Y.Item[]>();
  const dependOn = (item: Y.Item, id: Y.ID | null): void => {
    if (id === null) return;
    const target = find(analysis.newByClient.get(id.client), id.clock);
    if (target === undefined || target === item) return;
    let list = dependents.get(target);
    if (list === undefined) dependents.set(target, (list = []));
    list.push(item);
  };
  for (const list of analysis.newByClient.values()) {
    for (const item of list) {
      const parent = item.parent as unknown;
      dependOn(item, parent instanceof Y.ID ? parent : null);
      dependOn(item, item.origin);
      dependOn(item, item.rightOrigin);
    }
  }
  const queue = [...garbage];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const dependent of dependents.get(next) ?? []) {
      if (garbage.has(dependent)) continue;
      garbage.add(dependent);
      queue.push(dependent);
    }
  }
}

type Range = { clock: number; len: number };

/** `ranges` without any of `removals` (both lists of one client; sorted and swept once). */
function subtractAll(ranges: readonly Range[], removals: readonly Range[]): Range[] {
  const cuts = [...removals].sort((x, y) => x.clock - y.clock);
  const out: Range[] = [];
  let i = 0;
  for (const r of [...ranges].sort((x, y) => x.clock - y.clock)) {
    let start = r.clock;
    const end = r.clock + r.len;
    while (i < cuts.length && (cuts[i] as Range).clock + (cuts[i] as Range).len <= start) i++;
    for (let j = i; j < cuts.length && (cuts[j] as Range).clock < end; j++) {
      const cut = cuts[j] as Range;
      if (cut.clock > start) out.push({ clock: start, len: cut.clock - start });
      start = Math.max(start, cut.clock + cut.len);
    }
    if (start < end) out.push({ clock: start, len: end - start });
  }
  return out;
}

function writeDeleteSet(encoder: Y.UpdateEncoderV1, clients: Map<number, Range[]>): void {
  const entries = [...clients].filter(([, ranges]) => ranges.length > 0);
  encoding.writeVarUint(encoder.restEncoder, entries.length);
  for (const [client, ranges] of entries) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
}

/** The ranges sorted and merged where they touch or overlap. */
function mergeRanges(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const r of [...ranges].sort((x, y) => x.clock - y.clock)) {
    const last = out[out.length - 1];
    if (last !== undefined && r.clock <= last.clock + last.len) last.len = Math.max(last.len, r.clock + r.len - last.clock);
    else out.push({ clock: r.clock, len: r.len });
  }
  return out;
}

/**
 * Encodes the structs (garbage where asked, a deleted item of the same place for `tombstones`) and
 * delete set as a v1 update. The tombstones are added to the delete set.
 */
function encodeUpdate(
  structs: readonly Struct[],
  isGarbage: (s: Struct) => boolean,
  deletes: Map<number, Range[]>,
  tombstones: ReadonlySet<Y.Item> = new Set(),
): Uint8Array {
  if (tombstones.size > 0) {
    deletes = new Map(deletes);
    const added = new Map<number, Range[]>();
    for (const item of tombstones) {
      let list = added.get(item.id.client);
      if (list === undefined) added.set(item.id.client, (list = []));
      list.push({ clock: item.id.clock, len: item.length });
    }
    for (const [client, list] of added) deletes.set(client, mergeRanges([...(deletes.get(client) ?? []), ...list]));
  }
  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    let list = byClient.get(s.id.client);
    if (list === undefined) byClient.set(s.id.client, (list = []));
    list.push(s);
  }
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, (list[0] as Struct).id.clock);
    for (const s of list) {
      if (s instanceof Y.Item && tombstones.has(s)) {
        new Y.Item(s.id, null, s.origin, null, s.rightOrigin, s.parent, s.parentSub, new Y.ContentDeleted(s.length)).write(encoder, 0);
      } else (isGarbage(s) ? new Y.GC(s.id, s.length) : s).write(encoder, 0);
    }
  }
  writeDeleteSet(encoder, deletes);
  return encoder.toUint8Array();
}

function copyDeletes(ds: DeleteSet): Map<number, Range[]> {
  const out = new Map<number, Range[]>();
  for (const [client, items] of ds.clients) out.set(client, items.map(({ clock, len }) => ({ clock, len })));
  return out;
}

/**
 * Settles an update the rules refused (see the module comment). `analysis` is the update's analysis
 * against `doc`, before anything of it is applied.
 */
export function settleRefusal(doc: Y.Doc, user: JudgeUser, role: Role, analysis: Analysis): Settlement {
  const parts: RefusedPart[] = judgeParts(doc, user, role, analysis);
  const changeKey = (c: KeyChange): string => `${c.root}|${c.record ?? ''}|${c.key}`;
  const byKey = new Map<string, KeyChange>();
  for (const group of [analysis.roots, analysis.fields]) for (const changes of group.values()) for (const c of changes.values()) byKey.set(changeKey(c), c);
  const refusedChanges = new Set<KeyChange>();
  let garbage = new Set<Y.Item>();
  let deletes = copyDeletes(analysis.ds);
  let replacement: Uint8Array = new Uint8Array();
  let partial = false;
  // Refusing one part can make another refused (a comment deleted with its idea, once the idea's
  // deletion is refused): judged again, a few rounds, before the whole update becomes garbage.
  for (let round = 0; round < 4; round++) {
    // A refused record goes with its fields: a refused deletion of a record keeps every field too
    // (Yjs deletes a record's fields with it).
    for (const { change } of parts) {
      refusedChanges.add(change);
      if (change.record !== null) continue;
      for (const field of analysis.fields.get(`${change.root}|${change.key}`)?.values() ?? []) refusedChanges.add(field);
    }
    garbage = new Set<Y.Item>();
    deletes = copyDeletes(analysis.ds);
    // Refused deletions: the document items they would delete stay.
    const kept = new Map<number, Range[]>();
    for (const change of refusedChanges) {
      for (const item of change.added) garbage.add(item);
      for (const item of change.dead) garbage.add(item);
      for (const item of change.nested) garbage.add(item);
      for (const item of change.deleted) {
        let list = kept.get(item.id.client);
        if (list === undefined) kept.set(item.id.client, (list = []));
        list.push({ clock: item.id.clock, len: item.length });
      }
    }
    for (const [client, list] of kept) {
      const ranges = deletes.get(client);
      if (ranges !== undefined) deletes.set(client, subtractAll(ranges, list));
    }
    closeOver(analysis, garbage);
    replacement = encodeUpdate(analysis.structs, (s) => s instanceof Y.Item && garbage.has(s), deletes);
    // The rest must pass whole, on its own.
    let more: RefusedPart[];
    try {
      more = judgeParts(doc, user, role, analyseUpdate(doc, replacement, analysis.overwritten));
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      break;
    }
    if (more.length === 0) {
      partial = true;
      break;
    }
    const mapped = more.map((part) => ({ change: byKey.get(changeKey(part.change)), reason: part.reason }));
    if (mapped.some((part) => part.change === undefined || refusedChanges.has(part.change))) break;
    for (const part of mapped) parts.push(part as RefusedPart);
  }
  const reasons = [...new Set(parts.map((p) => p.reason))];
  const allChanges = [...analysis.roots.values(), ...analysis.fields.values()].flatMap((m) => [...m.values()]);
  if (!partial) {
    // Keep only the update's place in its clients' histories.
    for (const list of analysis.newByClient.values()) for (const item of list) garbage.add(item);
  }
  const live = (root: string, record: string | null, key: string): boolean => {
    if (!doc.share.has(root)) return false;
    const map = record === null ? doc.getMap(root) : doc.getMap(root).get(record);
    return map instanceof Y.Map && map.has(key);
  };
  // Refused values at keys without a value in the room (and in a map that stays) become tombstones
  // (see the module comment). They delete nothing, so what was judged above is what takes effect.
  const tombstones = new Set<Y.Item>();
  for (const change of partial ? refusedChanges : allChanges) {
    if (change.key === '' || !doc.share.has(change.root) || live(change.root, change.record, change.key)) continue;
    if (change.record !== null) {
      const stays = change.newHolder !== null ? !garbage.has(change.newHolder) : doc.getMap(change.root).get(change.record) instanceof Y.Map;
      if (!stays) continue;
    }
    for (const item of [...change.added, ...change.dead]) if (garbage.has(item)) tombstones.add(item);
  }
  if (!partial || tombstones.size > 0) {
    replacement = encodeUpdate(analysis.structs, (s) => s instanceof Y.Item && garbage.has(s), partial ? deletes : new Map(), tombstones);
  }

  // The sender's own copy drops what the room does not have.
  const revertDeletes = new Map<number, Range[]>();
  for (const item of garbage) {
    // Only the part the room did not have before (a resent item may overlap what it has).
    const start = Math.max(item.id.clock, Y.getState(doc.store, item.id.client));
    const end = item.id.clock + item.length;
    if (start >= end) continue;
    let ranges = revertDeletes.get(item.id.client);
    if (ranges === undefined) revertDeletes.set(item.id.client, (ranges = []));
    ranges.push({ clock: start, len: end - start });
  }
  for (const ranges of revertDeletes.values()) ranges.sort((a, b) => a.clock - b.clock);
  const revert = encodeUpdate([], () => false, revertDeletes);

  // Keys whose current value the refused part overwrote or deleted in the sender's copy. With the
  // whole update refused, that is every key it touched. A restored record brings its fields along.
  const lost = partial ? [...refusedChanges] : allChanges;
  const restore: RestoreKey[] = [];
  const restoredRecords = new Set<string>();
  for (const change of lost) {
    if (change.record !== null || !change.removesCurrent || !live(change.root, null, change.key)) continue;
    restore.push({ root: change.root, record: null, key: change.key });
    restoredRecords.add(`${change.root}|${change.key}`);
  }
  for (const change of lost) {
    if (change.record === null || !change.removesCurrent || restoredRecords.has(`${change.root}|${change.record}`)) continue;
    if (live(change.root, change.record, change.key)) restore.push({ root: change.root, record: change.record, key: change.key });
  }
  const refusedClients = new Set<number>();
  for (const [client, items] of analysis.newByClient) if (items.every((item) => garbage.has(item))) refusedClients.add(client);
  return { replacement, revert, restore, reasons: reasons.length > 0 ? reasons : ['This change is not allowed'], partial, refusedClients };
}

/** What {@link withoutForeign} left out of an update. */
export interface Withheld {
  /** The update without another person's structs and what builds on them. */
  readonly update: Uint8Array;
  /** Client ids (owned by someone else) whose new structs were left out. */
  readonly foreign: ReadonlySet<number>;
  /**
   * Per client id, the first clock held back although it is not someone else's: structs that build
   * on left-out ones (their origin, right origin or parent), and every later struct of the same
   * client id (a client's structs follow on without gaps).
   */
  readonly heldBack: ReadonlyMap<number, number>;
  /** Ids (`client:clock`) of kept structs that left-out ones build on (see `analyseUpdate`). */
  readonly overwritten: ReadonlySet<string>;
}

/**
 * Leaves out of `update` the new structs of client ids another person owns (`isForeign`): they are
 * not the sender's to deliver. A sync step 2 carries everything the sender has that the room lacks,
 * so after a crash it carries other people's edits that the server had relayed and then lost; their
 * owners deliver them on their own reconnect. Turning them into garbage instead would take their
 * place in the owner's history, and the owner's own copy would then be thrown away as already known.
 *
 * What builds on a left-out struct cannot be applied yet and is held back too, with everything
 * after it under the same client id; deletions of left-out or held-back clocks are left out of the
 * delete set. The rest is returned, to be judged as usual. `null` when nothing is foreign.
 * Linear in the update.
 */
export function withoutForeign(doc: Y.Doc, update: Uint8Array, isForeign: (client: number) => boolean): Withheld | null {
  const { structs, ds } = Y.decodeUpdate(update);
  const state = (client: number): number => Y.getState(doc.store, client);
  const foreign = new Set<number>();
  const judged = new Map<number, boolean>();
  const foreignPast = (client: number, end: number): boolean => {
    if (end <= state(client)) return false;
    let verdict = judged.get(client);
    if (verdict === undefined) judged.set(client, (verdict = isForeign(client)));
    return verdict;
  };
  for (const s of structs) if (!(s instanceof Y.Skip) && foreignPast(s.id.client, s.id.clock + s.length)) foreign.add(s.id.client);
  for (const [client, ranges] of ds.clients) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && foreignPast(client, last.clock + last.len)) foreign.add(client);
  }
  if (foreign.size === 0) return null;
  return leaveOut(doc, structs as Struct[], ds, foreign, [], new Map());
}

/**
 * For an update that had another person's structs left out ({@link withoutForeign}): its parts the
 * rules refuse may be refused only because of what was left out (a comment on an idea that is not in
 * the room yet; a deletion that was someone else's overwrite), so they are held back like what
 * builds on left-out structs, not settled: they come again with the sender's next sync step 2,
 * which the room asks for once the owners have delivered theirs, and are judged then. A refused
 * change's deletions are left out first, its new items only when it is refused without deletions.
 */
export function holdBackRefused(doc: Y.Doc, analysis: Analysis, parts: readonly RefusedPart[]): Withheld {
  const changes = new Set(parts.map((p) => p.change));
  for (const { change } of parts) {
    if (change.record !== null) continue;
    for (const field of analysis.fields.get(`${change.root}|${change.key}`)?.values() ?? []) changes.add(field);
  }
  const seeds: Y.Item[] = [];
  const cuts = new Map<number, Range[]>();
  for (const change of changes) {
    // Deletions first (the delete set comes whole with every step 2): a deletion may be someone
    // else's overwrite; the items themselves are held back only if that does not settle it.
    // (An item written and deleted that the sender's copy has already collected cannot come back.)
    const revivable = change.dead.filter((item) => !(item.content instanceof Y.ContentDeleted));
    if (change.deleted.length === 0 && revivable.length === 0) {
      seeds.push(...change.added, ...change.dead, ...change.nested);
      continue;
    }
    for (const item of [...change.deleted, ...revivable]) {
      let list = cuts.get(item.id.client);
      if (list === undefined) cuts.set(item.id.client, (list = []));
      list.push({ clock: item.id.clock, len: item.length });
    }
  }
  return leaveOut(doc, analysis.structs, analysis.ds, new Set(), seeds, cuts);
}

/**
 * The update of `structs` and `ds` without the structs of `foreign` client ids past the room's
 * state, without `seeds`, and without everything that builds on those (origin, right origin or
 * parent) and every later struct of the same client id; deletions of what is left out, and
 * `dsCuts`, are left out of the delete set. Linear in the update.
 */
function leaveOut(
  doc: Y.Doc,
  structs: readonly Struct[],
  ds: DeleteSet,
  foreign: ReadonlySet<number>,
  seeds: readonly Struct[],
  dsCuts: ReadonlyMap<number, Range[]>,
): Withheld {
  const state = (client: number): number => Y.getState(doc.store, client);
  // The rest, per client id in clock order.
  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    if (foreign.has(s.id.client)) continue;
    let list = byClient.get(s.id.client);
    if (list === undefined) byClient.set(s.id.client, (list = []));
    list.push(s);
  }
  const structAt = (id: Y.ID): Struct | undefined => {
    const list = byClient.get(id.client);
    if (list === undefined || id.clock < state(id.client)) return undefined;
    return list[indexOfClock(list, id.clock)];
  };
  const isLeftOut = (id: Y.ID): boolean => foreign.has(id.client) && id.clock >= state(id.client);

  // Who builds on whom (new structs only), and the structs that build on a left-out one.
  const dependents = new Map<Struct, Struct[]>();
  const queue: Struct[] = [...seeds];
  for (const list of byClient.values()) {
    for (const s of list) {
      if (!(s instanceof Y.Item) || s.id.clock + s.length <= state(s.id.client)) continue;
      const parent = s.parent as unknown;
      for (const ref of [s.origin, s.rightOrigin, parent instanceof Y.ID ? parent : null]) {
        if (ref === null) continue;
        if (isLeftOut(ref)) {
          queue.push(s);
          continue;
        }
        const target = structAt(ref);
        if (target === undefined || target === s) continue;
        let list = dependents.get(target);
        if (list === undefined) dependents.set(target, (list = []));
        list.push(s);
      }
    }
  }
  // Held back: per client, from the first struct that is left out or builds on one, to the end.
  const heldBack = new Map<number, number>();
  for (let s = queue.pop(); s !== undefined; s = queue.pop()) {
    const client = s.id.client;
    const cut = heldBack.get(client) ?? Number.POSITIVE_INFINITY;
    if (s.id.clock >= cut) continue;
    heldBack.set(client, s.id.clock);
    const list = byClient.get(client) as Struct[];
    for (let i = Math.max(0, indexOfClock(list, s.id.clock)); i < list.length; i++) {
      const later = list[i] as Struct;
      if (later.id.clock >= cut) break;
      for (const dependent of dependents.get(later) ?? []) queue.push(dependent);
    }
  }

  const kept: Struct[] = [];
  for (const [client, list] of byClient) {
    const cut = heldBack.get(client) ?? Number.POSITIVE_INFINITY;
    for (const s of list) if (s.id.clock < cut) kept.push(s);
  }
  // What the left-out and held-back items were written after (at a map key: what they overwrite).
  const out = (id: Y.ID): boolean => isLeftOut(id) || id.clock >= (heldBack.get(id.client) ?? Number.POSITIVE_INFINITY);
  const overwritten = new Set<string>();
  for (const s of structs) {
    if (!(s instanceof Y.Item) || !out(s.id)) continue;
    for (const ref of [s.origin, s.rightOrigin]) if (ref !== null && !out(ref)) overwritten.add(`${ref.client}:${ref.clock}`);
  }
  const deletes = copyDeletes(ds);
  for (const [client, ranges] of deletes) {
    const cut = heldBack.get(client);
    const from = foreign.has(client) ? state(client) : cut !== undefined ? Math.max(state(client), cut) : null;
    const removals = [...(dsCuts.get(client) ?? [])];
    if (from !== null) removals.push({ clock: from, len: Number.MAX_SAFE_INTEGER - from });
    if (removals.length > 0) deletes.set(client, subtractAll(ranges, removals));
  }
  return { update: encodeUpdate(kept, () => false, deletes), foreign, heldBack, overwritten };
}
