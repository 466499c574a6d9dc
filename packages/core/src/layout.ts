/**
 * The document layout, version 1: root names, the TypeScript shape of every record and value, and
 * the fixed vocabularies (colours, reactions, lane kinds…). docs/document-model.md is the
 * human-readable contract; this file is the same contract for the compiler.
 *
 * Top-level constants built with calls (`Object.freeze`, `.map`) carry `/*#__PURE__*\/` so bundlers
 * can drop the ones a bundle does not use (a bare call looks like a side effect to them).
 */
import * as Y from 'yjs';

/** The layout version this library reads and writes (`meta.schemaVersion`). */
export const LAYOUT_VERSION = 1;

/** Names of the root types. These names are the contract: never rename one without a migration. */
export const ROOT = /*#__PURE__*/ Object.freeze({
  meta: 'meta',
  settings: 'settings',
  control: 'control',
  locks: 'locks',
  reveals: 'reveals',
  roles: 'roles',
  people: 'people',
  boards: 'boards',
  ideas: 'ideas',
  clusters: 'clusters',
  comments: 'comments',
  reactions: 'reactions',
  polls: 'polls',
  ballots: 'ballots',
  paperVotes: 'paperVotes',
  journeys: 'journeys',
  stages: 'stages',
  lanes: 'lanes',
  cards: 'cards',
  emotions: 'emotions',
  personas: 'personas',
  links: 'links',
} as const);

export type RootName = (typeof ROOT)[keyof typeof ROOT];

/** Every root name allowed in a workshop document. The server refuses updates that create any other. */
export const ROOT_NAMES: readonly RootName[] = /*#__PURE__*/ Object.freeze(/*#__PURE__*/ Object.values(ROOT));

/** Roots only facilitators write. */
export const FACILITATOR_ROOTS: readonly RootName[] = /*#__PURE__*/ Object.freeze([
  'meta', 'settings', 'control', 'locks', 'reveals', 'roles', 'boards', 'polls', 'paperVotes', 'journeys',
] as const);

/** Roots participants write (each under the per-record rules in the document model). */
export const PARTICIPANT_ROOTS: readonly RootName[] = /*#__PURE__*/ Object.freeze(
  /*#__PURE__*/ ROOT_NAMES.filter((name) => !FACILITATOR_ROOTS.includes(name)),
);

/** Roots whose values are records (`Y.Map`s keyed by a random id); all other roots hold plain JSON values. */
export const RECORD_ROOTS: readonly RootName[] = /*#__PURE__*/ Object.freeze([
  'ideas', 'clusters', 'comments', 'stages', 'lanes', 'cards', 'personas',
] as const);

/**
 * Roots covered by a session's undo manager: the participant writing people expect "undo" to take
 * back (ideas, groups, comments, reactions, journey maps). Ballots are excluded on purpose —
 * a vote is changed by voting again, not by undo — and so is a person's own profile.
 */
export const UNDO_ROOTS: readonly RootName[] = /*#__PURE__*/ Object.freeze([
  'ideas', 'clusters', 'comments', 'reactions', 'stages', 'lanes', 'cards', 'emotions', 'personas', 'links',
] as const);

/** A record stored as a nested `Y.Map`. Fields are read defensively: another peer may have written anything. */
export type RecordMap = Y.Map<unknown>;

/** Typed access to every root of a workshop document. */
export interface Roots {
  readonly meta: Y.Map<unknown>;
  readonly settings: Y.Map<unknown>;
  readonly control: Y.Map<unknown>;
  readonly locks: Y.Map<unknown>;
  readonly reveals: Y.Map<unknown>;
  readonly roles: Y.Map<unknown>;
  readonly people: Y.Map<unknown>;
  readonly boards: Y.Map<unknown>;
  readonly ideas: Y.Map<unknown>;
  readonly clusters: Y.Map<unknown>;
  readonly comments: Y.Map<unknown>;
  readonly reactions: Y.Map<unknown>;
  readonly polls: Y.Map<unknown>;
  readonly ballots: Y.Map<unknown>;
  readonly paperVotes: Y.Map<unknown>;
  readonly journeys: Y.Map<unknown>;
  readonly stages: Y.Map<unknown>;
  readonly lanes: Y.Map<unknown>;
  readonly cards: Y.Map<unknown>;
  readonly emotions: Y.Map<unknown>;
  readonly personas: Y.Map<unknown>;
  readonly links: Y.Map<unknown>;
}

