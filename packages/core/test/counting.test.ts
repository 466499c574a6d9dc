import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ballotProblem, ballotUsage, countPoll, effectiveBallots, rankingsToCsv, type BallotEntry, type PaperVoteEntry, type Poll, type ResolvedOption,
  type RankingResults, type ScaleResults, type TallyResults,
} from '@coproduce/core';

const base = { title: 'Q', description: '', open: true, anonymous: true, createdAt: 0, updatedAt: 0, order: 'a0', resetAt: 0 };
const opts = (...ids: string[]): ResolvedOption[] => ids.map((id) => ({ id, label: id.toUpperCase(), cost: null }));
const list = (...ids: string[]) => ids.map((id) => ({ id, label: id.toUpperCase() }));
let clock = 1;
const ballot = (voterId: string, choices: BallotEntry['ballot']['choices'], deviceId = '1', updatedAt = clock++): BallotEntry => ({ voterId, deviceId, ballot: { choices, updatedAt } });
const paper = (choices: PaperVoteEntry['vote']['choices'], count = 1): PaperVoteEntry => ({ entryId: `p${clock++}`, vote: { choices, count, note: '', createdAt: 0, updatedAt: 0 } });
const totals = (results: TallyResults | RankingResults): Record<string, [number, number, number, number, boolean]> =>
  Object.fromEntries(results.options.map((o) => [o.id, [o.online, o.paper, o.total, o.rank, o.tied]]));

