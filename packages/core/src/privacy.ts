/**
 * One participant's personal data in a workshop document: erasure on request (their name and
 * authorship, without breaking the document) and export (everything tied to their user id, as
 * JSON). docs/privacy.md explains both for a data protection officer.
 *
 * Where a user id appears (layout version 1, docs/document-model.md):
 * - `people` (their name, colour, join time) and `roles` (a role a facilitator gave them), keyed by it;
 * - `authorId` of ideas, comments and journey cards; `createdBy` of clusters and personas;
 * - the middle part of `reactions` keys (`ideaId|userId|emoji`) and `ballots` keys (`voteId|voterId|deviceId`).
 *
 * Erasure removes the first two and replaces the user id everywhere else by one fresh **tombstone
 * id** (`erased-…`), the same for all of that person's records in the document. So their ideas,
 * comments and cards stay (the workshop's outcome does not change) but belong to nobody: no one
 * can edit them as their author any more, facilitators can still delete them. Their votes keep
 * counting, as the votes of an unnamed voter. What people *wrote* is kept as written; if they typed
 * their own name into an idea, erasing it means deleting or editing that idea.
 */
import * as Y from 'yjs';
import { isId, KEY_SEPARATOR, newId } from './ids.js';
import { roots, type RootName } from './layout.js';
import { getRecord } from './values.js';

/** Transaction origin of {@link eraseParticipant}. */
export const ERASURE_ORIGIN = 'coproduce:erasure';

/** Tombstone ids start with this; the rest is random. */
export const ERASED_PREFIX = 'erased-';

/** A fresh tombstone id (`erased-` and 16 random characters): a valid id that names nobody. */
export function newTombstoneId(): string {
  return ERASED_PREFIX + newId();
}

/** Whether `id` is a tombstone id left by an erasure. */
export function isTombstoneId(id: string): boolean {
  return id.startsWith(ERASED_PREFIX) && isId(id);
}

export interface ErasureResult {
  userId: string;
  /** The id that now stands where the user id was. */
  tombstoneId: string;
  /** Whether a `people` entry (name, colour) was removed. */
  person: boolean;
  /** Whether a `roles` entry was removed. */
  role: boolean;
  ideas: number;
  comments: number;
  cards: number;
  clusters: number;
  personas: number;
  reactions: number;
  ballots: number;
}

const AUTHORED: ReadonlyArray<{ root: RootName & ('ideas' | 'comments' | 'cards' | 'clusters' | 'personas'); field: string }> = [
  { root: 'ideas', field: 'authorId' },
  { root: 'comments', field: 'authorId' },
  { root: 'cards', field: 'authorId' },
  { root: 'clusters', field: 'createdBy' },
  { root: 'personas', field: 'createdBy' },
];

/** Replaces the middle part of a three-part key if it is `userId`; otherwise null. */
function rekey(key: string, userId: string, replacement: string): string | null {
  const parts = key.split(KEY_SEPARATOR);
  if (parts.length !== 3 || parts[1] !== userId) return null;
  return [parts[0], replacement, parts[2]].join(KEY_SEPARATOR);
}

/**
 * Erases one participant's personal data from `doc`, in one transaction (origin
 * {@link ERASURE_ORIGIN}). Run it where the document is complete and authoritative (the server,
 * or a facilitator's synced copy); the changes then sync to every device like any edit. Peers that
 * were offline merge cleanly: their copies of the removed entries are deleted too, and what they
 * add under the old user id afterwards is new data (erase again if needed).
 *
 * Note that Yjs keeps deleted content in a document only when garbage collection is off
 * (`gc: false`); the server runs with it on, and compacts the room's stored history after an
 * erasure so the old values are gone from storage as well (`@coproduce/server`'s `eraseUser`).
 */
