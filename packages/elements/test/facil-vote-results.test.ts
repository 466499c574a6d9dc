// A facilitator's review of a live workshop: a Welsh speaker reading a tie for first place saw the
// English word "and" in the middle of the Welsh sentence (Chromium has no Welsh list data).
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { addPaperVote, castBallot, createPoll, createWorkshop, revealElement } from '@coproduce/core';
import '../src/index.js';
import type { CoVoteResults, CoWorkshop } from '../src/index.js';
import { localRuntime, waitFor } from './helpers.js';

/** A revealed one-choice vote with every option tied for first, read by Sam in `lang`. */
async function tiedResults(lang: 'en' | 'cy', labels: readonly string[]) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Stryd Fawr' });
  const fac = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  createPoll(fac.session, { id: 'v', title: 'Beth sy’n bwysig?', method: 'single', options: labels.map((label, i) => ({ id: `o${i}`, label })), open: true });
  labels.forEach((_, i) => castBallot(localRuntime({ id: `voter-${i}`, name: `Voter ${i}`, role: 'participant' }, doc).session, 'v', [`o${i}`]));
  revealElement(fac.session, 'v');
  const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
  const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${sam}><co-vote-results vote="v"></co-vote-results></co-workshop>`);
  const results = el.querySelector('co-vote-results') as CoVoteResults;
  await waitFor(() => results.shadowRoot?.querySelector('.tie') != null, 'the tie note');
  return results.shadowRoot!.querySelector('.tie')!.textContent!.replace(/\s+/g, ' ').trim();
}

describe('<co-vote-results> in Welsh', () => {
  it('joins tied options with Welsh "a", never English "and"', async () => {
    expect(await tiedResults('cy', ['Mwy o feinciau', 'Coed ar y stryd', 'Golau gwell'])).to.equal(
      'Mae’n gyfartal ar y brig: “Mwy o feinciau”, “Coed ar y stryd” a “Golau gwell”.',
    );
  });

  it('uses "ac" before a vowel', async () => {
    expect(await tiedResults('cy', ['Bysiau', 'Ŵyl y stryd'])).to.equal('Mae’n gyfartal ar y brig: “Bysiau” ac “Ŵyl y stryd”.');
  });

  it('keeps English lists as they were', async () => {
    expect(await tiedResults('en', ['Benches', 'Trees'])).to.equal('There is a tie for first place: “Benches” and “Trees”.');
  });
});

// On a phone (390 px) the results table of a vote with no paper votes had six columns, two of them
// ("Online", "On paper") repeating the total and zero: the numbers were pushed out of sight.
describe('<co-vote-results> table', () => {
  async function table(paper: boolean) {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'High street' });
    const fac = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    createPoll(fac.session, { id: 'v', title: 'What first?', method: 'dots', options: [{ id: 'a', label: 'Benches' }, { id: 'b', label: 'Trees' }], allowance: 3, perOptionCap: 2, open: true });
    castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', { a: 2, b: 1 });
    if (paper) addPaperVote(fac.session, 'v', { choices: { b: 3 } });
    revealElement(fac.session, 'v');
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${fac}><co-vote-results vote="v"></co-vote-results></co-workshop>`);
    const results = el.querySelector('co-vote-results') as CoVoteResults;
    await waitFor(() => (results.shadowRoot?.querySelectorAll('tbody tr').length ?? 0) === 2, 'the table');
    const cells = (row: Element) => [...row.children].map((c) => c.textContent!.trim());
    return {
      head: cells(results.shadowRoot!.querySelector('thead tr')!),
      rows: [...results.shadowRoot!.querySelectorAll('tbody tr')].map(cells),
      results,
    };
  }

  it('leaves out the "Online" and "On paper" columns when nobody voted on paper', async () => {
    const { head, rows, results } = await table(false);
    expect(head).to.deep.equal(['Place', 'Option', 'Total', 'Ballots for it']);
    expect(rows).to.deep.equal([['1st', 'Benches', '2', '1'], ['2nd', 'Trees', '1', '1']]);
    await expect(results).to.be.accessible();
  });

  it('keeps them when there are paper votes', async () => {
    const { head, rows } = await table(true);
    expect(head).to.deep.equal(['Place', 'Option', 'Online', 'On paper', 'Total', 'Ballots for it']);
    expect(rows[0]).to.deep.equal(['1st', 'Trees', '1', '3', '4', '2']);
  });
});
