/**
 * Counting rules: pure functions over a poll, its options, its ballots and its paper votes.
 *
 * They never read the document themselves, so they can be tested exhaustively, run on the server for
 * an export, and re-run by anyone who wants to check a result.
 *
 * The per-voter rule (see docs/document-model.md, "Honest counting under concurrency"):
 * 1. ballots last changed at or before the poll's `resetAt` are void;
 * 2. per voter, the ballot with the greatest `updatedAt` is their vote (a tie goes to the greater
 *    device id, compared as numbers) — older ballots never stand in for it;
 * 3. choices for options that no longer exist are dropped (which can only lower what is spent);
 * 4. a vote that then breaks the poll's current limits is ignored (and reported in `ignoredBallots`);
 *    an empty vote is a withdrawn vote.
 * Hence no voter is ever counted beyond their allowance or budget, whatever order updates arrive in.
 */
import { CoproduceError, formatCount } from './errors.js';
import { KEY_SEPARATOR } from './ids.js';
import type { Ballot, BallotChoices, PaperVote, Poll, PollMethod } from './layout.js';
import { usesListChoices } from './values.js';

/** A poll option after resolving its source (a list, a board's ideas, a board's groups). */
export interface ResolvedOption {
  readonly id: string;
  readonly label: string;
  /** Budget polls: the option's fixed cost, or `null` when any amount may be given to it. */
  readonly cost: number | null;
}

/** A stored ballot with the voter and device from its key. */
export interface BallotEntry {
  readonly voterId: string;
  readonly deviceId: string;
  readonly ballot: Ballot;
}

/** A stored paper vote with the entry id from its key. */
export interface PaperVoteEntry {
  readonly entryId: string;
  readonly vote: PaperVote;
}

/** Whether choices are empty (a withdrawn vote). */
export function isEmptyChoices(choices: BallotChoices): boolean {
  return Array.isArray(choices) ? choices.length === 0 : Object.keys(choices).length === 0;
}

function entriesOf(choices: BallotChoices): [string, number][] {
  if (Array.isArray(choices)) return [];
  const record = choices as Readonly<Record<string, number>>;
  return Object.keys(record).map((key) => [key, record[key] as number]);
}

/** Budget amounts are whole pounds: `1500` → `"£1,500"`. */
export function formatPounds(amount: number): string {
  return `£${formatCount(amount)}`;
}

function quote(options: ReadonlyMap<string, ResolvedOption>, id: string): string {
  const label = options.get(id)?.label ?? id;
  return `“${label.length > 60 ? `${label.slice(0, 57)}…` : label}”`;
}

/**
 * Checks choices against the poll's current limits. Returns the problem as a {@link CoproduceError}
 * (with a message for the voter), or `null` when the choices are fine. Empty choices are fine (they
 * withdraw a vote).
 *
 * `kind: 'paper'` checks a facilitator's paper entry: the shape and the per-ballot rules of single,
 * multiple, ranking and scale still apply (each paper ballot is one person's), but dots and budget
 * entries are tallies off a wall chart, so the per-voter allowance, cap and budget do not apply.
 */
