/**
 * The server's limits: their options and defaults, and the small machines that enforce them per
 * connection (token buckets for updates and awareness, awareness size checks), per address
 * (connection counts) and per room (coalesced awareness broadcast). The cost checks of untrusted
 * updates (raw sizes, time and memory budgets) live in `validation/`.
 *
 * Every limit is documented in docs/server.md ("Limits" and "Close codes").
 */
import type { IncomingMessage as HttpRequest } from 'node:http';
import { InvalidArgumentError, Option, type Command } from 'commander';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { TEXT } from '@coproduce/core';
import type * as Y from 'yjs';
import { CloseCode, ProtocolError, type IncomingMessage } from './protocol.js';
import type { UpdateGate } from './validation/gate.js';

/** The longest text the document layout allows anywhere (`TEXT` of `@coproduce/core`), in characters. */
const LONGEST_LAYOUT_TEXT = Math.max(...Object.values(TEXT).map((rule) => rule.max));

/** Defaults of {@link LimitOptions}. */
export const LIMIT_DEFAULTS = {
  maxDocumentSize: 16 * 1024 * 1024,
  maxUpdatesPerSecond: 50,
  updateBurst: 200,
  maxAwarenessPerSecond: 10,
  awarenessBurst: 20,
  maxAwarenessStateSize: 8 * 1024,
  maxConnectionsPerIp: 200,
  /**
   * Longest raw string in an update, in UTF-16 code units: four times the longest text of the
   * layout (2,000 characters), which leaves room for characters outside the BMP (two units each).
   */
  maxTextLength: 4 * LONGEST_LAYOUT_TEXT,
  maxNestingDepth: 16,
  maxPendingBytes: 256 * 1024,
  validationTimeoutMs: 1_000,
  validationMemoryMb: 256,
  /** Updates up to this size and {@link LIMIT_DEFAULTS.inlineMaxStructs} structs are checked on the main thread. */
  inlineMaxBytes: 16 * 1024,
  inlineMaxStructs: 256,
  awarenessBatchMs: 50,
  trustProxy: false,
} as const;

/**
 * Awareness states one message may carry that the sending connection could own (a client only ever
 * publishes its own); the server also sends presence in messages of at most this many states.
 * Others' states passed back (the stock client echoes every state it receives) are not counted:
 * they are dropped (see {@link screenAwareness}).
 */
export const MAX_AWARENESS_STATES_PER_MESSAGE = 16;

/**
 * Client ids one connection may hold in a room's presence at once: ids it brought in (ids the room
 * had no state for) whose state is still there. A page shows one (its document's client id); tabs
 * of one browser pass each other's states on, so a few more may come through one connection. An id
 * whose state is removed (its page moved its presence to a new client id, say) is held no more.
 * Without a cap, a client could fill everyone's presence with empty states (`{}` claims no one,
 * and passes the ownership check) under made-up ids. See {@link PresenceIdAllowance}.
 */
export const MAX_PRESENCE_IDS_PER_CONNECTION = 8;

/**
 * Distinct client ids one connection may bring into a room's presence over its life. Every device
 * in the room (and the room) keeps a clock for each client id it has heard of, for good
 * (y-protocols): this bounds what one connection can add to that. A page moves to a new client id
 * once per held-back episode (`@coproduce/core/connection`), far fewer times than this.
 */
export const MAX_PRESENCE_IDS_PER_CONNECTION_LIFETIME = 64;

/**
 * Past its first {@link MAX_PRESENCE_IDS_PER_CONNECTION} new client ids (at once), a connection may
 * bring in one more every this many ms: nobody can make presence entries come and go in a flood.
 */
export const PRESENCE_ID_INTERVAL_MS = 2_000;

