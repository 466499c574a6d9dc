// A participant who writes their `people` entry directly (as "Change name" does, or a modified
// client would) cannot call themselves "Facilitator": the workshop policy judges the name by core's
// stored `people` rule, which refuses the role words `POST /join` refuses. Real server, raw Yjs
// clients speaking y-websocket.
import { afterEach, describe, expect, it } from 'vitest';
import * as core from '@coproduce/core';
import { Cleanup } from './helpers.js';
import { startPolicyServer, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const SAM: Person = { id: 'sam', name: 'Sam', role: 'participant' };
const OLU: Person = { id: 'olu', name: 'Olu', role: 'observer' };

describe('people names and role words', () => {
  it('refuses a raw update that renames a participant (or a facilitator) to a role word, and accepts a real name', async () => {
    const srv = await startPolicyServer(cleanup);
    const room = 'role-names';
    const ceri = await YClient.connect(cleanup, srv.url, room, CERI);
    await ceri.accepted((s) => {
      core.createWorkshop(s.doc, { title: 'High street', origin: s.origin });
      core.joinWorkshop(s);
    });
    const sam = await YClient.connect(cleanup, srv.url, room, SAM);
    await sam.accepted((s) => core.joinWorkshop(s));
    const watcher = await YClient.connect(cleanup, srv.url, room, OLU);
    const nameOf = (doc: import('yjs').Doc, id: string) => core.parsePerson(core.roots(doc).people.get(id))?.name;

    for (const [who, name] of [[SAM, 'Facilitator'], [SAM, 'ＨＷＹＬＵＳＹＤＤ'], [SAM, 'Obser\u200Bver'], [CERI, 'Cyfranogwr']] as const) {
      const hostile = await YClient.connect(cleanup, srv.url, room, who);
      const reason = await hostile.refused((_s, doc) => {
        const people = core.roots(doc).people;
        people.set(who.id, { ...(people.get(who.id) as object), name, updatedAt: Date.now() } as never);
      });
      expect(reason, name).toBe(`Not in the workshop layout: a person's "name" is not allowed: ${core.ROLE_NAME_MESSAGE}`);
    }
    await watcher.sync();
    const stored = await srv.stored(room);
    for (const doc of [watcher.doc, stored]) {
      expect(nameOf(doc, 'sam')).toBe('Sam');
      expect(nameOf(doc, 'ceri')).toBe('Ceri');
    }

    await sam.accepted((s) => core.updateProfile(s, { name: 'Sam the facilitator’s neighbour' }));
    await watcher.sync();
    expect(nameOf(watcher.doc, 'sam')).toBe('Sam the facilitator’s neighbour');
  });
});
