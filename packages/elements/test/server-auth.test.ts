// <co-workshop> against the real sync server of the test run, which checks signed tokens and
// enforces roles (web-test-runner.config.mjs): the token's identity reaches the session, honest
// edits sync, and a participant's write to facilitator-only state never reaches anyone else.
import { expect, fixture, html } from '@open-wc/testing';
import * as core from '@coproduce/core';
import { connect } from '@coproduce/core/connection';
import * as Y from 'yjs';
import '../src/index.js';
import type { CoWorkshop } from '../src/index.js';
import { syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

async function join(room: string, claims: Parameters<typeof testToken>[0]): Promise<CoWorkshop> {
  const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${testToken(claims)}></co-workshop>`);
  await waitFor(() => el.status === 'synced', `${claims.name} to sync`);
  return el;
}

describe('co-workshop with signed tokens and server-side roles', () => {
  it('takes who it is from the token, syncs honest edits and never sees a refused one', async () => {
    const room = uniqueRoom('auth');
    const ceri = await join(room, { sub: 'ceri', name: 'Ceri', role: 'facilitator', room });
    const sam = await join(room, { sub: 'sam', name: 'Sam', role: 'participant' });
    const ceriRuntime = ceri.runtime!;
    const samRuntime = sam.runtime!;
    expect(samRuntime.session.user).to.deep.equal({ id: 'sam', name: 'Sam', role: 'participant' });

    core.createBoard(ceriRuntime.session, { id: 'main', title: 'Ideas' });
    await waitFor(() => core.readBoard(samRuntime.doc, 'main').exists, 'the board at Sam');
    core.addIdea(samRuntime.session, { boardId: 'main', text: 'Idea from Sam' });
    await waitFor(() => core.readBoard(ceriRuntime.doc, 'main').ideas.some((i) => i.text === 'Idea from Sam'), "Sam's idea at Ceri");

    // Bypass the client-side check, as a modified page could: the server refuses it. (Both
    // workshops are in this one page, but tabs share changes only under the same token, so Sam's
    // refused write cannot travel through Ceri's connection; the probe below hears only the server.)
    samRuntime.doc.transact(() => core.roots(samRuntime.doc).locks.set('main', { reason: 'Sam says so', at: 1 }));
    await new Promise((r) => setTimeout(r, 200)); // let the refused update reach the server first
    const probeDoc = new Y.Doc();
    const probe = connect({
      serverUrl: syncUrl(), room, doc: probeDoc, crossTab: false, offline: false,
      token: testToken({ sub: 'olu', name: 'Olu', role: 'observer', room }),
    });
    await probe.whenSynced();
    expect(core.readBoard(probeDoc, 'main').ideas.map((i) => i.text)).to.deep.equal(['Idea from Sam']);
    expect(core.roots(probeDoc).locks.has('main')).to.equal(false);
    probe.destroy();
    ceri.remove();
    sam.remove();
  });

  it('is turned away with the reason when the token is not signed by the server', async () => {
    const room = uniqueRoom('auth');
    const b64 = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const forged = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', name: 'X', role: 'facilitator', room, exp: 9999999999 })}.`;
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${forged}></co-workshop>`);
    await waitFor(() => el.runtime?.connection?.detail.closed != null, 'the refusal');
    expect(el.runtime!.connection!.detail.closed).to.deep.equal({ code: 4401, reason: 'Invalid token: not a readable workshop token' });
    el.remove();
  });
});
