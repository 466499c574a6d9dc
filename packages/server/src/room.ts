import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Connection } from './connection.js';
import { redactTokens, type Logger } from './log.js';
import {
  CloseCode,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  malformed,
  ProtocolError,
  validateAwarenessStates,
  type IncomingMessage,
} from './protocol.js';
import {
  AwarenessBatcher, DOCUMENT_FULL_REASON, MAX_AWARENESS_STATES_PER_MESSAGE, MAX_PRESENCE_IDS_PER_CONNECTION, PresenceIdAllowance, dropPending, pendingBytes, screenAwareness, tooMuchPending, type RoomLimits,
} from './limits.js';
import type { GateResult } from './validation/gate.js';
import { ERASED_OWNER, type Storage } from './storage/types.js';
import { ANONYMOUS_USER, type CheckAwareness, type CheckUpdate, type ClientOwners, type UpdateDecision, type UpdateSettlement } from './types.js';
import { AwarenessGate } from './policy/awareness.js';
import { HELD_BACK, MISSING } from './policy/analyse.js';
import type { RoomValidator, ValidatorFactory } from './validator.js';

/** Client ids remembered per held-back episode of a connection (see `Room.tellHeldBack`). */
const MAX_HELD_BACK_CLIENTS = 256;

/** Client ids remembered per room as shown in presence by a signed-in user (see `Room.presenceUsers`). */
const MAX_PRESENCE_USERS = 10_000;

/**
 * The reason a participant's change is refused with when the server cannot store what it needs
 * first (the owner of a new client id): their device keeps the change and sends it again later.
 */
export const STORAGE_FAILING_REASON = 'The workshop server cannot save changes right now. Your changes are kept on this device.';

/** First and longest wait before a room whose writes failed tries to write itself out again. */
const SAVE_RETRY_MIN_MS = 1_000;
const SAVE_RETRY_MAX_MS = 30_000;
/** How long a shutdown keeps trying to write out a room whose writes failed. */
const SHUTDOWN_SAVE_MS = 5_000;
/** Refused updates of one connection are logged once per this interval (then as a count). */
const REFUSAL_LOG_INTERVAL_MS = 10_000;

/**
 * The kinds of refusal logged with {@link REFUSAL_LOG_INTERVAL_MS} coalescing: the line of the
 * first, and the line that counts those not logged since.
 */
const REFUSAL_LINES = {
  update: { first: 'update refused', more: 'more updates refused' },
  partial: { first: 'update refused in part', more: 'more updates refused in part' },
  awareness: { first: 'awareness refused', more: 'more awareness updates refused' },
} as const;
type RefusalKind = keyof typeof REFUSAL_LINES;

/** Origin of the server's own writes that give a sender back values its refused change overwrote. */
const RESTORED = Symbol('restored');

export type RoomState = 'loading' | 'ready' | 'closed';

/** What a room needs from its server. */
export interface RoomContext {
  storage: Storage;
  logger: Logger;
  validator: ValidatorFactory;
  checkUpdate: CheckUpdate | undefined;
  /** Judges each awareness state (after the ownership check of the room's `AwarenessGate`). */
  checkAwareness?: CheckAwareness | undefined;
  gc: boolean;
  unloadGraceMs: number;
  compactAfterUpdates: number;
  compactAfterBytes: number;
  maxPendingMessages: number;
  resyncMinIntervalMs: number;
  /** Raw-size caps, cost budget, document size, pending data, awareness batching (see limits.ts). */
  limits: RoomLimits;
  /** Called once when the room has closed (unloaded, failed to load, shut down). */
  onClosed(room: Room): void;
  /** Told the outcome of each of the room's writes to storage (`null`: it succeeded), for `/healthz`. */
  onStorageResult?(error: unknown): void;
}

type Task = () => void | Promise<void>;

/**
 * One loaded room: its document, awareness, connections and a strictly ordered task queue.
 * The first task is the load, so every message that arrives before the stored state has loaded
 * waits behind it and is processed in order afterwards.
 */
export class Room {
  state: RoomState = 'loading';
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly conns = new Set<Connection>();
  private tasks: Task[] = [];
  private closeWaiters: Array<() => void> = [];
  private draining = false;
  private validator: RoomValidator | null = null;
  /** Yjs client id → the user who owns it in this room (loaded from and kept in storage). */
  private readonly clientOwners = new Map<number, string>();
  /**
   * The room's client id owners as `conn`'s update sees them: a client id nobody has written with
   * yet belongs to whoever first showed presence under it (`presenceUsers`), unless `conn` itself
   * holds that presence now (the same page going on under a new identity, e.g. after a join link
   * was used again once a token had expired).
   */
  private ownersFor(conn: Connection): ClientOwners {
    return {
      get: (client) => this.clientOwners.get(client) ?? (conn.awarenessIds.has(client) ? undefined : this.presenceUsers.get(client)),
      claim: this.owners.claim,
    };
  }
  private readonly owners: ClientOwners = {
    get: (client) => this.clientOwners.get(client),
    claim: (client, user) => {
      if (this.clientOwners.has(client)) return;
      this.clientOwners.set(client, user);
      const stored = this.ctx.storage.addClientOwner?.(this.name, client, user);
      // Awaited before the update is applied or relayed (handleUpdate): see `ownerWrites`.
      if (stored !== undefined) {
        this.ownerWrites.push(
          stored.catch((err: unknown) => {
            if (this.clientOwners.get(client) === user) this.clientOwners.delete(client);
            throw err;
          }),
        );
      }
    },
  };
  /**
   * Owner records being stored. Nothing written with a new client id is applied or relayed before
   * its owner is durable: after a crash, other people's copies may hold the client id's edits, and
   * their owner must still be known so that nobody else can deliver (or claim) them.
   */
  private ownerWrites: Promise<void>[] = [];
  /**
   * Connections whose own changes were held back because they build on another person's changes
   * the room does not have (lost in a crash, say): per client id, the clock the room must reach
   * before the connection is asked to sync again (policy/settle.ts, `withoutForeign`).
   */
  private readonly awaiting = new Map<Connection, Map<number, number>>();
  /**
   * Connections told that changes of theirs are held back ({@link HELD_BACK}, once per episode):
   * per client id of theirs, the clock the room must reach to have them all. The episode ends when
   * it does; the connection is then sent a sync step 1, whose state vector shows its client that
   * the held-back changes have arrived.
   */
  private readonly heldBackTold = new Map<Connection, Map<number, number>>();
  /** Connections that have answered the room's sync step 1 (their step 2 carries all they have). */
  private readonly answered = new WeakSet<Connection>();
  /**
   * Awareness client id → the signed-in user who first published presence under it (the stock
   * client's awareness id is its document's client id). Presence shows everyone a client id before
   * its first edit: without this, someone who saw it could write under it first, own it, and have
   * its person's own edits (written offline, or racing) left out for good. The most recent
   * {@link MAX_PRESENCE_USERS} ids are kept, in memory only (a new page load has a new client id).
   */
  private readonly presenceUsers = new Map<number, string>();

