import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import {
  castBallot, closePoll, createPoll, createWorkshop, lockElement, openPoll, readPoll, revealElement, type PollInput,
} from '@coproduce/core';
import '../src/index.js';
import { Announcer, WorkshopRuntime, type CoVote, type CoVoteControls, type CoVoteResults, type CoWorkshop } from '../src/index.js';
import { deepActive, localRuntime, named, recordAnnouncements, settleAll, shadowQuery as $, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const OPTIONS = [
  { id: 'benches', label: 'More benches' },
  { id: 'trees', label: 'Street trees' },
  { id: 'lights', label: 'Better lighting' },
];
const DOTS: PollInput = { id: 'v', title: 'What should we do first?', method: 'dots', options: OPTIONS, allowance: 5, perOptionCap: 2, open: true };
const BUDGET: PollInput = {
  id: 'v', title: 'Spend £100,000', method: 'budget', budget: 100_000, open: true,
  options: [{ id: 'benches', label: 'More benches', cost: 60_000 }, { id: 'trees', label: 'Street trees' }, { id: 'lights', label: 'Better lighting' }],
};

/** A facilitator and Sam on one document; Sam's page shows the vote. */
async function localVote(input: PollInput, role: 'participant' | 'facilitator' = 'participant') {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  const runtime = role === 'facilitator' ? facilitator : localRuntime({ id: 'sam', name: 'Sam', role }, doc);
  createPoll(facilitator.session, input);
  const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-vote vote="v"></co-vote></co-workshop>`);
  const vote = el.querySelector('co-vote') as CoVote;
  await settleAll(vote);
  return { el, vote, doc, facilitator, runtime };
}

describe('<co-vote>: the ballot going away under the voter', () => {
  it('keeps the keyboard on the closed-vote notice, and says the unsaved choices did not count', async () => {
    const { vote, facilitator, runtime } = await localVote(DOTS);
    const said = recordAnnouncements(runtime);
    $(vote, '[data-step="add"][data-option="trees"]').focus();
    await sendKeys({ press: 'Enter' });
    await settleAll(vote);
    expect(said.at(-1)).to.contain('1 dot on “Street trees”.');
    expect(named(deepActive())).to.equal(named($(vote, '[data-step="add"][data-option="trees"]')));

    closePoll(facilitator.session, 'v');
    await waitFor(() => !vote.shadowRoot!.querySelector('form.ballot'), 'the ballot to go');
    await settleAll(vote);
    const notice = $(vote, '[data-ballot-notice]');
    expect(named(deepActive())).to.equal(named(notice));
    expect(notice.getAttribute('tabindex')).to.equal('-1');
    const words = notice.textContent!.replace(/\s+/g, ' ');
    expect(words).to.contain('Voting has closed. You did not vote.');
    expect(words).to.contain('You had not saved your choices when voting stopped, so they have not been counted.');
    expect(words).to.contain('You did not vote.');
    runtime.announcer.flush();
    expect(said.at(-1)).to.equal('Voting has closed: What should we do first? You had not saved your choices when voting stopped, so they have not been counted.');
    await expect(vote).to.be.accessible();

    // Open again: the ballot is back, with the choice still there to save.
    openPoll(facilitator.session, 'v');
    await waitFor(() => !!vote.shadowRoot!.querySelector('form.ballot'), 'the ballot to come back');
    await settleAll(vote);
    expect(named(vote.shadowRoot!.querySelector('[data-unsaved-dropped]'))).to.equal('nothing');
    expect($(vote, '[part="allowance"]').textContent).to.contain('Dots left: 4 of 5');
  });

  it('says nothing of unsaved choices when there were none, and leaves the keyboard alone when it was elsewhere', async () => {
    const { el, vote, facilitator, runtime } = await localVote(DOTS);
    const said = recordAnnouncements(runtime);
    const outside = document.createElement('button');
    outside.textContent = 'Elsewhere on the page';
    el.after(outside);
    outside.focus();
    lockElement(facilitator.session, 'v', 'We are reading the ideas aloud');
    await waitFor(() => !vote.shadowRoot!.querySelector('form.ballot'), 'the ballot to go');
    await settleAll(vote);
    expect(named(document.activeElement)).to.equal(named(outside));
    expect(named(vote.shadowRoot!.querySelector('[data-unsaved-dropped]'))).to.equal('nothing');
    runtime.announcer.flush();
    expect(said).to.deep.equal(['The facilitator has paused this vote, so votes cannot be changed right now.']);
    outside.remove();
  });
});

describe('<co-vote>: budget amounts that are not amounts', () => {
  it('says why, marks the box invalid and points it at the reason', async () => {
    const { vote, runtime } = await localVote(BUDGET);
    const said = recordAnnouncements(runtime);
    const trees = $<HTMLInputElement>(vote, '[data-money="trees"]');
    trees.focus();
    trees.select();
    await sendKeys({ type: 'abc' });
    await sendKeys({ press: 'Tab' });
    await settleAll(vote);
    expect(said).to.deep.equal(['Enter a whole number of pounds, like 500.']);
    expect(trees.getAttribute('aria-invalid')).to.equal('true');
    const describedBy = trees.getAttribute('aria-describedby');
    expect(describedBy).to.be.a('string');
    expect(vote.shadowRoot!.getElementById(describedBy!)!.textContent).to.equal('Enter a whole number of pounds, like 500.');
    // The other boxes are not marked.
    expect($(vote, '[data-money="lights"]').getAttribute('aria-invalid')).to.equal('false');
    await expect(vote).to.be.accessible();

    // A real amount clears it.
    trees.focus();
    trees.select();
    await sendKeys({ type: '500' });
    await sendKeys({ press: 'Tab' });
    await settleAll(vote);
    expect(trees.getAttribute('aria-invalid')).to.equal('false');
    expect(trees.hasAttribute('aria-describedby')).to.equal(false);
    expect(said.at(-1)).to.contain('£500 on “Street trees”.');
  });
});

describe('<co-vote-controls>: resetting votes', () => {
  it('Escape answers no to "delete all votes?" and returns the keyboard to the Reset button', async () => {
    const { vote, doc } = await localVote(DOTS, 'facilitator');
    castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', { trees: 2 });
    const controls = vote.shadowRoot!.querySelector('co-vote-controls') as CoVoteControls;
    await waitFor(() => !!controls.shadowRoot?.querySelector('[data-control="reset"]'), 'the controls');
    $(controls, '[data-control="reset"]').focus();
    await sendKeys({ press: 'Enter' });
    await settleAll(controls);
    expect(named(deepActive())).to.equal(named($(controls, '[data-control="reset-confirm"]')));
    await sendKeys({ press: 'Escape' });
    await settleAll(controls);
    expect(named(controls.shadowRoot!.querySelector('[data-control="reset-confirm"]'))).to.equal('nothing');
    expect(named(deepActive())).to.equal(named($(controls, '[data-control="reset"]')));
    expect(readPoll(doc, 'v').results!.voters.online).to.equal(1);
  });
});

describe('<co-vote>: focus on a button that is switched off', () => {
  it('keeps the focus ring at full strength while the button still looks off', async () => {
    const { vote } = await localVote(DOTS);
    const off = $<HTMLButtonElement>(vote, '[data-step="remove"][data-option="trees"]');
    expect(off.getAttribute('aria-disabled')).to.equal('true');
    expect(getComputedStyle(off).opacity).to.equal('0.6');
    // Reach it from the keyboard, as a keyboard user does.
    $(vote, '[data-option="benches"][data-step="add"]').focus();
    await sendKeys({ press: 'Tab' });
    expect(named(deepActive())).to.equal(named(off));
    expect(off.matches(':focus-visible')).to.equal(true);
    const style = getComputedStyle(off);
    expect(style.opacity).to.equal('1');
    expect(style.outlineStyle).to.equal('solid');
    expect(style.outlineWidth).to.equal('3px');
    expect(style.outlineColor).to.equal('rgb(255, 221, 0)');
    expect(style.boxShadow).to.contain('rgb(11, 12, 12)');
    // Still looks switched off: a dashed edge and a paler label than an enabled focused button's.
    expect(style.borderTopStyle).to.equal('dashed');
    expect(style.color).not.to.equal('rgb(11, 12, 12)');
    // With forced colours the ring is the system's highlight colour.
    const forced = [...(vote.shadowRoot!.adoptedStyleSheets ?? [])]
      .flatMap((sheet) => [...sheet.cssRules])
      .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText.includes('forced-colors'))
      .flatMap((rule) => [...rule.cssRules] as CSSStyleRule[])
      .find((rule) => rule.selectorText === ".button[aria-disabled=\"true\"]:focus-visible");
    expect(forced?.style.outline).to.contain('highlight');
  });
});

describe('<co-vote>: narrow screens', () => {
  it('keeps the open/closed dot round when its tag wraps onto two lines', async () => {
    const { vote } = await localVote(DOTS);
    vote.style.display = 'block';
    vote.style.width = '110px';
    await settleAll(vote);
    const tag = $(vote, '.tag[data-state]');
    const icon = $(vote, '.tag-icon');
    const line = parseFloat(getComputedStyle(tag).lineHeight) || 20;
    expect(tag.getBoundingClientRect().height).to.be.above(line * 1.5, 'the tag wraps');
    const box = icon.getBoundingClientRect();
    expect(box.width).to.be.above(0);
    expect(Math.abs(box.width - box.height)).to.be.below(0.5);
  });
});

describe('the announcer', () => {
  it('joins messages without doubling their full stops, and keeps questions and ellipses', () => {
    const announcer = new Announcer();
    const said: string[] = [];
    announcer.say = (message: string) => void said.push(message);
    announcer.later('a', () => 'Voting is now open.');
    announcer.later('b', () => 'Mae’r bleidlais ar agor nawr.');
    announcer.later('c', () => 'Ready?');
    announcer.later('d', () => 'Saving…');
    announcer.later('e', () => 'The workshop is set up from “Dot votes”.');
    announcer.later('f', () => '3 new ideas');
    announcer.later('g', () => null);
    announcer.later('h', () => 'Results updated');
    announcer.flush();
    expect(said).to.deep.equal([
      'Voting is now open. Mae’r bleidlais ar agor nawr. Ready? Saving… The workshop is set up from “Dot votes”. 3 new ideas. Results updated',
    ]);
    announcer.dispose();
  });

  it('names each vote that opens, in English and in Welsh', async () => {
    for (const [lang, expected] of [
      ['en', 'Voting is now open: What should we do first? Voting is now open: Bins'],
      ['cy', 'Mae’r bleidlais ar agor nawr: What should we do first? Mae’r bleidlais ar agor nawr: Bins'],
    ] as const) {
      const doc = new Y.Doc();
      createWorkshop(doc, { title: 'Test' });
      const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
      const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
      createPoll(facilitator.session, { ...DOTS, open: false });
      createPoll(facilitator.session, { id: 'bins', title: 'Bins', method: 'single', options: OPTIONS, open: false });
      const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${sam}><co-vote vote="v"></co-vote><co-vote vote="bins"></co-vote></co-workshop>`);
      const said = recordAnnouncements(sam);
      await settleAll(...el.querySelectorAll('co-vote'));
      openPoll(facilitator.session, 'v');
      openPoll(facilitator.session, 'bins');
      sam.announcer.flush();
      expect(said).to.deep.equal([expected]);
    }
  });
});