export function ballotProblem(
  poll: Poll,
  options: readonly ResolvedOption[],
  choices: BallotChoices,
  kind: 'ballot' | 'paper' = 'ballot',
): CoproduceError | null {
  const byId = new Map(options.map((o) => [o.id, o]));
  const listMethod = usesListChoices(poll.method);
  if (listMethod !== Array.isArray(choices)) {
    return new CoproduceError('invalid-value', 'These choices are in the wrong form for this kind of vote.', 'choices');
  }
  if (Array.isArray(choices)) {
    const ids = choices as readonly string[];
    const seen = new Set<string>();
    for (const id of ids) {
      if (!byId.has(id)) return new CoproduceError('not-found', 'One of the choices is no longer in this vote. Please check and vote again.', 'choices', { optionId: id });
      if (seen.has(id)) return new CoproduceError('invalid-value', `${quote(byId, id)} is chosen twice.`, 'choices', { optionId: id });
      seen.add(id);
    }
    if (poll.method === 'single' && ids.length > 1) {
      return new CoproduceError('too-many', 'You can choose one option in this vote.', 'choices', { max: 1, actual: ids.length });
    }
    if (poll.method === 'multiple' && ids.length > poll.maxChoices) {
      return new CoproduceError(
        'too-many',
        `You can choose up to ${formatCount(poll.maxChoices)} options. This vote chooses ${formatCount(ids.length)}.`,
        'choices',
        { max: poll.maxChoices, actual: ids.length },
      );
    }
    return null;
  }
  let total = 0;
  for (const [id, amount] of entriesOf(choices)) {
    if (!byId.has(id)) return new CoproduceError('not-found', 'One of the choices is no longer in this vote. Please check and vote again.', 'choices', { optionId: id });
    if (!Number.isSafeInteger(amount)) return new CoproduceError('invalid-value', 'Amounts must be whole numbers.', 'choices', { optionId: id });
    if (poll.method === 'scale') {
      const { min, max } = poll.scale;
      if (amount < min || amount > max) {
        return new CoproduceError('invalid-value', `Scores go from ${min} to ${max}.`, 'choices', { optionId: id, min, max, actual: amount });
      }
      continue;
    }
    if (amount < 0) return new CoproduceError('invalid-value', "Amounts can't be negative.", 'choices', { optionId: id });
    total += amount;
    if (poll.method === 'dots' && kind === 'ballot' && amount > poll.perOptionCap) {
      return new CoproduceError(
        'over-allowance',
        `You can put up to ${formatCount(poll.perOptionCap)} ${poll.perOptionCap === 1 ? 'dot' : 'dots'} on one option. This vote puts ${formatCount(amount)} on ${quote(byId, id)}.`,
        'choices',
        { optionId: id, max: poll.perOptionCap, actual: amount },
      );
    }
    if (poll.method === 'budget') {
      const cost = byId.get(id)?.cost ?? null;
      if (cost !== null && amount !== 0 && amount !== cost) {
        return new CoproduceError(
          'invalid-value',
          `${quote(byId, id)} costs ${formatPounds(cost)}: it can only be fully funded or not at all.`,
          'choices',
          { optionId: id, cost, actual: amount },
        );
      }
    }
  }
  if (kind === 'ballot' && poll.method === 'dots' && total > poll.allowance) {
    return new CoproduceError(
      'over-allowance',
      `You have ${formatCount(poll.allowance)} ${poll.allowance === 1 ? 'dot' : 'dots'} to place. This vote uses ${formatCount(total)}.`,
      'choices',
      { max: poll.allowance, actual: total },
    );
  }
  if (kind === 'ballot' && poll.method === 'budget' && total > poll.budget) {
    return new CoproduceError(
      'over-budget',
      `You have ${formatPounds(poll.budget)} to spend. This vote spends ${formatPounds(total)}.`,
      'choices',
      { max: poll.budget, actual: total },
    );
  }
  return null;
}

/** Removes choices for options that are not (any more) in `optionIds`, and zero amounts. */
export function pruneChoices(method: PollMethod, choices: BallotChoices, optionIds: ReadonlySet<string>): BallotChoices {
  if (Array.isArray(choices)) return Object.freeze((choices as readonly string[]).filter((id) => optionIds.has(id)));
  const out: Record<string, number> = {};
  for (const [id, amount] of entriesOf(choices)) {
    if (optionIds.has(id) && (method === 'scale' || amount !== 0)) out[id] = amount;
  }
  return Object.freeze(out);
}

/** How much of their allowance a set of choices uses, for showing "2 of 5 dots left". */
export interface BallotUsage {
  /** Dots placed, pounds allocated, options chosen or ranked, or statements answered. */
  readonly used: number;
  /** The most that may be used: the allowance, the budget, `maxChoices`, 1 for single choice, or the number of options (ranking) or statements (scale). */
  readonly limit: number;
  /** `limit − used`, never below 0. */
  readonly left: number;
}

/** What `choices` use of the poll's per-voter limit (see {@link BallotUsage}). Choices for options not in `options` are not counted. */
export function ballotUsage(poll: Poll, options: readonly ResolvedOption[], choices: BallotChoices): BallotUsage {
  const ids = new Set(options.map((o) => o.id));
  let used = 0;
  if (Array.isArray(choices)) {
    used = new Set((choices as readonly string[]).filter((id) => ids.has(id))).size;
  } else {
    for (const [id, amount] of entriesOf(choices)) {
      if (!ids.has(id)) continue;
      used += poll.method === 'scale' ? 1 : Math.max(0, amount);
    }
  }
  const limit =
    poll.method === 'dots' ? poll.allowance
      : poll.method === 'budget' ? poll.budget
        : poll.method === 'multiple' ? poll.maxChoices
          : poll.method === 'single' ? 1
            : options.length;
  return Object.freeze({ used, limit, left: Math.max(0, limit - used) });
}

