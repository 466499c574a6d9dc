import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addIdea, addPaperVote, castBallot, deleteIdea, closePoll, createCluster, createPoll, deletePaperVote, deletePoll, lockElement,
  openPoll, parsePoll, readPoll, resetPoll, retractBallot, roots, updatePaperVote, updatePoll, WorkshopSession,
  type RankingResults, type TallyResults,
} from '@coproduce/core';
import { expectRejected, fork, session, syncAll, workshop } from './helpers.js';

function dotsWorkshop() {
  const { doc, fac, boardId } = workshop(100);
  const voteId = createPoll(fac, { id: 'priorities', title: 'What first?', method: 'dots', options: [{ id: 'a', label: 'Benches' }, { id: 'b', label: 'Trees' }, { id: 'c', label: 'Lights' }], allowance: 3, perOptionCap: 3, open: true });
  return { doc, fac, boardId, voteId };
}

describe('poll management', () => {
  it('validates poll definitions before writing', () => {
    const { doc, fac } = workshop();
    const ana = session(doc, 'ana');
    expectRejected(doc, 'not-allowed', () => createPoll(ana, { title: 'x', method: 'single', options: ['a', 'b'] }));
    expectRejected(doc, 'required', () => createPoll(fac, { title: 'x', method: 'single', options: ['only one'] }));
    expectRejected(doc, 'required', () => createPoll(fac, { title: '', method: 'single', options: ['a', 'b'] }));
    expectRejected(doc, 'invalid-value', () => createPoll(fac, { title: 'x', method: 'nonsense' as never, options: ['a', 'b'] }));
    expectRejected(doc, 'invalid-value', () => createPoll(fac, { title: 'x', method: 'dots', options: ['a', 'b'], allowance: 0 }));
    expectRejected(doc, 'invalid-value', () => createPoll(fac, { title: 'x', method: 'dots', options: ['a', 'b'], allowance: 3, perOptionCap: 4 }));
    expectRejected(doc, 'invalid-value', () => createPoll(fac, { title: 'x', method: 'multiple', options: ['a', 'b'], maxChoices: 3 }));
    expectRejected(doc, 'required', () => createPoll(fac, { title: 'x', method: 'budget', options: ['a', 'b'] }));
    expectRejected(doc, 'invalid-value', () => createPoll(fac, { title: 'x', method: 'budget', budget: 10, options: [{ label: 'a', cost: 11 }, 'b'] }));
    expectRejected(doc, 'invalid-value', () => createPoll(fac, { title: 'x', method: 'single', options: [{ label: 'a', cost: 1 }, 'b'] }));
    expectRejected(doc, 'invalid-value', () => createPoll(fac, { title: 'x', method: 'scale', options: ['s'], scale: { min: 1, max: 3, labels: ['a', 'b'] } }));
    expectRejected(doc, 'already-exists', () => createPoll(fac, { title: 'x', method: 'single', options: [{ id: 'a', label: 'a' }, { id: 'a', label: 'b' }] }));
    expectRejected(doc, 'invalid-id', () => createPoll(fac, { title: 'x', method: 'single', options: [{ id: '__proto__', label: 'a' }, 'b'] }));
    expectRejected(doc, 'too-many', () => createPoll(fac, { title: 'x', method: 'single', options: Array.from({ length: 101 }, (_, i) => `o${i}`) }));
    expectRejected(doc, 'not-found', () => createPoll(fac, { title: 'x', method: 'single', options: { board: 'missing' } }));
    expectRejected(doc, 'too-long', () => createPoll(fac, { title: 'x', method: 'single', options: ['a', 'b'.repeat(201)] }));
  });

  it('offers a board’s ideas or groups as options', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    const i1 = addIdea(ana, { boardId, text: 'one' });
    const i2 = addIdea(ana, { boardId, text: 'two' });
    const g = createCluster(ana, { boardId, title: 'Group' });
    const fromIdeas = createPoll(fac, { title: 'Pick', method: 'single', options: { board: boardId }, open: true });
    const fromGroups = createPoll(fac, { title: 'Pick', method: 'single', options: { clusters: boardId }, open: true });
    expect(readPoll(doc, fromIdeas).options.map((o) => [o.id, o.label])).toEqual([[i1, 'one'], [i2, 'two']]);
    expect(readPoll(doc, fromGroups).options.map((o) => o.id)).toEqual([g]);
    castBallot(ana, fromIdeas, [i2]);
    expect((readPoll(doc, fromIdeas).results as TallyResults).options[0]).toMatchObject({ id: i2, total: 1 });
  });

  it('opens, closes, updates, resets and deletes polls', () => {
    const { doc, fac, voteId } = dotsWorkshop();
    const ana = session(doc, 'ana');
    castBallot(ana, voteId, { a: 2, b: 1 });
    expectRejected(doc, 'not-allowed', () => updatePoll(fac, voteId, { method: 'single' }));
    updatePoll(fac, voteId, { allowance: 2 });
    const after = readPoll(doc, voteId, ana.viewer);
    expect(after.poll).toMatchObject({ allowance: 2, perOptionCap: 2 });
    expect(after.myBallot).toMatchObject({ counted: false });
    expect(after.results?.ignoredBallots).toBe(1);
    closePoll(fac, voteId);
    expectRejected(doc, 'closed', () => castBallot(ana, voteId, { a: 1 }));
    openPoll(fac, voteId);
    castBallot(ana, voteId, { a: 1 });
    resetPoll(fac, voteId);
    expect(readPoll(doc, voteId, ana.viewer)).toMatchObject({ myBallot: null });
    expect([...roots(doc).ballots.keys()]).toEqual([]);
    deletePoll(fac, voteId);
    expect(readPoll(doc, voteId).poll).toBeNull();
  });
});

