/**
 * Defensive readers for everything stored in the document.
 *
 * The document is shared with other peers, and any of them could be buggy, old or hostile, so no
 * value is trusted for its type. Each `parse…`/`read…Record` function returns a fresh, frozen,
 * well-typed value or `null` (or a default) when the stored data does not have the layout's shape.
 * Text is *not* re-checked for length here: limits are enforced when writing (client and server);
 * a reader must still be able to show whatever is there.
 *
 * The server uses these same functions to check incoming updates.
 */
import * as Y from 'yjs';
import { isId } from './ids.js';
import {
  EMOTION_MAX, EMOTION_MIN, LANE_KINDS, LIMITS, POLL_METHODS, isColourName, isRole,
  type Ballot, type BallotChoices, type Board, type CardRecord, type ClusterRecord, type CommentRecord,
  type Focus, type IdeaRecord, type IdeaStatus, type Journey, type LaneKind, type LaneRecord, type Language,
  type Lock, type PaperVote, type Person, type PersonaRecord, type Phase, type Poll, type PollMethod,
  type PollOption, type PollOptionSource, type Role, type ScaleDefinition, type StageRecord, type Timer,
  type WorkshopMeta, type WorkshopSettings,
} from './layout.js';

/** A finite, non-negative number (times, durations). */
export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType) && !(value instanceof Uint8Array);
}