const rootsCache = new WeakMap<Y.Doc, Roots>();

/**
 * The roots of `doc`. Cheap to call repeatedly (cached per document). Every root is typed as a map
 * of `unknown`: record roots should hold `Y.Map`s (see {@link RecordMap}), but another peer could
 * store anything, so the readers in this package check with `instanceof Y.Map` (`getRecord`) before
 * use, and so should any other reader.
 */
export function roots(doc: Y.Doc): Roots {
  let cached = rootsCache.get(doc);
  if (cached === undefined) {
    const r: Record<string, Y.Map<unknown>> = Object.create(null) as Record<string, Y.Map<unknown>>;
    for (const name of ROOT_NAMES) r[name] = doc.getMap<unknown>(name);
    cached = Object.freeze(r) as unknown as Roots;
    rootsCache.set(doc, cached);
  }
  return cached;
}

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

/**
 * Sticky-note and person colours. Names only: elements choose the actual colours (with enough
 * contrast for the text on them, and light/dark variants). The set was chosen to stay
 * distinguishable for the common colour-vision deficiencies, and every colour has a label so it is
 * never the only way information is shown.
 */
export const COLOURS = /*#__PURE__*/ Object.freeze([
  /*#__PURE__*/ Object.freeze({ name: 'yellow', label: 'Yellow' }),
  /*#__PURE__*/ Object.freeze({ name: 'orange', label: 'Orange' }),
  /*#__PURE__*/ Object.freeze({ name: 'pink', label: 'Pink' }),
  /*#__PURE__*/ Object.freeze({ name: 'purple', label: 'Purple' }),
  /*#__PURE__*/ Object.freeze({ name: 'blue', label: 'Blue' }),
  /*#__PURE__*/ Object.freeze({ name: 'teal', label: 'Teal' }),
  /*#__PURE__*/ Object.freeze({ name: 'green', label: 'Green' }),
  /*#__PURE__*/ Object.freeze({ name: 'grey', label: 'Grey' }),
] as const);

export type ColourName = (typeof COLOURS)[number]['name'];
export const COLOUR_NAMES: readonly ColourName[] = /*#__PURE__*/ Object.freeze(/*#__PURE__*/ COLOURS.map((c) => c.name));
/** The colour of a new idea when none is chosen. */
export const DEFAULT_COLOUR: ColourName = 'yellow';

export function isColourName(value: unknown): value is ColourName {
  return typeof value === 'string' && (COLOUR_NAMES as readonly string[]).includes(value);
}

/**
 * The reactions people may add to an idea. A short allow-list keeps reactions meaningful and
 * readable by screen readers (each has a spoken label) and stops the document from filling with
 * arbitrary strings. Stored keys use the emoji itself.
 */
export const REACTIONS = /*#__PURE__*/ Object.freeze([
  /*#__PURE__*/ Object.freeze({ emoji: '👍', name: 'thumbs-up', label: 'Thumbs up' }),
  /*#__PURE__*/ Object.freeze({ emoji: '❤️', name: 'heart', label: 'Heart' }),
  /*#__PURE__*/ Object.freeze({ emoji: '💡', name: 'light-bulb', label: 'Good idea' }),
  /*#__PURE__*/ Object.freeze({ emoji: '🎉', name: 'celebrate', label: 'Celebrate' }),
  /*#__PURE__*/ Object.freeze({ emoji: '🤔', name: 'thinking', label: 'Thinking' }),
  /*#__PURE__*/ Object.freeze({ emoji: '❓', name: 'question', label: 'Question' }),
] as const);

export type ReactionEmoji = (typeof REACTIONS)[number]['emoji'];
export const REACTION_EMOJIS: readonly ReactionEmoji[] = /*#__PURE__*/ Object.freeze(/*#__PURE__*/ REACTIONS.map((r) => r.emoji));

export function isReactionEmoji(value: unknown): value is ReactionEmoji {
  return typeof value === 'string' && (REACTION_EMOJIS as readonly string[]).includes(value);
}

