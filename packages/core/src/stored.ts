/**
 * The exact rules of what may be *stored* in a workshop document (docs/document-model.md, layout 1):
 * one rule set, used by the sync server to judge every incoming value (`@coproduce/server`,
 * `policy/rules.ts`) and by `importWorkshop` to check every value it writes, so an imported file
 * never writes what the server refuses.
 *
 * Core's readers (`parsePoll`, `parseBoard`, `parseTimer`…) are lenient by design: they tolerate
 * and default what they cannot use, so a client can always show a damaged document. Nothing may
 * *store* such values in the first place, so every value is checked here exactly: its type, range,
 * vocabulary, text rule (`checkText`, the stored text must already be clean), ids (`isId`), times
 * (`isTime`), order keys (`isOrderKey`), and no field outside the layout. Limits come from `LIMITS`,
 * `TEXT` and the vocabularies.
 *
 * A check returns `null` when the value is fine, or the rest of a plain sentence whose subject the
 * caller names: `must be true or false, not "yes"`. The server's refusal reasons are built from it
 * ("Not in the workshop layout: a poll's "anonymous" must be true or false, not "yes""). Values are
 * quoted with at most 40 characters.
 */
import { formatCount } from './errors.js';
import { isId, splitKey, NO_PERSONA } from './ids.js';
import {
  COLOUR_NAMES, LANE_KINDS, LAYOUT_VERSION, LIMITS, POLL_METHODS, isColourName, isReactionEmoji, isRole, type PollMethod,
} from './layout.js';
import { ROLE_NAME_MESSAGE, TEXT, checkText, isRoleWord, type TextRule } from './text.js';
import { isEmotion, isOrderKey, isTime } from './values.js';

/** A check of one value: `null` when it is fine, else what is wrong ("must be …, not …"). */
export type Check = (value: unknown) => string | null;