/** Own property of a stored object (never inherited — a stored object may carry a forged prototype). */
function own(obj: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** A fractional-index order key: non-empty printable ASCII. Malformed keys still sort, and are repaired on the next move. */
export function isOrderKey(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 128 && /^[\x21-\x7e]+$/.test(value);
}

/** Compares (order, id) pairs the way every list in the layout is sorted: plain string order, then id. */
export function compareOrder(aOrder: string, aId: string, bOrder: string, bId: string): number {
  if (aOrder !== bOrder) return aOrder < bOrder ? -1 : 1;
  if (aId !== bId) return aId < bId ? -1 : 1;
  return 0;
}

/** Compares by creation time, then id (for lists without an `order`). */
export function compareCreated(aAt: number, aId: string, bAt: number, bId: string): number {
  if (aAt !== bAt) return aAt - bAt;
  if (aId !== bId) return aId < bId ? -1 : 1;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Facilitator values
// ---------------------------------------------------------------------------------------------

export function readMeta(meta: Y.Map<unknown>): WorkshopMeta {
  const version = meta.get('schemaVersion');
  const title = meta.get('title');
  const description = meta.get('description');
  const language = meta.get('language');
  const createdAt = meta.get('createdAt');
  return Object.freeze({
    schemaVersion: isNonNegativeInteger(version) ? version : 0,
    title: isString(title) ? title : '',
    description: isString(description) ? description : '',
    language: (language === 'cy' ? 'cy' : 'en') satisfies Language,
    createdAt: isTime(createdAt) ? createdAt : 0,
  });
}

export function readSettings(settings: Y.Map<unknown>): WorkshopSettings {
  return Object.freeze({
    privateWriting: settings.get('privateWriting') === true,
    moderation: settings.get('moderation') === true,
    anonymous: settings.get('anonymous') === true,
    facilitatorsOrganise: settings.get('facilitatorsOrganise') === true,
  });
}

export function parsePhases(value: unknown): readonly Phase[] {
  if (!Array.isArray(value)) return Object.freeze([]);
  const seen = new Set<string>();
  const phases: Phase[] = [];
  for (const item of value.slice(0, LIMITS.phases) as unknown[]) {
    if (!isObject(item)) continue;
    const id = own(item, 'id');
    const title = own(item, 'title');
    if (!isId(id) || !isString(title) || seen.has(id)) continue;
    seen.add(id);
    phases.push(Object.freeze({ id, title }));
  }
  return Object.freeze(phases);
}

/** The timer when none has been set. */
export const IDLE_TIMER: Timer = /*#__PURE__*/ Object.freeze({ status: 'idle', durationMs: 0, endsAt: null, remainingMs: 0, updatedAt: 0 });

export function parseTimer(value: unknown): Timer {
  if (!isObject(value)) return IDLE_TIMER;
  const status = own(value, 'status');
  const durationMs = own(value, 'durationMs');
  const endsAt = own(value, 'endsAt');
  const remainingMs = own(value, 'remainingMs');
  const updatedAt = own(value, 'updatedAt');
  if (status !== 'idle' && status !== 'running' && status !== 'paused' && status !== 'ended') return IDLE_TIMER;
  if (!isTime(durationMs) || !isTime(remainingMs) || !isTime(updatedAt)) return IDLE_TIMER;
  if (status === 'running' && !isTime(endsAt)) return IDLE_TIMER;
  return Object.freeze({ status, durationMs, endsAt: status === 'running' ? (endsAt as number) : null, remainingMs, updatedAt });
}

/** Milliseconds left on `timer` at `serverNow` (a time on the server's clock). Never negative. */
export function timerRemainingMs(timer: Timer, serverNow: number): number {
  if (timer.status === 'running' && timer.endsAt !== null) return Math.max(0, timer.endsAt - serverNow);
  if (timer.status === 'ended') return 0;
  return timer.remainingMs;
}

export function parseFocus(value: unknown): Focus | null {
  if (!isObject(value)) return null;
  const elementId = own(value, 'elementId');
  const phaseId = own(value, 'phaseId');
  const at = own(value, 'at');
  if (!isId(elementId) || !isTime(at) || !(phaseId === null || phaseId === undefined || isId(phaseId))) return null;
  return Object.freeze({ elementId, phaseId: phaseId ?? null, at });
}

export function parseLock(value: unknown): Lock | null {
  if (!isObject(value)) return null;
  const reason = own(value, 'reason');
  const at = own(value, 'at');
  return Object.freeze({ reason: isString(reason) ? reason : '', at: isTime(at) ? at : 0 });
}

export function parseRole(value: unknown): Role | null {
  return isRole(value) ? value : null;
}

export function parsePerson(value: unknown): Person | null {
  if (!isObject(value)) return null;
  const name = own(value, 'name');
  const colour = own(value, 'colour');
  const joinedAt = own(value, 'joinedAt');
  const updatedAt = own(value, 'updatedAt');
  if (!isString(name)) return null;
  return Object.freeze({
    name,
    colour: isColourName(colour) ? colour : 'grey',
    joinedAt: isTime(joinedAt) ? joinedAt : 0,
    updatedAt: isTime(updatedAt) ? updatedAt : 0,
  });
}

export function parseBoard(value: unknown): Board | null {
  if (!isObject(value)) return null;
  const title = own(value, 'title');
  const createdAt = own(value, 'createdAt');
  const order = own(value, 'order');
  if (!isString(title)) return null;
  return Object.freeze({ title, createdAt: isTime(createdAt) ? createdAt : 0, order: isOrderKey(order) ? order : 'a0' });
}

export function parseJourney(value: unknown): Journey | null {
  if (!isObject(value)) return null;
  const title = own(value, 'title');
  const personaId = own(value, 'personaId');
  const createdAt = own(value, 'createdAt');
  const order = own(value, 'order');
  if (!isString(title)) return null;
  return Object.freeze({
    title,
    personaId: isId(personaId) ? personaId : null,
    createdAt: isTime(createdAt) ? createdAt : 0,
    order: isOrderKey(order) ? order : 'a0',
  });
}

// ---------------------------------------------------------------------------------------------
// Polls, ballots, paper votes
// ---------------------------------------------------------------------------------------------

function parseOptionSource(value: unknown): PollOptionSource | null {
  if (Array.isArray(value)) {
    if (value.length > LIMITS.pollOptions) return null;
    const seen = new Set<string>();
    const options: PollOption[] = [];
    for (const item of value as unknown[]) {
      if (!isObject(item)) return null;
      const id = own(item, 'id');
      const label = own(item, 'label');
      const cost = own(item, 'cost');
      if (!isId(id) || !isString(label) || seen.has(id)) return null;
      if (cost !== undefined && !(isNonNegativeInteger(cost) && cost <= LIMITS.optionCostMax)) return null;
      seen.add(id);
      options.push(Object.freeze(cost === undefined ? { id, label } : { id, label, cost }));
    }
    return Object.freeze(options);
  }
  if (isObject(value)) {
    const board = own(value, 'board');
    const clusters = own(value, 'clusters');
    if (isId(board) && clusters === undefined) return Object.freeze({ board });
    if (isId(clusters) && board === undefined) return Object.freeze({ clusters });
  }
  return null;
}

export function parseScale(value: unknown): ScaleDefinition | null {
  if (!isObject(value)) return null;
  const min = own(value, 'min');
  const max = own(value, 'max');
  const labels = own(value, 'labels');
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) return null;
  const lo = min as number;
  const hi = max as number;
  if (Math.abs(lo) > LIMITS.scaleBound || Math.abs(hi) > LIMITS.scaleBound || hi <= lo || hi - lo > LIMITS.scaleSpanMax) return null;
  if (!Array.isArray(labels) || labels.length !== hi - lo + 1 || !labels.every(isString)) return null;
  return Object.freeze({ min: lo, max: hi, labels: Object.freeze([...(labels as string[])]) });
}

/** Reads a stored poll, or `null` if it is not a valid layout-1 poll. */
export function parsePoll(value: unknown): Poll | null {
  if (!isObject(value)) return null;
  const method = own(value, 'method');
  if (typeof method !== 'string' || !(POLL_METHODS as readonly string[]).includes(method)) return null;
  const title = own(value, 'title');
  const description = own(value, 'description');
  const options = parseOptionSource(own(value, 'options'));
  const createdAt = own(value, 'createdAt');
  const updatedAt = own(value, 'updatedAt');
  const order = own(value, 'order');
  const resetAt = own(value, 'resetAt');
  const openedAt = own(value, 'openedAt');
  const closedAt = own(value, 'closedAt');
  if (!isString(title) || options === null) return null;
  const common = {
    title,
    description: isString(description) ? description : '',
    options,
    open: own(value, 'open') === true,
    // Anonymous unless the poll says otherwise: a missing or damaged field never reveals voters.
    anonymous: own(value, 'anonymous') !== false,
    createdAt: isTime(createdAt) ? createdAt : 0,
    updatedAt: isTime(updatedAt) ? updatedAt : 0,
    order: isOrderKey(order) ? order : 'a0',
    resetAt: isTime(resetAt) ? resetAt : 0,
    // Optional: a missing, zero or damaged time reads as absent (see pollStage for what that means).
    ...(isTime(openedAt) && openedAt > 0 ? { openedAt } : {}),
    ...(isTime(closedAt) && closedAt > 0 ? { closedAt } : {}),
  };
  switch (method as PollMethod) {
    case 'dots': {
      const allowance = own(value, 'allowance');
      const perOptionCap = own(value, 'perOptionCap');
      if (!isNonNegativeInteger(allowance) || allowance < 1 || allowance > LIMITS.dotsAllowanceMax) return null;
      if (!isNonNegativeInteger(perOptionCap) || perOptionCap < 1 || perOptionCap > allowance) return null;
      return Object.freeze({ ...common, method: 'dots', allowance, perOptionCap });
    }
    case 'single':
      return Object.freeze({ ...common, method: 'single' });
    case 'multiple': {
      const maxChoices = own(value, 'maxChoices');
      if (!isNonNegativeInteger(maxChoices) || maxChoices < 1 || maxChoices > LIMITS.pollOptions) return null;
      return Object.freeze({ ...common, method: 'multiple', maxChoices });
    }
    case 'ranking':
      return Object.freeze({ ...common, method: 'ranking' });
    case 'budget': {
      const budget = own(value, 'budget');
      if (!isNonNegativeInteger(budget) || budget < 1 || budget > LIMITS.budgetMax) return null;
      return Object.freeze({ ...common, method: 'budget', budget });
    }
    case 'scale': {
      const scale = parseScale(own(value, 'scale'));
      if (scale === null) return null;
      return Object.freeze({ ...common, method: 'scale', scale });
    }
  }
}

/** True when the method's choices are a list of option ids (single, multiple, ranking). */
export function usesListChoices(method: PollMethod): boolean {
  return method === 'single' || method === 'multiple' || method === 'ranking';
}

/**
 * Reads stored choices into a fresh, frozen value with only own, id-keyed, numeric entries, or
 * `null` when the shape does not fit the method at all. Limits are checked by the counting rules.
 */
export function parseChoices(method: PollMethod, value: unknown): BallotChoices | null {
  if (usesListChoices(method)) {
    if (!Array.isArray(value) || value.length > LIMITS.pollOptions) return null;
    if (!(value as unknown[]).every(isId)) return null;
    return Object.freeze([...(value as string[])]);
  }
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length > LIMITS.pollOptions) return null;
  const out: Record<string, number> = {};
  for (const key of keys) {
    const amount = value[key];
    if (!isId(key) || typeof amount !== 'number' || !Number.isSafeInteger(amount)) return null;
    out[key] = amount;
  }
  return Object.freeze(out);
}

