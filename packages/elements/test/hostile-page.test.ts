// Elements on hostile host pages: a CMS's global CSS reset (`all: unset` on every element, the
// "new CSS reset"), `!important` button rules and a page font must not change how an element looks
// (font, colour, spacing, layout, narrow-width layout), in the light and the dark theme.
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import * as Y from 'yjs';
import {
  addCard, addIdea, addPaperVote, castBallot, createBoard, createCluster, createJourney, createPoll, createWorkshop, readJourney, revealElement,
} from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoJourneyMap, CoVote, CoVoteResults, CoWorkshop } from '../src/index.js';
import { addThemeSheet } from './contrast.js';
import { cardsOf, localRuntime, settleAll, waitFor } from './helpers.js';

/** A CMS's global reset and house style, hostile on purpose (as a council's review found it). */
const RESET = `
*:where(:not(html, iframe, canvas, img, svg, video, audio):not(svg *, symbol *)) { all: unset; display: revert; }
*, *::before, *::after { box-sizing: border-box; }
:where([hidden]) { display: none; }
html { font-family: Georgia, serif; color: rgb(120, 0, 0); line-height: 3; }
button, input, select, textarea { font: inherit !important; color: inherit !important; background: #e0e0e0 !important; border-radius: 12px !important; padding: 2px !important; min-height: 0 !important; }
button { text-transform: uppercase !important; letter-spacing: .2em !important; }
h1, h2, h3, h4 { font-weight: 700; margin: 0 0 .5em; }
h2 { font-size: 2.25rem; }
p { margin: 0 0 1em; }
:focus { outline: none !important; }
.card { border: 1px solid rgba(0,0,0,.125); border-radius: .25rem; padding: 1.25rem; background: #fff; }
`;

let added: HTMLElement[] = [];
function addStyle(text: string): void {
  const style = document.createElement('style');
  style.textContent = text;
  document.head.append(style);
  added.push(style);
}
async function addDarkTheme(): Promise<void> {
  added.push(await addThemeSheet('dark'));
}

const PROPS = ['display', 'font-family', 'font-size', 'font-weight', 'line-height', 'color', 'background-color', 'padding-top', 'padding-left', 'border-top-width', 'text-transform', 'letter-spacing', 'flex-basis'] as const;

/**
 * How every part of an element looks: the computed style and size of everything in its shadow
 * root and in the shadow roots inside it (an idea's note, the results inside a vote).
 */
function look(host: Element): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const walk = (root: ShadowRoot, path: string) => {
    let i = 0;
    for (const el of root.querySelectorAll('*')) {
      if (el instanceof HTMLStyleElement) continue;
      const key = `${path}/${i++}:${el.localName}.${[...el.classList].join('.')}`;
      const cs = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const entry: Record<string, string> = { width: String(Math.round(box.width)), height: String(Math.round(box.height)) };
      for (const p of PROPS) entry[p] = cs.getPropertyValue(p);
      out[key] = entry;
      if (el.shadowRoot) walk(el.shadowRoot, key);
    }
  };
  walk(host.shadowRoot!, host.localName);
  return out;
}

/** What looks different, part by part: only the properties that changed. */
function differences(before: Record<string, Record<string, string>>, after: Record<string, Record<string, string>>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const k of keys) {
    const a = before[k] ?? {};
    const b = after[k] ?? {};
    const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((p) => a[p] !== b[p]);
    if (changed.length) out.push(`${k}: ${changed.map((p) => `${p} ${a[p]} → ${b[p]}`).join('; ')}`);
  }
  return out;
}

async function board(width: number) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const runtime = localRuntime({ id: 'sam', name: 'Sam', role: 'facilitator' }, doc);
  createBoard(runtime.session, { id: 'main', title: 'Ideas for the park' });
  const cluster = createCluster(runtime.session, { boardId: 'main', title: 'Getting about' });
  addIdea(runtime.session, { boardId: 'main', text: 'More benches in the shade', tag: 'seating' });
  addIdea(runtime.session, { boardId: 'main', text: 'Level paths for wheelchairs', clusterId: cluster });
  const wrap = await fixture<HTMLDivElement>(html`<div style="width: ${width}px">
    <co-workshop lang="en" .runtime=${runtime}><co-idea-board board="main"></co-idea-board></co-workshop>
  </div>`);
  const b = wrap.querySelector('co-idea-board') as CoIdeaBoard;
  await waitFor(() => cardsOf(b).length === 2, 'the notes');
  await settleAll(b, ...cardsOf(b));
  return { wrap, b, el: wrap.querySelector('co-workshop') as CoWorkshop };
}

