// "Not open yet" or "Voting has closed": every view reads the vote's stage from the document
// (`PollSnapshot.stage`, `openedAt` in the Poll JSON), so a page loaded later, the facilitator's
// controls and the facilitator panel all say the same as the page that watched it happen.
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import {
  castBallot, closePoll, createPoll, createWorkshop, joinWorkshop, openPoll, resetPoll, roots, type PollInput,
} from '@coproduce/core';
import '../src/index.js';
import type { CoFacilitatorPanel, CoVote, CoVoteControls, CoVoteResults, CoWorkshop } from '../src/index.js';
import { localRuntime, panelOf, settleAll, shadowQuery as $, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const OPTIONS = [
  { id: 'benches', label: 'More benches' },
  { id: 'trees', label: 'Street trees' },
];
const DOTS: PollInput = { id: 'v', title: 'What should we do first?', method: 'dots', options: OPTIONS, allowance: 3, perOptionCap: 3 };
const NOT_OPEN = 'Voting is not open right now. The facilitator opens it when it is time to vote.';

function oneLine(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
function resultsOf(vote: CoVote): CoVoteResults {
  return vote.shadowRoot!.querySelector('co-vote-results') as CoVoteResults;
}
function controlsOf(vote: CoVote): CoVoteControls {
  return vote.shadowRoot!.querySelector('co-vote-controls') as CoVoteControls;
}
/** What a voter's page says about the vote's state: its tag, the notice instead of the ballot, the voter count. */
function says(vote: CoVote): { tag: string; notice: string | null; voters: string | null } {
  const notice = vote.shadowRoot!.querySelector('[data-ballot-notice]');
  const voters = resultsOf(vote)?.shadowRoot?.querySelector('[data-voter-count]');
  return {
    tag: oneLine($(vote, '.tag[data-state]').textContent),
    notice: notice ? oneLine(notice.textContent) : null,
    voters: voters ? oneLine(voters.textContent) : null,
  };
}
const HAS_CLOSED = { tag: 'Voting closed', notice: 'Voting has closed. You did not vote.', voters: 'No one voted.' };
const NOT_OPEN_YET = { tag: 'Not open yet', notice: NOT_OPEN, voters: 'No one has voted yet.' };

/** One document; Sam's page opens after `before` has run, so it never saw what happened there. */
async function samsPageLater(before: (fac: ReturnType<typeof localRuntime>, doc: Y.Doc) => void, lang = 'en') {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const fac = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
  createPoll(fac.session, DOTS);
  before(fac, doc);
  const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${sam}><co-vote vote="v"></co-vote></co-workshop>`);
  const vote = el.querySelector('co-vote') as CoVote;
  await settleAll(vote, resultsOf(vote));
  return { vote, fac, doc };
}

describe('<co-vote>: whether a vote has ever been open', () => {
  it('a vote opened and closed with nobody voting has closed, on a page loaded only afterwards', async () => {
    const { vote } = await samsPageLater((fac) => {
      openPoll(fac.session, 'v');
      closePoll(fac.session, 'v');
    });
    expect(says(vote)).to.deep.equal(HAS_CLOSED);
    expect($(vote, '.meta').textContent!.trim()).to.equal('Each person had 3 dots to place.');
    await expect(vote).to.be.accessible();
  });

  it('a vote reset after it closed is not open yet again, on the page that saw it open and close', async () => {
    const { vote, fac } = await samsPageLater(() => {});
    expect(says(vote)).to.deep.equal(NOT_OPEN_YET);
    openPoll(fac.session, 'v');
    await settleAll(vote, resultsOf(vote));
    expect(oneLine($(vote, '.tag[data-state]').textContent)).to.equal('Open for voting');
    closePoll(fac.session, 'v');
    await settleAll(vote, resultsOf(vote));
    expect(says(vote)).to.deep.equal(HAS_CLOSED);

    resetPoll(fac.session, 'v');
    await settleAll(vote, resultsOf(vote));
    expect(says(vote)).to.deep.equal(NOT_OPEN_YET);
    expect($(vote, '.meta').textContent!.trim()).to.equal('You have 3 dots to place. Put them on the options you like best.');
    await expect(vote).to.be.accessible();
  });

  it('a vote reset while open stays open, and once closed has closed', async () => {
    const { vote, fac } = await samsPageLater((f) => openPoll(f.session, 'v'));
    resetPoll(fac.session, 'v');
    await settleAll(vote, resultsOf(vote));
    expect(vote.shadowRoot!.querySelector('form.ballot')).not.to.equal(null);
    closePoll(fac.session, 'v');
    await settleAll(vote, resultsOf(vote));
    expect(says(vote)).to.deep.equal(HAS_CLOSED);
  });

  it('reads a document from before the opening time: closed with an online vote has closed, closed without one is not open yet', async () => {
    const forget = (doc: Y.Doc) => {
      const { openedAt: _o, closedAt: _c, ...rest } = roots(doc).polls.get('v') as Record<string, unknown>;
      roots(doc).polls.set('v', rest);
    };
    const voted = await samsPageLater((fac, doc) => {
      openPoll(fac.session, 'v');
      castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', { trees: 1 });
      closePoll(fac.session, 'v');
      forget(doc);
    });
    expect(says(voted.vote).tag).to.equal('Voting closed');
    expect(says(voted.vote).notice).to.equal('Voting has closed. You did not vote.');
    const silent = await samsPageLater((fac, doc) => {
      openPoll(fac.session, 'v');
      closePoll(fac.session, 'v');
      forget(doc);
    });
    expect(says(silent.vote)).to.deep.equal(NOT_OPEN_YET);
  });

  it('says it in Welsh', async () => {
    const closed = await samsPageLater((fac) => {
      openPoll(fac.session, 'v');
      closePoll(fac.session, 'v');
    }, 'cy');
    expect(says(closed.vote).tag).to.equal('Pleidleisio ar gau');
    resetPoll(closed.fac.session, 'v');
    await settleAll(closed.vote, resultsOf(closed.vote));
    expect(says(closed.vote).tag).to.equal('Heb agor eto');
  });

  it('the facilitator’s controls say the same stage', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const fac = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    createPoll(fac.session, DOTS);
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${fac}><co-vote vote="v"></co-vote></co-workshop>`);
    const vote = el.querySelector('co-vote') as CoVote;
    const controls = controlsOf(vote);
    const state = async () => {
      await settleAll(vote, controls);
      const item = $(controls, '[data-stage]');
      return [item.dataset['stage'], oneLine(item.textContent)];
    };
    expect(await state()).to.deep.equal(['not-open', 'Voting has not opened yet.']);
    $(controls, '[data-control="open"]').click();
    expect(await state()).to.deep.equal(['open', 'Voting is open.']);
    $(controls, '[data-control="open"]').click();
    expect(await state()).to.deep.equal(['closed', 'Voting is closed.']);
    $(controls, '[data-control="reset"]').click();
    await settleAll(vote, controls);
    $(controls, '[data-control="reset-confirm"]').click();
    expect(await state()).to.deep.equal(['not-open', 'Voting has not opened yet.']);
  });
});

