import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The lock of a data folder: held by `serve` (SQLite storage) for as long as it runs, and by the
 * offline commands that change the database (`erase`, `export-user`, `purge`, `setup`, `restore`)
 * while they run. Only one process at a time may hold it.
 *
 * The lock itself is an operating-system lock: an open `BEGIN EXCLUSIVE` transaction on the empty
 * SQLite file `<data>/coproduce.lock.sqlite` (SQLite takes POSIX advisory locks on it). The kernel
 * releases it when the process ends however it ends (`kill -9`, a crash, a power cut), so a stale
 * lock cannot exist, and a second process cannot overwrite it: its own `BEGIN EXCLUSIVE` fails.
 * `backup` does not need it (it reads the database online).
 *
 * `<data>/coproduce.lock` holds the holder's process id and command, one line, for messages
 * only: it is written after the lock is taken and may be left behind by a process that died,
 * which is harmless (the next holder overwrites it).
 */
export const LOCK_FILE_NAME = 'coproduce.lock';
/** The file whose operating-system lock is the data folder's lock (see {@link lockDataDir}). */
export const LOCK_DATABASE_NAME = 'coproduce.lock.sqlite';

export interface DataLockHolder {
  /** Process id of the holder, if it wrote it down (`null` while it is starting). */
  pid: number | null;
  /** The command holding it (`serve`, `purge`…), if known. */
  command: string | null;
}

/** Thrown by {@link lockDataDir} when another process holds the lock. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: DataLockHolder,
  ) {
    super(`the data folder ${dir} is in use by ${describeHolder(holder)}`);
    this.name = 'DataDirInUseError';
  }
}

/** "coproduce-server serve (pid 123)", or what is known of it. */
export function describeHolder(holder: DataLockHolder): string {
  const what = `coproduce-server${holder.command ? ` ${holder.command}` : ''}`;
  return holder.pid !== null ? `${what} (pid ${holder.pid})` : `another ${what} process`;
}

export interface DataLock {
  readonly dir: string;
  /** Releases the lock (also released when the process ends). Idempotent. */
  release(): void;
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function readHolder(dir: string): DataLockHolder {
  try {
    const [pid, command] = readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim().split(/\s+/);
    const n = Number.parseInt(pid ?? '', 10);
    return { pid: Number.isSafeInteger(n) && n > 0 ? n : null, command: command ?? null };
  } catch {
    return { pid: null, command: null };
  }
}

/**
 * Takes the lock of `dir` (created if missing) for `command`, or throws {@link DataDirInUseError}
 * when another process (or another lock in this process) holds it. Other errors (a folder that is
 * not writable, say) are thrown as they are.
 */
export function lockDataDir(dir: string, command: string): DataLock {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, LOCK_DATABASE_NAME), { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if (isBusy(err)) throw new DataDirInUseError(dir, readHolder(dir));
    throw err;
  }
  try {
    writeFileSync(join(dir, LOCK_FILE_NAME), `${process.pid} ${command}\n`);
  } catch (err) {
    db.close();
    throw err;
  }
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      if (readHolder(dir).pid === process.pid) rmSync(join(dir, LOCK_FILE_NAME), { force: true });
    } catch {
      // already gone
    }
    try {
      db.close();
    } catch {
      // the kernel releases it with the process anyway
    }
  };
  process.on('exit', release);
  return { dir, release };
}

/**
 * Who holds the lock of `dir` now, or `null` when nobody does (also when the folder or its lock
 * file does not exist). Checks the operating-system lock, never the pid file alone.
 */
export function dataDirHolder(dir: string): DataLockHolder | null {
  let db: Database.Database;
  try {
    db = new Database(join(dir, LOCK_DATABASE_NAME), { timeout: 0, readonly: true, fileMustExist: true });
  } catch {
    return null;
  }
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return null;
  } catch (err) {
    return isBusy(err) ? readHolder(dir) : null;
  } finally {
    db.close();
  }
}
