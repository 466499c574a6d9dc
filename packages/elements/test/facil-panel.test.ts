// A facilitator's review of a live workshop: the lock message typed for one board went, unseen,
// with everything locked after it (a journey map locked later told participants "We are grouping
// the ideas now.").
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { createBoard, createJourney, createWorkshop, readControl } from '@coproduce/core';
import '../src/index.js';
import type { CoFacilitatorPanel, CoWorkshop } from '../src/index.js';
import { deepActive, localRuntime, named, shadowQuery, tabUntil, waitFor } from './helpers.js';

describe('<co-facilitator-panel> lock message', () => {
  it('goes with the next thing locked only, and the field says so', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'High street' });
    const runtime = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    createBoard(runtime.session, { id: 'main', title: 'Ideas' });
    createJourney(runtime.session, { id: 'visit', title: 'A visit', stages: ['Arrive'], lanes: [{ title: 'Pain points', kind: 'painPoints' }] });
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
    const panel = el.querySelector('co-facilitator-panel') as CoFacilitatorPanel;
    await waitFor(() => panel.shadowRoot!.querySelector('#lock-reason') !== null, 'the lock message field');
    const reason = shadowQuery<HTMLInputElement>(panel, '#lock-reason');
    expect(shadowQuery(panel, '#lock-reason-hint').textContent).to.contain('It goes with the next thing you lock only.');

    // By keyboard: type the message, Tab to the board's Lock button, press Enter.
    reason.focus();
    await sendKeys({ type: 'We are grouping the ideas now.' });
    await tabUntil((a) => a?.matches('li[data-element="main"] [data-action="lock"]') ?? false, "the board's Lock button");
    await sendKeys({ press: 'Enter' });
    await waitFor(() => readControl(doc).locks.some((l) => l.elementId === 'main'), 'the board to lock');
    await panel.updateComplete;
    expect(readControl(doc).locks.find((l) => l.elementId === 'main')?.reason).to.equal('We are grouping the ideas now.');
    expect(reason.value).to.equal('');
    expect(named(deepActive())).to.equal(named(shadowQuery(panel, 'li[data-element="main"] [data-action="unlock"]')));

    // The journey map locked next says nothing it was not given.
    shadowQuery(panel, 'li[data-element="visit"] [data-action="lock"]').click();
    await waitFor(() => readControl(doc).locks.some((l) => l.elementId === 'visit'), 'the map to lock');
    expect(readControl(doc).locks.find((l) => l.elementId === 'visit')?.reason ?? '').to.equal('');
  });
});

// Setting up from a template by keyboard dropped the keyboard on the page: the set-up section and
// its button move from the top of the panel to the end once the workshop has things in it.
describe('<co-facilitator-panel> set-up from a template', () => {
  it('keeps the keyboard on the confirmation, which takes the pressed button’s place', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Empty' });
    const runtime = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
    const panel = el.querySelector('co-facilitator-panel') as CoFacilitatorPanel;
    await waitFor(() => panel.shadowRoot!.querySelector('#template-ideas-and-dot-votes') !== null, 'the templates');
    shadowQuery(panel, '#template-ideas-and-dot-votes').focus();
    await sendKeys({ press: 'ArrowDown' });
    await tabUntil((a) => a?.matches('[data-action="apply-template"]') ?? false, 'Set up the workshop');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => doc.getMap('journeys').has('journey'), 'the service journey template');
    await waitFor(() => deepActive()?.matches('.done') ?? false, 'the keyboard on the confirmation', 3000).catch(() => undefined);
    const active = deepActive();
    expect(named(active)).to.equal(named(shadowQuery(panel, '[data-section="setup"] .done')));
    expect(active!.textContent).to.contain('Service journey');
    expect(document.activeElement).not.to.equal(document.body);
  });
});
