// Several votes on one page, as a screen reader finds and hears them: each vote's results region is
// named after its vote (not just "Results" several times over), and so is news of its results.
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { castBallot, closePoll, createPoll, createWorkshop, revealElement } from '@coproduce/core';
import '../src/index.js';
import type { CoVote, CoWorkshop } from '../src/index.js';
import { localRuntime, recordAnnouncements, settleAll, waitFor } from './helpers.js';

function resultsRegion(vote: CoVote): HTMLElement | null {
  return vote.shadowRoot!.querySelector('co-vote-results')?.shadowRoot?.querySelector<HTMLElement>('section.results') ?? null;
}

async function twoVotes(lang: string, revealed: boolean) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'High street' });
  const priya = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
  for (const [id, title] of [['first', 'What should we do first?'], ['where', 'Where should the benches go?']] as const) {
    createPoll(priya.session, { id, title, method: 'single', open: true, options: [{ id: 'a', label: 'Here' }, { id: 'b', label: 'There' }] });
    castBallot(priya.session, id, ['a']);
    closePoll(priya.session, id);
    if (revealed) revealElement(priya.session, id);
  }
  const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
  const said = recordAnnouncements(sam);
  const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${sam}>
    <main><co-vote vote="first"></co-vote><co-vote vote="where"></co-vote></main>
  </co-workshop>`);
  const votes = [...el.querySelectorAll('co-vote')] as CoVote[];
  await waitFor(() => votes.every((v) => resultsRegion(v) !== null), 'both results regions');
  await settleAll(...votes);
  return { el, votes, priya, sam, said };
}

describe('<co-vote-results>: one region per vote, each with its own name', () => {
  it('names each results region after its vote, revealed or not, and passes axe’s landmark-unique', async () => {
    for (const revealed of [true, false]) {
      const { el, votes } = await twoVotes('en', revealed);
      const names = votes.map((v) => resultsRegion(v)!.getAttribute('aria-label'));
      expect(names).to.deep.equal(['Results: What should we do first?', 'Results: Where should the benches go?']);
      // The visible heading stays short.
      expect(resultsRegion(votes[0]!)!.querySelector('[role="heading"]')!.textContent).to.equal('Results');
      await expect(el).to.be.accessible();
      el.remove();
    }
  });

  it('speaks Welsh', async () => {
    const { votes } = await twoVotes('cy', true);
    expect(resultsRegion(votes[1]!)!.getAttribute('aria-label')).to.equal('Canlyniadau: Where should the benches go?');
  });
});

describe('<co-vote-results>: news of results names the vote when the page has several', () => {
  it('says "The results are now shown: <vote>" when the facilitator shows one vote’s results', async () => {
    const { priya, sam, said } = await twoVotes('en', false);
    revealElement(priya.session, 'where');
    sam.announcer.flush();
    await waitFor(() => said.length > 0, 'the news');
    expect(said).to.deep.equal(['The results are now shown: Where should the benches go?']);
  });

  it('speaks Welsh', async () => {
    const { priya, sam, said } = await twoVotes('cy', false);
    revealElement(priya.session, 'first');
    sam.announcer.flush();
    await waitFor(() => said.length > 0, 'the news');
    expect(said).to.deep.equal(['Mae’r canlyniadau’n cael eu dangos nawr: What should we do first?']);
  });
});
