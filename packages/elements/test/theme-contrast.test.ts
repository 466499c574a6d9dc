// Text contrast on sticky notes, in the default, dark and GOV.UK themes (themes/*.css): notes keep
// their light tints in every theme, so everything written on one (the idea, the author line, the colour's
// name, tags, badges, reactions, buttons, hints, errors, a journey card's lines) must be dark
// enough to read on it. Computed from the real rendered colours of every piece of text.
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import * as Y from 'yjs';
import {
  addCard, addIdea, createBoard, createJourney, createWorkshop, linkCardToIdea, readJourney, toggleReaction,
} from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoIdeaCard, CoJourneyMap, CoPresence, CoWorkshop } from '../src/index.js';
import { addThemeSheet, backdrop, contrastRatio, over, parseColour } from './contrast.js';
import { cardsOf, localRuntime, settleAll, waitFor } from './helpers.js';

const COLOURS = ['yellow', 'orange', 'pink', 'purple', 'blue', 'teal', 'green', 'grey'] as const;

let added: HTMLElement[] = [];
async function addTheme(name: 'dark' | 'govuk'): Promise<void> {
  added.push(await addThemeSheet(name));
}

/**
 * Every visible piece of text inside `root` (and the shadow roots in it), with its contrast
 * against what is behind it: "selector "text" ratio".
 */
function textContrasts(root: ShadowRoot): { what: string; ratio: number }[] {
  const out: { what: string; ratio: number }[] = [];
  const walk = (r: ShadowRoot) => {
    for (const el of r.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (!own) continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 2 || box.height <= 2) continue; // visually hidden: read out, not seen
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      const bg = backdrop(el);
      const fg = over(parseColour(cs.color), bg);
      const parent = el.parentElement;
      const inside = parent ? ` in ${parent.localName}.${[...parent.classList].join('.')}` : '';
      out.push({ what: `${el.localName}.${[...el.classList].join('.')}${inside} "${own.slice(0, 30)}" ${cs.color} on rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`, ratio: contrastRatio(fg, bg) });
    }
  };
  walk(root);
  return out;
}

function tooLow(pairs: { what: string; ratio: number }[], min: number): string[] {
  return pairs.filter((p) => p.ratio < min).map((p) => `${p.what}: ${p.ratio.toFixed(2)}:1`);
}

/** A board with a note in every colour, written by someone else, tagged, voted and reacted to. */
async function boardOfNotes() {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const priya = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  createBoard(priya.session, { id: 'main', title: 'Ideas for the park' });
  for (const colour of COLOURS) {
    const id = addIdea(priya.session, { boardId: 'main', text: `A ${colour} idea`, colour, tag: 'paths' });
    toggleReaction(priya.session, id, '👍', true);
  }
  const runtime = localRuntime({ id: 'sam', name: 'Sam', role: 'facilitator' }, doc);
  addIdea(runtime.session, { boardId: 'main', text: 'My own idea', colour: 'blue' });
  const el = await fixture<CoWorkshop>(html`<co-workshop lang="en" .runtime=${runtime}><co-idea-board board="main"></co-idea-board></co-workshop>`);
  const b = el.querySelector('co-idea-board') as CoIdeaBoard;
  await waitFor(() => cardsOf(b).length === COLOURS.length + 1, 'the notes');
  await settleAll(b, ...cardsOf(b));
  return { el, b, runtime };
}

function notesOf(b: CoIdeaBoard): { card: CoIdeaCard; root: ShadowRoot }[] {
  return cardsOf(b).map((card) => ({ card, root: card.shadowRoot! }));
}

