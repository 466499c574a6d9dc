// The token in the page's address: an invitation link (`?token=…`, as <co-join> and the
// facilitator panel make them) works on any page with the elements, without a script of its own.
// An explicit `token` attribute wins; `token=""` ignores the address. Real server, real Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { syncUrl, testJoinToken, testToken, uniqueRoom, waitFor } from './helpers.js';

/** Runs `body` with `?token=…` in the page's address, and puts the address back afterwards. */
async function withAddressToken(token: string, body: () => Promise<void>): Promise<void> {
  const before = location.href;
  history.replaceState(null, '', `${location.pathname}?token=${encodeURIComponent(token)}`);
  try {
    await body();
  } finally {
    history.replaceState(null, '', before);
  }
}

describe('the token in the page address', () => {
  it('is used by <co-workshop> and by an element on its own when they have no token attribute', async () => {
    const room = uniqueRoom('address');
    await withAddressToken(testToken({ sub: 'nia', name: 'Nia', role: 'participant', room }), async () => {
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}></co-workshop>`);
      await waitFor(() => el.status === 'synced', 'the workshop to sync with the address’s token');
      expect(el.runtime!.session.user).to.deep.equal({ id: 'nia', name: 'Nia', role: 'participant' });
      el.remove();
      const board = await fixture<CoIdeaBoard>(html`<co-idea-board server=${syncUrl()} room=${room} board="main"></co-idea-board>`);
      await waitFor(() => board.shadowRoot!.querySelector('[data-status="synced"]') !== null, 'the board to sync');
      board.remove();
    });
  });

  it('asks for a name when the address holds a shared invitation (a join token)', async () => {
    const room = uniqueRoom('address-join');
    await withAddressToken(testJoinToken({ room }), async () => {
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}></co-workshop>`);
      expect(el.status).to.equal('needs-name');
      expect(el.runtime!.isJoinLink).to.equal(true);
      el.remove();
    });
  });

  it('gives way to a token attribute, and is ignored with token=""', async () => {
    const room = uniqueRoom('address-off');
    await withAddressToken(testToken({ sub: 'nia', name: 'Nia', role: 'participant', room }), async () => {
      const own = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
        token=${testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room })}></co-workshop>`);
      await waitFor(() => own.status === 'synced', 'the workshop to sync with its own token');
      expect(own.runtime!.session.user.id).to.equal('ceri');
      own.remove();
      const off = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=""></co-workshop>`);
      await waitFor(() => off.status === 'refused', 'the server to turn a page without a token away');
      expect(off.runtime!.refusedBecause).to.equal('no-link');
      off.remove();
    });
  });
});
