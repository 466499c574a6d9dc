/**
 * Privacy operations of the server (docs/privacy.md): retention (delete rooms inactive for N days),
 * erasure and export of one participant's data, on a running server or offline on a data
 * directory, and the `purge`, `erase` and `export-user` commands.
 *
 * The document-level work is `@coproduce/core`'s `eraseParticipant` / `exportParticipant`; this
 * module makes it reach storage: after an erasure the room's log is compacted into a snapshot of
 * the erased document (so the old updates, which still hold the name, are deleted) and the SQLite
 * storage is scrubbed (deleted pages zeroed, the write-ahead log truncated).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eraseParticipant, exportParticipant, isId, type ErasureResult, type ParticipantData } from '@coproduce/core';
import { InvalidArgumentError, Option, type Command } from 'commander';
import * as Y from 'yjs';
import type { Logger } from './log.js';
import { SqliteStorage, SQLITE_FILE_NAME } from './storage/sqlite.js';
import { ERASED_OWNER, type Storage } from './storage/types.js';
import { dataDirHolder, DataDirInUseError, describeHolder, lockDataDir, type DataLock } from './storage/lock.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Server options of this module (part of `ServerOptions`). */
export interface PrivacyOptions {
  /**
   * Delete every stored room that has had no change for this many days (default 0: keep rooms
   * until they are deleted). A room that is loaded (someone is in it) is never deleted.
   */
  retentionDays?: number;
  /** How often the retention sweep runs, in ms (default 1 hour; the first one a minute after the start). */
  retentionSweepMs?: number;
}

export const PRIVACY_DEFAULTS = { retentionDays: 0, retentionSweepMs: 60 * 60 * 1000 } as const;

/** The part of a running server the privacy functions use. */
export interface RoomHost {
  readonly storage: Storage;
  /** Runs `fn` on the room's loaded document in its task queue (loading the room if needed). */
  /** `forgetOwner`: the user's Yjs client ids stay owned, by nobody who can write (erasure). */
  withRoom<T>(room: string, fn: (doc: Y.Doc) => T, options?: { compact?: boolean; forgetOwner?: string }): Promise<T>;
}

/** Zeroes deleted data in storage that supports it (SQLite: `secure_delete` pages, WAL truncated). */
async function scrub(storage: Storage): Promise<void> {
  await storage.flush();
  const s = storage as Storage & { scrub?: () => Promise<void> };
  if (typeof s.scrub === 'function') await s.scrub();
}

function requireId(userId: string): void {
  if (!isId(userId)) throw new TypeError(`Not a valid user id: ${JSON.stringify(userId)}`);
}

// ---- on a running server ---------------------------------------------------------------------------

/**
 * Erases one participant's personal data from a room on a running server: the erasure syncs to
 * everyone in the room like any edit, and the room's stored history is compacted and scrubbed.
 */
export async function eraseUser(server: RoomHost, room: string, userId: string): Promise<ErasureResult> {
  requireId(userId);
  const result = await server.withRoom(room, (doc) => eraseParticipant(doc, userId), { compact: true, forgetOwner: userId });
  await scrub(server.storage);
  return result;
}

/** Exports one participant's data from a room on a running server (JSON-ready). */
export function exportUser(server: RoomHost, room: string, userId: string): Promise<ParticipantData> {
  return server.withRoom(room, (doc) => exportParticipant(doc, userId));
}

// ---- offline, on a storage ----------------------------------------------------------------------