async function journeyOfCards() {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const priya = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
  createBoard(priya.session, { id: 'main', title: 'Ideas' });
  const idea = addIdea(priya.session, { boardId: 'main', text: 'Ramps at the library' });
  createJourney(priya.session, {
    id: 'badge',
    title: 'Applying for a blue badge',
    stages: ['Find out'],
    lanes: (['actions', 'touchpoints', 'thoughts', 'feelings', 'painPoints', 'opportunities', 'custom'] as const).map((kind) => ({ title: kind, kind })),
  });
  const j = readJourney(doc, 'badge');
  for (const lane of j.lanes) {
    const card = addCard(priya.session, { mapId: 'badge', stageId: j.stages[0]!.id, laneId: lane.id, text: `A ${lane.kind} card` });
    linkCardToIdea(priya.session, card, idea);
  }
  const runtime = localRuntime({ id: 'sam', name: 'Sam', role: 'facilitator' }, doc);
  const el = await fixture<CoWorkshop>(html`<co-workshop lang="en" .runtime=${runtime} style="width: 1100px"><co-journey-map map="badge"></co-journey-map></co-workshop>`);
  const m = el.querySelector('co-journey-map') as CoJourneyMap;
  await waitFor(() => (m.shadowRoot?.querySelectorAll('li.card[data-colour]').length ?? 0) === j.lanes.length, 'the cards');
  await m.updateComplete;
  return { el, m };
}

for (const theme of ['default', 'dark', 'govuk'] as const) {
  describe(`text on notes, ${theme} theme`, () => {
    beforeEach(async () => {
      // Tall enough that every note is painted.
      await setViewport({ width: 1100, height: 3000 });
      if (theme !== 'default') await addTheme(theme);
    });
    afterEach(async () => {
      for (const node of added) node.remove();
      added = [];
      await setViewport({ width: 800, height: 600 });
    });

    it('the idea reads at 12:1 or better on every colour, everything else on a note at 4.5:1 or better', async () => {
      const { b } = await boardOfNotes();
      const notes = notesOf(b);
      expect(notes.length).to.equal(COLOURS.length + 1);
      const all = notes.flatMap(({ root }) => textContrasts(root));
      // The author line, the colour's name, the tag, reactions and the Comment/React/Edit/Delete buttons are all there.
      for (const part of ['span.author', 'span.chip', 'span.tag', 'button.reaction', 'button.button']) {
        expect(all.some((p) => p.what.startsWith(part) || p.what.includes(` in ${part}`)), `${part} was measured`).to.equal(true);
      }
      expect(tooLow(all.filter((p) => p.what.startsWith('p.text')), 12)).to.deep.equal([]);
      expect(tooLow(all, 4.5)).to.deep.equal([]);
    });

    it('the comments opened on a note read at 4.5:1 or better', async () => {
      const { b } = await boardOfNotes();
      const card = cardsOf(b)[0]!;
      card.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="comments"]')!.click();
      await waitFor(() => !!card.shadowRoot!.querySelector('co-idea-comments')?.shadowRoot?.querySelector('.comments'), 'the comments');
      const comments = card.shadowRoot!.querySelector('co-idea-comments')!;
      await (comments as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      const pairs = textContrasts(comments.shadowRoot!);
      expect(pairs.some((p) => p.what.startsWith('label.label'))).to.equal(true);
      expect(tooLow(pairs, 4.5)).to.deep.equal([]);
    });

    it('a note being edited, or asking to confirm a deletion, keeps its text readable', async () => {
      const { b } = await boardOfNotes();
      const mine = cardsOf(b).find((c) => c.idea?.text === 'My own idea')!;
      mine.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="delete"]')!.click();
      await mine.updateComplete;
      expect(mine.shadowRoot!.querySelector('.confirm'), 'the question').to.not.equal(null);
      expect(tooLow(textContrasts(mine.shadowRoot!), 4.5)).to.deep.equal([]);
      mine.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="keep"]')!.click();
      await mine.updateComplete;
      mine.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="edit"]')!.click();
      await mine.updateComplete;
      const textarea = mine.shadowRoot!.querySelector<HTMLTextAreaElement>('form.edit textarea')!;
      textarea.value = '';
      textarea.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      mine.shadowRoot!.querySelector<HTMLFormElement>('form.edit')!.requestSubmit();
      await mine.updateComplete;
      expect(mine.shadowRoot!.querySelector('form.edit .error'), 'the error').to.not.equal(null);
      const pairs = textContrasts(mine.shadowRoot!);
      expect(pairs.some((p) => p.what.startsWith('label.label'))).to.equal(true);
      expect(tooLow(pairs, 4.5)).to.deep.equal([]);
      // The box typed into: its text against its own background.
      const style = getComputedStyle(textarea);
      expect(contrastRatio(parseColour(style.color), parseColour(style.backgroundColor))).to.be.at.least(4.5);
    });

    it('a person’s initials read at 4.5:1 or better on their colour', async () => {
      const runtime = localRuntime({ id: 'sam', name: 'Sam Jones', role: 'participant' });
      const el = await fixture<CoWorkshop>(html`<co-workshop lang="en" .runtime=${runtime}><co-presence></co-presence></co-workshop>`);
      const p = el.querySelector('co-presence') as CoPresence;
      await waitFor(() => !!p.shadowRoot?.querySelector('.avatar'), 'an avatar');
      await p.updateComplete;
      const pairs = textContrasts(p.shadowRoot!).filter((x) => x.what.startsWith('span.avatar'));
      expect(pairs.length).to.equal(1);
      expect(tooLow(pairs, 4.5)).to.deep.equal([]);
    });

    it('every journey-map card reads at 4.5:1 or better, its words at 12:1', async () => {
      const { m } = await journeyOfCards();
      const cards = [...m.shadowRoot!.querySelectorAll<HTMLElement>('li.card[data-colour]')];
      const pairs = cards.flatMap((card) => {
        // The cards' own text only: walk each card as if it were a root.
        const out: { what: string; ratio: number }[] = [];
        for (const el of [card, ...card.querySelectorAll('*')]) {
          const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
          const box = el.getBoundingClientRect();
          if (!own || box.width <= 2 || box.height <= 2) continue;
          const bg = backdrop(el);
          out.push({ what: `${el.localName}.${[...el.classList].join('.')} "${own.slice(0, 30)}" ${getComputedStyle(el).color}`, ratio: contrastRatio(over(parseColour(getComputedStyle(el).color), bg), bg) });
        }
        return out;
      });
      expect(pairs.some((p) => p.what.startsWith('p.card-meta'))).to.equal(true);
      expect(pairs.some((p) => p.what.startsWith('li.') && p.what.includes('Ramps'))).to.equal(true);
      expect(tooLow(pairs.filter((p) => p.what.startsWith('p.card-text')), 12)).to.deep.equal([]);
      expect(tooLow(pairs, 4.5)).to.deep.equal([]);
    });
  });
}

