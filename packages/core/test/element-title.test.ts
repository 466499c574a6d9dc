import { describe, expect, it } from 'vitest';
import { createJourney, createPoll, readElementTitle, readWorkshop, roots, setPhases } from '@coproduce/core';
import { workshop } from './helpers.js';

describe('readElementTitle', () => {
  it('names a board, a vote, a journey map or a phase by its id, as readWorkshop does', () => {
    const { doc, fac } = workshop();
    const vote = createPoll(fac, { title: 'Which first?', method: 'single', options: [{ id: 'a', label: 'Benches' }, { id: 'b', label: 'Trees' }] });
    const map = createJourney(fac, { title: 'Visiting the library' });
    setPhases(fac, [{ id: 'warm-up', title: 'Warm up' }]);
    expect(readElementTitle(doc, 'main')).toEqual({ kind: 'board', title: 'Ideas' });
    expect(readElementTitle(doc, vote)).toEqual({ kind: 'poll', title: 'Which first?' });
    expect(readElementTitle(doc, map)).toEqual({ kind: 'journey', title: 'Visiting the library' });
    expect(readElementTitle(doc, 'warm-up')).toEqual({ kind: 'phase', title: 'Warm up' });
    const all = readWorkshop(doc);
    expect(all.polls.find((p) => p.id === vote)?.title).toBe(readElementTitle(doc, vote)?.title);
  });

  it('says null for unknown, malformed and hostile ids, and for damaged records', () => {
    const { doc } = workshop();
    roots(doc).boards.set('broken', { title: 42 });
    for (const id of ['nope', '', '__proto__', 'constructor', 'x'.repeat(100_000), '<script>', 'broken']) {
      expect(readElementTitle(doc, id)).toBeNull();
    }
  });
});
