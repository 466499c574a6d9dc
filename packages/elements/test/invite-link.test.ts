// A facilitator's invitation against the real sync server of the test run (web-test-runner.config.mjs:
// it checks tokens, trades join tokens at POST /join and hands facilitators join tokens at POST
// /invite): a facilitator page opened without the printed link's `invite` still shows a participant
// link that works, and says so in words when it cannot get one.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { qrPath } from '../src/join/qr-path.js';
import { createBoard, readBoard } from '@coproduce/core';
import '../src/index.js';
import type { CoJoin, CoWorkshop } from '../src/index.js';
import { claimsOf, forgetTokens, panelOf, syncUrl, testJoinToken, testToken, uniqueRoom, waitFor } from './helpers.js';

/**
 * Watches the page's requests to POST /invite (they still go to the real server): counts them,
 * and while `hold` is set keeps them waiting until `release()`.
 */
function watchInvites() {
  const original = window.fetch;
  const watch = { count: 0, hold: false, waiting: [] as (() => void)[], release: () => watch.waiting.splice(0).forEach((go) => go()), restore: () => (window.fetch = original) };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input instanceof Request ? input.url : input).endsWith('/invite')) {
      watch.count++;
      if (watch.hold) await new Promise<void>((go) => watch.waiting.push(go));
    }
    return original.call(window, input, init);
  };
  return watch;
}