/** `text` in quotes, cut to 40 characters. */
export function quote(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

/** A bad value as a reason shows it: strings quoted (at most 40 characters), anything else named. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).slice(0, 40) : String(value);
  if (typeof value === 'boolean' || value === null) return String(value);
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value !== 'object') return typeof value;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? 'an object' : 'an object with a forged prototype ("__proto__")';
}

/** Plain JSON as the layout stores it: no prototypes, no binary, no `undefined`, finite numbers, bounded depth. */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth >= 6 || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || !isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** A plain object whose own prototype is untouched (a decoded `__proto__` key forges one). */
function isRecordObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const own = (obj: Record<string, unknown>, key: string): unknown => (Object.hasOwn(obj, key) ? obj[key] : undefined);

/** `must be <expected>, not <value>` unless `ok`. */
function must(ok: (value: unknown) => boolean, expected: string): Check {
  return (value) => (ok(value) ? null : `must be ${expected}, not ${shown(value)}`);
}

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

const range = (min: number, max: number): string => `${formatCount(min)} to ${formatCount(max)}`;

// ---- single values ---------------------------------------------------------------------------

export const ID_EXPECTED = 'an id (1 to 64 letters, digits, "-" or "_")';
export const checkId: Check = must(isId, ID_EXPECTED);
export const checkIdOrNull: Check = must((v) => v === null || isId(v), `${ID_EXPECTED} or null`);
export const checkTime: Check = must(isTime, 'a time in milliseconds');
export const checkOrder: Check = must(isOrderKey, 'an order key (1 to 128 printable ASCII characters)');
export const checkBoolean: Check = must((v) => typeof v === 'boolean', 'true or false');
export const checkColour: Check = must(isColourName, `a colour name (${COLOUR_NAMES.join(', ')})`);
export const checkLaneKind: Check = must((v) => typeof v === 'string' && (LANE_KINDS as readonly string[]).includes(v), `a row kind (${LANE_KINDS.join(', ')})`);
export const checkStatus: Check = must((v) => v === 'published' || v === 'pending', '"published" or "pending"');
export const checkRole: Check = must(isRole, 'facilitator, participant or observer');
export const checkLanguage: Check = must((v) => v === 'en' || v === 'cy', '"en" or "cy"');
export const checkSchemaVersion: Check = must((v) => isWhole(v, 1, LAYOUT_VERSION), `a layout version this server knows (a whole number from 1 to ${LAYOUT_VERSION})`);

const textChecks = new Map<TextRule, Check>();

/**
 * Text under `rule`, stored as `cleanText` leaves it (a cleaned value cleans to itself). The
 * reason is core's own message ("Ideas can be up to 2,000 characters. This one has 2,001.").
 */
export function checkTextRule(rule: TextRule): Check {
  let check = textChecks.get(rule);
  if (check === undefined) {
    const expected = rule.min === 0 ? `text of up to ${formatCount(rule.max)} characters` : `text of ${range(rule.min, rule.max)} characters`;
    check = (value) => {
      if (typeof value !== 'string') return `must be ${expected}, not ${shown(value)}`;
      const result = checkText(value, rule);
      if (!result.ok) return `is not allowed: ${result.error.message}`;
      if (result.value !== value) return `must be ${expected} as Coproduce stores it (cleaned: no spaces around it, no bidirectional controls, Unicode NFC), not ${shown(value)}`;
      return null;
    };
    textChecks.set(rule, check);
  }
  return check;
}

/** A person's name: text under `TEXT.personName` that is not a role word (`isRoleWord`: "Facilitator", "Hwylusydd"…). */
export const checkPersonName: Check = (value) => {
  const problem = checkTextRule(TEXT.personName)(value);
  if (problem !== null) return problem;
  return isRoleWord(value as string) ? `is not allowed: ${ROLE_NAME_MESSAGE}` : null;
};

// ---- objects ---------------------------------------------------------------------------------

interface Field {
  readonly check: Check;
  /** Optional fields may be left out. */
  readonly optional?: boolean;
}

/** The fields of an object value, in the order reasons name them. */
type Shape = Readonly<Record<string, Field>>;

/**
 * Checks an object against `shape`: a plain object with only the shape's fields, every required
 * one present, each passing its check. Returns the reason (starting with the subject) or `null`.
 * `noun` ("a board") names the object, `described` its shape ("{ title, createdAt, order }").
 */
function objectProblem(value: unknown, noun: string, described: string, shape: Shape): string | null {
  if (!isRecordObject(value)) return `${noun} must be an object ${described}, not ${shown(value)}`;
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(shape, key)) return `${noun} has no field ${quote(key)} (it is ${described})`;
  }
  for (const key in shape) {
    const field = shape[key] as Field;
    if (!Object.hasOwn(value, key)) {
      if (field.optional === true) continue;
      return `${noun} needs ${quote(key)} (it is ${described})`;
    }
    const problem = field.check(value[key]);
    if (problem !== null) return `${possessive(noun)} ${quote(key)} ${problem}`;
  }
  return null;
}

/** "a board" → "a board's". */
function possessive(noun: string): string {
  return `${noun}'s`;
}

const f = (check: Check, optional = false): Field => (optional ? { check, optional } : { check });

const BOARD: Shape = { title: f(checkTextRule(TEXT.boardTitle)), createdAt: f(checkTime), order: f(checkOrder) };
const JOURNEY: Shape = { title: f(checkTextRule(TEXT.journeyTitle)), personaId: f(checkIdOrNull), createdAt: f(checkTime), order: f(checkOrder) };
const LOCK: Shape = { reason: f(checkTextRule(TEXT.lockReason)), at: f(checkTime) };
const PERSON: Shape = { name: f(checkPersonName), colour: f(checkColour), joinedAt: f(checkTime), updatedAt: f(checkTime) };
const FOCUS: Shape = { elementId: f(checkId), phaseId: f(checkIdOrNull), at: f(checkTime) };
const PHASE: Shape = { id: f(checkId), title: f(checkTextRule(TEXT.phaseTitle)) };
const TIMER: Shape = {
  status: f(must((v) => v === 'idle' || v === 'running' || v === 'paused' || v === 'ended', '"idle", "running", "paused" or "ended"')),
  durationMs: f(checkTime),
  endsAt: f(must((v) => v === null || isTime(v), 'a time in milliseconds (while running) or null')),
  remainingMs: f(checkTime),
  updatedAt: f(checkTime),
};