describe('dots', () => {
  const poll: Poll = { ...base, method: 'dots', options: list('a', 'b', 'c'), allowance: 3, perOptionCap: 2 };
  const options = opts('a', 'b', 'c');

  it('adds dots per option, ranks with ties, and keeps paper separate', () => {
    const results = countPoll(poll, options, [
      ballot('v1', { a: 2, b: 1 }),
      ballot('v2', { b: 2, c: 1 }),
      ballot('v3', { c: 2 }),
    ], [paper({ a: 1 })]) as TallyResults;
    expect(totals(results)).toEqual({ a: [2, 1, 3, 1, true], b: [3, 0, 3, 1, true], c: [3, 0, 3, 1, true] });
    expect(results.voters).toEqual({ online: 3, paper: 1, total: 4 });
    expect(results.options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });

  it('ignores ballots over the allowance or the per-option cap, and explains why', () => {
    expect(ballotProblem(poll, options, { a: 2, b: 2 })?.code).toBe('over-allowance');
    expect(ballotProblem(poll, options, { a: 2, b: 2 })?.message).toBe('You have 3 dots to place. This vote uses 4.');
    expect(ballotProblem(poll, options, { a: 3 })?.message).toBe('You can put up to 2 dots on one option. This vote puts 3 on “A”.');
    expect(ballotProblem(poll, options, { a: -1 })?.code).toBe('invalid-value');
    expect(ballotProblem(poll, options, { z: 1 })?.code).toBe('not-found');
    expect(ballotProblem(poll, options, { a: 1 }, 'paper')).toBeNull();
    expect(ballotProblem(poll, options, { a: 50 }, 'paper')).toBeNull();
    const results = countPoll(poll, options, [ballot('v1', { a: 2, b: 2 }), ballot('v2', { a: 1 })]) as TallyResults;
    expect(results.ignoredBallots).toBe(1);
    expect(results.voters.online).toBe(1);
    expect(totals(results)['a']).toEqual([1, 0, 1, 1, false]);
  });

  it('applies limits lowered after voting (ballots that now break them are ignored)', () => {
    const stricter: Poll = { ...poll, allowance: 2, perOptionCap: 2 };
    const results = countPoll(stricter, options, [ballot('v1', { a: 2, b: 1 }), ballot('v2', { b: 2 })]) as TallyResults;
    expect(results.ignoredBallots).toBe(1);
    expect(totals(results)['b']).toEqual([2, 0, 2, 1, false]);
  });
});

describe('per-voter rule', () => {
  const poll: Poll = { ...base, method: 'single', options: list('a', 'b') };
  const options = opts('a', 'b');

  it('counts only each voter’s latest ballot; ties go to the greater device id (numerically)', () => {
    const entries = [
      ballot('v1', ['a'], '5', 100),
      ballot('v1', ['b'], '7', 200),
      ballot('v2', ['a'], '9', 300),
      ballot('v2', ['b'], '10', 300),
    ];
    const chosen = effectiveBallots(poll, entries);
    expect(chosen.get('v1')?.deviceId).toBe('7');
    expect(chosen.get('v2')?.deviceId).toBe('10');
    expect(totals(countPoll(poll, options, entries) as TallyResults)).toEqual({ b: [2, 0, 2, 1, false], a: [0, 0, 0, 2, false] });
  });

  it('does not let an older valid ballot stand in for a newer invalid one', () => {
    const multiple: Poll = { ...base, method: 'multiple', options: list('a', 'b', 'c'), maxChoices: 1 };
    const results = countPoll(multiple, opts('a', 'b', 'c'), [ballot('v1', ['a'], '1', 1), ballot('v1', ['b', 'c'], '2', 2)]) as TallyResults;
    expect(results.ignoredBallots).toBe(1);
    expect(results.voters.online).toBe(0);
  });

  it('treats an empty latest ballot as a withdrawn vote and voids ballots from before a reset', () => {
    const entries = [ballot('v1', ['a'], '1', 10), ballot('v1', [], '2', 20), ballot('v2', ['b'], '1', 5)];
    const results = countPoll(poll, options, entries) as TallyResults;
    expect(results.voters.online).toBe(1);
    const reset = countPoll({ ...poll, resetAt: 5 }, options, entries) as TallyResults;
    expect(reset.voters.online).toBe(0);
  });

  it('drops choices for options that no longer exist and counts the rest', () => {
    const results = countPoll({ ...base, method: 'multiple', options: list('a', 'b'), maxChoices: 2 }, opts('a'), [ballot('v1', ['a', 'gone'])]) as TallyResults;
    expect(totals(results)).toEqual({ a: [1, 0, 1, 1, false] });
    expect(results.ignoredBallots).toBe(0);
  });
});

describe('single and multiple choice', () => {
  it('counts single choice and rejects more than one choice', () => {
    const poll: Poll = { ...base, method: 'single', options: list('a', 'b', 'c') };
    const options = opts('a', 'b', 'c');
    const results = countPoll(poll, options, [ballot('1', ['a']), ballot('2', ['b']), ballot('3', ['b'])], [paper(['c'], 2)]) as TallyResults;
    expect(totals(results)).toEqual({ b: [2, 0, 2, 1, true], c: [0, 2, 2, 1, true], a: [1, 0, 1, 3, false] });
    expect(ballotProblem(poll, options, ['a', 'b'])?.code).toBe('too-many');
    expect(ballotProblem(poll, options, ['a', 'b'], 'paper')?.code).toBe('too-many');
  });

  it('counts multiple choice within maxChoices, refusing duplicates', () => {
    const poll: Poll = { ...base, method: 'multiple', options: list('a', 'b', 'c'), maxChoices: 2 };
    const options = opts('a', 'b', 'c');
    expect(ballotProblem(poll, options, ['a', 'b', 'c'])?.message).toBe('You can choose up to 2 options. This vote chooses 3.');
    expect(ballotProblem(poll, options, ['a', 'a'])?.code).toBe('invalid-value');
    const results = countPoll(poll, options, [ballot('1', ['a', 'b']), ballot('2', ['b']), ballot('3', ['a', 'b', 'c'])]) as TallyResults;
    expect(totals(results)).toEqual({ b: [2, 0, 2, 1, false], a: [1, 0, 1, 2, false], c: [0, 0, 0, 3, false] });
    expect(results.options.find((o) => o.id === 'b')?.supporters).toBe(2);
  });
});

describe('ranking (Borda count)', () => {
  const poll: Poll = { ...base, method: 'ranking', options: list('a', 'b', 'c') };
  const options = opts('a', 'b', 'c');

  it('gives n−1 points for first place down to 0 for last, 0 for unranked, and exports rankings', () => {
    const results = countPoll(poll, options, [
      ballot('1', ['a', 'b', 'c']),
      ballot('2', ['b', 'a', 'c']),
      ballot('3', ['c']),
    ], [paper(['b', 'c', 'a'], 2)]) as RankingResults;
    // a: 2+1+0 online, 0 paper; b: 1+2 online, 2*2 paper; c: 0+0+2 online, 2*1 paper
    expect(totals(results)).toEqual({ b: [3, 4, 7, 1, false], c: [2, 2, 4, 2, false], a: [3, 0, 3, 3, false] });
    expect(results.options.find((o) => o.id === 'b')?.positions).toEqual([3, 1, 0]);
    expect(results.rankings).toEqual([
      { ranking: ['a', 'b', 'c'], count: 1, source: 'online' },
      { ranking: ['b', 'a', 'c'], count: 1, source: 'online' },
      { ranking: ['c'], count: 1, source: 'online' },
      { ranking: ['b', 'c', 'a'], count: 2, source: 'paper' },
    ]);
    expect(results.voters).toEqual({ online: 3, paper: 2, total: 5 });
  });

  it('reports equal Borda scores as a tie', () => {
    const results = countPoll(poll, options, [ballot('1', ['a', 'b', 'c']), ballot('2', ['b', 'a', 'c'])]) as RankingResults;
    expect(results.options.map((o) => [o.id, o.rank, o.tied])).toEqual([['a', 1, true], ['b', 1, true], ['c', 3, false]]);
  });

  it('refuses a ranking that names an option twice', () => {
    expect(ballotProblem(poll, options, ['a', 'a'])?.code).toBe('invalid-value');
  });
});

describe('budget', () => {
  const poll: Poll = { ...base, method: 'budget', options: [{ id: 'park', label: 'Park', cost: 60 }, { id: 'lights', label: 'Lights' }, { id: 'bins', label: 'Bins', cost: 30 }], budget: 100 };
  const options: ResolvedOption[] = [{ id: 'park', label: 'Park', cost: 60 }, { id: 'lights', label: 'Lights', cost: null }, { id: 'bins', label: 'Bins', cost: 30 }];

  it('never counts a ballot over budget, and fixed-cost options are all or nothing', () => {
    expect(ballotProblem(poll, options, { park: 60, bins: 30, lights: 11 })?.message).toBe('You have £100 to spend. This vote spends £101.');
    expect(ballotProblem(poll, options, { park: 30 })?.message).toBe('“Park” costs £60: it can only be fully funded or not at all.');
    expect(ballotProblem(poll, options, { park: 30 })?.code).toBe('invalid-value');
    expect(ballotProblem(poll, options, { park: 60, lights: 40 })).toBeNull();
    const results = countPoll(poll, options, [
      ballot('1', { park: 60, lights: 40 }),
      ballot('2', { bins: 30, lights: 70 }),
      ballot('3', { park: 60, bins: 30, lights: 50 }),
    ], [paper({ lights: 500 })]) as TallyResults;
    expect(results.ignoredBallots).toBe(1);
    expect(totals(results)).toEqual({ lights: [110, 500, 610, 1, false], park: [60, 0, 60, 2, false], bins: [30, 0, 30, 3, false] });
  });
});

describe('scale', () => {
  const poll: Poll = { ...base, method: 'scale', options: list('s1', 's2', 's3'), scale: { min: 1, max: 5, labels: ['1', '2', '3', '4', '5'] } };
  const options = opts('s1', 's2', 's3');

  it('gives each statement a distribution and a mean, including paper, with ties by mean', () => {
    const results = countPoll(poll, options, [
      ballot('1', { s1: 5, s2: 4 }),
      ballot('2', { s1: 3, s2: 4 }),
      ballot('3', { s1: 7 }),
    ], [paper({ s1: 4, s2: 4 }, 2)]) as ScaleResults;
    expect(results.ignoredBallots).toBe(1);
    const s1 = results.statements.find((s) => s.id === 's1');
    expect(s1?.distribution.map((b) => [b.score, b.online, b.paper, b.total])).toEqual([[1, 0, 0, 0], [2, 0, 0, 0], [3, 1, 0, 1], [4, 0, 2, 2], [5, 1, 0, 1]]);
    expect(s1?.responses).toBe(4);
    expect(s1?.mean).toBe(4);
    const s2 = results.statements.find((s) => s.id === 's2');
    expect(s2?.mean).toBe(4);
    expect([s1?.rank, s1?.tied, s2?.rank, s2?.tied]).toEqual([1, true, 1, true]);
    expect(results.statements.find((s) => s.id === 's3')).toMatchObject({ responses: 0, mean: null, rank: 3, tied: false });
    expect(ballotProblem(poll, options, { s1: 0 })?.message).toBe('Scores go from 1 to 5.');
  });
});

describe('budget paper tallies', () => {
  const poll: Poll = { ...base, method: 'budget', options: [{ id: 'park', label: 'Park', cost: 60 }, { id: 'lights', label: 'Lights' }], budget: 100 };
  const options: ResolvedOption[] = [{ id: 'park', label: 'Park', cost: 60 }, { id: 'lights', label: 'Lights', cost: null }];

  it('lets a wall-chart tally exceed one person’s budget, but keeps fixed costs all or nothing', () => {
    expect(ballotProblem(poll, options, { lights: 5000, park: 60 }, 'paper')).toBeNull();
    expect(ballotProblem(poll, options, { park: 30 }, 'paper')?.code).toBe('invalid-value');
    const results = countPoll(poll, options, [ballot('v1', { park: 60, lights: 40 })], [paper({ lights: 700 }), paper({ park: 30 })]) as TallyResults;
    expect(results.ignoredPaperVotes).toBe(1);
    expect(totals(results)).toEqual({ lights: [40, 700, 740, 1, false], park: [60, 0, 60, 2, false] });
    expect(results.voters).toEqual({ online: 1, paper: 1, total: 2 });
  });
});

describe('ties', () => {
  it('uses standard competition ranking (1, 1, 3) and never breaks a tie silently', () => {
    const poll: Poll = { ...base, method: 'dots', options: list('a', 'b', 'c', 'd'), allowance: 3, perOptionCap: 3 };
    const results = countPoll(poll, opts('a', 'b', 'c', 'd'), [ballot('1', { c: 2, b: 1 }), ballot('2', { b: 1, c: 0, d: 1 })]) as TallyResults;
    // b 2, c 2, d 1, a 0: b and c share first, listed in option order.
    expect(results.options.map((o) => [o.id, o.rank, o.tied])).toEqual([['b', 1, true], ['c', 1, true], ['d', 3, false], ['a', 4, false]]);
  });

  it('reports options nobody voted for as tied with each other', () => {
    const poll: Poll = { ...base, method: 'single', options: list('a', 'b', 'c') };
    const results = countPoll(poll, opts('a', 'b', 'c'), [ballot('1', ['b'])]) as TallyResults;
    expect(results.options.map((o) => [o.id, o.rank, o.tied])).toEqual([['b', 1, false], ['a', 2, true], ['c', 2, true]]);
  });
});

describe('scale with negative and zero scores', () => {
  it('keeps a score of 0 (it is an answer, not a withdrawn choice) and averages correctly', () => {
    const poll: Poll = { ...base, method: 'scale', options: list('s'), scale: { min: -2, max: 2, labels: ['--', '-', '0', '+', '++'] } };
    const results = countPoll(poll, opts('s'), [ballot('1', { s: 0 }), ballot('2', { s: -2 }), ballot('3', { s: 2 }), ballot('4', { s: 2 })]) as ScaleResults;
    expect(results.statements[0]).toMatchObject({ responses: 4, mean: 0.5 });
    expect(results.statements[0]?.distribution.map((b) => [b.score, b.label, b.total])).toEqual([[-2, '--', 1], [-1, '-', 0], [0, '0', 1], [1, '+', 0], [2, '++', 2]]);
    expect(ballotProblem(poll, opts('s'), { s: 3 })?.code).toBe('invalid-value');
  });
});

describe('ranking export', () => {
  const poll: Poll = { ...base, method: 'ranking', options: list('a', 'b', 'c') };
  const options: ResolvedOption[] = [
    { id: 'a', label: '=HYPERLINK("http://evil")', cost: null },
    { id: 'b', label: 'Say "hello"', cost: null },
    { id: 'c', label: 'Coed, ŵyn', cost: null },
  ];

  it('merges identical rankings and sorts them so the list does not reveal who voted when', () => {
    const cast = [ballot('1', ['b', 'a']), ballot('2', ['a', 'b', 'c']), ballot('3', ['b', 'a']), ballot('4', ['c'])];
    const results = countPoll(poll, options, cast, [paper(['c', 'b'], 3)]) as RankingResults;
    expect(results.rankings).toEqual([
      { ranking: ['b', 'a'], count: 2, source: 'online' },
      { ranking: ['a', 'b', 'c'], count: 1, source: 'online' },
      { ranking: ['c'], count: 1, source: 'online' },
      { ranking: ['c', 'b'], count: 3, source: 'paper' },
    ]);
    expect(countPoll(poll, options, [...cast].reverse(), [paper(['c', 'b'], 3)])).toEqual(results);
  });

  it('exports every ranking as CSV with labels in place order, quoting and defusing formulas', () => {
    const results = countPoll(poll, options, [ballot('1', ['b', 'a']), ballot('2', ['a', 'b', 'c'])], [paper(['c'], 2)]) as RankingResults;
    expect(rankingsToCsv(results).split('\r\n')).toEqual([
      '"Ballots","Cast","1st choice","2nd choice","3rd choice"',
      '1,"Online","\'=HYPERLINK(""http://evil"")","Say ""hello""","Coed, ŵyn"',
      '1,"Online","Say ""hello""","\'=HYPERLINK(""http://evil"")",""',
      '2,"On paper","Coed, ŵyn","",""',
      '',
    ]);
    const welsh = rankingsToCsv(results, { count: 'Pleidleisiau', source: 'Sut', online: 'Ar-lein', paper: 'Ar bapur', place: (n) => `Dewis ${n}` });
    expect(welsh.split('\r\n')[0]).toBe('"Pleidleisiau","Sut","Dewis 1","Dewis 2","Dewis 3"');
  });
});

describe('ballot usage (what a voter has left)', () => {
  it('measures dots, pounds, choices, ranked options and answered statements against the limit', () => {
    const dots: Poll = { ...base, method: 'dots', options: list('a', 'b'), allowance: 5, perOptionCap: 3 };
    expect(ballotUsage(dots, opts('a', 'b'), { a: 3, b: 1 })).toEqual({ used: 4, limit: 5, left: 1 });
    expect(ballotUsage(dots, opts('a'), { a: 3, gone: 2 })).toEqual({ used: 3, limit: 5, left: 2 });
    const budget: Poll = { ...base, method: 'budget', options: list('a', 'b'), budget: 1000 };
    expect(ballotUsage(budget, opts('a', 'b'), { a: 600, b: 500 })).toEqual({ used: 1100, limit: 1000, left: 0 });
    const multiple: Poll = { ...base, method: 'multiple', options: list('a', 'b', 'c'), maxChoices: 2 };
    expect(ballotUsage(multiple, opts('a', 'b', 'c'), ['c'])).toEqual({ used: 1, limit: 2, left: 1 });
    const single: Poll = { ...base, method: 'single', options: list('a', 'b') };
    expect(ballotUsage(single, opts('a', 'b'), [])).toEqual({ used: 0, limit: 1, left: 1 });
    const ranking: Poll = { ...base, method: 'ranking', options: list('a', 'b', 'c') };
    expect(ballotUsage(ranking, opts('a', 'b', 'c'), ['c', 'a'])).toEqual({ used: 2, limit: 3, left: 1 });
    const scale: Poll = { ...base, method: 'scale', options: list('s', 't'), scale: { min: 1, max: 5, labels: ['1', '2', '3', '4', '5'] } };
    expect(ballotUsage(scale, opts('s', 't'), { t: 1 })).toEqual({ used: 1, limit: 2, left: 1 });
  });
});

describe('counting is a pure function of the set of ballots', () => {
  it('gives the same results whatever order ballots and paper votes are read in (property, every method)', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const polls: Poll[] = [
      { ...base, method: 'dots', options: list(...ids), allowance: 4, perOptionCap: 2 },
      { ...base, method: 'single', options: list(...ids) },
      { ...base, method: 'multiple', options: list(...ids), maxChoices: 2 },
      { ...base, method: 'ranking', options: list(...ids) },
      { ...base, method: 'budget', options: [{ id: 'a', label: 'A', cost: 5 }, ...list('b', 'c', 'd')], budget: 10 },
      { ...base, method: 'scale', options: list(...ids), scale: { min: 1, max: 3, labels: ['1', '2', '3'] } },
    ];
    const resolved = (poll: Poll): ResolvedOption[] => ids.map((id) => ({ id, label: id, cost: poll.method === 'budget' && id === 'a' ? 5 : null }));
    const listChoice = fc.uniqueArray(fc.constantFrom(...ids, 'gone'), { maxLength: 4 });
    const amountChoice = fc.dictionary(fc.constantFrom(...ids, 'gone'), fc.integer({ min: 0, max: 6 }), { maxKeys: 4 });
    const entry = fc.record({ voter: fc.nat(4), device: fc.nat(3), at: fc.nat(20), list: listChoice, amounts: amountChoice });
    fc.assert(
      fc.property(fc.constantFrom(...polls), fc.array(entry, { maxLength: 12 }), fc.array(entry, { maxLength: 3 }), fc.nat(10), (poll, raw, rawPaper, resetAt) => {
        const choicesOf = (e: { list: string[]; amounts: Record<string, number> }) =>
          poll.method === 'single' || poll.method === 'multiple' || poll.method === 'ranking' ? e.list : e.amounts;
        // One ballot per device key, as in the document.
        const byKey = new Map(raw.map((e) => [`${e.voter}|${e.device}`, e]));
        const entries: BallotEntry[] = [...byKey.values()].map((e) => ({ voterId: `v${e.voter}`, deviceId: String(e.device), ballot: { choices: choicesOf(e), updatedAt: e.at + 1 } }));
        const papers: PaperVoteEntry[] = rawPaper.map((e, i) => ({ entryId: `p${i}`, vote: { choices: choicesOf(e), count: e.voter + 1, note: '', createdAt: i, updatedAt: i } }));
        const p = { ...poll, resetAt };
        const forward = countPoll(p, resolved(p), entries, papers);
        const backward = countPoll(p, resolved(p), [...entries].reverse(), [...papers].reverse());
        expect(backward).toEqual(forward);
        // Every counted online voter is within the per-voter limits.
        const usable = [...effectiveBallots(p, entries).values()];
        expect(forward.voters.online).toBeLessThanOrEqual(usable.length);
        if (forward.method === 'dots' || forward.method === 'budget') {
          const limit = p.method === 'dots' ? p.allowance : p.method === 'budget' ? p.budget : 0;
          expect(forward.options.reduce((sum, o) => sum + o.online, 0)).toBeLessThanOrEqual(limit * forward.voters.online);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
