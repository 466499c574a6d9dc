// "Bring everyone here" on a phone: the view must land on the element everyone was brought to,
// even when a long board of ideas (whose cards are laid out lazily, `content-visibility: auto`,
// so they change height as they scroll past) lies between, with and without reduced motion.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { addIdea, createBoard, createPoll, createWorkshop, joinWorkshop, setFocus } from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { localRuntime, settleAll, waitFor } from './helpers.js';

const LONG = 'A longer idea about the high street, so that its card wraps onto a few lines on a narrow phone screen and is not the same height as the placeholder the browser guesses for it.';

async function page() {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'High street' });
  const priya = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
  createBoard(priya.session, { id: 'main', title: 'Ideas for the high street' });
  for (let i = 0; i < 40; i++) addIdea(priya.session, { boardId: 'main', text: i % 3 === 0 ? `${i + 1}. ${LONG}` : `${i + 1}. Benches` });
  createPoll(priya.session, { id: 'which', title: 'Which ideas matter most to you?', method: 'single', options: ['Benches', 'Buses', 'Bins', 'Trees', 'Toilets', 'Lights'], open: true });
  const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
  joinWorkshop(sam.session, { name: 'Sam' });
  const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${sam}>
    <co-idea-board board="main"></co-idea-board>
    <co-vote vote="which"></co-vote>
    <co-idea-board board="later"></co-idea-board>
    <div style="height: 3000px"></div>
  </co-workshop>`);
  const board = el.querySelector('co-idea-board') as CoIdeaBoard;
  const vote = el.querySelector('co-vote') as HTMLElement & { updateComplete: Promise<unknown> };
  await settleAll(board, vote);
  await waitFor(() => board.shadowRoot!.querySelectorAll('co-idea-card').length === 40, 'forty cards');
  return { el, priya, sam, vote };
}

/** Waits until the page has stopped scrolling (bounded). */
async function scrollSettled(): Promise<void> {
  let last = -1;
  let still = 0;
  const started = performance.now();
  while (still < 8 && performance.now() - started < 8000) {
    await new Promise((r) => setTimeout(r, 50));
    if (Math.abs(window.scrollY - last) < 0.5) still++;
    else still = 0;
    last = window.scrollY;
  }
}

describe('"Bring everyone here" on a 390 px phone', () => {
  before(async () => {
    await setViewport({ width: 390, height: 844 });
  });
  after(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });
  afterEach(() => window.scrollTo(0, 0));

  for (const motion of ['no-preference', 'reduce'] as const) {
    it(`lands on the vote past a board of 40 ideas (motion: ${motion})`, async () => {
      await emulateMedia({ reducedMotion: motion });
      const { priya, vote } = await page();
      window.scrollTo(0, 0);
      (document.activeElement as HTMLElement | null)?.blur();
      setFocus(priya.session, 'which', null);
      await waitFor(() => vote.hasAttribute('data-co-focus'), 'the vote marked');
      // Where "the top of the view" is for it (pages may give the marked element a scroll margin).
      const expected = parseFloat(getComputedStyle(vote).scrollMarginTop) || 0;
      await waitFor(() => window.scrollY > 0, 'the view to start moving');
      await scrollSettled();
      const top = vote.getBoundingClientRect().top;
      expect(Math.abs(top - expected), `the vote's top is at ${top} px, not ${expected} px`).to.be.below(4);
    });
  }
});