export const boardProblem = (value: unknown): string | null => objectProblem(value, 'a board', '{ title, createdAt, order }', BOARD);
export const journeyProblem = (value: unknown): string | null =>
  objectProblem(value, 'a journey map', '{ title, personaId, createdAt, order }', JOURNEY);
export const lockProblem = (value: unknown): string | null => objectProblem(value, 'a lock', '{ reason, at }', LOCK);
export const personProblem = (value: unknown): string | null => objectProblem(value, 'a person', '{ name, colour, joinedAt, updatedAt }', PERSON);

export function focusProblem(value: unknown): string | null {
  return value === null ? null : objectProblem(value, 'the focus', '{ elementId, phaseId, at } or null', FOCUS);
}

export function timerProblem(value: unknown): string | null {
  const problem = objectProblem(value, 'the timer', '{ status, durationMs, endsAt, remainingMs, updatedAt }', TIMER);
  if (problem !== null) return problem;
  const timer = value as Record<string, unknown>;
  if (timer['status'] === 'running' ? timer['endsAt'] === null : timer['endsAt'] !== null) {
    return `the timer's "endsAt" must be a time while it is running and null otherwise, not ${shown(timer['endsAt'])} while ${shown(timer['status'])}`;
  }
  return null;
}

export function phasesProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return `the phases must be a list of { id, title }, not ${shown(value)}`;
  if (value.length > LIMITS.phases) return `the phases must be at most ${LIMITS.phases}, not ${formatCount(value.length)}`;
  const seen = new Set<string>();
  for (const phase of value as unknown[]) {
    const problem = objectProblem(phase, 'a phase', '{ id, title }', PHASE);
    if (problem !== null) return problem;
    const id = (phase as { id: string }).id;
    if (seen.has(id)) return `two phases have the id ${quote(id)}`;
    seen.add(id);
  }
  return null;
}

// ---- polls -----------------------------------------------------------------------------------

const POLL_COMMON = ['title', 'description', 'method', 'options', 'open', 'anonymous', 'createdAt', 'updatedAt', 'order', 'resetAt'] as const;
const POLL_DESCRIBED = '{ title, description, method, options, open, anonymous, createdAt, updatedAt, order, resetAt, openedAt?, closedAt?, …method limits }';
const POLL_TIMES = new Set(['openedAt', 'closedAt']);
/** Each method's own limit fields. */
const METHOD_FIELDS: Readonly<Record<PollMethod, readonly string[]>> = {
  dots: ['allowance', 'perOptionCap'],
  single: [],
  multiple: ['maxChoices'],
  ranking: [],
  budget: ['budget'],
  scale: ['scale'],
};
const checkPollTitle = checkTextRule(TEXT.pollTitle);
const checkPollDescription = checkTextRule(TEXT.pollDescription);
const checkOptionLabel = checkTextRule(TEXT.optionLabel);
const checkScaleLabel = checkTextRule(TEXT.scaleLabel);

const wholeIn = (min: number, max: number): Check => must((v) => isWhole(v, min, max), `a whole number from ${range(min, max)}`);

/**
 * A poll, checked whole (docs/document-model.md, "Votes"). The opening times (`openedAt`,
 * `closedAt`) are left to the caller, which keeps a stored poll's existing value editable.
 */
