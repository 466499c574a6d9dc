/**
 * Privacy: erasure and export of one participant's data (on a running server and with the offline
 * commands), retention of inactive rooms, and that erased names are gone from the database files.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { addComment, addIdea, castBallot, createBoard, createPoll, createWorkshop, joinWorkshop, readBoard, roots, WorkshopSession } from '@coproduce/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ERASED_OWNER, lockDataDir, SQLITE_FILE_NAME, SqliteStorage } from '../src/index.js';
import { eraseUser, eraseUserInStorage, exportUser, LOCK_FILE_NAME, purgeInactive } from '../src/privacy.js';
import { Cleanup, startServer, stockClient, tempDir, waitFor, whenSynced } from './helpers.js';

const BIN = fileURLToPath(new URL('../bin/coproduce-server.js', import.meta.url));
const NAME = 'Angharad Pritchard-Evans';
const DAY = 24 * 60 * 60 * 1000;

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Fills `doc` with a small workshop where "ana" took part, the way the elements would write it. */
function fillWorkshop(doc: Y.Doc): { ideaId: string } {
  createWorkshop(doc, { title: 'Town centre' });
  const fac = new WorkshopSession(doc, { user: { id: 'fac', name: 'Fran', role: 'facilitator' } });
  const ana = new WorkshopSession(doc, { user: { id: 'ana', name: NAME, role: 'participant' } });
  const ben = new WorkshopSession(doc, { user: { id: 'ben', name: 'Ben', role: 'participant' } });
  createBoard(fac, { id: 'main', title: 'Ideas' });
  joinWorkshop(ana);
  joinWorkshop(ben);
  const ideaId = addIdea(ana, { boardId: 'main', text: 'A crossing by the school' });
  addComment(ben, { ideaId, text: 'Yes please' });
  createPoll(fac, { id: 'first', title: 'What first?', method: 'single', options: [{ id: 'a', label: 'Crossing' }, { id: 'b', label: 'Trees' }], open: true });
  castBallot(ana, 'first', ['a']);
  return { ideaId };
}

/** Every byte of the data directory's files (database, WAL, shared memory), as Latin-1 text. */
function filesText(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.startsWith(SQLITE_FILE_NAME))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n');
}