export interface LimitOptions {
  /**
   * Largest room document, in bytes of `Y.encodeStateAsUpdate` (default 16 MiB). An update that
   * would grow a room past it is refused (permission-denied, then a resync); deleting still works.
   */
  maxDocumentSize?: number;
  /** Sustained document updates (and sync requests) per second per connection (default 50; 0 = no limit)… */
  maxUpdatesPerSecond?: number;
  /** …with bursts of up to this many (default 200). Past it the connection is closed with 1008. */
  updateBurst?: number;
  /** Awareness updates applied per second per connection (default 10; 0 = no limit)… */
  maxAwarenessPerSecond?: number;
  /** …with bursts of up to this many (default 20). Faster updates are coalesced: the latest state per client id is applied. */
  awarenessBurst?: number;
  /** Largest awareness state, in bytes of its JSON (default 8 KiB); larger ones close with 1009. */
  maxAwarenessStateSize?: number;
  /** Open connections per client address (default 200); more are refused with 1013. */
  maxConnectionsPerIp?: number;
  /** Longest string in an update, in UTF-16 code units (default 8,000); longer ones close with 1009. */
  maxTextLength?: number;
  /** Deepest nesting of arrays and objects in an update's values (default 16); deeper closes with 1009. */
  maxNestingDepth?: number;
  /**
   * Bytes of Yjs data waiting for missing dependencies (pending structs and delete sets) a room
   * holds (default 256 KiB). The update that goes past it is dropped with everything pending, and
   * its sender is closed with 1008.
   */
  maxPendingBytes?: number;
  /** Time budget of the worker that checks a large update (default 1,000 ms); over it closes with 1008. */
  validationTimeoutMs?: number;
  /** Heap budget of each validation worker in MB (default 256); over it closes with 1008. */
  validationMemoryMb?: number;
  /** Validation worker threads (default: one less than the CPU count, at least 1, at most 4; 0 = check everything inline). */
  validationWorkers?: number;
  /** Updates up to this many bytes… (default 16 KiB) */
  inlineMaxBytes?: number;
  /** …and this many structs (default 256) are checked on the main thread; bigger ones in a worker. */
  inlineMaxStructs?: number;
  /** Awareness changes in a room are broadcast at most once per this many ms, batched (default 50). */
  awarenessBatchMs?: number;
  /**
   * Take the client address from the last `X-Forwarded-For` entry (set it when a reverse proxy you
   * run sits in front; default false: the socket's address).
   */
  trustProxy?: boolean;
}

export type ResolvedLimits = Required<Omit<LimitOptions, 'validationWorkers'>> & { validationWorkers?: number };

// ---- token bucket -------------------------------------------------------------------------------

/** A token bucket: `rate` tokens per second, holding at most `burst`. A rate of 0 never runs out. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number = performance.now(),
  ) {
    this.tokens = Math.max(1, burst);
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(Math.max(1, this.burst), this.tokens + ((now - this.last) * this.rate) / 1000);
      this.last = now;
    }
  }

  /** Takes a token if there is one. */
  take(now: number = performance.now()): boolean {
    if (this.rate <= 0) return true;
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole tokens available now (`Infinity` for a rate of 0). */
  available(now: number = performance.now()): number {
    if (this.rate <= 0) return Number.POSITIVE_INFINITY;
    this.refill(now);
    return Math.floor(this.tokens);
  }

  /** Milliseconds until a token is available (0 if one is). */
  wait(now: number = performance.now()): number {
    if (this.rate <= 0) return 0;
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.rate);
  }
}

// ---- awareness ----------------------------------------------------------------------------------

/**
 * The client ids one connection may bring into a room's presence (ids the room has no state for):
 *
 * - at most {@link MAX_PRESENCE_IDS_PER_CONNECTION} held at once (the caller counts the ids whose
 *   state the connection brought in and that are still there): an id it gives up (removes its
 *   state) is held no more, so a page that moves its presence to a new client id again and again
 *   stays shown;
 * - new ones through a token bucket: the first {@link MAX_PRESENCE_IDS_PER_CONNECTION} at once,
 *   then one every {@link PRESENCE_ID_INTERVAL_MS};
 * - at most {@link MAX_PRESENCE_IDS_PER_CONNECTION_LIFETIME} distinct ids over its life.
 *
 * Showing again an id it brought in before costs nothing but a place among those held. Only ids
 * actually applied are counted ({@link take}); {@link may} asks without taking.
 */
export class PresenceIdAllowance {
  private readonly introduced = new Set<number>();
  private readonly bucket: TokenBucket;

