// A vote's opening history (`openedAt`, `closedAt` in the Poll JSON, docs/document-model.md "Votes")
// is facilitator-written like the rest of the poll: the server stores a facilitator's opening and
// closing, and refuses a participant who forges the history to make a vote read "closed" or "not
// open yet". Raw Yjs clients against a real server with the workshop policy.
import { afterEach, describe, expect, it } from 'vitest';
import * as core from '@coproduce/core';
import { Cleanup } from './helpers.js';
import { startPolicyServer, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const SAM: Person = { id: 'sam', name: 'Sam', role: 'participant' };

describe('the opening history of a vote', () => {
  it('is stored as facilitators write it, and participants cannot forge or remove it', async () => {
    const srv = await startPolicyServer(cleanup);
    const room = 'poll-stage';
    const ceri = await YClient.connect(cleanup, srv.url, room, CERI);
    await ceri.accepted((s) => {
      core.createWorkshop(s.doc, { title: 'High street', origin: s.origin });
      core.joinWorkshop(s);
      core.createPoll(s, { id: 'never', title: 'Not yet', method: 'single', options: ['Benches', 'Shade'] });
      core.createPoll(s, { id: 'done', title: 'Which first?', method: 'single', options: ['Benches', 'Shade'], open: true });
    });
    await ceri.accepted((s) => core.closePoll(s, 'done'));
    const sam = await YClient.connect(cleanup, srv.url, room, SAM);
    await sam.accepted((s) => core.joinWorkshop(s));
    expect(core.pollStage(sam.doc, 'never')).toBe('not-open');
    expect(core.pollStage(sam.doc, 'done')).toBe('closed');

    const polls = (s: core.WorkshopSession) => core.roots(s.doc).polls;
    const current = (s: core.WorkshopSession, id: string) => polls(s).get(id) as Record<string, unknown>;
    // "It has closed" on a vote that never opened, and "not open yet" on one that closed.
    expect(await sam.refused((s) => polls(s).set('never', { ...current(s, 'never'), openedAt: 1_700_000_000_000, closedAt: 1_700_000_000_001 })))
      .toBe('Only facilitators can change "polls"');
    const hostile = await YClient.connect(cleanup, srv.url, room, SAM);
    expect(await hostile.refused((s) => {
      const { openedAt: _o, closedAt: _c, ...rest } = current(s, 'done');
      polls(s).set('done', rest);
    })).toBe('Only facilitators can change "polls"');

    const stored = await srv.stored(room);
    expect(core.pollStage(stored, 'never')).toBe('not-open');
    expect(core.pollStage(stored, 'done')).toBe('closed');
    const done = core.readPoll(stored, 'done').poll;
    expect(done?.openedAt).toBeGreaterThan(0);
    expect(done?.closedAt).toBeGreaterThanOrEqual(done!.openedAt!);

    // A facilitator's reset of the closed vote is stored, and it reads as not open yet again.
    await ceri.accepted((s) => core.resetPoll(s, 'done'));
    const afterReset = await srv.stored(room);
    expect(core.pollStage(afterReset, 'done')).toBe('not-open');
    expect(core.readWorkshop(afterReset).polls.map((p) => [p.id, p.stage])).toEqual([['never', 'not-open'], ['done', 'not-open']]);
  });
});
