/**
 * `coproduce-server setup`: setting a room up (workshop, boards, votes, journey maps) before anyone
 * opens it, from a built-in template or a workshop export, run while the server is stopped. Spawns
 * the bin (`tsc -b` first), then reads the room back through storage and a real server.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  WorkshopSession, addIdea, createBoard, createPoll, createWorkshop, exportWorkshopJson, getTemplate, joinWorkshop, listTemplates, readBoard, readControl,
  readPoll, readWorkshop, roots,
} from '@coproduce/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { lockDataDir, SqliteStorage } from '../src/index.js';
import { setupRoomInStorage } from '../src/setup-cli.js';
import { Cleanup, docFromStored, startServer, stockClient, tempDir, waitFor, whenSynced } from './helpers.js';

const BIN = fileURLToPath(new URL('../bin/coproduce-server.js', import.meta.url));

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

function runBin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, COPRODUCE_DATA: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The stored room as a document (opened and closed again, so the bin can open the folder next). */
async function storedRoom(dir: string, room: string): Promise<{ doc: Y.Doc; updates: number }> {
  const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 0 });
  try {
    const stored = await storage.load(room);
    return { doc: docFromStored(stored), updates: stored.updates.length + (stored.snapshot ? 1 : 0) };
  } finally {
    await storage.close();
  }
}

/** A prepared consultation exported by a facilitator (an open dot vote over a board). */
function consultationExport(): string {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Market Square', now: 1_000 });
  const fac = new WorkshopSession(doc, { user: { id: 'fac', name: 'Fran', role: 'facilitator' }, undo: false });
  createBoard(fac, { id: 'ideas', title: 'Ideas for Market Square' });
  createPoll(fac, { id: 'priorities', title: 'What matters most?', method: 'dots', options: { board: 'ideas' }, allowance: 3, open: true });
  return exportWorkshopJson(doc, { now: 2_000 });
}

/**
 * A room as a facilitator's first visit to the example page leaves it: the page's board and vote
 * (the "Ideas and dot votes" template's ids, the page's own titles and rules), nothing added yet.
 */
async function pageMadeRoom(dir: string, room: string, options: { idea?: boolean } = {}): Promise<void> {
  const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 0 });
  try {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Shaping our high street together', now: 1_000 });
    const fac = new WorkshopSession(doc, { user: { id: 'fac', name: 'Fran', role: 'facilitator' }, undo: false });
    createBoard(fac, { id: 'ideas', title: 'Ideas for the high street' });
    createPoll(fac, { id: 'ideas-vote', title: 'Which ideas matter most to you?', method: 'dots', options: { board: 'ideas' }, allowance: 3, perOptionCap: 2 });
    if (options.idea) addIdea(fac, { boardId: 'ideas', text: 'Benches by the bus stop' });
    await storage.append(room, Y.encodeStateAsUpdate(doc));
    await storage.flush();
  } finally {
    await storage.close();
  }
}