async function loadDoc(storage: Storage, room: string): Promise<Y.Doc> {
  const stored = await storage.load(room);
  const doc = new Y.Doc({ gc: true });
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/**
 * Erases one participant from a stored room while no server has it loaded (the `erase` command).
 * Rooms the person never took part in are left untouched.
 */
export async function eraseUserInStorage(storage: Storage, room: string, userId: string): Promise<ErasureResult> {
  requireId(userId);
  const doc = await loadDoc(storage, room);
  try {
    const result = eraseParticipant(doc, userId);
    const touched = result.person || result.role || result.ideas + result.comments + result.cards + result.clusters + result.personas + result.reactions + result.ballots > 0;
    if (touched) await storage.compact(room, Y.encodeStateAsUpdate(doc));
    // Their client ids stay owned, by nobody who can write (the id itself goes).
    await storage.replaceClientOwner?.(room, userId, ERASED_OWNER);
    if (touched) await scrub(storage);
    return result;
  } finally {
    doc.destroy();
  }
}

/** Exports one participant's data from a stored room (the `export-user` command). */
export async function exportUserFromStorage(storage: Storage, room: string, userId: string): Promise<ParticipantData> {
  const doc = await loadDoc(storage, room);
  try {
    return exportParticipant(doc, userId);
  } finally {
    doc.destroy();
  }
}

// ---- retention ----------------------------------------------------------------------------------

export interface PurgeOptions {
  /** Delete rooms whose last change is older than this many days. */
  olderThanDays: number;
  now?: number;
  /** Rooms that must not be deleted now (loaded on a running server). */
  isLoaded?: (room: string) => boolean;
  /** Only report what would be deleted. */
  dryRun?: boolean;
}

/** Deletes every stored room with no change for `olderThanDays` days; returns their names. */
export async function purgeInactive(storage: Storage, options: PurgeOptions): Promise<string[]> {
  const cutoff = (options.now ?? Date.now()) - options.olderThanDays * DAY_MS;
  const old = (await storage.listRooms()).filter((info) => info.lastActivity < cutoff && !options.isLoaded?.(info.room)).map((info) => info.room);
  if (options.dryRun || old.length === 0) return old;
  for (const room of old) await storage.deleteRoom(room);
  await scrub(storage);
  return old;
}

/**
 * Starts the periodic retention sweep of a running server; returns a stop function. Does
 * nothing when `retentionDays` is 0.
 */
export function startRetention(options: {
  storage: Storage;
  retentionDays: number;
  sweepMs: number;
  isLoaded: (room: string) => boolean;
  logger: Logger;
}): () => void {
  if (!(options.retentionDays > 0)) return () => undefined;
  let running = false;
  const sweep = (): void => {
    if (running) return;
    running = true;
    purgeInactive(options.storage, { olderThanDays: options.retentionDays, isLoaded: options.isLoaded })
      .then((deleted) => {
        if (deleted.length > 0) options.logger.info('retention: deleted inactive rooms', { rooms: deleted.length, days: options.retentionDays });
      })
      .catch((err: unknown) => options.logger.error('retention sweep failed', { error: err }))
      .finally(() => {
        running = false;
      });
  };
  // The first sweep soon after the start (a minute, or the interval if shorter), then every interval.
  const first = setTimeout(sweep, Math.min(60_000, Math.max(1_000, options.sweepMs)));
  const timer = setInterval(sweep, Math.max(1_000, options.sweepMs));
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

// ---- the data directory lock ------------------------------------------------------------------------

export { LOCK_FILE_NAME } from './storage/lock.js';

/**
 * The pid of a live process holding the lock of `dataDir` (`serve`, or an offline command that
 * changes it), if any: see storage/lock.ts. `0` when the lock is held by a process whose pid is not
 * known yet. A pid file left by a process that died does not count.
 */
export function serverUsing(dataDir: string): number | null {
  const holder = dataDirHolder(dataDir);
  return holder === null ? null : (holder.pid ?? 0);
}

// ---- command line ---------------------------------------------------------------------------------

const days = (value: string): number => {
  const n = Number(value.trim());
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n)) throw new InvalidArgumentError(`Expected a number of days, got "${value}".`);
  return n;
};

const userIdArg = (value: string): string => {
  if (!isId(value)) throw new InvalidArgumentError(`Expected a user id (1–64 letters, digits, _ or -), got "${value}".`);
  return value;
};

/** Adds `--retention-days` to the `serve` command. */
export function addRetentionOption(command: Command): Command {
  return command.addOption(
    new Option('--retention-days <days>', 'delete rooms with no change for this many days (0 = keep)')
      .env('COPRODUCE_RETENTION_DAYS')
      .default(PRIVACY_DEFAULTS.retentionDays)
      .argParser(days),
  );
}

interface OfflineOptions {
  data: string;
}

/**
 * Opens the data directory's database for an offline command, holding the data folder's lock while
 * it runs (so no server starts on it meanwhile); refuses while a server (or another command) holds it.
 */
