/**
 * The whole workshop as one versioned JSON file, and back.
 *
 * `exportWorkshop(doc)` reads every root through the layout's defensive readers (so a damaged or
 * hostile record never reaches the file) into plain, sorted, stable JSON; `importWorkshop(doc,
 * data)` checks a file as strictly as the operations check input (ids, text limits, vocabularies,
 * vote shapes) and writes it into an empty workshop in one transaction. Exporting an imported
 * export gives the same file (apart from `exportedAt`).
 */
import * as Y from 'yjs';
import { CoproduceError } from '../errors.js';
import { NO_PERSONA, isId, joinKey, splitKey } from '../ids.js';
import {
  LANE_KINDS, LAYOUT_VERSION, LIMITS, isColourName, isReactionEmoji, isRole, roots, type BallotChoices, type ColourName,
  type Focus, type IdeaStatus, type LaneKind, type Language, type Phase, type Poll, type Role, type Timer,
  type WorkshopSettings,
} from '../layout.js';
import { isOrderKey } from '../values.js';
import { requireFacilitator, type WorkshopSession } from '../session.js';
import { TEXT, cleanText, type TextRule } from '../text.js';
import {
  getRecord, isEmotion, isObject, isTime, parseBallot, parseBoard, parseFocus, parseJourney, parseLock, parsePaperVote,
  parsePerson, parsePhases, parsePoll, parseRole, parseTimer, readCardRecord, readClusterRecord, readCommentRecord,
  readIdeaRecord, readLaneRecord, readMeta, readPersonaRecord, readSettings, readStageRecord,
} from '../values.js';
import { compareDeviceIds } from '../counting.js';
import {
  META_CHECKS, ballotShapeProblem, boardProblem, emotionKeyProblem, focusProblem, journeyProblem, lockProblem, paperVoteShapeProblem,
  personProblem, phasesProblem, pollProblem, pollTimesProblem, reactionKeyProblem, recordProblem, timerProblem, type StoredRecordRoot,
} from '../stored.js';
import { NO_PSEUDONYMS, makePseudonyms, type Pseudonyms } from './anonymise.js';

/** The `format` of a workshop export file. */
export const WORKSHOP_EXPORT_FORMAT = 'coproduce-workshop';
/** The version of the export file format this library writes and reads. */
export const WORKSHOP_EXPORT_VERSION = 1;
/** The transaction origin of {@link importWorkshop} unless another is given. */
export const IMPORT_ORIGIN = 'coproduce:import';

export interface ExportedPerson {
  readonly id: string; readonly name: string; readonly colour: ColourName; readonly joinedAt: number; readonly updatedAt: number;
  /** The person's role when known (their `roles` entry, else the sign-in role given in `roles`), so a participant named "Facilitator" is told apart. */
  readonly role?: Role;
}
export interface ExportedBoard { readonly id: string; readonly title: string; readonly createdAt: number; readonly order: string }
export interface ExportedIdea {
  readonly id: string; readonly boardId: string; readonly text: string; readonly authorId: string; readonly colour: ColourName;
  readonly tag: string; readonly clusterId: string | null; readonly status: IdeaStatus; readonly createdAt: number; readonly updatedAt: number;
}
export interface ExportedCluster {
  readonly id: string; readonly boardId: string; readonly title: string; readonly collapsed: boolean; readonly order: string;
  readonly createdBy: string; readonly createdAt: number;
}
export interface ExportedComment { readonly id: string; readonly ideaId: string; readonly text: string; readonly authorId: string; readonly createdAt: number; readonly updatedAt: number }
export interface ExportedReaction { readonly ideaId: string; readonly userId: string; readonly emoji: string; readonly at: number }
export type ExportedPoll = Poll & { readonly id: string };
/**
 * A ballot. For an anonymous vote, `voterId` is a number for that vote only (`voter-01`) and
 * `deviceId` a number for that voter's devices (`1`, `2`…): they keep which ballots are one
 * person's, for re-counting, and link to nothing else (see `anonymousBallotVoters` in the source).
 */
export interface ExportedBallot { readonly voteId: string; readonly voterId: string; readonly deviceId: string; readonly choices: BallotChoices; readonly updatedAt: number }
export interface ExportedPaperVote {
  readonly voteId: string; readonly entryId: string; readonly choices: BallotChoices; readonly count: number; readonly note: string;
  readonly createdAt: number; readonly updatedAt: number;
}
export interface ExportedJourney { readonly id: string; readonly title: string; readonly personaId: string | null; readonly createdAt: number; readonly order: string }
export interface ExportedStage { readonly id: string; readonly mapId: string; readonly title: string; readonly order: string }
export interface ExportedLane { readonly id: string; readonly mapId: string; readonly title: string; readonly kind: LaneKind; readonly order: string }
export interface ExportedCard {
  readonly id: string; readonly mapId: string; readonly stageId: string; readonly laneId: string; readonly text: string;
  readonly authorId: string; readonly order: string; readonly createdAt: number; readonly updatedAt: number;
}
export interface ExportedEmotion { readonly mapId: string; readonly stageId: string; readonly personaId: string | null; readonly value: number }
export interface ExportedPersona {
  readonly id: string; readonly mapId: string; readonly name: string; readonly description: string; readonly needs: string;
  readonly createdBy: string; readonly createdAt: number;
}
export interface ExportedLink { readonly cardId: string; readonly ideaId: string; readonly at: number }

