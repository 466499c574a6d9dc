// Invisible and direction-reversing text, end to end: the server's policy judges text with the same
// core rules as the browser (cleanText), so a modified client cannot store an idea or a name that is
// only zero-width characters, or that carries a right-to-left override, even by writing raw Yjs.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { Cleanup } from './helpers.js';
import { startPolicyServer, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const SAM: Person = { id: 'sam', name: 'Sam', role: 'participant' };

describe('invisible text through the server', () => {
  it('refuses ideas, tags and names that a modified client writes with nothing visible or with bidi controls', async () => {
    const srv = await startPolicyServer(cleanup);
    const room = 'invisible';
    const ceri = await YClient.connect(cleanup, srv.url, room, CERI);
    await ceri.accepted((s) => {
      core.createWorkshop(s.doc, { title: 'High street', origin: s.origin });
      core.joinWorkshop(s);
      core.createBoard(s, { id: 'main', title: 'Ideas' });
    });
    const sam = await YClient.connect(cleanup, srv.url, room, SAM);
    let idea = '';
    await sam.accepted((s) => {
      core.joinWorkshop(s);
      idea = core.addIdea(s, { boardId: 'main', text: 'More benches 👩🏽‍🦰 مرحبا' });
    });

    // The honest client refuses at once, with the message people see.
    expect(() => core.addIdea(sam.session!, { boardId: 'main', text: '\u200B' })).toThrow("An idea can't be empty.");

    // Raw writes that skip the client's checks are refused by the server.
    const raw = [
      (doc: Y.Doc) => core.getRecord(core.roots(doc).ideas, idea)!.set('text', '\u200B\u200B'),
      (doc: Y.Doc) => core.getRecord(core.roots(doc).ideas, idea)!.set('text', '\u202Eevil\u202C'),
      (doc: Y.Doc) => core.getRecord(core.roots(doc).ideas, idea)!.set('text', '\u3164'),
      (doc: Y.Doc) => core.getRecord(core.roots(doc).ideas, idea)!.set('tag', '\u2066x\u2069'),
    ];
    for (const change of raw) {
      const hostile = await YClient.connect(cleanup, srv.url, room, SAM);
      const reason = await hostile.refused((_s, doc) => change(doc));
      expect(reason).toMatch(/idea/i);
    }
    const stored = await srv.stored(room);
    const board = core.readBoard(stored, 'main');
    expect(board.ideas.map((i) => [i.text, i.tag])).toEqual([['More benches 👩🏽‍🦰 مرحبا', '']]);

    // Names in the people map follow the same rules.
    const hostile = await YClient.connect(cleanup, srv.url, room, SAM);
    const reason = await hostile.refused((_s, doc) => {
      const person = core.roots(doc).people.get('sam') as Record<string, unknown>;
      core.roots(doc).people.set('sam', { ...person, name: '\u200B\u200B' });
    });
    expect(reason.length).toBeGreaterThan(0);
    const after = await srv.stored(room);
    expect(core.readPeople(after).find((p) => p.id === 'sam')?.name).toBe('Sam');
  });
});
