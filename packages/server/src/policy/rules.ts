/**
 * The workshop's write rules (docs/document-model.md, layout 1), judged on an {@link Analysis} of an
 * incoming update against the room's document as it is before the update.
 *
 * - Nobody writes a root or key outside the layout, or a value of the wrong shape: every record field
 *   and every value is checked exactly, for every role (`strict.ts`; core's readers are lenient on
 *   purpose, so they are not used to judge what may be stored).
 * - Observers write nothing.
 * - Participants never write facilitator roots; they write only their own `people`, `reactions`
 *   and `ballots` keys; they edit and delete only their own ideas, comments and cards (anyone may
 *   move an idea between groups, or a card between cells; with `settings.facilitatorsOrganise` on,
 *   only facilitators organise the groups and participants move only their own ideas); their
 *   ballots must pass the poll's current limits (`ballotProblem`); nothing on a locked board, vote or journey map.
 * - Facilitators may write everything the layout allows.
 */
import * as Y from 'yjs';
import {
  FACILITATOR_ROOTS, RECORD_FIELDS, RECORD_ROOTS, ROOT_NAMES, TEXT, ballotProblem, getRecord, isEmotion, isId, isReactionEmoji, isTime,
  parseBallot, parseBallotKey, parseBoard, parseJourney, parseLock, parsePoll, readCardRecord, readSettings, resolvePollOptions,
  roots, SETTING_KEYS, splitKey, type Poll, type Role, type Roots,
} from '@coproduce/core';
import { Refusal, type Analysis, type KeyChange } from './analyse.js';
import {
  ballotShapeProblem, boardProblem, checkBoolean, checkIdOrNull, checkLanguage,
  checkRole, checkSchemaVersion, checkTextRule, checkTime, focusProblem, isPlainJson, journeyProblem, lockProblem,
  paperVoteShapeProblem, personProblem, phasesProblem, pollProblem, quote, shown, timerProblem, type Check,
} from './strict.js';

const ROOT_SET: ReadonlySet<string> = new Set(ROOT_NAMES);
const FACILITATOR_SET: ReadonlySet<string> = new Set(FACILITATOR_ROOTS);
const RECORD_SET: ReadonlySet<string> = new Set(RECORD_ROOTS);

function refuse(reason: string): never {
  throw new Refusal(reason);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && isPlainJson(value);
}

/**
 * The values of new items (only `ContentAny` is allowed outside record roots). Each is then checked
 * exactly by the caller, which names what is wrong, and must also be plain JSON (`plainJson`).
 */
function plainValues(change: KeyChange, where: string | (() => string)): unknown[] {
  const values: unknown[] = [];
  const named = (): string => (typeof where === 'string' ? where : where());
  for (const { content } of change.added) {
    if (content instanceof Y.ContentType) refuse(`Not in the workshop layout: ${named()} holds plain values, not shared types`);
    if (!(content instanceof Y.ContentAny)) refuse(`Not in the workshop layout: ${named()} holds plain JSON values`);
    for (const value of content.arr as unknown[]) values.push(value);
  }
  return values;
}

/** `noun` with its indefinite article: "an idea", "a group" (the record nouns are plain English words). */
function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** The backstop after the exact checks: plain JSON only (no forged prototypes, no NaN, bounded depth). */
function plainJson(values: readonly unknown[], where: string): void {
  for (const value of values) if (!isPlainJson(value)) refuse(`Not in the workshop layout: ${where} must be plain JSON`);
}

/** The check for `key` in a table of checks: own keys only (`"__proto__"` or `"constructor"` is a field name like any other, and not in the layout). */
function ownCheck(table: Readonly<Record<string, Check>>, key: string): Check | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Refuses the first value `check` finds wrong, naming `subject` ("a reveal"; a function: only worked out then). */
function each(values: readonly unknown[], subject: string | (() => string), check: Check): void {
  for (const value of values) {
    const problem = check(value);
    if (problem !== null) refuse(`Not in the workshop layout: ${typeof subject === 'string' ? subject : subject()} ${problem}`);
  }
}

