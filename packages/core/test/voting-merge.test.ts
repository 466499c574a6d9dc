/**
 * Honest counting under concurrent and offline edits: several Y.Doc peers (one person's phone,
 * laptop and an offline tablet; several voters; a facilitator), updates delivered in random order,
 * duplicated and late. The per-voter rule (docs/document-model.md, "Honest counting under
 * concurrency") must make every peer agree, count each voter once, with their latest ballot, and
 * never past their allowance or budget.
 */
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  WorkshopSession, addPaperVote, castBallot, compareDeviceIds, countPoll, createPoll, effectiveBallots, collectBallots,
  readPoll, resetPoll, retractBallot, updatePoll, type BallotEntry, type ChoicesInput, type Poll, type PollInput,
  type PollMethod, type PollResults, type RankingResults, type ScaleResults, type TallyResults,
} from '@coproduce/core';
import { fork, syncAll, workshop } from './helpers.js';

const OPTIONS = [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }, { id: 'd', label: 'D' }];

const POLLS: Record<PollMethod, PollInput> = {
  dots: { id: 'dots', title: 'Dots', method: 'dots', options: OPTIONS, allowance: 4, perOptionCap: 3, open: true },
  single: { id: 'single', title: 'Single', method: 'single', options: OPTIONS, open: true },
  multiple: { id: 'multiple', title: 'Multiple', method: 'multiple', options: OPTIONS, maxChoices: 2, open: true },
  ranking: { id: 'ranking', title: 'Ranking', method: 'ranking', options: OPTIONS, open: true },
  budget: { id: 'budget', title: 'Budget', method: 'budget', options: [{ id: 'a', label: 'A', cost: 6 }, ...OPTIONS.slice(1)], budget: 10, open: true },
  scale: { id: 'scale', title: 'Scale', method: 'scale', options: OPTIONS, scale: { min: 1, max: 3, labels: ['No', 'Maybe', 'Yes'] }, open: true },
};
const METHODS = Object.keys(POLLS) as PollMethod[];

function setUp(): { server: Y.Doc; fac: WorkshopSession } {
  const { doc, fac } = workshop(10);
  for (const method of METHODS) createPoll(fac, POLLS[method]);
  return { server: doc, fac };
}

function person(doc: Y.Doc, id: string, now: () => number): WorkshopSession {
  return new WorkshopSession(doc, { user: { id, name: id, role: 'participant' }, now, undo: false });
}

function pollOf(doc: Y.Doc, voteId: string): Poll {
  const poll = readPoll(doc, voteId).poll;
  if (poll === null) throw new Error(`no poll ${voteId}`);
  return poll;
}

/** Per-voter limits, checked on any peer at any moment. */
function expectWithinLimits(poll: Poll, results: PollResults): void {
  if (results.method === 'dots' && poll.method === 'dots') {
    expect(results.options.reduce((s, o) => s + o.online, 0)).toBeLessThanOrEqual(poll.allowance * results.voters.online);
    for (const o of results.options) expect(o.online).toBeLessThanOrEqual(poll.perOptionCap * results.voters.online);
  }
  if (results.method === 'budget' && poll.method === 'budget') {
    expect(results.options.reduce((s, o) => s + o.online, 0)).toBeLessThanOrEqual(poll.budget * results.voters.online);
  }
  if (results.method === 'single' || results.method === 'multiple') {
    const max = poll.method === 'multiple' ? poll.maxChoices : 1;
    expect(results.options.reduce((s, o) => s + o.online, 0)).toBeLessThanOrEqual(max * results.voters.online);
  }
  if (results.method === 'ranking') {
    const n = results.options.length;
    // Borda points of one ballot are at most (n−1) + (n−2) + … + 0.
    expect(results.options.reduce((s, o) => s + o.online, 0)).toBeLessThanOrEqual(((n * (n - 1)) / 2) * results.voters.online);
  }
  if (results.method === 'scale') {
    for (const s of results.statements) expect(s.responses).toBeLessThanOrEqual(results.voters.total);
  }
}