  constructor(now: number = performance.now()) {
    this.bucket = new TokenBucket(1000 / PRESENCE_ID_INTERVAL_MS, MAX_PRESENCE_IDS_PER_CONNECTION, now);
  }

  /**
   * Whether `clientId` may be brought in while the connection holds `held` ids, `fresh` of the
   * ids already allowed alongside it (same message) being new ones. Takes nothing.
   */
  may(clientId: number, held: number, fresh = 0, now: number = performance.now()): boolean {
    if (held >= MAX_PRESENCE_IDS_PER_CONNECTION) return false;
    if (this.introduced.has(clientId)) return true;
    return this.introduced.size + fresh < MAX_PRESENCE_IDS_PER_CONNECTION_LIFETIME && this.bucket.available(now) > fresh;
  }

  /** Whether `clientId` is a new id (never brought in by this connection). */
  isNew(clientId: number): boolean {
    return !this.introduced.has(clientId);
  }

  /** As {@link may}, and counts the id if allowed (a new id takes a token and a place in the total). */
  take(clientId: number, held: number, now: number = performance.now()): boolean {
    if (!this.may(clientId, held, 0, now)) return false;
    if (!this.introduced.has(clientId)) {
      this.bucket.take(now);
      this.introduced.add(clientId);
    }
    return true;
  }

  /** Distinct client ids brought in so far. */
  get total(): number {
    return this.introduced.size;
  }

  /** The client ids brought in so far (at most {@link MAX_PRESENCE_IDS_PER_CONNECTION_LIFETIME}). */
  get ids(): ReadonlySet<number> {
    return this.introduced;
  }
}

/**
 * Checks an awareness update's shape against the limits without parsing its states: at most
 * {@link MAX_AWARENESS_STATES_PER_MESSAGE} states of at most `maxStateSize` bytes each.
 */
export function checkAwarenessSize(update: Uint8Array, maxStateSize: number): ProtocolError | null {
  const d = decoding.createDecoder(update);
  try {
    const count = decoding.readVarUint(d);
    if (count > MAX_AWARENESS_STATES_PER_MESSAGE) {
      return new ProtocolError(CloseCode.PolicyViolation, 'Too many awareness states in one message');
    }
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(d); // client id
      decoding.readVarUint(d); // clock
      const len = decoding.readVarUint(d);
      if (len > maxStateSize) {
        return new ProtocolError(CloseCode.MessageTooBig, `Too big: awareness state larger than ${maxStateSize} bytes`);
      }
      d.pos += len;
    }
  } catch {
    return new ProtocolError(CloseCode.InvalidPayload, 'Malformed message: invalid awareness update');
  }
  return null;
}

const NULL_STATE = new TextEncoder().encode('null');
const isNullState = (json: Uint8Array): boolean => json.length === 4 && json.every((byte, i) => byte === NULL_STATE[i]);

/**
 * Screens an incoming awareness update before anything else looks at it, against the room's
 * `awareness`: drops the entries that would change nothing (an older or equal clock: y-protocols
 * ignores them anyway; the stock client sends every state it receives back) and the entries for a
 * client id whose state another person's connection holds (`heldByAnother`; the room would drop
 * them too), without a word. What is left is what the connection could own: more than
 * {@link MAX_AWARENESS_STATES_PER_MESSAGE} entries of it is an error. So is an update with more
 * entries than the room has ever known client ids, plus that many: a bound on the work per message
 * that follows the room's size (an echo names at most every client id the room has seen).
 *
 * Then, within that limit, an entry for a client id that has no state in the room and is not the
 * sender's (`own`) is dropped when it is `null` (it removes nothing; y-protocols would still
 * remember its clock, for good, on the server and on every device) or when `mayIntroduce` refuses
 * the id (the connection's {@link PresenceIdAllowance}, asked without taking anything: the ids are
 * counted when the room applies them, after the ownership check); `mayIntroduce` is asked only for
 * entries that are kept, in order.
 *
 * This is also where the update's entries are first read (the protocol decoder reads only their
 * count): their framing is walked strictly, and no state is decoded or parsed: the JSON of what is
 * left is parsed only after this screening and the size check (`validateAwarenessStates`, room.ts).
 *
 * Returns the update to go on with (the same bytes when nothing was dropped), `null` when nothing
 * is left, or the {@link ProtocolError} to close the connection with. Linear in the update, and
 * constant for an update with more entries than the bound.
 */
