// Refusal settlement, model-based: a facilitator, two or three participants (raw Yjs clients, some
// of which go offline: socket closed, writing on into the same document, back with `{ doc }`) and an
// observer watching, against one real policy server (memory storage). Participants add ideas and
// comments (core operations, or raw writes when their own copy already says no), change and delete
// their own and other people's ideas (raw writes), cast ballots (core, or raw, sometimes over the
// allowance); the facilitator locks and unlocks the board and opens and closes the vote.
//
// A model of the room follows every batch as it reaches the server (one change while online, or
// everything written offline at once when reconnecting), judged by the workshop rules against the
// room as it was when the batch arrived. After each batch the room must equal the model: whatever
// the rules allow is kept, whatever they refuse is neither kept nor shown (policy/settle.ts), and
// the sender is told exactly when something was refused. After each run every device reconnects and
// must show exactly the room, and each participant can still write.
//
// One thing is left open on purpose: what a device wrote offline into an idea that the room wrote
// again meanwhile, because someone else's change to it was refused (`Device.stale`). That write may
// be lost (a known limit of `restore` in room.ts); the room must then still show one of the values
// the device or the room had, and every copy must still agree.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { Cleanup, waitFor } from './helpers.js';
import { startPolicyServer, YClient, type Person, type PolicyServer } from './policy-helpers.js';

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const OLU: Person = { id: 'olu', name: 'Olu', role: 'observer' };
const PARTICIPANTS: readonly Person[] = [
  { id: 'sam', name: 'Sam', role: 'participant' },
  { id: 'ana', name: 'Ana', role: 'participant' },
  { id: 'bea', name: 'Bea', role: 'participant' },
];
const BOARD = 'main';
const VOTE = 'dots';
const ALLOWANCE = 3;

// ---- commands ---------------------------------------------------------------------------------

type Command =
  | { k: 'idea'; p: number }
  | { k: 'comment'; p: number; target: number }
  | { k: 'edit'; p: number; own: boolean; target: number }
  | { k: 'delete'; p: number; own: boolean; target: number }
  | { k: 'vote'; p: number; a: number; b: number; greedy: boolean }
  | { k: 'lock'; on: boolean }
  | { k: 'poll'; open: boolean }
  | { k: 'offline'; p: number }
  | { k: 'online'; p: number };

const who = fc.nat(2);
const target = fc.nat(9);
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('idea' as const), p: who }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('comment' as const), p: who, target }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('edit' as const), p: who, own: fc.boolean(), target }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('delete' as const), p: who, own: fc.boolean(), target }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('vote' as const), p: who, a: fc.nat(ALLOWANCE), b: fc.nat(ALLOWANCE), greedy: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('lock' as const), on: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('poll' as const), open: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('offline' as const), p: who }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('online' as const), p: who }) },
);