describe('casting ballots', () => {
  it('checks the whole ballot against the limits before writing', () => {
    const { doc, voteId, fac } = dotsWorkshop();
    const ana = session(doc, 'ana');
    const olu = session(doc, 'olu', 'observer');
    const over = expectRejected(doc, 'over-allowance', () => castBallot(ana, voteId, { a: 2, b: 2 }));
    expect(over.message).toBe('You have 3 dots to place. This vote uses 4.');
    expectRejected(doc, 'not-found', () => castBallot(ana, voteId, { zz: 1 }));
    expectRejected(doc, 'invalid-id', () => castBallot(ana, voteId, JSON.parse('{"__proto__": 1}') as Record<string, number>));
    expectRejected(doc, 'invalid-value', () => castBallot(ana, voteId, { a: 1.5 }));
    expectRejected(doc, 'invalid-value', () => castBallot(ana, voteId, ['a']));
    expectRejected(doc, 'not-allowed', () => castBallot(olu, voteId, { a: 1 }));
    expectRejected(doc, 'not-found', () => castBallot(ana, 'nope', { a: 1 }));
    lockElement(fac, voteId, 'Counting now');
    expect(expectRejected(doc, 'locked', () => castBallot(ana, voteId, { a: 1 })).message).toContain('Counting now');
  });

  it('writes under the device key and removes the voter’s other device keys it can see', () => {
    const { doc, voteId } = dotsWorkshop();
    const phone = fork(doc, 201);
    const laptop = fork(doc, 202);
    const onPhone = session(phone, 'ana');
    const onLaptop = session(laptop, 'ana');
    castBallot(onPhone, voteId, { a: 3 });
    syncAll(phone, laptop);
    castBallot(onLaptop, voteId, { b: 1, c: 2 });
    expect([...roots(laptop).ballots.keys()]).toEqual(['priorities|ana|202']);
    syncAll(phone, laptop);
    expect([...roots(phone).ballots.keys()]).toEqual(['priorities|ana|202']);
    expect(readPoll(phone, voteId, onPhone.viewer).myBallot?.choices).toEqual({ b: 1, c: 2 });
    retractBallot(onPhone, voteId);
    expect(readPoll(phone, voteId).results?.voters.online).toBe(0);
  });

  it('records paper votes separately from online ones', () => {
    const { doc, fac, voteId } = dotsWorkshop();
    const ana = session(doc, 'ana');
    castBallot(ana, voteId, { a: 3 });
    const entry = addPaperVote(fac, voteId, { choices: { b: 12 }, note: 'Wall chart, library' });
    expectRejected(doc, 'not-allowed', () => addPaperVote(ana, voteId, { choices: { b: 1 } }));
    expectRejected(doc, 'invalid-value', () => addPaperVote(fac, voteId, { choices: { b: 1 }, count: 0 }));
    let results = readPoll(doc, voteId).results as TallyResults;
    expect(results.options.map((o) => [o.id, o.online, o.paper])).toEqual([['b', 0, 12], ['a', 3, 0], ['c', 0, 0]]);
    updatePaperVote(fac, voteId, entry, { choices: { b: 2 } });
    results = readPoll(doc, voteId).results as TallyResults;
    expect(results.options[0]).toMatchObject({ id: 'a', total: 3 });
    expect(deletePaperVote(fac, voteId, entry)).toBe(true);
    expect(readPoll(doc, voteId).paperVotes).toHaveLength(0);
  });

  it('counts ranking ballots cast through sessions', () => {
    const { doc, fac } = workshop();
    const voteId = createPoll(fac, { title: 'Rank', method: 'ranking', options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }], open: true });
    castBallot(session(doc, 'a'), voteId, ['x', 'y']);
    castBallot(session(doc, 'b'), voteId, ['y']);
    const results = readPoll(doc, voteId).results as RankingResults;
    expect(results.options.map((o) => [o.id, o.total, o.rank, o.tied])).toEqual([['x', 1, 1, true], ['y', 1, 1, true]]);
  });
});

