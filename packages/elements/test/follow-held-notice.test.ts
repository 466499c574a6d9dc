// A participant in the middle of something when the facilitator brings everyone elsewhere: their
// view stays, and a notice in view (at the bottom of the screen, in the workshop's own shadow root)
// says everyone moved, with "Go there" and "Hide". Only real work in progress holds the view back:
// text typed and not sent, or a menu or dialog open — not the keyboard resting on a button, nor a
// key press that already added an idea.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { addIdea, createBoard, createWorkshop, setFocus } from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { cardsOf, deepActive, localRuntime, menuItems, named, recordAnnouncements, settleAll, waitFor } from './helpers.js';

async function page(lang = 'en') {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'High street' });
  const priya = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
  createBoard(priya.session, { id: 'main', title: 'Ideas for the high street' });
  createBoard(priya.session, { id: 'later', title: 'What next' });
  const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
  const said = recordAnnouncements(sam);
  const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${sam}>
    <dialog data-test-dialog><p>Choose a colour</p><button type="button">Yellow</button></dialog>
    <co-idea-board board="main"></co-idea-board>
    <div style="height: 2500px"></div>
    <co-idea-board board="later"></co-idea-board>
    <div style="height: 1200px"></div>
  </co-workshop>`);
  const [main, later] = [...el.querySelectorAll('co-idea-board')] as [CoIdeaBoard, CoIdeaBoard];
  await settleAll(main, later);
  const box = main.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea-text')!;
  const notice = (): HTMLElement | null => el.shadowRoot!.querySelector('co-held-notice');
  const button = (action: string): HTMLButtonElement => notice()!.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  return { el, doc, priya, sam, said, main, later, box, notice, button };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `element` lies wholly inside the viewport. */
function inView(element: Element): boolean {
  const r = element.getBoundingClientRect();
  return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight + 0.5 && r.right <= window.innerWidth + 0.5;
}

describe('the "everyone moved" notice for someone in the middle of something', () => {
  before(async () => {
    await setViewport({ width: 320, height: 640 });
    await emulateMedia({ reducedMotion: 'reduce' });
  });
  after(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });
  afterEach(() => window.scrollTo(0, 0));

  it('keeps the view, shows the notice in view at 320 px, says it once, and "Hide" gives the keyboard back', async () => {
    const { priya, sam, said, later, box, notice, button } = await page();
    box.focus();
    await sendKeys({ type: 'More benches' });
    setFocus(priya.session, 'later', null);
    await waitFor(() => notice() !== null, 'the notice');
    await (notice() as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    await pause(300);
    expect(window.scrollY, 'the view stayed').to.equal(0);
    expect(deepActive()).to.equal(box);
    expect(box.value).to.equal('More benches');
    expect(notice()!.shadowRoot!.textContent!.replace(/[\u2066-\u2069]/g, '')).to.contain('The facilitator brought everyone to “What next”. Your view stayed here');
    // In view at the bottom of the screen, nothing wider than the phone, 44 px targets, in the tab order.
    expect(inView(notice()!), `the notice at ${JSON.stringify(notice()!.getBoundingClientRect())}`).to.equal(true);
    expect(notice()!.getBoundingClientRect().bottom).to.be.above(window.innerHeight / 2);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    for (const action of ['held-go-there', 'held-hide']) {
      const rect = button(action).getBoundingClientRect();
      expect(rect.width, action).to.be.at.least(44);
      expect(rect.height, action).to.be.at.least(44);
      expect(button(action).tabIndex).to.equal(0);
    }
    expect(button('held-go-there').textContent).to.equal('Go there');
    // Nothing moves (reduced motion, and no animation at all).
    expect(document.getAnimations()).to.have.length(0);
    await expect(notice()).to.be.accessible();
    // Said once, pointing at the notice (there is no <co-phase> on this page).
    sam.announcer.flush();
    const about = said.filter((s) => s.includes('What next'));
    expect(about).to.have.length(1);
    expect(about[0]).to.contain('Use “Go there” at the bottom of the screen when you are ready.');
    expect(later.hasAttribute('data-co-focus')).to.equal(true);

    // "Hide", by keyboard: the notice goes and the keyboard is back in the box, the text kept.
    button('held-hide').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => notice() === null, 'the notice hidden');
    await waitFor(() => deepActive() === box, `the keyboard back in the box (on ${named(deepActive())})`);
    expect(box.value).to.equal('More benches');
    expect(window.scrollY).to.equal(0);
  });

  it('"Go there", by keyboard, takes the view and the keyboard to where everyone is', async () => {
    const { priya, later, box, notice, button } = await page();
    box.focus();
    await sendKeys({ type: 'Half an idea' });
    setFocus(priya.session, 'later', null);
    await waitFor(() => notice() !== null, 'the notice');
    await (notice() as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    button('held-go-there').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => notice() === null, 'the notice gone');
    await waitFor(() => Math.abs(later.getBoundingClientRect().top - (parseFloat(getComputedStyle(later).scrollMarginTop) || 0)) < 4, 'the view at the board');
    await waitFor(() => deepActive() === later.shadowRoot!.querySelector('#board-title'), `the keyboard on the board's heading (on ${named(deepActive())})`);
  });

  it('brings along someone who just added an idea with Ctrl+Enter, or whose keyboard rests on a button', async () => {
    const { priya, later, box, notice } = await page();
    box.focus();
    await sendKeys({ type: 'Later buses' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitFor(() => box.value === '', 'the idea added');
    setFocus(priya.session, 'later', null);
    await waitFor(() => later.getBoundingClientRect().top < 100, 'the view brought to the board');
    expect(notice()).to.equal(null);

    window.scrollTo(0, 0);
    const second = await page();
    const add = second.main.shadowRoot!.querySelector<HTMLElement>('form.add button, [data-action]')!;
    add.focus();
    setFocus(second.priya.session, 'later', null);
    await waitFor(() => second.later.getBoundingClientRect().top < 100, 'the view brought along from a button');
    expect(second.notice()).to.equal(null);
    expect(deepActive()).to.equal(add);
  });

  it('holds the view while a menu is open (an idea\'s reactions), and lets it go once the menu is closed', async () => {
    const { priya, main, later, notice } = await page();
    addIdea(priya.session, { boardId: 'main', text: 'More benches' });
    await waitFor(() => cardsOf(main).length === 1, 'the idea');
    const card = cardsOf(main)[0]!;
    await card.updateComplete;
    const react = card.shadowRoot!.querySelector<HTMLElement>('[data-action="react"]')!;
    react.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => react.getAttribute('aria-expanded') === 'true' && menuItems(main).length > 0, 'the reactions menu open');
    await waitFor(() => deepActive()?.getAttribute('role')?.startsWith('menuitem') ?? false, `the keyboard in the menu (on ${named(deepActive())})`);
    const before = window.scrollY;
    setFocus(priya.session, 'later', null);
    await waitFor(() => notice() !== null, 'the notice');
    await pause(300);
    expect(window.scrollY, 'the view stayed').to.equal(before);
    // Closed: the next bringing takes the view along.
    await sendKeys({ press: 'Escape' });
    await waitFor(() => deepActive() === react, 'the keyboard back on the button');
    setFocus(priya.session, 'main', null);
    await pause(20);
    setFocus(priya.session, 'later', null);
    await waitFor(() => later.getBoundingClientRect().top < 100, 'the view brought to the board');
    expect(notice()).to.equal(null);
  });

  it('holds the view while a dialog is open, and speaks Welsh', async () => {
    const { el, priya, notice, button } = await page('cy');
    const dialog = el.querySelector<HTMLDialogElement>('[data-test-dialog]')!;
    dialog.show();
    dialog.querySelector('button')!.focus();
    setFocus(priya.session, 'later', null);
    await waitFor(() => notice() !== null, 'the notice');
    await (notice() as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    await pause(300);
    expect(window.scrollY).to.equal(0);
    expect(notice()!.shadowRoot!.textContent!.replace(/[\u2066-\u2069]/g, '')).to.contain('Mae’r hwylusydd wedi dod â phawb i “What next”');
    expect(button('held-go-there').textContent).to.equal('Mynd yno');
    expect(button('held-hide').textContent).to.equal('Cuddio');
    dialog.close();
  });

  it('at 400 % zoom (a 320 × 256 view) it says it in few words and leaves most of the screen', async () => {
    await setViewport({ width: 320, height: 256 });
    try {
      const { priya, box, notice, button } = await page();
      box.focus();
      await sendKeys({ type: 'Toilets' });
      setFocus(priya.session, 'later', null);
      await waitFor(() => notice() !== null, 'the notice');
      await (notice() as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      await pause(100);
      expect(inView(notice()!)).to.equal(true);
      expect(notice()!.getBoundingClientRect().height).to.be.below(256 / 2);
      expect(button('held-go-there').getBoundingClientRect().height).to.be.at.least(44);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      await expect(notice()).to.be.accessible();
    } finally {
      await setViewport({ width: 320, height: 640 });
    }
  });
});
