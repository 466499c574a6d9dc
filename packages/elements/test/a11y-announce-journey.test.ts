// A journey map on a phone and its card form, as a screen reader hears them: changing stage says
// the stage's number and name (through the workshop's announcer), and Escape in the new-card form
// keeps what was typed, and says so.
import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { readJourney } from '@coproduce/core';
import '../src/index.js';
import { cellOf, deepActive, named, settleAll, shadowQuery as $, waitFor } from './helpers.js';
import { visitMap } from './journey-helpers.js';

describe('<co-journey-map> on a phone: changing stage', () => {
  afterEach(async () => {
    await setViewport({ width: 1200, height: 800 });
  });

  it('says the stage’s number and name, once, through the workshop’s announcer', async () => {
    await setViewport({ width: 360, height: 740 });
    const { m, said } = await visitMap('stages');
    $(m, '[data-action="next-stage"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(m, '#phone-stage-title').textContent === 'During', 'the second stage');
    expect(said).to.deep.equal(['Stage 2 of 3: During']);
    // The visible line is not a second live region saying it again without the name.
    expect(m.shadowRoot!.querySelectorAll('[aria-live]:not([data-announcer])').length).to.equal(0);
    const select = $<HTMLSelectElement>(m, '#go-to-stage');
    select.value = select.options[2]!.value;
    select.dispatchEvent(new Event('change'));
    await waitFor(() => $(m, '#phone-stage-title').textContent === 'After', 'the last stage');
    expect(said).to.deep.equal(['Stage 2 of 3: During', 'Stage 3 of 3: After']);
    // Pressing "Next" on the last stage changes nothing, and says nothing.
    $(m, '[data-action="next-stage"]').click();
    await settleAll(m);
    expect(said).to.have.length(2);
  });

  it('speaks Welsh', async () => {
    await setViewport({ width: 360, height: 740 });
    const { m, said } = await visitMap('stages', { lang: 'cy' });
    $(m, '[data-action="next-stage"]').click();
    await waitFor(() => said.length === 1, 'the stage said');
    expect(said).to.deep.equal(['Cam 2 o 3: During']);
  });
});

describe('<co-journey-map>: Escape in the new-card form', () => {
  it('keeps what was typed, says so, and gives it back when the form opens again', async () => {
    const { m, doc, said, stages, lanes } = await visitMap('grid');
    const add = () => cellOf(m, lanes[1]!.id, stages[0]!.id).querySelector<HTMLElement>('[data-action="add-card"]')!;
    add().focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.id === 'new-card-text', 'the card box');
    await sendKeys({ type: 'No parking near the shops' });
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !m.shadowRoot!.querySelector('#new-card-text'), 'the form to close');
    await waitFor(() => deepActive() === add(), `the keyboard back on "Add a card" (on ${named(deepActive())})`);
    expect(said).to.deep.equal(['Your card has not been added. What you wrote is kept: choose “Add a card” here to carry on.']);
    expect(readJourney(doc, 'visit').cells.flatMap((c) => c.cards)).to.have.length(0);

    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.id === 'new-card-text', 'the card box again');
    expect((deepActive() as HTMLTextAreaElement).value).to.equal('No parking near the shops');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: '!' });
    $(m, '.inline-form button[type="submit"]').click();
    await waitFor(() => readJourney(doc, 'visit').cells.flatMap((c) => c.cards).length === 1, 'the card');
    expect(readJourney(doc, 'visit').cells.flatMap((c) => c.cards)[0]!.text).to.equal('No parking near the shops!');

    // "Cancel" is the way to throw it away; an empty box closes with nothing said.
    await sendKeys({ type: 'Dropped' });
    $(m, '.inline-form button[data-variant="secondary"]').click();
    await waitFor(() => !m.shadowRoot!.querySelector('#new-card-text'), 'the form to close');
    add().click();
    await waitFor(() => !!m.shadowRoot!.querySelector('#new-card-text'), 'the form again');
    expect(m.shadowRoot!.querySelector<HTMLTextAreaElement>('#new-card-text')!.value).to.equal('');
    const before = said.length;
    m.shadowRoot!.querySelector<HTMLElement>('#new-card-text')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !m.shadowRoot!.querySelector('#new-card-text'), 'the empty form to close');
    expect(said.length).to.equal(before);
  });
});
