/**
 * Votes: polls (facilitators), ballots (each voter, per device) and paper votes (facilitators).
 */
import { ballotProblem, type BallotEntry } from '../counting.js';
import { CoproduceError, formatCount } from '../errors.js';
import { KEY_SEPARATOR, assertId, joinKey, newId, splitKey } from '../ids.js';
import {
  LIMITS, POLL_METHODS, roots, type Ballot, type BallotChoices, type Poll, type PollMethod, type PollOption,
  type PollOptionSource, type ScaleDefinition,
} from '../layout.js';
import { keyAtEnd } from '../order.js';
import { collectBallots, collectPaperVotes, pollStageOf, resolvePollOptions } from '../read/poll.js';
import { requireContributor, requireFacilitator, requireUnlocked, notFound, type WorkshopSession } from '../session.js';
import { TEXT, cleanText } from '../text.js';
import { isObject, parseBoard, parsePaperVote, parsePoll, usesListChoices } from '../values.js';

export interface PollOptionInput {
  /** Omit for a random id. */
  readonly id?: string;
  readonly label: string;
  /** Budget polls only: the option's fixed cost (it is either fully funded or not). */
  readonly cost?: number;
}

export interface PollInput {
  /** A chosen id (e.g. from the page's `vote-id` attribute). Omit for a random id. */
  readonly id?: string;
  /** The question, 1–200 characters. */
  readonly title: string;
  readonly description?: string;
  readonly method: PollMethod;
  /** A list of options (labels or `{ id?, label, cost? }`), or a board's ideas or groups. */
  readonly options: readonly (PollOptionInput | string)[] | { readonly board: string } | { readonly clusters: string };
  /** Results never show who voted what (default true). */
  readonly anonymous?: boolean;
  /** Open for voting straight away (default false). */
  readonly open?: boolean;
  /** Dots: dots per voter (1–100, default 3). */
  readonly allowance?: number;
  /** Dots: most dots per option (1–allowance, default: the allowance). */
  readonly perOptionCap?: number;
  /** Multiple choice: most options per voter (default 3, at most the number of options). */
  readonly maxChoices?: number;
  /** Budget: what each voter may spend (required for budget polls). */
  readonly budget?: number;
  /** Scale: range and labels (default 1–5 from "Strongly disagree" to "Strongly agree"). */
  readonly scale?: { readonly min: number; readonly max: number; readonly labels?: readonly string[] };
}

/** The default agreement scale. */
export const DEFAULT_SCALE: ScaleDefinition = /*#__PURE__*/ Object.freeze({
  min: 1,
  max: 5,
  labels: Object.freeze(['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree']),
});

function wholeNumber(value: unknown, field: string, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new CoproduceError('invalid-value', `${what} must be a whole number.`, field);
  }
  if (value < min || value > max) {
    throw new CoproduceError('invalid-value', `${what} must be from ${formatCount(min)} to ${formatCount(max)}.`, field, { min, max, actual: value });
  }
  return value;
}

function validateOptions(session: WorkshopSession, method: PollMethod, input: PollInput['options']): PollOptionSource {
  if (Array.isArray(input)) {
    const list = input as readonly (PollOptionInput | string)[];
    const min = method === 'scale' ? 1 : 2;
    if (list.length < min) {
      throw new CoproduceError('required', method === 'scale' ? 'A scale vote needs at least one statement.' : 'A vote needs at least 2 options.', 'options', { min });
    }
    if (list.length > LIMITS.pollOptions) {
      throw new CoproduceError('too-many', `A vote can have up to ${LIMITS.pollOptions} options. This has ${formatCount(list.length)}.`, 'options', { max: LIMITS.pollOptions, actual: list.length });
    }
    const seen = new Set<string>();
    return Object.freeze(list.map((item): PollOption => {
      const option: PollOptionInput = typeof item === 'string' ? { label: item } : item;
      if (typeof option !== 'object' || option === null) throw new CoproduceError('invalid-value', 'Each option needs a label.', 'options');
      const id = option.id === undefined ? newId() : assertId(option.id, 'options', 'option');
      if (seen.has(id)) throw new CoproduceError('already-exists', 'Two options have the same id.', 'options', { id });
      seen.add(id);
      const label = cleanText(option.label, TEXT.optionLabel);
      if (option.cost === undefined) return Object.freeze({ id, label });
      if (method !== 'budget') throw new CoproduceError('invalid-value', 'Only budget votes have costs.', 'options');
      const cost = wholeNumber(option.cost, 'options', 1, LIMITS.optionCostMax, 'A cost');
      return Object.freeze({ id, label, cost });
    }));
  }
  if (isObject(input)) {
    const keys = Object.keys(input);
    if (keys.length === 1 && (keys[0] === 'board' || keys[0] === 'clusters')) {
      const key = keys[0];
      const boardId = assertId((input as Record<string, unknown>)[key], 'options', 'board');
      if (parseBoard(roots(session.doc).boards.get(boardId)) === null) throw notFound('board', 'options', boardId);
      return Object.freeze(key === 'board' ? { board: boardId } : { clusters: boardId });
    }
  }
  throw new CoproduceError('invalid-value', "A vote's options are a list, a board's ideas ({ board }) or a board's groups ({ clusters }).", 'options');
}

