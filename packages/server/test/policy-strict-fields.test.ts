// The server checks every field of every record and value of the workshop layout exactly
// (docs/document-model.md; docs/server.md, "What the server refuses"): for each field, one malformed
// write is refused with a plain reason that names the field and what it must be, the room's document
// is unchanged afterwards, and a valid write of the same field is accepted. Facilitators are held to
// the layout like everyone else. Hostile values too: `__proto__` keys, 100k-character strings,
// NaN and Infinity, wrong types, lists where objects belong; emoji, Welsh and right-to-left text are
// accepted wherever text is. Real server with token authentication and the workshop policy, raw Yjs
// clients; then core's own operations, which refuse the same bad input before writing anything.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { Cleanup, waitFor } from './helpers.js';
import { startPolicyServer, YClient, type Person, type PolicyServer } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());
const fileCleanup = new Cleanup();
afterAll(() => fileCleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const SAM: Person = { id: 'sam', name: 'Sam', role: 'participant' };

/** Text people really write, which must always be accepted: emoji sequences, the flag of Wales, Welsh, Arabic and Hebrew. */
const WORLD = 'Croeso 👋🏽 🏴󠁧󠁢󠁷󠁬󠁳󠁿 ŵ — مرحبا بالجميع — שלום';

// ---- the room every case starts from ---------------------------------------------------------

interface Fixture {
  idea: string;
  cluster: string;
  comment: string;
  stage: string;
  lane: string;
  card: string;
  persona: string;
}

let srv: PolicyServer;
let rooms = 0;

/** A workshop written by core: a board with Sam's idea, group and comment, five open votes, phases and a journey map with Sam's card and persona. */
function buildFixture(): { update: Uint8Array; fx: Fixture } {
  const doc = new Y.Doc();
  const ceri = new core.WorkshopSession(doc, { user: CERI, undo: false });
  const sam = new core.WorkshopSession(doc, { user: SAM, undo: false });
  core.createWorkshop(doc, { title: 'Library', origin: ceri.origin, phases: [{ id: 'intro', title: 'Welcome' }] });
  core.joinWorkshop(ceri);
  core.joinWorkshop(sam);
  core.createBoard(ceri, { id: 'main', title: 'Ideas' });
  const options = [{ id: 'a', label: 'Benches' }, { id: 'b', label: 'Shade' }, { id: 'c', label: 'Water' }];
  core.createPoll(ceri, { id: 'dots', title: 'Priorities', method: 'dots', options, allowance: 5, perOptionCap: 3, open: true });
  core.createPoll(ceri, { id: 'multi', title: 'Which ones?', method: 'multiple', options, maxChoices: 2, open: true });
  core.createPoll(ceri, { id: 'single', title: 'Which first?', method: 'single', options, open: true });
  core.createPoll(ceri, { id: 'budget', title: 'Spend £100', method: 'budget', options: [{ id: 'a', label: 'Benches', cost: 50 }, { id: 'b', label: 'Shade' }], budget: 100, open: true });
  core.createPoll(ceri, { id: 'scale', title: 'How far do you agree?', method: 'scale', options: [{ id: 's1', label: 'The library is easy to reach' }], open: true });
  const idea = core.addIdea(sam, { boardId: 'main', text: 'More benches' });
  const cluster = core.createCluster(sam, { boardId: 'main', title: 'Seating' });
  const comment = core.addComment(sam, { ideaId: idea, text: 'Yes please' });
  core.createJourney(ceri, { id: 'bus', title: 'Catching the bus' });
  const stage = core.addStage(sam, { mapId: 'bus', title: 'Waiting' });
  const lane = core.addLane(sam, { mapId: 'bus', title: 'Feelings', kind: 'feelings' });
  const card = core.addCard(sam, { mapId: 'bus', stageId: stage, laneId: lane, text: 'Cold at the stop' });
  const persona = core.addPersona(sam, { mapId: 'bus', name: 'Gwen', description: 'Uses a wheelchair' });
  const update = Y.encodeStateAsUpdate(doc);
  ceri.destroy();
  sam.destroy();
  doc.destroy();
  return { update, fx: { idea, cluster, comment, stage, lane, card, persona } };
}

const { update: initial, fx } = buildFixture();

beforeAll(async () => {
  srv = await startPolicyServer(fileCleanup);
});

/** A fresh room holding the fixture. */
async function freshRoom(): Promise<string> {
  const room = `strict-${++rooms}`;
  await srv.storage.append(room, initial);
  return room;
}

/** What the document says, root by root (Yjs bookkeeping such as deleted items left out). */
function content(doc: Y.Doc): Record<string, unknown> {
  const roots = core.roots(doc) as unknown as Record<string, Y.Map<unknown>>;
  return Object.fromEntries(core.ROOT_NAMES.map((name) => [name, roots[name]!.toJSON()]));
}

// ---- writes ----------------------------------------------------------------------------------

type Write = (doc: Y.Doc) => void;
type RootName = keyof core.Roots;

const map = (d: Y.Doc, root: RootName): Y.Map<unknown> => core.roots(d)[root];
const current = (d: Y.Doc, root: RootName, key: string): Record<string, unknown> => map(d, root).get(key) as Record<string, unknown>;
/** Sets a record's field. */
const field = (root: RootName, id: () => string, name: string, value: unknown): Write => (d) => core.getRecord(map(d, root), id())!.set(name, value);
/** Rewrites a JSON value with some fields changed (`undefined` removes one). */
const patch = (root: RootName, key: string, changes: Record<string, unknown>): Write => (d) => {
  const next: Record<string, unknown> = { ...current(d, root, key) };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  map(d, root).set(key, next);
};
/** Sets a root key to a value. */
const put = (root: RootName, key: string | ((d: Y.Doc) => string), value: unknown): Write => (d) => map(d, root).set(typeof key === 'string' ? key : key(d), value);
/** Creates a record with these fields. */
const create = (root: RootName, id: string, fields: () => Record<string, unknown>): Write => (d) => {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields())) m.set(k, v);
  map(d, root).set(id, m);
};
/** A JSON object with an own `__proto__` key (what `JSON.parse` makes of a hostile file): Yjs decodes it into a forged prototype. */
const withProto = (value: Record<string, unknown>): Record<string, unknown> =>
  ({ ...(JSON.parse('{"__proto__": {"isAdmin": true}}') as Record<string, unknown>), ...value });