export function screenAwareness(
  update: Uint8Array,
  awareness: Awareness,
  own: ReadonlySet<number>,
  heldByAnother: (clientId: number) => boolean,
  mayIntroduce: (clientId: number) => boolean = () => true,
): Uint8Array | null | ProtocolError {
  let kept: { clientId: number; clock: number; json: Uint8Array }[] = [];
  let count: number;
  try {
    const d = decoding.createDecoder(update);
    count = decoding.readVarUint(d);
    // From the count alone, before any entry is read: the work a message costs follows the room.
    if (count > MAX_AWARENESS_STATES_PER_MESSAGE + awareness.meta.size) {
      return new ProtocolError(CloseCode.PolicyViolation, 'Too many awareness states in one message');
    }
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const json = decoding.readVarUint8Array(d); // a view, bounds-checked; never decoded or parsed here
      const current = awareness.meta.get(clientId)?.clock ?? -1;
      const applies = current < clock || (current === clock && isNullState(json) && awareness.states.has(clientId));
      if (!applies) continue;
      if (!own.has(clientId) && awareness.states.has(clientId) && heldByAnother(clientId)) continue;
      kept.push({ clientId, clock, json });
      if (kept.length > MAX_AWARENESS_STATES_PER_MESSAGE) return new ProtocolError(CloseCode.PolicyViolation, 'Too many awareness states in one message');
    }
    // The framing is strict: the protocol decoder only read the count (protocol.ts).
    if (d.pos !== update.length) throw new Error('trailing bytes');
  } catch {
    return new ProtocolError(CloseCode.InvalidPayload, 'Malformed message: invalid awareness update');
  }
  // Within the limit: now the entries for client ids the room has no state for, not the sender's.
  const before = kept.length;
  kept = kept.filter(({ clientId, json }) => own.has(clientId) || awareness.states.has(clientId) || (!isNullState(json) && mayIntroduce(clientId)));
  if (kept.length === 0) return null;
  if (kept.length === count && kept.length === before) return update;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const { clientId, clock, json } of kept) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarUint8Array(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

/** One awareness entry waiting for the rate (see {@link ConnectionLimiter.defer}). */
interface DeferredEntry {
  clock: number;
  /** The state's JSON, as sent (a copy: not a view of the frame). */
  json: Uint8Array;
}

/**
 * Per-connection limits: update and awareness rates, awareness size; keeps the latest deferred
 * awareness state per client id.
 */
export class ConnectionLimiter {
  private readonly updates: TokenBucket;
  private readonly awareness: TokenBucket;
  /**
   * Awareness entries over the rate, the latest per client id (a removal is kept like any state),
   * in the order their ids first came: at most {@link MAX_AWARENESS_STATES_PER_MESSAGE}.
   */
  private readonly deferred = new Map<number, DeferredEntry>();
  private timer: NodeJS.Timeout | null = null;
  /** Deferred awareness states coalesced away (replaced by a later one for the same client id, or pushed out). */
  coalesced = 0;

  constructor(private readonly limits: ResolvedLimits) {
    this.updates = new TokenBucket(limits.maxUpdatesPerSecond, limits.updateBurst);
    this.awareness = new TokenBucket(limits.maxAwarenessPerSecond, limits.awarenessBurst);
  }

  /**
   * Decides what happens to an incoming message: `'ok'` (process it), `'defer'` (an awareness
   * update over the rate: keep its states and apply them later, see {@link defer}) or a
   * {@link ProtocolError} to close the connection with.
   */
  admit(message: IncomingMessage): 'ok' | 'defer' | ProtocolError {
    switch (message.type) {
      case 'sync-update':
      case 'sync-step2':
      // A sync step 1 costs the server an encoding of the whole document, a query a list of every
      // state: they count against the same budget, so neither can be used to amplify a flood.
      case 'sync-step1':
      case 'query-awareness':
        return this.updates.take() ? 'ok' : new ProtocolError(CloseCode.PolicyViolation, 'Too many updates per second');
      case 'awareness': {
        const tooBig = checkAwarenessSize(message.update, this.limits.maxAwarenessStateSize);
        if (tooBig) return tooBig;
        if (this.deferred.size > 0) return 'defer'; // keep the order: the newest waits behind nothing older
        return this.awareness.take() ? 'ok' : 'defer';
      }
      default:
        return 'ok';
    }
  }

  /**
   * Keeps the entries of `update` (screened: see {@link screenAwareness}) until the rate allows,
   * the latest per client id: a later state for the same id replaces an earlier one (a higher
   * clock wins; at an equal clock a removal does), a state for another id does not. So a page
   * that moves its presence to a new client id while over the rate has both its removal under the
   * old id and its state under the new one applied. When the rate allows, `apply` is called once
   * with all of them in one update, removals first (the ownership check then sees the old id
   * given up before the new one is claimed). At most {@link MAX_AWARENESS_STATES_PER_MESSAGE} ids
   * wait: past that, the oldest state that is not a removal is dropped (the oldest removal if all
   * are). A stock client publishes one id, so this only bounds what a hostile one can park here.
   */
  defer(update: Uint8Array, apply: (update: Uint8Array) => void): void {
    try {
      const d = decoding.createDecoder(update);
      const count = decoding.readVarUint(d);
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(d);
        const clock = decoding.readVarUint(d);
        const json = decoding.readVarUint8Array(d);
        const previous = this.deferred.get(clientId);
        if (previous !== undefined) {
          const newer = clock > previous.clock || (clock === previous.clock && isNullState(json) && !isNullState(previous.json));
          this.coalesced++;
          if (!newer) continue;
          previous.clock = clock;
          previous.json = json.slice();
          continue;
        }
        this.deferred.set(clientId, { clock, json: json.slice() });
        if (this.deferred.size > MAX_AWARENESS_STATES_PER_MESSAGE) this.pushOut();
      }
    } catch {
      // Screened before it came here (its framing walked strictly): nothing to keep otherwise.
    }
    if (this.timer !== null || this.deferred.size === 0) return;
    const fire = (): void => {
      this.timer = null;
      if (this.deferred.size === 0) return;
      const wait = this.awareness.wait();
      if (wait > 0) {
        this.timer = setTimeout(fire, wait);
        this.timer.unref();
        return;
      }
      // `apply` goes through the screening and `admit` again, which takes the token now available.
      const waiting = [...this.deferred];
      this.deferred.clear();
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, waiting.length);
      for (const removals of [true, false]) {
        for (const [clientId, { clock, json }] of waiting) {
          if (isNullState(json) !== removals) continue;
          encoding.writeVarUint(encoder, clientId);
          encoding.writeVarUint(encoder, clock);
          encoding.writeVarUint8Array(encoder, json);
        }
      }
      apply(encoding.toUint8Array(encoder));
    };
    this.timer = setTimeout(fire, Math.max(1, this.awareness.wait()));
    this.timer.unref();
  }

  /** Drops one waiting state to keep the bound: the oldest that is not a removal, else the oldest. */
  private pushOut(): void {
    let victim: number | undefined;
    for (const [clientId, { json }] of this.deferred) {
      if (!isNullState(json)) {
        victim = clientId;
        break;
      }
    }
    victim ??= this.deferred.keys().next().value;
    if (victim === undefined) return;
    this.deferred.delete(victim);
    this.coalesced++;
  }

  /** Awareness states waiting for the rate (client ids). */
  get deferredCount(): number {
    return this.deferred.size;
  }

  /** Drops the deferred states and their timer (the connection closed). */
  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.deferred.clear();
  }
}