function validateScale(input: PollInput['scale']): ScaleDefinition {
  if (input === undefined) return DEFAULT_SCALE;
  if (!isObject(input)) throw new CoproduceError('invalid-value', 'A scale needs a lowest and a highest score.', 'scale');
  const min = wholeNumber(input.min, 'scale', -LIMITS.scaleBound, LIMITS.scaleBound, 'The lowest score');
  const max = wholeNumber(input.max, 'scale', min + 1, Math.min(LIMITS.scaleBound, min + LIMITS.scaleSpanMax), 'The highest score');
  const points = max - min + 1;
  const labels = input.labels === undefined
    ? Array.from({ length: points }, (_, i) => String(min + i))
    : input.labels.map((label) => cleanText(label, TEXT.scaleLabel));
  if (labels.length !== points) {
    throw new CoproduceError('invalid-value', `The scale has ${points} points, so it needs ${points} labels.`, 'scale', { expected: points, actual: labels.length });
  }
  return Object.freeze({ min, max, labels: Object.freeze(labels) });
}

/** What a poll keeps from before an update: its creation, place, last reset and opening history. */
interface PollBase {
  readonly createdAt: number;
  readonly order: string;
  readonly resetAt: number;
  /** Whether it was open before this write (a new poll: false). */
  readonly wasOpen: boolean;
  readonly openedAt?: number;
  readonly closedAt?: number;
}

/**
 * The opening history after a write at `now`: opening records `openedAt`, closing records
 * `closedAt`; otherwise both stay as they were.
 */
function openingTimes(base: PollBase, open: boolean, now: number): { openedAt?: number; closedAt?: number } {
  const openedAt = open && !base.wasOpen ? now : base.openedAt;
  const closedAt = !open && base.wasOpen ? now : base.closedAt;
  return { ...(openedAt !== undefined ? { openedAt } : {}), ...(closedAt !== undefined ? { closedAt } : {}) };
}

