/**
 * Poll snapshots and results.
 */
import type * as Y from 'yjs';
import {
  countPoll, effectiveBallots, isEmptyChoices, pruneChoices, ballotProblem,
  type BallotEntry, type PaperVoteEntry, type PollResults, type ResolvedOption,
} from '../counting.js';
import { CoproduceError } from '../errors.js';
import { KEY_SEPARATOR, isId, splitKey } from '../ids.js';
import { roots, type BallotChoices, type Lock, type Poll, type PollMethod, type PollOption, type PollOptionSource } from '../layout.js';
import type { Viewer } from '../session.js';
import {
  compareCreated, compareOrder, getRecord, parseBallot, parseLock, parsePaperVote, parsePoll,
  readClusterRecord, readIdeaRecord,
} from '../values.js';

function isOptionList(source: PollOptionSource): source is readonly PollOption[] {
  return Array.isArray(source);
}

/**
 * The poll's options as they are now. Board-sourced polls offer the board's published ideas (oldest
 * first) or its groups (in board order); a list's options are used as they are.
 */
export function resolvePollOptions(doc: Y.Doc, poll: Poll): readonly ResolvedOption[] {
  const source = poll.options;
  if (isOptionList(source)) {
    return Object.freeze(source.map((o) => Object.freeze({ id: o.id, label: o.label, cost: poll.method === 'budget' ? (o.cost ?? null) : null })));
  }
  const r = roots(doc);
  if ('board' in source) {
    const ideas: { id: string; label: string; createdAt: number }[] = [];
    for (const [id] of r.ideas) {
      const map = getRecord(r.ideas, id);
      const idea = map === undefined ? null : readIdeaRecord(map);
      if (idea !== null && idea.boardId === source.board && idea.status === 'published') ideas.push({ id, label: idea.text, createdAt: idea.createdAt });
    }
    ideas.sort((a, b) => compareCreated(a.createdAt, a.id, b.createdAt, b.id));
    return Object.freeze(ideas.map((i) => Object.freeze({ id: i.id, label: i.label, cost: null })));
  }
  const clusters: { id: string; label: string; order: string }[] = [];
  for (const [id] of r.clusters) {
    const map = getRecord(r.clusters, id);
    const cluster = map === undefined ? null : readClusterRecord(map);
    if (cluster !== null && cluster.boardId === source.clusters) clusters.push({ id, label: cluster.title, order: cluster.order });
  }
  clusters.sort((a, b) => compareOrder(a.order, a.id, b.order, b.id));
  return Object.freeze(clusters.map((c) => Object.freeze({ id: c.id, label: c.label, cost: null })));
}

/** All stored ballots of a poll (malformed ones skipped), with voter and device from their keys. */
export function collectBallots(doc: Y.Doc, voteId: string, method: PollMethod): BallotEntry[] {
  const prefix = voteId + KEY_SEPARATOR;
  const entries: BallotEntry[] = [];
  for (const [key, value] of roots(doc).ballots) {
    if (!key.startsWith(prefix)) continue;
    const parts = splitKey(key, 3);
    const ballot = parseBallot(method, value);
    if (parts === null || ballot === null) continue;
    entries.push(Object.freeze({ voterId: parts[1] as string, deviceId: parts[2] as string, ballot }));
  }
  return entries;
}

/** All paper votes of a poll (malformed ones skipped), oldest first. */
export function collectPaperVotes(doc: Y.Doc, voteId: string, method: PollMethod): PaperVoteEntry[] {
  const prefix = voteId + KEY_SEPARATOR;
  const entries: PaperVoteEntry[] = [];
  for (const [key, value] of roots(doc).paperVotes) {
    if (!key.startsWith(prefix)) continue;
    const parts = splitKey(key, 2);
    const vote = parsePaperVote(method, value);
    if (parts === null || vote === null) continue;
    entries.push(Object.freeze({ entryId: parts[1] as string, vote }));
  }
  entries.sort((a, b) => compareCreated(a.vote.createdAt, a.entryId, b.vote.createdAt, b.entryId));
  return entries;
}