/**
 * Batches a room's awareness changes: the first change after a quiet period is sent at once, the
 * changes that follow within `windowMs` are merged and sent together at the end of the window, so
 * a room sends at most about one awareness message per window however many clients are moving.
 */
export class AwarenessBatcher {
  private ids = new Set<number>();
  private origins = new Set<unknown>();
  private timer: NodeJS.Timeout | null = null;
  private lastSent = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly windowMs: number,
    /** Sends the current states of `ids`; `origin` is the one connection they all came from, if any. */
    private readonly send: (ids: number[], origin: unknown) => void,
  ) {}

  add(ids: number[], origin: unknown): void {
    const now = performance.now();
    if (this.windowMs <= 0 || (this.timer === null && this.ids.size === 0 && now - this.lastSent >= this.windowMs)) {
      this.lastSent = now;
      this.send(ids, origin);
      return;
    }
    for (const id of ids) this.ids.add(id);
    this.origins.add(origin);
    if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), Math.max(1, this.windowMs - (now - this.lastSent)));
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.ids.size === 0) return;
    const ids = [...this.ids];
    const origin = this.origins.size === 1 ? [...this.origins][0] : null;
    this.ids.clear();
    this.origins.clear();
    this.lastSent = performance.now();
    this.send(ids, origin);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.ids.clear();
    this.origins.clear();
  }
}