describe('<co-vote> opening on a room where a vote is already open', () => {
  const runtimes: WorkshopRuntime[] = [];
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('shows the vote and its results without announcing them as news, then announces what changes', async () => {
    const room = uniqueRoom('vote-load');
    const fac = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' }), offline: false });
    runtimes.push(fac);
    await waitFor(() => fac.status === 'synced' && fac.ready, 'the facilitator to sync');
    createPoll(fac.session, DOTS);
    revealElement(fac.session, 'v');
    castBallot(fac.session, 'v', { trees: 2 });
    await waitFor(() => !fac.hasUnsyncedChanges, 'the vote to reach the server');

    const sam = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'sam', name: 'Sam', role: 'participant' }), offline: false });
    runtimes.push(sam);
    const said = recordAnnouncements(sam);
    // The results shown apart from the vote (as on a projector page), so they are there before the first sync.
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${sam}>
      <co-vote vote="v" no-results></co-vote><co-vote-results vote="v"></co-vote-results>
    </co-workshop>`);
    const vote = el.querySelector('co-vote') as CoVote;
    const results = el.querySelector('co-vote-results') as CoVoteResults;
    await waitFor(() => !!vote.shadowRoot?.querySelector('form.ballot'), 'Sam’s ballot');
    await waitFor(() => !!results.shadowRoot?.querySelector('table'), 'the results Sam can see');
    await waitFor(() => sam.status === 'synced', 'Sam to sync');
    sam.announcer.flush();
    expect(said).to.deep.equal([]);

    closePoll(fac.session, 'v');
    await waitFor(() => said.includes('Voting has closed: What should we do first?'), 'the close to be announced', 8000);
  });
});