/** Reads a stored ballot for a poll of `method`, or `null` if malformed. */
export function parseBallot(method: PollMethod, value: unknown): Ballot | null {
  if (!isObject(value)) return null;
  const updatedAt = own(value, 'updatedAt');
  const choices = parseChoices(method, own(value, 'choices'));
  if (!isTime(updatedAt) || choices === null) return null;
  return Object.freeze({ choices, updatedAt });
}

/** Reads a stored paper vote for a poll of `method`, or `null` if malformed. */
export function parsePaperVote(method: PollMethod, value: unknown): PaperVote | null {
  if (!isObject(value)) return null;
  const choices = parseChoices(method, own(value, 'choices'));
  const count = own(value, 'count');
  const note = own(value, 'note');
  const createdAt = own(value, 'createdAt');
  const updatedAt = own(value, 'updatedAt');
  if (choices === null || !isNonNegativeInteger(count) || count < 1 || count > LIMITS.paperCountMax) return null;
  return Object.freeze({
    choices,
    count,
    note: isString(note) ? note : '',
    createdAt: isTime(createdAt) ? createdAt : 0,
    updatedAt: isTime(updatedAt) ? updatedAt : 0,
  });
}

/** True for an emotion value (an integer −2…2). */
export function isEmotion(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= EMOTION_MIN && value <= EMOTION_MAX;
}

