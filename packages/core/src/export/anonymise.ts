/**
 * Pseudonyms for exports of anonymous workshops: user ids become `person-01`, `person-02`… and
 * names "Person 1", "Person 2"…, consistently across every record, so the structure (who wrote
 * which ideas, one ballot per voter) survives while nobody is named.
 */
import type * as Y from 'yjs';
import { splitKey } from '../ids.js';
import { roots } from '../layout.js';
import { getRecord, parsePerson, parsePoll } from '../values.js';

/** Maps user ids to pseudonyms. */
export interface Pseudonyms {
  id(userId: string): string;
  name(userId: string): string;
}

/** The identity mapping (nothing hidden). */
export const NO_PSEUDONYMS: Pseudonyms = /*#__PURE__*/ Object.freeze({ id: (userId: string) => userId, name: (userId: string) => userId });

/**
 * Collects every user id in the document and numbers them by join time (then id). Numbering by
 * join time rather than by id keeps it stable: exporting an imported anonymised export gives the
 * same pseudonyms again.
 */
export function makePseudonyms(doc: Y.Doc): Pseudonyms {
  const r = roots(doc);
  const joinedAt = new Map<string, number>();
  const see = (userId: string | null | undefined, at = Number.POSITIVE_INFINITY): void => {
    if (!userId) return;
    const known = joinedAt.get(userId);
    if (known === undefined || at < known) joinedAt.set(userId, at);
  };
  for (const [id, value] of r.people) see(id, parsePerson(value)?.joinedAt ?? Number.POSITIVE_INFINITY);
  for (const [id] of r.roles) see(id);
  for (const rootName of ['ideas', 'comments', 'cards'] as const) {
    const root = r[rootName];
    for (const [id] of root) {
      const author = getRecord(root, id)?.get('authorId');
      if (typeof author === 'string') see(author);
    }
  }
  for (const rootName of ['clusters', 'personas'] as const) {
    const root = r[rootName];
    for (const [id] of root) {
      const by = getRecord(root, id)?.get('createdBy');
      if (typeof by === 'string') see(by);
    }
  }
  for (const key of r.reactions.keys()) see(key.split('|')[1]);
  // An anonymous vote's voters are not named in exports at all (see `exportWorkshop`): only named votes' voters take a number.
  for (const key of r.ballots.keys()) {
    const parts = splitKey(key, 3);
    if (parts !== null && parsePoll(r.polls.get(parts[0] as string))?.anonymous === false) see(parts[1]);
  }
  const ordered = [...joinedAt.entries()].sort((a, b) => (a[1] !== b[1] ? a[1] - b[1] : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const width = Math.max(2, String(ordered.length).length);
  const numbers = new Map<string, number>(ordered.map(([userId], i) => [userId, i + 1]));
  return Object.freeze({
    id(userId: string): string {
      const n = numbers.get(userId);
      return n === undefined ? userId : `person-${String(n).padStart(width, '0')}`;
    },
    name(userId: string): string {
      const n = numbers.get(userId);
      return n === undefined ? 'Someone' : `Person ${n}`;
    },
  });
}
