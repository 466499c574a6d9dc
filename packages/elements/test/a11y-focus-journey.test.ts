// A participant on a journey map when the facilitator locks and unlocks it (from elsewhere): the
// lock and the unlock are announced, as on the board and the vote; the keyboard goes from the
// control the lock took away to the notice that says why, and back to a control on unlock.
import { expect } from '@open-wc/testing';
import { lockElement, unlockElement } from '@coproduce/core';
import '../src/index.js';
import { cellOf, deepActive, named, settleAll, waitFor } from './helpers.js';
import { visitMap } from './journey-helpers.js';

describe('<co-journey-map>: a lock from elsewhere', () => {
  it('announces the lock and moves the keyboard from "Add a card" to the notice; back on unlock', async () => {
    const { m, priya, runtime, said, stages, lanes } = await visitMap('grid');
    const cell = cellOf(m, lanes[0]!.id, stages[1]!.id);
    const add = cell.querySelector<HTMLElement>('[data-action="add-card"]')!;
    add.focus();
    expect(deepActive()).to.equal(add);

    lockElement(priya.session, 'visit', 'We are voting now');
    await waitFor(() => !m.shadowRoot!.querySelector('[data-action="add-card"]'), 'the add buttons to go');
    await settleAll(m);
    const notice = m.shadowRoot!.querySelector<HTMLElement>('[data-why]')!;
    await waitFor(() => deepActive() === notice, `the keyboard on the lock notice (on ${named(deepActive())})`);
    expect(notice.textContent).to.contain('The facilitator has locked this journey map: We are voting now');
    runtime.announcer.flush();
    expect(said).to.deep.equal(['The facilitator has locked this journey map: We are voting now']);

    unlockElement(priya.session, 'visit');
    await waitFor(() => !!m.shadowRoot!.querySelector('[data-action="add-card"]'), 'the add buttons to come back');
    await settleAll(m);
    const back = cellOf(m, lanes[0]!.id, stages[1]!.id).querySelector<HTMLElement>('[data-action="add-card"]');
    await waitFor(() => deepActive() === back, `the keyboard on "Add a card" in the same cell (on ${named(deepActive())})`);
    expect(deepActive()!.textContent).to.contain('Add a card');
    runtime.announcer.flush();
    expect(said.at(-1)).to.equal('The journey map is open for changes again');
  });

  it('on a phone: the same, from the stage view', async () => {
    const { m, priya, runtime, said } = await visitMap('stages');
    const add = m.shadowRoot!.querySelector<HTMLElement>('[data-action="add-card"]')!;
    add.focus();
    lockElement(priya.session, 'visit');
    await waitFor(() => deepActive()?.hasAttribute('data-why') ?? false, `the keyboard on the lock notice (on ${named(deepActive())})`);
    runtime.announcer.flush();
    expect(said).to.deep.equal(['The facilitator has locked this journey map, so it can’t be changed for now.']);
    unlockElement(priya.session, 'visit');
    await waitFor(() => deepActive()?.getAttribute('data-action') === 'add-card', `the keyboard on "Add a card" (on ${named(deepActive())})`);
  });

  it('leaves the keyboard alone when it was elsewhere, and does not tell a facilitator (who can still change it)', async () => {
    const { el, m, priya, said, runtime } = await visitMap('grid');
    const outside = document.createElement('button');
    outside.textContent = 'Elsewhere on the page';
    el.after(outside);
    outside.focus();
    lockElement(priya.session, 'visit');
    await waitFor(() => !!m.shadowRoot!.querySelector('[data-why]'), 'the lock notice');
    await settleAll(m);
    expect(document.activeElement).to.equal(outside);
    outside.remove();

    const fac = await visitMap('grid', { role: 'facilitator' });
    lockElement(fac.priya.session, 'visit');
    await waitFor(() => fac.m.shadowRoot!.querySelector('.notice')?.textContent?.includes('As a facilitator you can still change it') ?? false, 'the facilitator’s notice');
    fac.runtime.announcer.flush();
    expect(fac.said).to.deep.equal([]);
    // The participant whose keyboard was elsewhere still hears it.
    runtime.announcer.flush();
    expect(said.join(' ')).to.contain('The facilitator has locked this journey map');
  });
});