const ballotKey = (vote: string) => (d: Y.Doc) => `${vote}|sam|${d.clientID}`;
const L = 'Not in the workshop layout: ';
const long = (n: number, c = 'x') => c.repeat(n);

interface Case {
  /** What is wrong, for the test name. */
  readonly what: string;
  readonly who: Person;
  readonly bad: Write;
  readonly reason: string;
  /** A valid write of the same field, accepted. */
  readonly good: Write;
}

const c = (what: string, who: Person, bad: Write, reason: string, good: Write): Case => ({ what, who, bad, reason, good });

const TEXT_80 = 'must be text of 1 to 80 characters';

const RECORD_CASES: readonly Case[] = [
  // Ideas
  c('idea text: a number', SAM, field('ideas', () => fx.idea, 'text', 42), `${L}the idea's "text" must be text of 1 to 2,000 characters, not 42`, field('ideas', () => fx.idea, 'text', WORLD)),
  c('idea text: 2,001 characters', SAM, field('ideas', () => fx.idea, 'text', long(2001)), `${L}the idea's "text" is not allowed: Ideas can be up to 2,000 characters. This one has 2,001.`, field('ideas', () => fx.idea, 'text', long(2000, '🌳'))),
  c('idea text: not cleaned (spaces around it)', SAM, field('ideas', () => fx.idea, 'text', '  Benches  '), `${L}the idea's "text" must be text of 1 to 2,000 characters as Coproduce stores it (cleaned: no spaces around it, no bidirectional controls, Unicode NFC), not "  Benches  "`, field('ideas', () => fx.idea, 'text', 'Benches\nby the door')),
  c('idea text: a bidirectional override', SAM, field('ideas', () => fx.idea, 'text', '\u202Eevil'), `${L}the idea's "text" must be text of 1 to 2,000 characters as Coproduce stores it (cleaned: no spaces around it, no bidirectional controls, Unicode NFC), not "\u202Eevil"`, field('ideas', () => fx.idea, 'text', 'שלום evil')),
  c('idea text: a control character', SAM, field('ideas', () => fx.idea, 'text', 'bell\u0007'), `${L}the idea's "text" is not allowed: An idea contains hidden control characters that can't be shown. Please remove them.`, field('ideas', () => fx.idea, 'text', 'bell 🔔')),
  c('idea colour: not a palette name', SAM, field('ideas', () => fx.idea, 'colour', 'mauve'), `${L}the idea's "colour" must be a colour name (yellow, orange, pink, purple, blue, teal, green, grey), not "mauve"`, field('ideas', () => fx.idea, 'colour', 'teal')),
  c('idea tag: 41 characters', SAM, field('ideas', () => fx.idea, 'tag', long(41)), `${L}the idea's "tag" is not allowed: Tags can be up to 40 characters. This one has 41.`, field('ideas', () => fx.idea, 'tag', 'seddi')),
  c('idea clusterId: __proto__', SAM, field('ideas', () => fx.idea, 'clusterId', '__proto__'), `${L}the idea's "clusterId" must be an id (1 to 64 letters, digits, "-" or "_") or null, not "__proto__"`, field('ideas', () => fx.idea, 'clusterId', fx.cluster)),
  c('idea status: not published or pending (facilitator)', CERI, field('ideas', () => fx.idea, 'status', 'approved'), `${L}the idea's "status" must be "published" or "pending", not "approved"`, field('ideas', () => fx.idea, 'status', 'pending')),
  c('idea createdAt: NaN (facilitator)', CERI, field('ideas', () => fx.idea, 'createdAt', Number.NaN), `${L}the idea's "createdAt" must be a time in milliseconds, not NaN`, field('ideas', () => fx.idea, 'createdAt', 1_700_000_000_000)),
  c('idea updatedAt: Infinity', SAM, field('ideas', () => fx.idea, 'updatedAt', Number.POSITIVE_INFINITY), `${L}the idea's "updatedAt" must be a time in milliseconds, not Infinity`, field('ideas', () => fx.idea, 'updatedAt', 1_800_000_000_000)),
  c('idea boardId: a list (facilitator)', CERI, field('ideas', () => fx.idea, 'boardId', ['main']), `${L}the idea's "boardId" must be an id (1 to 64 letters, digits, "-" or "_"), not a list`, (d) => {
    put('boards', 'second', { title: 'More', createdAt: 1, order: 'a1' })(d);
    field('ideas', () => fx.idea, 'boardId', 'second')(d);
  }),
  c('idea: a field removed (facilitator)', CERI, (d) => core.getRecord(map(d, 'ideas'), fx.idea)!.delete('colour'), `${L}the idea's "colour" cannot be removed`, field('ideas', () => fx.idea, 'colour', 'grey')),
  c('new idea: an object for the text', SAM, create('ideas', 'newIdea000000001', () => ({ boardId: 'main', text: { html: '<b>hi</b>' }, authorId: 'sam' })), `${L}the idea's "text" must be text of 1 to 2,000 characters, not an object`, create('ideas', 'newIdea000000001', () => ({ boardId: 'main', text: WORLD, authorId: 'sam', colour: 'blue', tag: '', clusterId: null, status: 'published', createdAt: 1, updatedAt: 1 }))),
  c('idea: a "constructor" field (facilitator)', CERI, field('ideas', () => fx.idea, 'constructor', 'x'), `${L}idea field "constructor"`, field('ideas', () => fx.idea, 'tag', 'x')),
  c('new idea: a "toString" field', SAM, create('ideas', 'newIdea000000002', () => ({ boardId: 'main', text: 'Hi', authorId: 'sam', toString: 'x' })), `${L}idea field "toString"`, create('ideas', 'newIdea000000002', () => ({ boardId: 'main', text: 'Hi', authorId: 'sam' }))),
  // Groups (clusters)
  c('group title: empty', SAM, field('clusters', () => fx.cluster, 'title', ''), `${L}the group's "title" is not allowed: A group name can't be empty.`, field('clusters', () => fx.cluster, 'title', 'Seddi 🪑')),
  c('group collapsed: "yes"', SAM, field('clusters', () => fx.cluster, 'collapsed', 'yes'), `${L}the group's "collapsed" must be true or false, not "yes"`, field('clusters', () => fx.cluster, 'collapsed', true)),
  c('group order: a space', SAM, field('clusters', () => fx.cluster, 'order', 'a b'), `${L}the group's "order" must be an order key (1 to 128 printable ASCII characters), not "a b"`, field('clusters', () => fx.cluster, 'order', 'a1')),
  c('group createdBy: empty (facilitator)', CERI, field('clusters', () => fx.cluster, 'createdBy', ''), `${L}the group's "createdBy" must be an id (1 to 64 letters, digits, "-" or "_"), not ""`, field('clusters', () => fx.cluster, 'createdBy', 'ceri')),
  // Comments
  c('comment text: 1,001 characters', SAM, field('comments', () => fx.comment, 'text', long(1001)), `${L}the comment's "text" is not allowed: Comments can be up to 1,000 characters. This one has 1,001.`, field('comments', () => fx.comment, 'text', WORLD)),
  c('comment ideaId: a number (facilitator)', CERI, field('comments', () => fx.comment, 'ideaId', 5), `${L}the comment's "ideaId" must be an id (1 to 64 letters, digits, "-" or "_"), not 5`, (d) => {
    field('comments', () => fx.comment, 'ideaId', fx.idea)(d);
    field('comments', () => fx.comment, 'text', 'Ie')(d);
  }),
  // Journey maps: stages, rows (lanes), cards, personas
  c('stage title: an object', SAM, field('stages', () => fx.stage, 'title', { en: 'Waiting' }), `${L}the stage's "title" ${TEXT_80}, not an object`, field('stages', () => fx.stage, 'title', 'Aros 🚏')),
  c('stage order: a number', SAM, field('stages', () => fx.stage, 'order', 5), `${L}the stage's "order" must be an order key (1 to 128 printable ASCII characters), not 5`, field('stages', () => fx.stage, 'order', 'a5')),
  c('row kind: not a kind', SAM, field('lanes', () => fx.lane, 'kind', 'sideways'), `${L}the row's "kind" must be a row kind (actions, touchpoints, thoughts, feelings, painPoints, opportunities, custom), not "sideways"`, field('lanes', () => fx.lane, 'kind', 'painPoints')),
  c('row title: 81 characters', SAM, field('lanes', () => fx.lane, 'title', long(81)), `${L}the row's "title" is not allowed: Row names can be up to 80 characters. This one has 81.`, field('lanes', () => fx.lane, 'title', 'Teimladau')),
  c('card text: 501 characters', SAM, field('cards', () => fx.card, 'text', long(501)), `${L}the card's "text" is not allowed: Cards can be up to 500 characters. This one has 501.`, field('cards', () => fx.card, 'text', WORLD)),
  c('card stageId: null', SAM, field('cards', () => fx.card, 'stageId', null), `${L}the card's "stageId" must be an id (1 to 64 letters, digits, "-" or "_"), not null`, (d) => {
    create('stages', 'stageTwo00000001', () => ({ mapId: 'bus', title: 'Ar y bws', order: 'a5' }))(d);
    field('cards', () => fx.card, 'stageId', 'stageTwo00000001')(d);
  }),
  c('card order: empty', SAM, field('cards', () => fx.card, 'order', ''), `${L}the card's "order" must be an order key (1 to 128 printable ASCII characters), not ""`, field('cards', () => fx.card, 'order', 'a0V')),
  c('persona name: 81 characters', SAM, field('personas', () => fx.persona, 'name', long(81)), `${L}the persona's "name" is not allowed: Persona names can be up to 80 characters. This one has 81.`, field('personas', () => fx.persona, 'name', 'Gwenllian')),
  c('persona description: 501 characters', SAM, field('personas', () => fx.persona, 'description', long(501)), `${L}the persona's "description" is not allowed: Persona descriptions can be up to 500 characters. This one has 501.`, field('personas', () => fx.persona, 'description', 'Siarad Cymraeg\nUses a wheelchair')),
  c('persona needs: a boolean', SAM, field('personas', () => fx.persona, 'needs', true), `${L}the persona's "needs" must be text of up to 1,000 characters, not true`, field('personas', () => fx.persona, 'needs', 'Seats 🪑')),
  c('persona createdBy: __proto__ (facilitator)', CERI, field('personas', () => fx.persona, 'createdBy', '__proto__'), `${L}the persona's "createdBy" must be an id (1 to 64 letters, digits, "-" or "_"), not "__proto__"`, field('personas', () => fx.persona, 'createdBy', 'ceri')),
];