export type Role = 'facilitator' | 'participant' | 'observer';
export const ROLES: readonly Role[] = /*#__PURE__*/ Object.freeze(['facilitator', 'participant', 'observer'] as const);
export function isRole(value: unknown): value is Role {
  return value === 'facilitator' || value === 'participant' || value === 'observer';
}

export type Language = 'en' | 'cy';
export const LANGUAGES: readonly Language[] = /*#__PURE__*/ Object.freeze(['en', 'cy'] as const);

export type LaneKind = 'actions' | 'touchpoints' | 'thoughts' | 'feelings' | 'painPoints' | 'opportunities' | 'custom';
export const LANE_KINDS: readonly LaneKind[] = /*#__PURE__*/ Object.freeze([
  'actions', 'touchpoints', 'thoughts', 'feelings', 'painPoints', 'opportunities', 'custom',
] as const);

export type PollMethod = 'dots' | 'single' | 'multiple' | 'ranking' | 'budget' | 'scale';
export const POLL_METHODS: readonly PollMethod[] = /*#__PURE__*/ Object.freeze([
  'dots', 'single', 'multiple', 'ranking', 'budget', 'scale',
] as const);

export type IdeaStatus = 'published' | 'pending';
export type TimerStatus = 'idle' | 'running' | 'paused' | 'ended';

/** Emotion values on a journey map: −2 (very negative) … 2 (very positive). */
export const EMOTION_MIN = -2;
export const EMOTION_MAX = 2;

/** Numeric limits of layout version 1 (text limits are in `TEXT`). */
export const LIMITS = /*#__PURE__*/ Object.freeze({
  phases: 30,
  pollOptions: 100,
  pollOptionsMin: 1,
  dotsAllowanceMax: 100,
  budgetMax: 1_000_000_000,
  optionCostMax: 1_000_000_000,
  scaleSpanMax: 10,
  scaleBound: 10,
  paperCountMax: 100_000,
  timerMaxMs: 24 * 60 * 60 * 1000,
  timerMinMs: 1000,
});

// ---------------------------------------------------------------------------------------------
// Values and records
// ---------------------------------------------------------------------------------------------

/** `meta` root. */
export interface WorkshopMeta {
  readonly schemaVersion: number;
  readonly title: string;
  readonly description: string;
  readonly language: Language;
  readonly createdAt: number;
}

/** `settings` root (absent keys read as `false`). */
export interface WorkshopSettings {
  /** Participants see only their own ideas on a board until the facilitator reveals it. */
  readonly privateWriting: boolean;
  /** New ideas from participants wait (`status: "pending"`) until a facilitator approves them. */
  readonly moderation: boolean;
  /** Views do not show who wrote what (the author id is still stored: rights depend on it). */
  readonly anonymous: boolean;
  /**
   * Only facilitators organise the groups on idea boards: participants cannot create, rename,
   * reorder, collapse or delete groups, and move only their own ideas into or out of groups (for
   * public pages with one shared link and nobody watching live). Absent reads as `false`, which
   * is the workshop behaviour: anyone groups ideas together.
   */
  readonly facilitatorsOrganise: boolean;
}

/** Every key of the `settings` root, in the order facilitator views list them. All are booleans, absent = `false`. */
export const SETTING_KEYS: readonly (keyof WorkshopSettings)[] = /*#__PURE__*/ Object.freeze([
  'privateWriting', 'moderation', 'anonymous', 'facilitatorsOrganise',
] as const);

export interface Phase {
  readonly id: string;
  readonly title: string;
}

/** `control.timer`. `endsAt` is on the server's clock while running. */
export interface Timer {
  readonly status: TimerStatus;
  readonly durationMs: number;
  /** While running: when it reaches zero (server clock). Otherwise `null`. */
  readonly endsAt: number | null;
  /** While paused or idle: what is left. While running it is the value at the last change. */
  readonly remainingMs: number;
  readonly updatedAt: number;
}

/** `control.focus`: where the facilitator is bringing everyone. */
export interface Focus {
  readonly elementId: string;
  readonly phaseId: string | null;
  readonly at: number;
}

/** `locks` value. */
export interface Lock {
  readonly reason: string;
  readonly at: number;
}

/** `people` value. */
export interface Person {
  readonly name: string;
  readonly colour: ColourName;
  readonly joinedAt: number;
  readonly updatedAt: number;
}