/** Orders device ids: numerically when both are decimal client ids, otherwise as strings. */
export function compareDeviceIds(a: string, b: string): number {
  if (/^\d{1,15}$/.test(a) && /^\d{1,15}$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Applies steps 1–2 of the per-voter rule: returns, per voter, the ballot that is their vote
 * (including empty, withdrawn ones).
 */
export function effectiveBallots(poll: Pick<Poll, 'resetAt'>, entries: Iterable<BallotEntry>): Map<string, BallotEntry> {
  const latest = new Map<string, BallotEntry>();
  for (const entry of entries) {
    if (entry.ballot.updatedAt <= poll.resetAt && poll.resetAt > 0) continue;
    const current = latest.get(entry.voterId);
    if (
      current === undefined ||
      entry.ballot.updatedAt > current.ballot.updatedAt ||
      (entry.ballot.updatedAt === current.ballot.updatedAt && compareDeviceIds(entry.deviceId, current.deviceId) > 0)
    ) {
      latest.set(entry.voterId, entry);
    }
  }
  return latest;
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/** How many people a result stands for. */
export interface VoterCounts {
  /** Voters whose online ballot was counted. */
  readonly online: number;
  /** Paper ballots entered by facilitators (sum of entry counts). */
  readonly paper: number;
  readonly total: number;
}

/** One option's result for dots, single, multiple, budget and ranking polls. */
export interface OptionTally {
  readonly id: string;
  readonly label: string;
  /** Points from online ballots: dots, votes, amount given, or Borda points. */
  readonly online: number;
  /** Points from paper votes, kept separate so they can be shown as such. */
  readonly paper: number;
  readonly total: number;
  /** Number of ballots (online + paper) that gave this option anything. */
  readonly supporters: number;
  /** 1 = most points. Options with equal totals share a rank (1, 1, 3…). */
  readonly rank: number;
  /** Whether another option has the same rank. */
  readonly tied: boolean;
}

/** A ranking poll's option: also how many ballots put it in each place (index 0 = first place). */
export interface RankingOptionTally extends OptionTally {
  readonly positions: readonly number[];
}

/**
 * One full ranking as cast, for export. Identical rankings from the same source are merged into one
 * record with their count, and records are sorted (online first, then most common first, then by
 * the options' order), so the list reveals neither voter ids nor the order people voted in, and
 * every peer exports the same list.
 */
export interface RankingRecord {
  /** Option ids, most preferred first (a partial ranking lists only the options ranked). */
  readonly ranking: readonly string[];
  /** How many ballots cast exactly this ranking. */
  readonly count: number;
  readonly source: 'online' | 'paper';
}

export interface ScaleBucket {
  readonly score: number;
  readonly label: string;
  readonly online: number;
  readonly paper: number;
  readonly total: number;
}

/** A scale poll's statement: the distribution of scores and their mean. */
export interface ScaleStatementResult {
  readonly id: string;
  readonly label: string;
  readonly distribution: readonly ScaleBucket[];
  readonly responses: number;
  /** Mean score, or `null` without responses. */
  readonly mean: number | null;
  /** 1 = highest mean. Equal means share a rank; statements without responses come last. */
  readonly rank: number;
  readonly tied: boolean;
}

interface ResultsBase {
  readonly voters: VoterCounts;
  /** Voters whose latest ballot breaks the poll's current limits (not counted). */
  readonly ignoredBallots: number;
  /** Paper entries that break the poll's rules (not counted). */
  readonly ignoredPaperVotes: number;
}

export interface TallyResults extends ResultsBase {
  readonly method: 'dots' | 'single' | 'multiple' | 'budget';
  /** In rank order (ties keep the poll's option order). */
  readonly options: readonly OptionTally[];
}

export interface RankingResults extends ResultsBase {
  readonly method: 'ranking';
  /** Borda count: with n options, first place earns n−1 points, second n−2 … last 0; unranked options earn 0. */
  readonly options: readonly RankingOptionTally[];
  readonly rankings: readonly RankingRecord[];
}

export interface ScaleResults extends ResultsBase {
  readonly method: 'scale';
  readonly statements: readonly ScaleStatementResult[];
}

export type PollResults = TallyResults | RankingResults | ScaleResults;

/** Competition ranking ("1224") over scores, higher first; `null` scores rank last together. */
function assignRanks(scores: readonly (number | null)[]): { rank: number; tied: boolean }[] {
  const order = scores.map((score, index) => ({ score, index }));
  order.sort((a, b) => {
    if (a.score === b.score) return a.index - b.index;
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return b.score - a.score;
  });
  const out: { rank: number; tied: boolean }[] = scores.map(() => ({ rank: 0, tied: false }));
  order.forEach((item, position) => {
    const previous = order[position - 1];
    const rank = previous !== undefined && previous.score === item.score ? (out[previous.index] as { rank: number }).rank : position + 1;
    (out[item.index] as { rank: number }).rank = rank;
  });
  const counts = new Map<number, number>();
  for (const r of out) counts.set(r.rank, (counts.get(r.rank) ?? 0) + 1);
  for (const r of out) r.tied = (counts.get(r.rank) ?? 0) > 1;
  return out;
}

function sortByRank<T extends { rank: number }>(items: T[]): T[] {
  return items.map((item, index) => ({ item, index })).sort((a, b) => a.item.rank - b.item.rank || a.index - b.index).map((x) => x.item);
}

/**
 * Counts a poll. `options` are the poll's current (resolved) options in display order; `ballots` are
 * all stored ballots of the poll; `paperVotes` all its paper entries. Pure and deterministic.
 */
export function countPoll(
  poll: Poll,
  options: readonly ResolvedOption[],
  ballots: Iterable<BallotEntry>,
  paperVotes: Iterable<PaperVoteEntry> = [],
): PollResults {
  const optionIds = new Set(options.map((o) => o.id));
  const counted: { choices: BallotChoices; weight: number; source: 'online' | 'paper' }[] = [];
  let ignoredBallots = 0;
  let ignoredPaperVotes = 0;
  let onlineVoters = 0;
  let paperVoters = 0;
  for (const entry of effectiveBallots(poll, ballots).values()) {
    if (isEmptyChoices(entry.ballot.choices)) continue;
    const choices = pruneChoices(poll.method, entry.ballot.choices, optionIds);
    if (isEmptyChoices(choices)) continue;
    if (ballotProblem(poll, options, choices, 'ballot') !== null) {
      ignoredBallots++;
      continue;
    }
    onlineVoters++;
    counted.push({ choices, weight: 1, source: 'online' });
  }
  for (const { vote } of paperVotes) {
    const choices = pruneChoices(poll.method, vote.choices, optionIds);
    if (isEmptyChoices(choices)) continue;
    if (ballotProblem(poll, options, choices, 'paper') !== null) {
      ignoredPaperVotes++;
      continue;
    }
    paperVoters += vote.count;
    counted.push({ choices, weight: vote.count, source: 'paper' });
  }
  const voters: VoterCounts = Object.freeze({ online: onlineVoters, paper: paperVoters, total: onlineVoters + paperVoters });
  const base = { voters, ignoredBallots, ignoredPaperVotes };

  if (poll.method === 'scale') {
    const { min, max, labels } = poll.scale;
    const scores = options.map((option) => {
      const online = new Array<number>(max - min + 1).fill(0);
      const paper = new Array<number>(max - min + 1).fill(0);
      for (const c of counted) {
        if (!Object.prototype.hasOwnProperty.call(c.choices, option.id)) continue;
        const score = (c.choices as Readonly<Record<string, number>>)[option.id] as number;
        const bucket = c.source === 'online' ? online : paper;
        bucket[score - min] = (bucket[score - min] ?? 0) + c.weight;
      }
      let responses = 0;
      let sum = 0;
      const distribution = online.map((n, i) => {
        const p = paper[i] ?? 0;
        responses += n + p;
        sum += (n + p) * (min + i);
        return Object.freeze({ score: min + i, label: labels[i] ?? String(min + i), online: n, paper: p, total: n + p });
      });
      return { option, distribution: Object.freeze(distribution), responses, mean: responses === 0 ? null : sum / responses };
    });
    const ranks = assignRanks(scores.map((s) => s.mean));
    const statements = scores.map((s, i) => Object.freeze({
      id: s.option.id,
      label: s.option.label,
      distribution: s.distribution,
      responses: s.responses,
      mean: s.mean,
      rank: (ranks[i] as { rank: number }).rank,
      tied: (ranks[i] as { tied: boolean }).tied,
    }));
    return Object.freeze({ method: 'scale', ...base, statements: Object.freeze(sortByRank(statements)) });
  }

  const index = new Map(options.map((o, i) => [o.id, i]));
  const online = new Array<number>(options.length).fill(0);
  const paper = new Array<number>(options.length).fill(0);
  const supporters = new Array<number>(options.length).fill(0);
  const positions = options.map(() => new Array<number>(options.length).fill(0));
  const rankingCounts = new Map<string, { ranking: readonly string[]; count: number; source: 'online' | 'paper' }>();
  const n = options.length;
  for (const c of counted) {
    const points = c.source === 'online' ? online : paper;
    if (Array.isArray(c.choices)) {
      const ids = c.choices as readonly string[];
      ids.forEach((id, place) => {
        const i = index.get(id) as number;
        points[i] = (points[i] ?? 0) + (poll.method === 'ranking' ? n - 1 - place : 1) * c.weight;
        supporters[i] = (supporters[i] ?? 0) + c.weight;
        if (poll.method === 'ranking') {
          const row = positions[i] as number[];
          row[place] = (row[place] ?? 0) + c.weight;
        }
      });
      if (poll.method === 'ranking') {
        const key = `${c.source}:${ids.join(KEY_SEPARATOR)}`;
        const record = rankingCounts.get(key);
        if (record) record.count += c.weight;
        else rankingCounts.set(key, { ranking: Object.freeze([...ids]), count: c.weight, source: c.source });
      }
    } else {
      for (const [id, amount] of entriesOf(c.choices)) {
        const i = index.get(id) as number;
        points[i] = (points[i] ?? 0) + amount * c.weight;
        if (amount > 0) supporters[i] = (supporters[i] ?? 0) + c.weight;
      }
    }
  }
  const totals = options.map((_, i) => (online[i] ?? 0) + (paper[i] ?? 0));
  const ranks = assignRanks(totals);
  const tallies = options.map((option, i) => {
    const tally: OptionTally = {
      id: option.id,
      label: option.label,
      online: online[i] ?? 0,
      paper: paper[i] ?? 0,
      total: totals[i] ?? 0,
      supporters: supporters[i] ?? 0,
      rank: (ranks[i] as { rank: number }).rank,
      tied: (ranks[i] as { tied: boolean }).tied,
    };
    return poll.method === 'ranking'
      ? Object.freeze({ ...tally, positions: Object.freeze([...(positions[i] as number[])]) })
      : Object.freeze(tally);
  });
  if (poll.method === 'ranking') {
    const compareRankings = (a: readonly string[], b: readonly string[]): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const d = (index.get(a[i] as string) as number) - (index.get(b[i] as string) as number);
        if (d !== 0) return d;
      }
      return a.length - b.length;
    };
    const rankings = [...rankingCounts.values()]
      .sort((a, b) => (a.source === b.source ? 0 : a.source === 'online' ? -1 : 1) || b.count - a.count || compareRankings(a.ranking, b.ranking))
      .map((r) => Object.freeze({ ranking: r.ranking, count: r.count, source: r.source }));
    return Object.freeze({
      method: 'ranking',
      ...base,
      options: Object.freeze(sortByRank(tallies as RankingOptionTally[])),
      rankings: Object.freeze(rankings),
    });
  }
  return Object.freeze({ method: poll.method, ...base, options: Object.freeze(sortByRank(tallies)) });
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/** Column headings of {@link rankingsToCsv}, so the file can be in the reader's language. */
export interface RankingsCsvHeadings {
  /** Heading of the "how many ballots" column. */
  readonly count: string;
  /** Heading of the "online or paper" column. */
  readonly source: string;
  readonly online: string;
  readonly paper: string;
  /** Heading of the column for the `place`th choice (1 = first). */
  readonly place: (place: number) => string;
}

function englishOrdinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

const ENGLISH_HEADINGS: RankingsCsvHeadings = /*#__PURE__*/ Object.freeze({
  count: 'Ballots',
  source: 'Cast',
  online: 'Online',
  paper: 'On paper',
  place: (place: number) => `${englishOrdinal(place)} choice`,
});

/**
 * One CSV cell (RFC 4180): always quoted, inner quotes doubled, and text that a spreadsheet would
 * run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) made inert with a
 * leading apostrophe. Option labels are untrusted text.
 */
function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The full rankings of a ranking poll as CSV (one row per distinct ranking, with how many ballots
 * cast it and whether online or on paper; option labels in place order). Voter ids are never
 * included. Rows end in CRLF; add a byte-order mark if the file is for Excel.
 */
export function rankingsToCsv(results: RankingResults, headings: RankingsCsvHeadings = ENGLISH_HEADINGS): string {
  const labels = new Map(results.options.map((o) => [o.id, o.label]));
  const places = Math.max(results.options.length, ...results.rankings.map((r) => r.ranking.length));
  const rows: string[] = [];
  rows.push([headings.count, headings.source, ...Array.from({ length: places }, (_, i) => headings.place(i + 1))].map(csvCell).join(','));
  for (const record of results.rankings) {
    const cells: (string | number)[] = [record.count, record.source === 'online' ? headings.online : headings.paper];
    for (let i = 0; i < places; i++) {
      const id = record.ranking[i];
      cells.push(id === undefined ? '' : (labels.get(id) ?? id));
    }
    rows.push(cells.map(csvCell).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}