export function pollProblem(value: unknown): string | null {
  if (!isRecordObject(value)) return `a poll must be an object ${POLL_DESCRIBED}, not ${shown(value)}`;
  const method = own(value, 'method');
  if (typeof method !== 'string' || !(POLL_METHODS as readonly string[]).includes(method)) {
    return `a poll's "method" must be one of ${POLL_METHODS.join(', ')}, not ${shown(method)}`;
  }
  const limits = METHOD_FIELDS[method as PollMethod];
  for (const key of Object.keys(value)) {
    if ((POLL_COMMON as readonly string[]).includes(key) || POLL_TIMES.has(key) || limits.includes(key)) continue;
    return `a ${method} poll has no field ${quote(key)}`;
  }
  for (const key of [...POLL_COMMON, ...limits]) {
    if (!Object.hasOwn(value, key)) return `a ${method} poll needs ${quote(key)}`;
  }
  const simple: [string, Check][] = [
    ['title', checkPollTitle], ['description', checkPollDescription], ['open', checkBoolean], ['anonymous', checkBoolean],
    ['createdAt', checkTime], ['updatedAt', checkTime], ['order', checkOrder], ['resetAt', checkTime],
  ];
  for (const [key, check] of simple) {
    const problem = check(value[key]);
    if (problem !== null) return `a poll's ${quote(key)} ${problem}`;
  }
  let problem: string | null = null;
  let budget: number = LIMITS.optionCostMax;
  switch (method as PollMethod) {
    case 'dots': {
      problem = field('allowance', wholeIn(1, LIMITS.dotsAllowanceMax)(value['allowance']));
      const allowance = value['allowance'] as number;
      problem ??= field('perOptionCap', wholeIn(1, allowance)(value['perOptionCap']));
      break;
    }
    case 'budget':
      problem = field('budget', wholeIn(1, LIMITS.budgetMax)(value['budget']));
      budget = value['budget'] as number;
      break;
    case 'scale':
      problem = scaleProblem(value['scale']);
      break;
    default:
      break;
  }
  if (problem !== null) return problem;
  const options = value['options'];
  problem = optionsProblem(options, method as PollMethod, budget);
  if (problem !== null) return problem;
  if (method === 'multiple') {
    const count = Array.isArray(options) ? options.length : LIMITS.pollOptions;
    return field('maxChoices', wholeIn(1, count)(value['maxChoices']));
  }
  return null;
}

function field(name: string, problem: string | null): string | null {
  return problem === null ? null : `a poll's ${quote(name)} ${problem}`;
}

function scaleProblem(value: unknown): string | null {
  const described = '{ min, max, labels }';
  if (!isRecordObject(value)) return `a poll's "scale" must be an object ${described}, not ${shown(value)}`;
  for (const key of Object.keys(value)) if (key !== 'min' && key !== 'max' && key !== 'labels') return `a poll's "scale" has no field ${quote(key)}`;
  const { scaleBound, scaleSpanMax } = LIMITS;
  const min = own(value, 'min');
  if (!isWhole(min, -scaleBound, scaleBound)) return `a scale's "min" must be a whole number from ${range(-scaleBound, scaleBound)}, not ${shown(min)}`;
  const max = own(value, 'max');
  const top = Math.min(scaleBound, min + scaleSpanMax);
  if (!isWhole(max, min + 1, top)) return `a scale's "max" must be a whole number from ${range(min + 1, top)}, not ${shown(max)}`;
  const labels = own(value, 'labels');
  const points = max - min + 1;
  if (!Array.isArray(labels) || labels.length !== points) {
    return `a scale's "labels" must be a list of ${points} labels (one per point), not ${Array.isArray(labels) ? `${labels.length} labels` : shown(labels)}`;
  }
  for (const label of labels as unknown[]) {
    const problem = checkScaleLabel(label);
    if (problem !== null) return `a scale label ${problem}`;
  }
  return null;
}

