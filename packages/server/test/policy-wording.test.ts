// The workshop policy's reasons read as plain English: "an idea", "a group" (the reasons reach
// people through the pages' "not saved" messages and the server log).
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { Cleanup } from './helpers.js';
import { startPolicyServer, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };

describe('reasons name records with the right article', () => {
  it('"an idea", "a group"', async () => {
    const { url } = await startPolicyServer(cleanup);
    const ceri = await YClient.connect(cleanup, url, 'articles', CERI);
    let idea = '';
    await ceri.accepted((session, doc) => {
      core.createWorkshop(doc, { title: 'Library', origin: session.origin });
      core.joinWorkshop(session);
      core.createBoard(session, { id: 'main', title: 'Ideas' });
      idea = core.addIdea(session, { boardId: 'main', text: 'More benches' });
    });
    expect(await ceri.refused((_s, doc) => core.roots(doc).ideas.set('not an id!', new Y.Map()))).toContain('"not an id!" is not an idea id');
    const again = await YClient.connect(cleanup, url, 'articles', CERI);
    expect(await again.refused((_s, doc) => core.getRecord(core.roots(doc).ideas, idea)!.set('text', new Y.Array()))).toContain(`an idea's "text" holds plain values`);
    const third = await YClient.connect(cleanup, url, 'articles', CERI);
    expect(await third.refused((_s, doc) => core.roots(doc).clusters.set('not an id!', new Y.Map()))).toContain('"not an id!" is not a group id');
  });
});