/**
 * Where a vote is in its life, for everyone to say the same thing: `not-open` (not opened yet, or
 * reset while closed), `open` (voters can vote, unless it is also locked: see `PollSnapshot.lock`)
 * or `closed` (it was open and voting is over).
 */
export type PollStage = 'not-open' | 'open' | 'closed';

/**
 * A poll's stage. An open poll is `open`; a closed poll with `openedAt` was opened (since its last
 * reset) and is `closed`. A closed poll without `openedAt` was either never opened or written by a
 * version that kept no opening time: it counts as `closed` when an online ballot not voided by the
 * last reset exists (withdrawn or breaking the rules included: ballots are only written while a vote
 * is open), and `not-open` otherwise. Paper votes are no sign: they may be entered before voting opens.
 */
export function pollStageOf(poll: Poll, ballots: readonly BallotEntry[]): PollStage {
  if (poll.open) return 'open';
  if (poll.openedAt !== undefined) return 'closed';
  return ballots.some((b) => poll.resetAt === 0 || b.ballot.updatedAt > poll.resetAt) ? 'closed' : 'not-open';
}

/**
 * The stages of many polls at once, reading the ballots once (for the workshop's list of votes): only
 * closed polls without `openedAt` need them, and a poll is settled by its first ballot that counts as a sign.
 */
export function pollStages(doc: Y.Doc, polls: ReadonlyMap<string, Poll>): Map<string, PollStage> {
  const stages = new Map<string, PollStage>();
  const undecided = new Map<string, Poll>();
  for (const [id, poll] of polls) {
    if (poll.open || poll.openedAt !== undefined) stages.set(id, pollStageOf(poll, []));
    else undecided.set(id, poll);
  }
  if (undecided.size > 0) {
    for (const [key, value] of roots(doc).ballots) {
      const cut = key.indexOf(KEY_SEPARATOR);
      const poll = cut < 0 ? undefined : undecided.get(key.slice(0, cut));
      if (poll === undefined || splitKey(key, 3) === null) continue;
      const ballot = parseBallot(poll.method, value);
      if (ballot === null) continue;
      const voteId = key.slice(0, cut);
      const stage = pollStageOf(poll, [{ voterId: '', deviceId: '', ballot }]);
      if (stage === 'closed') {
        stages.set(voteId, stage);
        undecided.delete(voteId);
        if (undecided.size === 0) break;
      }
    }
    for (const id of undecided.keys()) stages.set(id, 'not-open');
  }
  return stages;
}

/** The stage of the poll `voteId` in `doc` (`not-open` when there is no such poll). See {@link pollStageOf}. */
export function pollStage(doc: Y.Doc, voteId: string): PollStage {
  const poll = isId(voteId) ? parsePoll(roots(doc).polls.get(voteId)) : null;
  if (poll === null) return 'not-open';
  if (poll.open || poll.openedAt !== undefined) return pollStageOf(poll, []);
  return pollStageOf(poll, collectBallots(doc, voteId, poll.method));
}

/** The viewer's own current vote in a poll. */
export interface MyBallot {
  readonly choices: BallotChoices;
  readonly updatedAt: number;
  /** `false` when the vote breaks the poll's current limits (e.g. the facilitator lowered the allowance) and must be recast to count. */
  readonly counted: boolean;
  /** Why the vote is not counted (`code` and `details` to translate), or `null` when it is. */
  readonly problem: CoproduceError | null;
}

/** One voter's counted vote in a named (not anonymous) poll. */
export interface NamedBallot {
  readonly voterId: string;
  /** The choices as counted (choices for options that no longer exist are left out). */
  readonly choices: BallotChoices;
  readonly updatedAt: number;
}

