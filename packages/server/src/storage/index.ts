export type { RoomInfo, Storage, StorageHealth, StoredRoom } from './types.js';
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
export { BUSY_GIVE_UP_MS, BUSY_TIMEOUT_MS, SchemaTooNewError, isBusyError } from './sqlite.js';
export {
  LOCK_DATABASE_NAME, DataDirInUseError, dataDirHolder, describeHolder, lockDataDir, type DataLock, type DataLockHolder,
} from './lock.js';
