import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addPaperVote, castBallot, closePoll, createPoll, exportWorkshop, importWorkshop, openPoll, parsePoll, pollStage, readPoll,
  readWorkshop, resetPoll, retractBallot, roots, updatePoll, type PollStage,
} from '@coproduce/core';
import { fakeClock, fork, session, syncAll, workshop } from './helpers.js';

const OPTIONS = [{ id: 'a', label: 'Benches' }, { id: 'b', label: 'Trees' }];

/** The stage as every reader says it: the poll snapshot, `pollStage` and the workshop's list of votes. */
function stages(doc: Y.Doc, voteId: string): PollStage[] {
  return [readPoll(doc, voteId).stage, pollStage(doc, voteId), readWorkshop(doc).polls.find((p) => p.id === voteId)?.stage ?? 'not-open'];
}

function expectStage(doc: Y.Doc, voteId: string, stage: PollStage): void {
  expect(stages(doc, voteId)).toEqual([stage, stage, stage]);
}

/** The stored JSON of a poll, as another version of Coproduce would see it. */
function stored(doc: Y.Doc, voteId: string): Record<string, unknown> {
  return roots(doc).polls.get(voteId) as Record<string, unknown>;
}

/** Writes a poll as a version without `openedAt`/`closedAt` would (they drop fields they do not know). */
function writeAsOldVersion(doc: Y.Doc, voteId: string, change: Record<string, unknown> = {}): void {
  const { openedAt: _o, closedAt: _c, ...rest } = stored(doc, voteId);
  roots(doc).polls.set(voteId, { ...rest, ...change });
}

