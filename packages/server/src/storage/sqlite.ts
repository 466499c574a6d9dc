import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { silentLogger, type Logger } from '../log.js';
import { StorageClosedError, type RoomInfo, type Storage, type StorageHealth, type StoredRoom } from './types.js';

/** File name of the database inside the data directory. */
export const SQLITE_FILE_NAME = 'coproduce.sqlite';

/** Schema version kept in `PRAGMA user_version`. */
export const SQLITE_SCHEMA_VERSION = 2;

export const DEFAULT_COMMIT_WINDOW_MS = 20;
export const DEFAULT_MAX_BATCH_UPDATES = 1000;
export const DEFAULT_MAX_BATCH_BYTES = 8 * 1024 * 1024;

export type SqliteSynchronous = 'normal' | 'full';

/**
 * How long one commit waits for a lock another process holds on the database file (ms). Commits
 * run on the event loop, so this is kept short: a busy batch is kept and retried later instead.
 */
export const BUSY_TIMEOUT_MS = 100;
/** How long a batch is retried while the database stays locked before its writes fail (ms). */
export const BUSY_GIVE_UP_MS = 5_000;
/** Longest wait between two retries of a batch the database was locked for (ms). */
const BUSY_RETRY_MAX_MS = 1_000;

/** Thrown when the database was written by a newer server (its schema is newer than this one knows). */
export class SchemaTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly version: number,
  ) {
    super(
      `the database ${file} was written by a newer coproduce-server (schema ${version}; this one understands up to ` +
        `${SQLITE_SCHEMA_VERSION}): upgrade coproduce-server`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** Whether `err` says the database is locked by another connection (worth retrying). */
export function isBusyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT';
}

export interface SqliteStorageOptions {
  /** Database file (created with its directory if missing). `':memory:'` for a private in-memory database. */
  file: string;
  /**
   * Group-commit window in milliseconds (default 20): writes made within the window after the
   * first pending write are committed together in one transaction. 0 still batches the writes
   * made in the same event-loop turn.
   */
  commitWindowMs?: number;
  /** Commit at once when this many writes are pending (default 1000). */
  maxBatchUpdates?: number;
  /** Commit at once when this many bytes are pending (default 8 MiB). */
  maxBatchBytes?: number;
  /**
   * `PRAGMA synchronous` (default `normal`). With WAL, `normal` never corrupts and loses nothing
   * when the process dies (committed transactions are in the WAL file), but may lose the last
   * commits on power loss or an OS crash. `full` also fsyncs the WAL on every commit.
   */
  synchronous?: SqliteSynchronous;
  logger?: Logger;
}

type Op =
  | { kind: 'append'; room: string; data: Buffer; at: number }
  | { kind: 'compact'; room: string; data: Buffer; at: number }
  | { kind: 'delete'; room: string }
  | { kind: 'rename-owner'; room: string; user: string; replacement: string };

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Embedded storage in one SQLite file (better-sqlite3, WAL): an append-only update log per room
 * plus one compacted snapshot per room, written with group commit.
 *
 * Tables:
 * - `rooms(name TEXT PRIMARY KEY, snapshot BLOB NULL, created_at INTEGER, last_activity INTEGER)`
 * - `updates(seq INTEGER PRIMARY KEY, room TEXT, data BLOB, created_at INTEGER)`, index `(room, seq)`
 * - `client_owners(room TEXT, client INTEGER, user TEXT, PRIMARY KEY (room, client))` (schema 2;
 *   a schema-1 database gains the table when opened)
 */
export class SqliteStorage implements Storage {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly commitWindowMs: number;
  private readonly maxBatchUpdates: number;
  private readonly maxBatchBytes: number;
  private readonly logger: Logger;
  private pending: Op[] = [];
  private pendingBytes = 0;
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Client id owners recorded in this turn of the event loop, written together (see `addClientOwner`). */
  private ownerBatch: { room: string; client: number; user: string; resolve: () => void; reject: (err: unknown) => void }[] = [];
  /** Number of transactions committed by group commit (for tests and metrics). */
  commits = 0;
  /** The first failure of the current run of failed commits (cleared by a successful commit). */
  private failure: { error: string; since: number } | null = null;
  /** When the batch now being retried first failed because the database was locked. */
  private busySince: number | null = null;
  private busyRetries = 0;

  private readonly stmt: {
    insertUpdate: Database.Statement<[string, Buffer, number]>;
    touchRoom: Database.Statement<[string, number, number]>;
    deleteLog: Database.Statement<[string]>;
    putSnapshot: Database.Statement<[string, Buffer, number, number]>;
    deleteRoom: Database.Statement<[string]>;
    getSnapshot: Database.Statement<[string], { snapshot: Buffer | null }>;
    getUpdates: Database.Statement<[string], { data: Buffer }>;
    addOwner: Database.Statement<[string, number, string]>;
    renameOwner: Database.Statement<[string, string, string]>;
    deleteOwners: Database.Statement<[string]>;
    getOwners: Database.Statement<[string], { client: number; user: string }>;
    listRooms: Database.Statement<
      [],
      { name: string; created_at: number; last_activity: number; snapshot_bytes: number | null; updates: number; update_bytes: number }
    >;
  };
  private readonly writeBatch: (ops: Op[]) => void;

  /** Opens (or creates) `dir/coproduce.sqlite`. */
  static inDirectory(dir: string, options: Omit<SqliteStorageOptions, 'file'> = {}): SqliteStorage {
    return new SqliteStorage({ ...options, file: join(dir, SQLITE_FILE_NAME) });
  }

  constructor(options: SqliteStorageOptions) {
    this.file = options.file;
    this.commitWindowMs = Math.max(0, options.commitWindowMs ?? DEFAULT_COMMIT_WINDOW_MS);
    this.maxBatchUpdates = Math.max(1, options.maxBatchUpdates ?? DEFAULT_MAX_BATCH_UPDATES);
    this.maxBatchBytes = Math.max(1, options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES);
    this.logger = options.logger ?? silentLogger;
    if (this.file !== ':memory:') mkdirSync(dirname(this.file), { recursive: true });
    // A short busy timeout: see BUSY_TIMEOUT_MS (better-sqlite3's default, 5 s, would freeze every room).
    const db = new Database(this.file, { timeout: BUSY_TIMEOUT_MS });
    this.db = db;
    try {
      const found = db.pragma('user_version', { simple: true }) as number;
      if (found > SQLITE_SCHEMA_VERSION) throw new SchemaTooNewError(this.file, found);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      // Deleted content (compacted logs, deleted rooms, erased people) is overwritten with zeros
      // rather than left in free pages (docs/privacy.md).
      db.pragma('secure_delete = ON');
      db.exec(`
        CREATE TABLE IF NOT EXISTS rooms (
          name TEXT PRIMARY KEY NOT NULL,
          snapshot BLOB,
          created_at INTEGER NOT NULL,
          last_activity INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS updates (
          seq INTEGER PRIMARY KEY,
          room TEXT NOT NULL,
          data BLOB NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS updates_room_seq ON updates (room, seq);
        CREATE TABLE IF NOT EXISTS client_owners (
          room TEXT NOT NULL,
          client INTEGER NOT NULL,
          user TEXT NOT NULL,
          PRIMARY KEY (room, client)
        );
        PRAGMA user_version = ${SQLITE_SCHEMA_VERSION};
      `);
    } catch (err) {
      db.close();
      throw err;
    }
    this.stmt = {
      insertUpdate: db.prepare('INSERT INTO updates (room, data, created_at) VALUES (?, ?, ?)'),
      touchRoom: db.prepare(
        'INSERT INTO rooms (name, created_at, last_activity) VALUES (?, ?, ?) ' +
          'ON CONFLICT (name) DO UPDATE SET last_activity = excluded.last_activity',
      ),
      deleteLog: db.prepare('DELETE FROM updates WHERE room = ?'),
      putSnapshot: db.prepare(
        'INSERT INTO rooms (name, snapshot, created_at, last_activity) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (name) DO UPDATE SET snapshot = excluded.snapshot, last_activity = excluded.last_activity',
      ),
      deleteRoom: db.prepare('DELETE FROM rooms WHERE name = ?'),
      getSnapshot: db.prepare('SELECT snapshot FROM rooms WHERE name = ?'),
      getUpdates: db.prepare('SELECT data FROM updates WHERE room = ? ORDER BY seq'),
      addOwner: db.prepare('INSERT OR IGNORE INTO client_owners (room, client, user) VALUES (?, ?, ?)'),
      renameOwner: db.prepare('UPDATE client_owners SET user = ? WHERE room = ? AND user = ?'),
      deleteOwners: db.prepare('DELETE FROM client_owners WHERE room = ?'),
      getOwners: db.prepare('SELECT client, user FROM client_owners WHERE room = ?'),
      listRooms: db.prepare(
        'SELECT r.name, r.created_at, r.last_activity, length(r.snapshot) AS snapshot_bytes, ' +
          'count(u.seq) AS updates, coalesce(sum(length(u.data)), 0) AS update_bytes ' +
          'FROM rooms r LEFT JOIN updates u ON u.room = r.name GROUP BY r.name ORDER BY r.name',
      ),
    };
    this.writeBatch = db.transaction((ops: Op[]) => {
      const touched = new Map<string, number>();
      for (const op of ops) {
        switch (op.kind) {
          case 'append':
            this.stmt.insertUpdate.run(op.room, op.data, op.at);
            touched.set(op.room, op.at);
            break;
          case 'compact':
            this.stmt.deleteLog.run(op.room);
            this.stmt.putSnapshot.run(op.room, op.data, op.at, op.at);
            touched.delete(op.room);
            break;
          case 'delete':
            this.stmt.deleteLog.run(op.room);
            this.stmt.deleteRoom.run(op.room);
            this.stmt.deleteOwners.run(op.room);
            touched.delete(op.room);
            break;
          case 'rename-owner':
            this.stmt.renameOwner.run(op.replacement, op.room, op.user);
            break;
        }
      }
      for (const [room, at] of touched) this.stmt.touchRoom.run(room, at, at);
    });
  }

  private enqueue(op: Op): Promise<void> {
    if (this.closed) return Promise.reject(new StorageClosedError());
    if (op.kind === 'compact') {
      // Appends of this room still pending are contained in the snapshot: drop them.
      this.pending = this.pending.filter((p) => p.kind !== 'append' || p.room !== op.room);
      this.pendingBytes = this.pending.reduce((n, p) => n + ('data' in p ? p.data.byteLength : 0), 0);
    }
    this.pending.push(op);
    if ('data' in op) this.pendingBytes += op.data.byteLength;
    const promise = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (this.pending.length >= this.maxBatchUpdates || this.pendingBytes >= this.maxBatchBytes) {
      this.commitNow();
    } else if (this.timer === null) {
      this.timer = setTimeout(() => this.commitNow(), this.commitWindowMs);
    }
    return promise;
  }

  /**
   * Commits the pending batch in one transaction, synchronously; returns the error if it failed.
   * When the database is locked by another connection (after {@link BUSY_TIMEOUT_MS}), the batch is
   * kept, in order, and retried later (backing off up to 1 s); its writes fail only once it has
   * been locked out for {@link BUSY_GIVE_UP_MS}, or at `close()`. Any other error fails the batch's
   * writes at once (the server then writes the rooms out again by compacting them: see room.ts).
   */
  private commitNow(final = false): unknown {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const ops = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.pendingBytes = 0;
    this.waiters = [];
    if (ops.length === 0) {
      for (const w of waiters) w.resolve();
      return undefined;
    }
    try {
      this.writeBatch(ops);
      this.commits++;
      if (this.failure !== null) this.logger.info('storage commits succeed again', { file: this.file, failingSince: this.failure.since });
      this.failure = null;
      this.busySince = null;
      this.busyRetries = 0;
      for (const w of waiters) w.resolve();
      return undefined;
    } catch (err) {
      const now = Date.now();
      this.failure ??= { error: err instanceof Error ? err.message : String(err), since: now };
      if (isBusyError(err) && !final && !this.closed) {
        this.busySince ??= now;
        if (now - this.busySince < BUSY_GIVE_UP_MS) {
          // Keep the batch in front of what was queued meanwhile, and try again later.
          if (this.busyRetries === 0) this.logger.warn('database is locked by another process; keeping the writes and retrying', { file: this.file, writes: ops.length });
          this.busyRetries++;
          this.pending = ops.concat(this.pending);
          this.pendingBytes = this.pending.reduce((n, p) => n + ('data' in p ? p.data.byteLength : 0), 0);
          this.waiters = waiters.concat(this.waiters);
          const delay = Math.min(BUSY_RETRY_MAX_MS, Math.max(this.commitWindowMs, 10) * 2 ** Math.min(this.busyRetries, 10));
          this.timer = setTimeout(() => this.commitNow(), delay);
          return err;
        }
      }
      this.busySince = null;
      this.busyRetries = 0;
      this.logger.error('storage commit failed', { file: this.file, writes: ops.length, error: err });
      for (const w of waiters) w.reject(err);
      return err;
    }
  }

  /** Whether commits succeed (see {@link StorageHealth}). */
  health(): StorageHealth {
    return {
      ok: this.failure === null,
      lastError: this.failure?.error ?? null,
      failingSince: this.failure?.since ?? null,
      pendingWrites: this.pending.length,
    };
  }

  private ensureOpen(): void {
    if (this.closed) throw new StorageClosedError();
  }

  async load(room: string): Promise<StoredRoom> {
    this.ensureOpen();
    const error = this.commitNow(); // read-your-writes: pending writes of the window are committed first
    // A batch kept while the database is locked: this room's stored state would be out of date.
    if (error !== undefined && this.pending.some((op) => op.room === room)) throw error;
    const row = this.stmt.getSnapshot.get(room);
    const updates = this.stmt.getUpdates.all(room).map((r) => new Uint8Array(r.data));
    return { snapshot: row?.snapshot ? new Uint8Array(row.snapshot) : null, updates };
  }

  append(room: string, update: Uint8Array): Promise<void> {
    return this.enqueue({ kind: 'append', room, data: Buffer.from(update), at: Date.now() });
  }

  compact(room: string, snapshot: Uint8Array): Promise<void> {
    return this.enqueue({ kind: 'compact', room, data: Buffer.from(snapshot), at: Date.now() });
  }

  async flush(): Promise<void> {
    this.ensureOpen();
    const error = this.commitNow();
    if (error !== undefined) throw error;
  }

  /**
   * Makes deleted data unrecoverable from the database files: commits the pending batch, then
   * checkpoints the write-ahead log into the database and truncates it (deleted pages themselves
   * are zeroed as they are freed: `secure_delete`). Used after privacy erasures and purges.
   */
  async scrub(): Promise<void> {
    this.ensureOpen();
    const error = this.commitNow();
    if (error !== undefined) throw error;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.writeOwners();
    this.commitNow(true);
    this.closed = true;
    this.db.close();
  }

  async loadClientOwners(room: string): Promise<Map<number, string>> {
    this.ensureOpen();
    this.writeOwners();
    this.commitNow();
    return new Map(this.stmt.getOwners.all(room).map((r) => [r.client, r.user] as const));
  }

  /**
   * Written at once, not with the group commit: the server relays a client id's first edit only
   * once its owner is stored, so that after a crash nobody can claim a client id whose edits others
   * already hold (a new client id is rare: one per device and page load). The owners recorded in
   * one turn of the event loop (every new client id of one update) go in one transaction, before
   * the promises resolve: one commit (one fsync with `synchronous=full`) per update, not one per
   * client id, however many client ids a crafted update names.
   */
  addClientOwner(room: string, client: number, user: string): Promise<void> {
    if (this.closed) return Promise.reject(new StorageClosedError());
    return new Promise<void>((resolve, reject) => {
      this.ownerBatch.push({ room, client, user, resolve, reject });
      if (this.ownerBatch.length === 1) queueMicrotask(() => this.writeOwners());
    });
  }

  /** Writes the owners recorded so far in one transaction and settles their promises. */
  private writeOwners(): void {
    const batch = this.ownerBatch;
    if (batch.length === 0) return;
    this.ownerBatch = [];
    if (this.closed) {
      for (const owner of batch) owner.reject(new StorageClosedError());
      return;
    }
    try {
      this.db.transaction(() => {
        for (const { room, client, user } of batch) this.stmt.addOwner.run(room, client, user);
      })();
    } catch (err) {
      this.logger.error('storing a client id owner failed', { file: this.file, error: err });
      for (const owner of batch) owner.reject(err);
      return;
    }
    for (const owner of batch) owner.resolve();
  }

  replaceClientOwner(room: string, user: string, replacement: string): Promise<void> {
    this.writeOwners();
    const done = this.enqueue({ kind: 'rename-owner', room, user, replacement });
    this.commitNow();
    return done;
  }

  deleteRoom(room: string): Promise<void> {
    this.writeOwners();
    const done = this.enqueue({ kind: 'delete', room });
    this.commitNow();
    return done;
  }

  async listRooms(): Promise<RoomInfo[]> {
    this.ensureOpen();
    this.commitNow();
    return this.stmt.listRooms.all().map((r) => ({
      room: r.name,
      updates: r.updates,
      bytes: (r.snapshot_bytes ?? 0) + r.update_bytes,
      createdAt: r.created_at,
      lastActivity: r.last_activity,
    }));
  }
}
