// Loose ends of the hostile-text work (reviews), through what people use:
// - a vote option's name in the paper-vote form is shortened at whole characters (an emoji at the
//   cut stays whole, never half a surrogate pair that screen readers read out as noise);
// - the idea card's tag field has no maxlength (it cut pasted text silently): it counts, and
//   saving a tag that is too long says so next to the field, in words, and saves nothing;
// - core's text errors ("too many accents on one letter") on the board and the journey map are in
//   Welsh too, not core's English.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { addIdea, createJourney, createPoll, createWorkshop, readBoard, readJourney, type PollInput } from '@coproduce/core';
import '../src/index.js';
import type { CoVote, CoVoteControls, CoWorkshop } from '../src/index.js';
import { cardsOf, deepActive, localBoard, localRuntime, mapOf, settleAll, shadowQuery, waitFor } from './helpers.js';

/** No lone surrogate (with the `u` flag a lone half matches `\p{Cs}`). */
const WELL_FORMED = /^\P{Cs}*$/u;
const MARKS = `a${'\u0316'.repeat(40)}`;

describe('vote option names shortened in the paper-vote form', () => {
  it('keep an emoji at the cut whole', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    const long = `${'x'.repeat(58)}👩🏽‍💻 and a bench for the coders`;
    createPoll(facilitator.session, {
      id: 'v', title: 'Which first?', method: 'dots', allowance: 3, open: true,
      options: [{ id: 'coders', label: long }, { id: 'trees', label: 'Street trees' }],
    } as PollInput);
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${facilitator}><co-vote vote="v"></co-vote></co-workshop>`);
    const vote = el.querySelector('co-vote') as CoVote;
    await waitFor(() => !!vote.shadowRoot?.querySelector('co-vote-controls')?.shadowRoot?.querySelector('label[for="paper-amount-0"]'), 'the paper-vote form');
    const c = vote.shadowRoot!.querySelector('co-vote-controls') as CoVoteControls;
    await settleAll(c);
    const label = c.shadowRoot!.querySelector('label[for="paper-amount-0"]')!.textContent ?? '';
    expect(label).to.contain(`${'x'.repeat(58)}👩🏽‍💻…`);
    expect(label).to.match(WELL_FORMED);
    expect(c.shadowRoot!.querySelector('label[for="paper-amount-1"]')!.textContent).to.contain('Street trees');
    facilitator.destroy();
  });
});

describe('<co-idea-card> tag field', () => {
  it('takes a pasted tag past the limit, counts it, and refuses to save it with the reason next to the field', async () => {
    const { el, b, runtime, doc } = await localBoard('participant');
    addIdea(runtime.session, { boardId: 'main', text: 'Benches by the library', tag: 'seating' });
    await waitFor(() => cardsOf(b).length === 1, 'the card');
    const card = cardsOf(b)[0]!;
    await card.updateComplete;
    shadowQuery(card, '[data-action="edit"]').click();
    await waitFor(() => card.shadowRoot!.querySelector('input[name="tag"]') !== null, 'the edit form');
    const tag = shadowQuery<HTMLInputElement>(card, 'input[name="tag"]');
    expect(tag.hasAttribute('maxlength')).to.equal(false);
    tag.focus();
    tag.select();
    // 31 emoji are 62 UTF-16 units and 31 characters: the count says how many are left.
    await sendKeys({ type: '🌳'.repeat(31) });
    await card.updateComplete;
    const count = () => shadowQuery(card, `#edit-tag-count-${card.idea!.id}`).textContent?.trim();
    expect(count()).to.equal('You have 9 characters left');
    await sendKeys({ type: ' shade for everyone' });
    await card.updateComplete;
    expect(tag.value).to.equal(`${'🌳'.repeat(31)} shade for everyone`);
    expect(count()).to.equal('You have 10 characters too many');

    shadowQuery<HTMLButtonElement>(card, 'form.edit button[type="submit"]').click();
    await card.updateComplete;
    const error = shadowQuery(card, `#edit-tag-error-${card.idea!.id}`).textContent?.replace(/\s+/g, ' ').trim();
    expect(error).to.equal('Error: This must be 40 characters or fewer. It has 50.');
    expect(tag.getAttribute('aria-invalid')).to.equal('true');
    expect(tag.getAttribute('aria-describedby')).to.contain(`edit-tag-error-${card.idea!.id}`);
    await waitFor(() => deepActive() === tag, 'the keyboard on the tag');
    expect(readBoard(doc, 'main').ideas[0]!.tag).to.equal('seating');
    await expect(el).to.be.accessible();

    // Shortened, it saves.
    for (let i = 0; i < 10; i++) await sendKeys({ press: 'Backspace' });
    shadowQuery<HTMLButtonElement>(card, 'form.edit button[type="submit"]').click();
    await waitFor(() => readBoard(doc, 'main').ideas[0]!.tag === `${'🌳'.repeat(31)} shade fo`, 'the tag to save');
  });
});

describe('core’s text errors in Welsh', () => {
  it('on the board: too many accents on one letter', async () => {
    const { b, doc } = await localBoard('participant', { lang: 'cy' });
    const text = shadowQuery<HTMLTextAreaElement>(b, '#idea-text');
    text.value = MARKS;
    text.dispatchEvent(new InputEvent('input'));
    shadowQuery<HTMLButtonElement>(b, 'form.add button[type="submit"]').click();
    await waitFor(() => b.shadowRoot!.querySelector('#idea-error') !== null, 'the error');
    expect(shadowQuery(b, '#idea-error').textContent).to.contain('Mae gormod o acenion neu farciau ar un llythyren yn hwn.');
    expect(readBoard(doc, 'main').ideas).to.have.length(0);
  });

  it('on the journey map: too many accents on one letter, and hidden characters', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const runtime = localRuntime({ id: 'sam', name: 'Sam', role: 'facilitator' }, doc);
    createJourney(runtime.session, { id: 'bus', title: 'Bus trip', stages: ['Plan', 'Ride'], lanes: [{ title: 'Doing', kind: 'actions' }] });
    const el = await fixture<CoWorkshop>(html`<co-workshop lang="cy" .runtime=${runtime}><co-journey-map map="bus" layout="grid"></co-journey-map></co-workshop>`);
    const m = mapOf(el);
    const journey = readJourney(doc, 'bus');
    const add = `[data-add="${journey.stages[0]!.id}|${journey.lanes[0]!.id}"]`;
    await waitFor(() => m.shadowRoot?.querySelector(add) != null, 'the map');
    for (const [typed, words] of [[MARKS, 'Mae gormod o acenion neu farciau ar un llythyren yn hwn.'], ['Bws\u0007', 'Mae nodau cudd neu doredig yn hwn']] as const) {
      if (m.shadowRoot!.querySelector('#new-card-text') === null) shadowQuery(m, add).click();
      await m.updateComplete;
      const box = shadowQuery<HTMLTextAreaElement>(m, '#new-card-text');
      box.value = typed;
      box.dispatchEvent(new InputEvent('input'));
      shadowQuery(m, '.inline-form button[type="submit"]').click();
      await waitFor(() => m.shadowRoot!.querySelector('#new-card-error') !== null, 'the error');
      expect(shadowQuery(m, '#new-card-error').textContent).to.contain(words);
    }
    expect(readJourney(doc, 'bus').cells.every((cell) => cell.cards.length === 0)).to.equal(true);
    runtime.destroy();
  });
});
