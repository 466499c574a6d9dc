// <co-workshop> against the real sync server of the test run, which checks signed tokens and
// enforces roles (web-test-runner.config.mjs): the token's identity reaches the session, honest
// edits sync, and a participant's write to facilitator-only state never reaches anyone else.
import { expect, fixture, html } from '@open-wc/testing';
import * as core from '@coproduce/core';
import { connect } from '@coproduce/core/connection';
import * as Y from 'yjs';
import '../src/index.js';
import type { CoWorkshop } from '../src/index.js';
import { deepText, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

/** The words of every element in a workshop, and whether any of them has a control to change something. */
function elementsSay(el: CoWorkshop): { tag: string; text: string; controls: number }[] {
  return [...el.querySelectorAll('co-idea-board, co-vote, co-vote-results, co-journey-map')].map((child) => ({
    tag: child.localName,
    text: deepText(child.shadowRoot!).replace(/\s+/g, ' ').trim(),
    controls: child.shadowRoot!.querySelectorAll('button, input, textarea, select').length,
  }));
}

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

  it('says, once in each element, that the page has no workshop link when it gives no token — not "Connecting…", not an empty board, not a change that was not saved', async () => {
    const room = uniqueRoom('no-link');
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}>
      <co-idea-board board="main"></co-idea-board>
      <co-vote vote="first"></co-vote>
      <co-vote-results vote="first"></co-vote-results>
      <co-journey-map map="trip"></co-journey-map>
    </co-workshop>`);
    await waitFor(() => el.status === 'refused', 'the refusal');
    expect(el.runtime!.refused!.code).to.equal(4401);
    expect(el.runtime!.notSavedList).to.deep.equal([]);
    const words = 'This page has no workshop link. Open the whole link you were given.';
    await waitFor(() => elementsSay(el).every((e) => e.text.includes(words)), 'the words in every element');
    for (const said of elementsSay(el)) {
      expect(said.text.split(words).length - 1, said.tag).to.equal(1);
      expect(said.text, said.tag).not.to.match(/Connecting|No ideas yet|not saved|server|Token|no longer works/i);
      expect(said.controls, said.tag).to.equal(0);
    }
    await expect(el.querySelector('co-idea-board')).to.be.accessible();
    el.remove();
  });

  it('says a link no longer works when the server refuses its token, and says it in Welsh on a Welsh page', async () => {
    const room = uniqueRoom('expired');
    const token = testToken({ sub: 'sam', name: 'Sam', role: 'participant', room, expired: '1' });
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${token}>
      <co-idea-board board="main"></co-idea-board>
      <co-journey-map map="trip"></co-journey-map>
    </co-workshop>`);
    await waitFor(() => el.status === 'refused', 'the refusal');
    const words = 'This link no longer works. Ask whoever gave you this link for a new one.';
    await waitFor(() => elementsSay(el).every((e) => e.text.includes(words)), 'the words in every element');
    for (const said of elementsSay(el)) {
      expect(said.text, said.tag).not.to.match(/Connecting|No ideas yet|not saved|Token expired/i);
      expect(said.controls, said.tag).to.equal(0);
    }
    el.setAttribute('lang', 'cy');
    await waitFor(
      () => elementsSay(el).every((e) => e.text.includes('Dydy’r ddolen hon ddim yn gweithio mwyach') && !e.text.includes('no longer works')),
      'the Welsh words',
    );
    el.remove();
  });
});