  /** Forgets a user as the owner of their client ids (erasure): they stay owned, by nobody who can write. */
  private forgetOwner(user: string): void {
    for (const [client, owner] of this.clientOwners) if (owner === user) this.clientOwners.set(client, ERASED_OWNER);
    for (const [client, owner] of this.presenceUsers) if (owner === user) this.presenceUsers.set(client, ERASED_OWNER);
    this.ctx.storage.replaceClientOwner?.(this.name, user, ERASED_OWNER).catch((err: unknown) => {
      this.ctx.logger.error('erasing client id owners failed', { room: this.logName, error: err });
    });
  }
  private unloadTimer: NodeJS.Timeout | null = null;
  private compactionQueued = false;
  /**
   * Set when a write of this room to storage failed (disk full, database locked for too long…):
   * the document holds changes its stored state lacks. The room then compacts (writes its whole
   * state) again, backing off, until that succeeds, and is not unloaded before.
   */
  private dirty = false;
  /** Failed writes so far (a compaction makes the room clean only if none failed since it began). */
  private writeFailures = 0;
  private saveRetryTimer: NodeJS.Timeout | null = null;
  private saveRetryMs = SAVE_RETRY_MIN_MS;
  /** The room's latest write; settled once every earlier write of the room has settled. */
  private lastWrite: Promise<unknown> = Promise.resolve();
  /** Per connection and kind of refusal: refusals not logged yet, and when the last one was logged. */
  private readonly refusalLog = new WeakMap<Connection, Map<RefusalKind, { loggedAt: number; unlogged: number; reason: string }>>();
  /** The room's name as logs show it (`redactTokens`: a token pasted into a room name is not logged). */
  private readonly logName: string;
  private hasSnapshot = false;
  private logCount = 0;
  private logBytes = 0;
  /** Updates emitted by the document while an incoming update is being applied. */
  private capture: Uint8Array[] | null = null;
  /** Upper bound of the document's encoded size (exact when measured, then grows by what is applied). */
  private docBytes = 0;
  private docBytesMeasuredAt = Number.NEGATIVE_INFINITY;
  /** Connections whose updates left data waiting for missing dependencies. */
  private pendingFrom = new Set<Connection>();
  private readonly awarenessBatch: AwarenessBatcher;
  /** Which connection owns which awareness client id (see policy/awareness.ts). */
  private readonly awarenessGate = new AwarenessGate();
  /** The client ids each connection may bring into presence (see `PresenceIdAllowance`, limits.ts). */
  private readonly presenceIds = new WeakMap<Connection, PresenceIdAllowance>();

  private presenceIdsOf(conn: Connection): PresenceIdAllowance {
    let allowance = this.presenceIds.get(conn);
    if (allowance === undefined) this.presenceIds.set(conn, (allowance = new PresenceIdAllowance()));
    return allowance;
  }

  /**
   * Client ids `conn` holds in presence now, but for `leaving`: ids it brought in (its
   * `PresenceIdAllowance`) or claimed whose state is still there and that no other connection has
   * claimed since.
   */
  private heldBy(conn: Connection, leaving: ReadonlySet<number>): number {
    let held = 0;
    const holds = (id: number): boolean => {
      if (!this.awareness.states.has(id) || leaving.has(id)) return false;
      const owner = this.awarenessGate.ownerOf(id);
      return owner === undefined || owner === conn;
    };
    for (const id of conn.awarenessIds) if (holds(id)) held++;
    // Not only `conn.awarenessIds`: to `ownersFor` that also means "this connection holds this
    // presence now", which an empty state (`{}`, claiming no one) shown again under an id someone
    // gave up must not make it; the ids it brought in are counted too.
    for (const id of this.presenceIdsOf(conn).ids) if (!conn.awarenessIds.has(id) && holds(id)) held++;
    return held;
  }

  constructor(
    readonly name: string,
    private readonly ctx: RoomContext,
  ) {
    this.logName = redactTokens(name);
    this.doc = new Y.Doc({ gc: ctx.gc });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.awarenessBatch = new AwarenessBatcher(ctx.limits.awarenessBatchMs, this.broadcastAwareness);
    this.enqueue(() => this.load());
  }

  // ---- task queue -------------------------------------------------------------------------

