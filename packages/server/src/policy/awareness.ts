/**
 * Who may publish which awareness (presence) states in a room.
 *
 * An awareness update carries `(clientId, clock, state)` entries, and y-protocols applies any of
 * them: without a check, one connection could overwrite or remove everybody else's presence. The
 * gate gives each awareness client id to the first connection that publishes a state for it; a
 * connection owns one client id (the stock y-websocket client uses exactly one), and no connection
 * can update or remove a client id another connection owns. The one exception is the same signed-in
 * person on a new connection (a reconnect the server has not noticed yet): the id moves to it.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import type { Connection } from '../connection.js';
import { ANONYMOUS_USER, type UpdateDecision } from '../types.js';

/** One entry of an awareness update. `state` is `null` when the client leaves. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
  /** The state exactly as sent (JSON), to re-encode a filtered update. */
  json: string;
}

/** Decodes an awareness update (already checked by the protocol decoder). */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    entries.push({ clientId, clock, state: JSON.parse(json) as unknown, json });
  }
  return entries;
}

function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

/** Judges one entry's state (e.g. `checkPresence` and the connection's identity). */
export type AwarenessStateCheck = (clientId: number, state: unknown) => UpdateDecision;

/**
 * Asked, in order, for each entry the gate would keep that brings a state into presence (a client
 * id the room has no state for: a new one, or one shown again), once per id; `leaving` are the
 * client ids whose state the same update removes. `false` drops the entry
 * (the room's per-connection bound on presence ids, limits.ts `PresenceIdAllowance`).
 */
export type IntroduceCheck = (clientId: number, leaving: ReadonlySet<number>) => boolean;

/** What to do with an awareness update: apply `update` (maybe filtered), nothing, or refuse it. */
export type AwarenessVerdict = { apply: Uint8Array } | { reason: string } | null;

const sameSignedInUser = (a: Connection, b: Connection): boolean =>
  a.user.userId === b.user.userId && a.user.userId !== ANONYMOUS_USER.userId;

/** `null` (leaving) and `{}` (y-protocols' initial state) say nothing about anyone. */
function claimsNothing(state: unknown): boolean {
  return state === null || (typeof state === 'object' && !Array.isArray(state) && Object.keys(state as object).length === 0);
}

/** Client ids given up (see {@link AwarenessGate.check}) remembered per room, at most. */
const MAX_GIVEN_UP = 10_000;

export class AwarenessGate {
  private readonly owners = new Map<number, Connection>();
  private readonly owned = new Map<Connection, Set<number>>();
  /**
   * Client ids a connection gave up by removing its own state, or left behind when it closed, → the
   * user it belonged to. Its
   * person may still have changes under it that the room does not have yet (held back, or written
   * offline): nobody else may claim it (a presence claim makes the id the claimer's to write under,
   * see `Room.ownersFor`). The most recent {@link MAX_GIVEN_UP} are kept.
   */
  private readonly givenUp = new Map<number, string>();

  constructor(private readonly maxIdsPerConnection = 1) {}

