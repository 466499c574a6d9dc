import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addIdea, createJourney, createPoll, readBoard, readControl, readJourney, readPeople, readPoll, readWorkshop, roots,
  type TallyResults,
} from '@coproduce/core';
import { session, workshop } from './helpers.js';

describe('reading a document written by a hostile or buggy peer', () => {
  it('skips malformed values instead of crashing or trusting them', () => {
    const { doc, fac, boardId } = workshop();
    const ana = session(doc, 'ana');
    const good = addIdea(ana, { boardId, text: 'fine' });
    const voteId = createPoll(fac, { id: 'v', title: 'Dots', method: 'dots', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], allowance: 2, perOptionCap: 2, open: true });
    const mapId = createJourney(fac, { id: 'm', title: 'Map', stages: ['S'], lanes: [{ title: 'L' }] });
    const r = roots(doc);
    doc.transact(() => {
      r.ideas.set('notamap', 'text' as never);
      const noAuthor = new Y.Map<unknown>();
      noAuthor.set('boardId', boardId);
      noAuthor.set('text', 42);
      r.ideas.set('broken', noAuthor);
      const wrongTypes = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ boardId, text: 'odd', authorId: 'eve', colour: 'ultraviolet', status: 'approved?', clusterId: { evil: true }, createdAt: 'yesterday' })) wrongTypes.set(k, v);
      r.ideas.set('odd', wrongTypes);
      r.reactions.set(`${good}|eve|💩`, 1);
      r.reactions.set(`${good}|bad id|👍`, 1);
      r.reactions.set('garbage', 1);
      r.comments.set('c', 'nope' as never);
      // Ballots: a forged prototype, wrong shapes, unknown options, a future-dated over-allowance ballot.
      r.ballots.set('v|eve|1', JSON.parse('{"choices":{"__proto__":{"a":100}},"updatedAt":5}'));
      r.ballots.set('v|mal|1', { choices: 'all of them', updatedAt: 5 });
      r.ballots.set('v|max|1', { choices: { a: 2, b: 2 }, updatedAt: 9e15 });
      r.ballots.set('v|zed|1', { choices: { a: 1 }, updatedAt: 6 });
      r.ballots.set('not|a|valid|key', { choices: { a: 1 }, updatedAt: 6 });
      r.polls.set('broken', { method: 'dots', title: 'x', options: [], allowance: -1 });
      r.people.set('eve', { name: { toString: 'x' } });
      r.locks.set(boardId, 'not an object');
      r.control.set('timer', { status: 'running', endsAt: 'soon' });
      r.control.set('phases', [{ id: 'ok', title: 'OK' }, { id: 'bad id', title: 'x' }, 'junk']);
      r.emotions.set(`${mapId}|nostage|-`, 2);
      r.emotions.set(`${mapId}|x|-`, 'very');
    });
    const board = readBoard(doc, boardId);
    expect(board.ideas.map((i) => i.id).sort()).toEqual([good, 'odd'].sort());
    expect(board.ideaById.get('odd')).toMatchObject({ colour: 'yellow', status: 'published', clusterId: null, createdAt: 0 });
    expect(board.ideaById.get(good)?.reactions).toEqual([]);
    expect(board.lock).toBeNull();
    const results = readPoll(doc, voteId).results as TallyResults;
    expect(results.voters.online).toBe(1); // only zed; max's ballot breaks the allowance
    expect(results.ignoredBallots).toBe(1);
    expect(results.options.map((o) => [o.id, o.total])).toEqual([['a', 1], ['b', 0]]);
    expect(readPoll(doc, 'broken').poll).toBeNull();
    expect(readWorkshop(doc).polls.map((p) => p.id)).toEqual([voteId]);
    expect(readPeople(doc)).toEqual([]);
    expect(readControl(doc).timer.status).toBe('idle');
    expect(readControl(doc).phases).toEqual([{ id: 'ok', title: 'OK' }]);
    expect(readJourney(doc, mapId).emotions).toEqual([]);
    expect(({} as Record<string, unknown>)['a']).toBeUndefined();
  });
});