  private enqueue(task: Task): void {
    if (this.state === 'closed') return;
    this.tasks.push(task);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      let task: Task | undefined;
      while ((task = this.tasks.shift()) !== undefined) {
        try {
          const result = task();
          if (result) await result;
        } catch (err) {
          this.ctx.logger.error('room task failed', { room: this.logName, error: err });
        }
      }
    } finally {
      this.draining = false;
    }
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  private async load(): Promise<void> {
    const started = Date.now();
    let stored;
    try {
      stored = await this.ctx.storage.load(this.name);
      const owners = await this.ctx.storage.loadClientOwners?.(this.name);
      if (owners) for (const [client, user] of owners) this.clientOwners.set(client, user);
    } catch (err) {
      this.ctx.logger.error('room failed to load', { room: this.logName, error: err });
      this.closeNow({ compact: false, code: CloseCode.InternalError, reason: 'Room failed to load' });
      return;
    }
    if (this.state !== 'loading') return; // shut down while loading
    const entries = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    Y.transact(
      this.doc,
      () => {
        for (const update of entries) {
          try {
            Y.applyUpdate(this.doc, update);
          } catch (err) {
            // Stored updates passed validation when they were written; this is a damaged database.
            this.ctx.logger.error('skipping stored update that failed to apply', { room: this.logName, error: err });
          }
        }
      },
      'load',
    );
    this.hasSnapshot = stored.snapshot !== null;
    this.logCount = stored.updates.length;
    this.logBytes = stored.updates.reduce((n, u) => n + u.byteLength, 0);
    this.docBytes = entries.reduce((n, u) => n + u.byteLength, 0);
    this.doc.on('update', this.onDocUpdate);
    this.validator = this.ctx.validator(this.name, this.doc);
    this.state = 'ready';
    this.ctx.logger.debug('room loaded', { room: this.logName, entries: entries.length, ms: Date.now() - started });
  }

  addConnection(conn: Connection): void {
    this.cancelUnload();
    this.conns.add(conn);
    this.enqueue(() => {
      // Answered only now that the stored state has loaded.
      if (!conn.open || conn.rejected) return;
      conn.send(encodeSyncStep1(this.doc));
      for (const message of this.awarenessMessages(Array.from(this.awareness.getStates().keys()))) conn.send(message);
    });
  }

