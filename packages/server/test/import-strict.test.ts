// Importing a workshop file never writes what the server refuses: `importWorkshop` checks every
// value it writes with the rules the server stores by (core's `stored.ts`, which the server's
// `policy/strict.ts` uses), repairs what is obviously and harmlessly repairable and leaves out the
// rest, saying why. Each test imports a file on a facilitator's real `connect()` page into a room on
// a real server with the workshop policy, and checks that nothing was refused and that the room holds
// exactly what the import wrote.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { connect } from '@coproduce/core/connection';
import { Cleanup, waitFor } from './helpers.js';
import { startPolicyServer, tokenFor, type Person, type PolicyServer } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const FRAN: Person = { id: 'fran', name: 'Fran', role: 'facilitator' };
const NOW = 1_750_000_000_000;

let roomCount = 0;

/** A facilitator's page on a fresh room: its document, session and the server's refusal reasons. */
async function facilitatorPage(server: PolicyServer) {
  const room = `import-${++roomCount}`;
  const doc = new Y.Doc();
  const refusals: string[] = [];
  const conn = connect({
    serverUrl: server.url, room, doc, token: await tokenFor(room, FRAN), WebSocketPolyfill: WebSocket as never,
    crossTab: false, offline: false, maxBackoffTime: 300,
  });
  const session = new core.WorkshopSession(doc, { user: FRAN, undo: false });
  cleanup.add(() => {
    session.destroy();
    conn.destroy();
    doc.destroy();
  });
  conn.on('refused', (d) => refusals.push(d.reason));
  await Promise.race([conn.whenSynced(), new Promise((_, reject) => setTimeout(() => reject(new Error('no first sync')), 10_000))]);
  /** Waits (bounded) until the server has confirmed every change of the page. */
  const settled = () => waitFor(() => conn.status === 'synced' && !conn.hasUnsyncedChanges, { timeout: 15_000, what: 'the import confirmed by the server' });
  return { room, doc, session, refusals, settled };
}

/** What `importWorkshop` writes when nothing else is in the way: the same import into a document of its own. */
function importedAlone(data: string, options: core.ImportOptions = {}): { doc: Y.Doc; result: core.ImportResult } {
  const doc = new Y.Doc();
  const session = new core.WorkshopSession(doc, { user: FRAN, undo: false });
  cleanup.add(() => {
    session.destroy();
    doc.destroy();
  });
  return { doc, result: core.importWorkshop(doc, data, { ...options, session, now: NOW }) };
}

/** A comparable view of a workshop: its export without the export time. */
function contents(doc: Y.Doc): unknown {
  const { exportedAt: _at, ...rest } = core.exportWorkshop(doc, { anonymise: false, now: NOW });
  return rest;
}

/** Imports `data` on a facilitator's page, waits for the server, and checks nothing was refused. */
async function importOnServer(server: PolicyServer, data: string, options: core.ImportOptions = {}) {
  const page = await facilitatorPage(server);
  const result = core.importWorkshop(page.doc, data, { ...options, session: page.session, now: NOW });
  await page.settled();
  expect(page.refusals).toEqual([]);
  const stored = await server.stored(page.room);
  // The room holds exactly what the import wrote, and what the import writes on its own.
  expect(contents(stored)).toEqual(contents(page.doc));
  expect(contents(stored)).toEqual(contents(importedAlone(data, options).doc));
  return { result, stored, page };
}

const long = 'x'.repeat(100_000);