// ---------------------------------------------------------------------------------------------
// Records (nested Y.Maps)
// ---------------------------------------------------------------------------------------------

/** The record `Y.Map` stored under `id` in a record root, or `undefined` (also when something else is stored there). */
export function getRecord(root: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined {
  const value = root.get(id);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : undefined;
}

function str(map: Y.Map<unknown>, key: string): string | null {
  const value = map.get(key);
  return typeof value === 'string' ? value : null;
}

function time(map: Y.Map<unknown>, key: string): number {
  const value = map.get(key);
  return isTime(value) ? value : 0;
}

export function readIdeaRecord(map: Y.Map<unknown>): IdeaRecord | null {
  const boardId = str(map, 'boardId');
  const text = str(map, 'text');
  const authorId = str(map, 'authorId');
  if (!isId(boardId) || text === null || !isId(authorId)) return null;
  const colour = map.get('colour');
  const tag = str(map, 'tag');
  const clusterId = map.get('clusterId');
  const status: IdeaStatus = map.get('status') === 'pending' ? 'pending' : 'published';
  return Object.freeze({
    boardId,
    text,
    authorId,
    colour: isColourName(colour) ? colour : 'yellow',
    tag: tag ?? '',
    clusterId: isId(clusterId) ? clusterId : null,
    status,
    createdAt: time(map, 'createdAt'),
    updatedAt: time(map, 'updatedAt'),
  });
}

export function readClusterRecord(map: Y.Map<unknown>): ClusterRecord | null {
  const boardId = str(map, 'boardId');
  const title = str(map, 'title');
  if (!isId(boardId) || title === null) return null;
  const order = map.get('order');
  const createdBy = str(map, 'createdBy');
  return Object.freeze({
    boardId,
    title,
    collapsed: map.get('collapsed') === true,
    order: isOrderKey(order) ? order : 'a0',
    createdBy: isId(createdBy) ? createdBy : '',
    createdAt: time(map, 'createdAt'),
  });
}

export function readCommentRecord(map: Y.Map<unknown>): CommentRecord | null {
  const ideaId = str(map, 'ideaId');
  const text = str(map, 'text');
  const authorId = str(map, 'authorId');
  if (!isId(ideaId) || text === null || !isId(authorId)) return null;
  return Object.freeze({ ideaId, text, authorId, createdAt: time(map, 'createdAt'), updatedAt: time(map, 'updatedAt') });
}

export function readStageRecord(map: Y.Map<unknown>): StageRecord | null {
  const mapId = str(map, 'mapId');
  const title = str(map, 'title');
  if (!isId(mapId) || title === null) return null;
  const order = map.get('order');
  return Object.freeze({ mapId, title, order: isOrderKey(order) ? order : 'a0' });
}

export function readLaneRecord(map: Y.Map<unknown>): LaneRecord | null {
  const mapId = str(map, 'mapId');
  const title = str(map, 'title');
  if (!isId(mapId) || title === null) return null;
  const order = map.get('order');
  const kind = map.get('kind');
  return Object.freeze({
    mapId,
    title,
    kind: (typeof kind === 'string' && (LANE_KINDS as readonly string[]).includes(kind) ? kind : 'custom') as LaneKind,
    order: isOrderKey(order) ? order : 'a0',
  });
}

export function readCardRecord(map: Y.Map<unknown>): CardRecord | null {
  const mapId = str(map, 'mapId');
  const stageId = str(map, 'stageId');
  const laneId = str(map, 'laneId');
  const text = str(map, 'text');
  const authorId = str(map, 'authorId');
  if (!isId(mapId) || !isId(stageId) || !isId(laneId) || text === null || !isId(authorId)) return null;
  const order = map.get('order');
  return Object.freeze({
    mapId, stageId, laneId, text, authorId,
    order: isOrderKey(order) ? order : 'a0',
    createdAt: time(map, 'createdAt'),
    updatedAt: time(map, 'updatedAt'),
  });
}

export function readPersonaRecord(map: Y.Map<unknown>): PersonaRecord | null {
  const mapId = str(map, 'mapId');
  const name = str(map, 'name');
  if (!isId(mapId) || name === null) return null;
  const createdBy = str(map, 'createdBy');
  return Object.freeze({
    mapId,
    name,
    description: str(map, 'description') ?? '',
    needs: str(map, 'needs') ?? '',
    createdBy: isId(createdBy) ? createdBy : '',
    createdAt: time(map, 'createdAt'),
  });
}