/** A network between peers: each local update is queued for every other peer and delivered when told. */
class Network {
  readonly queues: Uint8Array[][];
  constructor(readonly docs: Y.Doc[]) {
    this.queues = docs.map(() => []);
    docs.forEach((doc, from) => doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'net') return;
      docs.forEach((_, to) => {
        if (to !== from) this.queues[to]?.push(update);
      });
    }));
  }

  /** Delivers one queued update to peer `to` (chosen by `pick`), sometimes twice. */
  deliverOne(to: number, pick: number): void {
    const queue = this.queues[to] as Uint8Array[];
    if (queue.length === 0) return;
    const [update] = queue.splice(pick % queue.length, 1);
    Y.applyUpdate(this.docs[to] as Y.Doc, update as Uint8Array, 'net');
    if (pick % 7 === 0) Y.applyUpdate(this.docs[to] as Y.Doc, update as Uint8Array, 'net');
  }

  /** Delivers everything, newest first (the worst order for Yjs' pending structs). */
  deliverAll(): void {
    this.docs.forEach((doc, to) => {
      const queue = this.queues[to] as Uint8Array[];
      while (queue.length > 0) Y.applyUpdate(doc, queue.pop() as Uint8Array, 'net');
    });
  }
}

type Action =
  | { kind: 'cast'; device: number; list: string[]; amounts: Record<string, number>; greedy: boolean; skew: number }
  | { kind: 'retract'; device: number; skew: number }
  | { kind: 'deliver'; device: number; pick: number; times: number }
  | { kind: 'reset' }
  | { kind: 'limits'; tight: boolean };

const ids = fc.constantFrom('a', 'b', 'c', 'd');
const skew = fc.integer({ min: -3000, max: 3000 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('cast' as const), device: fc.nat(6), list: fc.uniqueArray(ids, { minLength: 1, maxLength: 4 }), amounts: fc.dictionary(ids, fc.integer({ min: 0, max: 3 }), { minKeys: 1, maxKeys: 4 }), greedy: fc.boolean(), skew }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), device: fc.nat(6), skew }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('deliver' as const), device: fc.nat(7), pick: fc.nat(1000), times: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('limits' as const), tight: fc.boolean() }) },
);

/**
 * Choices for a cast: mostly within the limits; a "greedy" voter asks for as much as the generator
 * gave (which the device refuses when it is over the limits it can see).
 */
function choicesFor(method: PollMethod, action: Extract<Action, { kind: 'cast' }>): ChoicesInput {
  const { list, amounts, greedy } = action;
  switch (method) {
    case 'single': return greedy ? list : list.slice(0, 1);
    case 'multiple': return greedy ? list : list.slice(0, 2);
    case 'ranking': return list;
    case 'scale': return amounts; // 0 is out of the 1–3 range: refused
    case 'dots': return greedy ? Object.fromEntries(Object.entries(amounts).map(([k, v]) => [k, v + 1])) : amounts;
    case 'budget': return Object.fromEntries(Object.entries(amounts).map(([k, v]) => [k, k === 'a' ? (v > 1 ? 6 : 0) : greedy ? v * 2 : v]));
  }
}

