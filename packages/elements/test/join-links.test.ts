// Shared join links against the real sync server of the test run (web-test-runner.config.mjs: it
// checks tokens and trades join tokens at POST /join): joining with a name through <co-join>, a
// board on its own asking for the name itself, the personal token kept for the next visit, and
// links that can't be used, explained in words.
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { createBoard, readBoard } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoIdeaBoard, type CoJoin, type CoVote, type CoWorkshop } from '../src/index.js';
import { claimsOf, deepText, forgetTokens, syncUrl, testJoinToken, testToken, TOKEN_PREFIX, uniqueRoom, waitFor } from './helpers.js';

/** The personal tokens this browser keeps, by storage key. */
function keptTokens(): Record<string, { token: string; expiresAt: number }> {
  const out: Record<string, { token: string; expiresAt: number }> = {};
  for (const key of Object.keys(localStorage)) if (key.startsWith(TOKEN_PREFIX)) out[key] = JSON.parse(localStorage.getItem(key)!);
  return out;
}

/** A facilitator on another device, who sets the board up. */
async function facilitator(room: string, runtimes: WorkshopRuntime[]): Promise<WorkshopRuntime> {
  const ceri = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room }), offline: false, crossTab: false });
  runtimes.push(ceri);
  await waitFor(() => ceri.status === 'synced', 'the facilitator to sync');
  createBoard(ceri.session, { id: 'main', title: 'Ideas for the park' });
  return ceri;
}

/** The gate an element shows while it waits for a name (null when there is none). */
function gateOf(el: HTMLElement): HTMLElement | null {
  return el.shadowRoot!.querySelector('co-join-gate');
}

async function type(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  await sendKeys({ type: text });
}