function openOffline(options: OfflineOptions, command: string): { storage: SqliteStorage; lock: DataLock } {
  if (!existsSync(join(options.data, SQLITE_FILE_NAME))) throw new Error(`no Coproduce database in ${options.data}`);
  let lock: DataLock;
  try {
    lock = lockDataDir(options.data, command);
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      throw new Error(
        `${describeHolder(err.holder)} is using ${options.data}: stop it first, or use the running server's API (eraseUser, exportUser)`,
      );
    }
    throw err;
  }
  try {
    return { storage: SqliteStorage.inDirectory(options.data, { commitWindowMs: 0 }), lock };
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function offline<T>(options: OfflineOptions, command: string, fn: (storage: SqliteStorage) => Promise<T>): Promise<void> {
  let opened: { storage: SqliteStorage; lock: DataLock };
  try {
    opened = openOffline(options, command);
  } catch (err) {
    console.error(`coproduce-server: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
    return;
  }
  const { storage, lock } = opened;
  try {
    const result = await fn(storage);
    console.log(JSON.stringify(result, null, 2));
  } catch (err) {
    console.error(`coproduce-server: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await storage.close();
    lock.release();
  }
}

async function roomsToSearch(storage: Storage, room: string | undefined): Promise<string[]> {
  if (room !== undefined) return [room];
  return (await storage.listRooms()).map((info) => info.room);
}

/** Adds the offline privacy commands: `erase`, `export-user` and `purge`. */
export function addPrivacyCommands(program: Command, defaultDataDir: string): void {
  const dataOption = (): Option => new Option('-d, --data <dir>', 'data directory of the SQLite storage').env('COPRODUCE_DATA').default(defaultDataDir);

  program
    .command('erase')
    .description("erase one participant's name and authorship from one room (or every room); run while the server is stopped")
    .requiredOption('--user <id>', 'the user id to erase', userIdArg)
    .option('--room <room>', 'only this room (default: every stored room)')
    .addOption(dataOption())
    .action(async (options: OfflineOptions & { user: string; room?: string }) => {
      await offline(options, 'erase', async (storage) => {
        const results = [];
        for (const room of await roomsToSearch(storage, options.room)) {
          const result = await eraseUserInStorage(storage, room, options.user);
          const changed = result.person || result.role || result.ideas + result.comments + result.cards + result.clusters + result.personas + result.reactions + result.ballots > 0;
          if (changed || options.room !== undefined) results.push({ room, ...result });
        }
        return { erased: results };
      });
    });

  program
    .command('export-user')
    .description("print one participant's data in one room (or every room) as JSON")
    .requiredOption('--user <id>', 'the user id to export', userIdArg)
    .option('--room <room>', 'only this room (default: every stored room)')
    .addOption(dataOption())
    .action(async (options: OfflineOptions & { user: string; room?: string }) => {
      await offline(options, 'export-user', async (storage) => {
        const rooms = [];
        for (const room of await roomsToSearch(storage, options.room)) {
          const data = await exportUserFromStorage(storage, room, options.user);
          const found = data.person !== null || data.role !== null || data.ideas.length + data.comments.length + data.cards.length + data.clusters.length + data.personas.length + data.reactions.length + data.ballots.length > 0;
          if (found || options.room !== undefined) rooms.push({ room, ...data });
        }
        return { format: 'coproduce-participant-export', userId: options.user, exportedAt: Date.now(), rooms };
      });
    });

  program
    .command('purge')
    .description('delete rooms with no change for N days, or one room; run while the server is stopped')
    .option('--older-than-days <days>', 'delete every room with no change for this many days', days)
    .option('--room <room>', 'delete this one room and everything stored for it')
    .option('--dry-run', 'only list what would be deleted')
    .addOption(dataOption())
    .action(async (options: OfflineOptions & { olderThanDays?: number; room?: string; dryRun?: boolean }) => {
      if ((options.olderThanDays === undefined) === (options.room === undefined)) {
        console.error('coproduce-server: give either --older-than-days <days> or --room <room>');
        process.exitCode = 1;
        return;
      }
      await offline(options, 'purge', async (storage) => {
        if (options.room !== undefined) {
          const exists = (await storage.listRooms()).some((info) => info.room === options.room);
          if (exists && !options.dryRun) {
            await storage.deleteRoom(options.room);
            await scrub(storage);
          }
          return { deleted: exists ? [options.room] : [], dryRun: options.dryRun === true };
        }
        const deleted = await purgeInactive(storage, { olderThanDays: options.olderThanDays!, dryRun: options.dryRun === true });
        return { deleted, dryRun: options.dryRun === true };
      });
    });
}