function runBin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('on a running server', () => {
  it('erases a participant live: everyone sees it, the document stays whole, and the name leaves the database files', async () => {
    const dir = tempDir(cleanup);
    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 5 });
    cleanup.add(() => storage.close());
    const { url, server } = await startServer(cleanup, { storage, compactAfterUpdates: 10_000 });
    const writer = stockClient(cleanup, url, 'workshop');
    const watcher = stockClient(cleanup, url, 'workshop');
    await Promise.all([whenSynced(writer), whenSynced(watcher)]);
    const { ideaId } = fillWorkshop(writer.doc);
    await waitFor(() => roots(watcher.doc).people.has('ana') && roots(watcher.doc).ballots.size === 1);
    await server.flush();
    expect(filesText(dir)).toContain(NAME);

    const exported = await exportUser(server, 'workshop', 'ana');
    expect(exported.person).toMatchObject({ name: NAME });
    expect(exported.ideas.map((i) => i.text)).toEqual(['A crossing by the school']);

    await storage.addClientOwner('workshop', writer.doc.clientID, 'ana'); // as the workshop policy records it
    const result = await eraseUser(server, 'workshop', 'ana');
    expect(result).toMatchObject({ person: true, ideas: 1, ballots: 1 });
    // Her editing sessions stay owned, by nobody who can write; her id is gone from them.
    expect([...(await storage.loadClientOwners('workshop'))]).toEqual([[writer.doc.clientID, ERASED_OWNER]]);
    for (const client of [writer, watcher]) {
      await waitFor(() => !roots(client.doc).people.has('ana'), { what: 'erasure synced' });
      const idea = readBoard(client.doc, 'main').ideas.find((i) => i.id === ideaId)!;
      expect(idea.text).toBe('A crossing by the school');
      expect(idea.authorId).toBe(result.tombstoneId);
      expect(readBoard(client.doc, 'main').ideas.find((i) => i.id === ideaId)!.commentCount).toBe(1);
    }
    // Not in the stored log, snapshot, free pages or write-ahead log any more.
    expect(filesText(dir)).not.toContain(NAME);
    const reloaded = await storage.load('workshop');
    expect(reloaded.updates).toHaveLength(0);
    expect((await exportUser(server, 'workshop', 'ana')).person).toBeNull();
  });

  it('loads a room nobody is in to erase from it, and unloads it again', async () => {
    const dir = tempDir(cleanup);
    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 5 });
    cleanup.add(() => storage.close());
    const { url, server } = await startServer(cleanup, { storage, unloadGraceMs: 50 });
    const client = stockClient(cleanup, url, 'quiet');
    await whenSynced(client);
    fillWorkshop(client.doc);
    await waitFor(async () => (await storage.load('quiet')).updates.length > 0);
    client.provider.destroy();
    await waitFor(() => server.stats().rooms === 0, { what: 'room unloaded' });
    const result = await eraseUser(server, 'quiet', 'ana');
    expect(result.person).toBe(true);
    await waitFor(() => server.stats().rooms === 0, { what: 'room unloaded after the erasure' });
    expect(filesText(dir)).not.toContain(NAME);
    const doc = new Y.Doc();
    const stored = await storage.load('quiet');
    Y.applyUpdate(doc, stored.snapshot!);
    expect(roots(doc).people.has('ben')).toBe(true);
    expect(roots(doc).people.has('ana')).toBe(false);
  });
});

describe('retention', () => {
  async function agedStorage(dir: string): Promise<SqliteStorage> {
    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 0 });
    for (const room of ['old-1', 'old-2', 'recent', 'old-but-busy']) {
      const doc = new Y.Doc();
      doc.getMap('m').set('k', room);
      await storage.append(room, Y.encodeStateAsUpdate(doc));
    }
    await storage.flush();
    const db = new Database(join(dir, SQLITE_FILE_NAME));
    db.prepare("UPDATE rooms SET last_activity = ? WHERE name LIKE 'old%'").run(Date.now() - 40 * DAY);
    db.prepare("UPDATE rooms SET last_activity = ? WHERE name = 'recent'").run(Date.now() - 2 * DAY);
    db.close();
    return storage;
  }

  it('the server deletes rooms with no change for --retention-days, but never one that is loaded', async () => {
    const dir = tempDir(cleanup);
    const storage = await agedStorage(dir);
    cleanup.add(() => storage.close());
    // someone is in "old-but-busy" when the sweep runs
    const { url } = await startServer(cleanup, { storage, retentionDays: 30, retentionSweepMs: 1_000 });
    const present = stockClient(cleanup, url, 'old-but-busy');
    await whenSynced(present);
    await waitFor(async () => (await storage.listRooms()).length === 2, { what: 'sweep' });
    expect((await storage.listRooms()).map((r) => r.room).sort()).toEqual(['old-but-busy', 'recent']);
  });

  it('is set with --retention-days or COPRODUCE_RETENTION_DAYS', () => {
    const help = runBin(['serve', '--help']).stdout;
    expect(help).toContain('--retention-days <days>');
    expect(help).toContain('COPRODUCE_RETENTION_DAYS');
  });

  it('purgeInactive lists (dry run) and deletes', async () => {
    const dir = tempDir(cleanup);
    const storage = await agedStorage(dir);
    cleanup.add(() => storage.close());
    expect((await purgeInactive(storage, { olderThanDays: 30, dryRun: true })).sort()).toEqual(['old-1', 'old-2', 'old-but-busy']);
    expect(await storage.listRooms()).toHaveLength(4);
    expect((await purgeInactive(storage, { olderThanDays: 1 })).sort()).toEqual(['old-1', 'old-2', 'old-but-busy', 'recent']);
    expect(await storage.listRooms()).toHaveLength(0);
  });
});