/** Everything in a workshop, one list per root (see docs/document-model.md). */
export interface ExportedWorkshop {
  readonly meta: { readonly title: string; readonly description: string; readonly language: Language; readonly createdAt: number };
  readonly settings: WorkshopSettings;
  readonly control: { readonly phases: readonly Phase[]; readonly currentPhase: string | null; readonly timer: Timer; readonly focus: Focus | null };
  readonly locks: readonly { readonly elementId: string; readonly reason: string; readonly at: number }[];
  readonly reveals: readonly { readonly elementId: string; readonly at: number }[];
  readonly roles: readonly { readonly userId: string; readonly role: Role }[];
  readonly people: readonly ExportedPerson[];
  readonly boards: readonly ExportedBoard[];
  readonly ideas: readonly ExportedIdea[];
  readonly clusters: readonly ExportedCluster[];
  readonly comments: readonly ExportedComment[];
  readonly reactions: readonly ExportedReaction[];
  readonly polls: readonly ExportedPoll[];
  readonly ballots: readonly ExportedBallot[];
  readonly paperVotes: readonly ExportedPaperVote[];
  readonly journeys: readonly ExportedJourney[];
  readonly stages: readonly ExportedStage[];
  readonly lanes: readonly ExportedLane[];
  readonly cards: readonly ExportedCard[];
  readonly emotions: readonly ExportedEmotion[];
  readonly personas: readonly ExportedPersona[];
  readonly links: readonly ExportedLink[];
}

/** A workshop export file. */
export interface WorkshopExport {
  readonly format: typeof WORKSHOP_EXPORT_FORMAT;
  readonly version: typeof WORKSHOP_EXPORT_VERSION;
  /** The document layout version the workshop was read with (`meta.schemaVersion`). */
  readonly layoutVersion: number;
  /** When the file was made (ISO 8601). */
  readonly exportedAt: string;
  /** Whether people were replaced by pseudonyms ("Person 1"). */
  readonly anonymised: boolean;
  readonly workshop: ExportedWorkshop;
}

export interface ExportOptions {
  /**
   * Replace every person by a pseudonym (`person-01`, "Person 1"). Default: the workshop's own
   * anonymity setting, so an anonymous workshop never names anyone in its exports.
   */
  readonly anonymise?: boolean;
  /** The export time (default `Date.now()`). */
  readonly now?: number;
  /** Sign-in roles the exporting page knows (user id → role), which the document does not hold; see {@link exportRoles}. */
  readonly roles?: Readonly<Record<string, Role>>;
}

const byKey = <T>(key: (item: T) => string) => (a: T, b: T): number => {
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
};
const byId = byKey<{ id: string }>((item) => item.id);

/**
 * The role of each person as an export can know it: their `roles` entry in the document, else
 * their sign-in role from `signIn` (the document does not hold sign-in roles: an exporting page
 * passes those it knows, e.g. its own and the people present). Null when unknown.
 */
export function exportRoles(doc: Y.Doc, signIn: Readonly<Record<string, Role>> = {}): (userId: string) => Role | null {
  const roles = roots(doc).roles;
  return (userId) => {
    const given = signIn[userId];
    return parseRole(roles.get(userId)) ?? (isRole(given) ? given : null);
  };
}

/** Whether the workshop hides authors (exports then pseudonymise people by default). */
export function isAnonymousWorkshop(doc: Y.Doc): boolean {
  return readSettings(roots(doc).settings).anonymous;
}

/** The pseudonyms an export of `doc` uses (identity when not anonymising). */
export function exportPseudonyms(doc: Y.Doc, anonymise = isAnonymousWorkshop(doc)): Pseudonyms {
  return anonymise ? makePseudonyms(doc) : NO_PSEUDONYMS;
}

/**
 * Who cast the ballots of anonymous votes, as an export shows it: a voter number that links to
 * nothing else (`voter-01`, `voter-02`… numbered across all anonymous votes in turn, so the same
 * person has a different number in each vote and no number is shared between votes), and device
 * numbers (`1`, `2`…) in place of the device ids, which would otherwise link one person's ballots
 * across votes.
 *
 * Why a per-vote pseudonym rather than no voter at all: the counting rule is one vote per person
 * (a person's latest ballot, from whichever device, counts), so a facilitator who re-counts from the
 * file, or imports it, needs to know which ballots are the same person's within one vote; the
 * numbers keep that, and the device numbers keep the order that breaks ties, so re-counting gives
 * the same results. What the file cannot say is who that person is — not their id, not their name in
 * `people`, not which ideas they wrote, nor how they voted in another vote — which is the promise
 * "results never show who voted what". Named votes keep their voter ids (pseudonymised with the
 * rest of the file when the whole workshop is anonymous).
 *
 * Voters are numbered by their first ballot's time (then by id), so exporting an imported export
 * gives the same numbers again.
 */
function anonymousBallotVoters<B extends { voteId: string; voterId: string; deviceId: string; updatedAt: number }>(
  ballots: readonly B[],
  anonymousPolls: ReadonlySet<string>,
): Map<B, { voterId: string; deviceId: string }> {
  const byVote = new Map<string, Map<string, B[]>>();
  for (const b of ballots) {
    if (!anonymousPolls.has(b.voteId)) continue;
    let voters = byVote.get(b.voteId);
    if (!voters) byVote.set(b.voteId, (voters = new Map()));
    const own = voters.get(b.voterId);
    if (own) own.push(b);
    else voters.set(b.voterId, [b]);
  }
  const groups = [...byVote.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).flatMap(([, voters]) =>
    [...voters.entries()]
      .map(([voterId, own]) => ({ voterId, own, first: Math.min(...own.map((b) => b.updatedAt)) }))
      .sort((a, b) => a.first - b.first || (a.voterId < b.voterId ? -1 : a.voterId > b.voterId ? 1 : 0)),
  );
  const width = Math.max(2, String(groups.length).length);
  const out = new Map<B, { voterId: string; deviceId: string }>();
  groups.forEach(({ own }, i) => {
    const voterId = `voter-${String(i + 1).padStart(width, '0')}`;
    const devices = [...new Set(own.map((b) => b.deviceId))].sort(compareDeviceIds);
    for (const b of own) out.set(b, { voterId, deviceId: String(devices.indexOf(b.deviceId) + 1) });
  });
  return out;
}

