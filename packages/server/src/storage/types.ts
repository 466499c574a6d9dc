/**
 * The one storage interface every backend implements (memory, SQLite, later others).
 *
 * A room's stored state is an optional **snapshot** (a Yjs v1 update holding everything up to
 * the last compaction) followed by an **append-only log** of Yjs v1 updates in append order.
 * Applying the snapshot and then every log entry, in order, rebuilds the room's document.
 *
 * Ordering contract: calls take effect in the order they are made, per storage instance,
 * even when the returned promises have not settled yet. In particular `load()` sees every
 * `append()`/`compact()` made before it (read-your-writes, also within a group-commit window),
 * and `compact()` replaces exactly the entries appended before it.
 *
 * Room names are arbitrary strings (any Unicode, `__proto__`, `../x`, very long…): backends
 * must never interpret them as paths or object keys.
 */
export interface StoredRoom {
  /** The merged state written by the last `compact()`, or `null` if the room was never compacted. */
  snapshot: Uint8Array | null;
  /** Log entries appended since the last compaction, oldest first. */
  updates: Uint8Array[];
}

export interface RoomInfo {
  room: string;
  /** Number of log entries since the last compaction. */
  updates: number;
  /** Stored bytes: snapshot plus log entries. */
  bytes: number;
  /** Milliseconds since the epoch of the first write. */
  createdAt: number;
  /** Milliseconds since the epoch of the last append or compaction. */
  lastActivity: number;
}

/** Whether a storage is writing successfully (see `Storage.health`). */
export interface StorageHealth {
  /** False from a failed commit until the next commit succeeds. */
  ok: boolean;
  /** The last commit error's message, while failing. */
  lastError: string | null;
  /** When the failing started (ms since the epoch), while failing. */
  failingSince: number | null;
  /** Writes waiting to be committed (a batch kept while the database was locked counts too). */
  pendingWrites: number;
}

export interface Storage {
  /** Everything stored for `room` (an unknown room is `{ snapshot: null, updates: [] }`). */
  load(room: string): Promise<StoredRoom>;
  /**
   * Appends one update to the room's log. The promise resolves once the update is durable
   * (for SQLite: once its group-commit transaction has committed).
   */
  append(room: string, update: Uint8Array): Promise<void>;
  /**
   * Replaces the room's snapshot and every log entry appended before this call with `snapshot`.
   * The caller guarantees that `snapshot` contains all of them (the server passes
   * `Y.encodeStateAsUpdate(doc)` of the live document). Entries appended after the call stay.
   */
  compact(room: string, snapshot: Uint8Array): Promise<void>;
  /** Makes every earlier call durable now (commits the pending group-commit batch). */
  flush(): Promise<void>;
  /** Flushes, then releases resources. Any later call rejects. */
  close(): Promise<void>;
  /**
   * Whether writes are succeeding (optional; the server's `/healthz` reports it). The server also
   * notices failed writes itself, from the promises of `append` and `compact`.
   */
  health?(): StorageHealth;
  /** Removes everything stored for `room`. */
  deleteRoom(room: string): Promise<void>;
  /** Every stored room with its size and last activity (for retention jobs). */
  listRooms(): Promise<RoomInfo[]>;
  /**
   * Who owns each Yjs client id that has written to the room: the first user to write with it
   * (the workshop policy refuses another user's update that uses it). Kept so that after a restart
   * nobody can claim a person's client id and pre-empt their next edits. Optional: a storage
   * without it keeps ownership only while the room is loaded. Deleting the room deletes them.
   */
  loadClientOwners?(room: string): Promise<Map<number, string>>;
  /**
   * Records that `user` owns `client` in `room`; the first record for a client stays. The promise
   * resolves once the record is durable: the server waits for it before it applies or relays
   * anything written with that client id (a crash must not lose an owner whose edits others hold).
   */
  addClientOwner?(room: string, client: number, user: string): Promise<void>;
  /** Replaces `user` by `replacement` among the room's client owners (when a person is erased). */
  replaceClientOwner?(room: string, user: string, replacement: string): Promise<void>;
}

/** What an erased person's client ids are owned by afterwards (not a user id: nobody matches it). */
export const ERASED_OWNER = '(erased)';

export class StorageClosedError extends Error {
  constructor() {
    super('Storage is closed');
    this.name = 'StorageClosedError';
  }
}