/** Builds and checks a complete poll from input (shared by create and update). */
function buildPoll(session: WorkshopSession, input: PollInput, base: PollBase): Poll {
  if (!(POLL_METHODS as readonly string[]).includes(input.method)) {
    throw new CoproduceError('invalid-value', `The kind of vote must be one of: ${POLL_METHODS.join(', ')}.`, 'method');
  }
  const method = input.method;
  const title = cleanText(input.title, TEXT.pollTitle);
  const description = cleanText(input.description ?? '', TEXT.pollDescription);
  const options = validateOptions(session, method, input.options);
  if (input.anonymous !== undefined && typeof input.anonymous !== 'boolean') throw new CoproduceError('invalid-value', 'Anonymous must be true or false.', 'anonymous');
  if (input.open !== undefined && typeof input.open !== 'boolean') throw new CoproduceError('invalid-value', 'Open must be true or false.', 'open');
  const open = input.open ?? false;
  const now = session.now();
  const common = {
    title, description, options,
    open,
    anonymous: input.anonymous ?? true,
    createdAt: base.createdAt,
    updatedAt: now,
    order: base.order,
    resetAt: base.resetAt,
    ...openingTimes(base, open, now),
  };
  const optionCount = Array.isArray(options) ? options.length : LIMITS.pollOptions;
  switch (method) {
    case 'dots': {
      const allowance = wholeNumber(input.allowance ?? 3, 'allowance', 1, LIMITS.dotsAllowanceMax, 'The number of dots');
      const perOptionCap = wholeNumber(input.perOptionCap ?? allowance, 'perOptionCap', 1, allowance, 'The most dots on one option');
      return Object.freeze({ ...common, method, allowance, perOptionCap });
    }
    case 'single':
      return Object.freeze({ ...common, method });
    case 'multiple': {
      const maxChoices = wholeNumber(input.maxChoices ?? Math.min(3, optionCount), 'maxChoices', 1, optionCount, 'The most choices');
      return Object.freeze({ ...common, method, maxChoices });
    }
    case 'ranking':
      return Object.freeze({ ...common, method });
    case 'budget': {
      if (input.budget === undefined) throw new CoproduceError('required', 'A budget vote needs a budget.', 'budget');
      const budget = wholeNumber(input.budget, 'budget', 1, LIMITS.budgetMax, 'The budget');
      if (Array.isArray(options)) {
        for (const option of options as readonly PollOption[]) {
          if (option.cost !== undefined && option.cost > budget) {
            throw new CoproduceError('invalid-value', `“${option.label}” costs more than the whole budget.`, 'options', { optionId: option.id, cost: option.cost, budget });
          }
        }
      }
      return Object.freeze({ ...common, method, budget });
    }
    case 'scale':
      return Object.freeze({ ...common, method, scale: validateScale(input.scale) });
  }
}

/** Stored form of a poll (a fresh plain object, so the caller's objects never end up inside the document). */
function toStored(poll: Poll): Record<string, unknown> {
  return JSON.parse(JSON.stringify(poll)) as Record<string, unknown>;
}

function findPoll(session: WorkshopSession, voteId: unknown): { id: string; poll: Poll } {
  const id = assertId(voteId, 'voteId', 'vote');
  const poll = parsePoll(roots(session.doc).polls.get(id));
  if (poll === null) throw notFound('vote', 'voteId', id);
  return { id, poll };
}

/** Creates a poll (closed unless `open: true`) and returns its id. */
export function createPoll(session: WorkshopSession, input: PollInput): string {
  requireFacilitator(session, 'create votes');
  const id = input.id === undefined ? newId() : assertId(input.id, 'id', 'vote');
  const polls = roots(session.doc).polls;
  const existing: { id: string; order: string }[] = [];
  for (const [pollId, value] of polls) {
    const p = parsePoll(value);
    if (p !== null) existing.push({ id: pollId, order: p.order });
  }
  const poll = buildPoll(session, input, { createdAt: session.now(), order: keyAtEnd(existing).key, resetAt: 0, wasOpen: false });
  if (polls.has(id)) throw new CoproduceError('already-exists', 'There is already a vote with that id.', 'id', { id });
  session.transact(() => polls.set(id, toStored(poll)));
  return id;
}

/**
 * Changes a poll's question, options or limits. Ballots already cast stay; those that break the new
 * limits stop counting (voters see that their vote needs recasting). The kind of vote can only be
 * changed while nobody has voted.
 */
