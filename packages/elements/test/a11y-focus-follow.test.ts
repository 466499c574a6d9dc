// "Bring everyone here" never scrolls a participant away from what they are working on: with the
// keyboard in another element (a board's idea box, a ballot), the view stays, they are told where
// everyone went, and <co-phase> offers "Go there", which takes the view and the keyboard there.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { createBoard, createWorkshop, setFocus } from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoPhase, CoWorkshop } from '../src/index.js';
import { deepActive, localRuntime, named, recordAnnouncements, settleAll, waitFor } from './helpers.js';

async function page(lang = 'en') {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'High street' });
  const priya = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
  createBoard(priya.session, { id: 'main', title: 'Ideas for the high street' });
  createBoard(priya.session, { id: 'later', title: 'What next' });
  const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
  const said = recordAnnouncements(sam);
  const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${sam}>
    <co-phase></co-phase>
    <co-idea-board board="main"></co-idea-board>
    <div style="height: 2500px"></div>
    <co-idea-board board="later"></co-idea-board>
  </co-workshop>`);
  const [main, later] = [...el.querySelectorAll('co-idea-board')] as [CoIdeaBoard, CoIdeaBoard];
  const phase = el.querySelector('co-phase') as CoPhase;
  await settleAll(main, later, phase);
  // Scrolling itself is the browser's (a background test page may not animate it): record the requests.
  const scrolled: string[] = [];
  for (const board of [main, later]) {
    const original = board.scrollIntoView.bind(board);
    board.scrollIntoView = (arg?: boolean | ScrollIntoViewOptions) => {
      scrolled.push(board.getAttribute('board')!);
      original(arg);
    };
  }
  return { el, doc, priya, sam, said, main, later, phase, scrolled };
}

const frames = async (n = 3) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 30));
};

describe('"Bring everyone here" and a participant at work elsewhere', () => {
  afterEach(() => window.scrollTo(0, 0));

  it('keeps the view (and the keyboard) where they are, says where everyone went, and offers "Go there"', async () => {
    const { priya, sam, said, main, later, phase, scrolled } = await page();
    // Half an idea typed in the box, not added yet.
    const box = main.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea-text')!;
    box.focus();
    await sendKeys({ type: 'More benches' });
    setFocus(priya.session, 'later', null);
    await waitFor(() => later.hasAttribute('data-co-focus'), 'the target marked');
    await frames();
    expect(scrolled).to.deep.equal([]);
    expect(deepActive()).to.equal(box);
    sam.announcer.flush();
    expect(said).to.deep.equal([
      'The facilitator brought everyone to “What next”. Your view stayed where it is, so you can finish what you are doing. Use “Go there” under “Where we are” when you are ready.',
    ]);
    await waitFor(() => !!phase.shadowRoot!.querySelector('[data-action="go-there"]'), '"Go there" in the phase banner');
    expect(phase.shadowRoot!.querySelector('[data-focus-text]')!.textContent).to.equal(
      'The facilitator is bringing everyone to “What next”. Your view stayed where it is, so you can finish what you are doing.',
    );
    await expect(phase).to.be.accessible();

    // "Go there", by keyboard: the view and the keyboard go to the board everyone is at.
    phase.shadowRoot!.querySelector<HTMLElement>('[data-action="go-there"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => scrolled.includes('later'), 'the view to go there');
    await waitFor(() => deepActive() === later.shadowRoot!.querySelector('#board-title'), `the keyboard on the board's heading (on ${named(deepActive())})`);
    await waitFor(() => !phase.shadowRoot!.querySelector('[data-action="go-there"]'), '"Go there" to go');
    expect(phase.shadowRoot!.querySelector('[data-focus-text]')!.textContent).to.contain('Your view follows them.');
  });

  it('brings a keyboard user resting on a button (not in the middle of anything) along, leaving the keyboard where it is', async () => {
    const { priya, main, scrolled } = await page();
    const button = main.shadowRoot!.querySelector<HTMLElement>('form.add button, [data-action]')!;
    button.focus();
    setFocus(priya.session, 'later', null);
    await waitFor(() => scrolled.includes('later'), 'the view brought along');
    expect(deepActive()).to.equal(button);
  });

  it('still brings the view when the person is not working anywhere, or is already in the target', async () => {
    const first = await page();
    (document.activeElement as HTMLElement | null)?.blur();
    setFocus(first.priya.session, 'later', null);
    await waitFor(() => first.scrolled.includes('later'), 'the view brought to the board');
    first.sam.announcer.flush();
    expect(first.said).to.deep.equal(['The facilitator brought everyone to “What next”']);
    expect(first.phase.shadowRoot!.querySelector('[data-action="go-there"]')).to.equal(null);

    const second = await page();
    second.later.shadowRoot!.querySelector<HTMLElement>('#idea-text')!.focus();
    setFocus(second.priya.session, 'later', null);
    await waitFor(() => second.scrolled.includes('later'), 'the view brought to the board the keyboard is already in');
  });

  it('speaks Welsh', async () => {
    const { priya, sam, said, main, phase } = await page('cy');
    main.shadowRoot!.querySelector<HTMLElement>('#idea-text')!.focus();
    await sendKeys({ type: 'Mwy o feinciau' });
    setFocus(priya.session, 'later', null);
    await waitFor(() => !!phase.shadowRoot!.querySelector('[data-action="go-there"]'), '"Mynd yno"');
    sam.announcer.flush();
    expect(said.join(' ')).to.contain('Mae eich golwg wedi aros lle mae hi');
    expect(phase.shadowRoot!.querySelector('[data-action="go-there"]')!.textContent).to.equal('Mynd yno');
  });
});