function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Reads the whole workshop into a {@link WorkshopExport} (plain JSON: `JSON.stringify` it to save). */
export function exportWorkshop(doc: Y.Doc, options: ExportOptions = {}): WorkshopExport {
  const r = roots(doc);
  const anonymise = options.anonymise ?? isAnonymousWorkshop(doc);
  const p = exportPseudonyms(doc, anonymise);
  const meta = readMeta(r.meta);
  const user = (id: string): string => (id === '' ? '' : p.id(id));

  const locks = [...r.locks.entries()].flatMap(([elementId, value]) => {
    const lock = parseLock(value);
    return lock !== null && isId(elementId) ? [{ elementId, reason: lock.reason, at: lock.at }] : [];
  }).sort(byKey((l) => l.elementId));
  const reveals = [...r.reveals.entries()].flatMap(([elementId, at]) => (isId(elementId) ? [{ elementId, at: isTime(at) ? at : 0 }] : []))
    .sort(byKey((x) => x.elementId));
  const roles = [...r.roles.entries()].flatMap(([userId, value]) => {
    const role = parseRole(value);
    return role !== null && isId(userId) ? [{ userId: user(userId), role }] : [];
  }).sort(byKey((x) => x.userId));
  const roleOf = exportRoles(doc, options.roles);
  const people = [...r.people.entries()].flatMap(([id, value]) => {
    const person = parsePerson(value);
    const role = roleOf(id);
    return person !== null && isId(id)
      ? [{ id: user(id), name: anonymise ? p.name(id) : person.name, colour: person.colour, joinedAt: person.joinedAt, updatedAt: person.updatedAt, ...(role ? { role } : {}) }]
      : [];
  }).sort(byId);
  const boards = [...r.boards.entries()].flatMap(([id, value]) => {
    const board = parseBoard(value);
    return board !== null && isId(id) ? [{ id, ...board }] : [];
  }).sort(byId);

  const records = <T>(root: Y.Map<unknown>, read: (map: Y.Map<unknown>) => T | null): { id: string; record: T }[] => {
    const out: { id: string; record: T }[] = [];
    for (const [id] of root) {
      const map = getRecord(root, id);
      const record = map === undefined || !isId(id) ? null : read(map);
      if (record !== null) out.push({ id, record });
    }
    return out.sort(byId);
  };
  const ideas = records(r.ideas, readIdeaRecord).map(({ id, record }) => ({ id, ...record, authorId: user(record.authorId) }));
  const clusters = records(r.clusters, readClusterRecord).map(({ id, record }) => ({ id, ...record, createdBy: user(record.createdBy) }));
  const comments = records(r.comments, readCommentRecord).map(({ id, record }) => ({ id, ...record, authorId: user(record.authorId) }));
  const reactions = [...r.reactions.entries()].flatMap(([key, at]) => {
    const parts = key.split('|');
    const [ideaId, userId, emoji] = parts;
    if (parts.length !== 3 || !isId(ideaId) || !isId(userId) || !isReactionEmoji(emoji)) return [];
    return [{ ideaId, userId: user(userId), emoji, at: isTime(at) ? at : 0 }];
  }).sort(byKey((x) => `${x.ideaId}|${x.userId}|${x.emoji}`));

  const pollMethods = new Map<string, Poll['method']>();
  const anonymousPolls = new Set<string>();
  const polls = [...r.polls.entries()].flatMap(([id, value]) => {
    const poll = parsePoll(value);
    if (poll === null || !isId(id)) return [];
    pollMethods.set(id, poll.method);
    if (poll.anonymous) anonymousPolls.add(id);
    return [{ id, ...json(poll) }];
  }).sort(byId);
  const readBallots = [...r.ballots.entries()].flatMap(([key, value]) => {
    const parts = splitKey(key, 3);
    if (parts === null) return [];
    const [voteId, voterId, deviceId] = parts as [string, string, string];
    const method = pollMethods.get(voteId);
    const ballot = method === undefined ? null : parseBallot(method, value);
    return ballot === null ? [] : [{ voteId, voterId, deviceId, choices: json(ballot.choices), updatedAt: ballot.updatedAt }];
  });
  const ballotVoter = anonymousBallotVoters(readBallots, anonymousPolls);
  const ballots = readBallots.map((b) => {
    const anonymous = ballotVoter.get(b);
    return anonymous ? { ...b, ...anonymous } : { ...b, voterId: user(b.voterId) };
  }).sort(byKey((b) => `${b.voteId}|${b.voterId}|${b.deviceId}`));
  const paperVotes = [...r.paperVotes.entries()].flatMap(([key, value]) => {
    const parts = splitKey(key, 2);
    if (parts === null) return [];
    const [voteId, entryId] = parts as [string, string];
    const method = pollMethods.get(voteId);
    const vote = method === undefined ? null : parsePaperVote(method, value);
    return vote === null ? [] : [{ voteId, entryId, ...json(vote) }];
  }).sort(byKey((v) => `${v.voteId}|${v.entryId}`));

  const journeys = [...r.journeys.entries()].flatMap(([id, value]) => {
    const journey = parseJourney(value);
    return journey !== null && isId(id) ? [{ id, ...journey }] : [];
  }).sort(byId);
  const stages = records(r.stages, readStageRecord).map(({ id, record }) => ({ id, ...record }));
  const lanes = records(r.lanes, readLaneRecord).map(({ id, record }) => ({ id, ...record }));
  const cards = records(r.cards, readCardRecord).map(({ id, record }) => ({ id, ...record, authorId: user(record.authorId) }));
  const emotions = [...r.emotions.entries()].flatMap(([key, value]) => {
    const parts = splitKey(key, 3, true);
    if (parts === null || !isEmotion(value)) return [];
    const [mapId, stageId, personaId] = parts as [string, string, string];
    if (mapId === NO_PERSONA || stageId === NO_PERSONA) return [];
    return [{ mapId, stageId, personaId: personaId === NO_PERSONA ? null : personaId, value }];
  }).sort(byKey((e) => `${e.mapId}|${e.stageId}|${e.personaId ?? NO_PERSONA}`));
  const personas = records(r.personas, readPersonaRecord).map(({ id, record }) => ({ id, ...record, createdBy: user(record.createdBy) }));
  const links = [...r.links.entries()].flatMap(([key, at]) => {
    const parts = splitKey(key, 2);
    return parts === null ? [] : [{ cardId: parts[0] as string, ideaId: parts[1] as string, at: isTime(at) ? at : 0 }];
  }).sort(byKey((l) => `${l.cardId}|${l.ideaId}`));

  const control = r.control;
  const phases = parsePhases(control.get('phases'));
  const current = control.get('currentPhase');
  const workshop: ExportedWorkshop = {
    meta: { title: meta.title, description: meta.description, language: meta.language, createdAt: meta.createdAt },
    settings: { ...readSettings(r.settings) },
    control: {
      phases: phases.map((phase) => ({ id: phase.id, title: phase.title })),
      currentPhase: typeof current === 'string' && phases.some((phase) => phase.id === current) ? current : null,
      timer: { ...parseTimer(control.get('timer')) },
      focus: ((focus) => (focus === null ? null : { ...focus }))(parseFocus(control.get('focus'))),
    },
    locks, reveals, roles, people, boards, ideas, clusters, comments, reactions, polls, ballots, paperVotes,
    journeys, stages, lanes, cards, emotions, personas, links,
  };
  return {
    format: WORKSHOP_EXPORT_FORMAT,
    version: WORKSHOP_EXPORT_VERSION,
    layoutVersion: meta.schemaVersion || LAYOUT_VERSION,
    exportedAt: new Date(options.now ?? Date.now()).toISOString(),
    anonymised: anonymise,
    workshop,
  };
}