describe('the offline commands', () => {
  async function storedWorkshop(dir: string): Promise<void> {
    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 0 });
    const doc = new Y.Doc();
    fillWorkshop(doc);
    await storage.append('council/ward-3', Y.encodeStateAsUpdate(doc));
    const other = new Y.Doc();
    other.getMap('people').set('ben', { name: 'Ben', colour: 'blue', joinedAt: 1, updatedAt: 1 });
    await storage.append('elsewhere', Y.encodeStateAsUpdate(other));
    await storage.close();
  }

  it('export-user prints JSON, erase removes the name from the files, purge deletes rooms', async () => {
    const dir = tempDir(cleanup);
    await storedWorkshop(dir);

    const exported = runBin(['export-user', '--data', dir, '--user', 'ana']);
    expect(exported.status).toBe(0);
    const data = JSON.parse(exported.stdout);
    expect(data.rooms).toHaveLength(1); // only the room she took part in
    expect(data.rooms[0]).toMatchObject({ room: 'council/ward-3', person: { name: NAME }, ballots: [{ voteId: 'first', question: 'What first?' }] });

    const erased = runBin(['erase', '--data', dir, '--user', 'ana']);
    expect(erased.status).toBe(0);
    expect(JSON.parse(erased.stdout).erased).toEqual([expect.objectContaining({ room: 'council/ward-3', person: true, ideas: 1, ballots: 1 })]);
    expect(filesText(dir)).not.toContain(NAME);
    expect(filesText(dir)).toContain('A crossing by the school');
    expect(JSON.parse(runBin(['export-user', '--data', dir, '--user', 'ana']).stdout).rooms).toEqual([]);

    const dry = runBin(['purge', '--data', dir, '--room', 'elsewhere', '--dry-run']);
    expect(JSON.parse(dry.stdout)).toEqual({ deleted: ['elsewhere'], dryRun: true });
    expect(JSON.parse(runBin(['purge', '--data', dir, '--room', 'elsewhere']).stdout)).toEqual({ deleted: ['elsewhere'], dryRun: false });
    expect(filesText(dir)).not.toContain('"Ben"');
    expect(JSON.parse(runBin(['purge', '--data', dir, '--older-than-days', '0']).stdout).deleted).toEqual(['council/ward-3']);
  });

  it('refuses to change data that a running server uses, and says why', async () => {
    const dir = tempDir(cleanup);
    await storedWorkshop(dir);
    // This test process holds the data folder's lock, as a running `serve` does.
    const lock = lockDataDir(dir, 'serve');
    cleanup.add(() => lock.release());
    const refused = runBin(['erase', '--data', dir, '--user', 'ana']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`coproduce-server serve (pid ${process.pid}) is using`);
    expect(refused.stderr).toMatch(/is using .*: stop it first/);
    lock.release();
    // A pid file left by a process that has died (kill -9) does not block: only the lock counts.
    writeFileSync(join(dir, LOCK_FILE_NAME), '999999999 serve\n');
    expect(runBin(['erase', '--data', dir, '--user', 'ana']).status).toBe(0);
    expect(runBin(['erase', '--data', dir, '--user', 'not valid!']).status).not.toBe(0);
  });

  it('erases in storage without touching rooms the person never joined', async () => {
    const dir = tempDir(cleanup);
    await storedWorkshop(dir);
    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 0 });
    cleanup.add(() => storage.close());
    const before = await storage.load('elsewhere');
    const result = await eraseUserInStorage(storage, 'elsewhere', 'ana');
    expect(result).toMatchObject({ person: false, ideas: 0 });
    expect(await storage.load('elsewhere')).toEqual(before);
  });
});