// ---- addresses ----------------------------------------------------------------------------------

/** The client's address: the socket's, or with `trustProxy` the last `X-Forwarded-For` entry. */
export function clientAddress(req: HttpRequest, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header[header.length - 1] : header;
    const last = value?.split(',').pop()?.trim();
    if (last) return last;
  }
  const address = req.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** Open connections per address. */
export class AddressCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Whether `address` already has the maximum number of connections. */
  isFull(address: string): boolean {
    return this.max > 0 && (this.counts.get(address) ?? 0) >= this.max;
  }

  /** Counts one more connection from `address`. */
  acquire(address: string): void {
    this.counts.set(address, (this.counts.get(address) ?? 0) + 1);
  }

  release(address: string): void {
    const n = this.counts.get(address) ?? 0;
    if (n <= 1) this.counts.delete(address);
    else this.counts.set(address, n - 1);
  }

  get size(): number {
    return this.counts.size;
  }
}

export const tooManyFromAddress = (): ProtocolError =>
  new ProtocolError(CloseCode.TryAgainLater, 'Too many connections from your address, try again later');

export const DOCUMENT_FULL_REASON = 'Room is full: the workshop document has reached its size limit';
export const tooMuchPending = (): ProtocolError =>
  new ProtocolError(CloseCode.PolicyViolation, 'Too many updates waiting for missing data');

/** What a room needs to enforce its limits (built once per server). */
export interface RoomLimits {
  gate: UpdateGate;
  maxDocumentSize: number;
  maxPendingBytes: number;
  awarenessBatchMs: number;
}

/** Bytes of Yjs data `doc` holds that wait for missing dependencies (pending structs and delete sets). */
export function pendingBytes(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);
}

/** Drops what `doc` holds waiting for missing dependencies (it was never visible, relayed or logged). */
export function dropPending(doc: Y.Doc): void {
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
}

// ---- command line ---------------------------------------------------------------------------------

/** The `serve` options of the limits above, as commander parses them. */
export interface LimitCliOptions {
  maxDocumentSize: number;
  maxUpdatesPerSecond: number;
  updateBurst: number;
  maxAwarenessPerSecond: number;
  maxAwarenessSize: number;
  maxIpConnections: number;
  maxTextLength: number;
  maxPendingSize: number;
  maxSendBuffer: number;
  validationTimeout: number;
  validationMemory: number;
  validationWorkers?: number;
  trustProxy: boolean;
}

const wholeNumber =
  (min: number) =>
  (value: string): number => {
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`Expected a whole number ≥ ${min}, got "${value}".`);
    }
    return n;
  };

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

const size = (value: string): number => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = UNITS[(match?.[2] ?? '').toLowerCase()];
  const n = match && unit !== undefined ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!(n >= 1)) throw new InvalidArgumentError(`Expected a size like 1048576, 512KiB or 10MiB, got "${value}".`);
  return n;
};

const flag = (value: string): boolean => {
  if (/^(1|true|yes|on)$/i.test(value.trim())) return true;
  if (/^(0|false|no|off|)$/i.test(value.trim())) return false;
  throw new InvalidArgumentError(`Expected true or false, got "${value}".`);
};

const MIB = 1024 * 1024;
const sizeLabel = (n: number): string => (n % MIB === 0 ? `${n / MIB}MiB` : n % 1024 === 0 ? `${n / 1024}KiB` : String(n));