describe('allowance and budget under concurrency', () => {
  it('counts one voter once, within the allowance, after two devices and an offline device merge', () => {
    const { doc: server, voteId } = dotsWorkshop();
    const phone = fork(server, 301);
    const laptop = fork(server, 302);
    const tablet = fork(server, 303); // goes offline
    const p = new WorkshopSession(phone, { user: { id: 'ana', name: 'Ana', role: 'participant' }, now: () => 5_000 });
    const l = new WorkshopSession(laptop, { user: { id: 'ana', name: 'Ana', role: 'participant' }, now: () => 5_000 });
    const t = new WorkshopSession(tablet, { user: { id: 'ana', name: 'Ana', role: 'participant' }, now: () => 4_000 });
    castBallot(p, voteId, { a: 3 });
    castBallot(l, voteId, { b: 3 });
    castBallot(t, voteId, { a: 1, b: 1, c: 1 });
    syncAll(server, phone, laptop);
    syncAll(server, tablet);
    for (const doc of [server, phone, laptop, tablet]) {
      const results = readPoll(doc, voteId).results as TallyResults;
      expect(results.voters.online).toBe(1);
      expect(results.options.reduce((sum, o) => sum + o.online, 0)).toBe(3);
      // Same updatedAt on phone and laptop: the greater device id (302, the laptop) wins.
      expect(results.options.find((o) => o.id === 'b')?.online).toBe(3);
    }
  });

  it('voids a ballot cast offline before a reset when it syncs later', () => {
    const { doc: server, fac, voteId } = dotsWorkshop();
    const tablet = fork(server, 401);
    castBallot(session(tablet, 'ana'), voteId, { a: 3 });
    resetPoll(fac, voteId);
    syncAll(server, tablet);
    expect(readPoll(server, voteId).results?.voters.online).toBe(0);
    castBallot(session(tablet, 'ana'), voteId, { c: 1 });
    syncAll(server, tablet);
    expect(readPoll(server, voteId).results?.voters.online).toBe(1);
  });

  it('never counts any voter beyond allowance or budget, whatever the devices, clocks and delivery order (property)', () => {
    const choice = fc.record({ a: fc.integer({ min: 0, max: 4 }), b: fc.integer({ min: 0, max: 4 }), c: fc.integer({ min: 0, max: 4 }) });
    const action = fc.record({ device: fc.nat(5), method: fc.constantFrom('dots', 'budget'), choices: choice, clockSkew: fc.integer({ min: -5000, max: 5000 }) });
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 14 }), fc.array(fc.nat(100), { minLength: 30, maxLength: 30 }), (actions, order) => {
        const { doc: server, fac } = workshop(1000);
        const dots = createPoll(fac, { id: 'dots', title: 'Dots', method: 'dots', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }], allowance: 4, perOptionCap: 3, open: true });
        const budget = createPoll(fac, { id: 'budget', title: 'Budget', method: 'budget', options: [{ id: 'a', label: 'A', cost: 3 }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }], budget: 5, open: true });
        // Six devices: three people with two devices each.
        const devices = Array.from({ length: 6 }, (_, i) => fork(server, 2000 + i));
        const updates: Uint8Array[] = [];
        devices.forEach((d) => d.on('update', (u: Uint8Array, origin: unknown) => {
          if (origin !== 'sync') updates.push(u);
        }));
        actions.forEach((a, step) => {
          const device = devices[a.device] as Y.Doc;
          const s = new WorkshopSession(device, { user: { id: `voter${a.device % 3}`, name: 'V', role: 'participant' }, now: () => 10_000 + step * 10 + a.clockSkew, undo: false });
          const voteId = a.method === 'dots' ? dots : budget;
          try {
            castBallot(s, voteId, a.choices);
          } catch {
            // over the limit: refused locally, nothing written
          }
          // Occasionally a device hears from another one before its next vote.
          const k = order[step] ?? 0;
          if (k % 3 === 0) {
            const from = devices[k % 6] as Y.Doc;
            Y.applyUpdate(device, Y.encodeStateAsUpdate(from), 'sync');
          }
        });
        // Deliver every update to the server in a scrambled order, some twice.
        const scrambled = updates.map((u, i) => ({ u, key: order[i % order.length] ?? 0 })).sort((x, y) => x.key - y.key);
        for (const { u, key } of scrambled) {
          Y.applyUpdate(server, u, 'sync');
          if (key % 4 === 0) Y.applyUpdate(server, u, 'sync');
        }
        for (const d of devices) Y.applyUpdate(d, Y.encodeStateAsUpdate(server), 'sync');
        const dotsResults = readPoll(server, dots).results as TallyResults;
        const budgetResults = readPoll(server, budget).results as TallyResults;
        expect(dotsResults.voters.online).toBeLessThanOrEqual(3);
        expect(dotsResults.options.reduce((s, o) => s + o.online, 0)).toBeLessThanOrEqual(4 * dotsResults.voters.online);
        for (const o of dotsResults.options) expect(o.online).toBeLessThanOrEqual(3 * dotsResults.voters.online);
        expect(budgetResults.options.reduce((s, o) => s + o.online, 0)).toBeLessThanOrEqual(5 * budgetResults.voters.online);
        // Every device agrees.
        for (const d of devices) {
          expect(readPoll(d, dots).results).toEqual(dotsResults);
          expect(readPoll(d, budget).results).toEqual(budgetResults);
        }
      }),
      { seed: 4242, numRuns: 60 },
    );
  });
});

