// Hostile-text fixes in the elements, through what people use:
// - buttons named after an idea ("Comments: …", "Move “…” to") cut the idea's text at whole
//   characters, never in the middle of an emoji (a lone surrogate is read out as noise);
// - the lock reason and the paper-vote note have no maxlength (it counts UTF-16 units where core
//   counts characters, and cut pasted text silently): typing past the limit shows a count and,
//   on saving, the usual error with the field, in English and Welsh; nothing is saved.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { addIdea, createBoard, createPoll, createWorkshop, readControl, readPoll, type PollInput } from '@coproduce/core';
import '../src/index.js';
import type { CoFacilitatorPanel, CoVote, CoVoteControls, CoWorkshop } from '../src/index.js';
import { cardsOf, deepActive, localBoard, localRuntime, settleAll, shadowQuery, waitFor } from './helpers.js';

/** No lone surrogate (with the `u` flag a lone half matches `\p{Cs}`). */
const WELL_FORMED = /^\P{Cs}*$/u;

describe('idea names in buttons', () => {
  it('cut whole characters: an emoji at the cut stays whole', async () => {
    const { b, runtime } = await localBoard('participant');
    const text = `${'x'.repeat(59)}😀 and the rest of a long idea about benches`;
    addIdea(runtime.session, { boardId: 'main', text });
    await waitFor(() => cardsOf(b).length === 1, 'the card');
    const card = cardsOf(b)[0]!;
    await card.updateComplete;
    const hidden = shadowQuery(card, '[data-action="comments"] .visually-hidden').textContent ?? '';
    expect(hidden).to.equal(`: ${'x'.repeat(59)}😀…`);
    expect(hidden).to.match(WELL_FORMED);

    // The reactions menu is named after the idea too (40 characters).
    const other = `${'y'.repeat(39)}👩🏽‍💻 writes code`;
    addIdea(runtime.session, { boardId: 'main', text: other });
    await waitFor(() => cardsOf(b).length === 2, 'the second card');
    const second = cardsOf(b).find((c) => c.idea?.text === other)!;
    await second.updateComplete;
    shadowQuery(second, '[data-action="react"]').click();
    await waitFor(() => (b.shadowRoot!.querySelector('co-menu')?.shadowRoot?.querySelector('[aria-label]') ?? null) !== null, 'the reactions menu');
    const label = b.shadowRoot!.querySelector('co-menu')!.shadowRoot!.querySelector('[aria-label]')!.getAttribute('aria-label') ?? '';
    // (Left-to-right text needs no isolating marks in an English sentence.)
    expect(label).to.equal(`React to “${'y'.repeat(39)}👩🏽‍💻…”`);
    expect(label).to.match(WELL_FORMED);
  });
});

async function localPanel(lang = 'en') {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'High street' });
  const runtime = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  createBoard(runtime.session, { id: 'main', title: 'Ideas' });
  const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${runtime}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
  const panel = el.querySelector('co-facilitator-panel') as CoFacilitatorPanel;
  await waitFor(() => panel.shadowRoot!.querySelector('#lock-reason') !== null, 'the lock message field');
  return { el, doc, panel };
}