/** {@link exportWorkshop} as indented JSON text, ready to save as a `.json` file. */
export function exportWorkshopJson(doc: Y.Doc, options: ExportOptions = {}): string {
  return `${JSON.stringify(exportWorkshop(doc, options), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

export interface ImportOptions {
  /**
   * `'everything'` (default) restores the workshop as it was exported: people, ideas, comments,
   * votes, the timer…. `'setup'` starts a fresh workshop from what the facilitator prepared: the
   * details, settings, phases, boards, votes (closed, without ballots), journey maps with their
   * stages, rows and personas — no people, no contributions, nothing locked or revealed.
   */
  readonly content?: 'everything' | 'setup';
  /** A new title for the imported workshop. */
  readonly title?: string;
  /** Import as this facilitator (checks the role; the import is then local to the session). */
  readonly session?: WorkshopSession;
  /** Transaction origin when no session is given (default {@link IMPORT_ORIGIN}). */
  readonly origin?: unknown;
  /** The time of the import, used as `createdAt` in `'setup'` mode (default `Date.now()`). */
  readonly now?: number;
}

/** What an import wrote and what it had to leave out. */
export interface ImportResult {
  /** How many entries were written, per root. */
  readonly written: Readonly<Record<string, number>>;
  /** Entries that failed the checks, with the reason, e.g. `{ root: 'ideas', id: 'x', problem: 'Ideas can be up to 2,000 characters…' }`. */
  readonly skipped: readonly { readonly root: string; readonly id: string; readonly problem: string }[];
  /**
   * Entries written with an obvious, harmless repair, and what was changed, e.g. `{ root: 'clusters',
   * id: 'g1', change: 'It did not say who made it, so it is recorded as made by you.' }`.
   */
  readonly repaired: readonly { readonly root: string; readonly id: string; readonly change: string }[];
}

/** Roots that hold content (rather than the workshop's details): an import needs them empty. */
const CONTENT_ROOTS = [
  'boards', 'ideas', 'clusters', 'comments', 'reactions', 'polls', 'ballots', 'paperVotes', 'journeys', 'stages', 'lanes', 'cards',
  'emotions', 'personas', 'links',
] as const;

/** True when the workshop has no boards, votes, journey maps or contributions yet (details and people may exist). */
export function isWorkshopEmpty(doc: Y.Doc): boolean {
  const r = roots(doc);
  return CONTENT_ROOTS.every((name) => r[name].size === 0) && parsePhases(r.control.get('phases')).length === 0;
}

/** Parses export text (or takes an already-parsed object) and checks its format and version. */
export function readWorkshopExport(data: string | unknown): { readonly layoutVersion: number; readonly workshop: Readonly<Record<string, unknown>> } {
  let value: unknown = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      throw new CoproduceError('invalid-value', "This file isn't a Coproduce workshop export: it isn't valid JSON.", 'file');
    }
  }
  if (!isObject(value) || value['format'] !== WORKSHOP_EXPORT_FORMAT) {
    throw new CoproduceError('invalid-value', "This file isn't a Coproduce workshop export.", 'file');
  }
  const version = value['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new CoproduceError('invalid-value', 'This workshop export has no readable version.', 'file');
  }
  const layoutVersion = value['layoutVersion'];
  if (version > WORKSHOP_EXPORT_VERSION || (typeof layoutVersion === 'number' && layoutVersion > LAYOUT_VERSION)) {
    throw new CoproduceError(
      'unsupported-version',
      'This workshop was exported by a newer version of Coproduce. Please update to import it.',
      'file',
      { version, supported: WORKSHOP_EXPORT_VERSION },
    );
  }
  const workshop = value['workshop'];
  if (!isObject(workshop) || !isObject(workshop['meta'])) {
    throw new CoproduceError('invalid-value', 'This workshop export is damaged: it has no workshop in it.', 'file');
  }
  return { layoutVersion: typeof layoutVersion === 'number' ? layoutVersion : LAYOUT_VERSION, workshop };
}

class Skip extends Error {}

/**
 * Leaves the entry out unless `problem` (a check from `stored.ts`, the rules the sync server stores
 * by) finds nothing wrong: an import never writes what the server refuses.
 */
function storable(what: string, problem: string | null): void {
  if (problem !== null) throw new Skip(`${what} cannot be stored as it is: ${problem}.`);
}

function own(obj: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function text(obj: Readonly<Record<string, unknown>>, key: string, rule: TextRule): string {
  try {
    return cleanText(own(obj, key), rule);
  } catch (error) {
    if (error instanceof CoproduceError) throw new Skip(error.message);
    throw error;
  }
}
function id(obj: Readonly<Record<string, unknown>>, key: string): string {
  const value = own(obj, key);
  if (!isId(value)) throw new Skip(`“${key}” is not a valid id.`);
  return value;
}
/** What each record root's entries are called in the import's messages. */
const RECORD_NOUNS: Readonly<Record<StoredRecordRoot, string>> = {
  ideas: 'idea', clusters: 'group', comments: 'comment', stages: 'stage', lanes: 'row', cards: 'card', personas: 'persona',
};

/**
 * Choices as the server stores them, with the obvious, harmless repairs (each noted): an option
 * named twice in a list is kept once, where it first appears; a ballot's dots or money given as 0
 * are left out (a ballot stores only what was given; 0 on a paper vote is kept). Anything else
 * wrong is left to the caller's check.
 */
function repairChoices(method: Poll['method'], choices: BallotChoices, paper: boolean, note: (change: string) => void): BallotChoices {
  if (Array.isArray(choices)) {
    const unique = [...new Set(choices as readonly string[])];
    if (unique.length !== choices.length) note('An option was chosen more than once: it is kept once, where it was first chosen.');
    return unique;
  }
  const entries = Object.entries(choices as Readonly<Record<string, number>>);
  if (paper || (method !== 'dots' && method !== 'budget')) return Object.fromEntries(entries);
  const kept = entries.filter(([, amount]) => amount !== 0);
  if (kept.length !== entries.length) note('Options given 0 were left out: a ballot stores only what was given.');
  return Object.fromEntries(kept);
}
function time(obj: Readonly<Record<string, unknown>>, key: string): number {
  const value = own(obj, key);
  return isTime(value) ? value : 0;
}
function order(obj: Readonly<Record<string, unknown>>): string {
  const value = own(obj, 'order');
  return isOrderKey(value) ? value : 'a0';
}
function list(workshop: Readonly<Record<string, unknown>>, key: string): Readonly<Record<string, unknown>>[] {
  const value = own(workshop, key);
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new CoproduceError('invalid-value', `This workshop export is damaged: “${key}” is not a list.`, 'file');
  return (value as unknown[]).map((item) => (isObject(item) ? item : {}));
}

/**
 * Writes a workshop export (text or parsed) into `doc`, which must not hold any boards, votes or
 * contributions yet (a new room, or one where only the details were set up). Every entry is checked
 * like an operation's input, and every value written must pass the rules the sync server stores by
 * (`stored.ts`), so an import never writes what the server refuses. An entry with an obvious,
 * harmless fault is repaired (a group or persona with no creator is recorded as the importing
 * facilitator's, an option chosen twice in a ballot is kept once, a ballot's zero amounts and costs
 * on non-budget votes are dropped, a vote's impossible opening time is left out) and listed in
 * `repaired`; other entries that fail are left out and listed in `skipped`, with the reason; a file
 * that is not a workshop export at all throws `invalid-value` (`unsupported-version` when it comes
 * from a newer Coproduce) without writing anything. Writes in one transaction.
 */
export function importWorkshop(doc: Y.Doc, data: string | unknown, options: ImportOptions = {}): ImportResult {
  const session = options.session;
  if (session !== undefined) {
    requireFacilitator(session, 'import a workshop');
    if (session.doc !== doc) throw new TypeError('importWorkshop: the session belongs to another document.');
  }
  const { workshop } = readWorkshopExport(data);
  if (!isWorkshopEmpty(doc)) {
    throw new CoproduceError('already-exists', 'This workshop already has boards, votes or contributions. Import into a new workshop.', 'file');
  }
  const meta = readMeta(roots(doc).meta);
  if (meta.schemaVersion > LAYOUT_VERSION) {
    throw new CoproduceError('unsupported-version', `This workshop was made with a newer version of Coproduce (layout ${meta.schemaVersion}). Please update to open it.`, null, { version: meta.schemaVersion, supported: LAYOUT_VERSION });
  }
  const setupOnly = options.content === 'setup';
  const now = options.now ?? Date.now();
  const written: Record<string, number> = {};
  const skipped: { root: string; id: string; problem: string }[] = [];
  const repaired: { root: string; id: string; change: string }[] = [];
  const plan: (() => void)[] = [];
  const r = roots(doc);

  /** Checks each entry of a list now; queues the writes of the good ones. */
  const each = (root: string, entries: Readonly<Record<string, unknown>>[], describe: (entry: Readonly<Record<string, unknown>>) => string, check: (entry: Readonly<Record<string, unknown>>) => () => void): void => {
    for (const entry of entries) {
      try {
        const write = check(entry);
        plan.push(write);
        written[root] = (written[root] ?? 0) + 1;
      } catch (error) {
        if (!(error instanceof Skip)) throw error;
        skipped.push({ root, id: describe(entry), problem: error.message });
      }
    }
  };
  const idOf = (entry: Readonly<Record<string, unknown>>): string => {
    const value = own(entry, 'id');
    return typeof value === 'string' ? value.slice(0, 64) : '';
  };

  // Details and settings: these must be readable, or the file is refused.
  const metaIn = workshop['meta'] as Readonly<Record<string, unknown>>;
  let title: string;
  let description: string;
  try {
    title = cleanText(options.title ?? own(metaIn, 'title'), TEXT.workshopTitle);
    description = cleanText(own(metaIn, 'description') ?? '', TEXT.workshopDescription);
  } catch (error) {
    if (error instanceof CoproduceError) throw new CoproduceError(error.code, `This workshop export has a problem with its details: ${error.message}`, 'file', error.details);
    throw error;
  }
  const language: Language = own(metaIn, 'language') === 'cy' ? 'cy' : 'en';
  const createdAt = setupOnly ? now : time(metaIn, 'createdAt') || now;
  for (const [key, value] of [['title', title], ['description', description], ['createdAt', createdAt]] as const) {
    const problem = META_CHECKS[key]?.(value) ?? null;
    if (problem !== null) throw new CoproduceError('invalid-value', `This workshop export has a problem with its details: the ${key} ${problem}.`, 'file');
  }
  const settingsIn = isObject(own(workshop, 'settings')) ? (own(workshop, 'settings') as Readonly<Record<string, unknown>>) : {};
  const settings = {
    privateWriting: own(settingsIn, 'privateWriting') === true,
    moderation: own(settingsIn, 'moderation') === true,
    anonymous: own(settingsIn, 'anonymous') === true,
    // Written only when on, as createWorkshop does (an older server refuses setting keys it does not know).
    ...(own(settingsIn, 'facilitatorsOrganise') === true ? { facilitatorsOrganise: true } : {}),
  };
  const controlIn = isObject(own(workshop, 'control')) ? (own(workshop, 'control') as Readonly<Record<string, unknown>>) : {};
  const phases = parsePhases(own(controlIn, 'phases')).flatMap((phase) => {
    try {
      return [{ id: phase.id, title: cleanText(phase.title, TEXT.phaseTitle) }];
    } catch (error) {
      if (!(error instanceof CoproduceError)) throw error;
      skipped.push({ root: 'phases', id: phase.id, problem: error.message });
      return [];
    }
  });
  const currentIn = own(controlIn, 'currentPhase');
  const currentPhase = !setupOnly && typeof currentIn === 'string' && phases.some((p) => p.id === currentIn) ? currentIn : null;
  const phasesWrong = phasesProblem(phases);
  if (phasesWrong !== null) {
    skipped.push({ root: 'phases', id: '', problem: `The phases cannot be stored as they are: ${phasesWrong}.` });
    phases.length = 0;
  }
  let timer = parseTimer(own(controlIn, 'timer'));
  const timerWrong = timerProblem(timer);
  if (timerWrong !== null) {
    skipped.push({ root: 'timer', id: '', problem: `The timer cannot be stored as it is: ${timerWrong}.` });
    timer = parseTimer(undefined);
  }
  let focus = parseFocus(own(controlIn, 'focus'));
  const focusWrong = focusProblem(focus);
  if (focusWrong !== null) {
    skipped.push({ root: 'focus', id: '', problem: `The focus cannot be stored as it is: ${focusWrong}.` });
    focus = null;
  }
  plan.push(() => {
    r.meta.set('schemaVersion', LAYOUT_VERSION);
    r.meta.set('title', title);
    r.meta.set('description', description);
    r.meta.set('language', language);
    r.meta.set('createdAt', createdAt);
    for (const [key, value] of Object.entries(settings)) r.settings.set(key, value);
    r.control.set('phases', phases.map((p) => ({ ...p })));
    r.control.set('currentPhase', currentPhase);
    if (!setupOnly) {
      if (timer.status !== 'idle' || r.control.has('timer')) r.control.set('timer', { ...timer });
      r.control.set('focus', focus === null ? null : { ...focus });
    }
  });

  // Boards, polls, journey maps and their structure (kept in both modes).
  const boardIds = new Set<string>();
  each('boards', list(workshop, 'boards'), idOf, (entry) => {
    const boardId = id(entry, 'id');
    const board = { title: text(entry, 'title', TEXT.boardTitle), createdAt: setupOnly ? now : time(entry, 'createdAt'), order: order(entry) };
    if (parseBoard(board) === null) throw new Skip('The board cannot be read.');
    storable('The board', boardProblem(board));
    boardIds.add(boardId);
    return () => r.boards.set(boardId, board);
  });

  const pollMethods = new Map<string, Poll['method']>();
  each('polls', list(workshop, 'polls'), idOf, (entry) => {
    const voteId = id(entry, 'id');
    const { id: _omit, ...rest } = entry as Record<string, unknown>;
    const poll = parsePoll(rest);
    if (poll === null) throw new Skip('The vote is not in a shape this version of Coproduce understands.');
    const cleaned: Record<string, unknown> = json({
      ...poll,
      title: text(poll as unknown as Record<string, unknown>, 'title', TEXT.pollTitle),
      description: text(poll as unknown as Record<string, unknown>, 'description', TEXT.pollDescription),
      options: Array.isArray(poll.options)
        ? (poll.options as readonly { id: string; label: string; cost?: number }[]).map((o) => ({ ...o, label: text(o as unknown as Record<string, unknown>, 'label', TEXT.optionLabel) }))
        : poll.options,
      ...(poll.method === 'scale' ? { scale: { ...poll.scale, labels: poll.scale.labels.map((label) => text({ label }, 'label', TEXT.scaleLabel)) } } : {}),
      ...(setupOnly ? { open: false, resetAt: 0, createdAt: now, updatedAt: now, openedAt: undefined, closedAt: undefined } : {}),
    });
    const options = cleaned['options'];
    if (poll.method !== 'budget' && Array.isArray(options) && options.some((o: Record<string, unknown>) => Object.hasOwn(o, 'cost'))) {
      // A cost means something only in a budget vote (the server refuses it elsewhere).
      cleaned['options'] = options.map(({ cost: _cost, ...o }: Record<string, unknown>) => o);
      repaired.push({ root: 'polls', id: voteId, change: `Option costs were removed: only budget votes have costs, and this is a ${poll.method} vote.` });
    }
    if (poll.method === 'multiple' && Array.isArray(options) && options.length >= 1 && poll.maxChoices > options.length) {
      cleaned['maxChoices'] = options.length;
      repaired.push({ root: 'polls', id: voteId, change: `People could choose up to ${poll.maxChoices}, but there are only ${options.length} options: now up to ${options.length}.` });
    }
    for (const key of ['openedAt', 'closedAt'] as const) {
      if (Object.hasOwn(cleaned, key) && pollTimesProblem({ [key]: cleaned[key] }) !== null) {
        // Optional, and only history: a time no date can hold reads as absent anyway.
        delete cleaned[key];
        repaired.push({ root: 'polls', id: voteId, change: `The time the vote was ${key === 'openedAt' ? 'opened' : 'closed'} was not a real date, so it was left out.` });
      }
    }
    storable('The vote', pollProblem(cleaned) ?? pollTimesProblem(cleaned));
    pollMethods.set(voteId, poll.method);
    return () => r.polls.set(voteId, cleaned);
  });

  const mapIds = new Set<string>();
  each('journeys', list(workshop, 'journeys'), idOf, (entry) => {
    const mapId = id(entry, 'id');
    const personaId = own(entry, 'personaId');
    const journey = {
      title: text(entry, 'title', TEXT.journeyTitle),
      personaId: isId(personaId) ? personaId : null,
      createdAt: setupOnly ? now : time(entry, 'createdAt'),
      order: order(entry),
    };
    if (parseJourney(journey) === null) throw new Skip('The journey map cannot be read.');
    storable('The journey map', journeyProblem(journey));
    mapIds.add(mapId);
    return () => r.journeys.set(mapId, journey);
  });

  /** Checks a record's fields against the stored layout now; returns its write. */
  const record = (name: StoredRecordRoot, recordId: string, fields: Record<string, unknown>): (() => void) => {
    storable(`This ${RECORD_NOUNS[name]}`, recordProblem(name, fields));
    const root = r[name];
    return () => {
      const map = new Y.Map<unknown>();
      root.set(recordId, map);
      for (const [key, value] of Object.entries(fields)) map.set(key, value);
    };
  };
  /**
   * Who made a group or persona: the file's id, else (an old or hand-edited file) the importing
   * facilitator, noted as a repair; without a session the field is left out (readers show nobody).
   */
  const creator = (entry: Readonly<Record<string, unknown>>, root: string, recordId: string): { createdBy?: string } => {
    const value = own(entry, 'createdBy');
    if (isId(value)) return { createdBy: value };
    if (session === undefined) return {};
    const noun = root === 'clusters' ? 'group' : 'persona';
    repaired.push({ root, id: recordId, change: `The ${noun} did not say who made it, so it is recorded as made by you.` });
    return { createdBy: session.user.id };
  };
  each('stages', list(workshop, 'stages'), idOf, (entry) => {
    const stageId = id(entry, 'id');
    return record('stages', stageId, { mapId: id(entry, 'mapId'), title: text(entry, 'title', TEXT.stageTitle), order: order(entry) });
  });
  each('lanes', list(workshop, 'lanes'), idOf, (entry) => {
    const laneId = id(entry, 'id');
    const kind = own(entry, 'kind');
    return record('lanes', laneId, {
      mapId: id(entry, 'mapId'),
      title: text(entry, 'title', TEXT.laneTitle),
      kind: typeof kind === 'string' && (LANE_KINDS as readonly string[]).includes(kind) ? kind : 'custom',
      order: order(entry),
    });
  });
  each('personas', list(workshop, 'personas'), idOf, (entry) => {
    const personaId = id(entry, 'id');
    return record('personas', personaId, {
      mapId: id(entry, 'mapId'),
      name: text(entry, 'name', TEXT.personaName),
      description: text(entry, 'description', TEXT.personaDescription),
      needs: text(entry, 'needs', TEXT.personaNeeds),
      ...creator(entry, 'personas', personaId),
      createdAt: setupOnly ? now : time(entry, 'createdAt'),
    });
  });

  if (!setupOnly) {
    each('locks', list(workshop, 'locks'), (e) => String(own(e, 'elementId') ?? ''), (entry) => {
      const elementId = id(entry, 'elementId');
      const lock = { reason: text(entry, 'reason', TEXT.lockReason), at: time(entry, 'at') };
      storable('The lock', lockProblem(lock));
      return () => r.locks.set(elementId, lock);
    });
    each('reveals', list(workshop, 'reveals'), (e) => String(own(e, 'elementId') ?? ''), (entry) => {
      const elementId = id(entry, 'elementId');
      const at = time(entry, 'at');
      return () => r.reveals.set(elementId, at);
    });
    each('roles', list(workshop, 'roles'), (e) => String(own(e, 'userId') ?? ''), (entry) => {
      const userId = id(entry, 'userId');
      const role = own(entry, 'role');
      if (!isRole(role)) throw new Skip('The role must be facilitator, participant or observer.');
      if (session !== undefined && userId === session.user.id && role !== 'facilitator') {
        throw new Skip('Left out so that you stay the facilitator of the imported workshop.');
      }
      return () => r.roles.set(userId, role);
    });
    each('people', list(workshop, 'people'), idOf, (entry) => {
      const userId = id(entry, 'id');
      const colour = own(entry, 'colour');
      const person = {
        name: text(entry, 'name', TEXT.personName),
        colour: isColourName(colour) ? colour : 'grey',
        joinedAt: time(entry, 'joinedAt'),
        updatedAt: time(entry, 'updatedAt'),
      };
      storable('The person', personProblem(person));
      return () => r.people.set(userId, person);
    });
    each('ideas', list(workshop, 'ideas'), idOf, (entry) => {
      const ideaId = id(entry, 'id');
      const colour = own(entry, 'colour');
      const clusterId = own(entry, 'clusterId');
      return record('ideas', ideaId, {
        boardId: id(entry, 'boardId'),
        text: text(entry, 'text', TEXT.ideaText),
        authorId: id(entry, 'authorId'),
        colour: isColourName(colour) ? colour : 'yellow',
        tag: text(entry, 'tag', TEXT.ideaTag),
        clusterId: isId(clusterId) ? clusterId : null,
        status: own(entry, 'status') === 'pending' ? 'pending' : 'published',
        createdAt: time(entry, 'createdAt'),
        updatedAt: time(entry, 'updatedAt'),
      });
    });
    each('clusters', list(workshop, 'clusters'), idOf, (entry) => {
      const clusterId = id(entry, 'id');
      return record('clusters', clusterId, {
        boardId: id(entry, 'boardId'),
        title: text(entry, 'title', TEXT.clusterTitle),
        collapsed: own(entry, 'collapsed') === true,
        order: order(entry),
        ...creator(entry, 'clusters', clusterId),
        createdAt: time(entry, 'createdAt'),
      });
    });
    each('comments', list(workshop, 'comments'), idOf, (entry) => {
      const commentId = id(entry, 'id');
      return record('comments', commentId, {
        ideaId: id(entry, 'ideaId'),
        text: text(entry, 'text', TEXT.commentText),
        authorId: id(entry, 'authorId'),
        createdAt: time(entry, 'createdAt'),
        updatedAt: time(entry, 'updatedAt'),
      });
    });
    each('reactions', list(workshop, 'reactions'), (e) => String(own(e, 'ideaId') ?? ''), (entry) => {
      const emoji = own(entry, 'emoji');
      if (!isReactionEmoji(emoji)) throw new Skip('That reaction is not one of the allowed ones.');
      const key = `${joinKey(id(entry, 'ideaId'), id(entry, 'userId'))}|${emoji}`;
      storable('The reaction', reactionKeyProblem(key));
      const at = time(entry, 'at');
      return () => r.reactions.set(key, at);
    });
    each('ballots', list(workshop, 'ballots'), (e) => String(own(e, 'voteId') ?? ''), (entry) => {
      const voteId = id(entry, 'voteId');
      const method = pollMethods.get(voteId);
      if (method === undefined) throw new Skip('The ballot is for a vote that is not in the file.');
      const ballot = parseBallot(method, entry);
      if (ballot === null) throw new Skip('The ballot is not in the shape its vote needs.');
      const key = joinKey(voteId, id(entry, 'voterId'), id(entry, 'deviceId'));
      const choices = repairChoices(method, ballot.choices, false, (change) => repaired.push({ root: 'ballots', id: voteId, change }));
      const stored = { choices, updatedAt: ballot.updatedAt };
      storable('The ballot', ballotShapeProblem(stored, method));
      return () => r.ballots.set(key, stored);
    });
    each('paperVotes', list(workshop, 'paperVotes'), (e) => String(own(e, 'entryId') ?? ''), (entry) => {
      const voteId = id(entry, 'voteId');
      const method = pollMethods.get(voteId);
      if (method === undefined) throw new Skip('The paper vote is for a vote that is not in the file.');
      const vote = parsePaperVote(method, entry);
      if (vote === null) throw new Skip('The paper vote is not in the shape its vote needs.');
      const key = joinKey(voteId, id(entry, 'entryId'));
      const choices = repairChoices(method, vote.choices, true, (change) => repaired.push({ root: 'paperVotes', id: voteId, change }));
      const stored = json({ ...vote, choices, note: text(vote as unknown as Record<string, unknown>, 'note', TEXT.paperNote) });
      if (stored.count < 1 || stored.count > LIMITS.paperCountMax) throw new Skip('The paper vote count is out of range.');
      storable('The paper vote', paperVoteShapeProblem(stored, method));
      return () => r.paperVotes.set(key, stored);
    });
    each('cards', list(workshop, 'cards'), idOf, (entry) => {
      const cardId = id(entry, 'id');
      return record('cards', cardId, {
        mapId: id(entry, 'mapId'),
        stageId: id(entry, 'stageId'),
        laneId: id(entry, 'laneId'),
        text: text(entry, 'text', TEXT.cardText),
        authorId: id(entry, 'authorId'),
        order: order(entry),
        createdAt: time(entry, 'createdAt'),
        updatedAt: time(entry, 'updatedAt'),
      });
    });
    each('emotions', list(workshop, 'emotions'), (e) => String(own(e, 'stageId') ?? ''), (entry) => {
      const personaIn = own(entry, 'personaId');
      const personaId = personaIn === null || personaIn === undefined ? NO_PERSONA : id(entry, 'personaId');
      const value = own(entry, 'value');
      if (!isEmotion(value)) throw new Skip('A feeling must be a whole number from −2 to 2.');
      const key = joinKey(id(entry, 'mapId'), id(entry, 'stageId'), personaId);
      storable('The feeling', emotionKeyProblem(key));
      return () => r.emotions.set(key, value);
    });
    each('links', list(workshop, 'links'), (e) => String(own(e, 'cardId') ?? ''), (entry) => {
      const key = joinKey(id(entry, 'cardId'), id(entry, 'ideaId'));
      const at = time(entry, 'at');
      return () => r.links.set(key, at);
    });
  }

  const origin = session?.origin ?? options.origin ?? IMPORT_ORIGIN;
  doc.transact(() => {
    for (const write of plan) write();
  }, origin);
  return Object.freeze({
    written: Object.freeze({ ...written }),
    skipped: Object.freeze(skipped.map((s) => Object.freeze(s))),
    repaired: Object.freeze(repaired.map((s) => Object.freeze(s))),
  });
}