export function eraseParticipant(doc: Y.Doc, userId: string, options: { tombstoneId?: string } = {}): ErasureResult {
  if (!isId(userId)) throw new TypeError('eraseParticipant: userId must be a valid id');
  const tombstoneId = options.tombstoneId ?? newTombstoneId();
  if (!isId(tombstoneId) || tombstoneId === userId) throw new TypeError('eraseParticipant: tombstoneId must be a valid id other than userId');
  const r = roots(doc);
  const result: ErasureResult = {
    userId,
    tombstoneId,
    person: false,
    role: false,
    ideas: 0,
    comments: 0,
    cards: 0,
    clusters: 0,
    personas: 0,
    reactions: 0,
    ballots: 0,
  };
  doc.transact(() => {
    if (r.people.has(userId)) {
      r.people.delete(userId);
      result.person = true;
    }
    if (r.roles.has(userId)) {
      r.roles.delete(userId);
      result.role = true;
    }
    for (const { root, field } of AUTHORED) {
      const map = r[root];
      for (const id of map.keys()) {
        const record = getRecord(map, id);
        if (record?.get(field) === userId) {
          record.set(field, tombstoneId);
          result[root]++;
        }
      }
    }
    for (const root of ['reactions', 'ballots'] as const) {
      const map = r[root];
      for (const [key, value] of [...map.entries()]) {
        const renamed = rekey(key, userId, tombstoneId);
        if (renamed === null) continue;
        map.delete(key);
        map.set(renamed, value);
        result[root]++;
      }
    }
  }, ERASURE_ORIGIN);
  return result;
}

/** JSON of one participant's data in one workshop (see {@link exportParticipant}). */
export interface ParticipantData {
  format: 'coproduce-participant-data';
  version: 1;
  userId: string;
  /** The workshop's title, for the reader's orientation. */
  workshop: string | null;
  exportedAt: number;
  /** Their `people` entry: name, colour, join time. */
  person: Record<string, unknown> | null;
  /** A role a facilitator gave them in this workshop, if any. */
  role: unknown;
  ideas: Array<Record<string, unknown>>;
  comments: Array<Record<string, unknown>>;
  cards: Array<Record<string, unknown>>;
  clusters: Array<Record<string, unknown>>;
  personas: Array<Record<string, unknown>>;
  reactions: Array<{ ideaId: string; emoji: string; at: unknown }>;
  ballots: Array<{ voteId: string; question: string | null; deviceId: string; ballot: unknown }>;
}

/** Own fields of a record map as plain JSON (a key named `__proto__` is left out). */
function recordJson(id: string, record: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { id };
  for (const [key, value] of record.entries()) {
    if (key === '__proto__') continue;
    out[key] = value instanceof Y.AbstractType ? value.toJSON() : value;
  }
  return out;
}

function plain(value: unknown): unknown {
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Everything in `doc` tied to `userId`, as JSON: their person entry and role, the ideas, comments
 * and cards they wrote, the clusters and personas they made, their reactions and their ballots.
 * Records are exported as stored (every field, including the ones of the layout's records that
 * do not name people, such as `boardId`), so a person can see exactly what the workshop holds.
 */
export function exportParticipant(doc: Y.Doc, userId: string, now: number = Date.now()): ParticipantData {
  const r = roots(doc);
  const title = r.meta.get('title');
  const data: ParticipantData = {
    format: 'coproduce-participant-data',
    version: 1,
    userId,
    workshop: typeof title === 'string' ? title : null,
    exportedAt: now,
    person: null,
    role: r.roles.has(userId) ? plain(r.roles.get(userId)) : null,
    ideas: [],
    comments: [],
    cards: [],
    clusters: [],
    personas: [],
    reactions: [],
    ballots: [],
  };
  const person = r.people.get(userId);
  if (person !== undefined) data.person = plain(person) as Record<string, unknown>;
  for (const { root, field } of AUTHORED) {
    const map = r[root];
    for (const id of [...map.keys()].sort()) {
      const record = getRecord(map, id);
      if (record?.get(field) === userId) data[root].push(recordJson(id, record));
    }
  }
  for (const [key, at] of r.reactions.entries()) {
    const parts = key.split(KEY_SEPARATOR);
    if (parts.length === 3 && parts[1] === userId) data.reactions.push({ ideaId: parts[0]!, emoji: parts[2]!, at: plain(at) });
  }
  for (const [key, ballot] of r.ballots.entries()) {
    const parts = key.split(KEY_SEPARATOR);
    if (parts.length !== 3 || parts[1] !== userId) continue;
    const poll = r.polls.get(parts[0]!) as { title?: unknown } | undefined;
    const question = poll && typeof poll === 'object' && typeof poll.title === 'string' ? poll.title : null;
    data.ballots.push({ voteId: parts[0]!, question, deviceId: parts[2]!, ballot: plain(ballot) });
  }
  data.reactions.sort((a, b) => (a.ideaId + a.emoji < b.ideaId + b.emoji ? -1 : 1));
  data.ballots.sort((a, b) => (a.voteId + a.deviceId < b.voteId + b.deviceId ? -1 : 1));
  return data;
}
