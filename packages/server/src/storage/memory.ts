import { StorageClosedError, type RoomInfo, type Storage, type StoredRoom } from './types.js';

interface MemoryRoom {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Yjs client id → user id (see `Storage.loadClientOwners`). */
  owners?: Map<number, string>;
  createdAt: number;
  lastActivity: number;
}

/** The backing store of a {@link MemoryStorage}; share one between instances to "reopen" it. */
export type MemoryStore = Map<string, MemoryRoom>;

export function createMemoryStore(): MemoryStore {
  return new Map();
}

/**
 * Keeps everything in a `Map` (room names are never used as object keys). For tests and
 * throwaway servers: nothing survives the process.
 */
export class MemoryStorage implements Storage {
  readonly store: MemoryStore;
  private closed = false;

  constructor(options: { store?: MemoryStore } = {}) {
    this.store = options.store ?? createMemoryStore();
  }

  private check(): void {
    if (this.closed) throw new StorageClosedError();
  }

  private room(room: string): MemoryRoom {
    let entry = this.store.get(room);
    if (!entry) {
      const now = Date.now();
      entry = { snapshot: null, updates: [], createdAt: now, lastActivity: now };
      this.store.set(room, entry);
    }
    return entry;
  }

  async load(room: string): Promise<StoredRoom> {
    this.check();
    const entry = this.store.get(room);
    if (!entry) return { snapshot: null, updates: [] };
    return { snapshot: entry.snapshot ? entry.snapshot.slice() : null, updates: entry.updates.map((u) => u.slice()) };
  }

  append(room: string, update: Uint8Array): Promise<void> {
    try {
      this.check();
    } catch (err) {
      return Promise.reject(err);
    }
    const entry = this.room(room);
    entry.updates.push(update.slice());
    entry.lastActivity = Date.now();
    return Promise.resolve();
  }

  compact(room: string, snapshot: Uint8Array): Promise<void> {
    try {
      this.check();
    } catch (err) {
      return Promise.reject(err);
    }
    const entry = this.room(room);
    entry.snapshot = snapshot.slice();
    entry.updates = [];
    entry.lastActivity = Date.now();
    return Promise.resolve();
  }

  async flush(): Promise<void> {
    this.check();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  async loadClientOwners(room: string): Promise<Map<number, string>> {
    this.check();
    return new Map(this.store.get(room)?.owners ?? []);
  }

  async addClientOwner(room: string, client: number, user: string): Promise<void> {
    this.check();
    const entry = this.room(room);
    entry.owners ??= new Map();
    if (!entry.owners.has(client)) entry.owners.set(client, user);
  }

  async replaceClientOwner(room: string, user: string, replacement: string): Promise<void> {
    this.check();
    const owners = this.store.get(room)?.owners;
    if (owners) for (const [client, owner] of owners) if (owner === user) owners.set(client, replacement);
  }

  async deleteRoom(room: string): Promise<void> {
    this.check();
    this.store.delete(room);
  }

  async listRooms(): Promise<RoomInfo[]> {
    this.check();
    const rooms: RoomInfo[] = [];
    for (const [room, entry] of this.store) {
      let bytes = entry.snapshot?.byteLength ?? 0;
      for (const u of entry.updates) bytes += u.byteLength;
      rooms.push({ room, updates: entry.updates.length, bytes, createdAt: entry.createdAt, lastActivity: entry.lastActivity });
    }
    return rooms;
  }
}