describe('honest counting with several peers and random delivery (model-based)', () => {
  it('every peer ends with the same results: each voter’s latest ballot, once, within the limits — for every method', () => {
    fc.assert(
      fc.property(fc.constantFrom(...METHODS), fc.array(actionArb, { minLength: 5, maxLength: 60 }), (method, actions) => {
        const { server, fac: serverFac } = setUp();
        // Devices 0–6: three people (ana: 0, 1, 2 — phone, laptop, a tablet that is often offline;
        // ben: 3, 4; cai: 5, 6), device 7: the facilitator's laptop.
        const voters = ['ana', 'ana', 'ana', 'ben', 'ben', 'cai', 'cai'];
        const docs = [...voters.map((_, i) => fork(server, 100 + i)), fork(server, 200)];
        serverFac.destroy();
        const net = new Network(docs);
        const facDoc = docs[7] as Y.Doc;
        let clock = 1_700_000_100_000;
        const fac = new WorkshopSession(facDoc, { user: { id: 'fac', name: 'Fran', role: 'facilitator' }, now: () => clock, undo: false });
        // Every ballot any device wrote: the model of what was cast.
        const cast: BallotEntry[] = [];

        for (const action of actions) {
          clock += 10;
          if (action.kind === 'deliver') {
            for (let i = 0; i < action.times; i++) net.deliverOne(action.device, action.pick + i * 31);
            continue;
          }
          if (action.kind === 'reset') {
            resetPoll(fac, method);
            continue;
          }
          if (action.kind === 'limits') {
            updatePoll(fac, 'dots', action.tight ? { allowance: 2, perOptionCap: 2 } : { allowance: 4, perOptionCap: 3 });
            updatePoll(fac, 'budget', { budget: action.tight ? 8 : 10 });
            updatePoll(fac, 'multiple', { maxChoices: action.tight ? 1 : 2 });
            continue;
          }
          const doc = docs[action.device] as Y.Doc;
          const voterId = voters[action.device] as string;
          const now = clock + action.skew;
          const s = person(doc, voterId, () => now);
          try {
            const ballot = action.kind === 'retract' ? retractBallot(s, method) : castBallot(s, method, choicesFor(method, action));
            cast.push({ voterId, deviceId: s.deviceId, ballot });
          } catch {
            // Refused before writing (over a limit on this device's view): nothing was cast.
          }
          // At every moment, on every peer, nobody is counted past the limits.
          for (const peer of docs) {
            const snapshot = readPoll(peer, method);
            // Updates of one device delivered out of order can leave the poll briefly unreadable
            // (Yjs applies a delete at once but holds an insert until the updates before it arrive):
            // then nothing is counted at all, which is within every limit.
            if (snapshot.poll === null) continue;
            expectWithinLimits(snapshot.poll as Poll, snapshot.results as PollResults);
          }
        }

        net.deliverAll();
        {
          const poll = pollOf(facDoc, method);
          const options = readPoll(facDoc, method).options;
          // Model: per voter, the ballot with the greatest stamp (then device id) among all ever
          // cast after the last reset — whatever the order it arrived in, and although devices
          // deleted the keys of older ballots they had seen.
          const latest = new Map<string, BallotEntry>();
          for (const entry of cast) {
            if (poll.resetAt > 0 && entry.ballot.updatedAt <= poll.resetAt) continue;
            const current = latest.get(entry.voterId);
            if (!current || entry.ballot.updatedAt > current.ballot.updatedAt
              || (entry.ballot.updatedAt === current.ballot.updatedAt && compareDeviceIds(entry.deviceId, current.deviceId) > 0)) {
              latest.set(entry.voterId, entry);
            }
          }
          const expected = countPoll(poll, options, latest.values());
          for (const peer of docs) {
            const snapshot = readPoll(peer, method);
            expect(snapshot.poll).toEqual(poll);
            const stored = effectiveBallots(poll, collectBallots(peer, method, poll.method));
            expect(new Map([...stored].map(([v, e]) => [v, [e.deviceId, e.ballot.updatedAt]])))
              .toEqual(new Map([...latest].map(([v, e]) => [v, [e.deviceId, e.ballot.updatedAt]])));
            expect(snapshot.results).toEqual(expected);
            expectWithinLimits(poll, snapshot.results as PollResults);
          }
        }
        for (const doc of docs) doc.destroy();
      }),
      { seed: 20_240_404, numRuns: 200 },
    );
  });
});

/** Three devices of one person plus another voter, synced through a server copy by hand. */
function devices() {
  const { server, fac } = setUp();
  const phone = fork(server, 301);
  const laptop = fork(server, 302);
  const tablet = fork(server, 303);
  const other = fork(server, 304);
  return { server, fac, phone, laptop, tablet, other };
}