  /**
   * Judges an awareness update from `conn` against the room's `awareness`, entry by entry:
   *
   * - an entry that would change nothing (an older or equal clock) is left to y-protocols, which
   *   ignores it: the stock y-websocket client sends every state it receives back to the server,
   *   and tabs of one browser pass each other's states on (BroadcastChannel), so these echoes are
   *   normal;
   * - an entry for a client id another connection owns is dropped, without a word (it is someone
   *   else's presence, passed on or forged); the same signed-in person on a connection that owns no
   *   client id yet takes the id over (a reconnect the server has not noticed);
   * - an entry with a real state for a client id nobody owns is the connection's claim to it: it
   *   must pass `checkState`, and a connection claims one client id (more are dropped);
   *   removing its own state (`null`) gives the id up, so it may claim another; an id given up
   *   stays its user's: another user's claim of it is dropped (their changes under it may not
   *   have reached the room yet);
   *   `null` and `{}` claim nothing and are applied as they are;
   * - an entry of the connection's own client id must pass `checkState`.
   *
   * A state the same update removes counts as given up already (a page moving its presence to a
   * new client id may send both in one update). Then each kept entry that brings a state into
   * presence (a client id the room has no state for) must pass `introduce`.
   *
   * A state that fails `checkState` refuses the whole update (`{ reason }`: the sender is told).
   * Otherwise the result is the update to apply (without the dropped entries), or `null`.
   */
  check(conn: Connection, update: Uint8Array, awareness: Awareness, checkState?: AwarenessStateCheck, introduce?: IntroduceCheck): AwarenessVerdict {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessEntries(update);
    } catch {
      return { reason: 'Presence refused: unreadable awareness update' };
    }
    const mine = this.owned.get(conn) ?? new Set<number>();
    const claims = new Set<number>();
    /** Own client ids whose state the connection removes: it holds them no more. */
    const released = new Set<number>();
    let kept: AwarenessEntry[] = [];
    /** Kept entries that bring a state into presence (see `introduce`). */
    const bringsIn = new Set<AwarenessEntry>();
    const appliesNow = ({ clientId, clock, state }: AwarenessEntry): boolean => {
      const current = awareness.meta.get(clientId)?.clock ?? -1;
      return current < clock || (current === clock && state === null && awareness.states.has(clientId));
    };
    // Client ids whose state this update removes (and does not show again): given up already, for
    // the one-id-per-connection count below (its own ones) and for `introduce`. (A removal of a
    // state another connection holds is dropped: below, or at the room's screening.)
    const leaving = new Set<number>();
    for (const entry of entries) {
      if (!appliesNow(entry)) continue;
      if (entry.state === null) {
        if (awareness.states.has(entry.clientId)) leaving.add(entry.clientId);
      } else {
        leaving.delete(entry.clientId);
      }
    }
    let staying = 0;
    for (const clientId of mine) if (!leaving.has(clientId)) staying++;
    const judge = (clientId: number, state: unknown): string | null => {
      if (!checkState) return null;
      const decision = checkState(clientId, state);
      return decision && typeof decision === 'object' ? String(decision.reason) : null;
    };
    for (const entry of entries) {
      const { clientId, state } = entry;
      if (!appliesNow(entry)) {
        kept.push(entry);
        continue;
      }
      if (state !== null && !awareness.states.has(clientId)) bringsIn.add(entry);
      const owner = this.owners.get(clientId);
      if (owner === conn || mine.has(clientId)) {
        const reason = judge(clientId, state);
        if (reason !== null) return { reason };
        kept.push(entry);
        if (state === null) released.add(clientId);
        else released.delete(clientId);
      } else if (owner !== undefined) {
        if (!sameSignedInUser(owner, conn) || staying + claims.size >= this.maxIdsPerConnection) continue;
        const reason = judge(clientId, state);
        if (reason !== null) return { reason };
        claims.add(clientId);
        kept.push(entry);
      } else if (claimsNothing(state)) {
        kept.push(entry);
      } else {
        if (staying + claims.size >= this.maxIdsPerConnection) continue;
        const formerUser = this.givenUp.get(clientId);
        if (formerUser !== undefined && formerUser !== conn.user.userId) continue; // someone else's, given up
        const reason = judge(clientId, state);
        if (reason !== null) return { reason };
        claims.add(clientId);
        kept.push(entry);
      }
    }
    if (introduce !== undefined && bringsIn.size > 0) {
      const decided = new Map<number, boolean>();
      kept = kept.filter((entry) => {
        if (!bringsIn.has(entry)) return true;
        let allowed = decided.get(entry.clientId);
        if (allowed === undefined) {
          allowed = introduce(entry.clientId, leaving);
          decided.set(entry.clientId, allowed);
        }
        if (!allowed) claims.delete(entry.clientId);
        return allowed;
      });
    }
    for (const clientId of claims) {
      this.givenUp.delete(clientId);
      const previous = this.owners.get(clientId);
      if (previous !== undefined && previous !== conn) {
        // The old connection's close must not remove the state any more.
        this.owned.get(previous)?.delete(clientId);
        previous.awarenessIds.delete(clientId);
      }
      // This connection's close removes it (also for a client id whose state was removed before,
      // which y-protocols then reports as updated, not added: a page that reconnects).
      conn.awarenessIds.add(clientId);
      this.owners.set(clientId, conn);
      mine.add(clientId);
    }
    // A connection that removes its own state gives its client id up, and may claim another: a
    // page whose document writes on under a new client id moves its presence there too
    // (`@coproduce/core/connection`, after the server held some of its changes back).
    for (const clientId of released) {
      if (claims.has(clientId)) continue;
      mine.delete(clientId);
      if (this.owners.get(clientId) === conn) this.owners.delete(clientId);
      this.remember(clientId, conn.user.userId);
    }
    if (mine.size > 0) this.owned.set(conn, mine);
    else this.owned.delete(conn);
    if (kept.length === 0) return null;
    return { apply: kept.length === entries.length ? update : encodeAwarenessEntries(kept) };
  }

  /**
   * Forgets a connection that left (its states are removed by the room). Its client ids stay its
   * user's, as given up ones do: another person who claimed one in presence could write under it,
   * and the edits its person wrote offline under it would never reach the room. (A page that goes
   * on under a new identity starts a new document, with a new client id.)
   */
  release(conn: Connection): void {
    for (const clientId of this.owned.get(conn) ?? []) {
      if (this.owners.get(clientId) !== conn) continue;
      this.owners.delete(clientId);
      this.remember(clientId, conn.user.userId);
    }
    this.owned.delete(conn);
  }

  /** The connection that owns `clientId` (has claimed it with a real state), if any. */
  ownerOf(clientId: number): Connection | undefined {
    return this.owners.get(clientId);
  }

  /**
   * The room removed `clientId`'s state without its connection (y-protocols' timeout: no renewal
   * for 30 s). The connection holds it no more, as if it had given it up: it may claim another
   * (a page that moved to a new client id meanwhile is not stuck), and the id stays its user's.
   */
  expire(clientId: number): void {
    const owner = this.owners.get(clientId);
    if (owner === undefined) return;
    this.owners.delete(clientId);
    const mine = this.owned.get(owner);
    mine?.delete(clientId);
    if (mine?.size === 0) this.owned.delete(owner);
    this.remember(clientId, owner.user.userId);
  }

  private remember(clientId: number, userId: string): void {
    this.givenUp.delete(clientId);
    this.givenUp.set(clientId, userId);
    if (this.givenUp.size > MAX_GIVEN_UP) this.givenUp.delete(this.givenUp.keys().next().value as number);
  }
}