/** A hand-edited, old or hostile file: each entry is marked with what should happen to it. */
function oddFile(): string {
  const workshop = {
    meta: { title: 'Park plans', description: 'What next for the park', language: 'cy', createdAt: 1_700_000_000_000 },
    settings: { privateWriting: 'yes', moderation: true, anonymous: false },
    control: {
      phases: [{ id: 'ph1', title: 'Ideas' }, { id: 'ph1', title: 'Twice' }, { id: 'ph2', title: long }],
      currentPhase: 'ph1',
      timer: { status: 'running', durationMs: 60_000, endsAt: null, remainingMs: 60_000, updatedAt: 5 },
      focus: { elementId: 'main', phaseId: 'nowhere', at: 'soon' },
    },
    locks: [{ elementId: 'main', reason: 'Paused', at: 'yesterday' }, { elementId: '__proto__', reason: 'x', at: 1 }],
    reveals: [{ elementId: 'main', at: 3 }],
    roles: [{ userId: 'ana', role: 'participant' }, { userId: 'fran', role: 'observer' }, { userId: 'bob', role: 'admin' }],
    people: [
      { id: 'ana', name: 'Ana', colour: 7, joinedAt: 1, updatedAt: 2 },
      { id: 'bob', name: long, colour: 'blue', joinedAt: 1, updatedAt: 2 },
    ],
    boards: [
      { id: 'main', title: 'Ideas', createdAt: 1, order: 'a0', extra: true },
      { id: 'huge', title: long, createdAt: 1, order: 'a1' },
      { id: '__proto__', title: 'Sneaky', createdAt: 1, order: 'a2' },
    ],
    ideas: [
      { id: 'i1', boardId: 'main', text: 'A pond', authorId: 'ana', colour: 'pink', tag: '', clusterId: 'g1', status: 'published', createdAt: 1, updatedAt: 1 },
      { id: 'i2', boardId: 'main', text: long, authorId: 'ana' },
      { id: 'i3', boardId: 'main', text: 42, authorId: 'ana' },
      { id: 'i4', boardId: 'main', text: 'Benches', authorId: 'ana', colour: 'mauve', status: 'gone', createdAt: -5 },
    ],
    clusters: [
      { id: 'g1', boardId: 'main', title: 'Water', collapsed: 'no', order: 'a0', createdAt: 1 },
      { id: 'g2', boardId: 'main', title: 'Seats', collapsed: false, order: 'a1', createdBy: '', createdAt: 1 },
      { id: 'g3', boardId: 'main', title: 'Trees', collapsed: false, order: 'a2', createdBy: 'ana', createdAt: 1 },
    ],
    comments: [{ id: 'c1', ideaId: 'i1', text: 'With ducks', authorId: 'ana', createdAt: 1, updatedAt: 1 }],
    reactions: [
      { ideaId: 'i1', userId: 'ana', emoji: '👍', at: 1 },
      { ideaId: 'i1', userId: 'ana', emoji: '💣', at: 1 },
    ],
    polls: [
      // Refused by the server as they are: left out.
      { id: 'one', title: 'Only one?', description: '', method: 'single', options: [{ id: 'a', label: 'A' }], open: true, anonymous: true, createdAt: 1, updatedAt: 1, order: 'a0', resetAt: 0 },
      { id: 'free', title: 'Free money', description: '', method: 'budget', budget: 100, options: [{ id: 'a', label: 'A', cost: 0 }, { id: 'b', label: 'B', cost: 5 }], open: true, anonymous: true, createdAt: 1, updatedAt: 1, order: 'a1', resetAt: 0 },
      { id: 'lbl', title: 'Long label', description: '', method: 'single', options: [{ id: 'a', label: long }, { id: 'b', label: 'B' }], open: true, anonymous: true, createdAt: 1, updatedAt: 1, order: 'a2', resetAt: 0 },
      // Repaired: a cost on a non-budget vote is dropped; too many choices is cut to the options.
      { id: 'dots', title: 'Spend dots', description: '', method: 'dots', allowance: 3, perOptionCap: 2, options: [{ id: 'a', label: 'A', cost: 5 }, { id: 'b', label: 'B' }], open: true, anonymous: false, createdAt: 1, updatedAt: 1, order: 'a3', resetAt: 0 },
      { id: 'multi', title: 'Pick some', description: '', method: 'multiple', maxChoices: 9, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }], open: true, anonymous: false, createdAt: 1, updatedAt: 1, order: 'a4', resetAt: 0, openedAt: 1e300 },
      // Fine.
      { id: 'rank', title: 'Rank them', description: '', method: 'ranking', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }], open: true, anonymous: false, createdAt: 1, updatedAt: 1, order: 'a5', resetAt: 0, openedAt: 2 },
      { id: 'money', title: 'Spend', description: '', method: 'budget', budget: 100, options: [{ id: 'a', label: 'A', cost: 10 }, { id: 'b', label: 'B', cost: 20 }], open: true, anonymous: false, createdAt: 1, updatedAt: 1, order: 'a6', resetAt: 0 },
    ],
    ballots: [
      { voteId: 'dots', voterId: 'ana', deviceId: 'd1', choices: { a: 2, b: 0 }, updatedAt: 3 },
      { voteId: 'dots', voterId: 'bob', deviceId: 'd1', choices: { a: -1 }, updatedAt: 3 },
      { voteId: 'rank', voterId: 'ana', deviceId: 'd1', choices: ['b', 'a', 'b'], updatedAt: 3 },
      { voteId: 'money', voterId: 'ana', deviceId: 'd1', choices: { a: 0, b: 20 }, updatedAt: 3 },
      { voteId: 'one', voterId: 'ana', deviceId: 'd1', choices: ['a'], updatedAt: 3 },
      { voteId: 'multi', voterId: 'ana', deviceId: 'd1', choices: 'a', updatedAt: 3 },
    ],
    paperVotes: [
      { voteId: 'rank', entryId: 'p1', choices: ['a', 'a', 'c'], count: 4, note: 'Hall', createdAt: 1, updatedAt: 1 },
      { voteId: 'dots', entryId: 'p2', choices: { a: 0, b: 2 }, count: 1, note: '', createdAt: 1, updatedAt: 1 },
      { voteId: 'dots', entryId: 'p3', choices: { a: 1 }, count: 0, note: '', createdAt: 1, updatedAt: 1 },
      { voteId: 'money', entryId: 'p4', choices: { a: 1.5 }, count: 1, note: '', createdAt: 1, updatedAt: 1 },
    ],
    journeys: [{ id: 'map', title: 'Visiting', personaId: 'pe1', createdAt: 1, order: 'a0' }],
    stages: [{ id: 's1', mapId: 'map', title: 'Arrive', order: 'a0' }, { id: 's2', mapId: 'map', title: long, order: 'a1' }],
    lanes: [{ id: 'l1', mapId: 'map', title: 'Doing', kind: 'sideways', order: 'a0' }],
    cards: [{ id: 'k1', mapId: 'map', stageId: 's1', laneId: 'l1', text: 'Park the car', authorId: 'ana', order: 'a0', createdAt: 1, updatedAt: 1 }],
    emotions: [
      { mapId: 'map', stageId: 's1', personaId: null, value: 2 },
      { mapId: 'map', stageId: 's1', personaId: 'pe1', value: '2' },
    ],
    personas: [
      { id: 'pe1', mapId: 'map', name: 'Dee', description: 'Walks the dog', needs: 'Benches' },
      { id: 'pe2', mapId: 'map', name: 'Eli', description: '', needs: '', createdBy: 'ana', createdAt: 1 },
    ],
    links: [{ cardId: 'k1', ideaId: 'i1', at: 4 }],
  };
  const file = { format: core.WORKSHOP_EXPORT_FORMAT, version: 1, layoutVersion: 1, exportedAt: '2026-01-01T00:00:00.000Z', anonymised: false, workshop };
  // `__proto__` keys as JSON.parse makes them: own properties, on an idea, a poll, an option and ballot choices.
  return JSON.stringify(file)
    .replace('"id":"i1",', '"__proto__":{"authorId":"evil"},"id":"i1",')
    .replace('"id":"rank",', '"__proto__":{"open":false},"id":"rank",')
    .replace('{"id":"a","label":"A","cost":10}', '{"__proto__":{"cost":1},"id":"a","label":"A","cost":10}')
    .replace('"choices":{"a":-1}', '"choices":{"__proto__":5,"a":-1}');
}