const scenarioArb = fc.record({
  participants: fc.integer({ min: 2, max: 3 }),
  // Yjs client ids of the facilitator, the watcher and the participants: they decide how Yjs orders
  // concurrent writes to one key (and so which of two writes wins), so they are part of the input.
  // Spaced out (multiples of 16): the room restores values as the sender's client id + 1 (room.ts,
  // `restore`), which is assumed to be nobody's (true of Yjs' random 32-bit ids, but not of 1, 2, 3…).
  clientIds: fc.uniqueArray(fc.integer({ min: 1, max: 0x7ffffff }), { minLength: 5, maxLength: 5 }).map((ids) => ids.map((id) => id * 16)),
  /** Which participants go offline right after joining (their writes then arrive as one batch). */
  awayAtStart: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
  commands: fc.array(commandArb, { minLength: 3, maxLength: 12 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

// ---- the model --------------------------------------------------------------------------------

/** What one batch did, as the device wrote it. */
type Op =
  | { k: 'idea'; id: string; text: string }
  | { k: 'comment'; id: string; ideaId: string; text: string }
  | { k: 'edit'; ideaId: string; text: string; stale: boolean }
  | { k: 'delete'; ideaId: string; stale: boolean }
  | { k: 'vote'; key: string; value: unknown; greedy: boolean };

interface Room {
  /** Live ideas: id → author and text. */
  ideas: Map<string, { author: string; text: string }>;
  /** Comments: id → text. */
  comments: Map<string, string>;
  /** Ballots: key → stored value. */
  ballots: Map<string, unknown>;
  locked: boolean;
  open: boolean;
}

function cloneRoom(r: Room): Room {
  return {
    ideas: new Map([...r.ideas].map(([id, v]) => [id, { ...v }])),
    comments: new Map(r.comments),
    ballots: new Map(r.ballots),
    locked: r.locked,
    open: r.open,
  };
}

/**
 * The room after `ops` of `author` arrive in one update at a room in state `before` (the rules of
 * docs/server.md, "Roles", for what this test writes): the texts that must show nowhere, whether
 * the sender must be told, the ideas the room writes again, and the ideas whose outcome this model
 * leaves open (stale writes, see `Device.stale`).
 */
function judgeBatch(before: Room, author: string, ops: readonly Op[], authors: ReadonlyMap<string, string>) {
  const after = cloneRoom(before);
  const refusedTexts: string[] = [];
  let refused = false;
  /** Ideas whose value a refused change overwrote or deleted: the room writes them again (`restore`). */
  const restored = new Set<string>();
  /** Ideas written into by a stale op (see `Device.stale`): either outcome; the texts it may show. */
  const uncertain = new Map<string, { texts: Set<string>; mayGo: boolean }>();
  let denialUncertain = false;
  const created = new Set(ops.flatMap((op) => (op.k === 'idea' ? [op.id] : [])));
  const deletedHere = new Set(ops.flatMap((op) => (op.k === 'delete' ? [op.ideaId] : [])));
  const lastVote = new Map<string, Extract<Op, { k: 'vote' }>>();
  for (const op of ops) if (op.k === 'vote') lastVote.set(op.key, op);
  const unlocked = !before.locked;
  for (const op of ops) {
    switch (op.k) {
      case 'idea':
        if (deletedHere.has(op.id)) refusedTexts.push(op.text); // written and deleted in one batch: nothing to judge, nothing shows
        else if (unlocked) after.ideas.set(op.id, { author, text: op.text });
        else {
          refused = true;
          refusedTexts.push(op.text);
        }
        break;
      case 'comment': {
        // The idea must be in the room, or written by this batch and still there at its end.
        const ideaThere = before.ideas.has(op.ideaId) || (created.has(op.ideaId) && !deletedHere.has(op.ideaId));
        if (unlocked && ideaThere) after.comments.set(op.id, op.text);
        else {
          refused = true;
          refusedTexts.push(op.text);
        }
        break;
      }
      case 'edit': {
        if (op.stale) {
          const mayShow = authors.get(op.ideaId) === author && unlocked;
          if (!mayShow) denialUncertain = true;
          const entry = uncertain.get(op.ideaId) ?? { texts: new Set<string>(), mayGo: false };
          uncertain.set(op.ideaId, entry);
          if (mayShow) entry.texts.add(op.text);
          else refusedTexts.push(op.text);
          break;
        }
        if (created.has(op.ideaId)) {
          // Part of the new idea: kept or refused with it.
          const idea = after.ideas.get(op.ideaId);
          if (idea !== undefined) idea.text = op.text;
          else refusedTexts.push(op.text);
          break;
        }
        if (!before.ideas.has(op.ideaId)) {
          refusedTexts.push(op.text); // written into a deleted idea: shows nowhere, refuses nothing
          break;
        }
        if (authors.get(op.ideaId) !== author || !unlocked) {
          refused = true;
          refusedTexts.push(op.text);
          restored.add(op.ideaId);
          break;
        }
        const idea = after.ideas.get(op.ideaId);
        if (idea !== undefined) idea.text = op.text;
        break;
      }
      case 'delete':
        if (op.stale) {
          const mayGo = authors.get(op.ideaId) === author && unlocked;
          if (!mayGo) denialUncertain = true;
          const entry = uncertain.get(op.ideaId) ?? { texts: new Set<string>(), mayGo: false };
          uncertain.set(op.ideaId, entry);
          entry.mayGo ||= mayGo;
        } else if (created.has(op.ideaId)) after.ideas.delete(op.ideaId);
        else if (!before.ideas.has(op.ideaId)) break;
        else if (authors.get(op.ideaId) !== author || !unlocked) {
          refused = true;
          restored.add(op.ideaId);
        } else after.ideas.delete(op.ideaId);
        break;
      case 'vote':
        // Only the ballot the batch ends with is judged (the ones it overwrote are gone).
        if (lastVote.get(op.key) !== op) break;
        if (before.open && !op.greedy) after.ballots.set(op.key, op.value);
        else refused = true;
        break;
    }
  }
  return { after, refused, refusedTexts, restored, uncertain, denialUncertain };
}

// ---- reading documents ------------------------------------------------------------------------

function roomOf(doc: Y.Doc): Pick<Room, 'ideas' | 'comments' | 'ballots'> {
  const r = core.roots(doc);
  const ideas = new Map<string, { author: string; text: string }>();
  for (const [id] of r.ideas) {
    const map = core.getRecord(r.ideas, id);
    if (map !== undefined) ideas.set(id, { author: String(map.get('authorId')), text: String(map.get('text')) });
  }
  const comments = new Map<string, string>();
  for (const [id] of r.comments) {
    const map = core.getRecord(r.comments, id);
    if (map !== undefined) comments.set(id, String(map.get('text')));
  }
  return { ideas, comments, ballots: new Map(Object.entries(r.ballots.toJSON())) };
}

const sorted = <V>(m: ReadonlyMap<string, V>): [string, V][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function modelView(r: Room) {
  return { ideas: sorted(r.ideas), comments: sorted(r.comments), ballots: sorted(r.ballots) };
}

/** Everything visible of the roots this test writes. */
function visible(doc: Y.Doc) {
  const r = core.roots(doc);
  return { ideas: r.ideas.toJSON(), comments: r.comments.toJSON(), ballots: r.ballots.toJSON(), locks: r.locks.toJSON(), polls: r.polls.toJSON() };
}

// ---- one run ----------------------------------------------------------------------------------

interface Device {
  readonly person: Person;
  readonly doc: Y.Doc;
  /** The open connection, or null while offline. */
  client: YClient | null;
  /** Everything written since the last batch reached the server. */
  batch: Op[];
  /**
   * Ideas the room wrote again (a copy of the record, or a field) while this device was offline,
   * because someone else's change to them was refused. This device still has the old record or
   * value, so what it writes into them is not judged here: writes into a record the room has
   * replaced are lost, and a field written again by the room is won by the higher Yjs client id
   * (a known limit of `restore`, not a guarantee: see the top of this file).
   */
  stale: Set<string>;
  session: core.WorkshopSession;
}

/** Closes the device's socket; it keeps its document and writes on into it. */
async function goOffline(device: Device): Promise<void> {
  const client = device.client;
  if (client === null) return;
  client.ws.close();
  await waitFor(() => client.closed !== null, { what: 'the socket to close' });
  device.client = null;
}

function docWithId(clientId: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return doc;
}

let runs = 0;

async function runScenario(srv: PolicyServer, scenario: Scenario): Promise<void> {
  const cleanup = new Cleanup();
  try {
    await play(srv, scenario, cleanup);
  } finally {
    await cleanup.run();
  }
}

async function play(srv: PolicyServer, { participants, clientIds, awayAtStart, commands }: Scenario, cleanup: Cleanup): Promise<void> {
  const room = `settle-property-${++runs}`;
  const [ceriId, oluId, ...deviceIds] = clientIds as [number, number, ...number[]];
  const ceri = await YClient.connect(cleanup, srv.url, room, CERI, { doc: docWithId(ceriId) });
  await ceri.accepted((s) => {
    core.createWorkshop(s.doc, { title: 'Library', origin: s.origin });
    core.joinWorkshop(s);
    core.createBoard(s, { id: BOARD, title: 'Ideas' });
    core.createPoll(s, { id: VOTE, title: 'Which first?', method: 'dots', options: ['Benches', 'Shade'], allowance: ALLOWANCE, open: true });
  });
  const optionIds = ((core.parsePoll(core.roots(ceri.doc).polls.get(VOTE)) as core.Poll).options as readonly core.PollOption[]).map((o) => o.id);
  const watcher = await YClient.connect(cleanup, srv.url, room, OLU, { doc: docWithId(oluId) });

  const devices: Device[] = [];
  for (let i = 0; i < participants; i++) {
    const person = PARTICIPANTS[i] as Person;
    const client = await YClient.connect(cleanup, srv.url, room, person, { doc: docWithId(deviceIds[i] as number) });
    await client.accepted((s) => core.joinWorkshop(s));
    devices.push({ person, doc: client.doc, client, batch: [], stale: new Set(), session: client.session as core.WorkshopSession });
  }
  for (const [i, device] of devices.entries()) if (awayAtStart[i] === true) await goOffline(device);

  let model: Room = { ideas: new Map(), comments: new Map(), ballots: new Map(), locked: false, open: true };
  /** Every idea ever written (kept or not): id → author, in the order written. */
  const authors = new Map<string, string>();
  const refusedTexts = new Set<string>();
  const log: string[] = [];

  const online = (): YClient[] => [ceri, watcher, ...devices.flatMap((d) => (d.client === null ? [] : [d.client]))];
  const syncAll = async (): Promise<void> => {
    await Promise.all(online().map((c) => c.sync()));
  };

  /** The device's batch has reached the server (its client synced since): check it against the model. */
  const arrived = async (device: Device, deniedBefore: number, what: string): Promise<void> => {
    const client = device.client as YClient;
    const judged = judgeBatch(model, device.person.id, device.batch, authors);
    device.stale.clear();
    for (const ideaId of judged.restored) {
      for (const other of devices) {
        if (other === device || other.client !== null) continue;
        // Everything it wrote into the idea since going offline went into the old record too.
        other.stale.add(ideaId);
        for (const op of other.batch) if ((op.k === 'edit' || op.k === 'delete') && op.ideaId === ideaId) op.stale = true;
      }
    }
    device.batch = [];
    model = judged.after;
    for (const text of judged.refusedTexts) refusedTexts.add(text);
    await syncAll();
    const context = `${what}\n${log.join('\n')}`;
    const actual = roomOf(watcher.doc);
    for (const [ideaId, { texts, mayGo }] of judged.uncertain) {
      const was = model.ideas.get(ideaId);
      const now = actual.ideas.get(ideaId);
      if (now === undefined) expect(mayGo || was === undefined, `${ideaId} gone\n${context}`).toBe(true);
      else expect(now.author === was?.author && (now.text === was.text || texts.has(now.text)), `${ideaId} ${now.text}\n${context}`).toBe(true);
      if (now === undefined) model.ideas.delete(ideaId);
      else model.ideas.set(ideaId, now);
    }
    // (2) + (4): the room is exactly the model: everything allowed kept, nothing refused kept.
    expect(modelView({ ...model, ...roomOf(watcher.doc) }), context).toEqual(modelView(model));
    // The sender is told when, and only when, something was refused.
    const denials = client.denials.slice(deniedBefore);
    if (judged.refused) expect(denials.length, context).toBeGreaterThan(0);
    else if (!judged.denialUncertain) expect(denials, context).toEqual([]);
    // The sender's copy shows what the room has (refused items reverted, overwritten values restored).
    expect(visible(device.doc), context).toEqual(visible(watcher.doc));
  };

  /** Ideas in the device's copy, in the order they were written. */
  const ideasIn = (device: Device, own: boolean | null): string[] =>
    [...authors].filter(([id, author]) => core.getRecord(core.roots(device.doc).ideas, id) !== undefined && (own === null || (author === device.person.id) === own)).map(([id]) => id);

  const write = async (device: Device, op: Op | null, change: () => void): Promise<void> => {
    if (op === null) return;
    const deniedBefore = device.client?.denials.length ?? 0;
    device.doc.transact(change, device.session.origin);
    device.batch.push(op);
    if (device.client !== null) {
      await device.client.sync();
      await arrived(device, deniedBefore, `online ${device.person.id}: ${JSON.stringify(op)}`);
    }
  };

  for (const [n, command] of commands.entries()) {
    log.push(`${n}: ${JSON.stringify(command)}`);
    if (command.k === 'lock' || command.k === 'poll') {
      await ceri.accepted((s) => {
        if (command.k === 'lock') {
          if (command.on) core.lockElement(s, BOARD, 'Time to vote');
          else core.unlockElement(s, BOARD);
        } else if (command.open) core.openPoll(s, VOTE);
        else core.closePoll(s, VOTE);
      });
      if (command.k === 'lock') model.locked = command.on;
      else model.open = command.open;
      await syncAll();
      continue;
    }
    const device = devices[command.p % participants] as Device;
    const { doc, session, person } = device;
    const r = core.roots(doc);
    switch (command.k) {
      case 'offline':
        await goOffline(device);
        break;
      case 'online': {
        if (device.client !== null) break;
        device.client = await YClient.connect(cleanup, srv.url, room, person, { doc });
        device.session = device.client.session as core.WorkshopSession;
        await arrived(device, 0, `${person.id} back online`);
        break;
      }
      case 'idea': {
        const text = `Idea ${n}`;
        const op: Op = { k: 'idea', id: '', text };
        await write(device, op, () => {
          try {
            op.id = core.addIdea(session, { boardId: BOARD, text });
          } catch {
            // The device's copy already says the board is locked: written raw, as a device that skips the checks would.
            op.id = core.newId();
            const now = Date.now();
            r.ideas.set(op.id, new Y.Map<unknown>(Object.entries({
              boardId: BOARD, text, authorId: person.id, colour: 'yellow', tag: '', clusterId: null, status: 'published', createdAt: now, updatedAt: now,
            })));
          }
          authors.set(op.id, person.id);
        });
        break;
      }
      case 'comment': {
        const ideas = ideasIn(device, null);
        const ideaId = ideas[command.target % Math.max(1, ideas.length)];
        if (ideaId === undefined) break;
        const text = `Comment ${n}`;
        const op: Op = { k: 'comment', id: '', ideaId, text };
        await write(device, op, () => {
          try {
            op.id = core.addComment(session, { ideaId, text });
          } catch {
            op.id = core.newId();
            const now = Date.now();
            r.comments.set(op.id, new Y.Map<unknown>(Object.entries({ ideaId, text, authorId: person.id, createdAt: now, updatedAt: now })));
          }
        });
        break;
      }
      case 'edit': {
        const ideas = ideasIn(device, command.own);
        const ideaId = ideas[command.target % Math.max(1, ideas.length)];
        if (ideaId === undefined) break;
        const text = `Edit ${n}`;
        await write(device, { k: 'edit', ideaId, text, stale: device.stale.has(ideaId) }, () => {
          const map = core.getRecord(r.ideas, ideaId) as Y.Map<unknown>;
          map.set('text', text);
          map.set('updatedAt', Date.now());
        });
        break;
      }
      case 'delete': {
        const ideas = ideasIn(device, command.own);
        const ideaId = ideas[command.target % Math.max(1, ideas.length)];
        if (ideaId === undefined) break;
        await write(device, { k: 'delete', ideaId, stale: device.stale.has(ideaId) }, () => r.ideas.delete(ideaId));
        break;
      }
      case 'vote': {
        const key = core.ballotKey(VOTE, person.id, session.deviceId);
        const [first, second] = optionIds as [string, string];
        const greedy = command.greedy;
        const choices = greedy ? { [first]: ALLOWANCE, [second]: 1 } : { [first]: command.a, [second]: Math.min(command.b, ALLOWANCE - command.a) };
        const op: Op = { k: 'vote', key, value: null, greedy };
        await write(device, op, () => {
          try {
            if (greedy) throw new Error('over the allowance: written raw');
            core.castBallot(session, VOTE, choices);
          } catch {
            // Over the allowance, or the vote is closed in the device's copy: written raw.
            r.ballots.set(key, { choices: Object.fromEntries(Object.entries(choices).filter(([, v]) => v !== 0)), updatedAt: Date.now() });
          }
          op.value = r.ballots.toJSON()[key] as unknown;
        });
        break;
      }
    }
  }

  // Everyone back online (an offline device's batch arrives as it reconnects).
  for (const device of devices) {
    if (device.client !== null) continue;
    device.client = await YClient.connect(cleanup, srv.url, room, device.person, { doc: device.doc });
    device.session = device.client.session as core.WorkshopSession;
    await arrived(device, 0, `${device.person.id} back online at the end`);
  }
  await syncAll();
  const context = log.join('\n');

  // (1) Every copy shows exactly the room: participants, facilitator, watcher, storage.
  const stored = await srv.stored(room);
  const roomView = visible(stored);
  for (const client of online()) expect(visible(client.doc), `${client.person?.id}\n${context}`).toEqual(roomView);
  expect(modelView({ ...model, ...roomOf(stored) }), context).toEqual(modelView(model));

  // (4) Nothing refused shows anywhere.
  for (const doc of [...online().map((c) => c.doc), stored]) {
    const texts = JSON.stringify([core.roots(doc).ideas.toJSON(), core.roots(doc).comments.toJSON()]);
    for (const text of refusedTexts) expect(texts.includes(`"${text}"`), `${text} visible\n${context}`).toBe(false);
  }

  // (3) Nobody is wedged: on an open board each participant's next idea is accepted, no new denial.
  if (model.locked) await ceri.accepted((s) => core.unlockElement(s, BOARD));
  for (const device of devices) {
    const client = device.client as YClient;
    const before = client.denials.length;
    await client.accepted((s) => core.addIdea(s, { boardId: BOARD, text: `Last word from ${device.person.name}` }));
    expect(client.denials.slice(before), context).toEqual([]);
  }
  await syncAll();
  const texts = core.readBoard(watcher.doc, BOARD).ideas.map((i) => i.text);
  for (const device of devices) expect(texts, context).toContain(`Last word from ${device.person.name}`);
  const final = visible(watcher.doc);
  for (const client of online()) expect(visible(client.doc), `${client.person?.id}\n${context}`).toEqual(final);
}

/** Shrunk counterexamples found by this test, run first every time. */
const COUNTEREXAMPLES: Scenario[] = [
  // A refused first ballot (over the allowance) was garbage at the room; the voter's next, allowed
  // ballot follows it in Yjs and was thrown away with it, silently, for good. Fixed in settle.ts
  // (a refused value at a key without a value becomes a tombstone); also in settle.test.ts.
  {
    participants: 2, clientIds: [16, 32, 48, 64, 80], awayAtStart: [false, false, false],
    commands: [{ k: 'vote', p: 1, a: 0, b: 0, greedy: true }, { k: 'vote', p: 1, a: 0, b: 0, greedy: false }],
  },
  // Ana edits her idea offline while Sam's deletion of it is refused: the room gives Sam the idea
  // back as a copy, and Ana's edit, written into the record the copy replaced, is lost (see `stale`).
  {
    participants: 2, clientIds: [16, 32, 48, 64, 80], awayAtStart: [false, false, false],
    commands: [{ k: 'idea', p: 1 }, { k: 'offline', p: 1 }, { k: 'delete', p: 0, own: false, target: 0 }, { k: 'edit', p: 1, own: true, target: 0 }],
  },
];

describe('settling refused changes (model-based, real server)', () => {
  const cleanup = new Cleanup();
  let srv: PolicyServer;
  beforeAll(async () => {
    srv = await startPolicyServer(cleanup);
  });
  afterAll(() => cleanup.run());

  it('keeps everything allowed, shows nothing refused, converges every copy, and never wedges a sender', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, (scenario) => runScenario(srv, scenario)),
      { seed: 0x5e771e, numRuns: 25, endOnFailure: false, examples: COUNTEREXAMPLES.map((c) => [c]) },
    );
  }, 120_000);
});
