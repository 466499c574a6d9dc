import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Option, type Command } from 'commander';
import type { Logger } from './log.js';
import { DataDirInUseError, describeHolder, lockDataDir, type DataLock } from './storage/lock.js';
import { SchemaTooNewError, SqliteStorage, SQLITE_FILE_NAME, SQLITE_SCHEMA_VERSION, type SqliteSynchronous } from './storage/sqlite.js';

/** Why a data folder cannot be used, in words an operator can act on. */
function explainOpenError(dir: string, err: unknown): string {
  if (err instanceof DataDirInUseError) {
    return `the data folder ${dir} is in use by ${describeHolder(err.holder)}: stop it first (only one server may use a data folder)`;
  }
  if (err instanceof SchemaTooNewError) return err.message;
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' ||
    (typeof code === 'string' && code.startsWith('SQLITE_READONLY'))) {
    const uid = typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
    return (
      `cannot write to the data folder ${dir} (${message}): make it writable by the user the server runs as${uid}, ` +
      'e.g. with chown, or choose another folder with --data or COPRODUCE_DATA'
    );
  }
  return `cannot open the data folder ${dir}: ${message}`;
}

export interface OpenedData {
  storage: SqliteStorage;
  lock: DataLock;
  /** Closes the storage, then releases the lock. */
  close(): Promise<void>;
}

/**
 * For `serve`: takes the data folder's lock (refusing when another server or command holds it),
 * then opens its database. Throws an `Error` whose message says what to do.
 */
export function openDataForServe(
  dir: string,
  options: { commitWindowMs: number; synchronous: SqliteSynchronous; logger: Logger },
): OpenedData {
  let lock: DataLock;
  try {
    lock = lockDataDir(dir, 'serve');
  } catch (err) {
    throw new Error(explainOpenError(dir, err));
  }
  let storage: SqliteStorage;
  try {
    storage = SqliteStorage.inDirectory(dir, options);
  } catch (err) {
    lock.release();
    throw new Error(explainOpenError(dir, err));
  }
  return {
    storage,
    lock,
    close: async () => {
      try {
        await storage.close();
      } finally {
        lock.release();
      }
    },
  };
}

interface CheckedDatabase {
  rooms: number;
  schema: number;
}

/** Checks that `file` is a Coproduce database this server understands; throws with a plain message. */
function checkDatabase(file: string, shown: string): CheckedDatabase {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 5_000 });
  } catch (err) {
    throw new Error(`cannot open ${shown}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    let schema: number;
    let tables: Set<string>;
    try {
      schema = db.pragma('user_version', { simple: true }) as number;
      tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name));
    } catch {
      throw new Error(`${shown} is not a Coproduce database (not an SQLite database)`);
    }
    if (schema > SQLITE_SCHEMA_VERSION) throw new SchemaTooNewError(shown, schema);
    if (schema < 1 || !tables.has('rooms') || !tables.has('updates')) {
      throw new Error(`${shown} is not a Coproduce database (no rooms and updates tables of a known schema)`);
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${shown} is damaged (SQLite quick_check: ${String(check)})`);
    const rooms = (db.prepare('SELECT count(*) AS n FROM rooms').get() as { n: number }).n;
    // A single self-contained file: no write-ahead log next to it.
    db.pragma('journal_mode = DELETE');
    return { rooms, schema };
  } finally {
    db.close();
  }
}

/**
 * Copies the database of `dataDir` into `to` while the server may be running (SQLite's online
 * backup: a consistent snapshot, the server keeps writing meanwhile). The copy is a single file
 * (no write-ahead log), checked before it is put in place.
 */