describe('join links', () => {
  const runtimes: WorkshopRuntime[] = [];
  beforeEach(forgetTokens);
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
    forgetTokens();
  });

  it('joins with a name through <co-join>: the others point to the form until then', async () => {
    const room = uniqueRoom('join-link');
    const ceri = await facilitator(room, runtimes);
    const link = testJoinToken({ room });
    // Listening before the element is in the page: its first status (`needs-name`) is said at its first update.
    const statuses: string[] = [];
    const onStatus = (e: Event): number => statuses.push((e as CustomEvent<{ status: string }>).detail.status);
    document.addEventListener('co-status-change', onStatus);
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${link}>
        <co-join></co-join>
        <co-idea-board board="main"></co-idea-board>
      </co-workshop>`);
    const join = el.querySelector('co-join') as CoJoin;
    const board = el.querySelector('co-idea-board') as CoIdeaBoard;

    // Not connected with the join token: waiting for a name, and saying so.
    expect(el.status).to.equal('needs-name');
    expect(el.runtime!.needsName).to.equal(true);
    expect(el.runtime!.connection!.status).to.equal('offline');
    await waitFor(() => !!join.shadowRoot!.querySelector('#join-name'), 'the name form');
    expect(join.shadowRoot!.textContent).to.contain('Join the workshop');
    await waitFor(() => gateOf(board) !== null, 'the board to wait');
    expect(deepText(gateOf(board)!.shadowRoot!).trim()).to.equal('To take part, enter your name in the form above.');
    expect(gateOf(board)!.shadowRoot!.querySelector('form')).to.equal(null);
    // The board's own content is kept out of sight (and out of the accessibility tree).
    const section = board.shadowRoot!.querySelector<HTMLElement>('section[part="base"]')!;
    expect(getComputedStyle(section).display).to.equal('none');
    await expect(el).to.be.accessible();

    // No name: said in words, next to the field; nothing sent.
    join.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => !!join.shadowRoot!.querySelector('.error'), 'the error');
    expect(join.shadowRoot!.querySelector('.error')!.textContent).to.contain('Enter your name');
    expect(join.shadowRoot!.querySelector('#join-name')!.getAttribute('aria-invalid')).to.equal('true');
    expect(join.shadowRoot!.activeElement?.id).to.equal('join-name');
    expect(keptTokens()).to.deep.equal({});
    await expect(el).to.be.accessible();

    const names: string[] = [];
    join.addEventListener('co-name-change', (e) => names.push(e.detail.name));
    await type(join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!, '  Ana  ');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.status === 'synced', 'Ana to connect');

    // The server gave her an id of her own, kept on this device with the token.
    const runtime = el.runtime!;
    expect(runtime.needsName).to.equal(false);
    expect(runtime.session.user.name).to.equal('Ana');
    expect(runtime.session.user.role).to.equal('participant');
    expect(runtime.session.user.id).to.match(/^[A-Za-z0-9_-]{16}$/);
    const kept = Object.values(keptTokens());
    expect(kept.length).to.equal(1);
    expect(claimsOf(kept[0]!.token)).to.include({ sub: runtime.session.user.id, name: 'Ana', room, role: 'participant' });
    expect(names).to.deep.equal(['Ana']);
    document.removeEventListener('co-status-change', onStatus);
    expect(statuses[0]).to.equal('needs-name');
    expect(statuses.at(-1)).to.equal('synced');
    await waitFor(() => join.shadowRoot!.textContent!.includes('You are taking part as Ana.'), 'the confirmation');
    expect(join.shadowRoot!.activeElement?.getAttribute('data-action')).to.equal('change-name');

    // The board is back, and what she adds reaches the facilitator under her new id.
    await waitFor(() => gateOf(board) === null && !!board.shadowRoot!.querySelector('#idea-text'), 'the board');
    const idea = board.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea-text')!;
    idea.value = 'A water fountain by the swings';
    idea.form!.requestSubmit();
    await waitFor(() => readBoard(ceri.doc, 'main').ideas.some((i) => i.text === 'A water fountain by the swings'), 'the idea at the facilitator');
    expect(readBoard(ceri.doc, 'main').ideas.find((i) => i.text === 'A water fountain by the swings')!.authorId).to.equal(runtime.session.user.id);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('a board on its own asks for the name itself, then gives focus to the board', async () => {
    const room = uniqueRoom('join-standalone');
    const ceri = await facilitator(room, runtimes);
    const link = testJoinToken({ room });
    const board = await fixture<CoIdeaBoard>(html`<co-idea-board server=${syncUrl()} room=${room} token=${link} board="main" heading-level="3"></co-idea-board>`);
    await waitFor(() => !!gateOf(board)?.shadowRoot!.querySelector('#join-name'), 'the name form in the board');
    const gate = gateOf(board)!;
    const heading = gate.shadowRoot!.querySelector('[role="heading"]')!;
    expect(heading.textContent).to.equal('Join the workshop');
    expect(heading.getAttribute('aria-level')).to.equal('3');
    expect(getComputedStyle(board.shadowRoot!.querySelector<HTMLElement>('section[part="base"]')!).display).to.equal('none');
    await expect(board).to.be.accessible();

    // Too long: the error, and what she typed is still there.
    const input = gate.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!;
    await type(input, 'x'.repeat(51));
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !!gate.shadowRoot!.querySelector('.error'), 'the error');
    expect(gate.shadowRoot!.querySelector('.error')!.textContent).to.contain('50 characters or fewer');
    expect(input.value).to.equal('x'.repeat(51));
    await expect(board).to.be.accessible();

    input.select();
    await sendKeys({ type: 'Bryn' });
    await sendKeys({ press: 'Enter' });
    // The form goes, the board shows, and focus lands in it rather than on the page.
    await waitFor(() => gateOf(board) === null, 'the form to go');
    await waitFor(() => board.shadowRoot!.activeElement?.id === 'idea-text', 'focus in the board');
    expect(getComputedStyle(board.shadowRoot!.querySelector<HTMLElement>('section[part="base"]')!).display).not.to.equal('none');
    await sendKeys({ type: 'Shade over the benches' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitFor(() => readBoard(ceri.doc, 'main').ideas.some((i) => i.text === 'Shade over the benches'), 'the idea at the facilitator');
    const author = readBoard(ceri.doc, 'main').ideas.find((i) => i.text === 'Shade over the benches')!.authorId;
    const kept = Object.values(keptTokens());
    expect(kept.length).to.equal(1);
    expect(claimsOf(kept[0]!.token)['sub']).to.equal(author);
    await waitFor(() => deepText(board.shadowRoot!).includes('Saved'), 'the idea to be saved');
    await expect(board).to.be.accessible();
    board.remove();
  });

  it('uses the personal token kept on this device on the next visit, without asking again', async () => {
    const room = uniqueRoom('join-again');
    await facilitator(room, runtimes);
    const link = testJoinToken({ room });
    const first = new WorkshopRuntime({ server: syncUrl(), room, token: link, offline: false, crossTab: false });
    runtimes.push(first);
    expect(first.needsName).to.equal(true);
    await first.join('Cai');
    await waitFor(() => first.status === 'synced', 'the first visit to connect');
    const id = first.session.user.id;
    first.destroy();

    // "Reload": a new page of the same workshop, the same shared link.
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${link}>
        <co-join></co-join>
        <co-idea-board board="main"></co-idea-board>
      </co-workshop>`);
    expect(el.runtime!.needsName).to.equal(false);
    expect(el.runtime!.session.user).to.deep.equal({ id, name: 'Cai', role: 'participant' });
    await waitFor(() => el.status === 'synced', 'the second visit to connect');
    const join = el.querySelector('co-join') as CoJoin;
    await waitFor(() => join.shadowRoot!.textContent!.includes('You are taking part as Cai.'), 'the name line');
    expect(join.shadowRoot!.querySelector('#join-name')).to.equal(null);
    expect(gateOf(el.querySelector('co-idea-board')!)).to.equal(null);

    // A link to another room of the same server does not use it.
    const other = new WorkshopRuntime({ server: syncUrl(), room: uniqueRoom('join-other'), token: testJoinToken({ room: 'elsewhere' }), offline: false, crossTab: false });
    runtimes.push(other);
    expect(other.needsName).to.equal(true);
    el.remove();
  });

  it('forgets a kept token the server turns away, and asks again', async () => {
    const room = uniqueRoom('join-stale');
    const link = testJoinToken({ room });
    // A token this device believes good for an hour, which the server finds expired.
    const stale = testToken({ sub: 'old-id', name: 'Dilys', role: 'participant', room, expired: '1' });
    const key = `${TOKEN_PREFIX}${new URL(syncUrl().replace(/^ws/, 'http')).origin} ${room}`;
    localStorage.setItem(key, JSON.stringify({ token: stale, expiresAt: Date.now() + 3600_000 }));
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${link}>
        <co-join></co-join>
      </co-workshop>`);
    expect(el.runtime!.needsName).to.equal(false);
    expect(el.runtime!.session.user.id).to.equal('old-id');
    await waitFor(() => el.status === 'needs-name', 'the workshop to ask again');
    expect(localStorage.getItem(key)).to.equal(null);
    const join = el.querySelector('co-join') as CoJoin;
    await waitFor(() => !!join.shadowRoot!.querySelector('#join-name'), 'the name form');
    await type(join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!, 'Dilys');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.status === 'synced', 'Dilys to connect afresh');
    expect(el.runtime!.session.user.id).not.to.equal('old-id');
    expect(el.runtime!.session.user.name).to.equal('Dilys');
    el.remove();
  });

  it('explains an expired link, a broken link and a lost connection, keeping the name typed', async () => {
    // Expired: said before anyone types, by the form and by the elements waiting for it.
    const room = uniqueRoom('join-expired');
    const expired = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${testJoinToken({ room, expired: '1' })}>
        <co-idea-board board="main"></co-idea-board>
        <co-join></co-join>
      </co-workshop>`);
    const join = expired.querySelector('co-join') as CoJoin;
    await waitFor(() => !!join.shadowRoot!.querySelector('.problem'), 'the expired link to be explained');
    expect(join.shadowRoot!.querySelector('.problem')!.textContent).to.contain('This link has expired. Ask whoever gave you this link for a new one.');
    const board = expired.querySelector('co-idea-board')!;
    await waitFor(() => gateOf(board) !== null, 'the board to wait');
    expect(deepText(gateOf(board)!.shadowRoot!)).to.contain('This link has expired');
    await expect(expired).to.be.accessible();
    // Trying anyway: the server says the same, and the name stays.
    await type(join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!, 'Efa');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => expired.runtime!.joinError?.code === 'link-expired' && !expired.runtime!.joining, 'the server’s answer');
    expect(join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!.value).to.equal('Efa');
    expect(expired.status).to.equal('needs-name');
    expired.remove();

    // Changed on the way (bad signature): the server refuses the trade.
    const broken = testJoinToken({ room }).replace(/.{4}$/, (end) => (end === 'AAAA' ? 'BBBB' : 'AAAA'));
    const bad = await fixture<CoIdeaBoard>(html`<co-idea-board server=${syncUrl()} room=${room} token=${broken} board="main"></co-idea-board>`);
    await waitFor(() => !!gateOf(bad)?.shadowRoot!.querySelector('#join-name'), 'the name form');
    const gate = gateOf(bad)!;
    await type(gate.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!, 'Ffion');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !!gate.shadowRoot!.querySelector('.problem'), 'the broken link to be explained');
    expect(gate.shadowRoot!.querySelector('.problem')!.textContent).to.contain('This link does not work');
    expect(gate.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!.value).to.equal('Ffion');
    expect(gate.shadowRoot!.activeElement?.id).to.equal('join-name');
    expect(keptTokens()).to.deep.equal({});
    await expect(bad).to.be.accessible();
    bad.remove();

    // No server there: try again later, name kept.
    const offline = new WorkshopRuntime({ server: 'ws://127.0.0.1:9', room, token: testJoinToken({ room }), offline: false, crossTab: false, measureClock: false });
    runtimes.push(offline);
    let error: unknown;
    await offline.join('Gethin').catch((e: unknown) => (error = e));
    expect((error as { code?: string }).code).to.equal('network');
    expect(offline.needsName).to.equal(true);
    const lost = await fixture<CoWorkshop>(html`<co-workshop server="ws://127.0.0.1:9" room=${room} token=${testJoinToken({ room })}><co-join></co-join></co-workshop>`);
    const lostJoin = lost.querySelector('co-join') as CoJoin;
    await waitFor(() => !!lostJoin.shadowRoot!.querySelector('#join-name'), 'the name form');
    await type(lostJoin.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!, 'Gethin');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !!lostJoin.shadowRoot!.querySelector('.problem'), 'the network problem');
    expect(lostJoin.shadowRoot!.querySelector('.problem')!.textContent).to.contain('We could not reach the workshop server');
    expect(lostJoin.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!.value).to.equal('Gethin');
    lost.remove();
  });

  it('says in Welsh what is needed, on a Welsh page', async () => {
    const room = uniqueRoom('join-cy');
    const board = await fixture<CoIdeaBoard>(html`<co-idea-board lang="cy" server=${syncUrl()} room=${room} token=${testJoinToken({ room })} board="main"></co-idea-board>`);
    await waitFor(() => !!gateOf(board)?.shadowRoot!.querySelector('#join-name'), 'the name form');
    const gate = gateOf(board)!;
    expect(gate.shadowRoot!.textContent).to.contain('Ymuno â’r gweithdy');
    gate.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => !!gate.shadowRoot!.querySelector('.error'), 'the error');
    expect(gate.shadowRoot!.querySelector('.error')!.textContent).to.contain('Rhowch eich enw');
    await expect(board).to.be.accessible();
    board.remove();
  });

  it('asks once for a page of elements on their own, and all of them join', async () => {
    const room = uniqueRoom('join-page');
    await facilitator(room, runtimes);
    const link = testJoinToken({ room });
    // (Not a fixture: a plain container would wait for an animation frame, which a background test page may not get.)
    const page = document.createElement('main');
    document.body.append(page);
    render(
      html`<co-idea-board server=${syncUrl()} room=${room} token=${link} board="main"></co-idea-board>
        <co-vote server=${syncUrl()} room=${room} token=${link} vote="priorities"></co-vote>`,
      page,
    );
    const board = page.querySelector('co-idea-board')!;
    const vote = page.querySelector('co-vote') as CoVote;
    await waitFor(() => !!gateOf(board)?.shadowRoot!.querySelector('#join-name') && gateOf(vote) !== null, 'the form and the line');
    expect(gateOf(vote)!.shadowRoot!.querySelector('form')).to.equal(null);
    expect(deepText(gateOf(vote)!.shadowRoot!).trim()).to.equal('To take part, enter your name in the form above.');
    await expect(page).to.be.accessible();

    await type(gateOf(board)!.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!, 'Hari');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => gateOf(board) === null && gateOf(vote) === null, 'both to join');
    expect(Object.keys(keptTokens()).length).to.equal(1);
    await waitFor(() => deepText(vote.shadowRoot!).includes('This vote has not been set up yet'), 'the vote to connect');
    page.remove();
  });

  it('on a server that checks no tokens (an open development server), joins with the name as it is', async () => {
    // Such a server answers /join with 404 and its `auth: "none"` marker (coproduce-server
    // --auth none does); the page's fetch is answered that way here. The trade is skipped and the
    // name is used locally. (A 404 without the marker is a server not reached: join-not-found.test.ts.)
    const realFetch = window.fetch;
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
      String(input).endsWith('/join')
        ? new Response(JSON.stringify({ error: 'This server does not check tokens', auth: 'none' }), { status: 404, headers: { 'content-type': 'application/json' } })
        : realFetch(input, init)) as typeof fetch;
    try {
      const runtime = new WorkshopRuntime({ server: location.origin, room: uniqueRoom('join-open'), token: testJoinToken({ room: 'x' }), offline: false, crossTab: false, measureClock: false });
      runtimes.push(runtime);
      expect(runtime.needsName).to.equal(true);
      await runtime.join('Iolo');
      expect(runtime.needsName).to.equal(false);
      expect(runtime.session.user.name).to.equal('Iolo');
      expect(runtime.session.user.role).to.equal('participant');
      expect(keptTokens()).to.deep.equal({});
    } finally {
      window.fetch = realFetch;
    }
  });

  it('invites others with the shared link itself, but never with a personal token', async () => {
    const room = uniqueRoom('join-invite');
    const link = testJoinToken({ room });
    history.replaceState(null, '', `${location.pathname}?room=${room}&token=${link}`);
    try {
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${link}><co-join invite></co-join></co-workshop>`);
      const join = el.querySelector('co-join') as CoJoin;
      await waitFor(() => !!join.shadowRoot!.querySelector('[part="link"]'), 'the invitation');
      expect(join.shadowRoot!.querySelector<HTMLAnchorElement>('[part="link"]')!.href).to.contain(`token=${link}`);
      el.remove();
      const personal = testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room });
      history.replaceState(null, '', `${location.pathname}?room=${room}&token=${personal}`);
      const ceri = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${personal}><co-join></co-join></co-workshop>`);
      const invite = ceri.querySelector('co-join') as CoJoin;
      await waitFor(() => !!invite.shadowRoot!.querySelector('[part="link"]'), 'the facilitator’s invitation');
      // Not the facilitator's token, but a join token the server gave for the room (POST /invite).
      const invited = new URL(invite.shadowRoot!.querySelector<HTMLAnchorElement>('[part="link"]')!.href).searchParams.get('token')!;
      expect(invited).not.to.equal(personal);
      expect(claimsOf(invited)).to.include({ room, role: 'participant', kind: 'join' });
      ceri.remove();
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('says plainly when the server turns a personal link away', async () => {
    const room = uniqueRoom('join-refused');
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room, expired: '1' })}>
        <co-idea-board board="main"></co-idea-board>
      </co-workshop>`);
    await waitFor(() => el.status === 'refused', 'the refusal');
    expect(el.runtime!.refused).to.deep.equal({ code: 4401, reason: 'Token expired: ask the facilitator for a new link' });
    const board = el.querySelector('co-idea-board')!;
    await waitFor(() => deepText(board.shadowRoot!).includes('This link no longer works. Ask whoever gave you this link for a new one.'), 'the words on the board');
    el.remove();
  });
});
