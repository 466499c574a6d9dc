import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Connection } from './connection.js';
import type { Logger } from './log.js';
import {
  CloseCode,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  type IncomingMessage,
} from './protocol.js';
import type { Storage } from './storage/types.js';
import type { CheckUpdate, UpdateDecision } from './types.js';
import type { RoomValidator, ValidatorFactory } from './validator.js';

export type RoomState = 'loading' | 'ready' | 'closed';

/** What a room needs from its server. */
export interface RoomContext {
  storage: Storage;
  logger: Logger;
  validator: ValidatorFactory;
  checkUpdate: CheckUpdate | undefined;
  gc: boolean;
  unloadGraceMs: number;
  compactAfterUpdates: number;
  compactAfterBytes: number;
  maxPendingMessages: number;
  resyncMinIntervalMs: number;
  /** Called once when the room has closed (unloaded, failed to load, shut down). */
  onClosed(room: Room): void;
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
  private unloadTimer: NodeJS.Timeout | null = null;
  private compactionQueued = false;
  private hasSnapshot = false;
  private logCount = 0;
  private logBytes = 0;
  /** Updates emitted by the document while an incoming update is being applied. */
  private capture: Uint8Array[] | null = null;

  constructor(
    readonly name: string,
    private readonly ctx: RoomContext,
  ) {
    this.doc = new Y.Doc({ gc: ctx.gc });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
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
          this.ctx.logger.error('room task failed', { room: this.name, error: err });
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
    } catch (err) {
      this.ctx.logger.error('room failed to load', { room: this.name, error: err });
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
            this.ctx.logger.error('skipping stored update that failed to apply', { room: this.name, error: err });
          }
        }
      },
      'load',
    );
    this.hasSnapshot = stored.snapshot !== null;
    this.logCount = stored.updates.length;
    this.logBytes = stored.updates.reduce((n, u) => n + u.byteLength, 0);
    this.doc.on('update', this.onDocUpdate);
    this.validator = this.ctx.validator(this.name, this.doc);
    this.state = 'ready';
    this.ctx.logger.debug('room loaded', { room: this.name, entries: entries.length, ms: Date.now() - started });
  }

  addConnection(conn: Connection): void {
    this.cancelUnload();
    this.conns.add(conn);
    this.enqueue(() => {
      // Answered only now that the stored state has loaded.
      if (!conn.open || conn.rejected) return;
      conn.send(encodeSyncStep1(this.doc));
      const states = this.awareness.getStates();
      if (states.size > 0) conn.send(encodeAwareness(this.awareness, Array.from(states.keys())));
    });
  }

  removeConnection(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    if (this.state === 'closed') return;
    // Queued, so that awareness messages the connection sent before leaving are processed first.
    this.enqueue(() => {
      if (conn.awarenessIds.size > 0) {
        awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(conn.awarenessIds), null);
        conn.awarenessIds.clear();
      }
    });
    if (this.conns.size === 0) this.scheduleUnload();
  }

  private scheduleUnload(): void {
    this.cancelUnload();
    this.unloadTimer = setTimeout(() => {
      this.unloadTimer = null;
      this.enqueue(() => {
        if (this.conns.size === 0 && this.state === 'ready') {
          this.ctx.logger.debug('unloading idle room', { room: this.name });
          this.closeNow({ compact: true });
        }
      });
    }, this.ctx.unloadGraceMs);
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
      this.enqueue(() => this.closeNow({ compact: true, code, reason }));
    });
  }

  private closeNow(options: { compact: boolean; code?: number; reason?: string }): void {
    if (this.state === 'closed') return;
    const wasReady = this.state === 'ready';
    this.state = 'closed';
    this.cancelUnload();
    if (options.compact && wasReady && (this.hasSnapshot ? 1 : 0) + this.logCount > 1) this.compactNow();
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
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn);
        return;
      case 'query-awareness': {
        const states = this.awareness.getStates();
        if (states.size > 0) conn.send(encodeAwareness(this.awareness, Array.from(states.keys())));
        return;
      }
      case 'auth':
        return;
    }
  }

  private async handleUpdate(conn: Connection, update: Uint8Array, kind: 'sync-step2' | 'sync-update'): Promise<void> {
    const { checkUpdate } = this.ctx;
    if (checkUpdate) {
      let decision: UpdateDecision;
      try {
        decision = await checkUpdate({ room: this.name, doc: this.doc, user: conn.user, update, kind, connectionId: conn.id });
      } catch (err) {
        this.ctx.logger.error('checkUpdate failed; refusing the update', { room: this.name, conn: conn.id, error: err });
        decision = { reason: 'Update check failed' };
      }
      if (this.state !== 'ready' || conn.rejected) return;
      if (decision && typeof decision === 'object') {
        this.refuse(conn, String(decision.reason), kind);
        return;
      }
    }
    const validator = this.validator;
    if (!validator) return;
    try {
      await validator.check(update);
    } catch (err) {
      this.ctx.logger.info('update cannot be applied', { room: this.name, conn: conn.id, error: err });
      conn.reject(CloseCode.InvalidPayload, 'Malformed message: update cannot be applied');
      return;
    }
    if (this.state !== 'ready') return;
    const emitted: Uint8Array[] = [];
    this.capture = emitted;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      // The validator said it applies: the document may now be half-updated. Nothing of it was
      // relayed or stored; drop the in-memory room so that the next join reloads from storage.
      this.capture = null;
      this.ctx.logger.error('validated update failed to apply; resetting room', { room: this.name, conn: conn.id, error: err });
      this.closeNow({ compact: false, code: CloseCode.InternalError, reason: 'Internal error: room reset' });
      return;
    }
    this.capture = null;
    for (const effective of emitted) this.commit(effective, conn);
  }

  private refuse(conn: Connection, reason: string, kind: 'sync-step2' | 'sync-update'): void {
    this.ctx.logger.info('update refused', { room: this.name, conn: conn.id, user: conn.user.userId, reason });
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

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.capture) this.capture.push(update);
    else this.commit(update, origin);
  };

  /** Relays an applied update to the other connections and appends it to the log. */
  private commit(update: Uint8Array, origin: unknown): void {
    const message = encodeSyncUpdate(update);
    for (const conn of this.conns) if (conn !== origin) conn.send(message);
    this.ctx.storage.append(this.name, update).catch((err: unknown) => {
      this.ctx.logger.error('storing update failed', { room: this.name, error: err });
    });
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

  private compactNow(): void {
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.ctx.storage.compact(this.name, snapshot).catch((err: unknown) => {
      this.ctx.logger.error('compaction failed', { room: this.name, error: err });
    });
    this.ctx.logger.debug('room compacted', { room: this.name, entries: this.logCount, bytes: snapshot.byteLength });
    this.hasSnapshot = true;
    this.logCount = 0;
    this.logBytes = 0;
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const owner = origin instanceof Connection && this.conns.has(origin) ? origin : null;
    if (owner) {
      for (const id of added) owner.awarenessIds.add(id);
      for (const id of removed) owner.awarenessIds.delete(id);
    }
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    const message = encodeAwareness(this.awareness, changed);
    for (const conn of this.conns) if (conn !== origin) conn.send(message);
  };
}