describe('themes/dark.css and the host page', () => {
  afterEach(() => {
    for (const node of added) node.remove();
    added = [];
  });

  it('leaves the page’s own colour scheme alone and makes the elements’ native controls dark', async () => {
    await addTheme('dark');
    const { el, b } = await boardOfNotes();
    expect(getComputedStyle(document.documentElement).colorScheme, 'the page').to.equal('normal');
    const pageButton = document.createElement('button');
    document.body.append(pageButton);
    added.push(pageButton);
    expect(getComputedStyle(pageButton).colorScheme, 'a button of the page').to.equal('normal');
    // The page's own content between the elements, inside <co-workshop>, is the page's too.
    const ownButton = document.createElement('button');
    el.append(ownButton);
    expect(getComputedStyle(ownButton).colorScheme, 'a button of the page inside the workshop').to.equal('normal');
    const select = b.shadowRoot!.querySelector('select')!;
    expect(getComputedStyle(select).colorScheme, 'a select in the board').to.equal('dark');
  });

  it('keeps the elements dark under a page reset too', async () => {
    await addTheme('dark');
    const style = document.createElement('style');
    style.textContent = '*:where(:not(html)) { all: unset; display: revert; }';
    document.head.append(style);
    added.push(style);
    const { b } = await boardOfNotes();
    expect(getComputedStyle(b.shadowRoot!.querySelector('select')!).colorScheme).to.equal('dark');
  });
});