export interface PollSnapshot {
  readonly id: string;
  /** The stored poll, or `null` if there is no (valid) poll with this id. */
  readonly poll: Poll | null;
  /** Not open yet, open or closed (see {@link pollStageOf}); `not-open` when there is no poll. */
  readonly stage: PollStage;
  readonly options: readonly ResolvedOption[];
  readonly lock: Lock | null;
  /** Whether a facilitator revealed the results. Elements show results to participants only when revealed. */
  readonly revealed: boolean;
  readonly results: PollResults | null;
  /** The viewer's vote (null without a viewer or vote; withdrawn votes read as null). */
  readonly myBallot: MyBallot | null;
  /** Paper entries (for the facilitator's paper-vote table). */
  readonly paperVotes: readonly PaperVoteEntry[];
  /**
   * Who voted what, for a named poll (`anonymous: false`): each counted voter's vote, ordered by
   * voter id. Always `null` for an anonymous poll, so views cannot show names by mistake.
   */
  readonly namedBallots: readonly NamedBallot[] | null;
}

/** Reads a poll with its resolved options, results and the viewer's own vote. */
export function readPoll(doc: Y.Doc, voteId: string, viewer?: Viewer): PollSnapshot {
  const r = roots(doc);
  const poll = isId(voteId) ? parsePoll(r.polls.get(voteId)) : null;
  if (poll === null) {
    return Object.freeze({
      id: voteId, poll: null, stage: 'not-open', options: Object.freeze([]), lock: null, revealed: false, results: null, myBallot: null,
      paperVotes: Object.freeze([]), namedBallots: null,
    });
  }
  const options = resolvePollOptions(doc, poll);
  const ballots = collectBallots(doc, voteId, poll.method);
  const paperVotes = collectPaperVotes(doc, voteId, poll.method);
  const optionIds = new Set(options.map((o) => o.id));
  let myBallot: MyBallot | null = null;
  if (viewer !== undefined) {
    const mine = effectiveBallots(poll, ballots.filter((b) => b.voterId === viewer.id)).get(viewer.id);
    if (mine !== undefined && !isEmptyChoices(mine.ballot.choices)) {
      const pruned = pruneChoices(poll.method, mine.ballot.choices, optionIds);
      const problem = isEmptyChoices(pruned)
        ? new CoproduceError('not-found', 'The options you voted for are no longer in this vote. Please vote again.', 'choices')
        : ballotProblem(poll, options, pruned);
      myBallot = Object.freeze({
        choices: mine.ballot.choices,
        updatedAt: mine.ballot.updatedAt,
        counted: problem === null,
        problem,
      });
    }
  }
  let namedBallots: NamedBallot[] | null = null;
  if (!poll.anonymous) {
    namedBallots = [];
    for (const entry of effectiveBallots(poll, ballots).values()) {
      const choices = pruneChoices(poll.method, entry.ballot.choices, optionIds);
      if (isEmptyChoices(choices) || ballotProblem(poll, options, choices) !== null) continue;
      namedBallots.push(Object.freeze({ voterId: entry.voterId, choices, updatedAt: entry.ballot.updatedAt }));
    }
    namedBallots.sort((a, b) => (a.voterId < b.voterId ? -1 : a.voterId > b.voterId ? 1 : 0));
  }
  return Object.freeze({
    id: voteId,
    poll,
    stage: pollStageOf(poll, ballots),
    options,
    lock: parseLock(r.locks.get(voteId)),
    revealed: r.reveals.has(voteId),
    results: countPoll(poll, options, ballots, paperVotes),
    myBallot,
    paperVotes: Object.freeze(paperVotes),
    namedBallots: namedBallots === null ? null : Object.freeze(namedBallots),
  });
}

/** Just the results of a poll (or `null` when there is no such poll). */
export function readPollResults(doc: Y.Doc, voteId: string): PollResults | null {
  return readPoll(doc, voteId).results;
}