export function updatePoll(session: WorkshopSession, voteId: string, patch: Partial<Omit<PollInput, 'id'>>): Poll {
  requireFacilitator(session, 'change votes');
  const { id, poll } = findPoll(session, voteId);
  const method = patch.method ?? poll.method;
  if (method !== poll.method && (collectBallots(session.doc, id, poll.method).length > 0 || collectPaperVotes(session.doc, id, poll.method).length > 0)) {
    throw new CoproduceError('not-allowed', 'People have already voted. Reset the vote before changing its kind.', 'method');
  }
  if (patch.anonymous === false && poll.anonymous && collectBallots(session.doc, id, poll.method).length > 0) {
    // People voted on the promise that results would not show who voted what: keep it.
    throw new CoproduceError('not-allowed', 'People have already voted anonymously. Reset the vote before showing names.', 'anonymous');
  }
  const current: PollInput = {
    title: poll.title,
    description: poll.description,
    method,
    options: poll.options as PollInput['options'],
    anonymous: poll.anonymous,
    open: poll.open,
    ...(poll.method === 'dots' ? { allowance: poll.allowance, perOptionCap: poll.perOptionCap } : {}),
    ...(poll.method === 'multiple' ? { maxChoices: poll.maxChoices } : {}),
    ...(poll.method === 'budget' ? { budget: poll.budget } : {}),
    ...(poll.method === 'scale' ? { scale: poll.scale } : {}),
  };
  const merged: PollInput = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as PollInput;
  if (merged.method === 'dots' && patch.allowance !== undefined && patch.perOptionCap === undefined && poll.method === 'dots' && poll.perOptionCap === poll.allowance) {
    // A cap equal to the allowance means "no cap": keep it that way when the allowance changes.
    (merged as { perOptionCap?: number }).perOptionCap = patch.allowance;
  }
  const next = buildPoll(session, merged, {
    createdAt: poll.createdAt, order: poll.order, resetAt: poll.resetAt, wasOpen: poll.open,
    ...(poll.openedAt !== undefined ? { openedAt: poll.openedAt } : {}),
    ...(poll.closedAt !== undefined ? { closedAt: poll.closedAt } : {}),
  });
  session.transact(() => roots(session.doc).polls.set(id, toStored(next)));
  return next;
}

function setOpen(session: WorkshopSession, voteId: string, open: boolean): boolean {
  requireFacilitator(session, open ? 'open votes' : 'close votes');
  const { id, poll } = findPoll(session, voteId);
  if (poll.open === open) return false;
  const now = session.now();
  session.transact(() => roots(session.doc).polls.set(id, toStored({ ...poll, open, updatedAt: now, ...(open ? { openedAt: now } : { closedAt: now }) })));
  return true;
}

/** Opens a poll for voting, recording when (`openedAt`): from now on, once closed, it reads as closed rather than not open yet. */
export function openPoll(session: WorkshopSession, voteId: string): boolean {
  return setOpen(session, voteId, true);
}

/** Closes a poll (recording `closedAt`): no more votes can be cast or withdrawn. */
export function closePoll(session: WorkshopSession, voteId: string): boolean {
  return setOpen(session, voteId, false);
}

/**
 * Clears all votes (online and paper) of a poll. The poll records `resetAt` too, so a ballot cast
 * earlier on an offline device that syncs later is still void. Resetting a closed poll also forgets
 * that it was ever open (`openedAt`, `closedAt`): it reads as not open yet, ready to run again. An
 * open poll stays open (and keeps `openedAt`).
 */
export function resetPoll(session: WorkshopSession, voteId: string): void {
  requireFacilitator(session, 'reset votes');
  const { id, poll } = findPoll(session, voteId);
  const r = roots(session.doc);
  const ballots = collectBallots(session.doc, id, poll.method);
  const resetAt = ballots.reduce((max, b) => Math.max(max, b.ballot.updatedAt), Math.max(session.now(), poll.resetAt + 1));
  const prefix = id + KEY_SEPARATOR;
  const { openedAt, closedAt, ...rest } = poll;
  const kept = poll.open ? { ...(openedAt !== undefined ? { openedAt } : {}), ...(closedAt !== undefined ? { closedAt } : {}) } : {};
  session.transact(() => {
    r.polls.set(id, toStored({ ...rest, ...kept, resetAt, updatedAt: session.now() } as Poll));
    for (const key of [...r.ballots.keys()]) if (key.startsWith(prefix)) r.ballots.delete(key);
    for (const key of [...r.paperVotes.keys()]) if (key.startsWith(prefix)) r.paperVotes.delete(key);
  });
}

/** Deletes a poll with its ballots, paper votes, lock and reveal. */
export function deletePoll(session: WorkshopSession, voteId: string): void {
  requireFacilitator(session, 'delete votes');
  const { id } = findPoll(session, voteId);
  const r = roots(session.doc);
  const prefix = id + KEY_SEPARATOR;
  session.transact(() => {
    r.polls.delete(id);
    for (const key of [...r.ballots.keys()]) if (key.startsWith(prefix)) r.ballots.delete(key);
    for (const key of [...r.paperVotes.keys()]) if (key.startsWith(prefix)) r.paperVotes.delete(key);
    r.locks.delete(id);
    r.reveals.delete(id);
  });
}

