export type { RoomInfo, Storage, StoredRoom } from './types.js';
export { ERASED_OWNER, StorageClosedError } from './types.js';
export { MemoryStorage, createMemoryStore, type MemoryStore } from './memory.js';
export {
  SqliteStorage,
  SQLITE_FILE_NAME,
  SQLITE_SCHEMA_VERSION,
  DEFAULT_COMMIT_WINDOW_MS,
  DEFAULT_MAX_BATCH_BYTES,
  DEFAULT_MAX_BATCH_UPDATES,
  type SqliteStorageOptions,
  type SqliteSynchronous,
} from './sqlite.js';