/** Adds the limit options (each with its `COPRODUCE_*` variable) to the `serve` command. */
export function addLimitOptions(command: Command): Command {
  const d = LIMIT_DEFAULTS;
  const options = [
    new Option('--max-document-size <size>', 'largest room document; updates past it are refused').env('COPRODUCE_MAX_DOCUMENT_SIZE').default(d.maxDocumentSize, sizeLabel(d.maxDocumentSize)).argParser(size),
    new Option('--max-updates-per-second <n>', 'document updates per second per connection (0 = no limit)').env('COPRODUCE_MAX_UPDATES_PER_SECOND').default(d.maxUpdatesPerSecond).argParser(wholeNumber(0)),
    new Option('--update-burst <n>', 'burst of updates allowed above that rate').env('COPRODUCE_UPDATE_BURST').default(d.updateBurst).argParser(wholeNumber(1)),
    new Option('--max-awareness-per-second <n>', 'awareness updates applied per second per connection; faster ones are coalesced (0 = no limit)').env('COPRODUCE_MAX_AWARENESS_PER_SECOND').default(d.maxAwarenessPerSecond).argParser(wholeNumber(0)),
    new Option('--max-awareness-size <size>', 'largest awareness (presence) state').env('COPRODUCE_MAX_AWARENESS_SIZE').default(d.maxAwarenessStateSize, sizeLabel(d.maxAwarenessStateSize)).argParser(size),
    new Option('--max-ip-connections <n>', 'open connections per client address (0 = no limit)').env('COPRODUCE_MAX_IP_CONNECTIONS').default(d.maxConnectionsPerIp).argParser(wholeNumber(0)),
    new Option('--max-text-length <n>', 'longest string in an update, in UTF-16 code units').env('COPRODUCE_MAX_TEXT_LENGTH').default(d.maxTextLength).argParser(wholeNumber(1)),
    new Option('--max-pending-size <size>', 'data a room may hold waiting for missing dependencies').env('COPRODUCE_MAX_PENDING_SIZE').default(d.maxPendingBytes, sizeLabel(d.maxPendingBytes)).argParser(size),
    new Option('--max-send-buffer <size>', 'unsent data per connection before a client that does not read is cut').env('COPRODUCE_MAX_SEND_BUFFER').default(64 * MIB, '64MiB').argParser(size),
    new Option('--validation-timeout <ms>', 'time budget for checking one large update').env('COPRODUCE_VALIDATION_TIMEOUT_MS').default(d.validationTimeoutMs).argParser(wholeNumber(1)),
    new Option('--validation-memory <mb>', 'heap budget of each validation worker, in MB').env('COPRODUCE_VALIDATION_MEMORY_MB').default(d.validationMemoryMb).argParser(wholeNumber(16)),
    new Option('--validation-workers <n>', 'validation worker threads (default: CPUs − 1, 1–4; 0 = check on the main thread)').env('COPRODUCE_VALIDATION_WORKERS').argParser(wholeNumber(0)),
    new Option('--trust-proxy [bool]', 'take client addresses from X-Forwarded-For (behind your own reverse proxy)').env('COPRODUCE_TRUST_PROXY').default(false).argParser(flag),
  ];
  for (const option of options) command.addOption(option);
  return command;
}

/** Maps the parsed limit options to {@link LimitOptions} (plus the send buffer) for `createServer`. */
export function limitServerOptions(o: LimitCliOptions): LimitOptions & { maxBufferedBytes: number } {
  return {
    maxDocumentSize: o.maxDocumentSize,
    maxUpdatesPerSecond: o.maxUpdatesPerSecond,
    updateBurst: o.updateBurst,
    maxAwarenessPerSecond: o.maxAwarenessPerSecond,
    maxAwarenessStateSize: o.maxAwarenessSize,
    maxConnectionsPerIp: o.maxIpConnections,
    maxTextLength: o.maxTextLength,
    maxPendingBytes: o.maxPendingSize,
    maxBufferedBytes: o.maxSendBuffer,
    validationTimeoutMs: o.validationTimeout,
    validationMemoryMb: o.validationMemory,
    ...(o.validationWorkers !== undefined ? { validationWorkers: o.validationWorkers } : {}),
    trustProxy: o.trustProxy === true,
  };
}