/** Refuses the first value whose whole-value check (`problem`, a sentence with its own subject) fails. */
function whole(values: readonly unknown[], problem: (value: unknown) => string | null): void {
  for (const value of values) {
    const found = problem(value);
    if (found !== null) refuse(`Not in the workshop layout: ${found}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Field layouts of the records (their fields and checks: core's `RECORD_FIELDS`, which the import uses too)
// ---------------------------------------------------------------------------------------------

const time = checkTime;
const text = checkTextRule;

interface RecordLayout {
  /** Field → value check (`null`: fine; else what is wrong, "must be …, not …"). */
  readonly fields: Readonly<Record<string, Check>>;
  readonly required: readonly string[];
  /** Fields a participant may change on a record someone else wrote. */
  readonly anyone: readonly string[];
  /** Fields only the record's author (or a facilitator) may change. */
  readonly author: readonly string[];
  /** The field naming the author (`authorId`) or creator (`createdBy`), which must be the writer's id on creation. */
  readonly owner: string | null;
  /** Whether only the author (or a facilitator) may delete. */
  readonly authorDeletes: boolean;
  /** What it is called in messages. */
  readonly noun: string;
}

const RECORDS: Readonly<Record<string, RecordLayout>> = {
  ideas: {
    fields: RECORD_FIELDS.ideas.fields,
    required: RECORD_FIELDS.ideas.required,
    anyone: ['clusterId'],
    author: ['text', 'colour', 'tag', 'updatedAt'],
    owner: 'authorId',
    authorDeletes: true,
    noun: 'idea',
  },
  clusters: {
    fields: RECORD_FIELDS.clusters.fields,
    required: RECORD_FIELDS.clusters.required,
    anyone: ['title', 'collapsed', 'order'],
    author: [],
    owner: 'createdBy',
    authorDeletes: false,
    noun: 'group',
  },
  comments: {
    fields: RECORD_FIELDS.comments.fields,
    required: RECORD_FIELDS.comments.required,
    anyone: [],
    author: ['text', 'updatedAt'],
    owner: 'authorId',
    authorDeletes: true,
    noun: 'comment',
  },
  stages: {
    fields: RECORD_FIELDS.stages.fields,
    required: RECORD_FIELDS.stages.required,
    anyone: ['title', 'order'],
    author: [],
    owner: null,
    authorDeletes: false,
    noun: 'stage',
  },
  lanes: {
    fields: RECORD_FIELDS.lanes.fields,
    required: RECORD_FIELDS.lanes.required,
    anyone: ['title', 'kind', 'order'],
    author: [],
    owner: null,
    authorDeletes: false,
    noun: 'row',
  },
  cards: {
    fields: RECORD_FIELDS.cards.fields,
    required: RECORD_FIELDS.cards.required,
    anyone: ['stageId', 'laneId', 'order'],
    author: ['text', 'updatedAt'],
    owner: 'authorId',
    authorDeletes: true,
    noun: 'card',
  },
  personas: {
    fields: RECORD_FIELDS.personas.fields,
    required: RECORD_FIELDS.personas.required,
    anyone: ['name', 'description', 'needs'],
    author: [],
    owner: 'createdBy',
    authorDeletes: false,
    noun: 'persona',
  },
};

/** A record as far as the rules need it: its fields as plain values. */
type Fields = ReadonlyMap<string, unknown>;

function docFields(map: Y.Map<unknown>): Fields {
  const out = new Map<string, unknown>();
  for (const [key, value] of map) out.set(key, value);
  return out;
}

const str = (fields: Fields | null, key: string): string | null => {
  const v = fields?.get(key);
  return typeof v === 'string' ? v : null;
};

/** `meta` keys and their checks. */
const META: Readonly<Record<string, Check>> = {
  schemaVersion: checkSchemaVersion,
  title: text(TEXT.workshopTitle),
  description: text(TEXT.workshopDescription),
  language: checkLanguage,
  createdAt: time,
};

// ---------------------------------------------------------------------------------------------
// The judge
// ---------------------------------------------------------------------------------------------

export interface JudgeUser {
  readonly userId: string;
}

const OBSERVERS = 'Observers can watch but cannot change anything';
/** A participant's group change (or move of someone else's idea) while only facilitators organise the groups. */
const ORGANISE = 'Only facilitators can organise the groups on this board';
const SETTING_SET: ReadonlySet<string> = new Set(SETTING_KEYS);

/** A poll's optional opening-history fields, and the latest time a JavaScript date can hold (year 275760). */
const POLL_TIMES = ['openedAt', 'closedAt'] as const;
const LATEST_DATE_MS = 8.64e15;

/** Judges one analysed update. Throws a {@link Refusal} with the reason, or returns when it is allowed. */
export function judgeUpdate(doc: Y.Doc, user: JudgeUser, role: Role, analysis: Analysis): void {
  if (role === 'observer') refuse(OBSERVERS);
  new Judge(doc, user.userId, role === 'facilitator', analysis).run();
}

/** A changed key the rules refuse, and why. */
export interface RefusedPart {
  readonly change: KeyChange;
  readonly reason: string;
}

/** Judges each changed key of an analysed update on its own: the refused ones (none: allowed). */
export function judgeParts(doc: Y.Doc, user: JudgeUser, role: Role, analysis: Analysis): RefusedPart[] {
  if (role === 'observer') {
    const all = [...analysis.roots.values(), ...analysis.fields.values()].flatMap((changes) => [...changes.values()]);
    return all.map((change) => ({ change, reason: OBSERVERS }));
  }
  return new Judge(doc, user.userId, role === 'facilitator', analysis).parts();
}

class Judge {
  private readonly r: Roots;

  constructor(
    private readonly doc: Y.Doc,
    private readonly me: string,
    private readonly facilitator: boolean,
    private readonly analysis: Analysis,
  ) {
    this.r = roots(doc);
  }

  run(): void {
    const first = this.parts(true)[0];
    if (first !== undefined) refuse(first.reason);
  }

  /**
   * Judges each changed key on its own and lists the refused ones (in the order `run` meets them),
   * or stops at the first with `firstOnly`.
   */
  parts(firstOnly = false): RefusedPart[] {
    const refused: RefusedPart[] = [];
    const attempt = (change: KeyChange, check: () => void): boolean => {
      try {
        check();
        return true;
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        refused.push({ change, reason: err.reason });
        return false;
      }
    };
    const refusedRoots = new Map<string, string>();
    for (const [root, changes] of this.analysis.roots) {
      let rootReason: string | null = null;
      if (!ROOT_SET.has(root)) rootReason = `Not in the workshop layout: root ${quote(root)}`;
      else if (!this.facilitator && FACILITATOR_SET.has(root)) rootReason = `Only facilitators can change ${quote(root)}`;
      if (rootReason !== null) refusedRoots.set(root, rootReason);
      for (const change of changes.values()) {
        const ok = attempt(change, () => {
          if (rootReason !== null) refuse(rootReason);
          if (change.key === '') {
            // Removing junk from a map's list part: only a facilitator tidies that.
            if (change.added.length > 0 || change.deadAdded > 0 || change.nested.length > 0 || !this.facilitator) {
              refuse(`Not in the workshop layout: list content in ${quote(root)}`);
            }
            return;
          }
          if (RECORD_SET.has(root)) this.recordKey(change);
          else this.valueKey(change);
        });
        if (!ok && firstOnly) return refused;
      }
    }
    for (const changes of this.analysis.fields.values()) {
      for (const change of changes.values()) {
        const rootReason = refusedRoots.get(change.root);
        const ok = attempt(change, () => (rootReason !== undefined ? refuse(rootReason) : this.field(change)));
        if (!ok && firstOnly) return refused;
      }
    }
    return refused;
  }

  // ---- lookups (the document before the update, plus what this update creates) --------------

  private root(name: string): Y.Map<unknown> {
    return this.r[name as keyof Roots];
  }

  /** The live value this update writes at a root key (the last one), if any. */
  private newValue(root: string, key: string): unknown {
    const change = this.analysis.roots.get(root)?.get(key);
    const last = change?.added[change.added.length - 1]?.content;
    return last instanceof Y.ContentAny ? (last.arr as unknown[])[last.arr.length - 1] : undefined;
  }

  /** Fields of a record this update creates at `root`/`key`. */
  private newRecordFields(root: string, key: string, holder?: Y.Item): Map<string, unknown> | null {
    const change = this.analysis.roots.get(root)?.get(key);
    if (change === undefined || change.added.length === 0) return null;
    const fields = new Map<string, unknown>();
    for (const fieldChange of this.analysis.fields.get(`${root}|${key}`)?.values() ?? []) {
      if (fieldChange.newHolder === null || (holder !== undefined && fieldChange.newHolder !== holder)) continue;
      const last = fieldChange.added[fieldChange.added.length - 1]?.content;
      if (last instanceof Y.ContentAny) fields.set(fieldChange.key, (last.arr as unknown[])[last.arr.length - 1]);
    }
    return fields;
  }

  /** A record as it is in the document, or as this update creates it. */
  private record(root: string, key: string): Fields | null {
    const map = getRecord(this.root(root), key);
    if (map !== undefined) return docFields(map);
    return this.newRecordFields(root, key);
  }

  /** Whether this update deletes the existing record `root`/`key` outright (its deletion is judged on its own). */
  private deletedHere(root: string, key: string): boolean {
    const change = this.analysis.roots.get(root)?.get(key);
    return change !== undefined && change.deletesCurrent && this.root(root).has(key);
  }

  private poll(voteId: string): Poll | null {
    return parsePoll(this.root('polls').get(voteId)) ?? (this.facilitator ? parsePoll(this.newValue('polls', voteId)) : null);
  }

  private boardExists(boardId: string): boolean {
    return parseBoard(this.root('boards').get(boardId)) !== null || (this.facilitator && parseBoard(this.newValue('boards', boardId)) !== null);
  }

  private journeyExists(mapId: string): boolean {
    return parseJourney(this.root('journeys').get(mapId)) !== null || (this.facilitator && parseJourney(this.newValue('journeys', mapId)) !== null);
  }

  /** Refuses a participant's change to groups while only facilitators organise them (the setting as stored before the update). */
  private organiser(): void {
    if (!this.facilitator && readSettings(this.root('settings')).facilitatorsOrganise) refuse(ORGANISE);
  }

  /** Refuses a participant's change to something on a locked element. */
  private unlocked(what: string, ...elementIds: (string | null)[]): void {
    if (this.facilitator) return;
    for (const elementId of elementIds) {
      if (elementId === null) continue;
      const lock = parseLock(this.root('locks').get(elementId));
      if (lock !== null) refuse(lock.reason === '' ? `${what} is locked by the facilitator` : `${what} is locked by the facilitator: ${lock.reason}`);
    }
  }

  /** The element (board or journey map) a record belongs to, for locks. */
  private containerOf(root: string, fields: Fields | null): string | null {
    switch (root) {
      case 'ideas':
      case 'clusters':
        return str(fields, 'boardId');
      case 'comments': {
        const ideaId = str(fields, 'ideaId');
        return ideaId === null ? null : str(this.record('ideas', ideaId), 'boardId');
      }
      default:
        return str(fields, 'mapId');
    }
  }

  private containerNoun(root: string): string {
    return root === 'ideas' || root === 'clusters' || root === 'comments' ? 'This board' : 'This journey map';
  }

  // ---- records ------------------------------------------------------------------------------

  private recordKey(change: KeyChange): void {
    const { root, key } = change;
    const layout = RECORDS[root] as RecordLayout;
    if (!isId(key)) refuse(`Not in the workshop layout: ${quote(key)} is not ${withArticle(layout.noun)} id`);
    for (const { content } of change.added) {
      if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Map)) {
        refuse(`Not in the workshop layout: ${quote(root)} holds records (maps) only`);
      }
    }
    const current = this.root(root).get(key);
    if (change.removesCurrent && current !== undefined) this.deleteRecord(root, key, layout, current, change);
    for (const item of change.added) this.createRecord(root, key, layout, this.newRecordFields(root, key, item) ?? new Map(), this.overwrittenFields(root, key, item));
  }

  /** Fields of a new record whose value was overwritten by a change that is still to come (see `KeyChange.overwritten`). */
  private overwrittenFields(root: string, key: string, holder: Y.Item): Set<string> {
    const names = new Set<string>();
    for (const fieldChange of this.analysis.fields.get(`${root}|${key}`)?.values() ?? []) {
      if (fieldChange.newHolder === holder && fieldChange.overwritten.length > 0) names.add(fieldChange.key);
    }
    return names;
  }

  private createRecord(root: string, key: string, layout: RecordLayout, fields: Map<string, unknown>, coming: ReadonlySet<string> = new Set()): void {
    for (const [field, value] of fields) {
      const check = ownCheck(layout.fields, field);
      if (check === undefined) refuse(`Not in the workshop layout: ${layout.noun} field ${quote(field)}`);
      const problem = check(value);
      if (problem !== null) refuse(`Not in the workshop layout: the ${layout.noun}'s ${quote(field)} ${problem}`);
    }
    for (const field of layout.required) {
      if (!fields.has(field) && !coming.has(field)) refuse(`Not in the workshop layout: a new ${layout.noun} needs ${quote(field)}`);
    }
    if (this.facilitator) return;
    if (layout.owner !== null && fields.get(layout.owner) !== this.me) refuse(`A new ${layout.noun} must be written in your own name`);
    const container = this.containerOf(root, fields);
    switch (root) {
      case 'ideas': {
        if (container === null || !this.boardExists(container)) refuse('That board does not exist');
        this.unlocked('This board', container, key);
        if (readSettings(this.root('settings')).moderation && fields.get('status') !== 'pending') {
          refuse('Moderation is on: a new idea waits for a facilitator (status "pending")');
        }
        this.clusterOnBoard(fields.get('clusterId'), container);
        return;
      }
      case 'clusters':
        if (container === null || !this.boardExists(container)) refuse('That board does not exist');
        this.organiser();
        this.unlocked('This board', container, key);
        return;
      case 'comments': {
        const ideaId = str(fields, 'ideaId') as string;
        if (this.record('ideas', ideaId) === null) refuse('That idea does not exist');
        this.unlocked('This board', container, ideaId, key);
        return;
      }
      default: {
        if (container === null || !this.journeyExists(container)) refuse('That journey map does not exist');
        this.unlocked('This journey map', container, key);
        if (root === 'cards') this.cellOfMap(fields, container);
      }
    }
  }

  private deleteRecord(root: string, key: string, layout: RecordLayout, current: unknown, change: KeyChange): void {
    if (this.facilitator) return;
    if (!(current instanceof Y.Map)) refuse(`Only facilitators can remove damaged ${layout.noun} entries`);
    const fields = docFields(current as Y.Map<unknown>);
    const container = this.containerOf(root, fields);
    if (layout.authorDeletes && fields.get(layout.owner as string) !== this.me) {
      // A comment goes with its idea: deleting your own idea deletes everyone's comments on it
      // (the idea's deletion is judged on its own); an orphaned comment may be tidied away.
      const ideaId = root === 'comments' ? str(fields, 'ideaId') : null;
      if (ideaId !== null && change.deletesCurrent && (this.deletedHere('ideas', ideaId) || this.record('ideas', ideaId) === null)) return;
      refuse(`You can only delete your own ${layout.noun}s`);
    }
    if (root === 'clusters') this.organiser();
    this.unlocked(this.containerNoun(root), container, key);
    if (root === 'stages' || root === 'lanes') {
      const axis = root === 'stages' ? 'stageId' : 'laneId';
      const cards = this.root('cards');
      for (const [cardId] of cards) {
        const card = getRecord(cards, cardId);
        const read = card === undefined ? null : readCardRecord(card);
        if (read !== null && read[axis] === key && read.authorId !== this.me) {
          refuse(`This ${layout.noun} has cards written by other people, so only a facilitator can delete it`);
        }
      }
    }
  }

  private field(change: KeyChange): void {
    const { root, key: field } = change;
    const recordKey = change.record as string;
    if (change.nested.length > 0) refuse('Not in the workshop layout: records hold only plain values');
    if (!RECORD_SET.has(root)) refuse(`Not in the workshop layout: ${quote(root)} holds no records`);
    const layout = RECORDS[root] as RecordLayout;
    const check = ownCheck(layout.fields, field);
    if (check === undefined) refuse(`Not in the workshop layout: ${layout.noun} field ${quote(field)}`);
    const values = plainValues(change, () => `${withArticle(layout.noun)}'s ${quote(field)}`);
    // Every field of a record is a plain value (text, id, time, boolean, null): a check refuses
    // NaN, objects and anything else not plain JSON with its own reason.
    each(values, () => `the ${layout.noun}'s ${quote(field)}`, check);
    if (change.newHolder !== null) return; // part of a new record, judged with it
    // A record this update deletes outright: its fields go with it, judged with the record.
    if (this.analysis.roots.get(root)?.get(recordKey)?.deletesCurrent === true) return;
    const map = getRecord(this.root(root), recordKey);
    if (map === undefined) return; // not a live record: the write changes nothing visible
    const fields = docFields(map);
    // Removing a field leaves a record readers default or drop: nobody does that (core never does).
    if (change.removesCurrent && fields.has(field) && values.length === 0) {
      refuse(`Not in the workshop layout: the ${layout.noun}'s ${quote(field)} cannot be removed`);
    }
    if (this.facilitator) return;
    const container = this.containerOf(root, fields);
    // Only facilitators organise the groups: no group changes, and only one's own ideas move.
    if (root === 'clusters' || (root === 'ideas' && field === 'clusterId' && fields.get('authorId') !== this.me)) this.organiser();
    this.unlocked(this.containerNoun(root), container, recordKey);
    if (layout.anyone.includes(field)) {
      if (root === 'ideas' && field === 'clusterId') for (const v of values) this.clusterOnBoard(v, container);
      if (root === 'cards' && (field === 'stageId' || field === 'laneId')) {
        for (const v of values) this.cellOfMap(new Map([[field, v]]), container);
      }
      return;
    }
    if (layout.author.includes(field)) {
      if (layout.owner !== null && fields.get(layout.owner) === this.me) return;
      refuse(`You can only change your own ${layout.noun}s`);
    }
    refuse(`Only facilitators can change ${layout.noun === 'idea' ? 'an' : 'a'} ${layout.noun}'s ${quote(field)}`);
  }

  /** A `clusterId` must name a group of the same board (or one that no longer exists: it reads as "not grouped"). */
  private clusterOnBoard(clusterId: unknown, boardId: string | null): void {
    if (clusterId === null || clusterId === undefined || this.facilitator) return;
    const cluster = this.record('clusters', clusterId as string);
    if (cluster !== null && str(cluster, 'boardId') !== boardId) refuse('That group is on a different board');
  }

  /** A card's stage and lane must belong to its map (when they exist). */
  private cellOfMap(fields: Fields, mapId: string | null): void {
    if (this.facilitator) return;
    for (const [field, root] of [['stageId', 'stages'], ['laneId', 'lanes']] as const) {
      const value = fields.get(field);
      if (typeof value !== 'string') continue;
      const axis = this.record(root, value);
      if (axis !== null && str(axis, 'mapId') !== mapId) refuse('That stage or row belongs to a different journey map');
    }
  }

  // ---- value roots --------------------------------------------------------------------------

  private valueKey(change: KeyChange): void {
    const { root } = change;
    const values = plainValues(change, quote(root));
    this.judgeValue(change, values);
    // Whatever the exact checks let through must still be plain JSON.
    plainJson(values, quote(root));
  }

  private judgeValue(change: KeyChange, values: unknown[]): void {
    const { root, key } = change;
    const current = this.root(root).get(key);
    const removes = change.removesCurrent && current !== undefined;
    switch (root) {
      case 'meta':
        return this.metaValue(key, values);
      case 'settings':
        if (!SETTING_SET.has(key)) refuse(`Not in the workshop layout: setting ${quote(key)}`);
        return each(values, `setting ${quote(key)}`, checkBoolean);
      case 'control':
        return this.controlValue(key, values);
      case 'locks':
        this.idKey(root, key);
        return whole(values, lockProblem);
      case 'reveals':
        this.idKey(root, key);
        return each(values, 'a reveal', checkTime);
      case 'roles':
        this.idKey(root, key);
        return each(values, 'a role', checkRole);
      case 'boards':
        this.idKey(root, key);
        return whole(values, boardProblem);
      case 'journeys':
        this.idKey(root, key);
        return whole(values, journeyProblem);
      case 'polls':
        this.idKey(root, key);
        whole(values, pollProblem);
        for (const v of values) this.pollTimes(current, v as Record<string, unknown>);
        return;
      case 'paperVotes': {
        const parts = splitKey(key, 2);
        if (parts === null) refuse(`Not in the workshop layout: paper vote key ${quote(key)}`);
        const method = this.poll(parts[0] as string)?.method ?? null;
        return whole(values, (v) => paperVoteShapeProblem(v, method));
      }
      case 'people':
        return this.personValue(key, values, removes);
      case 'reactions':
        return this.reactionValue(key, values, removes, change);
      case 'ballots':
        return this.ballotValue(key, values, removes, change);
      case 'emotions':
        return this.emotionValue(key, values, removes, change);
      case 'links':
        return this.linkValue(key, values, removes, change);
      default:
        refuse(`Not in the workshop layout: root ${quote(root)}`);
    }
  }

  /**
   * A poll's opening history (`openedAt`, `closedAt`): optional (older clients leave it out), and
   * when written, a time — a whole or fractional number of milliseconds since 1970 that a date can
   * hold (0 reads as absent, docs/document-model.md). Readers would take a string, negative or
   * `null` (a NaN once serialised) time as absent; the server refuses it instead of storing it.
   * A value the stored poll already holds is kept as it is, so a poll stored before this rule can
   * still be edited. No bound against the server's clock: a facilitator's device may be ahead, and
   * the stage never depends on the value.
   */
  private pollTimes(current: unknown, poll: Record<string, unknown>): void {
    for (const field of POLL_TIMES) {
      if (!Object.hasOwn(poll, field)) continue;
      const value = poll[field];
      if (isTime(value) && value <= LATEST_DATE_MS) continue;
      if (isPlainObject(current) && Object.hasOwn(current, field) && current[field] === value) continue;
      refuse(`Not in the workshop layout: a poll's ${quote(field)} is a time in milliseconds`);
    }
  }

  private idKey(root: string, key: string): void {
    if (!isId(key)) refuse(`Not in the workshop layout: ${quote(key)} is not an id (in ${quote(root)})`);
  }

  private metaValue(key: string, values: unknown[]): void {
    const check = ownCheck(META, key);
    if (check === undefined) refuse(`Not in the workshop layout: meta ${quote(key)}`);
    each(values, `meta ${quote(key)}`, check);
  }

  private controlValue(key: string, values: unknown[]): void {
    switch (key) {
      case 'phases':
        return whole(values, phasesProblem);
      case 'currentPhase':
        return each(values, 'control "currentPhase"', checkIdOrNull);
      case 'timer':
        return whole(values, timerProblem);
      case 'focus':
        return whole(values, focusProblem);
      default:
        refuse(`Not in the workshop layout: control ${quote(key)}`);
    }
  }

  private personValue(key: string, values: unknown[], removes: boolean): void {
    this.idKey('people', key);
    whole(values, personProblem);
    if (this.facilitator) return;
    if (key !== this.me && (values.length > 0 || removes)) refuse("You can only change your own name and colour");
  }

  private reactionValue(key: string, values: unknown[], removes: boolean, change: KeyChange): void {
    const parts = key.split('|');
    const [ideaId, userId, emoji] = parts;
    if (parts.length !== 3 || !isId(ideaId) || !isId(userId) || !isReactionEmoji(emoji)) refuse(`Not in the workshop layout: reaction key ${quote(key)}`);
    each(values, 'a reaction', checkTime);
    if (this.facilitator) return;
    const idea = this.record('ideas', ideaId);
    const writes = values.length > 0 || change.deadAdded > 0;
    if (userId !== this.me) {
      // Deleting your own idea deletes everyone's reactions to it.
      if (!writes && removes && (this.deletedHere('ideas', ideaId) || idea === null)) return;
      refuse("You cannot change other people's reactions");
    }
    if (writes && idea === null) refuse('That idea does not exist');
    this.unlocked('This board', str(idea, 'boardId'), ideaId);
  }

  private ballotValue(key: string, values: unknown[], removes: boolean, change: KeyChange): void {
    const parsed = parseBallotKey(key);
    if (parsed === null) refuse(`Not in the workshop layout: ballot key ${quote(key)}`);
    const poll = this.poll(parsed.voteId);
    const method = poll?.method ?? null;
    whole(values, (v) => ballotShapeProblem(v, method));
    if (this.facilitator) return;
    if (parsed.voterId !== this.me) refuse("You cannot cast or change anyone else's vote");
    if (values.length === 0 && change.deadAdded === 0 && removes && poll === null) return; // tidying a deleted vote
    if (poll === null) refuse('That vote does not exist');
    if (!poll.open) refuse('This vote is closed');
    this.unlocked('This vote', parsed.voteId);
    for (const v of values) {
      const ballot = parseBallot(poll.method, v);
      const problem = ballot === null ? null : ballotProblem(poll, resolvePollOptions(this.doc, poll), ballot.choices, 'ballot');
      if (problem !== null) refuse(`Ballot refused: ${problem.message}`);
    }
  }

  private emotionValue(key: string, values: unknown[], removes: boolean, change: KeyChange): void {
    const parts = splitKey(key, 3, true);
    if (parts === null || parts[0] === '-' || parts[1] === '-') refuse(`Not in the workshop layout: emotion key ${quote(key)}`);
    each(values, 'a feeling', (v) => (isEmotion(v) ? null : `must be a whole number from -2 to 2, not ${shown(v)}`));
    if (this.facilitator) return;
    const mapId = parts[0] as string;
    const writes = values.length > 0 || change.deadAdded > 0;
    if (writes && !this.journeyExists(mapId)) refuse('That journey map does not exist');
    if (!writes && removes && !this.journeyExists(mapId)) return;
    this.unlocked('This journey map', mapId);
  }

  private linkValue(key: string, values: unknown[], removes: boolean, change: KeyChange): void {
    const parts = splitKey(key, 2);
    if (parts === null) refuse(`Not in the workshop layout: link key ${quote(key)}`);
    each(values, 'a link', checkTime);
    if (this.facilitator) return;
    const [cardId, ideaId] = parts as [string, string];
    const card = this.record('cards', cardId);
    const writes = values.length > 0 || change.deadAdded > 0;
    if (writes && (card === null || this.record('ideas', ideaId) === null)) refuse('That card or idea does not exist');
    if (!writes && removes) {
      // Links go with their card or idea.
      if (card === null || this.deletedHere('cards', cardId) || this.deletedHere('ideas', ideaId) || this.record('ideas', ideaId) === null) return;
    }
    this.unlocked('This journey map', str(card, 'mapId'), cardId);
  }
}