function optionsProblem(value: unknown, method: PollMethod, budget: number): string | null {
  if (Array.isArray(value)) {
    const min = method === 'scale' ? 1 : 2;
    if (value.length < min || value.length > LIMITS.pollOptions) {
      return `a ${method} poll's "options" must list ${range(min, LIMITS.pollOptions)} options, not ${formatCount(value.length)}`;
    }
    const seen = new Set<string>();
    for (const option of value as unknown[]) {
      if (!isRecordObject(option)) return `a poll option must be an object { id, label, cost? }, not ${shown(option)}`;
      for (const key of Object.keys(option)) {
        if (key !== 'id' && key !== 'label' && (key !== 'cost' || method !== 'budget')) {
          return key === 'cost' ? `a poll option has a "cost" only in a budget poll, not a ${method} poll` : `a poll option has no field ${quote(key)}`;
        }
      }
      const id = own(option, 'id');
      let problem = checkId(id);
      if (problem !== null) return `a poll option's "id" ${problem}`;
      if (seen.has(id as string)) return `two poll options have the id ${quote(id as string)}`;
      seen.add(id as string);
      problem = checkOptionLabel(own(option, 'label'));
      if (problem !== null) return `a poll option's "label" ${problem}`;
      if (Object.hasOwn(option, 'cost')) {
        problem = wholeIn(1, budget)(option['cost']);
        if (problem !== null) return `a poll option's "cost" ${problem}`;
      }
    }
    return null;
  }
  if (isRecordObject(value)) {
    const keys = Object.keys(value);
    const key = keys[0];
    if (keys.length === 1 && (key === 'board' || key === 'clusters')) {
      const problem = checkId(value[key]);
      return problem === null ? null : `a poll's "options" ${quote(key)} ${problem}`;
    }
  }
  return `a poll's "options" must be a list of { id, label } options, { board: boardId } or { clusters: boardId }, not ${shown(value)}`;
}

// ---- ballots and paper votes -----------------------------------------------------------------

/**
 * Ballot or paper vote choices for a poll of `method` (or of an unknown poll: `null`, a list of ids
 * or an object of id → whole number). Lists name each option once; amounts are whole numbers (a
 * ballot stores no zero dots or money; a scale score is within −10…10). The poll's *current*
 * limits are the counting rules' business (`ballotProblem` for a participant's own ballot): a ballot
 * that broke them later is still stored as it was (moved by an erasure, say).
 */
export function choicesProblem(value: unknown, method: PollMethod | null, paper: boolean): string | null {
  const list = method === 'single' || method === 'multiple' || method === 'ranking' || (method === null && Array.isArray(value));
  if (list) {
    if (!Array.isArray(value)) return `"choices" must be a list of option ids for a ${method} vote, not ${shown(value)}`;
    if (value.length > LIMITS.pollOptions) return `"choices" must name at most ${LIMITS.pollOptions} options, not ${formatCount(value.length)}`;
    const seen = new Set<string>();
    for (const id of value as unknown[]) {
      if (!isId(id)) return `"choices" must be option ids, not ${shown(id)}`;
      if (seen.has(id)) return `"choices" must name each option once, not ${quote(id)} twice`;
      seen.add(id);
    }
    return null;
  }
  if (!isRecordObject(value)) return `"choices" must be an object { optionId: amount }${method === null ? ' or a list of option ids' : ` for a ${method} vote`}, not ${shown(value)}`;
  const keys = Object.keys(value);
  if (keys.length > LIMITS.pollOptions) return `"choices" must name at most ${LIMITS.pollOptions} options, not ${formatCount(keys.length)}`;
  let min = Number.MIN_SAFE_INTEGER;
  let max = Number.MAX_SAFE_INTEGER;
  if (method === 'scale') {
    min = -LIMITS.scaleBound;
    max = LIMITS.scaleBound;
  } else if (method === 'dots' || method === 'budget') {
    min = paper ? 0 : 1;
    if (!paper) max = method === 'dots' ? LIMITS.dotsAllowanceMax : LIMITS.budgetMax;
  }
  for (const key of keys) {
    if (!isId(key)) return `"choices" must be keyed by option ids, not ${shown(key)}`;
    const amount = value[key];
    if (!isWhole(amount, min, max)) {
      const expected = method === 'scale'
        ? `a whole score from ${range(min, max)}`
        : method === 'dots' || method === 'budget'
          ? paper ? 'a whole number, 0 or more' : `a whole number from ${range(min, max)} (no zeros are stored)`
          : 'a whole number';
      return `"choices" ${quote(key)} must be ${expected}, not ${shown(amount)}`;
    }
  }
  return null;
}

const BALLOT_DESCRIBED = '{ choices, updatedAt }';
const PAPER_DESCRIBED = '{ choices, count, note, createdAt, updatedAt }';
const checkPaperNote = checkTextRule(TEXT.paperNote);

