// A participant's keyboard when the facilitator gives a control back: locking a board or closing a
// vote moves the keyboard to the notice that says why; unlocking or re-opening removes that notice,
// and the keyboard goes to the first control given back (never to the page's body). Only when it
// was on the notice: elsewhere, it is left alone.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { closePoll, createPoll, createWorkshop, lockElement, openPoll, unlockElement, type PollInput } from '@coproduce/core';
import '../src/index.js';
import type { CoVote, CoWorkshop } from '../src/index.js';
import { deepActive, localBoard, localRuntime, named, recordAnnouncements, settleAll, shadowQuery as $, waitFor } from './helpers.js';

const DOTS: PollInput = {
  id: 'v', title: 'What should we do first?', method: 'dots', open: true, allowance: 3,
  options: [{ id: 'benches', label: 'More benches' }, { id: 'trees', label: 'Street trees' }],
};

async function localVote() {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  const runtime = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
  createPoll(facilitator.session, DOTS);
  const el = await fixture<CoWorkshop>(html`<co-workshop lang="en" .runtime=${runtime}><co-vote vote="v"></co-vote></co-workshop>`);
  const vote = el.querySelector('co-vote') as CoVote;
  await settleAll(vote);
  return { el, vote, facilitator, runtime };
}

describe('<co-idea-board>: unlocking gives the keyboard back to the idea box', () => {
  it('moves the keyboard from the lock notice to "Your idea", with the typed draft kept', async () => {
    const { b, facilitator, runtime } = await localBoard();
    const said = recordAnnouncements(runtime);
    b.shadowRoot!.querySelector<HTMLElement>('#idea-text')!.focus();
    await sendKeys({ type: 'A skate park' });
    lockElement(facilitator.session, 'main', 'We are grouping ideas now.');
    await waitFor(() => deepActive()?.hasAttribute('data-why') ?? false, 'the keyboard on the lock notice');
    unlockElement(facilitator.session, 'main');
    await waitFor(() => b.shadowRoot!.querySelector('form.add') !== null, 'the form to come back');
    await settleAll(b);
    await waitFor(() => deepActive()?.id === 'idea-text', `the keyboard on the idea box (on ${named(deepActive())})`);
    expect((deepActive() as HTMLTextAreaElement).value).to.equal('A skate park');
    runtime.announcer.flush();
    expect(said.join(' ')).to.contain('open for changes again');
    // Typing goes on where it was.
    await sendKeys({ type: ' by the river' });
    expect(b.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea-text')!.value).to.equal('A skate park by the river');
  });

  it('leaves the keyboard alone when it was not on the notice', async () => {
    const { el, b, facilitator } = await localBoard();
    const outside = document.createElement('button');
    outside.textContent = 'Elsewhere on the page';
    el.after(outside);
    lockElement(facilitator.session, 'main');
    await waitFor(() => b.shadowRoot!.querySelector('form.add') === null, 'the form to go');
    outside.focus();
    unlockElement(facilitator.session, 'main');
    await waitFor(() => b.shadowRoot!.querySelector('form.add') !== null, 'the form to come back');
    await settleAll(b);
    expect(document.activeElement).to.equal(outside);
    outside.remove();
  });
});

describe('<co-vote>: re-opening gives the keyboard back to the ballot', () => {
  it('moves the keyboard from the "Voting has closed" notice to the first control of the ballot', async () => {
    const { vote, facilitator, runtime } = await localVote();
    const said = recordAnnouncements(runtime);
    $(vote, '[data-step="add"][data-option="benches"]').focus();
    await sendKeys({ press: 'Enter' });
    await settleAll(vote);
    closePoll(facilitator.session, 'v');
    await waitFor(() => !vote.shadowRoot!.querySelector('form.ballot'), 'the ballot to go');
    await settleAll(vote);
    await waitFor(() => deepActive()?.hasAttribute('data-ballot-notice') ?? false, 'the keyboard on the closed notice');

    openPoll(facilitator.session, 'v');
    await waitFor(() => !!vote.shadowRoot!.querySelector('form.ballot'), 'the ballot to come back');
    await settleAll(vote);
    const first = vote.shadowRoot!.querySelector('form.ballot')!.querySelector('button, input, select, textarea');
    await waitFor(() => deepActive() === first, `the keyboard on the ballot's first control (on ${named(deepActive())})`);
    expect(vote.shadowRoot!.querySelector('form.ballot')!.contains(deepActive())).to.equal(true);
    runtime.announcer.flush();
    expect(said.at(-1)).to.contain('What should we do first?');
  });

  it('does the same after a pause (lock), and leaves the keyboard alone when it was elsewhere', async () => {
    const { el, vote, facilitator } = await localVote();
    $(vote, '[data-step="add"][data-option="trees"]').focus();
    lockElement(facilitator.session, 'v');
    await waitFor(() => deepActive()?.hasAttribute('data-ballot-notice') ?? false, 'the keyboard on the paused notice');
    unlockElement(facilitator.session, 'v');
    await waitFor(() => vote.shadowRoot!.querySelector('form.ballot')?.contains(deepActive()) ?? false, `the keyboard in the ballot (on ${named(deepActive())})`);

    const outside = document.createElement('button');
    outside.textContent = 'Elsewhere on the page';
    el.after(outside);
    lockElement(facilitator.session, 'v');
    await waitFor(() => !vote.shadowRoot!.querySelector('form.ballot'), 'the ballot to go again');
    outside.focus();
    unlockElement(facilitator.session, 'v');
    await waitFor(() => !!vote.shadowRoot!.querySelector('form.ballot'), 'the ballot to come back again');
    await settleAll(vote);
    expect(document.activeElement).to.equal(outside);
    outside.remove();
  });
});