  removeConnection(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    conn.limiter?.dispose();
    this.logUnloggedRefusals(conn);
    if (this.state === 'closed') return;
    if (this.pendingFrom.delete(conn)) this.enqueue(() => this.dropOrphanedPending());
    this.awaiting.delete(conn);
    this.heldBackTold.delete(conn);
    // Queued, so that awareness messages the connection sent before leaving are processed first.
    this.enqueue(() => {
      if (conn.awarenessIds.size > 0) {
        awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(conn.awarenessIds), null);
        conn.awarenessIds.clear();
      }
      this.awarenessGate.release(conn);
    });
    if (this.conns.size === 0) this.scheduleUnload();
  }

  private scheduleUnload(delayMs = this.ctx.unloadGraceMs): void {
    this.cancelUnload();
    this.unloadTimer = setTimeout(() => {
      this.unloadTimer = null;
      this.enqueue(async () => {
        if (this.conns.size !== 0 || this.state !== 'ready') return;
        const saved = await this.saveBeforeClosing();
        if (this.conns.size !== 0 || this.state !== 'ready') return;
        if (!saved) {
          // Never drop a document whose changes are not on disk: keep it, and try again later.
          this.ctx.logger.warn('keeping an idle room loaded: its changes could not be saved yet', { room: this.logName });
          this.scheduleUnload(this.saveRetryMs);
          return;
        }
        this.ctx.logger.debug('unloading idle room', { room: this.logName });
        this.closeNow({ compact: false });
      });
    }, delayMs);
    this.unloadTimer.unref?.();
  }

  /**
   * Before the document is dropped: waits for the room's writes, then compacts it if it is dirty
   * (or has more than one stored entry). True when its whole state is stored.
   */
  private async saveBeforeClosing(): Promise<boolean> {
    await this.lastWrite;
    if (this.state !== 'ready') return !this.dirty;
    if (!this.dirty && (this.hasSnapshot ? 1 : 0) + this.logCount <= 1) return true;
    return this.save();
  }

  /** Compacts the room and waits for it: true (and the room clean) when it was stored. */
  private async save(): Promise<boolean> {
    const failuresBefore = this.writeFailures;
    const stored = await this.compactNow();
    if (stored && this.writeFailures === failuresBefore && this.dirty) {
      this.dirty = false;
      this.saveRetryMs = SAVE_RETRY_MIN_MS;
      if (this.saveRetryTimer !== null) {
        clearTimeout(this.saveRetryTimer);
        this.saveRetryTimer = null;
      }
      this.ctx.logger.info('room saved again after failed writes', { room: this.logName });
    }
    return stored && !this.dirty;
  }

  /** Follows a write of the room: a failure makes the room dirty (see `dirty`). */
  private track(write: Promise<void>, what: string): Promise<boolean> {
    const outcome = write.then(
      () => {
        this.ctx.onStorageResult?.(null);
        return true;
      },
      (err: unknown) => {
        this.writeFailures++;
        this.ctx.logger.error(`${what} failed; the room keeps its changes and writes them out again later`, { room: this.logName, error: err });
        this.ctx.onStorageResult?.(err ?? new Error('write failed'));
        this.dirty = true;
        this.scheduleSaveRetry();
        return false;
      },
    );
    this.lastWrite = outcome;
    return outcome;
  }

  private scheduleSaveRetry(): void {
    if (this.saveRetryTimer !== null || this.state === 'closed') return;
    const delay = this.saveRetryMs;
    this.saveRetryMs = Math.min(SAVE_RETRY_MAX_MS, this.saveRetryMs * 2);
    this.saveRetryTimer = setTimeout(() => {
      this.saveRetryTimer = null;
      this.enqueue(async () => {
        if (this.state !== 'ready' || !this.dirty) return;
        if (!(await this.save())) this.scheduleSaveRetry();
      });
    }, delay);
    this.saveRetryTimer.unref?.();
  }

  private cancelUnload(): void {
    if (this.unloadTimer !== null) {
      clearTimeout(this.unloadTimer);
      this.unloadTimer = null;
    }
  }

  /**
   * Closes the room after the messages already queued (server shutdown): compacts its log,
   * closes its connections with `code`, releases the document.
   */
  close(code: number = CloseCode.GoingAway, reason = 'Server shutting down'): Promise<void> {
    if (this.state === 'closed') return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.closeWaiters.push(resolve);
      this.enqueue(async () => {
        if (this.state === 'ready') {
          // Written out before the document goes; a room whose writes fail is retried for a while.
          const deadline = Date.now() + SHUTDOWN_SAVE_MS;
          let saved = await this.saveBeforeClosing();
          while (!saved && this.state === 'ready' && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 250));
            saved = await this.save();
          }
          if (!saved) this.ctx.logger.error('room changes could not be saved before shutdown', { room: this.logName });
        }
        this.closeNow({ compact: false, code, reason });
      });
    });
  }

  /**
   * Runs `fn` on the loaded document in the room's task queue (after the load and every message
   * queued before it), for server-side operations such as a privacy erasure: what `fn` changes is
   * relayed and stored like any edit. With `compact`, the room's stored log is then replaced by a
   * snapshot of the document, so values `fn` removed leave the stored history too. Rejects if the
   * room closes (or fails to load) first. An empty room unloads after its grace period as usual.
   */
  runTask<T>(fn: (doc: Y.Doc) => T, options: { compact?: boolean; forgetOwner?: string } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.state === 'closed') {
        reject(new Error(`Room ${this.logName} is closed`));
        return;
      }
      this.closeWaiters.push(() => reject(new Error(`Room ${this.logName} closed before the task ran`)));
      this.enqueue(() => {
        if (this.state !== 'ready') return;
        try {
          const result = fn(this.doc);
          if (options.forgetOwner !== undefined) this.forgetOwner(options.forgetOwner);
          if (options.compact) void this.compactNow();
          resolve(result);
        } catch (err) {
          reject(err);
        } finally {
          if (this.conns.size === 0) this.scheduleUnload();
        }
      });
    });
  }

  private closeNow(options: { compact: boolean; code?: number; reason?: string }): void {
    if (this.state === 'closed') return;
    const wasReady = this.state === 'ready';
    this.state = 'closed';
    this.cancelUnload();
    if (this.saveRetryTimer !== null) clearTimeout(this.saveRetryTimer);
    this.saveRetryTimer = null;
    this.awarenessBatch.cancel();
    if (options.compact && wasReady && (this.dirty || (this.hasSnapshot ? 1 : 0) + this.logCount > 1)) void this.compactNow();
    for (const conn of this.conns) conn.close(options.code ?? CloseCode.GoingAway, options.reason ?? 'Room closed');
    this.conns.clear();
    this.tasks = []; // nothing queued after this point can run on a destroyed document
    this.validator?.destroy();
    this.validator = null;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    this.ctx.onClosed(this);
    const waiters = this.closeWaiters;
    this.closeWaiters = [];
    for (const resolve of waiters) resolve();
  }

  // ---- messages -----------------------------------------------------------------------------

  handleMessage(conn: Connection, message: IncomingMessage): void {
    if (this.state === 'closed') return;
    if (conn.pending >= this.ctx.maxPendingMessages) {
      conn.reject(CloseCode.PolicyViolation, 'Too many unprocessed messages');
      return;
    }
    if (message.type === 'awareness') {
      const screened = this.screenAwareness(conn, message.update);
      if (screened === null) return;
      if (screened !== message.update) message = { type: 'awareness', update: screened };
    }
    const admitted = conn.limiter ? conn.limiter.admit(message) : 'ok';
    if (admitted instanceof ProtocolError) {
      conn.reject(admitted.code, admitted.reason);
      return;
    }
    if (admitted === 'defer' && message.type === 'awareness') {
      // Over the awareness rate: the latest state per client id is kept, and applied when the rate allows.
      conn.limiter!.defer(message.update, (update) => this.handleMessage(conn, { type: 'awareness', update }));
      return;
    }
    if (message.type === 'awareness') {
      // Only now are the states parsed: what is left has passed the screening above (at most
      // MAX_AWARENESS_STATES_PER_MESSAGE states, each within the size limit). A deferred update
      // is parsed when it comes back here to be applied; one coalesced away never is.
      try {
        validateAwarenessStates(message.update);
      } catch (err) {
        const e = err instanceof ProtocolError ? err : malformed('invalid awareness update');
        conn.reject(e.code, e.reason);
        return;
      }
    }
    conn.pending++;
    this.enqueue(() => {
      conn.pending--;
      if (conn.rejected || this.state !== 'ready') return;
      return this.process(conn, message);
    });
  }

  private process(conn: Connection, message: IncomingMessage): void | Promise<void> {
    switch (message.type) {
      case 'sync-step1':
        conn.send(encodeSyncStep2(this.doc, message.stateVector));
        return;
      case 'sync-step2':
      case 'sync-update':
        return this.handleUpdate(conn, message.update, message.type);
      case 'awareness':
        // A connection that already left must not bring its states back.
        if (!this.conns.has(conn)) return;
        {
          const admitted = this.admitAwareness(conn, message.update);
          if (admitted !== null) awarenessProtocol.applyAwarenessUpdate(this.awareness, admitted, conn);
        }
        return;
      case 'query-awareness': {
        for (const message of this.awarenessMessages(Array.from(this.awareness.getStates().keys()))) conn.send(message);
        return;
      }
      case 'auth':
        return;
    }
  }

  /**
   * Awareness is accepted only for the client id the connection owns, and only states the
   * `checkAwareness` hook accepts (see policy/awareness.ts). Returns the update to apply (entries
   * for other connections' client ids removed), or `null`; a refused update is answered with
   * `permission-denied` and nothing of it is applied or relayed.
   */
  private admitAwareness(conn: Connection, update: Uint8Array): Uint8Array | null {
    const { checkAwareness } = this.ctx;
    const check = checkAwareness
      ? (clientId: number, state: unknown) =>
          checkAwareness({ room: this.name, doc: this.doc, user: conn.user, clientId, state, connectionId: conn.id })
      : undefined;
    // Client ids brought into presence: at most MAX_PRESENCE_IDS_PER_CONNECTION held at once, new
    // ones at a rate and a bounded total (limits.ts). Counted here, for what is applied.
    const allowance = this.presenceIdsOf(conn);
    let granted = 0;
    const introduce = (clientId: number, leaving: ReadonlySet<number>): boolean => {
      if (!allowance.take(clientId, this.heldBy(conn, leaving) + granted)) return false;
      granted++;
      return true;
    };
    let verdict;
    try {
      verdict = this.awarenessGate.check(conn, update, this.awareness, check, introduce);
    } catch (err) {
      this.ctx.logger.error('checkAwareness failed; refusing the update', { room: this.logName, conn: conn.id, error: err });
      verdict = { reason: 'Presence check failed' };
    }
    if (verdict === null) return null;
    if ('apply' in verdict) return verdict.apply;
    this.logRefusal(conn, 'awareness', verdict.reason);
    conn.send(encodePermissionDenied(verdict.reason));
    return null;
  }

  private async handleUpdate(conn: Connection, update: Uint8Array, kind: 'sync-step2' | 'sync-update'): Promise<void> {
    const original = update;
    if (kind === 'sync-step2') this.answered.add(conn);
    let settlement: UpdateSettlement | null = null;
    let refusedClients: number[] = [];
    // 1. Raw sizes and cost, before anything else reads the update (limits.ts, validation/).
    const limits = this.ctx.limits;
    let gate: GateResult;
    try {
      gate = await limits.gate.check(update, this.doc, { measureDocument: this.docBytes + update.byteLength > limits.maxDocumentSize });
    } catch (err) {
      if (this.state !== 'ready' || conn.rejected) return;
      const e = err instanceof ProtocolError ? err : new ProtocolError(CloseCode.InvalidPayload, 'Malformed message: invalid Yjs update');
      this.ctx.logger.info('update refused by limits', { room: this.logName, conn: conn.id, code: e.code, reason: e.reason });
      conn.reject(e.code, e.reason);
      return;
    }
    if (this.state !== 'ready' || conn.rejected) return;
    if (gate.pendingBytes > limits.maxPendingBytes) {
      this.ctx.logger.info('update refused: too much pending data', { room: this.logName, conn: conn.id, bytes: gate.pendingBytes });
      const e = tooMuchPending();
      conn.reject(e.code, e.reason);
      return;
    }
    const { checkUpdate } = this.ctx;
    if (checkUpdate) {
      let decision: UpdateDecision;
      try {
        decision = await checkUpdate({ room: this.name, doc: this.doc, user: conn.user, update, kind, connectionId: conn.id, owners: this.ownersFor(conn) });
      } catch (err) {
        this.ctx.logger.error('checkUpdate failed; refusing the update', { room: this.logName, conn: conn.id, error: err });
        decision = { reason: 'Update check failed' };
      }
      if (this.ownerWrites.length > 0) {
        const writes = this.ownerWrites;
        this.ownerWrites = [];
        try {
          await Promise.all(writes);
        } catch (err) {
          this.ctx.logger.error('storing a client id owner failed; refusing the update', { room: this.logName, conn: conn.id, error: err });
          this.ctx.onStorageResult?.(err ?? new Error('write failed'));
          decision = { reason: STORAGE_FAILING_REASON };
        }
      }
      if (this.state !== 'ready' || conn.rejected) return;
      if (decision && typeof decision === 'object') {
        if (!('replacement' in decision) && decision.reason === MISSING && (this.awaiting.has(conn) || !this.answered.has(conn))) {
          // Not applied: a live edit made while it reconnects, before its sync step 2 (which carries
          // it too); or one that follows changes held back until their owner delivers what they
          // build on (the connection is asked to sync again then). The latter is held back too,
          // and the sender has been told so (once per episode: see `tellHeldBack`).
          this.ctx.logger.debug('update waits for what it builds on', { room: this.logName, conn: conn.id });
          if (this.awaiting.has(conn)) this.tellHeldBack(conn, this.missingOwnClocks(conn, update));
          return;
        }
        if (!('replacement' in decision)) {
          this.refuse(conn, String(decision.reason), kind);
          return;
        }
        // Settled: the refused parts become garbage, the rest is applied (policy/settle.ts).
        if (decision.reason !== '') this.logRefusal(conn, 'partial', String(decision.reason));
        // One permission-denied per distinct reason (a settlement's reasons are one a line), so the
        // sender hears every one; a stock client just logs each.
        for (const reason of new Set(String(decision.reason).split('\n'))) if (reason !== '') conn.send(encodePermissionDenied(reason));
        settlement = decision;
        refusedClients = [...Y.parseUpdateMeta(update).to.keys()];
        update = decision.replacement;
      }
    }
    if (!this.fitsDocument(update, gate)) {
      this.refuse(conn, DOCUMENT_FULL_REASON, kind);
      return;
    }
    const validator = this.validator;
    if (!validator) return;
    try {
      await validator.check(update);
    } catch (err) {
      this.ctx.logger.info('update cannot be applied', { room: this.logName, conn: conn.id, error: err });
      conn.reject(CloseCode.InvalidPayload, 'Malformed message: update cannot be applied');
      return;
    }
    if (this.state !== 'ready') return;
    const pendingBefore = pendingBytes(this.doc);
    const emitted: Uint8Array[] = [];
    this.capture = emitted;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      // The validator said it applies: the document may now be half-updated. Nothing of it was
      // relayed or stored; drop the in-memory room so that the next join reloads from storage.
      this.capture = null;
      this.ctx.logger.error('validated update failed to apply; resetting room', { room: this.logName, conn: conn.id, error: err });
      this.closeNow({ compact: false, code: CloseCode.InternalError, reason: 'Internal error: room reset' });
      return;
    }
    this.capture = null;
    for (const effective of emitted) {
      this.docBytes += effective.byteLength;
      this.commit(effective, conn);
    }
    // The sender's copy drops its refused items and gets back what they overwrote, so it shows
    // what everyone else sees.
    if (settlement !== null) this.awaitHeldBack(conn, original);
    if (settlement !== null && settlement.reason !== '') {
      conn.send(encodeSyncUpdate(settlement.revert));
      if (settlement.restore !== undefined && settlement.restore.length > 0) this.restore(settlement.restore, refusedClients);
    }
    if (gate.documentBytes >= 0) {
      this.docBytes = gate.documentBytes;
      this.docBytesMeasuredAt = Date.now();
    }
    const pending = pendingBytes(this.doc);
    if (pending > 0) {
      if (pending > pendingBefore) this.pendingFrom.add(conn);
      if (pending > limits.maxPendingBytes) {
        // Structs waiting for dependencies that never come would be stored and sent to every joiner.
        this.ctx.logger.info('dropping pending data over the limit', { room: this.logName, conn: conn.id, bytes: pending });
        dropPending(this.doc);
        validator.discard();
        this.pendingFrom.clear();
        const e = tooMuchPending();
        conn.reject(e.code, e.reason);
      }
    } else if (this.pendingFrom.size > 0) {
      this.pendingFrom.clear();
    }
  }

  /**
   * Writes the current value of each key again (a record as a copy of its plain fields), as the
   * server: nothing changes for anyone but a sender whose copy lost those values to a refused
   * change (see `UpdateSettlement`). Relayed to every connection and stored like any change.
   */
  private restore(keys: NonNullable<UpdateSettlement['restore']>, refusedClients: readonly number[]): void {
    const emitted: Uint8Array[] = [];
    // In the sender's copy the refused item still holds its place at the key (deleted). Yjs orders
    // two items written after the same one by client id, lower first, and only the last is the
    // key's value: so the room writes as a client id above the sender's, one no one has used.
    // A random one, like any Yjs client id, so it is as unlikely as any to be a device's the room
    // has not heard from yet.
    const ownId = this.doc.clientID;
    const floor = Math.max(0, ...refusedClients);
    const span = 0xffffffff - floor;
    for (let attempt = 0; attempt < 16 && span > 0; attempt++) {
      const writer = floor + 1 + Math.floor(Math.random() * span);
      if (!this.doc.store.clients.has(writer)) {
        this.doc.clientID = writer;
        break;
      }
    }
    this.capture = emitted;
    try {
      this.doc.transact(() => {
        for (const { root, record, key } of keys) {
          if (!this.doc.share.has(root)) continue;
          const rootMap = this.doc.getMap<unknown>(root);
          const map = record === null ? rootMap : rootMap.get(record);
          if (!(map instanceof Y.Map) || !map.has(key)) continue;
          const value: unknown = map.get(key);
          if (value instanceof Y.Map) {
            const copy = new Y.Map<unknown>();
            for (const [field, fieldValue] of value as Y.Map<unknown>) if (!(fieldValue instanceof Y.AbstractType)) copy.set(field, fieldValue);
            map.set(key, copy);
          } else if (!(value instanceof Y.AbstractType)) {
            map.set(key, value);
          }
        }
      }, RESTORED);
    } finally {
      this.capture = null;
      this.doc.clientID = ownId;
    }
    for (const update of emitted) {
      this.docBytes += update.byteLength;
      this.commit(update, RESTORED);
    }
    // The validator's shadow copy has not seen the server's own write: it rebuilds at the next check.
    this.validator?.discard();
  }

  /**
   * Whether applying `update` keeps the document within `maxDocumentSize`. Updates that only
   * delete always fit. The running estimate is an upper bound; near the cap the document is
   * measured exactly (at most once a second).
   */
  private fitsDocument(update: Uint8Array, gate: GateResult): boolean {
    const max = this.ctx.limits.maxDocumentSize;
    if (gate.stats.structs === 0) return true;
    if (gate.documentBytes >= 0) return gate.documentBytes <= max;
    if (this.docBytes + update.byteLength <= max) return true;
    const now = Date.now();
    if (now - this.docBytesMeasuredAt >= 1000) {
      this.docBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
      this.docBytesMeasuredAt = now;
    }
    return this.docBytes + update.byteLength <= max;
  }

  /** Pending data whose senders have all left can never be completed: drop it. */
  private dropOrphanedPending(): void {
    if (this.state !== 'ready' || this.pendingFrom.size > 0 || pendingBytes(this.doc) === 0) return;
    this.ctx.logger.info('dropping pending data of departed connections', { room: this.logName, bytes: pendingBytes(this.doc) });
    dropPending(this.doc);
    this.validator?.discard();
  }

  private refuse(conn: Connection, reason: string, kind: 'sync-step2' | 'sync-update'): void {
    this.logRefusal(conn, 'update', reason);
    conn.send(encodePermissionDenied(reason));
    // Resync so the client can recover. A refused step 2 is itself the reply to a step 1, so it is
    // not answered with another step 1 (that would loop); resyncs are also rate-limited.
    const now = Date.now();
    if (kind === 'sync-update' && now - conn.lastResyncAt >= this.ctx.resyncMinIntervalMs) {
      conn.lastResyncAt = now;
      conn.send(encodeSyncStep1(this.doc));
      conn.send(encodeSyncStep2(this.doc));
    }
  }

  /**
   * Logs a refusal (a refused update, an update refused in part, refused presence): the first of
   * its kind from a connection, then at most one line per {@link REFUSAL_LOG_INTERVAL_MS} with the
   * number refused meanwhile, and the rest as a count when the connection leaves (a client that
   * keeps sending refused changes must not flood the log).
   */
  private logRefusal(conn: Connection, kind: RefusalKind, reason: string): void {
    const now = Date.now();
    let kinds = this.refusalLog.get(conn);
    if (kinds === undefined) this.refusalLog.set(conn, (kinds = new Map()));
    const entry = kinds.get(kind);
    if (entry !== undefined && now - entry.loggedAt < REFUSAL_LOG_INTERVAL_MS) {
      entry.unlogged++;
      entry.reason = reason;
      return;
    }
    const earlier = entry?.unlogged ?? 0;
    kinds.set(kind, { loggedAt: now, unlogged: 0, reason });
    this.ctx.logger.info(REFUSAL_LINES[kind].first, { room: this.logName, conn: conn.id, user: conn.user.userId, reason, ...(earlier > 0 ? { alsoRefusedSinceLastLine: earlier } : {}) });
  }

  private logUnloggedRefusals(conn: Connection): void {
    const kinds = this.refusalLog.get(conn);
    if (kinds === undefined) return;
    for (const [kind, entry] of kinds) {
      if (entry.unlogged === 0) continue;
      this.ctx.logger.info(REFUSAL_LINES[kind].more, { room: this.logName, conn: conn.id, user: conn.user.userId, count: entry.unlogged, lastReason: entry.reason });
      entry.unlogged = 0;
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.capture) this.capture.push(update);
    else this.commit(update, origin);
  };

  /**
   * After a replacement was applied for `conn`: if the sender's own changes were held back (what
   * the room lacks of `original` includes client ids that are not someone else's) because they
   * build on another person's changes the room lacks, remember what it waits for.
   */
  private awaitHeldBack(conn: Connection, original: Uint8Array): void {
    const foreign = new Map<number, number>();
    const heldBack = new Map<number, number>();
    for (const [client, clock] of Y.parseUpdateMeta(original).to) {
      if (clock <= Y.getState(this.doc.store, client)) continue;
      const owner = this.clientOwners.get(client);
      if (owner !== undefined && owner !== conn.user.userId) foreign.set(client, clock);
      else heldBack.set(client, clock);
    }
    if (heldBack.size > 0 && foreign.size > 0) {
      this.awaiting.set(conn, foreign);
      this.tellHeldBack(conn, heldBack);
    }
  }

  /** Per client id that is not someone else's, the end clock of `update`'s structs the room lacks. */
  private missingOwnClocks(conn: Connection, update: Uint8Array): Map<number, number> {
    const missing = new Map<number, number>();
    try {
      for (const [client, clock] of Y.parseUpdateMeta(update).to) {
        if (clock <= Y.getState(this.doc.store, client)) continue;
        const owner = this.clientOwners.get(client);
        if (owner === undefined || owner === conn.user.userId) missing.set(client, clock);
      }
    } catch {
      // Passed the gate, so it decodes; nothing to add otherwise.
    }
    return missing;
  }

  /**
   * Tells `conn`, once per episode, that changes of its own are held back ({@link HELD_BACK}), and
   * sends the room's state vector (a sync step 1) after it: the client sees which of its changes
   * the room has, and writes on under a new client id, so its later changes do not queue behind
   * the held-back ones. Its answer (a sync step 2) is judged as usual: held back again, quietly.
   */
  private tellHeldBack(conn: Connection, clocks: ReadonlyMap<number, number>): void {
    const known = this.heldBackTold.get(conn);
    const told = known ?? new Map<number, number>();
    // At most MAX_HELD_BACK_CLIENTS client ids per episode: a client can hold itself back at will
    // (a change of its own building on one made up under someone else's client id), then send
    // updates naming any number of fresh client ids. Past the cap, the episode may end before
    // the room has the changes of the ids left out: the client is sent the room's state vector
    // once more, which shows what is still missing.
    for (const [client, clock] of clocks) {
      if (!told.has(client) && told.size >= MAX_HELD_BACK_CLIENTS) continue;
      told.set(client, Math.max(told.get(client) ?? 0, clock));
    }
    if (known !== undefined) return;
    this.heldBackTold.set(conn, told);
    if (!conn.open || conn.rejected) return;
    this.ctx.logger.info('changes held back', { room: this.logName, conn: conn.id, user: conn.user.userId });
    conn.send(encodePermissionDenied(HELD_BACK));
    conn.send(encodeSyncStep1(this.doc));
  }

  /**
   * Ends the episodes of connections whose held-back changes the room now has, and sends each a
   * sync step 1: its state vector shows the client that they are saved.
   */
  private endHeldBackEpisodes(): void {
    for (const [conn, clocks] of this.heldBackTold) {
      if (this.awaiting.has(conn)) continue;
      let all = true;
      for (const [client, clock] of clocks) {
        if (Y.getState(this.doc.store, client) < clock) {
          all = false;
          break;
        }
      }
      if (!all) continue;
      this.heldBackTold.delete(conn);
      if (conn.open && !conn.rejected) conn.send(encodeSyncStep1(this.doc));
    }
  }

  /** Asks connections to sync again once the room has what their held-back changes build on. */
  private wakeAwaiting(): void {
    for (const [conn, needs] of this.awaiting) {
      let arrived = false;
      for (const [client, clock] of needs) {
        if (Y.getState(this.doc.store, client) < clock) continue;
        needs.delete(client);
        arrived = true;
      }
      if (needs.size === 0) this.awaiting.delete(conn);
      // Its reply (a sync step 2) carries everything the room lacks, the held-back changes too.
      if (arrived && conn.open && !conn.rejected) conn.send(encodeSyncStep1(this.doc));
    }
  }

  /** Relays an applied update to the other connections and appends it to the log. */
  private commit(update: Uint8Array, origin: unknown): void {
    if (this.awaiting.size > 0) this.wakeAwaiting();
    if (this.heldBackTold.size > 0) this.endHeldBackEpisodes();
    const message = encodeSyncUpdate(update);
    for (const conn of this.conns) if (conn !== origin) conn.send(message);
    void this.track(this.ctx.storage.append(this.name, update), 'storing an update');
    this.logCount++;
    this.logBytes += update.byteLength;
    if (
      !this.compactionQueued &&
      (this.logCount >= this.ctx.compactAfterUpdates || this.logBytes >= this.ctx.compactAfterBytes)
    ) {
      this.compactionQueued = true;
      this.enqueue(() => {
        this.compactionQueued = false;
        if (this.state === 'ready') this.compactNow();
      });
    }
  }

  /** Replaces the room's stored log by a snapshot of the document; resolves to whether it was stored. */
  private compactNow(): Promise<boolean> {
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const stored = this.track(this.ctx.storage.compact(this.name, snapshot), 'compaction');
    this.ctx.logger.debug('room compacted', { room: this.logName, entries: this.logCount, bytes: snapshot.byteLength });
    this.hasSnapshot = true;
    this.logCount = 0;
    this.logBytes = 0;
    return stored;
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const owner = origin instanceof Connection && this.conns.has(origin) ? origin : null;
    if (origin === 'timeout' && removed.length > 0) {
      // y-protocols removed states nobody renewed for 30 s: their connections hold them no more.
      for (const id of removed) {
        for (const conn of this.conns) conn.awarenessIds.delete(id);
        this.awarenessGate.expire(id);
      }
    }
    if (owner) {
      for (const id of added) owner.awarenessIds.add(id);
      for (const id of removed) owner.awarenessIds.delete(id);
      if (owner.user.userId !== ANONYMOUS_USER.userId) {
        for (const id of added.concat(updated)) {
          if (this.presenceUsers.has(id) || !owner.awarenessIds.has(id) || !this.awareness.states.has(id)) continue;
          this.presenceUsers.set(id, owner.user.userId);
          if (this.presenceUsers.size > MAX_PRESENCE_USERS) this.presenceUsers.delete(this.presenceUsers.keys().next().value as number);
        }
      }
    }
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    this.awarenessBatch.add(changed, origin);
  };

  /** Sends the current awareness states of `ids` (batched by `awarenessBatch`) to everyone but `origin`. */
  private readonly broadcastAwareness = (ids: number[], origin: unknown): void => {
    if (this.state === 'closed') return;
    const known = ids.filter((id) => this.awareness.meta.has(id));
    if (known.length === 0) return;
    for (const message of this.awarenessMessages(known)) for (const conn of this.conns) if (conn !== origin) conn.send(message);
  };

  /**
   * The states of `ids` as awareness messages of at most `MAX_AWARENESS_STATES_PER_MESSAGE` states
   * each: the stock client sends every message's states back, and the server counts a message's
   * states against that limit (echoes are dropped first, but a client's timeouts may name them all).
   */
  private awarenessMessages(ids: number[]): Uint8Array[] {
    const messages: Uint8Array[] = [];
    for (let i = 0; i < ids.length; i += MAX_AWARENESS_STATES_PER_MESSAGE) {
      messages.push(encodeAwareness(this.awareness, ids.slice(i, i + MAX_AWARENESS_STATES_PER_MESSAGE)));
    }
    return messages;
  }

  /**
   * Drops the entries of an incoming awareness update that are echoes or someone else's (see
   * `screenAwareness`), before they count against the sender's awareness rate: an echo must not
   * take the place of the sender's own state while that waits for the rate. `null`: nothing left
   * (or the connection was closed).
   */
  private screenAwareness(conn: Connection, update: Uint8Array): Uint8Array | null {
    let holders: Map<number, Connection> | null = null;
    const heldByAnother = (clientId: number): boolean => {
      if (holders === null) {
        holders = new Map();
        for (const other of this.conns) if (other !== conn) for (const id of other.awarenessIds) holders.set(id, other);
      }
      const holder = holders.get(clientId);
      // The same signed-in person may take their client id over on a new connection (policy/awareness.ts).
      return holder !== undefined && !(holder.user.userId === conn.user.userId && conn.user.userId !== ANONYMOUS_USER.userId);
    };
    // Client ids the room has no state for: within the connection's allowance of new ids (rate and
    // total), at most MAX_PRESENCE_IDS_PER_CONNECTION a message. Nothing is taken here: the ids are
    // counted when applied (`admitAwareness`), after the ownership check, against the ids the
    // connection holds then.
    const allowance = this.presenceIdsOf(conn);
    let allowed = 0;
    let fresh = 0;
    const mayIntroduce = (clientId: number): boolean => {
      if (allowed >= MAX_PRESENCE_IDS_PER_CONNECTION) return false;
      const isNew = allowance.isNew(clientId);
      if (!allowance.may(clientId, 0, isNew ? fresh : 0)) return false;
      allowed++;
      if (isNew) fresh++;
      return true;
    };
    const screened = screenAwareness(update, this.awareness, conn.awarenessIds, heldByAnother, mayIntroduce);
    if (screened instanceof ProtocolError) {
      conn.reject(screened.code, screened.reason);
      return null;
    }
    return screened;
  }
}