describe('<co-vote> through the real sync server: a page loaded after the vote closed', () => {
  it('says voting has closed although nobody voted, and not open yet once the facilitator resets it', async () => {
    const room = uniqueRoom('vote-stage');
    const server = syncUrl();
    const options = JSON.stringify(['More benches', 'Street trees']);
    const fac = await fixture<CoVote>(html`<co-vote server=${server} room=${room} vote="stage"
      token=${testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' })}
      vote-title="What should we do first?" method="single" options=${options}></co-vote>`);
    await waitFor(() => !!controlsOf(fac)?.shadowRoot?.querySelector('[data-control="open"]'), 'the facilitator’s controls', 15_000);
    const controls = controlsOf(fac);
    $(controls, '[data-control="open"]').click();
    await waitFor(() => controls.shadowRoot!.querySelector('[data-stage]')?.getAttribute('data-stage') === 'open', 'the vote open', 15_000);
    $(controls, '[data-control="open"]').click();
    await waitFor(() => controls.shadowRoot!.querySelector('[data-stage]')?.getAttribute('data-stage') === 'closed', 'the vote closed', 15_000);

    const sam = await fixture<CoVote>(html`<co-vote server=${server} room=${room} vote="stage"
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant' })}></co-vote>`);
    await waitFor(() => !!sam.shadowRoot?.querySelector('[data-ballot-notice]') && !!resultsOf(sam)?.shadowRoot?.querySelector('[data-voter-count]'), 'Sam’s page', 15_000);
    await settleAll(sam, resultsOf(sam));
    expect(says(sam)).to.deep.equal(HAS_CLOSED);

    $(controls, '[data-control="reset"]').click();
    await settleAll(fac, controls);
    $(controls, '[data-control="reset-confirm"]').click();
    await waitFor(() => says(sam).tag === 'Not open yet', 'the reset on Sam’s page', 15_000);
    await settleAll(sam, resultsOf(sam));
    expect(says(sam)).to.deep.equal(NOT_OPEN_YET);
    fac.remove();
    sam.remove();
  });
});

describe('<co-facilitator-panel>: a vote’s tag', () => {
  async function panelPage(lang = 'en') {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'High street' });
    const fac = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
    createPoll(fac.session, { ...DOTS, id: 'vote', title: 'Which first?' });
    joinWorkshop(fac.session);
    const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${fac}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
    const panel = panelOf(el);
    await waitFor(() => !!panel.shadowRoot!.querySelector('li[data-element="vote"]'), 'the panel’s votes');
    return { el, panel, fac };
  }
  async function tag(panel: CoFacilitatorPanel): Promise<[string | null, string]> {
    await panel.updateComplete;
    const found = $(panel, 'li[data-element="vote"] .tag[data-stage]');
    return [found.getAttribute('data-stage'), oneLine(found.textContent)];
  }

  it('says "Not open yet", "Voting open", "Voting closed" as the vote does, and "Not open yet" again after a reset', async () => {
    const { el, panel, fac } = await panelPage();
    expect(await tag(panel)).to.deep.equal(['not-open', 'Not open yet']);
    await expect(el).to.be.accessible();
    $(panel, 'li[data-element="vote"] [data-action="open-poll"]').click();
    await waitFor(() => $(panel, 'li[data-element="vote"] .tag[data-stage]').getAttribute('data-stage') === 'open', 'the vote open');
    expect(await tag(panel)).to.deep.equal(['open', 'Voting open']);
    $(panel, 'li[data-element="vote"] [data-action="close-poll"]').click();
    await waitFor(() => $(panel, 'li[data-element="vote"] .tag[data-stage]').getAttribute('data-stage') === 'closed', 'the vote closed');
    expect(await tag(panel)).to.deep.equal(['closed', 'Voting closed']);
    resetPoll(fac.session, 'vote');
    await waitFor(() => $(panel, 'li[data-element="vote"] .tag[data-stage]').getAttribute('data-stage') === 'not-open', 'the reset');
    expect(await tag(panel)).to.deep.equal(['not-open', 'Not open yet']);
  });

  it('says it in Welsh', async () => {
    const { panel } = await panelPage('cy');
    expect(await tag(panel)).to.deep.equal(['not-open', 'Heb agor eto']);
  });
});