const VALUE_CASES: readonly Case[] = [
  // meta, settings
  c('workshop title: empty', CERI, put('meta', 'title', ''), `${L}meta "title" is not allowed: A workshop title can't be empty.`, put('meta', 'title', 'Llyfrgell 📚')),
  c('workshop description: 2,001 characters', CERI, put('meta', 'description', long(2001)), `${L}meta "description" is not allowed: Descriptions can be up to 2,000 characters. This one has 2,001.`, put('meta', 'description', WORLD)),
  c('workshop language: "fr"', CERI, put('meta', 'language', 'fr'), `${L}meta "language" must be "en" or "cy", not "fr"`, put('meta', 'language', 'cy')),
  c('workshop createdAt: a date string', CERI, put('meta', 'createdAt', '2026-11-30'), `${L}meta "createdAt" must be a time in milliseconds, not "2026-11-30"`, put('meta', 'createdAt', 1_700_000_000_000)),
  c('layout version: one this server does not know', CERI, put('meta', 'schemaVersion', 2), `${L}meta "schemaVersion" must be a layout version this server knows (a whole number from 1 to 1), not 2`, (d) => {
    put('meta', 'schemaVersion', 1)(d);
    put('meta', 'title', 'Newydd')(d);
  }),
  c('meta: a "constructor" key', CERI, put('meta', 'constructor', 'x'), `${L}meta "constructor"`, put('meta', 'title', 'Newydd')),
  c('setting: the string "true"', CERI, put('settings', 'moderation', 'true'), `${L}setting "moderation" must be true or false, not "true"`, put('settings', 'moderation', true)),
  // control
  c('phases: 31 of them', CERI, put('control', 'phases', Array.from({ length: 31 }, (_, i) => ({ id: `p${i}`, title: `Phase ${i}` }))), `${L}the phases must be at most 30, not 31`, put('control', 'phases', Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, title: `Cam ${i} ✨` })))),
  c('phases: the same id twice', CERI, put('control', 'phases', [{ id: 'a', title: 'One' }, { id: 'a', title: 'Two' }]), `${L}two phases have the id "a"`, put('control', 'phases', [{ id: 'a', title: 'One' }, { id: 'b', title: 'Two' }])),
  c('phases: an object instead of a list', CERI, put('control', 'phases', { intro: 'Welcome' }), `${L}the phases must be a list of { id, title }, not an object`, put('control', 'phases', [{ id: 'intro', title: 'Croeso' }])),
  c('phase: an extra field', CERI, put('control', 'phases', [{ id: 'intro', title: 'Welcome', colour: 'red' }]), `${L}a phase has no field "colour" (it is { id, title })`, put('control', 'phases', [{ id: 'intro', title: 'Croeso' }])),
  c('phase title: empty', CERI, put('control', 'phases', [{ id: 'intro', title: '' }]), `${L}a phase's "title" is not allowed: A phase title can't be empty.`, put('control', 'phases', [])),
  c('current phase: a number', CERI, put('control', 'currentPhase', 5), `${L}control "currentPhase" must be an id (1 to 64 letters, digits, "-" or "_") or null, not 5`, put('control', 'currentPhase', 'intro')),
  c('timer status: "stopped"', CERI, put('control', 'timer', { status: 'stopped', durationMs: 0, endsAt: null, remainingMs: 0, updatedAt: 1 }), `${L}the timer's "status" must be "idle", "running", "paused" or "ended", not "stopped"`, put('control', 'timer', { status: 'idle', durationMs: 0, endsAt: null, remainingMs: 0, updatedAt: 1 })),
  c('timer: running without endsAt', CERI, put('control', 'timer', { status: 'running', durationMs: 60_000, endsAt: null, remainingMs: 60_000, updatedAt: 1 }), `${L}the timer's "endsAt" must be a time while it is running and null otherwise, not null while "running"`, put('control', 'timer', { status: 'running', durationMs: 60_000, endsAt: 61_000, remainingMs: 60_000, updatedAt: 1_000 })),
  c('timer: paused with an endsAt', CERI, put('control', 'timer', { status: 'paused', durationMs: 60_000, endsAt: 5, remainingMs: 1_000, updatedAt: 1 }), `${L}the timer's "endsAt" must be a time while it is running and null otherwise, not 5 while "paused"`, put('control', 'timer', { status: 'paused', durationMs: 60_000, endsAt: null, remainingMs: 1_000.5, updatedAt: 1 })),
  c('timer durationMs: negative', CERI, put('control', 'timer', { status: 'ended', durationMs: -5, endsAt: null, remainingMs: 0, updatedAt: 1 }), `${L}the timer's "durationMs" must be a time in milliseconds, not -5`, put('control', 'timer', { status: 'ended', durationMs: 5_000, endsAt: null, remainingMs: 0, updatedAt: 1 })),
  c('timer: a field missing', CERI, put('control', 'timer', { status: 'idle', durationMs: 0, endsAt: null, remainingMs: 0 }), `${L}the timer needs "updatedAt" (it is { status, durationMs, endsAt, remainingMs, updatedAt })`, put('control', 'timer', { status: 'idle', durationMs: 0, endsAt: null, remainingMs: 0, updatedAt: 0 })),
  c('focus: without phaseId', CERI, put('control', 'focus', { elementId: 'main', at: 1 }), `${L}the focus needs "phaseId" (it is { elementId, phaseId, at } or null)`, put('control', 'focus', { elementId: 'main', phaseId: null, at: 1 })),
  c('focus elementId: __proto__', CERI, put('control', 'focus', { elementId: '__proto__', phaseId: 'intro', at: 1 }), `${L}the focus's "elementId" must be an id (1 to 64 letters, digits, "-" or "_"), not "__proto__"`, put('control', 'focus', null)),
  // locks, reveals, roles
  c('lock reason: 201 characters', CERI, put('locks', 'main', { reason: long(201), at: 1 }), `${L}a lock's "reason" is not allowed: Reasons can be up to 200 characters. This one has 201.`, put('locks', 'main', { reason: 'Amser egwyl ☕', at: 1 })),
  c('lock: without a reason', CERI, put('locks', 'main', { at: 1 }), `${L}a lock needs "reason" (it is { reason, at })`, put('locks', 'main', { reason: '', at: 1 })),
  c('lock: an extra field', CERI, put('locks', 'main', { reason: '', at: 1, by: 'ceri' }), `${L}a lock has no field "by" (it is { reason, at })`, put('locks', 'main', { reason: '', at: 2 })),
  c('reveal: "now"', CERI, put('reveals', 'dots', 'now'), `${L}a reveal must be a time in milliseconds, not "now"`, put('reveals', 'dots', 1_700_000_000_000)),
  c('role: "admin"', CERI, put('roles', 'sam', 'admin'), `${L}a role must be facilitator, participant or observer, not "admin"`, put('roles', 'sam', 'observer')),
  // people
  c('own name: empty', SAM, patch('people', 'sam', { name: '' }), `${L}a person's "name" is not allowed: A name can't be empty.`, patch('people', 'sam', { name: 'Siân 🌼' })),
  c('own colour: "gold"', SAM, patch('people', 'sam', { colour: 'gold' }), `${L}a person's "colour" must be a colour name (yellow, orange, pink, purple, blue, teal, green, grey), not "gold"`, patch('people', 'sam', { colour: 'green' })),
  c('own joinedAt: NaN', SAM, patch('people', 'sam', { joinedAt: Number.NaN }), `${L}a person's "joinedAt" must be a time in milliseconds, not NaN`, patch('people', 'sam', { joinedAt: 1 })),
  // boards, journey maps
  c('board title: 81 characters', CERI, patch('boards', 'main', { title: long(81) }), `${L}a board's "title" is not allowed: Board titles can be up to 80 characters. This one has 81.`, patch('boards', 'main', { title: 'Syniadau 💡' })),
  c('board: without an order', CERI, patch('boards', 'main', { order: undefined }), `${L}a board needs "order" (it is { title, createdAt, order })`, patch('boards', 'main', { order: 'a3' })),
  c('board createdAt: negative', CERI, patch('boards', 'main', { createdAt: -1 }), `${L}a board's "createdAt" must be a time in milliseconds, not -1`, patch('boards', 'main', { createdAt: 0 })),
  c('board: a list', CERI, put('boards', 'second', ['Ideas', 1, 'a1']), `${L}a board must be an object { title, createdAt, order }, not a list`, put('boards', 'second', { title: 'More ideas', createdAt: 1, order: 'a1' })),
  c('journey map personaId: a number', CERI, patch('journeys', 'bus', { personaId: 5 }), `${L}a journey map's "personaId" must be an id (1 to 64 letters, digits, "-" or "_") or null, not 5`, (d) => patch('journeys', 'bus', { personaId: fx.persona })(d)),
  c('journey map: an extra field', CERI, patch('journeys', 'bus', { colour: 'red' }), `${L}a journey map has no field "colour" (it is { title, personaId, createdAt, order })`, patch('journeys', 'bus', { title: 'Dal y bws 🚌' })),
  // polls
  c('poll anonymous: "yes"', CERI, patch('polls', 'dots', { anonymous: 'yes' }), `${L}a poll's "anonymous" must be true or false, not "yes"`, patch('polls', 'dots', { anonymous: false })),
  c('poll open: 1', CERI, patch('polls', 'dots', { open: 1 }), `${L}a poll's "open" must be true or false, not 1`, patch('polls', 'dots', { open: false })),
  c('poll title: 201 characters', CERI, patch('polls', 'dots', { title: long(201) }), `${L}a poll's "title" is not allowed: Questions can be up to 200 characters. This one has 201.`, patch('polls', 'dots', { title: 'Beth sydd bwysicaf? 🤔' })),
  c('poll description: 1,001 characters', CERI, patch('polls', 'dots', { description: long(1001) }), `${L}a poll's "description" is not allowed: Descriptions can be up to 1,000 characters. This one has 1,001.`, patch('polls', 'dots', { description: 'Line one\nLine two' })),
  c('poll method: "approval"', CERI, patch('polls', 'single', { method: 'approval' }), `${L}a poll's "method" must be one of dots, single, multiple, ranking, budget, scale, not "approval"`, patch('polls', 'single', { method: 'ranking' })),
  c('poll order: empty', CERI, patch('polls', 'dots', { order: '' }), `${L}a poll's "order" must be an order key (1 to 128 printable ASCII characters), not ""`, patch('polls', 'dots', { order: 'Zz' })),
  c('poll resetAt: missing', CERI, patch('polls', 'dots', { resetAt: undefined }), `${L}a dots poll needs "resetAt"`, patch('polls', 'dots', { resetAt: 5 })),
  c('poll: another method\'s limit', CERI, patch('polls', 'dots', { budget: 100 }), `${L}a dots poll has no field "budget"`, patch('polls', 'dots', { allowance: 6 })),
  c('poll options: none', CERI, patch('polls', 'single', { options: [] }), `${L}a single poll's "options" must list 2 to 100 options, not 0`, patch('polls', 'single', { options: [{ id: 'a', label: 'Meinciau' }, { id: 'b', label: 'ظل' }] })),
  c('poll options: the same id twice', CERI, patch('polls', 'single', { options: [{ id: 'a', label: 'One' }, { id: 'a', label: 'Two' }] }), `${L}two poll options have the id "a"`, patch('polls', 'single', { options: [{ id: 'a', label: 'One' }, { id: 'z', label: 'Two' }] })),
  c('poll option label: empty', CERI, patch('polls', 'single', { options: [{ id: 'a', label: '' }, { id: 'b', label: 'Two' }] }), `${L}a poll option's "label" is not allowed: An option can't be empty.`, patch('polls', 'single', { options: { board: 'main' } })),
  c('poll option: a cost outside a budget poll', CERI, patch('polls', 'single', { options: [{ id: 'a', label: 'One', cost: 5 }, { id: 'b', label: 'Two' }] }), `${L}a poll option has a "cost" only in a budget poll, not a single poll`, patch('polls', 'single', { options: { clusters: 'main' } })),
  c('poll option cost: over the budget', CERI, patch('polls', 'budget', { options: [{ id: 'a', label: 'Benches', cost: 101 }, { id: 'b', label: 'Shade' }] }), `${L}a poll option's "cost" must be a whole number from 1 to 100, not 101`, patch('polls', 'budget', { options: [{ id: 'a', label: 'Benches', cost: 100 }, { id: 'b', label: 'Shade' }] })),
  c('poll options: board and clusters at once', CERI, patch('polls', 'single', { options: { board: 'main', clusters: 'main' } }), `${L}a poll's "options" must be a list of { id, label } options, { board: boardId } or { clusters: boardId }, not an object`, patch('polls', 'single', { options: { board: 'main' } })),
  c('poll allowance: 101 dots', CERI, patch('polls', 'dots', { allowance: 101 }), `${L}a poll's "allowance" must be a whole number from 1 to 100, not 101`, patch('polls', 'dots', { allowance: 100 })),
  c('poll perOptionCap: over the allowance', CERI, patch('polls', 'dots', { perOptionCap: 6 }), `${L}a poll's "perOptionCap" must be a whole number from 1 to 5, not 6`, patch('polls', 'dots', { perOptionCap: 5 })),
  c('poll maxChoices: more than the options', CERI, patch('polls', 'multi', { maxChoices: 4 }), `${L}a poll's "maxChoices" must be a whole number from 1 to 3, not 4`, patch('polls', 'multi', { maxChoices: 3 })),
  c('poll budget: 10 billion', CERI, patch('polls', 'budget', { budget: 1e10 }), `${L}a poll's "budget" must be a whole number from 1 to 1,000,000,000, not 10000000000`, patch('polls', 'budget', { budget: 1e9 })),
  c('poll scale: more than 10 apart', CERI, patch('polls', 'scale', { scale: { min: -10, max: 10, labels: Array.from({ length: 21 }, (_, i) => String(i - 10)) } }), `${L}a scale's "max" must be a whole number from -9 to 0, not 10`, patch('polls', 'scale', { scale: { min: -5, max: 5, labels: Array.from({ length: 11 }, (_, i) => String(i - 5)) } })),
  c('poll scale: a label missing', CERI, patch('polls', 'scale', { scale: { min: 1, max: 3, labels: ['Low', 'High'] } }), `${L}a scale's "labels" must be a list of 3 labels (one per point), not 2 labels`, patch('polls', 'scale', { scale: { min: 1, max: 3, labels: ['Isel', 'Canolig', 'Uchel'] } })),
  c('poll scale label: 41 characters', CERI, patch('polls', 'scale', { scale: { min: 1, max: 2, labels: ['No', long(41)] } }), `${L}a scale label is not allowed: Scale labels can be up to 40 characters. This one has 41.`, patch('polls', 'scale', { scale: { min: 1, max: 2, labels: ['Na', 'Ie 👍'] } })),
  // ballots (Sam's own, in open votes)
  c('ballot: zero dots stored', SAM, put('ballots', ballotKey('dots'), { choices: { a: 0 }, updatedAt: 1 }), `${L}a ballot's "choices" "a" must be a whole number from 1 to 100 (no zeros are stored), not 0`, put('ballots', ballotKey('dots'), { choices: { a: 3, b: 2 }, updatedAt: 1 })),
  c('ballot: half a dot', SAM, put('ballots', ballotKey('dots'), { choices: { a: 1.5 }, updatedAt: 1 }), `${L}a ballot's "choices" "a" must be a whole number from 1 to 100 (no zeros are stored), not 1.5`, put('ballots', ballotKey('dots'), { choices: {}, updatedAt: 1 })),
  c('ballot: a list for a dots vote', SAM, put('ballots', ballotKey('dots'), { choices: ['a'], updatedAt: 1 }), `${L}a ballot's "choices" must be an object { optionId: amount } for a dots vote, not a list`, put('ballots', ballotKey('dots'), { choices: { a: 1 }, updatedAt: 1 })),
  c('ballot: an option twice', SAM, put('ballots', ballotKey('multi'), { choices: ['a', 'a'], updatedAt: 1 }), `${L}a ballot's "choices" must name each option once, not "a" twice`, put('ballots', ballotKey('multi'), { choices: ['a', 'c'], updatedAt: 1 })),
  c('ballot: an extra field', SAM, put('ballots', ballotKey('single'), { choices: ['a'], updatedAt: 1, weight: 10 }), `${L}a ballot has no field "weight" (it is { choices, updatedAt })`, put('ballots', ballotKey('single'), { choices: ['b'], updatedAt: 1 })),
  c('ballot updatedAt: a string', SAM, put('ballots', ballotKey('single'), { choices: ['a'], updatedAt: 'now' }), `${L}a ballot's "updatedAt" must be a time in milliseconds, not "now"`, put('ballots', ballotKey('single'), { choices: [], updatedAt: 1 })),
  c('ballot: a score off any scale', SAM, put('ballots', ballotKey('scale'), { choices: { s1: 11 }, updatedAt: 1 }), `${L}a ballot's "choices" "s1" must be a whole score from -10 to 10, not 11`, put('ballots', ballotKey('scale'), { choices: { s1: 4 }, updatedAt: 1 })),
  c('ballot: money in pence', SAM, put('ballots', ballotKey('budget'), { choices: { b: 10.5 }, updatedAt: 1 }), `${L}a ballot's "choices" "b" must be a whole number from 1 to 1,000,000,000 (no zeros are stored), not 10.5`, put('ballots', ballotKey('budget'), { choices: { a: 50, b: 10 }, updatedAt: 1 })),
  // paper votes
  c('paper vote count: 0', CERI, put('paperVotes', 'dots|paper1', { choices: { a: 4 }, count: 0, note: '', createdAt: 1, updatedAt: 1 }), `${L}a paper vote's "count" must be a whole number from 1 to 100,000, not 0`, put('paperVotes', 'dots|paper1', { choices: { a: 4 }, count: 100_000, note: '', createdAt: 1, updatedAt: 1 })),
  c('paper vote: a negative tally', CERI, put('paperVotes', 'dots|paper1', { choices: { a: -1 }, count: 1, note: '', createdAt: 1, updatedAt: 1 }), `${L}a paper vote's "choices" "a" must be a whole number, 0 or more, not -1`, put('paperVotes', 'dots|paper1', { choices: { a: 40 }, count: 1, note: 'Stondin y farchnad', createdAt: 1, updatedAt: 1 })),
  c('paper vote note: 201 characters', CERI, put('paperVotes', 'single|paper1', { choices: ['a'], count: 1, note: long(201), createdAt: 1, updatedAt: 1 }), `${L}a paper vote's "note" is not allowed: Notes can be up to 200 characters. This one has 201.`, put('paperVotes', 'single|paper1', { choices: ['a'], count: 1, note: 'Tuesday drop-in ☕', createdAt: 1, updatedAt: 1 })),
  c('paper vote: without createdAt', CERI, put('paperVotes', 'single|paper1', { choices: ['a'], count: 1, note: '', updatedAt: 1 }), `${L}a paper vote needs "createdAt" (it is { choices, count, note, createdAt, updatedAt })`, put('paperVotes', 'single|paper1', { choices: ['a'], count: 1, note: '', createdAt: 1, updatedAt: 1 })),
  // reactions, feelings, links
  c('reaction: not a time', SAM, put('reactions', () => `${fx.idea}|sam|👍`, 'x'), `${L}a reaction must be a time in milliseconds, not "x"`, put('reactions', () => `${fx.idea}|sam|👍`, 1_700_000_000_000)),
  c('feeling: 2.5', SAM, put('emotions', () => `bus|${fx.stage}|-`, 2.5), `${L}a feeling must be a whole number from -2 to 2, not 2.5`, put('emotions', () => `bus|${fx.stage}|-`, -2)),
  c('link: null', SAM, put('links', () => `${fx.card}|${fx.idea}`, null), `${L}a link must be a time in milliseconds, not null`, put('links', () => `${fx.card}|${fx.idea}`, 1)),
];

