// A facilitator on another device resets a vote: the voter's page says so through the workshop's
// polite announcer, in plain words — an open vote stays open (and someone whose vote went can vote
// again), a closed one is not open yet again — in English and in Welsh. The facilitator's own page
// confirms their reset itself and hears nothing from <co-vote>. Sam and Ceri on the real sync
// server; the Welsh page and the facilitator's page on shared local documents.
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { castBallot, closePoll, collectBallots, createPoll, createWorkshop, openPoll, resetPoll } from '@coproduce/core';
import '../src/index.js';
import type { CoVote, CoWorkshop, WorkshopRuntime } from '../src/index.js';
import { deepText, localRuntime, recordAnnouncements, remoteFacilitator, settleAll, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const done of cleanups.splice(0)) done();
});

const OPTIONS = [{ id: 'benches', label: 'More benches' }, { id: 'trees', label: 'Street trees' }];

function q<T extends Element = HTMLElement>(vote: CoVote, selector: string): T | null {
  return vote.shadowRoot!.querySelector<T>(selector);
}

describe('a reset of a vote, said to the people voting', () => {
  it('tells a voter on another device that every vote went, theirs too, and then that the closed vote is not open yet', async () => {
    const room = uniqueRoom('vote-reset');
    const { ceriDoc, ceriSession, ceri, done } = await remoteFacilitator(room, 'High street');
    cleanups.push(done);
    createPoll(ceriSession, { id: 'v', title: 'Which first?', method: 'single', options: OPTIONS, open: true });
    await ceri.whenConfirmed();

    const token = testToken({ sub: 'sam', name: 'Sam', role: 'participant', room });
    const page = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${token}><co-vote vote="v"></co-vote></co-workshop>`);
    cleanups.push(() => page.remove());
    const vote = page.querySelector('co-vote') as CoVote;
    const sam = page.runtime as WorkshopRuntime;
    await waitFor(() => sam.status === 'synced' && q(vote, 'input[value="trees"]') !== null, 'Sam’s ballot');
    const said = recordAnnouncements(sam);

    // Sam votes, as a voter does: choose, then save.
    q<HTMLInputElement>(vote, 'input[value="trees"]')!.click();
    await vote.updateComplete;
    q<HTMLButtonElement>(vote, 'button[type="submit"]')!.click();
    await waitFor(() => collectBallots(ceriDoc, 'v', 'single').length === 1, 'Sam’s vote to reach Ceri');

    // Ceri resets the open vote: still open, Sam's vote gone.
    resetPoll(ceriSession, 'v');
    await waitFor(
      () => said.includes('All votes were deleted. Voting is still open: Which first? Your vote was deleted too. You can vote again.'),
      'the reset of the open vote to be said', 8000,
    );
    await waitFor(() => q<HTMLInputElement>(vote, 'input[value="trees"]')?.checked === false, 'the ballot, empty again');

    // Closed, then reset: not open yet.
    closePoll(ceriSession, 'v');
    await waitFor(() => said.includes('Voting has closed: Which first?'), 'the closing', 8000);
    resetPoll(ceriSession, 'v');
    await waitFor(() => said.includes('All votes were deleted. Voting has not opened yet: Which first?'), 'the reset of the closed vote to be said', 8000);
    await waitFor(() => deepText(vote.shadowRoot!).includes('Not open yet'), 'the vote to read “Not open yet”');
    // Each reset was said once, and nothing told Sam to vote in a vote that is not open.
    expect(said.filter((m) => m.includes('All votes were deleted')).length).to.equal(2);
    expect(said.filter((m) => m.includes('You can vote again')).length).to.equal(1);
    await expect(page).to.be.accessible();
  });

  it('says it in Welsh, without “vote again” to someone who had not voted', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Stryd fawr' });
    const priya = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
    const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
    createPoll(priya.session, { id: 'v', title: 'Beth yn gyntaf?', method: 'single', options: OPTIONS, open: true });
    castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', ['benches']);
    const page = await fixture<CoWorkshop>(html`<co-workshop lang="cy" .runtime=${sam}><co-vote vote="v"></co-vote></co-workshop>`);
    const vote = page.querySelector('co-vote') as CoVote;
    await settleAll(vote);
    const said = recordAnnouncements(sam);

    resetPoll(priya.session, 'v');
    await waitFor(() => said.includes('Cafodd pob pleidlais ei dileu. Mae’r bleidlais yn dal ar agor: Beth yn gyntaf?'), 'the Welsh reset of the open vote', 8000);
    castBallot(sam.session, 'v', ['trees']);
    closePoll(priya.session, 'v');
    await waitFor(() => said.some((m) => m.startsWith('Mae’r bleidlais wedi cau: Beth yn gyntaf?')), 'the Welsh closing', 8000);
    resetPoll(priya.session, 'v');
    await waitFor(() => said.includes('Cafodd pob pleidlais ei dileu. Dydy’r bleidlais ddim wedi agor eto: Beth yn gyntaf?'), 'the Welsh reset of the closed vote', 8000);
    expect(said.some((m) => m.includes('Gallwch chi bleidleisio eto'))).to.equal(false);
  });

  it('leaves the facilitator who reset the vote to their own confirmation', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'High street' });
    const priya = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
    createPoll(priya.session, { id: 'v', title: 'Which first?', method: 'single', options: OPTIONS, open: true });
    const page = await fixture<CoWorkshop>(html`<co-workshop .runtime=${priya}><co-vote vote="v"></co-vote></co-workshop>`);
    const vote = page.querySelector('co-vote') as CoVote;
    await settleAll(vote);
    const said = recordAnnouncements(priya);
    castBallot(priya.session, 'v', ['trees']);
    resetPoll(priya.session, 'v');
    closePoll(priya.session, 'v');
    openPoll(priya.session, 'v');
    // A remote change after them, to know the announcer has had its say.
    const other = localRuntime({ id: 'ceri', name: 'Ceri', role: 'facilitator' }, doc);
    closePoll(other.session, 'v');
    await waitFor(() => said.includes('Voting has closed: Which first?'), 'the remote closing', 8000);
    expect(said.filter((m) => m.includes('All votes were deleted'))).to.deep.equal([]);
  });
});