async function vote(width: number) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  createPoll(facilitator.session, {
    id: 'v', title: 'What should we do first?', method: 'dots', allowance: 3, perOptionCap: 2, open: true,
    options: [{ id: 'benches', label: 'More benches' }, { id: 'trees', label: 'Street trees' }],
  });
  castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', { benches: 2, trees: 1 });
  addPaperVote(facilitator.session, 'v', { choices: { trees: 2 }, count: 3, note: 'Library drop-in' });
  revealElement(facilitator.session, 'v');
  const runtime = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
  // The results on their own too (a council page puts them in a side column).
  const wrap = await fixture<HTMLDivElement>(html`<div style="width: ${width}px">
    <co-workshop lang="en" .runtime=${runtime}><co-vote vote="v" no-results></co-vote><co-vote-results vote="v"></co-vote-results></co-workshop>
  </div>`);
  const v = wrap.querySelector('co-vote') as CoVote;
  const r = wrap.querySelector('co-vote-results') as CoVoteResults;
  await waitFor(() => !!r.shadowRoot!.querySelector('table.stacks'), 'the results table');
  await settleAll(v, r);
  return { wrap, v, r, el: wrap.querySelector('co-workshop') as CoWorkshop };
}

describe('elements on a page with a global CSS reset', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    for (const node of added) node.remove();
    added = [];
  });

  for (const width of [900, 300]) {
    it(`an idea board ${width} px wide looks the same with and without the page's reset`, async () => {
      const { b } = await board(width);
      const before = look(b);
      addStyle(RESET);
      const after = look(b);
      expect(differences(before, after)).to.deep.equal([]);
    });

    it(`a vote and its results ${width} px wide look the same with and without the page's reset`, async () => {
      const { v, r } = await vote(width);
      const before = { ...look(v), ...look(r) };
      addStyle(RESET);
      const after = { ...look(v), ...look(r) };
      expect(differences(before, after)).to.deep.equal([]);
    });
  }

  it('a journey map in a 500 px column keeps its narrow layout and looks the same under the reset', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const runtime = localRuntime({ id: 'sam', name: 'Sam', role: 'facilitator' }, doc);
    createJourney(runtime.session, { id: 'badge', title: 'Applying for a blue badge', stages: ['Find out', 'Apply'], lanes: [{ title: 'What people do', kind: 'actions' }] });
    const j = readJourney(doc, 'badge');
    addCard(runtime.session, { mapId: 'badge', stageId: j.stages[0]!.id, laneId: j.lanes[0]!.id, text: 'Searches the council website' });
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 500px">
      <co-workshop lang="en" .runtime=${runtime}><co-journey-map map="badge"></co-journey-map></co-workshop>
    </div>`);
    const m = wrap.querySelector('co-journey-map') as CoJourneyMap;
    await waitFor(() => !!m.shadowRoot?.querySelector('.card'), 'the card');
    await settleAll(m);
    const before = look(m);
    addStyle(RESET);
    // The map measures its width when it changes: give it the frames it needs to notice.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await settleAll(m);
    expect(differences(before, look(m))).to.deep.equal([]);
  });

  it('the facilitation and join elements look the same under the reset', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const runtime = localRuntime({ id: 'sam', name: 'Sam', role: 'facilitator' }, doc);
    createBoard(runtime.session, { id: 'main', title: 'Ideas for the park' });
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 600px">
      <co-workshop lang="en" .runtime=${runtime}>
        <co-join></co-join><co-phase></co-phase><co-timer></co-timer><co-presence></co-presence><co-facilitator-panel></co-facilitator-panel>
      </co-workshop>
    </div>`);
    const elements = [...wrap.querySelectorAll('co-workshop > *')] as (HTMLElement & { updateComplete: Promise<unknown> })[];
    await settleAll(...elements);
    const lookAll = () => Object.assign({}, ...elements.filter((e) => e.shadowRoot).map((e) => look(e))) as ReturnType<typeof look>;
    const before = lookAll();
    expect(Object.keys(before).length).to.be.greaterThan(50);
    addStyle(RESET);
    expect(differences(before, lookAll())).to.deep.equal([]);
  });

  it('keeps the board’s font, colour, line height and block layout under the reset', async () => {
    const { b, wrap } = await board(600);
    addStyle(RESET);
    const base = b.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
    const style = getComputedStyle(base);
    expect(style.fontFamily).to.contain('system-ui');
    expect(style.color).to.equal('rgb(11, 12, 12)');
    expect(style.lineHeight).to.equal('24px');
    expect(style.display).to.equal('flex');
    // The board fills the width the page gives it: a block, not a run of inline boxes.
    expect(Math.round(base.getBoundingClientRect().width)).to.equal(Math.round(wrap.getBoundingClientRect().width));
    const button = b.shadowRoot!.querySelector<HTMLElement>('.add .button')!;
    expect(getComputedStyle(button).textTransform, 'the page’s !important button rules stay outside').to.equal('none');
    expect(getComputedStyle(button).minHeight).to.equal('44px');
  });

  it('lays the board and the results out for a narrow column under the reset (container queries)', async () => {
    addStyle(RESET);
    const { b } = await board(300);
    const field = b.shadowRoot!.querySelector<HTMLElement>('.tools .field')!;
    expect(getComputedStyle(field).flexBasis, 'search and sort fields take the whole width').to.equal('100%');
    const group = b.shadowRoot!.querySelector<HTMLElement>('.group')!;
    expect(getComputedStyle(group).paddingTop).to.equal('12px');
    const { r } = await vote(300);
    const table = r.shadowRoot!.querySelector<HTMLElement>('table.stacks')!;
    expect(getComputedStyle(table).display, 'the results table stacks its rows').to.equal('block');
    const row = r.shadowRoot!.querySelector<HTMLElement>('table.stacks > tbody > tr')!;
    expect(getComputedStyle(row).display).to.equal('grid');
  });

  it('still takes theming from --co-* custom properties on the page (a reset leaves them alone)', async () => {
    addStyle(RESET);
    addStyle(':root { --co-font-family: Verdana, sans-serif; } co-idea-board { --co-color-text: rgb(0, 0, 130); }');
    const { b } = await board(600);
    const heading = b.shadowRoot!.querySelector<HTMLElement>('[part~="heading"]') ?? b.shadowRoot!.querySelector<HTMLElement>('.heading')!;
    expect(getComputedStyle(heading).fontFamily).to.contain('Verdana');
    expect(getComputedStyle(heading).color).to.equal('rgb(0, 0, 130)');
  });

  it('lets the page size and place the element: display, margin and width on the host still apply', async () => {
    addStyle(RESET);
    addStyle('co-idea-board { display: block; width: 320px; margin: 0 0 40px 10px; }');
    const { b, wrap } = await board(600);
    const box = b.getBoundingClientRect();
    expect(Math.round(box.width)).to.equal(320);
    expect(Math.round(box.left - wrap.getBoundingClientRect().left)).to.equal(10);
    expect(Math.round(b.shadowRoot!.querySelector('[part~="base"]')!.getBoundingClientRect().width)).to.equal(320);
    addStyle('co-idea-board { display: none; }');
    expect(b.getBoundingClientRect().height).to.equal(0);
  });

  it('hides an element with the hidden attribute, with and without the reset', async () => {
    const { b, wrap } = await board(600);
    const { v } = await vote(600);
    for (const el of [b, v, wrap.querySelector('co-workshop')!]) {
      el.hidden = true;
      expect(getComputedStyle(el).display, `${el.localName} hidden`).to.equal('none');
      addStyle(RESET);
      expect(getComputedStyle(el).display, `${el.localName} hidden under the reset`).to.equal('none');
      added.pop()!.remove();
      el.hidden = false;
      expect(getComputedStyle(el).display, `${el.localName} shown again`).to.equal('block');
    }
  });

  it('passes axe (colour contrast included) in the dark theme under the reset', async () => {
    // Tall enough that every note is painted (items off screen skip painting, and axe with them).
    await setViewport({ width: 800, height: 2400 });
    await addDarkTheme();
    addStyle(RESET);
    addStyle('html { background: #0b0c0c; color: #f3f2f1; }');
    const { el } = await board(600);
    await expect(el).to.be.accessible();
    const { el: voteEl } = await vote(600);
    await expect(voteEl).to.be.accessible();
  });
});