describe('one person, several devices, for every method', () => {
  const cases: { method: PollMethod; first: ChoicesInput; second: ChoicesInput; offline: ChoicesInput }[] = [
    { method: 'dots', first: { a: 3 }, second: { b: 2, c: 2 }, offline: { a: 1, d: 3 } },
    { method: 'single', first: ['a'], second: ['b'], offline: ['d'] },
    { method: 'multiple', first: ['a', 'b'], second: ['c'], offline: ['d', 'a'] },
    { method: 'ranking', first: ['a', 'b', 'c'], second: ['d', 'c'], offline: ['b', 'a', 'd', 'c'] },
    { method: 'budget', first: { a: 6, b: 4 }, second: { b: 5, c: 5 }, offline: { d: 10 } },
    { method: 'scale', first: { a: 1, b: 2 }, second: { a: 3 }, offline: { c: 2, d: 1 } },
  ];

  for (const { method, first, second, offline } of cases) {
    it(`${method}: two devices at once and a late offline device count as one voter, with the latest ballot`, () => {
      const { server, phone, laptop, tablet, other } = devices();
      // The tablet votes first (earliest stamp) while offline; phone and laptop vote at the same moment.
      castBallot(person(tablet, 'ana', () => 1_800_000_000_000), method, offline);
      castBallot(person(phone, 'ana', () => 1_800_000_000_500), method, first);
      castBallot(person(laptop, 'ana', () => 1_800_000_000_500), method, second);
      castBallot(person(other, 'ben', () => 1_800_000_000_100), method, first);
      syncAll(server, phone, laptop, other);
      syncAll(server, tablet);
      syncAll(server, phone, laptop, tablet, other);
      for (const doc of [server, phone, laptop, tablet, other]) {
        const snapshot = readPoll(doc, method, { id: 'ana', role: 'participant' });
        expect(snapshot.results?.voters.online).toBe(2);
        // Equal stamps: the greater device id (the laptop, 302) wins; the older offline vote never does.
        expect(snapshot.myBallot?.choices).toEqual(second);
        expect(snapshot.results).toEqual(readPoll(server, method).results);
      }
      // A new vote on the tablet, now synced, outranks everything and removes the other device keys.
      castBallot(person(tablet, 'ana', () => 1_700_000_000_000 /* clock far behind */), method, offline);
      syncAll(server, phone, laptop, tablet, other);
      expect(readPoll(server, method, { id: 'ana', role: 'participant' }).myBallot?.choices).toEqual(offline);
      expect([...server.getMap('ballots').keys()].filter((k) => k.startsWith(`${method}|ana|`))).toEqual([`${method}|ana|303`]);
    });
  }

  it('a withdrawal wins over an older offline vote, and a newer offline vote wins over a withdrawal', () => {
    const { server, phone, tablet } = devices();
    castBallot(person(tablet, 'ana', () => 1_800_000_000_000), 'single', ['a']);
    castBallot(person(phone, 'ana', () => 1_800_000_001_000), 'single', ['b']);
    retractBallot(person(phone, 'ana', () => 1_800_000_002_000), 'single');
    syncAll(server, phone, tablet);
    expect(readPoll(server, 'single').results?.voters.online).toBe(0);
    expect(readPoll(server, 'single', { id: 'ana', role: 'participant' }).myBallot).toBeNull();

    const laptop = fork(server, 305);
    const offline = fork(server, 306);
    retractBallot(person(laptop, 'ana', () => 1_800_000_003_000), 'single');
    castBallot(person(offline, 'ana', () => 1_800_000_004_000), 'single', ['c']);
    syncAll(server, laptop);
    syncAll(server, offline);
    const results = readPoll(server, 'single').results as TallyResults;
    expect(results.voters.online).toBe(1);
    expect(results.options[0]).toMatchObject({ id: 'c', online: 1 });
  });

  it('a device that voted over a limit lowered meanwhile is not counted, and says so to the voter', () => {
    const { server, fac, tablet } = devices();
    castBallot(person(tablet, 'ana', () => 1_800_000_000_000), 'dots', { a: 3, b: 1 });
    updatePoll(fac, 'dots', { allowance: 2, perOptionCap: 2 });
    syncAll(server, tablet);
    const snapshot = readPoll(server, 'dots', { id: 'ana', role: 'participant' });
    expect(snapshot.results?.voters.online).toBe(0);
    expect(snapshot.results?.ignoredBallots).toBe(1);
    expect(snapshot.myBallot).toMatchObject({ counted: false });
    expect(snapshot.myBallot?.problem?.code).toBe('over-allowance');
  });

  it('paper votes entered on two facilitator devices at once are all kept, apart from online votes', () => {
    const { server, fac, other } = devices();
    const facLaptop = fork(server, 400);
    const fac2 = new WorkshopSession(facLaptop, { user: { id: 'fac', name: 'Fran', role: 'facilitator' }, undo: false });
    addPaperVote(fac, 'ranking', { choices: ['a', 'b'], count: 3, note: 'Library' });
    addPaperVote(fac2, 'ranking', { choices: ['b', 'a'], count: 2, note: 'Market' });
    castBallot(person(other, 'ben', () => 1_800_000_000_000), 'ranking', ['c']);
    syncAll(server, facLaptop, other);
    for (const doc of [server, facLaptop, other]) {
      const results = readPoll(doc, 'ranking').results as RankingResults;
      expect(results.voters).toEqual({ online: 1, paper: 5, total: 6 });
      expect(results.rankings).toEqual([
        { ranking: ['c'], count: 1, source: 'online' },
        { ranking: ['a', 'b'], count: 3, source: 'paper' },
        { ranking: ['b', 'a'], count: 2, source: 'paper' },
      ]);
    }
  });

  it('scale: each statement is answered once per voter after a merge', () => {
    const { server, phone, laptop } = devices();
    castBallot(person(phone, 'ana', () => 1_800_000_000_000), 'scale', { a: 3, b: 3 });
    castBallot(person(laptop, 'ana', () => 1_800_000_000_001), 'scale', { a: 1 });
    syncAll(server, phone, laptop);
    const results = readPoll(server, 'scale').results as ScaleResults;
    expect(results.statements.find((s) => s.id === 'a')).toMatchObject({ responses: 1, mean: 1 });
    expect(results.statements.find((s) => s.id === 'b')).toMatchObject({ responses: 0, mean: null });
  });
});