/** `boards` value. */
export interface Board {
  readonly title: string;
  readonly createdAt: number;
  readonly order: string;
}

/** `ideas` record (a `Y.Map` with these keys). */
export interface IdeaRecord {
  readonly boardId: string;
  readonly text: string;
  readonly authorId: string;
  readonly colour: ColourName;
  readonly tag: string;
  readonly clusterId: string | null;
  readonly status: IdeaStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** `clusters` record. */
export interface ClusterRecord {
  readonly boardId: string;
  readonly title: string;
  readonly collapsed: boolean;
  readonly order: string;
  readonly createdBy: string;
  readonly createdAt: number;
}

/** `comments` record. */
export interface CommentRecord {
  readonly ideaId: string;
  readonly text: string;
  readonly authorId: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** An option of a poll given as a list. `cost` is only used by budget polls. */
export interface PollOption {
  readonly id: string;
  readonly label: string;
  readonly cost?: number;
}

/** Where a poll's options come from: a fixed list, a board's ideas or a board's groups. */
export type PollOptionSource = readonly PollOption[] | { readonly board: string } | { readonly clusters: string };

export interface ScaleDefinition {
  readonly min: number;
  readonly max: number;
  /** One label per point, from `min` to `max`. */
  readonly labels: readonly string[];
}

interface PollCommon {
  readonly title: string;
  readonly description: string;
  readonly options: PollOptionSource;
  readonly open: boolean;
  readonly anonymous: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly order: string;
  /** Ballots last changed at or before this time are void (0 = never reset). */
  readonly resetAt: number;
  /**
   * When the vote was last opened. Absent when it has not been opened since it was created, or since
   * it was reset while closed (or when a version without this field wrote it: see `pollStage`).
   */
  readonly openedAt?: number;
  /** When the vote was last closed (absent like `openedAt`, and while it was never closed). */
  readonly closedAt?: number;
}

export interface DotsPoll extends PollCommon {
  readonly method: 'dots';
  readonly allowance: number;
  readonly perOptionCap: number;
}
export interface SinglePoll extends PollCommon {
  readonly method: 'single';
}
export interface MultiplePoll extends PollCommon {
  readonly method: 'multiple';
  readonly maxChoices: number;
}
export interface RankingPoll extends PollCommon {
  readonly method: 'ranking';
}
export interface BudgetPoll extends PollCommon {
  readonly method: 'budget';
  readonly budget: number;
}
export interface ScalePoll extends PollCommon {
  readonly method: 'scale';
  readonly scale: ScaleDefinition;
}

/** `polls` value. */
export type Poll = DotsPoll | SinglePoll | MultiplePoll | RankingPoll | BudgetPoll | ScalePoll;

/**
 * A ballot's choices. Dots and budget: option id → amount. Single and multiple: chosen option ids.
 * Ranking: option ids, most preferred first. Scale: statement (option) id → score.
 */
export type BallotChoices = Readonly<Record<string, number>> | readonly string[];

/** `ballots` value, under `voteId|voterId|deviceId`. Empty `choices` = a withdrawn vote. */
export interface Ballot {
  readonly choices: BallotChoices;
  readonly updatedAt: number;
}

/**
 * `paperVotes` value, under `voteId|entryId`: `count` identical paper ballots (or, for dots and
 * budget, a tally counted off a wall chart), entered by a facilitator.
 */
export interface PaperVote {
  readonly choices: BallotChoices;
  readonly count: number;
  readonly note: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** `journeys` value. */
export interface Journey {
  readonly title: string;
  readonly personaId: string | null;
  readonly createdAt: number;
  readonly order: string;
}

/** `stages` record. */
export interface StageRecord {
  readonly mapId: string;
  readonly title: string;
  readonly order: string;
}

/** `lanes` record. */
export interface LaneRecord {
  readonly mapId: string;
  readonly title: string;
  readonly kind: LaneKind;
  readonly order: string;
}

/** `cards` record. */
export interface CardRecord {
  readonly mapId: string;
  readonly stageId: string;
  readonly laneId: string;
  readonly text: string;
  readonly authorId: string;
  readonly order: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** `personas` record. */
export interface PersonaRecord {
  readonly mapId: string;
  readonly name: string;
  readonly description: string;
  readonly needs: string;
  readonly createdBy: string;
  readonly createdAt: number;
}
