// A poll's opening history (`openedAt`, `closedAt`, docs/document-model.md "Votes") is
// facilitator-written like the rest of the poll: the server stores a facilitator's opening and
// closing, and refuses a participant who forges it to make a vote read "closed" or "not open yet".
// The server also reads it strictly: readers take a malformed time as absent, so the policy refuses one from any writer rather
// than storing it, while clients that leave the fields out (written before they existed) are still
// accepted, and a poll already stored with a bad time can still be edited. Raw Yjs clients against a
// real server with the workshop policy.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { Cleanup } from './helpers.js';
import { startPolicyServer, YClient, type Person, type PolicyServer } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const SAM: Person = { id: 'sam', name: 'Sam', role: 'participant' };

const polls = (doc: Y.Doc) => core.roots(doc).polls;
const current = (doc: Y.Doc, id: string) => polls(doc).get(id) as Record<string, unknown>;

/** A room with a workshop and two votes: 'done' (opened and closed by Ceri) and 'never' (never opened). */
async function room(srv: PolicyServer, name: string): Promise<YClient> {
  const ceri = await YClient.connect(cleanup, srv.url, name, CERI);
  await ceri.accepted((s) => {
    core.createWorkshop(s.doc, { title: 'High street', origin: s.origin });
    core.joinWorkshop(s);
    core.createPoll(s, { id: 'never', title: 'Not yet', method: 'single', options: ['Benches', 'Shade'] });
    core.createPoll(s, { id: 'done', title: 'Which first?', method: 'single', options: ['Benches', 'Shade'], open: true });
  });
  await ceri.accepted((s) => core.closePoll(s, 'done'));
  return ceri;
}

const REASON = (field: string) => `Not in the workshop layout: a poll's "${field}" is a time in milliseconds`;