/** Refused with `reason`, the room unchanged; then the valid write is accepted and stored. */
async function judge(k: Case): Promise<void> {
  const room = await freshRoom();
  const before = content(await srv.stored(room));
  const writer = await YClient.connect(cleanup, srv.url, room, k.who);
  expect(await writer.refused((_s, d) => k.bad(d))).toBe(k.reason);
  expect(content(await srv.stored(room))).toEqual(before);
  // A fresh client (a refused change stays in the refused client's document), writing the valid value.
  const honest = await YClient.connect(cleanup, srv.url, room, k.who);
  await honest.accepted((_s, d) => k.good(d));
  const after = content(await srv.stored(room));
  expect(after).not.toEqual(before);
  expect(after).toEqual(content(honest.doc));
}

describe('the server checks every field of every record exactly', () => {
  it.each(RECORD_CASES.map((k) => [k.what, k] as const))('%s', async (_what, k) => judge(k));
});

describe('the server checks every value of every root exactly', () => {
  it.each(VALUE_CASES.map((k) => [k.what, k] as const))('%s', async (_what, k) => judge(k));
});

describe('hostile values', () => {
  it('closes the connection of a 100k-character string in any field before judging it, and stores nothing', async () => {
    const writes: Write[] = [
      field('ideas', () => fx.idea, 'text', long(100_000)),
      put('boards', 'main', { title: long(100_000), createdAt: 1, order: 'a0' }),
      patch('polls', 'dots', { title: long(100_000, '🌳') }),
    ];
    for (const write of writes) {
      const room = await freshRoom();
      const before = content(await srv.stored(room));
      const writer = await YClient.connect(cleanup, srv.url, room, CERI);
      writer.doc.transact(() => write(writer.doc));
      await waitFor(() => writer.closed !== null, { what: 'the connection closed' });
      expect(writer.closed).toEqual({ code: 1009, reason: 'Too big: text longer than 8000 characters' });
      expect(content(await srv.stored(room))).toEqual(before);
    }
  });

  it('closes the connection of a "__proto__" key anywhere (a field, or a key of a JSON value) before judging it, and stores nothing', async () => {
    const writes: [Person, Write][] = [
      [SAM, field('ideas', () => fx.idea, '__proto__', 'x')],
      [SAM, put('people', 'sam', withProto({ name: 'Sam', colour: 'blue', joinedAt: 1, updatedAt: 1 }))],
      [CERI, put('boards', 'second', withProto({ title: 'More ideas', createdAt: 1, order: 'a1' }))],
      [CERI, (d) => map(d, 'polls').set('dots', withProto(current(d, 'polls', 'dots')))],
      [SAM, put('ballots', ballotKey('dots'), { choices: withProto({ a: 1 }), updatedAt: 1 })],
      [CERI, put('control', 'phases', [withProto({ id: 'intro', title: 'Welcome' })])],
    ];
    for (const [who, write] of writes) {
      const room = await freshRoom();
      const before = content(await srv.stored(room));
      const writer = await YClient.connect(cleanup, srv.url, room, who);
      writer.doc.transact(() => write(writer.doc));
      await waitFor(() => writer.closed !== null, { what: 'the connection closed' });
      expect(writer.closed).toEqual({ code: 1007, reason: 'Malformed message: reserved key "__proto__"' });
      expect(content(await srv.stored(room))).toEqual(before);
    }
  });

  it('quotes at most 40 characters of a bad value', async () => {
    const room = await freshRoom();
    const writer = await YClient.connect(cleanup, srv.url, room, CERI);
    const reason = await writer.refused((_s, d) => map(d, 'meta').set('language', `${long(7_000, 'c')}y`));
    expect(reason).toBe(`${L}meta "language" must be "en" or "cy", not "${long(40, 'c')}…"`);
  });

  it('accepts a whole workshop written by core with emoji, Welsh and right-to-left text everywhere', async () => {
    const room = await freshRoom();
    const ceri = await YClient.connect(cleanup, srv.url, room, CERI);
    await ceri.accepted((s) => {
      core.updateWorkshop(s, { title: WORLD, description: `${WORLD}\n${WORLD}`, language: 'cy' });
      core.setPhases(s, [{ id: 'intro', title: WORLD.slice(0, 20) }, { title: 'שלב שני' }]);
      core.setCurrentPhase(s, 'intro');
      core.startTimer(s, 90_000);
      core.setFocus(s, 'main', 'intro');
      core.lockElement(s, 'multi', 'مغلق الآن 🔒');
      core.revealElement(s, 'dots');
      core.setRole(s, 'sam', 'participant');
      core.createBoard(s, { id: 'second', title: 'Syniadau 💡 أفكار' });
      core.createPoll(s, { id: 'ranked', title: 'Trefn? 🗳️', description: WORLD, method: 'ranking', options: ['Meinciau', 'ظل', '🚰'] });
      core.createPoll(s, { id: 'agree', title: 'Cytuno?', method: 'scale', options: [WORLD], scale: { min: -2, max: 2 } });
      core.addPaperVote(s, 'dots', { choices: { a: 12, b: 3 }, count: 40, note: 'Stondin y farchnad 🧺' });
      core.addPaperVote(s, 'budget', { choices: { a: 50 }, count: 3 });
      core.setJourneyPersona(s, 'bus', fx.persona);
    });
    await ceri.accepted((s) => {
      core.pauseTimer(s);
      core.addTime(s, 30_000);
      core.resetPoll(s, 'single');
      core.closePoll(s, 'multi');
    });
    await ceri.accepted((s) => core.resumeTimer(s));
    await ceri.accepted((s) => core.endTimer(s));
    await ceri.accepted((s) => core.updatePoll(s, 'budget', { budget: 500, options: [{ id: 'a', label: 'Meinciau 🪑', cost: 500 }, { id: 'z', label: 'ظل' }] }));
    const sam = await YClient.connect(cleanup, srv.url, room, SAM);
    await sam.accepted((s) => {
      core.updateProfile(s, { name: 'Siân 🌼', colour: 'purple' });
      core.addIdea(s, { boardId: 'main', text: WORLD, tag: 'مهم', colour: 'pink' });
      core.editIdea(s, fx.idea, { text: `${WORLD}\n\n‏שלום‎`, tag: '🏴󠁧󠁢󠁷󠁬󠁳󠁿' });
      core.renameCluster(s, fx.cluster, 'Seddi 🪑');
      core.editComment(s, fx.comment, 'Ie wir! 👍🏾');
      core.toggleReaction(s, fx.idea, '❤️');
      core.castBallot(s, 'dots', { a: 3, c: 2 });
      core.castBallot(s, 'scale', { s1: 5 });
      core.castBallot(s, 'budget', { a: 500 });
      core.editPersona(s, fx.persona, { name: 'غوين', needs: 'Step-free access\nQuiet space 🤫' });
      core.renameStage(s, fx.stage, 'Aros 🚏');
    });
    await sam.accepted((s) => core.retractBallot(s, 'dots'));
    const stored = await srv.stored(room);
    expect(content(stored)).toEqual(content(sam.doc));
    expect(core.readWorkshop(stored).meta.title).toBe(WORLD);
    expect(core.readBoard(stored, 'main').ideas.map((i) => i.text)).toContain(WORLD);
  });
});

