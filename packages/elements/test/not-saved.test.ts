// A change the server does not keep is said in words, in the element, and the rest of the
// person's work stays: a vote cast offline that arrives after the facilitator closed the vote.
// Real server (token-checking, roles enforced), real Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import * as core from '@coproduce/core';
import { connect } from '@coproduce/core/connection';
import * as Y from 'yjs';
import '../src/index.js';
import type { CoVote, CoWorkshop } from '../src/index.js';
import { deepText, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

/** The facilitator, on another device (a plain connection: no tab sharing with the page), with a workshop and a board. */
async function facilitator(room: string, title: string, boardTitle: string) {
  const ceriDoc = new Y.Doc();
  const ceri = connect({
    serverUrl: syncUrl(), room, doc: ceriDoc, crossTab: false, offline: false,
    token: testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room }),
  });
  await ceri.whenSynced();
  const ceriSession = new core.WorkshopSession(ceriDoc, { user: { id: 'ceri', name: 'Ceri', role: 'facilitator' } });
  core.createWorkshop(ceriDoc, { title, origin: ceriSession.origin });
  core.joinWorkshop(ceriSession);
  core.createBoard(ceriSession, { id: 'main', title: boardTitle });
  return { ceri, ceriDoc, ceriSession };
}

describe('a change the server did not keep', () => {
  it('tells the voter why their late offline vote was not saved, keeps their idea, and clears the notice at their next change', async () => {
    const room = uniqueRoom('late-vote');
    const { ceri, ceriDoc, ceriSession } = await facilitator(room, 'Library', 'Ideas');
    core.createPoll(ceriSession, { id: 'first', title: 'Which first?', method: 'single', options: ['Benches', 'Shade'], open: true });
    await ceri.whenConfirmed();

    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
      <co-vote vote="first"></co-vote>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Sam to sync');
    const runtime = el.runtime!;
    const vote = el.querySelector<CoVote>('co-vote')!;
    await waitFor(() => deepText(vote).includes('Benches'), 'the vote to show');

    // Offline: Sam writes an idea and votes; meanwhile the facilitator closes the vote.
    runtime.connection!.disconnect();
    core.addIdea(runtime.session, { boardId: 'main', text: 'A quiet room upstairs' });
    const benches = (core.parsePoll(core.roots(runtime.doc).polls.get('first'))!.options as readonly core.PollOption[])[0]!.id;
    core.castBallot(runtime.session, 'first', [benches]);
    core.closePoll(ceriSession, 'first');
    await ceri.whenConfirmed();

    runtime.connection!.reconnect();
    await waitFor(() => deepText(vote).includes('Your vote was not saved: voting had already closed.'), 'the notice in the vote');
    const notice = vote.shadowRoot!.querySelector('[part="not-saved"]')!;
    expect(notice.textContent!.trim()).to.equal('Your vote was not saved: voting had already closed.');
    // The board says it too (every status line does), and the idea written offline is kept.
    const board = el.querySelector('co-idea-board')!;
    await waitFor(() => deepText(board).includes('Your vote was not saved'), 'the notice on the board');
    await waitFor(() => core.readBoard(ceriDoc, 'main').ideas.some((i) => i.text === 'A quiet room upstairs'), 'the offline idea at the facilitator');
    expect(core.collectBallots(ceriDoc, 'first', 'single')).to.have.length(0);
    await waitFor(() => core.collectBallots(runtime.doc, 'first', 'single').length === 0, 'the ballot to leave Sam’s copy');
    await expect(vote).to.be.accessible();

    // Sam's next change clears it.
    core.addIdea(runtime.session, { boardId: 'main', text: 'Longer hours' });
    await waitFor(() => vote.shadowRoot!.querySelector('[part="not-saved"]') === null, 'the notice to clear');
    ceri.destroy();
    ceriSession.destroy();
    ceriDoc.destroy();
    el.remove();
  });

  it('says a refusal in Welsh on a Welsh page, quoting the facilitator’s reason for a lock', async () => {
    const room = uniqueRoom('locked-cy');
    const { ceri, ceriDoc, ceriSession } = await facilitator(room, 'Llyfrgell', 'Syniadau');
    await ceri.whenConfirmed();
    const el = await fixture<CoWorkshop>(html`<co-workshop lang="cy" server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Sam to sync');
    const runtime = el.runtime!;
    runtime.connection!.disconnect();
    core.addIdea(runtime.session, { boardId: 'main', text: 'Ystafell dawel' });
    core.lockElement(ceriSession, 'main', 'Amser pleidleisio');
    await ceri.whenConfirmed();
    runtime.connection!.reconnect();
    const board = el.querySelector('co-idea-board')!;
    await waitFor(
      () => deepText(board).includes('Ni chafodd eich newid ei gadw: mae’r hwylusydd wedi cloi hwn am y tro. Dywedon nhw: “Amser pleidleisio”'),
      'the Welsh notice',
    );
    await waitFor(() => core.readBoard(runtime.doc, 'main').ideas.length === 0, 'the refused idea to leave Sam’s copy');
    ceri.destroy();
    ceriSession.destroy();
    ceriDoc.destroy();
    el.remove();
  });
});