/** A ballot (`{ choices, updatedAt }`) for a poll of `method` (`null`: the poll is unknown). */
export function ballotShapeProblem(value: unknown, method: PollMethod | null): string | null {
  if (!isRecordObject(value)) return `a ballot must be an object ${BALLOT_DESCRIBED}, not ${shown(value)}`;
  for (const key of Object.keys(value)) if (key !== 'choices' && key !== 'updatedAt') return `a ballot has no field ${quote(key)} (it is ${BALLOT_DESCRIBED})`;
  if (!Object.hasOwn(value, 'choices')) return `a ballot needs "choices" (it is ${BALLOT_DESCRIBED})`;
  if (!Object.hasOwn(value, 'updatedAt')) return `a ballot needs "updatedAt" (it is ${BALLOT_DESCRIBED})`;
  const problem = choicesProblem(value['choices'], method, false);
  if (problem !== null) return `a ballot's ${problem}`;
  const time = checkTime(value['updatedAt']);
  return time === null ? null : `a ballot's "updatedAt" ${time}`;
}

/** A paper vote (`{ choices, count, note, createdAt, updatedAt }`) for a poll of `method` (`null`: unknown). */
export function paperVoteShapeProblem(value: unknown, method: PollMethod | null): string | null {
  if (!isRecordObject(value)) return `a paper vote must be an object ${PAPER_DESCRIBED}, not ${shown(value)}`;
  for (const key of Object.keys(value)) {
    if (!['choices', 'count', 'note', 'createdAt', 'updatedAt'].includes(key)) return `a paper vote has no field ${quote(key)} (it is ${PAPER_DESCRIBED})`;
  }
  for (const key of ['choices', 'count', 'note', 'createdAt', 'updatedAt']) {
    if (!Object.hasOwn(value, key)) return `a paper vote needs ${quote(key)} (it is ${PAPER_DESCRIBED})`;
  }
  const choices = choicesProblem(value['choices'], method, true);
  if (choices !== null) return `a paper vote's ${choices}`;
  const checks: [string, Check][] = [
    ['count', wholeIn(1, LIMITS.paperCountMax)], ['note', checkPaperNote], ['createdAt', checkTime], ['updatedAt', checkTime],
  ];
  for (const [key, check] of checks) {
    const problem = check(value[key]);
    if (problem !== null) return `a paper vote's ${quote(key)} ${problem}`;
  }
  return null;
}

// ---- poll opening times ----------------------------------------------------------------------

/** The latest time a JavaScript date can hold (year 275760), the bound of a poll's opening times. */
export const LATEST_TIME_MS = 8.64e15;

/**
 * A poll's optional opening history (`openedAt`, `closedAt`), left to the caller by
 * {@link pollProblem}: when present, a time a date can hold. (The server also keeps a value a stored
 * poll already holds, so a poll stored before this rule stays editable.)
 */
export function pollTimesProblem(value: unknown): string | null {
  if (!isRecordObject(value)) return null;
  for (const key of POLL_TIMES) {
    if (!Object.hasOwn(value, key)) continue;
    const time = value[key];
    if (!isTime(time) || time > LATEST_TIME_MS) return `a poll's ${quote(key)} must be a time in milliseconds, not ${shown(time)}`;
  }
  return null;
}

// ---- details, settings and records -----------------------------------------------------------

/** `meta` keys and their checks. */
export const META_CHECKS: Readonly<Record<string, Check>> = Object.freeze({
  schemaVersion: checkSchemaVersion,
  title: checkTextRule(TEXT.workshopTitle),
  description: checkTextRule(TEXT.workshopDescription),
  language: checkLanguage,
  createdAt: checkTime,
});

/** The stored fields of one kind of record (a `Y.Map` in a record root). */
export interface RecordFields {
  /** Field → value check. */
  readonly fields: Readonly<Record<string, Check>>;
  /** Fields a new record must have. */
  readonly required: readonly string[];
  /** What it is called in messages ("idea", "group"). */
  readonly noun: string;
}

const textOf = checkTextRule;

