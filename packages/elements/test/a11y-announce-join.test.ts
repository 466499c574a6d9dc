// Before joining through a shared link, elements that wait for the name say where the name form
// is: "above" or "below" only when it is, on screen. In a wide layout the form can be beside them
// (an aside next to the main column): then the line says "on this page".
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CoIdeaBoard, CoVote } from '../src/index.js';
import { deepText, forgetTokens, syncUrl, testJoinToken, uniqueRoom, waitFor } from './helpers.js';

function gateOf(el: HTMLElement): HTMLElement | null {
  return el.shadowRoot!.querySelector('co-join-gate');
}
const line = (el: HTMLElement): string => deepText(gateOf(el)!.shadowRoot!).trim();

describe('the "enter your name" line of an element waiting for a name', () => {
  afterEach(() => forgetTokens());

  it('says "above" when the form is above it, and "on this page" when the form is beside it', async () => {
    const room = uniqueRoom('join-where');
    const link = testJoinToken({ room });
    const page = await fixture<HTMLDivElement>(html`<div style="display: grid; grid-template-columns: 1fr 1fr; gap: 16px; width: 900px">
      <co-idea-board server=${syncUrl()} room=${room} token=${link} board="main"></co-idea-board>
      <co-vote server=${syncUrl()} room=${room} token=${link} vote="priorities"></co-vote>
    </div>`);
    const board = page.querySelector('co-idea-board') as CoIdeaBoard;
    const vote = page.querySelector('co-vote') as CoVote;
    await waitFor(() => !!gateOf(board)?.shadowRoot!.querySelector('#join-name') && gateOf(vote) !== null, 'the form and the line');
    // Side by side: the form is first in the page, but not above the vote.
    await waitFor(() => line(vote) === 'To take part, enter your name on this page.', `the line to say "on this page" (it says "${line(vote)}")`);
    await expect(page).to.be.accessible();

    // Stacked (a narrow screen): now it is above.
    page.style.gridTemplateColumns = '1fr';
    window.dispatchEvent(new Event('resize'));
    await waitFor(() => line(vote) === 'To take part, enter your name in the form above.', `the line to say "above" (it says "${line(vote)}")`);
  });
});