describe('<co-facilitator-panel> lock reason', () => {
  it('takes more than 200 characters typed, counts them and refuses to lock with the reason why', async () => {
    const { el, doc, panel } = await localPanel();
    const reason = shadowQuery<HTMLInputElement>(panel, '#lock-reason');
    expect(reason.hasAttribute('maxlength')).to.equal(false);
    reason.focus();
    // 190 emoji are 380 UTF-16 units, and 190 characters: allowed.
    await sendKeys({ type: '😀'.repeat(190) });
    await panel.updateComplete;
    expect(reason.value).to.equal('😀'.repeat(190));
    expect(shadowQuery(panel, '#lock-reason-count').textContent?.trim()).to.equal('You have 10 characters left');
    await sendKeys({ type: 'We are grouping now' });
    await panel.updateComplete;
    expect(reason.value).to.have.length(380 + 19);
    expect(shadowQuery(panel, '#lock-reason-count').textContent?.trim()).to.equal('You have 9 characters too many');

    shadowQuery(panel, 'li[data-element="main"] [data-action="lock"]').click();
    await panel.updateComplete;
    expect(readControl(doc).locks).to.have.length(0);
    expect(shadowQuery(panel, '#lock-reason-error').textContent?.replace(/\s+/g, ' ').trim()).to.equal('Error: This must be 200 characters or fewer. It has 209.');
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(reason.getAttribute('aria-describedby')).to.contain('lock-reason-error');
    await waitFor(() => deepActive() === reason, 'the keyboard back on the reason');

    // Shortened, it locks, and the error goes.
    for (let i = 0; i < 9; i++) await sendKeys({ press: 'Backspace' });
    shadowQuery(panel, 'li[data-element="main"] [data-action="lock"]').click();
    await waitFor(() => readControl(doc).locks.length === 1, 'the board to lock');
    await panel.updateComplete;
    expect(readControl(doc).locks[0]?.reason).to.equal(`${'😀'.repeat(190)}We are gro`);
    expect(panel.shadowRoot!.querySelector('#lock-reason-error')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says what is wrong in Welsh, including too many accents on one letter', async () => {
    const { doc, panel } = await localPanel('cy');
    const reason = shadowQuery<HTMLInputElement>(panel, '#lock-reason');
    reason.value = `a${'\u0316'.repeat(40)}`;
    reason.dispatchEvent(new Event('input'));
    shadowQuery(panel, 'li[data-element="main"] [data-action="lock"]').click();
    await panel.updateComplete;
    expect(readControl(doc).locks).to.have.length(0);
    expect(shadowQuery(panel, '#lock-reason-error').textContent).to.contain('Mae gormod o acenion neu farciau ar un llythyren yn hwn.');
    reason.value = 'x'.repeat(201);
    reason.dispatchEvent(new Event('input'));
    shadowQuery(panel, 'li[data-element="main"] [data-action="lock"]').click();
    await panel.updateComplete;
    expect(shadowQuery(panel, '#lock-reason-error').textContent).to.contain('Rhaid i hwn fod yn 200 o nodau neu lai. Mae ganddo 201.');
    expect(shadowQuery(panel, '#lock-reason-count').textContent?.trim()).to.equal('Mae gennych 1 nod yn ormod');
  });
});

describe('<co-vote-controls> paper-vote note', () => {
  it('takes more than 200 characters typed, counts them and refuses the entry with the reason why', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    createPoll(facilitator.session, { id: 'v', title: 'Which first?', method: 'single', options: [{ id: 'benches', label: 'More benches' }, { id: 'trees', label: 'Street trees' }], open: true } as PollInput);
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${facilitator}><co-vote vote="v"></co-vote></co-workshop>`);
    const vote = el.querySelector('co-vote') as CoVote;
    await waitFor(() => !!vote.shadowRoot?.querySelector('co-vote-controls')?.shadowRoot?.querySelector('#paper-note'), 'the paper-vote form');
    const c = vote.shadowRoot!.querySelector('co-vote-controls') as CoVoteControls;
    const q = <T extends HTMLElement>(s: string) => c.shadowRoot!.querySelector<T>(s)!;
    q<HTMLDetailsElement>('details.paper').open = true;
    await settleAll(c);
    const note = q<HTMLInputElement>('#paper-note');
    expect(note.hasAttribute('maxlength')).to.equal(false);
    const count = q<HTMLInputElement>('#paper-count');
    count.focus();
    await sendKeys({ type: '3' });
    q<HTMLInputElement>('input[name="paper-choice"]').click();
    note.focus();
    await sendKeys({ type: 'Wall chart at the library, '.repeat(8) });
    await settleAll(c);
    const typed = 'Wall chart at the library, '.repeat(8);
    expect(note.value).to.equal(typed);
    expect(q('#paper-note-count').textContent?.trim()).to.equal(`You have ${typed.length - 200} characters too many`);
    q<HTMLButtonElement>('[data-paper-submit]').click();
    await settleAll(c);
    expect(readPoll(doc, 'v').paperVotes ?? []).to.have.length(0);
    expect(q('#paper-note-error').textContent?.replace(/\s+/g, ' ').trim()).to.equal(`Error: This must be 200 characters or fewer. It has ${typed.trim().length}.`);
    expect(note.getAttribute('aria-invalid')).to.equal('true');
    await waitFor(() => deepActive() === note, 'the keyboard on the note');
    await expect(el).to.be.accessible();
  });
});
