/**
 * Workshop-wide snapshots: session control, people, and the table of contents.
 */
import type * as Y from 'yjs';
import { isId } from '../ids.js';
import {
  roots, type ColourName, type Focus, type Lock, type Phase, type Poll, type PollMethod, type Role, type Timer,
  type WorkshopMeta, type WorkshopSettings,
} from '../layout.js';
import {
  compareOrder, isObject, isTime, parseBoard, parseFocus, parseJourney, parseLock, parsePerson, parsePhases, parsePoll,
  parseRole, parseTimer, readMeta, readSettings,
} from '../values.js';
import { pollStages, type PollStage } from './poll.js';

export interface ControlSnapshot {
  readonly phases: readonly Phase[];
  /** The current phase (only if it is in the list). */
  readonly currentPhase: Phase | null;
  readonly timer: Timer;
  readonly focus: Focus | null;
  readonly settings: WorkshopSettings;
  readonly locks: readonly (Lock & { readonly elementId: string })[];
  readonly reveals: readonly { readonly elementId: string; readonly at: number }[];
}

/** The facilitator's controls as everyone sees them. */
export function readControl(doc: Y.Doc): ControlSnapshot {
  const r = roots(doc);
  const phases = parsePhases(r.control.get('phases'));
  const currentId = r.control.get('currentPhase');
  const locks: (Lock & { elementId: string })[] = [];
  for (const [elementId, value] of r.locks) {
    const lock = parseLock(value);
    if (lock !== null && isId(elementId)) locks.push(Object.freeze({ elementId, ...lock }));
  }
  locks.sort((a, b) => (a.elementId < b.elementId ? -1 : 1));
  const reveals: { elementId: string; at: number }[] = [];
  for (const [elementId, at] of r.reveals) {
    if (isId(elementId)) reveals.push(Object.freeze({ elementId, at: isTime(at) ? at : 0 }));
  }
  reveals.sort((a, b) => (a.elementId < b.elementId ? -1 : 1));
  return Object.freeze({
    phases,
    currentPhase: phases.find((p) => p.id === currentId) ?? null,
    timer: parseTimer(r.control.get('timer')),
    focus: parseFocus(r.control.get('focus')),
    settings: readSettings(r.settings),
    locks: Object.freeze(locks),
    reveals: Object.freeze(reveals),
  });
}

/** The lock on an element, or `null`. */
export function readLock(doc: Y.Doc, elementId: string): Lock | null {
  return parseLock(roots(doc).locks.get(elementId));
}

export interface PersonSnapshot {
  readonly id: string;
  readonly name: string;
  readonly colour: ColourName;
  /** The role a facilitator set in the workshop, or `null` when their sign-in role applies. */
  readonly role: Role | null;
  readonly joinedAt: number;
  readonly updatedAt: number;
}

/** Everyone who joined, by name (then id). */
export function readPeople(doc: Y.Doc): readonly PersonSnapshot[] {
  const r = roots(doc);
  const list: PersonSnapshot[] = [];
  for (const [id, value] of r.people) {
    const person = parsePerson(value);
    if (person === null || !isId(id)) continue;
    list.push(Object.freeze({ id, ...person, role: parseRole(r.roles.get(id)) }));
  }
  list.sort((a, b) => {
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return Object.freeze(list);
}

export interface WorkshopSnapshot {
  readonly meta: WorkshopMeta;
  readonly settings: WorkshopSettings;
  readonly boards: readonly { readonly id: string; readonly title: string; readonly order: string; readonly createdAt: number }[];
  readonly polls: readonly {
    readonly id: string; readonly title: string; readonly method: PollMethod; readonly open: boolean; readonly order: string;
    /** Not open yet, open or closed, as the vote itself says (see `pollStageOf`). */
    readonly stage: PollStage;
  }[];
  readonly journeys: readonly { readonly id: string; readonly title: string; readonly order: string; readonly createdAt: number }[];
}

/** The workshop's details and its boards, polls and journey maps, each in order. */
export function readWorkshop(doc: Y.Doc): WorkshopSnapshot {
  const r = roots(doc);
  const boards: WorkshopSnapshot['boards'][number][] = [];
  for (const [id, value] of r.boards) {
    const board = parseBoard(value);
    if (board !== null && isId(id)) boards.push(Object.freeze({ id, title: board.title, order: board.order, createdAt: board.createdAt }));
  }
  const parsed = new Map<string, Poll>();
  for (const [id, value] of r.polls) {
    const poll = parsePoll(value);
    if (poll !== null && isId(id)) parsed.set(id, poll);
  }
  // Only a closed poll without an opening time needs its ballots (a document from before `openedAt`).
  // They are read with the polls: the ballots of a closed vote change only together with it (reset, delete).
  const stages = pollStages(doc, parsed);
  const polls: WorkshopSnapshot['polls'][number][] = [];
  for (const [id, poll] of parsed) {
    polls.push(Object.freeze({ id, title: poll.title, method: poll.method, open: poll.open, order: poll.order, stage: stages.get(id) ?? 'not-open' }));
  }
  const journeys: WorkshopSnapshot['journeys'][number][] = [];
  for (const [id, value] of r.journeys) {
    const journey = parseJourney(value);
    if (journey !== null && isId(id)) journeys.push(Object.freeze({ id, title: journey.title, order: journey.order, createdAt: journey.createdAt }));
  }
  const byOrder = (a: { id: string; order: string }, b: { id: string; order: string }): number => compareOrder(a.order, a.id, b.order, b.id);
  return Object.freeze({
    meta: readMeta(r.meta),
    settings: readSettings(r.settings),
    boards: Object.freeze(boards.sort(byOrder)),
    polls: Object.freeze(polls.sort(byOrder)),
    journeys: Object.freeze(journeys.sort(byOrder)),
  });
}

/** What {@link readElementTitle} finds an element id to name. */
export type ElementKind = 'board' | 'poll' | 'journey' | 'phase';

/**
 * What an element id names in the workshop (a board, vote, journey map or phase, looked for in that
 * order) and its title, or `null`. Reads just that id, where {@link readWorkshop} reads every record.
 */
export function readElementTitle(doc: Y.Doc, elementId: string): { readonly kind: ElementKind; readonly title: string } | null {
  if (!isId(elementId)) return null;
  const r = roots(doc);
  // Only the title is read (not the whole record's shape): this names an element in a message.
  for (const [kind, root] of [['board', r.boards], ['poll', r.polls], ['journey', r.journeys]] as const) {
    const title = titleOf(root.get(elementId));
    if (title !== null) return { kind, title };
  }
  const phase = parsePhases(r.control.get('phases')).find((p) => p.id === elementId);
  return phase ? { kind: 'phase', title: phase.title } : null;
}

function titleOf(value: unknown): string | null {
  if (!isObject(value)) return null;
  const title = Object.prototype.hasOwnProperty.call(value, 'title') ? value.title : undefined;
  return typeof title === 'string' ? title : null;
}