export async function backupData(dataDir: string, to: string, options: { force?: boolean } = {}): Promise<CheckedDatabase & { bytes: number }> {
  const source = join(dataDir, SQLITE_FILE_NAME);
  if (!existsSync(source)) throw new Error(`no Coproduce database in ${dataDir}`);
  if (existsSync(to) && !options.force) throw new Error(`${to} already exists: choose another file, or add --force to replace it`);
  const partial = join(dirname(resolve(to)), `.${basename(to)}.partial`);
  rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true, timeout: 5_000 });
  try {
    await db.backup(partial);
  } catch (err) {
    rmSync(partial, { force: true });
    throw new Error(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    db.close();
  }
  try {
    const checked = checkDatabase(partial, 'the backup');
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(partial + suffix, { force: true });
    renameSync(partial, to);
    return { ...checked, bytes: statSync(to).size };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/**
 * Replaces the database of `dataDir` by the backup `from`, holding the data folder's lock (so it
 * refuses while a server runs). The current database is moved aside with its write-ahead log
 * (`coproduce.sqlite.replaced-<time>`, plus `-wal`/`-shm`), so that SQLite cannot replay that
 * log onto the restored file. The secret file is left alone: links and tokens stay valid.
 */
export function restoreData(dataDir: string, from: string): CheckedDatabase & { replaced: string | null } {
  if (!existsSync(from)) throw new Error(`no such file: ${from}`);
  let lock: DataLock;
  try {
    lock = lockDataDir(dataDir, 'restore');
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      throw new Error(`${describeHolder(err.holder)} is using ${dataDir}: stop it first, then restore`);
    }
    throw new Error(explainOpenError(dataDir, err));
  }
  const target = join(dataDir, SQLITE_FILE_NAME);
  const incoming = `${target}.restoring`;
  try {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(incoming + suffix, { force: true });
    copyFileSync(from, incoming);
    // Checked as a copy: the backup file itself is never written to.
    const checked = checkDatabase(incoming, from);
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(incoming + suffix, { force: true });
    let replaced: string | null = null;
    if (existsSync(target) || existsSync(`${target}-wal`)) {
      replaced = `${target}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(target + suffix)) renameSync(target + suffix, replaced + suffix);
      }
    }
    renameSync(incoming, target);
    return { ...checked, replaced };
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(incoming + suffix, { force: true });
    throw err;
  } finally {
    lock.release();
  }
}

/** Adds `backup` and `restore`. */
export function addDataCommands(program: Command, defaultDataDir: string): void {
  const dataOption = (): Option => new Option('-d, --data <dir>', 'data directory of the SQLite storage').env('COPRODUCE_DATA').default(defaultDataDir);
  const fail = (err: unknown): void => {
    console.error(`coproduce-server: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  };

  program
    .command('backup')
    .description('copy the database to a file, safely, also while the server runs')
    .requiredOption('--to <file>', 'the backup file to write')
    .option('--force', 'replace the file if it exists')
    .addOption(dataOption())
    .addHelpText(
      'after',
      '\nUses SQLite\'s online backup: a consistent copy, taken while the server keeps running.\n' +
        'The backup is one self-contained file. Restore it with "coproduce-server restore --from FILE".\n' +
        'The secret file (<data>/secret) is not in the backup: keep a copy of it too.',
    )
    .action(async (options: { to: string; force?: boolean; data: string }) => {
      try {
        const result = await backupData(options.data, options.to, { force: options.force === true });
        console.log(`Backed up ${result.rooms} room${result.rooms === 1 ? '' : 's'} (${result.bytes} bytes) to ${options.to}.`);
      } catch (err) {
        fail(err);
      }
    });

  program
    .command('restore')
    .description('replace the database by a backup; run while the server is stopped')
    .requiredOption('--from <file>', 'the backup file (from "coproduce-server backup")')
    .addOption(dataOption())
    .addHelpText(
      'after',
      '\nRefuses while a server uses the data folder. Checks the file is a Coproduce database it\n' +
        'understands, moves the current database aside (with its write-ahead log, which must not be\n' +
        'replayed onto the backup) and puts the backup in its place. The secret file is kept.',
    )
    .action((options: { from: string; data: string }) => {
      try {
        const result = restoreData(options.data, options.from);
        console.log(
          `Restored ${result.rooms} room${result.rooms === 1 ? '' : 's'} from ${options.from} into ${options.data}.` +
            (result.replaced ? ` The previous database was moved to ${result.replaced}: delete it once you are sure.` : '') +
            ' Start the server again.',
        );
      } catch (err) {
        fail(err);
      }
    });
}
