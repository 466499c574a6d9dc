// Coproduce elements side by side in one <co-workshop> do not touch: each but the last has a gap
// below it (--co-workshop-gap, default --co-space-6 = 32px), which a page can change or remove. The
// page's own headings and paragraphs inside keep their own margins, and a page rule on an element
// wins. Measured in real layout (Chromium), no timing involved.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CoWorkshop } from '../src/index.js';
import { localRuntime } from './helpers.js';

const user = { id: 'sam', name: 'Sam', role: 'participant' as const };

function box(el: Element): DOMRect {
  return el.getBoundingClientRect();
}

async function settled(el: CoWorkshop): Promise<void> {
  await el.updateComplete;
  for (const child of el.querySelectorAll('*')) await (child as Element & { updateComplete?: Promise<unknown> }).updateComplete;
}

describe('<co-workshop> spacing between its elements', () => {
  it('puts a 32 px gap between elements, none after the last, and leaves the page’s own content alone', async () => {
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${localRuntime(user)}>
      <co-join></co-join>
      <co-idea-board board="main"></co-idea-board>
      <h2 style="margin: 20px 0">Vote</h2>
      <co-vote vote="v"></co-vote>
    </co-workshop>`);
    await settled(el);
    const [join, board, heading, vote] = [...el.children] as HTMLElement[];
    expect(Math.round(box(board!).top - box(join!).bottom)).to.equal(32);
    // The heading's own 20 px margin collapses into the 32 px gap, not added to it; its own margin below stays.
    expect(Math.round(box(heading!).top - box(board!).bottom)).to.equal(32);
    expect(Math.round(box(vote!).top - box(heading!).bottom)).to.equal(20);
    expect(getComputedStyle(vote!).marginBottom).to.equal('0px');
    expect(getComputedStyle(heading!).marginBottom).to.equal('20px');
  });

  it('takes the gap from --co-workshop-gap, and a page rule on an element wins', async () => {
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${localRuntime(user)} style="--co-workshop-gap: 8px">
      <co-join></co-join>
      <co-idea-board board="main" style="margin-bottom: 48px"></co-idea-board>
      <co-vote vote="v"></co-vote>
    </co-workshop>`);
    await settled(el);
    const [join, board, vote] = [...el.children] as HTMLElement[];
    expect(Math.round(box(board!).top - box(join!).bottom)).to.equal(8);
    expect(Math.round(box(vote!).top - box(board!).bottom)).to.equal(48);
    el.style.setProperty('--co-workshop-gap', '0');
    expect(Math.round(box(board!).top - box(join!).bottom)).to.equal(0);
  });

  it('follows --co-space-6 when the page changes the spacing scale', async () => {
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${localRuntime(user)} style="--co-space-6: 40px">
      <co-idea-board board="main"></co-idea-board>
      <co-vote vote="v"></co-vote>
    </co-workshop>`);
    await settled(el);
    const [board, vote] = [...el.children] as HTMLElement[];
    expect(Math.round(box(vote!).top - box(board!).bottom)).to.equal(40);
  });
});
