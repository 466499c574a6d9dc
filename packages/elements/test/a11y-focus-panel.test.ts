// The facilitator panel's phases, by keyboard and in every theme: starting a phase keeps the
// keyboard in the panel (the pressed button may go away), and the current phase is readable in the
// default, dark and GOV.UK-like themes.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { createWorkshop, readControl, setPhases } from '@coproduce/core';
import '../src/index.js';
import type { CoFacilitatorPanel, CoWorkshop } from '../src/index.js';
import { addThemeSheet, textContrast } from './contrast.js';
import { deepActive, localRuntime, named, recordAnnouncements, waitFor } from './helpers.js';

function q(panel: CoFacilitatorPanel, selector: string): HTMLElement | null {
  return panel.shadowRoot!.querySelector<HTMLElement>(selector);
}

async function panelWithPhases() {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'High street' });
  const fac = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
  setPhases(fac.session, [{ id: 'share', title: 'Share ideas' }, { id: 'group', title: 'Group' }, { id: 'vote', title: 'Vote' }]);
  const said = recordAnnouncements(fac);
  const el = await fixture<CoWorkshop>(html`<co-workshop lang="en" .runtime=${fac}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
  const panel = el.querySelector('co-facilitator-panel') as CoFacilitatorPanel;
  await waitFor(() => !!q(panel, 'li[data-phase="share"] [data-action="start-phase"]'), 'the phases in the panel');
  return { doc, fac, el, panel, said };
}

describe('<co-facilitator-panel> starting a phase keeps the keyboard in the panel', () => {
  it('moves the keyboard to the current phase line when the pressed button goes away, and says so', async () => {
    const { doc, panel, said, fac } = await panelWithPhases();
    const status = () => q(panel, '[data-phase-status]');

    // "Start: Share ideas" becomes the "Now" tag.
    q(panel, 'li[data-phase="share"] [data-action="start-phase"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => readControl(doc).currentPhase?.id === 'share', 'the first phase to start');
    await waitFor(() => deepActive() === status(), `the keyboard on the current phase line (on ${named(deepActive())})`);
    expect(status()!.textContent).to.contain('Now: Share ideas (step 1 of 3).');
    expect(said).to.include('Phase started: Share ideas');
    expect(named(q(panel, 'li[data-phase="share"] [data-action="start-phase"]'))).to.equal('nothing');

    // "Next: Group" stays (with a new label): the keyboard stays on it.
    const next = q(panel, '[data-action="next-phase"]')!;
    next.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => readControl(doc).currentPhase?.id === 'group', 'the second phase to start');
    await panel.updateComplete;
    expect(deepActive()).to.equal(next);
    expect(next.textContent).to.contain('Vote');

    // "Next: Vote" starts the last phase and goes away.
    await sendKeys({ press: 'Enter' });
    await waitFor(() => readControl(doc).currentPhase?.id === 'vote', 'the last phase to start');
    await waitFor(() => deepActive() === status(), `the keyboard on the current phase line after the last phase (on ${named(deepActive())})`);
    expect(said).to.include('Phase started: Vote');
    expect(named(q(panel, '[data-action="next-phase"]'))).to.equal('nothing');

    // The next Tab goes on from there, inside the panel.
    await sendKeys({ press: 'Tab' });
    expect(panel.shadowRoot!.contains(deepActive())).to.equal(true);

    // "End the current phase" goes away with the phase.
    q(panel, '[data-action="clear-phase"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => readControl(doc).currentPhase === null, 'no phase to be running');
    await waitFor(() => deepActive() === status(), `the keyboard on the phase line after ending the phase (on ${named(deepActive())})`);
    expect(status()!.textContent).to.contain('No phase has started yet.');
    expect(said).to.include('No phase is running now');
    fac.destroy();
  });
});

// ---------------------------------------------------------------------------------------------
// Contrast of the current phase, in every theme
// ---------------------------------------------------------------------------------------------

/** Every visible piece of text inside `root` under 4.5:1 against what is behind it. */
function lowContrast(root: Element): string[] {
  const out: string[] = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
    if (!own) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 2 || box.height <= 2) continue; // visually hidden
    const r = textContrast(el);
    if (r < 4.5) out.push(`${el.localName}.${[...el.classList].join('.')} "${own.slice(0, 30)}" ${getComputedStyle(el).color}: ${r.toFixed(2)}:1`);
  }
  return out;
}

describe('<co-facilitator-panel> the current phase is readable in every theme', () => {
  const added: HTMLElement[] = [];
  afterEach(() => {
    for (const node of added.splice(0)) node.remove();
    document.body.style.background = '';
  });

  async function addTheme(name: 'dark' | 'govuk'): Promise<void> {
    added.push(await addThemeSheet(name));
  }

  for (const theme of ['default', 'dark', 'govuk'] as const) {
    it(`${theme}: the current phase's title, "Now" tag and buttons are at least 4.5:1`, async () => {
      if (theme !== 'default') await addTheme(theme);
      // A dark theme goes on a dark page.
      if (theme === 'dark') document.body.style.background = '#0b0c0c';
      const { panel, fac } = await panelWithPhases();
      q(panel, 'li[data-phase="group"] [data-action="start-phase"]')!.click();
      await waitFor(() => !!q(panel, 'li[data-phase="group"][aria-current="step"] .tag'), 'the "Now" tag');
      const current = q(panel, 'li[aria-current="step"]')!;
      expect(current.textContent).to.contain('Group');
      expect(lowContrast(current)).to.deep.equal([]);
      // The rest of the list too (not current).
      expect(lowContrast(q(panel, 'ol.items')!)).to.deep.equal([]);
      fac.destroy();
    });
  }
});