describe('importing a workshop file on a server that checks every field', () => {
  it('writes only what the server stores: odd entries are repaired or left out, with the reason', async () => {
    const server = await startPolicyServer(cleanup);
    const { result, stored } = await importOnServer(server, oddFile());
    const r = core.roots(stored);
    const keys = (map: Y.Map<unknown>) => [...map.keys()].sort();

    expect(keys(r.boards)).toEqual(['main']);
    expect(keys(r.ideas)).toEqual(['i1', 'i4']);
    expect(core.getRecord(r.ideas, 'i1')?.get('authorId')).toBe('ana');
    expect(core.getRecord(r.ideas, 'i4')?.toJSON()).toMatchObject({ colour: 'yellow', status: 'published', createdAt: 0 });
    expect(keys(r.clusters)).toEqual(['g1', 'g2', 'g3']);
    // No creator in the file: the importing facilitator.
    expect(core.getRecord(r.clusters, 'g1')?.get('createdBy')).toBe('fran');
    expect(core.getRecord(r.clusters, 'g2')?.get('createdBy')).toBe('fran');
    expect(core.getRecord(r.clusters, 'g3')?.get('createdBy')).toBe('ana');
    expect(core.getRecord(r.personas, 'pe1')?.get('createdBy')).toBe('fran');
    expect(core.getRecord(r.personas, 'pe2')?.get('createdBy')).toBe('ana');

    expect(keys(r.polls)).toEqual(['dots', 'money', 'multi', 'rank']);
    expect((r.polls.get('dots') as { options: unknown }).options).toEqual([{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }]);
    expect(r.polls.get('multi')).toMatchObject({ maxChoices: 3 });
    expect(Object.keys(r.polls.get('multi') as object)).not.toContain('openedAt');
    expect(Object.keys(r.polls.get('rank') as object)).not.toContain('__proto__');
    expect((r.polls.get('money') as { options: unknown }).options).toEqual([{ id: 'a', label: 'A', cost: 10 }, { id: 'b', label: 'B', cost: 20 }]);

    expect(r.ballots.toJSON()).toEqual({
      'dots|ana|d1': { choices: { a: 2 }, updatedAt: 3 },
      'rank|ana|d1': { choices: ['b', 'a'], updatedAt: 3 },
      'money|ana|d1': { choices: { b: 20 }, updatedAt: 3 },
    });
    expect(r.paperVotes.toJSON()).toEqual({
      'rank|p1': { choices: ['a', 'c'], count: 4, note: 'Hall', createdAt: 1, updatedAt: 1 },
      'dots|p2': { choices: { a: 0, b: 2 }, count: 1, note: '', createdAt: 1, updatedAt: 1 },
    });

    expect(r.settings.toJSON()).toEqual({ privateWriting: false, moderation: true, anonymous: false });
    expect(r.control.get('phases')).toEqual([{ id: 'ph1', title: 'Ideas' }]);
    expect(r.control.has('timer')).toBe(false); // a running timer with no end reads as idle
    expect(r.control.get('focus')).toBeNull();
    expect(r.locks.toJSON()).toEqual({ main: { reason: 'Paused', at: 0 } });
    expect(r.roles.toJSON()).toEqual({ ana: 'participant' });
    expect(r.people.toJSON()).toEqual({ ana: { name: 'Ana', colour: 'grey', joinedAt: 1, updatedAt: 2 } });
    expect(keys(r.stages)).toEqual(['s1']);
    expect(core.getRecord(r.lanes, 'l1')?.get('kind')).toBe('custom');
    expect(r.emotions.toJSON()).toEqual({ 'map|s1|-': 2 });
    expect([...r.reactions.keys()]).toEqual(['i1|ana|👍']);

    // Every left-out entry says which and why, in words.
    const left = result.skipped.map((s) => `${s.root} ${s.id}`).sort();
    expect(left).toEqual([
      'ballots dots', 'ballots multi', 'ballots one', 'boards __proto__', 'boards huge', 'emotions s1', 'ideas i2', 'ideas i3', 'locks __proto__',
      'paperVotes p3', 'paperVotes p4', 'people bob', 'phases ph2', 'polls free', 'polls lbl', 'polls one', 'reactions i1',
      'roles bob', 'roles fran', 'stages s2',
    ].sort());
    for (const s of result.skipped) expect(s.problem).toMatch(/^[A-Z“"].{10,}[.)]$/su);
    expect(result.skipped.find((s) => s.root === 'polls' && s.id === 'one')?.problem)
      .toBe('The vote cannot be stored as it is: a single poll\'s "options" must list 2 to 100 options, not 1.');
    expect(result.skipped.find((s) => s.root === 'polls' && s.id === 'free')?.problem).toContain('"cost" must be a whole number from 1 to 100, not 0');
    // …and every repair what it changed.
    expect(result.repaired.map((x) => `${x.root} ${x.id}`).sort()).toEqual([
      'ballots dots', 'ballots money', 'ballots rank', 'clusters g1', 'clusters g2', 'paperVotes rank', 'personas pe1', 'polls dots', 'polls multi', 'polls multi',
    ]);
    expect(result.repaired.find((x) => x.root === 'clusters')?.change).toBe('The group did not say who made it, so it is recorded as made by you.');
  });

  it('writes nothing from a file made by a newer layout, and says why', async () => {
    const server = await startPolicyServer(cleanup);
    const page = await facilitatorPage(server);
    const newer = JSON.parse(oddFile()) as Record<string, unknown>;
    newer['layoutVersion'] = core.LAYOUT_VERSION + 1;
    let error: unknown = null;
    try {
      core.importWorkshop(page.doc, JSON.stringify(newer), { session: page.session });
    } catch (err) {
      error = err;
    }
    expect(core.isCoproduceError(error) && error.code).toBe('unsupported-version');
    expect((error as Error).message).toBe('This workshop was exported by a newer version of Coproduce. Please update to import it.');
    await page.settled();
    expect(page.refusals).toEqual([]);
    expect(core.isWorkshopEmpty(await server.stored(page.room))).toBe(true);
  });

  it('refuses files that are not lists where lists belong, before writing anything', async () => {
    const server = await startPolicyServer(cleanup);
    const page = await facilitatorPage(server);
    const damaged = JSON.parse(oddFile()) as { workshop: Record<string, unknown> };
    damaged.workshop['ideas'] = { i1: 'not a list' };
    expect(() => core.importWorkshop(page.doc, JSON.stringify(damaged), { session: page.session })).toThrow('“ideas” is not a list');
    await page.settled();
    expect(page.refusals).toEqual([]);
    expect([...core.roots(await server.stored(page.room)).meta.keys()]).toEqual([]);
  });

  it('without a session, a group with no creator is stored without one (the field is optional)', async () => {
    const server = await startPolicyServer(cleanup);
    const page = await facilitatorPage(server);
    const result = core.importWorkshop(page.doc, oddFile(), { origin: 'file', now: NOW });
    await page.settled();
    expect(page.refusals).toEqual([]);
    const stored = await server.stored(page.room);
    expect(core.getRecord(core.roots(stored).clusters, 'g1')?.has('createdBy')).toBe(false);
    expect(result.repaired.some((x) => x.root === 'clusters')).toBe(false);
    expect(contents(stored)).toEqual(contents(page.doc));
  });
});

// ---- property: any workshop made by core's operations imports cleanly and round-trips ----------

const ANA: core.SessionUser = { id: 'ana', name: 'Ana', role: 'participant' };
const CERI: core.SessionUser = { id: 'ceri', name: 'Ceri', role: 'facilitator' };

const words = fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.trim()).filter((s) => s.length > 0);
const method = fc.constantFrom<core.PollMethod>('dots', 'single', 'multiple', 'ranking', 'budget', 'scale');
const plan = fc.record({
  title: words,
  anonymousWorkshop: fc.boolean(),
  phases: fc.array(words, { maxLength: 3 }),
  ideas: fc.array(fc.record({ text: words, grouped: fc.boolean(), comment: fc.option(words, { nil: undefined }), react: fc.boolean() }), { maxLength: 5 }),
  polls: fc.array(fc.record({ method, options: fc.integer({ min: 2, max: 4 }), anonymous: fc.boolean(), vote: fc.boolean(), paper: fc.boolean() }), { maxLength: 3 }),
  journey: fc.option(fc.record({ stage: words, card: words, persona: words, feeling: fc.integer({ min: -2, max: 2 }), lock: fc.boolean() }), { nil: undefined }),
});

type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never;

/** A workshop made by core's operations (a facilitator and a participant on one document). */
function makeWorkshop(p: Plan): Y.Doc {
  const doc = new Y.Doc();
  const ceri = new core.WorkshopSession(doc, { user: CERI, undo: false });
  const ana = new core.WorkshopSession(doc, { user: ANA, undo: false });
  cleanup.add(() => {
    ceri.destroy();
    ana.destroy();
    doc.destroy();
  });
  core.createWorkshop(doc, { title: p.title });
  core.setSettings(ceri, { anonymous: p.anonymousWorkshop, moderation: false, privateWriting: false });
  core.joinWorkshop(ceri);
  core.joinWorkshop(ana);
  if (p.phases.length > 0) core.setPhases(ceri, p.phases.map((title) => ({ title })));
  const boardId = core.createBoard(ceri, { title: 'Ideas' });
  const groupId = core.createCluster(ana, { boardId, title: 'Group' });
  const ideas: string[] = [];
  for (const idea of p.ideas) {
    const ideaId = core.addIdea(ana, { boardId, text: idea.text });
    ideas.push(ideaId);
    if (idea.grouped) core.moveIdea(ana, ideaId, groupId);
    if (idea.comment !== undefined) core.addComment(ceri, { ideaId, text: idea.comment });
    if (idea.react) core.toggleReaction(ana, ideaId, '👍');
  }
  for (const poll of p.polls) {
    const options = Array.from({ length: poll.options }, (_, i) => ({ label: `Option ${i + 1}`, ...(poll.method === 'budget' ? { cost: 10 * (i + 1) } : {}) }));
    const voteId = core.createPoll(ceri, {
      title: `A ${poll.method} vote`, method: poll.method, options, anonymous: poll.anonymous, open: true,
      ...(poll.method === 'budget' ? { budget: 100 } : {}), ...(poll.method === 'multiple' ? { maxChoices: 2 } : {}),
    });
    const read = core.parsePoll(core.roots(doc).polls.get(voteId));
    const ids = Array.isArray(read?.options) ? (read.options as readonly { id: string }[]).map((o) => o.id) : [];
    const [first, second] = ids as [string, string];
    const choices: core.ChoicesInput = poll.method === 'dots' ? { [first]: 1 }
      : poll.method === 'budget' ? { [first]: 10 }
        : poll.method === 'scale' ? { [first]: 3 }
          : poll.method === 'ranking' ? [second, first] : [first];
    if (poll.vote) core.castBallot(ana, voteId, choices);
    if (poll.paper) core.addPaperVote(ceri, voteId, { choices, count: 3, note: 'Hall' });
  }
  if (p.journey !== undefined) {
    const mapId = core.createJourney(ceri, { title: 'Visiting' });
    const stageId = core.addStage(ceri, { mapId, title: p.journey.stage });
    const laneId = core.addLane(ceri, { mapId, title: 'Doing' });
    const cardId = core.addCard(ana, { mapId, stageId, laneId, text: p.journey.card });
    core.addPersona(ceri, { mapId, name: p.journey.persona });
    core.setEmotion(ana, { mapId, stageId, value: p.journey.feeling });
    if (ideas[0] !== undefined) core.linkCardToIdea(ana, cardId, ideas[0]);
    if (p.journey.lock) core.lockElement(ceri, mapId, 'Done');
  }
  return doc;
}

describe('property: an export of a workshop made by core operations', () => {
  it('imports on the server with nothing refused, left out or repaired, and exports to the same file (named or anonymised)', async () => {
    const server = await startPolicyServer(cleanup);
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const source = makeWorkshop(p);
        const file = core.exportWorkshopJson(source, { anonymise: false, now: NOW });
        const { result, stored } = await importOnServer(server, file);
        expect(result.skipped).toEqual([]);
        expect(result.repaired).toEqual([]);
        expect(contents(stored)).toEqual(contents(source));
        // The file as an anonymous workshop exports it by default (pseudonyms, per-vote voter numbers) imports cleanly too.
        const shared = core.exportWorkshopJson(source, { now: NOW });
        const again = await importOnServer(server, shared);
        expect(again.result.skipped).toEqual([]);
        expect(again.result.repaired).toEqual([]);
        expect(core.exportWorkshop(again.stored, { anonymise: false, now: NOW }).workshop).toEqual((JSON.parse(shared) as core.WorkshopExport).workshop);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