describe("a vote's opening times", () => {
  it('refuses a malformed openedAt or closedAt from a facilitator, and keeps the stored vote as it was', async () => {
    const srv = await startPolicyServer(cleanup);
    const name = 'poll-times-bad';
    await room(srv, name);
    const before = core.readPoll(await srv.stored(name), 'done').poll;
    expect(before?.openedAt).toBeGreaterThan(0);

    const malformed: [string, unknown][] = [
      ['openedAt', '2026-11-29T10:00:00Z'], // a date string
      ['openedAt', -1], // before 1970
      ['openedAt', null], // what NaN becomes in JSON
      ['openedAt', 1e300], // a finite number no date can hold
      ['openedAt', true],
      ['closedAt', { at: 1_700_000_000_000 }],
      ['closedAt', '1700000000000'],
      ['closedAt', -0.5],
    ];
    for (const [field, value] of malformed) {
      for (const id of ['done', 'never']) {
        // A fresh client each time: a refused change stays in the refusing client's document.
        const ceri = await YClient.connect(cleanup, srv.url, name, CERI);
        expect(await ceri.refused((_s, doc) => polls(doc).set(id, { ...current(doc, id), [field]: value })), `${id}.${field} = ${JSON.stringify(value)}`)
          .toBe(REASON(field));
      }
    }
    // A participant is refused too (the rule on who writes polls speaks first).
    const sam = await YClient.connect(cleanup, srv.url, name, SAM);
    expect(await sam.refused((_s, doc) => polls(doc).set('never', { ...current(doc, 'never'), openedAt: 'soon' })))
      .toBe('Only facilitators can change "polls"');

    const stored = await srv.stored(name);
    expect(core.readPoll(stored, 'done').poll).toEqual(before);
    expect(current(stored, 'never')).not.toHaveProperty('openedAt');
    expect(core.pollStage(stored, 'done')).toBe('closed');
    expect(core.pollStage(stored, 'never')).toBe('not-open');
  });

  it('accepts clients that leave the times out, zero (absent), and whatever core writes', async () => {
    const srv = await startPolicyServer(cleanup);
    const name = 'poll-times-good';
    const ceri = await room(srv, name);

    // An older facilitator client rewrites the closed vote without its opening history, and opens a
    // vote without recording when: both stored as written.
    await ceri.accepted((_s, doc) => {
      const { openedAt: _o, closedAt: _c, ...rest } = current(doc, 'done');
      polls(doc).set('done', { ...rest, title: 'Which first? (old client)' });
      polls(doc).set('never', { ...current(doc, 'never'), open: true });
    });
    // Zero reads as absent (docs/document-model.md); fractional milliseconds are still a time.
    await ceri.accepted((_s, doc) => polls(doc).set('done', { ...current(doc, 'done'), openedAt: 0, closedAt: 1_700_000_000_000.5 }));
    // Core's own writes: close, reopen, reset while open (keeps openedAt), close, reset while closed (removes both).
    await ceri.accepted((s) => core.closePoll(s, 'never'));
    await ceri.accepted((s) => core.openPoll(s, 'done'));
    await ceri.accepted((s) => core.resetPoll(s, 'done'));
    await ceri.accepted((s) => core.closePoll(s, 'done'));

    let stored = await srv.stored(name);
    expect(current(stored, 'done')['title']).toBe('Which first? (old client)');
    expect(core.pollStage(stored, 'done')).toBe('closed');
    expect(core.readPoll(stored, 'never').poll?.closedAt).toBeGreaterThan(0);
    expect(core.readPoll(stored, 'never').poll?.openedAt).toBeUndefined(); // opened by the "older client"
    await ceri.accepted((s) => core.resetPoll(s, 'done'));
    stored = await srv.stored(name);
    expect(core.pollStage(stored, 'done')).toBe('not-open');
    expect(current(stored, 'done')).not.toHaveProperty('openedAt');
  });

  it('lets a facilitator edit a vote stored with a bad time before this rule, but not write a new bad one', async () => {
    const srv = await startPolicyServer(cleanup);
    const name = 'poll-times-legacy';
    // The room as a server without this rule stored it: a vote whose openedAt is a string.
    const legacy = new Y.Doc();
    const s = new core.WorkshopSession(legacy, { user: CERI, undo: false });
    core.createWorkshop(legacy, { title: 'High street', origin: s.origin });
    core.joinWorkshop(s);
    core.createPoll(s, { id: 'old', title: 'Which first?', method: 'single', options: ['Benches', 'Shade'] });
    polls(legacy).set('old', { ...current(legacy, 'old'), openedAt: 'yesterday' });
    await srv.storage.append(name, Y.encodeStateAsUpdate(legacy));
    s.destroy();
    legacy.destroy();

    const ceri = await YClient.connect(cleanup, srv.url, name, CERI);
    // A client that rewrites the vote carrying the stored value along: accepted.
    await ceri.accepted((_s, doc) => polls(doc).set('old', { ...current(doc, 'old'), title: 'Which comes first?' }));
    expect(current(await srv.stored(name), 'old')).toMatchObject({ title: 'Which comes first?', openedAt: 'yesterday' });
    // Core reads the bad time as absent and writes the vote without it: accepted, and the bad time is gone.
    await ceri.accepted((session) => core.updatePoll(session, 'old', { title: 'Which should come first?' }));
    expect(current(await srv.stored(name), 'old')).not.toHaveProperty('openedAt');
    // A new bad value is refused.
    expect(await ceri.refused((_s, doc) => polls(doc).set('old', { ...current(doc, 'old'), openedAt: 'today' }))).toBe(REASON('openedAt'));
    expect(current(await srv.stored(name), 'old')).toMatchObject({ title: 'Which should come first?' });
    expect(current(await srv.stored(name), 'old')).not.toHaveProperty('openedAt');
  });

  it('is stored as facilitators write it, and participants cannot forge or remove it', async () => {
    const srv = await startPolicyServer(cleanup);
    const roomName = 'poll-stage';
    const ceri = await room(srv, roomName);
    const sam = await YClient.connect(cleanup, srv.url, roomName, SAM);
    await sam.accepted((s) => core.joinWorkshop(s));
    expect(core.pollStage(sam.doc, 'never')).toBe('not-open');
    expect(core.pollStage(sam.doc, 'done')).toBe('closed');

        // "It has closed" on a vote that never opened, and "not open yet" on one that closed.
    expect(await sam.refused((s) => polls(s.doc).set('never', { ...current(s.doc, 'never'), openedAt: 1_700_000_000_000, closedAt: 1_700_000_000_001 })))
      .toBe('Only facilitators can change "polls"');
    const hostile = await YClient.connect(cleanup, srv.url, roomName, SAM);
    expect(await hostile.refused((s) => {
      const { openedAt: _o, closedAt: _c, ...rest } = current(s.doc, 'done');
      polls(s.doc).set('done', rest);
    })).toBe('Only facilitators can change "polls"');

    const stored = await srv.stored(roomName);
    expect(core.pollStage(stored, 'never')).toBe('not-open');
    expect(core.pollStage(stored, 'done')).toBe('closed');
    const done = core.readPoll(stored, 'done').poll;
    expect(done?.openedAt).toBeGreaterThan(0);
    expect(done?.closedAt).toBeGreaterThanOrEqual(done!.openedAt!);

    // A facilitator's reset of the closed vote is stored, and it reads as not open yet again.
    await ceri.accepted((s) => core.resetPoll(s, 'done'));
    const afterReset = await srv.stored(roomName);
    expect(core.pollStage(afterReset, 'done')).toBe('not-open');
    expect(core.readWorkshop(afterReset).polls.map((p) => [p.id, p.stage])).toEqual([['never', 'not-open'], ['done', 'not-open']]);
  });
});