// ---------------------------------------------------------------------------------------------
// Ballots
// ---------------------------------------------------------------------------------------------

/** Choices as callers may give them: ids for single/multiple/ranking, `{ optionId: amount }` otherwise. */
export type ChoicesInput = readonly string[] | Readonly<Record<string, number>>;

/**
 * Normalises caller-given choices into the stored shape for `method`: checks ids and whole numbers,
 * drops zero amounts (except on a scale, where 0 can be a score). Throws `invalid-value`/`invalid-id`.
 */
export function normaliseChoices(method: PollMethod, input: unknown): BallotChoices {
  if (usesListChoices(method)) {
    if (!Array.isArray(input)) throw new CoproduceError('invalid-value', 'Choose options from the list.', 'choices');
    if (input.length > LIMITS.pollOptions) throw new CoproduceError('too-many', 'That is more choices than there are options.', 'choices');
    return Object.freeze((input as unknown[]).map((id) => assertId(id, 'choices', 'option')));
  }
  if (!isObject(input)) throw new CoproduceError('invalid-value', 'Give an amount for each option.', 'choices');
  const keys = Object.keys(input);
  if (keys.length > LIMITS.pollOptions) throw new CoproduceError('too-many', 'That is more choices than there are options.', 'choices');
  const out: Record<string, number> = {};
  for (const key of keys) {
    const id = assertId(key, 'choices', 'option');
    const amount = input[key];
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
      throw new CoproduceError('invalid-value', 'Amounts must be whole numbers.', 'choices', { optionId: id });
    }
    if (amount !== 0 || method === 'scale') out[id] = amount;
  }
  return Object.freeze(out);
}

/**
 * Throws `closed` unless the poll is open: "This vote is not open yet." for a vote never opened since
 * it was created or reset (`details.stage: 'not-open'`), else "This vote is closed." (`stage: 'closed'`).
 */
function requireOpen(session: WorkshopSession, id: string, poll: Poll): void {
  if (!poll.open) {
    const stage = pollStageOf(poll, poll.openedAt === undefined ? collectBallots(session.doc, id, poll.method) : []);
    const message = stage === 'not-open' ? 'This vote is not open yet.' : 'This vote is closed.';
    throw new CoproduceError('closed', message, null, { voteId: id, stage });
  }
  requireUnlocked(session, id, 'This vote');
}

function ownEntries(session: WorkshopSession, id: string, poll: Poll): BallotEntry[] {
  return collectBallots(session.doc, id, poll.method).filter((b) => b.voterId === session.user.id);
}

function writeBallot(session: WorkshopSession, id: string, poll: Poll, choices: BallotChoices): Ballot {
  const mine = ownEntries(session, id, poll);
  // Later intent must win the per-voter rule even if this device's clock is behind another of the
  // voter's devices, or behind the poll's reset: stamp after everything this device can see.
  const updatedAt = Math.max(session.now(), poll.resetAt + 1, ...mine.map((b) => b.ballot.updatedAt + 1));
  const ballot: Ballot = Object.freeze({ choices, updatedAt });
  const deviceKey = joinKey(id, session.user.id, session.deviceId);
  const ballots = roots(session.doc).ballots;
  session.transact(() => {
    ballots.set(deviceKey, { choices: JSON.parse(JSON.stringify(choices)) as unknown, updatedAt });
    for (const entry of mine) {
      const key = joinKey(id, entry.voterId, entry.deviceId);
      if (key !== deviceKey) ballots.delete(key);
    }
  });
  return ballot;
}

/**
 * Casts (or changes) the user's vote. The whole ballot is checked against the poll's current limits
 * first — allowance, per-option cap, most choices, budget, fixed costs, scale range — and nothing
 * is written if it breaks any (`over-allowance`, `over-budget`, `too-many`, `invalid-value`,
 * `not-found`). It is stored under this device's key, and the voter's other device keys are removed.
 */
export function castBallot(session: WorkshopSession, voteId: string, choices: ChoicesInput): Ballot {
  requireContributor(session, 'vote');
  const { id, poll } = findPoll(session, voteId);
  const normalised = normaliseChoices(poll.method, choices);
  requireOpen(session, id, poll);
  const problem = ballotProblem(poll, resolvePollOptions(session.doc, poll), normalised, 'ballot');
  if (problem !== null) throw problem;
  return writeBallot(session, id, poll, normalised);
}