describe("core's own operations refuse the same bad input before writing anything", () => {
  it('throws a CoproduceError and leaves the document as it was', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initial);
    const ceri = new core.WorkshopSession(doc, { user: CERI, undo: false });
    const sam = new core.WorkshopSession(doc, { user: SAM, undo: false });
    const bad: [string, () => unknown][] = [
      ['poll anonymous "yes"', () => core.createPoll(ceri, { title: 'Q', method: 'single', options: ['A', 'B'], anonymous: 'yes' as never })],
      ['poll with one option', () => core.createPoll(ceri, { title: 'Q', method: 'single', options: ['A'] })],
      ['cost outside a budget poll', () => core.createPoll(ceri, { title: 'Q', method: 'single', options: [{ label: 'A', cost: 5 }, 'B'] })],
      ['cost over the budget', () => core.createPoll(ceri, { title: 'Q', method: 'budget', budget: 10, options: [{ label: 'A', cost: 11 }, 'B'] })],
      ['allowance 101', () => core.createPoll(ceri, { title: 'Q', method: 'dots', allowance: 101, options: ['A', 'B'] })],
      ['scale 21 points', () => core.createPoll(ceri, { title: 'Q', method: 'scale', options: ['S'], scale: { min: -10, max: 10 } })],
      ['poll title 201 characters', () => core.createPoll(ceri, { title: long(201), method: 'single', options: ['A', 'B'] })],
      ['board id __proto__', () => core.createBoard(ceri, { id: '__proto__', title: 'B' })],
      ['board title 100k characters', () => core.createBoard(ceri, { title: long(100_000) })],
      ['idea colour "mauve"', () => core.addIdea(sam, { boardId: 'main', text: 'x', colour: 'mauve' as never })],
      ['idea text a bidirectional override only', () => core.addIdea(sam, { boardId: 'main', text: '\u202E' })],
      ['idea tag 41 characters', () => core.editIdea(sam, fx.idea, { tag: long(41) })],
      ['timer NaN', () => core.startTimer(ceri, Number.NaN)],
      ['timer Infinity', () => core.startTimer(ceri, Number.POSITIVE_INFINITY)],
      ['lock reason 201 characters', () => core.lockElement(ceri, 'main', long(201))],
      ['focus on __proto__', () => core.setFocus(ceri, '__proto__')],
      ['31 phases', () => core.setPhases(ceri, Array.from({ length: 31 }, (_, i) => ({ title: `P${i}` })))],
      ['role "admin"', () => core.setRole(ceri, 'sam', 'admin' as never)],
      ['name 51 characters', () => core.updateProfile(sam, { name: long(51) })],
      ['colour "gold"', () => core.updateProfile(sam, { colour: 'gold' as never })],
      ['half a dot', () => core.castBallot(sam, 'dots', { a: 1.5 })],
      ['a negative dot', () => core.castBallot(sam, 'dots', { a: -1 })],
      ['an option twice', () => core.castBallot(sam, 'multi', ['a', 'a'])],
      ['a score off the scale', () => core.castBallot(sam, 'scale', { s1: 11 })],
      ['paper count 0', () => core.addPaperVote(ceri, 'dots', { choices: { a: 1 }, count: 0 })],
      ['feeling 2.5', () => core.setEmotion(sam, { mapId: 'bus', stageId: fx.stage, value: 2.5 })],
      ['row kind "sideways"', () => core.setLaneKind(sam, fx.lane, 'sideways' as never)],
      ['card text 501 characters', () => core.editCard(sam, fx.card, long(501))],
      ['persona needs 1,001 characters', () => core.editPersona(sam, fx.persona, { needs: long(1001) })],
      ['workshop language "fr"', () => core.updateWorkshop(ceri, { language: 'fr' as never })],
      ['setting "true"', () => core.setSettings(ceri, { moderation: 'true' as never })],
    ];
    const before = Y.encodeStateVector(doc);
    for (const [what, op] of bad) {
      expect(op, what).toThrow(core.CoproduceError);
    }
    expect(Buffer.from(Y.encodeStateVector(doc)).equals(Buffer.from(before))).toBe(true);
    ceri.destroy();
    sam.destroy();
    doc.destroy();
  });
});
