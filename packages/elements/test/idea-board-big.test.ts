import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { addIdea, createCluster, editIdea, type WorkshopSession } from '@coproduce/core';
import '../src/index.js';
import { setStrings, type CoIdeaBoard } from '../src/index.js';
import { cardsOf, cardWith, chord, deepActive, deepText, localBoard, named, noteOf, waitFor } from './helpers.js';

/** Adds `n` ideas in one go (as a first sync from the server brings them): half in two groups. */
function addMany(session: WorkshopSession, n: number): { groups: string[]; ids: string[] } {
  const groups = ['Transport', 'Parks'].map((title) => createCluster(session, { boardId: 'main', title }));
  const ids: string[] = [];
  session.doc.transact(() => {
    for (let i = 0; i < n; i++) {
      ids.push(addIdea(session, { boardId: 'main', text: `Idea ${i}: more shade by the bus stop`, clusterId: i % 2 ? (groups[i % 4 === 1 ? 0 : 1] ?? null) : null }));
    }
  }, session.origin);
  return { groups, ids };
}

/** How many notes the board shows after its next update, before any later batch. */
function cardsAfterNextUpdate(b: CoIdeaBoard): Promise<number> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve(cardsOf(b).length);
    });
    observer.observe(b.shadowRoot!, { childList: true, subtree: true });
  });
}

describe('<co-idea-board> with hundreds of ideas', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('shows the first notes at once and the rest a batch at a time; every note is on the page once updateComplete resolves', async () => {
    const { b, facilitator } = await localBoard();
    const first = cardsAfterNextUpdate(b);
    addMany(facilitator.session, 260);
    const shownFirst = await first;
    expect(shownFirst).to.be.above(0);
    expect(shownFirst).to.be.below(260);
    await b.updateComplete;
    expect(cardsOf(b)).to.have.length(260);
    // In the page's text (so find-in-page and screen readers have every note), in board order.
    const text = deepText(b.shadowRoot!);
    expect(text).to.contain('Idea 259: more shade by the bus stop');
    expect(text).to.contain('Idea 0: more shade by the bus stop');
    expect(b.shadowRoot!.querySelector('.summary')!.textContent).to.contain('260 ideas');
  });

  it('keeps focus on a note while the later batches come in, and reaches the last note with Ctrl+End', async () => {
    const { b, facilitator } = await localBoard();
    const first = cardsAfterNextUpdate(b);
    const { ids } = addMany(facilitator.session, 300);
    await first;
    const note = noteOf(cardsOf(b)[0]!);
    note.focus();
    await b.updateComplete;
    expect(cardsOf(b)).to.have.length(300);
    expect(deepActive()).to.equal(note, `focus went to ${named(deepActive())}`);
    await chord('Control', 'End');
    const last = cardsOf(b).at(-1)!;
    expect(deepActive()).to.equal(noteOf(last));
    expect(last.idea!.id).to.be.oneOf(ids);
    // Arrow keys go on from there, back into the groups above.
    await sendKeys({ press: 'ArrowLeft' });
    expect(deepActive()).to.equal(noteOf(cardsOf(b).at(-2)!));
  });

  it('keeps every note it shows, and the focus, when hundreds more arrive at once', async () => {
    const { b, facilitator } = await localBoard();
    addMany(facilitator.session, 150);
    await b.updateComplete;
    const focused = cardsOf(b).at(-1)!;
    noteOf(focused).focus();
    const next = cardsAfterNextUpdate(b);
    facilitator.session.doc.transact(() => {
      for (let i = 0; i < 250; i++) addIdea(facilitator.session, { boardId: 'main', text: `Later idea ${i}` });
    }, facilitator.session.origin);
    const shown = await next;
    expect(shown).to.be.at.least(150);
    expect(shown).to.be.below(400);
    expect(deepActive()).to.equal(noteOf(focused));
    await b.updateComplete;
    expect(cardsOf(b)).to.have.length(400);
    expect(focused.isConnected).to.equal(true);
    expect(deepActive()).to.equal(noteOf(focused));
  });

  it('finds an idea from the last batch with the search box', async () => {
    const { b, facilitator } = await localBoard();
    addMany(facilitator.session, 240);
    await b.updateComplete;
    const search = b.shadowRoot!.querySelector<HTMLInputElement>('#board-search')!;
    search.focus();
    await sendKeys({ type: 'Idea 239:' });
    await waitFor(() => cardsOf(b).length === 1, 'one match');
    expect(cardsOf(b)[0]!.idea!.text).to.equal('Idea 239: more shade by the bus stop');
    // Clearing the search brings every note back.
    await sendKeys({ press: 'Escape' });
    search.value = '';
    search.dispatchEvent(new Event('input'));
    await b.updateComplete;
    expect(cardsOf(b)).to.have.length(240);
  });

  it('leaves every note alone while someone types a new idea, and re-renders only the note someone else edits', async () => {
    const { b, facilitator } = await localBoard();
    const { ids } = addMany(facilitator.session, 150);
    await b.updateComplete;
    await Promise.all(cardsOf(b).map((c) => c.updateComplete));
    const counts = () => new Map(cardsOf(b).map((c) => [c.idea!.id, c.renderCount]));
    const before = counts();
    b.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea-text')!.focus();
    await sendKeys({ type: 'Shade' });
    await b.updateComplete;
    expect(b.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea-text')!.value).to.equal('Shade');
    expect(counts()).to.deep.equal(before);
    editIdea(facilitator.session, ids[75]!, { text: 'Changed by Priya' });
    await waitFor(() => !!cardWith(b, 'Changed by Priya'), 'the edit');
    await b.updateComplete;
    const after = counts();
    const rendered = [...after].filter(([id, n]) => n !== before.get(id)).map(([id]) => id);
    expect(rendered).to.deep.equal([ids[75]]);
  });

  it('follows a change of wording by the page in every group, though the notes did not change', async () => {
    const { b, facilitator } = await localBoard();
    addMany(facilitator.session, 20);
    await b.updateComplete;
    const title = () => b.shadowRoot!.querySelector('#group-title-none')!.textContent!.trim();
    expect(title()).to.equal('Not grouped');
    try {
      setStrings('en', { boardUngrouped: 'Not sorted yet' });
      await waitFor(() => title() === 'Not sorted yet', 'the new wording');
    } finally {
      setStrings('en', { boardUngrouped: 'Not grouped' });
    }
    await waitFor(() => title() === 'Not grouped', 'the wording back');
  });

  it('passes axe on a phone-sized screen with a big board', async () => {
    await setViewport({ width: 390, height: 844 });
    const { el, b, facilitator } = await localBoard();
    addMany(facilitator.session, 120);
    await b.updateComplete;
    await Promise.all(cardsOf(b).map((c) => c.updateComplete));
    expect(cardsOf(b)).to.have.length(120);
    await expect(el).to.be.accessible();
  });
});
