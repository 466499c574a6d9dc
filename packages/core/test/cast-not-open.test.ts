// A vote that was never opened is not "closed" to the person voting: `castBallot` (and
// `retractBallot`) say "This vote is not open yet." then, and "This vote is closed." once voting has
// been open and is over. The code stays `closed` (the vote is not open); `details.stage` tells them apart.
import { describe, expect, it } from 'vitest';
import { castBallot, closePoll, createPoll, openPoll, resetPoll, retractBallot, roots } from '@coproduce/core';
import { expectRejected, session, workshop } from './helpers.js';

const OPTIONS = [{ id: 'a', label: 'Benches' }, { id: 'b', label: 'Trees' }];

describe('casting a vote that is not open', () => {
  it('says a vote never opened is not open yet, and nothing is written', () => {
    const { doc, fac } = workshop();
    const voteId = createPoll(fac, { id: 'priorities', title: 'What first?', method: 'single', options: OPTIONS });
    const ana = session(doc, 'ana');
    const error = expectRejected(doc, 'closed', () => castBallot(ana, voteId, ['a']));
    expect(error.message).toBe('This vote is not open yet.');
    expect(error.details).toEqual({ voteId: 'priorities', stage: 'not-open' });
    expect(error.field).toBe(null);
    expect(expectRejected(doc, 'closed', () => retractBallot(ana, voteId)).message).toBe('This vote is not open yet.');
    expect(roots(doc).ballots.size).toBe(0);
  });

  it('says a vote that was open and is over is closed', () => {
    const { doc, fac } = workshop();
    const voteId = createPoll(fac, { id: 'priorities', title: 'What first?', method: 'single', options: OPTIONS });
    const ana = session(doc, 'ana');
    openPoll(fac, voteId);
    castBallot(ana, voteId, ['a']);
    closePoll(fac, voteId);
    const error = expectRejected(doc, 'closed', () => castBallot(ana, voteId, ['b']));
    expect(error.message).toBe('This vote is closed.');
    expect(error.details).toEqual({ voteId: 'priorities', stage: 'closed' });
  });

  it('says not open yet again after a reset while closed, as the vote itself shows', () => {
    const { doc, fac } = workshop();
    const voteId = createPoll(fac, { id: 'priorities', title: 'What first?', method: 'single', options: OPTIONS });
    const ana = session(doc, 'ana');
    openPoll(fac, voteId);
    castBallot(ana, voteId, ['a']);
    closePoll(fac, voteId);
    resetPoll(fac, voteId);
    const error = expectRejected(doc, 'closed', () => castBallot(ana, voteId, ['b']));
    expect(error.message).toBe('This vote is not open yet.');
    expect(error.details.stage).toBe('not-open');
  });

  it('says closed for a vote written before opening times were kept, once it has ballots', () => {
    const { doc, fac } = workshop();
    const voteId = createPoll(fac, { id: 'priorities', title: 'What first?', method: 'single', options: OPTIONS, open: true });
    const ana = session(doc, 'ana');
    castBallot(ana, voteId, ['a']);
    // An older version closes it and drops the fields it does not know (`openedAt`, `closedAt`).
    const { openedAt: _opened, closedAt: _closed, ...rest } = roots(doc).polls.get(voteId) as Record<string, unknown>;
    roots(doc).polls.set(voteId, { ...rest, open: false });
    const error = expectRejected(doc, 'closed', () => castBallot(session(doc, 'bea'), voteId, ['b']));
    expect(error.message).toBe('This vote is closed.');
    expect(error.details.stage).toBe('closed');
  });
});
