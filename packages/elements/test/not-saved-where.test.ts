// With two boards (or two votes) on one page, a change the server did not keep is said by the
// element it was made in only: the server's reasons name no element, so a lock is said where the
// element is locked, a closed vote where the vote is closed. Real server, real Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import * as core from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoVote, CoWorkshop } from '../src/index.js';
import { deepText, remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const notices = (child: Element): string[] =>
  [...child.shadowRoot!.querySelectorAll('[part="not-saved"]')].map((n) => n.textContent!.replace(/\s+/g, ' ').trim());

describe('a change not saved, on a page with two of an element', () => {
  it('is said by the locked board and the closed vote only, not by the others of their kind', async () => {
    const room = uniqueRoom('two-boards');
    const { ceri, ceriDoc, ceriSession } = await remoteFacilitator(room);
    core.createBoard(ceriSession, { id: 'other', title: 'Worries' });
    core.createPoll(ceriSession, { id: 'first', title: 'Which first?', method: 'single', options: ['Benches', 'Shade'], open: true });
    core.createPoll(ceriSession, { id: 'second', title: 'Which day?', method: 'single', options: ['Monday', 'Friday'], open: true });
    await ceri.whenConfirmed();

    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
      <co-idea-board board="other"></co-idea-board>
      <co-vote vote="first"></co-vote>
      <co-vote vote="second"></co-vote>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Sam to sync');
    const runtime = el.runtime!;
    const [main, other] = [...el.querySelectorAll<CoIdeaBoard>('co-idea-board')] as [CoIdeaBoard, CoIdeaBoard];
    const [first, second] = [...el.querySelectorAll<CoVote>('co-vote')] as [CoVote, CoVote];
    await waitFor(() => deepText(first).includes('Benches') && deepText(second).includes('Monday'), 'the votes to show');

    // Offline: an idea on the first board and a vote in the first vote; meanwhile the facilitator
    // locks that board and closes that vote.
    runtime.connection!.disconnect();
    core.addIdea(runtime.session, { boardId: 'main', text: 'A quiet room upstairs' });
    const benches = (core.parsePoll(core.roots(runtime.doc).polls.get('first'))!.options as readonly core.PollOption[])[0]!.id;
    core.castBallot(runtime.session, 'first', [benches]);
    core.lockElement(ceriSession, 'main', 'Reading time');
    core.closePoll(ceriSession, 'first');
    await ceri.whenConfirmed();
    runtime.connection!.reconnect();

    await waitFor(() => runtime.notSavedList.length === 2, 'both refusals');
    await waitFor(() => notices(main).length === 1 && notices(first).length === 1, 'the notices');
    await Promise.all([other.updateComplete, second.updateComplete]);
    expect(notices(main)).to.deep.equal(['Your change was not saved: the facilitator has locked this for now. They said: “Reading time”']);
    expect(notices(first)).to.deep.equal(['Your vote was not saved: voting had already closed.']);
    expect(notices(other)).to.deep.equal([]);
    expect(notices(second)).to.deep.equal([]);
    ceri.destroy();
    ceriSession.destroy();
    el.remove();
  });
});
