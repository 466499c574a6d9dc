import { describe, expect, it } from 'vitest';
import {
  ballotProblem, countPoll, effectiveBallots, type BallotEntry, type PaperVoteEntry, type Poll, type ResolvedOption,
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
    expect(ballotProblem(poll, options, { park: 60, bins: 30, lights: 11 })?.message).toBe('You have 100 to spend. This vote spends 101.');
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