/** Withdraws the user's vote (stored as an empty ballot, so it also outranks an older ballot from an offline device). */
export function retractBallot(session: WorkshopSession, voteId: string): Ballot {
  requireContributor(session, 'vote');
  const { id, poll } = findPoll(session, voteId);
  requireOpen(session, id, poll);
  return writeBallot(session, id, poll, usesListChoices(poll.method) ? Object.freeze([]) : Object.freeze({}));
}

// ---------------------------------------------------------------------------------------------
// Paper votes
// ---------------------------------------------------------------------------------------------

export interface PaperVoteInput {
  readonly choices: ChoicesInput;
  /** How many identical paper ballots this entry stands for (1–100,000, default 1). */
  readonly count?: number;
  /** 0–200 characters, e.g. "Tuesday drop-in, table 2". */
  readonly note?: string;
}

function validatePaper(session: WorkshopSession, poll: Poll, input: PaperVoteInput): { choices: BallotChoices; count: number; note: string } {
  const choices = normaliseChoices(poll.method, input.choices);
  const count = wholeNumber(input.count ?? 1, 'count', 1, LIMITS.paperCountMax, 'The number of paper ballots');
  const note = cleanText(input.note ?? '', TEXT.paperNote);
  const problem = ballotProblem(poll, resolvePollOptions(session.doc, poll), choices, 'paper');
  if (problem !== null) throw problem;
  return { choices, count, note };
}

/**
 * Records votes cast on paper (facilitators). They are counted with the online votes but kept and
 * shown separately. Returns the entry id.
 */
export function addPaperVote(session: WorkshopSession, voteId: string, input: PaperVoteInput): string {
  requireFacilitator(session, 'enter paper votes');
  const { id, poll } = findPoll(session, voteId);
  const { choices, count, note } = validatePaper(session, poll, input);
  const entryId = newId();
  const now = session.now();
  session.transact(() => {
    roots(session.doc).paperVotes.set(joinKey(id, entryId), { choices: JSON.parse(JSON.stringify(choices)) as unknown, count, note, createdAt: now, updatedAt: now });
  });
  return entryId;
}

/** Corrects a paper vote entry (facilitators). */
export function updatePaperVote(session: WorkshopSession, voteId: string, entryId: string, input: Partial<PaperVoteInput>): void {
  requireFacilitator(session, 'change paper votes');
  const { id, poll } = findPoll(session, voteId);
  const entry = assertId(entryId, 'entryId', 'paper vote');
  const key = joinKey(id, entry);
  const paperVotes = roots(session.doc).paperVotes;
  const existing = parsePaperVote(poll.method, paperVotes.get(key));
  if (existing === null) throw notFound('paper vote', 'entryId', entry);
  const { choices, count, note } = validatePaper(session, poll, {
    choices: (input.choices ?? existing.choices) as ChoicesInput,
    count: input.count ?? existing.count,
    note: input.note ?? existing.note,
  });
  session.transact(() => {
    paperVotes.set(key, { choices: JSON.parse(JSON.stringify(choices)) as unknown, count, note, createdAt: existing.createdAt, updatedAt: session.now() });
  });
}

/** Deletes a paper vote entry (facilitators). */
export function deletePaperVote(session: WorkshopSession, voteId: string, entryId: string): boolean {
  requireFacilitator(session, 'delete paper votes');
  const { id } = findPoll(session, voteId);
  const key = joinKey(id, assertId(entryId, 'entryId', 'paper vote'));
  const paperVotes = roots(session.doc).paperVotes;
  if (!paperVotes.has(key)) return false;
  session.transact(() => paperVotes.delete(key));
  return true;
}

/** The `ballots` key of a voter's device. */
export function ballotKey(voteId: string, voterId: string, deviceId: string): string {
  return joinKey(voteId, voterId, deviceId);
}

/** Splits a `ballots` key into its vote, voter and device ids (or `null` if malformed). */
export function parseBallotKey(key: string): { voteId: string; voterId: string; deviceId: string } | null {
  const parts = splitKey(key, 3);
  return parts === null ? null : { voteId: parts[0] as string, voterId: parts[1] as string, deviceId: parts[2] as string };
}
