// A facilitator's personal token does not stay in the address bar (a security review: the screen
// is often projected). The runtime takes a personal `?token=` out of the address with
// history.replaceState, keeping every other parameter and the hash, and keeps it for this tab in
// sessionStorage by server and room, so a reload (a new runtime on the same page) still works. A
// shared join token stays in the address: it is on the poster and in the QR code on purpose.
// Real server, real Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CoWorkshop } from '../src/index.js';
import { syncUrl, testJoinToken, testToken, uniqueRoom, waitFor } from './helpers.js';

const PREFIX = 'coproduce:personal-token:';

/** Runs `body` with `search` and `hash` in the page's address, then puts the address and this tab's kept tokens back. */
async function withAddress(search: string, hash: string, body: () => Promise<void>): Promise<void> {
  const before = location.href;
  history.replaceState(null, '', `${location.pathname}${search}${hash}`);
  try {
    await body();
  } finally {
    history.replaceState(null, '', before);
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  }
}

describe('a personal token in the page address', () => {
  it('is taken out of the address bar (other parameters and the hash kept) and still works after a reload', async () => {
    const room = uniqueRoom('hide-token');
    const token = testToken({ sub: 'priya', name: 'Priya', role: 'facilitator', room });
    await withAddress(`?room=${room}&token=${encodeURIComponent(token)}&lang=cy`, '#board', async () => {
      const first = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}></co-workshop>`);
      const params = new URLSearchParams(location.search);
      expect(params.has('token')).to.equal(false);
      expect(location.href).not.to.contain(token);
      expect(params.get('room')).to.equal(room);
      expect(params.get('lang')).to.equal('cy');
      expect(location.hash).to.equal('#board');
      await waitFor(() => first.status === 'synced', 'the workshop to sync with the address’s token');
      expect(first.runtime!.session.user).to.deep.equal({ id: 'priya', name: 'Priya', role: 'facilitator' });
      // Kept for this tab only, by server and room.
      expect(Object.values(sessionStorage).some((v) => v.includes(token))).to.equal(true);
      expect(Object.values(localStorage).some((v) => v.includes(token))).to.equal(false);
      first.remove();

      // A reload: the address has no token now, the tab still has it.
      const again = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}></co-workshop>`);
      await waitFor(() => again.status === 'synced', 'the reloaded workshop to sync with the kept token');
      expect(again.runtime!.session.user.id).to.equal('priya');
      again.remove();

      // Another room on the same page does not get it.
      const other = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${uniqueRoom('other')}></co-workshop>`);
      await waitFor(() => other.status === 'refused', 'the server to turn a page without a token away');
      expect(other.runtime!.refusedBecause).to.equal('no-link');
      other.remove();
    });
  });

  it('leaves a shared join token in the address', async () => {
    const room = uniqueRoom('keep-join');
    const join = testJoinToken({ room });
    await withAddress(`?room=${room}&token=${encodeURIComponent(join)}`, '', async () => {
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}></co-workshop>`);
      expect(el.status).to.equal('needs-name');
      expect(new URLSearchParams(location.search).get('token')).to.equal(join);
      el.remove();
    });
  });

  it('stays in the address when a token attribute is used instead', async () => {
    const room = uniqueRoom('attr-token');
    const inAddress = testToken({ sub: 'nia', name: 'Nia', role: 'participant', room });
    await withAddress(`?token=${encodeURIComponent(inAddress)}`, '', async () => {
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
        token=${testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room })}></co-workshop>`);
      await waitFor(() => el.status === 'synced', 'the workshop to sync with its own token');
      expect(el.runtime!.session.user.id).to.equal('ceri');
      expect(new URLSearchParams(location.search).get('token')).to.equal(inAddress);
      el.remove();
    });
  });
});