describe('coproduce-server setup', () => {
  it('lists the built-in templates with the ids a page places its elements by', () => {
    const r = runBin(['setup', '--list']);
    expect(r.status).toBe(0);
    for (const template of listTemplates()) {
      expect(r.stdout).toContain(template.id);
      expect(r.stdout).toContain(template.title);
      for (const board of template.boards) expect(r.stdout).toContain(board.id);
    }
    const json = runBin(['setup', '--list', '--json', '--language', 'cy']);
    expect(json.status).toBe(0);
    const list = JSON.parse(json.stdout) as { id: string; title: string; boards: string[] }[];
    expect(list.map((t) => t.id)).toEqual(listTemplates('cy').map((t) => t.id));
    expect(list[0]?.title).toBe(listTemplates('cy')[0]?.title);
  });

  it('sets a room up from a template, and a server then serves its board to whoever opens it', async () => {
    const dir = tempDir(cleanup);
    const r = runBin(['setup', '--room', 'market-square', '--template', 'ideas-and-dot-votes', '--title', 'The future of Market Square', '--data', dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Room "market-square" set up');

    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 0 });
    cleanup.add(() => storage.close());
    const { url } = await startServer(cleanup, { storage });
    const resident = stockClient(cleanup, url, 'market-square');
    await whenSynced(resident);
    const workshop = readWorkshop(resident.doc);
    expect(workshop.meta.title).toBe('The future of Market Square');
    expect(workshop.boards.map((b) => b.id)).toEqual(['ideas']);
    expect(workshop.polls.map((p) => p.id)).toEqual(['ideas-vote']);
    // A participant can add an idea to the board straight away: no facilitator had to open it.
    const session = new WorkshopSession(resident.doc, { user: { id: 'rhys', name: 'Rhys', role: 'participant' } });
    joinWorkshop(session);
    addIdea(session, { boardId: 'ideas', text: 'More benches' });
    await waitFor(async () => {
      const { doc } = await storedRoomFrom(storage, 'market-square');
      return readBoard(doc, 'ideas').ideas.length === 1;
    });
  });

  it('sets a room up in Welsh', async () => {
    const dir = tempDir(cleanup);
    const r = runBin(['setup', '--room', 'sgwar', '--template', 'service-journey', '--language', 'cy', '--json', '--data', dir]);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { status: string; language: string; journeys: string[] };
    expect(result).toMatchObject({ status: 'created', language: 'cy', journeys: ['journey'] });
    const { doc } = await storedRoom(dir, 'sgwar');
    expect(readWorkshop(doc).meta.language).toBe('cy');
    expect(readWorkshop(doc).meta.title).toBe(listTemplates('cy').find((t) => t.id === 'service-journey')?.title);
  });

  it('leaves a room that is already set up alone (running it again, or after people took part), unless --replace', async () => {
    const dir = tempDir(cleanup);
    expect(runBin(['setup', '--room', 'hall', '--template', 'ideas-and-dot-votes', '--data', dir]).status).toBe(0);
    // People take part on the running server…
    {
      const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 0 });
      const { doc } = await storedRoomFrom(storage, 'hall');
      const before = Y.encodeStateVector(doc);
      const session = new WorkshopSession(doc, { user: { id: 'ana', name: 'Ana', role: 'participant' } });
      joinWorkshop(session);
      addIdea(session, { boardId: 'ideas', text: 'A quiet room' });
      await storage.append('hall', Y.encodeStateAsUpdate(doc, before));
      await storage.close();
    }
    const first = await storedRoom(dir, 'hall');
    // …then the set-up runs again (every deployment does): nothing is written.
    const again = runBin(['setup', '--room', 'hall', '--template', 'participatory-budget', '--json', '--data', dir]);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'unchanged', boards: ['ideas'] });
    const second = await storedRoom(dir, 'hall');
    expect(second.updates).toBe(first.updates);
    expect(readBoard(second.doc, 'ideas').ideas.map((i) => i.text)).toEqual(['A quiet room']);

    const replaced = runBin(['setup', '--room', 'hall', '--template', 'participatory-budget', '--replace', '--json', '--data', dir]);
    expect(replaced.status).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ status: 'replaced', boards: ['proposals'], votes: ['budget'] });
    const third = await storedRoom(dir, 'hall');
    expect(roots(third.doc).boards.has('ideas')).toBe(false);
    expect(roots(third.doc).ideas.size).toBe(0);
    expect(roots(third.doc).people.size).toBe(0);
  });

  it('sets a room up from a workshop export: afresh (votes closed) or everything as it was', async () => {
    const dir = tempDir(cleanup);
    const file = join(dir, 'workshop.json');
    writeFileSync(file, consultationExport());
    expect(runBin(['setup', '--room', 'a', '--from', file, '--data', dir]).status).toBe(0);
    expect(runBin(['setup', '--room', 'b', '--from', file, '--content', 'everything', '--title', 'Market Square 2', '--data', dir]).status).toBe(0);
    const a = readWorkshop((await storedRoom(dir, 'a')).doc);
    const b = readWorkshop((await storedRoom(dir, 'b')).doc);
    expect(a.meta.title).toBe('Market Square');
    expect(a.polls).toMatchObject([{ id: 'priorities', open: false }]);
    expect(b.meta.title).toBe('Market Square 2');
    expect(b.polls).toMatchObject([{ id: 'priorities', open: true }]);
    expect(b.boards.map((x) => x.id)).toEqual(['ideas']);
  });

  it('says what it repaired in a workshop export, as well as what it left out', async () => {
    const dir = tempDir(cleanup);
    const file = join(dir, 'workshop.json');
    const exported = JSON.parse(consultationExport()) as { workshop: { polls: Record<string, unknown>[] } };
    exported.workshop.polls.push(
      // Repaired: up to 9 choices of 3 options becomes up to 3.
      { id: 'multi', title: 'Pick some', description: '', method: 'multiple', maxChoices: 9, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }], open: false, anonymous: false, createdAt: 1, updatedAt: 1, order: 'a4', resetAt: 0 },
      // Left out: a vote with one option.
      { id: 'one', title: 'Only one?', description: '', method: 'single', options: [{ id: 'a', label: 'A' }], open: false, anonymous: true, createdAt: 1, updatedAt: 1, order: 'a5', resetAt: 0 },
    );
    writeFileSync(file, JSON.stringify(exported));
    const r = runBin(['setup', '--room', 'fixed', '--from', file, '--data', dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('repaired polls multi: People could choose up to 9, but there are only 3 options: now up to 3.');
    expect(r.stdout).toMatch(/left out polls one: /);
    const json = runBin(['setup', '--room', 'fixed-json', '--from', file, '--json', '--data', dir]);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'created', repaired: [{ root: 'polls', id: 'multi' }], skipped: [{ root: 'polls', id: 'one' }] });
    const { doc } = await storedRoom(dir, 'fixed');
    expect(readWorkshop(doc).polls.map((p) => p.id).sort()).toEqual(['multi', 'priorities']);
    expect(readPoll(doc, 'multi').poll).toMatchObject({ method: 'multiple', maxChoices: 3 });
  });

  it('says clearly what is wrong, and writes nothing', async () => {
    const dir = tempDir(cleanup);
    const notExport = join(dir, 'notes.json');
    writeFileSync(notExport, '{"hello": "world"}');
    const cases: [string[], RegExp][] = [
      [['setup', '--room', 'x', '--template', 'brainstorm'], /no template called "brainstorm".*ideas-and-dot-votes/],
      [['setup', '--room', 'x'], /either --template <id>.*or --from <file>/],
      [['setup', '--room', 'x', '--template', 'service-journey', '--from', notExport], /either --template/],
      [['setup', '--template', 'service-journey'], /give the room to set up: --room/],
      [['setup', '--room', 'x', '--from', join(dir, 'missing.json')], /no such file/],
      [['setup', '--room', 'x', '--from', notExport], /export/i],
    ];
    for (const [args, message] of cases) {
      const r = runBin([...args, '--data', dir]);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 0 });
    expect(await storage.listRooms()).toEqual([]);
    await storage.close();
  });

  it('refuses a data directory a running server uses', async () => {
    const dir = tempDir(cleanup);
    // A live process holds the lock (this test process, which is not the bin's), as `serve` does.
    const lock = lockDataDir(dir, 'serve');
    cleanup.add(() => lock.release());
    const r = runBin(['setup', '--room', 'x', '--template', 'ideas-and-dot-votes', '--data', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`a coproduce-server (pid ${process.pid}) is using`);
    expect(r.stderr).toContain('stop it first');
  });

  it('is a function scripts can call on any storage, checking the template before touching the room', async () => {
    const dir = tempDir(cleanup);
    const storage = SqliteStorage.inDirectory(dir, { commitWindowMs: 0 });
    cleanup.add(() => storage.close());
    await expect(setupRoomInStorage(storage, { room: 'x', template: 'nope' })).rejects.toMatchObject({ code: 'not-found', field: 'template' });
    await expect(setupRoomInStorage(storage, { room: '', template: 'service-journey' })).rejects.toMatchObject({ field: 'room' });
    expect(await storage.listRooms()).toEqual([]);
    const result = await setupRoomInStorage(storage, { room: 'x', from: JSON.parse(consultationExport()) as unknown, content: 'everything' });
    expect(result).toMatchObject({ status: 'created', boards: ['ideas'], votes: ['priorities'], skipped: [] });
    // The file set up no phases and nobody has added anything: as in the panel, a template still
    // goes in, beside what is there; once it has (its phases), the room is set up.
    expect(await setupRoomInStorage(storage, { room: 'x', template: 'service-journey' })).toMatchObject({
      status: 'created', boards: ['ideas', 'fixes'], votes: ['priorities', 'fixes-vote'], journeys: ['journey'],
    });
    expect(await setupRoomInStorage(storage, { room: 'x', template: 'service-journey' })).toMatchObject({ status: 'unchanged', reason: 'started' });
    expect(await setupRoomInStorage(storage, { room: 'x', from: consultationExport() })).toMatchObject({ status: 'unchanged', reason: 'started' });
  });

  it("starts a room a facilitator's page made its board and vote in from a template, as the panel does, keeping the page's own", async () => {
    const dir = tempDir(cleanup);
    await pageMadeRoom(dir, 'high-street');
    const template = getTemplate('ideas-and-dot-votes')!;
    const r = runBin(['setup', '--room', 'high-street', '--template', 'ideas-and-dot-votes', '--data', dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Room "high-street" set up: "Shaping our high street together" with boards ideas; votes ideas-vote.');
    const { doc, updates } = await storedRoom(dir, 'high-street');
    // The template's phases and settings, on the page's own board and vote (titles and rules kept).
    expect(readControl(doc).phases.map((p) => p.id)).toEqual(template.phases.map((p) => p.id));
    expect(readControl(doc).settings).toMatchObject(template.settings);
    expect(readWorkshop(doc).boards).toMatchObject([{ id: 'ideas', title: 'Ideas for the high street' }]);
    expect(readPoll(doc, 'ideas-vote').poll).toMatchObject({ title: 'Which ideas matter most to you?', method: 'dots', allowance: 3, perOptionCap: 2 });

    // Set up now (it has phases): running it again, with any template, writes nothing.
    const again = runBin(['setup', '--room', 'high-street', '--template', 'participatory-budget', '--json', '--data', dir]);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'unchanged', reason: 'started', boards: ['ideas'] });
    expect((await storedRoom(dir, 'high-street')).updates).toBe(updates);
  });

  it("leaves a page-made room alone for a file (the panel imports only into an empty workshop), unless --replace", async () => {
    const dir = tempDir(cleanup);
    const file = join(dir, 'workshop.json');
    writeFileSync(file, consultationExport());
    await pageMadeRoom(dir, 'high-street');
    const first = await storedRoom(dir, 'high-street');

    const refused = runBin(['setup', '--room', 'high-street', '--from', file, '--data', dir]);
    expect(refused.stderr).toBe('');
    expect(refused.status).toBe(0);
    expect(refused.stdout).toContain('Room "high-street" already has boards ideas; votes ideas-vote');
    expect(refused.stdout).toContain('a workshop file only goes into an empty room');
    expect(refused.stdout).toContain('--template adds to them');
    const json = runBin(['setup', '--room', 'high-street', '--from', file, '--json', '--data', dir]);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'unchanged', reason: 'not-empty', boards: ['ideas'], votes: ['ideas-vote'] });
    expect((await storedRoom(dir, 'high-street')).updates).toBe(first.updates);

    const replaced = runBin(['setup', '--room', 'high-street', '--from', file, '--replace', '--json', '--data', dir]);
    expect(replaced.status).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ status: 'replaced', title: 'Market Square', boards: ['ideas'], votes: ['priorities'] });
    const { doc } = await storedRoom(dir, 'high-street');
    expect(roots(doc).polls.has('ideas-vote')).toBe(false);
    expect(readWorkshop(doc).boards).toMatchObject([{ id: 'ideas', title: 'Ideas for Market Square' }]);
  });

  it('leaves a page-made room alone for a template once someone has added something, as the panel does', async () => {
    const dir = tempDir(cleanup);
    await pageMadeRoom(dir, 'high-street', { idea: true });
    const first = await storedRoom(dir, 'high-street');
    const r = runBin(['setup', '--room', 'high-street', '--template', 'ideas-and-dot-votes', '--data', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Room "high-street" is already set up');
    const second = await storedRoom(dir, 'high-street');
    expect(second.updates).toBe(first.updates);
    expect(readControl(second.doc).phases).toEqual([]);
    expect(readBoard(second.doc, 'ideas').ideas.map((i) => i.text)).toEqual(['Benches by the bus stop']);
  });
});

async function storedRoomFrom(storage: SqliteStorage, room: string): Promise<{ doc: Y.Doc }> {
  return { doc: docFromStored(await storage.load(room)) };
}