describe('anonymous and named votes', () => {
  it('never lists who voted what for an anonymous vote, and lists counted votes by voter for a named one', () => {
    const { doc, fac } = workshop();
    const anon = createPoll(fac, { id: 'anon', title: 'Anon', method: 'single', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], open: true });
    const named = createPoll(fac, { id: 'named', title: 'Named', method: 'multiple', anonymous: false, maxChoices: 1, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], open: true });
    for (const [who, choice] of [['zoe', 'a'], ['ana', 'b']] as const) {
      castBallot(session(doc, who), anon, [choice]);
      castBallot(session(doc, who), named, [choice]);
    }
    castBallot(session(doc, 'cai'), named, ['a']);
    retractBallot(session(doc, 'cai'), named);
    expect(readPoll(doc, anon).namedBallots).toBeNull();
    expect(readPoll(doc, named).namedBallots?.map((b) => [b.voterId, b.choices])).toEqual([['ana', ['b']], ['zoe', ['a']]]);
  });

  it('refuses to make an anonymous vote named once anyone has voted, but allows the reverse', () => {
    const { doc, fac } = workshop();
    const anon = createPoll(fac, { id: 'anon', title: 'Anon', method: 'single', options: ['A', 'B'], open: true });
    updatePoll(fac, anon, { anonymous: false });
    updatePoll(fac, anon, { anonymous: true });
    const [first] = readPoll(doc, anon).options;
    castBallot(session(doc, 'ana'), anon, [first!.id]);
    const error = expectRejected(doc, 'not-allowed', () => updatePoll(fac, anon, { anonymous: false }));
    expect(error.field).toBe('anonymous');
    resetPoll(fac, anon);
    expect(updatePoll(fac, anon, { anonymous: false }).anonymous).toBe(false);
    updatePoll(fac, anon, { anonymous: true });
    expect(readPoll(doc, anon).poll?.anonymous).toBe(true);
  });

  it('tells a voter why their vote no longer counts', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    const idea = addIdea(ana, { boardId, text: 'Benches' });
    addIdea(ana, { boardId, text: 'Trees' });
    const voteId = createPoll(fac, { title: 'Pick', method: 'single', options: { board: boardId }, open: true });
    castBallot(ana, voteId, [idea]);
    expect(readPoll(doc, voteId, ana.viewer).myBallot).toMatchObject({ counted: true, problem: null });
    deleteIdea(fac, idea);
    const mine = readPoll(doc, voteId, ana.viewer).myBallot;
    expect(mine?.counted).toBe(false);
    expect(mine?.problem?.code).toBe('not-found');
    expect(mine?.problem?.message).toBe('The options you voted for are no longer in this vote. Please vote again.');
  });
});

describe('stored polls', () => {
  it('read as anonymous unless they say otherwise, so a missing field never reveals voters', () => {
    const base = { title: 'What first?', method: 'single', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] };
    expect(parsePoll(base)?.anonymous).toBe(true);
    expect(parsePoll({ ...base, anonymous: 'no' })?.anonymous).toBe(true);
    expect(parsePoll({ ...base, anonymous: false })?.anonymous).toBe(false);
  });
});