describe('a vote knows whether it has ever been open', () => {
  it('reads not open yet, open, closed; a reset while closed makes it not open yet again', () => {
    const { doc, fac } = workshop();
    const clock = fakeClock(1_750_000_000_000);
    const timed = session(doc, 'fac', 'facilitator', 'Fran', clock);
    const voteId = createPoll(fac, { id: 'v', title: 'What first?', method: 'single', options: OPTIONS });
    expectStage(doc, voteId, 'not-open');
    expect(stored(doc, voteId)).not.toHaveProperty('openedAt');
    expect(stored(doc, voteId)).not.toHaveProperty('closedAt');

    openPoll(timed, voteId);
    expectStage(doc, voteId, 'open');
    const opened = readPoll(doc, voteId).poll;
    expect(opened?.openedAt).toBe(opened?.updatedAt);
    expect(opened?.closedAt).toBeUndefined();

    closePoll(timed, voteId);
    expectStage(doc, voteId, 'closed');
    const closed = readPoll(doc, voteId).poll;
    expect(closed?.openedAt).toBe(opened?.openedAt);
    expect(closed?.closedAt).toBe(closed?.updatedAt);
    expect(closed!.closedAt!).toBeGreaterThan(closed!.openedAt!);

    // Nobody voted: it still closed (the old guess read "not open yet" here).
    expect(readPoll(doc, voteId).results?.voters.online).toBe(0);

    resetPoll(timed, voteId);
    expectStage(doc, voteId, 'not-open');
    expect(stored(doc, voteId)).not.toHaveProperty('openedAt');
    expect(stored(doc, voteId)).not.toHaveProperty('closedAt');

    openPoll(timed, voteId);
    expectStage(doc, voteId, 'open');
  });

  it('a reset while open keeps it open, and once closed it has closed', () => {
    const { doc, fac } = workshop();
    const ana = session(doc, 'ana');
    const voteId = createPoll(fac, { title: 'What first?', method: 'single', options: OPTIONS, open: true });
    const openedAt = readPoll(doc, voteId).poll?.openedAt;
    expect(openedAt).toBeGreaterThan(0);
    castBallot(ana, voteId, ['a']);
    resetPoll(fac, voteId);
    expectStage(doc, voteId, 'open');
    expect(readPoll(doc, voteId).poll?.openedAt).toBe(openedAt);
    closePoll(fac, voteId);
    expectStage(doc, voteId, 'closed');
  });

  it('updatePoll records opening and closing too, and keeps the history through other changes', () => {
    const { doc, fac } = workshop();
    const voteId = createPoll(fac, { title: 'What first?', method: 'single', options: OPTIONS });
    updatePoll(fac, voteId, { title: 'What should we do first?' });
    expectStage(doc, voteId, 'not-open');
    expect(stored(doc, voteId)).not.toHaveProperty('openedAt');

    const opened = updatePoll(fac, voteId, { open: true });
    expect(opened.openedAt).toBe(opened.updatedAt);
    expectStage(doc, voteId, 'open');
    const renamed = updatePoll(fac, voteId, { title: 'What first, again?' });
    expect(renamed.openedAt).toBe(opened.openedAt);

    const closed = updatePoll(fac, voteId, { open: false });
    expect(closed.closedAt).toBe(closed.updatedAt);
    expect(closed.openedAt).toBe(opened.openedAt);
    expectStage(doc, voteId, 'closed');
    updatePoll(fac, voteId, { description: 'Now with a description' });
    expectStage(doc, voteId, 'closed');
  });

  it('several peers agree: opened on one, closed on another, reset on a third', () => {
    const { doc: a, fac } = workshop(1);
    const voteId = createPoll(fac, { id: 'v', title: 'What first?', method: 'dots', options: OPTIONS, allowance: 2 });
    const b = fork(a, 2);
    const c = fork(a, 3);
    const facB = session(b, 'fac', 'facilitator', 'Fran');
    const facC = session(c, 'fac2', 'facilitator', 'Fay');
    for (const doc of [a, b, c]) expectStage(doc, voteId, 'not-open');

    openPoll(fac, voteId);
    syncAll(a, b, c);
    for (const doc of [a, b, c]) expectStage(doc, voteId, 'open');

    closePoll(facB, voteId);
    syncAll(a, b, c);
    for (const doc of [a, b, c]) expectStage(doc, voteId, 'closed');
    expect(readPoll(a, voteId).poll).toEqual(readPoll(c, voteId).poll);

    resetPoll(facC, voteId);
    syncAll(a, b, c);
    for (const doc of [a, b, c]) expectStage(doc, voteId, 'not-open');
  });

  it('concurrent opening and resetting converge on one stage that matches the stored poll', () => {
    const { doc: a, fac } = workshop(10);
    const voteId = createPoll(fac, { id: 'v', title: 'What first?', method: 'single', options: OPTIONS, open: true });
    closePoll(fac, voteId);
    const b = fork(a, 11);
    const facB = session(b, 'fac', 'facilitator', 'Fran');
    openPoll(fac, voteId); // a reopens…
    resetPoll(facB, voteId); // …while b resets the closed vote
    syncAll(a, b);
    const [stageA] = stages(a, voteId);
    expectStage(b, voteId, stageA!);
    const poll = readPoll(a, voteId).poll!;
    // Whichever write won, the stage is the one its own poll says.
    expect(stageA).toBe(poll.open ? 'open' : 'not-open');
  });

  it('documents from before openedAt: a closed vote has closed when someone voted online since the last reset', () => {
    const { doc, fac } = workshop();
    const ana = session(doc, 'ana');
    const ben = session(doc, 'ben');
    const voteId = createPoll(fac, { id: 'old', title: 'What first?', method: 'single', options: OPTIONS, open: true });
    castBallot(ana, voteId, ['a']);
    castBallot(ben, voteId, ['b']);
    retractBallot(ben, voteId);
    writeAsOldVersion(doc, voteId, { open: false });
    expect(parsePoll(stored(doc, voteId))?.openedAt).toBeUndefined();
    expectStage(doc, voteId, 'closed');

    // Only a withdrawn vote left: someone still voted while it was open.
    writeAsOldVersion(doc, voteId, { open: true });
    retractBallot(ana, voteId);
    writeAsOldVersion(doc, voteId, { open: false });
    expect(readPoll(doc, voteId).results?.voters.online).toBe(0);
    expectStage(doc, voteId, 'closed');
  });

  it('documents from before openedAt: no online ballot, only paper votes, or only ballots the reset voided read not open yet', () => {
    const { doc, fac } = workshop();
    const voteId = createPoll(fac, { id: 'old', title: 'What first?', method: 'single', options: OPTIONS });
    writeAsOldVersion(doc, voteId);
    expectStage(doc, voteId, 'not-open');

    addPaperVote(fac, voteId, { choices: ['a'], count: 4 });
    expectStage(doc, voteId, 'not-open');

    // A ballot cast offline before a reset, synced afterwards, is void and no sign either.
    writeAsOldVersion(doc, voteId, { open: true });
    const offline = fork(doc, 77);
    castBallot(session(offline, 'cai'), voteId, ['b']);
    const later = session(doc, 'fac', 'facilitator', 'Fran', () => Date.now() + 60_000);
    resetPoll(later, voteId);
    writeAsOldVersion(doc, voteId, { open: false });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(doc)));
    expect(readPoll(doc, voteId).poll?.open).toBe(false);
    expect([...roots(doc).ballots.keys()]).toHaveLength(1);
    expectStage(doc, voteId, 'not-open');
  });

  it('the workshop’s list of votes gives each vote the stage its own snapshot gives', () => {
    const { doc, fac } = workshop();
    const ana = session(doc, 'ana');
    const ids = ['open', 'closed', 'old-voted', 'old-silent', 'old-reset', 'never'];
    for (const id of ids) createPoll(fac, { id, title: id, method: 'single', options: OPTIONS, open: id !== 'never' });
    for (const id of ['old-voted', 'old-reset']) castBallot(ana, id, ['a']);
    for (const id of ids.slice(1, 5)) closePoll(fac, id);
    resetPoll(fac, 'old-reset');
    roots(doc).ballots.set(`old-reset|ana|1`, { choices: ['b'], updatedAt: 1 }); // an offline ballot from before the reset
    for (const id of ['old-voted', 'old-silent', 'old-reset']) writeAsOldVersion(doc, id);
    const expected = { open: 'open', closed: 'closed', 'old-voted': 'closed', 'old-silent': 'not-open', 'old-reset': 'not-open', never: 'not-open' };
    expect(Object.fromEntries(readWorkshop(doc).polls.map((p) => [p.id, p.stage]))).toEqual(expected);
    expect(Object.fromEntries(ids.map((id) => [id, readPoll(doc, id).stage]))).toEqual(expected);
  });

  it('reads a missing, zero or damaged openedAt as absent, and never trusts a prototype', () => {
    const { doc, fac } = workshop();
    const voteId = createPoll(fac, { id: 'v', title: 'What first?', method: 'single', options: OPTIONS });
    for (const bad of ['yesterday', -5, 0, null, Number.POSITIVE_INFINITY, { at: 1 }, [1]]) {
      writeAsOldVersion(doc, voteId, { openedAt: bad, closedAt: bad });
      const poll = readPoll(doc, voteId).poll;
      expect(poll).not.toBeNull();
      expect(poll?.openedAt).toBeUndefined();
      expect(poll?.closedAt).toBeUndefined();
      expectStage(doc, voteId, 'not-open');
    }
    const forged = Object.create({ openedAt: 1_700_000_000_000 }) as Record<string, unknown>;
    Object.assign(forged, stored(doc, voteId));
    expect(parsePoll(forged)?.openedAt).toBeUndefined();
    expect(parsePoll({ ...stored(doc, voteId), openedAt: 1_700_000_000_000 })?.openedAt).toBe(1_700_000_000_000);
  });

  it('a workshop started from another one’s setup starts its votes not open yet', () => {
    const { doc, fac } = workshop();
    const voteId = createPoll(fac, { id: 'v', title: 'What first?', method: 'single', options: OPTIONS, open: true });
    closePoll(fac, voteId);
    expectStage(doc, voteId, 'closed');
    const copy = new Y.Doc();
    importWorkshop(copy, exportWorkshop(doc), { content: 'setup', title: 'Spring workshop', now: 1_800_000_000_000 });
    expectStage(copy, voteId, 'not-open');
    expect(stored(copy, voteId)).not.toHaveProperty('openedAt');
    // A full copy keeps the history.
    const full = new Y.Doc();
    importWorkshop(full, exportWorkshop(doc));
    expectStage(full, voteId, 'closed');
  });
});