const linkOf = (join: CoJoin) => join.shadowRoot!.querySelector<HTMLAnchorElement>('[part="link"]');
describe('a facilitator’s invitation', () => {
  let watch: ReturnType<typeof watchInvites>;
  beforeEach(() => {
    forgetTokens();
    watch = watchInvites();
  });
  afterEach(() => {
    watch.restore();
    forgetTokens();
    history.replaceState(null, '', location.pathname);
    document.documentElement.lang = 'en';
  });

  it('gets a participant join token from the server when the page has none, and the link lets people join', async () => {
    const room = uniqueRoom('invite');
    const personal = testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room });
    // Opened with the facilitator's own link, without the printed link's `invite`.
    history.replaceState(null, '', `${location.pathname}?room=${room}&token=${personal}`);
    watch.hold = true;
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${personal}>
        <co-join invite></co-join>
        <co-facilitator-panel></co-facilitator-panel>
      </co-workshop>`);
    const join = el.querySelector('co-join') as CoJoin;
    const panel = panelOf(el);
    await waitFor(() => !!join.shadowRoot!.querySelector('[data-invite-status]'), 'the invitation to wait for its link');
    // While the join token is on its way: words saying so, and no link or QR code that would not work.
    expect(join.shadowRoot!.querySelector('[data-invite-status]')!.textContent).to.contain('Getting the link…');
    expect(linkOf(join)).to.equal(null);
    expect(join.shadowRoot!.querySelector('svg.qr')).to.equal(null);
    expect(join.joinUrl).to.equal(null);
    await waitFor(() => !!panel.shadowRoot?.querySelector('[data-section="invite"] [data-invite-status]'), 'the panel to wait too');
    expect(panel.shadowRoot!.querySelector('[data-section="invite"] .link')).to.equal(null);
    // Each on its own: with `invite` on <co-join> both show the "Invite people" region.
    await expect(join).to.be.accessible();
    await expect(panel).to.be.accessible();

    watch.hold = false;
    watch.release();
    await waitFor(() => !!linkOf(join), 'the participant link');
    const link = new URL(linkOf(join)!.href);
    const joinToken = link.searchParams.get('token')!;
    expect(claimsOf(joinToken)).to.include({ room, role: 'participant', kind: 'join' });
    expect(claimsOf(joinToken)['sub']).to.equal(undefined);
    expect(link.href).not.to.contain(personal);
    expect(link.searchParams.get('room')).to.equal(room);
    expect(join.joinUrl).to.equal(link.href);
    const svg = join.shadowRoot!.querySelector<SVGSVGElement>('svg.qr')!;
    // The code for exactly this link (test-node/qr.test.ts reads qrPath's codes back with a QR decoder).
    expect(svg.querySelector('path')!.getAttribute('d')).to.equal(qrPath(link.href).path);
    // The panel shows the same link: one request for the whole page.
    await waitFor(() => !!panel.shadowRoot!.querySelector('[data-section="invite"] .link'), 'the panel’s link');
    expect(panel.shadowRoot!.querySelector<HTMLAnchorElement>('[data-section="invite"] .link')!.href).to.equal(link.href);
    expect(watch.count).to.equal(1);
    await expect(join).to.be.accessible();
    await expect(panel).to.be.accessible();

    // The facilitator sets a board up; someone opens the link on another page and joins with a name.
    await waitFor(() => el.status === 'synced', 'the facilitator to sync');
    createBoard(el.runtime!.session, { id: 'main', title: 'Ideas for the park' });
    const guest = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${link.searchParams.get('room')!} token=${joinToken}>
        <co-join></co-join>
      </co-workshop>`);
    const guestJoin = guest.querySelector('co-join') as CoJoin;
    await waitFor(() => !!guestJoin.shadowRoot!.querySelector('#join-name'), 'the name form');
    guestJoin.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!.focus();
    await sendKeys({ type: 'Nia' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => guest.status === 'synced', 'the participant to be let in', 15_000);
    expect(guest.runtime!.session.user).to.include({ name: 'Nia', role: 'participant' });
    expect(guest.runtime!.session.user.id).not.to.equal('ceri');
    await waitFor(() => readBoard(guest.runtime!.doc, 'main').title === 'Ideas for the park', 'the facilitator’s board on the participant’s page');
    guest.remove();
    el.remove();
  });

  it('uses the printed link’s `invite`, or a given link with a join token, without asking the server', async () => {
    const room = uniqueRoom('invite-given');
    const personal = testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room });
    const printed = testJoinToken({ room });
    history.replaceState(null, '', `${location.pathname}?room=${room}&token=${personal}&invite=${printed}`);
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${personal}>
        <co-join invite></co-join>
        <co-facilitator-panel join-href=${`https://www.example.gov.uk/park?token=${printed}`}></co-facilitator-panel>
      </co-workshop>`);
    const join = el.querySelector('co-join') as CoJoin;
    await waitFor(() => !!linkOf(join), 'the invitation');
    const link = new URL(linkOf(join)!.href);
    expect(link.searchParams.get('token')).to.equal(printed);
    expect(link.searchParams.has('invite')).to.equal(false);
    expect(link.href).not.to.contain(personal);
    const panel = panelOf(el);
    await waitFor(() => !!panel.shadowRoot?.querySelector('[data-section="invite"] .link'), 'the panel’s invitation');
    expect(panel.shadowRoot!.querySelector<HTMLAnchorElement>('[data-section="invite"] .link')!.getAttribute('href')).to.equal(`https://www.example.gov.uk/park?token=${printed}`);
    expect(watch.count).to.equal(0);
    el.remove();
  });

  it('gives a given address the join token, and shows the plain address where there are no tokens', async () => {
    const room = uniqueRoom('invite-href');
    const personal = testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room });
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${personal}>
        <co-facilitator-panel join-href="https://www.example.gov.uk/park"></co-facilitator-panel>
      </co-workshop>`);
    const panel = panelOf(el);
    await waitFor(() => !!panel.shadowRoot?.querySelector('[data-section="invite"] .link'), 'the panel’s invitation');
    const link = new URL(panel.shadowRoot!.querySelector<HTMLAnchorElement>('[data-section="invite"] .link')!.href);
    expect(link.origin + link.pathname).to.equal('https://www.example.gov.uk/park');
    expect(claimsOf(link.searchParams.get('token')!)).to.include({ room, role: 'participant', kind: 'join' });
    el.remove();

    // No token at all (an open server's page, the role from an attribute): the page address, as it is.
    const open = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${uniqueRoom('invite-open')} user-role="facilitator" user-name="Ceri">
        <co-join></co-join>
      </co-workshop>`);
    const join = open.querySelector('co-join') as CoJoin;
    await waitFor(() => !!linkOf(join), 'the invitation');
    expect(new URL(linkOf(join)!.href).searchParams.has('token')).to.equal(false);
    expect(watch.count).to.equal(1);
    open.remove();
  });

  it('says in words when the server will not give a link, in English or Welsh, and can try again from the keyboard', async () => {
    const room = uniqueRoom('invite-refused');
    // A test token valid in every room names no room an invitation could be for: the server refuses.
    const anyRoom = testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator' });
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${anyRoom}>
        <co-join invite></co-join>
        <co-facilitator-panel></co-facilitator-panel>
      </co-workshop>`);
    const join = el.querySelector('co-join') as CoJoin;
    await waitFor(() => !!join.shadowRoot!.querySelector('[data-action="retry-invite"]'), 'the refusal to be explained');
    const problem = join.shadowRoot!.querySelector('[data-invite-status]')!;
    expect(problem.textContent).to.contain('The link you opened this page with cannot make links for people to join');
    expect(linkOf(join)).to.equal(null);
    expect(join.shadowRoot!.querySelector('svg.qr')).to.equal(null);
    // The rest of the page keeps working.
    await waitFor(() => el.status === 'synced', 'the workshop to sync');
    expect(join.shadowRoot!.textContent).to.contain('You are taking part as Ceri.');
    const panel = panelOf(el);
    await waitFor(() => !!panel.shadowRoot?.querySelector('[data-section="invite"] [data-action="retry-invite"]'), 'the panel to say so too');
    expect(panel.shadowRoot!.querySelector('[data-section="phases"]')).to.exist;
    await expect(join).to.be.accessible();
    await expect(panel).to.be.accessible();

    document.documentElement.lang = 'cy';
    await waitFor(() => join.shadowRoot!.querySelector('[data-invite-status]')!.textContent!.includes('Gofynnwch i’r person a drefnodd y gweithdy'), 'the Welsh words');
    expect(join.shadowRoot!.querySelector('[data-action="retry-invite"]')!.textContent).to.contain('Rhoi cynnig arall arni');
    document.documentElement.lang = 'en';
    await waitFor(() => join.shadowRoot!.querySelector('[data-action="retry-invite"]')!.textContent!.includes('Try again'), 'English again');

    // Try again, with the keyboard: asked again, refused again, focus back on the button.
    const before = watch.count;
    const retry = join.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="retry-invite"]')!;
    expect(retry.getAttribute('aria-describedby')).to.equal('invite-problem');
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => watch.count > before, 'a new request');
    await waitFor(() => join.shadowRoot!.activeElement?.getAttribute('data-action') === 'retry-invite', 'focus back on Try again');
    expect(join.shadowRoot!.querySelector('[data-invite-status]')!.textContent).to.contain('cannot make links for people to join');
    el.remove();
  });

  it('says when the server cannot be reached, and gets the link once it can', async () => {
    const room = uniqueRoom('invite-offline');
    const personal = testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room });
    const original = window.fetch;
    let offline = true;
    const online = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
      offline && String(input).endsWith('/invite') ? Promise.reject(new TypeError('Failed to fetch')) : online.call(window, input, init);
    try {
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${personal}><co-join></co-join></co-workshop>`);
      const join = el.querySelector('co-join') as CoJoin;
      await waitFor(() => !!join.shadowRoot!.querySelector('[data-action="retry-invite"]'), 'the failure to be explained');
      expect(join.shadowRoot!.querySelector('[data-invite-status]')!.textContent).to.contain('Could not get the link for people to join. Check your internet connection');
      offline = false;
      join.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="retry-invite"]')!.click();
      await waitFor(() => !!linkOf(join), 'the link');
      expect(claimsOf(new URL(linkOf(join)!.href).searchParams.get('token')!)).to.include({ room, kind: 'join' });
      await waitFor(() => join.shadowRoot!.activeElement === linkOf(join), 'focus on the new link');
      el.remove();
    } finally {
      window.fetch = original;
    }
  });

  it('shows facilitators one invitation: <co-join> leaves it to the facilitator panel when the workshop has one', async () => {
    const room = uniqueRoom('invite-once');
    const personal = testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room });
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${personal}>
        <co-join></co-join>
        <co-facilitator-panel></co-facilitator-panel>
      </co-workshop>`);
    const join = el.querySelector('co-join') as CoJoin;
    const panel = panelOf(el);
    await waitFor(() => !!panel.shadowRoot?.querySelector('[data-section="invite"] .link'), 'the panel’s link');
    expect(join.shadowRoot!.querySelector('[part="invite"]')).to.equal(null);
    // The whole page, not each element on its own: no repeated "Invite people" region.
    await expect(el).to.be.accessible();
    // Without the panel, <co-join> shows it again.
    panel.remove();
    await waitFor(() => !!linkOf(join), 'the invitation back in <co-join>');
    el.remove();
  });
});