/** The fields of each record root (docs/document-model.md). */
export const RECORD_FIELDS: Readonly<Record<'ideas' | 'clusters' | 'comments' | 'stages' | 'lanes' | 'cards' | 'personas', RecordFields>> = Object.freeze({
  ideas: {
    fields: {
      boardId: checkId, text: textOf(TEXT.ideaText), authorId: checkId, colour: checkColour, tag: textOf(TEXT.ideaTag),
      clusterId: checkIdOrNull, status: checkStatus, createdAt: checkTime, updatedAt: checkTime,
    },
    required: ['boardId', 'text', 'authorId'],
    noun: 'idea',
  },
  clusters: {
    fields: { boardId: checkId, title: textOf(TEXT.clusterTitle), collapsed: checkBoolean, order: checkOrder, createdBy: checkId, createdAt: checkTime },
    required: ['boardId', 'title'],
    noun: 'group',
  },
  comments: {
    fields: { ideaId: checkId, text: textOf(TEXT.commentText), authorId: checkId, createdAt: checkTime, updatedAt: checkTime },
    required: ['ideaId', 'text', 'authorId'],
    noun: 'comment',
  },
  stages: { fields: { mapId: checkId, title: textOf(TEXT.stageTitle), order: checkOrder }, required: ['mapId', 'title'], noun: 'stage' },
  lanes: {
    fields: { mapId: checkId, title: textOf(TEXT.laneTitle), kind: checkLaneKind, order: checkOrder },
    required: ['mapId', 'title'],
    noun: 'row',
  },
  cards: {
    fields: {
      mapId: checkId, stageId: checkId, laneId: checkId, text: textOf(TEXT.cardText), authorId: checkId, order: checkOrder,
      createdAt: checkTime, updatedAt: checkTime,
    },
    required: ['mapId', 'stageId', 'laneId', 'text', 'authorId'],
    noun: 'card',
  },
  personas: {
    fields: {
      mapId: checkId, name: textOf(TEXT.personaName), description: textOf(TEXT.personaDescription), needs: textOf(TEXT.personaNeeds),
      createdBy: checkId, createdAt: checkTime,
    },
    required: ['mapId', 'name'],
    noun: 'persona',
  },
});

/** The record roots {@link RECORD_FIELDS} describes. */
export type StoredRecordRoot = keyof typeof RECORD_FIELDS;

/** A new record's fields (`root`: "ideas"…), checked whole: only its own fields, the required ones present, each valid. */
export function recordProblem(root: StoredRecordRoot, fields: Readonly<Record<string, unknown>>): string | null {
  const layout = RECORD_FIELDS[root];
  const a = layout.noun === 'idea' ? 'an' : 'a';
  if (!isRecordObject(fields)) return `${a} ${layout.noun} must be an object, not ${shown(fields)}`;
  for (const key of Object.keys(fields)) {
    const check = Object.hasOwn(layout.fields, key) ? layout.fields[key] : undefined;
    if (check === undefined) return `${a} ${layout.noun} has no field ${quote(key)}`;
    const problem = check(fields[key]);
    if (problem !== null) return `the ${layout.noun}'s ${quote(key)} ${problem}`;
  }
  for (const key of layout.required) if (!Object.hasOwn(fields, key)) return `a new ${layout.noun} needs ${quote(key)}`;
  return null;
}

// ---- keys of the value roots -----------------------------------------------------------------

/** A reaction key `ideaId|userId|emoji`. */
export function reactionKeyProblem(key: string): string | null {
  const parts = key.split('|');
  const [ideaId, userId, emoji] = parts;
  return parts.length === 3 && isId(ideaId) && isId(userId) && isReactionEmoji(emoji) ? null : `reaction key ${quote(key)} is not ideaId|userId|emoji`;
}

/** A feeling key `mapId|stageId|personaId` (`-`: no persona). */
export function emotionKeyProblem(key: string): string | null {
  const parts = splitKey(key, 3, true);
  return parts === null || parts[0] === NO_PERSONA || parts[1] === NO_PERSONA ? `emotion key ${quote(key)} is not mapId|stageId|personaId` : null;
}

/** A feeling: a whole number from −2 to 2. */
export const checkEmotion: Check = must(isEmotion, 'a whole number from -2 to 2');
