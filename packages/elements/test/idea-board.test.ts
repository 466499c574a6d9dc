import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { addIdea, createBoard, createWorkshop } from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { deepText, localRuntime, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

function board(el: CoWorkshop): CoIdeaBoard {
  return el.querySelector('co-idea-board') as CoIdeaBoard;
}
function cards(b: CoIdeaBoard) {
  return [...b.shadowRoot!.querySelectorAll('co-idea-card')];
}
function cardTexts(b: CoIdeaBoard): string[] {
  return cards(b).map((c) => c.shadowRoot!.querySelector('.text')?.textContent ?? '');
}

async function localBoard(role: 'facilitator' | 'participant' = 'participant') {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const runtime = localRuntime({ id: 'sam', name: 'Sam', role }, doc);
  const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  createBoard(facilitator.session, { id: 'main', title: 'Ideas for the park' });
  const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-idea-board board="main"></co-idea-board></co-workshop>`);
  await board(el).updateComplete;
  return { el, runtime, facilitator, b: board(el) };
}

describe('<co-idea-board>', () => {
  it('passes an axe accessibility check, with ideas and the form', async () => {
    const { el, b, facilitator } = await localBoard();
    addIdea(facilitator.session, { boardId: 'main', text: 'More benches', colour: 'blue' });
    addIdea(facilitator.session, { boardId: 'main', text: 'Quiet hour at the library', colour: 'green', tag: 'Library' });
    await b.updateComplete;
    await waitFor(() => cards(b).length === 2, 'two cards');
    await expect(el).to.be.accessible();
  });

  it('adds, edits and deletes an idea with the keyboard only', async () => {
    const { b, runtime } = await localBoard();
    const added: string[] = [];
    b.addEventListener('co-idea-add', (e) => added.push(e.detail.ideaId));
    const textarea = b.shadowRoot!.querySelector('textarea')!;
    textarea.focus();
    await sendKeys({ type: 'Safer crossing by the school' });
    await sendKeys({ press: 'Tab' }); // colour
    await sendKeys({ press: 'Tab' }); // Add idea
    await sendKeys({ press: 'Enter' });
    await waitFor(() => cardTexts(b).includes('Safer crossing by the school'), 'the new idea');
    expect(added).to.have.length(1);
    expect(textarea.value).to.equal('');

    // Edit: Tab from the text box lands on the card's Edit button after the form controls.
    const card = cards(b)[0]!;
    const edit = card.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="edit"]')!;
    edit.focus();
    await sendKeys({ press: 'Enter' });
    await card.updateComplete;
    const editBox = card.shadowRoot!.querySelector('textarea')!;
    expect(card.shadowRoot!.activeElement).to.equal(editBox);
    editBox.select();
    await sendKeys({ type: 'Safer crossing by the primary school' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => cardTexts(b).includes('Safer crossing by the primary school'), 'the edited idea');

    // Delete
    const del = cards(b)[0]!.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="delete"]')!;
    del.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => cards(b).length === 0, 'the idea to go');
    expect(runtime.doc.getMap('ideas').size).to.equal(0);
  });

  it('shows a clear error for an idea over 2,000 characters and keeps the text', async () => {
    const { b, runtime } = await localBoard();
    const textarea = b.shadowRoot!.querySelector('textarea')!;
    textarea.value = 'x'.repeat(2001);
    textarea.dispatchEvent(new InputEvent('input'));
    b.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await b.updateComplete;
    const error = b.shadowRoot!.querySelector('.error');
    expect(error?.textContent).to.contain('2,000');
    expect(textarea.value).to.have.length(2001);
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect(runtime.doc.getMap('ideas').size).to.equal(0);
  });

  it('renders hostile text as text, never as HTML', async () => {
    const { b, facilitator } = await localBoard();
    const hostile = '<img src=x onerror="window.__pwned = true"><script>window.__pwned = true</script>';
    addIdea(facilitator.session, { boardId: 'main', text: hostile });
    await waitFor(() => cards(b).length === 1, 'the hostile idea');
    const card = cards(b)[0]!;
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('img')).to.equal(null);
    expect(card.shadowRoot!.querySelector('script')).to.equal(null);
    expect(card.shadowRoot!.querySelector('.text')!.textContent).to.equal(hostile);
    expect((window as unknown as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });

  it('re-renders only the card whose idea changed', async () => {
    const { b, facilitator } = await localBoard();
    const ids = [0, 1, 2].map((i) => addIdea(facilitator.session, { boardId: 'main', text: `Idea ${i}` }));
    await waitFor(() => cards(b).length === 3, 'three cards');
    await Promise.all(cards(b).map((c) => c.updateComplete));
    const counts = () => new Map(cards(b).map((c) => [c.idea!.id, c.renderCount]));
    const before = counts();
    const { editIdea } = await import('@coproduce/core');
    editIdea(facilitator.session, ids[1]!, { text: 'Idea one, changed' });
    await waitFor(() => cardTexts(b).includes('Idea one, changed'), 'the change');
    const after = counts();
    expect(after.get(ids[0]!)).to.equal(before.get(ids[0]!));
    expect(after.get(ids[1]!)).to.equal(before.get(ids[1]!)! + 1);
    expect(after.get(ids[2]!)).to.equal(before.get(ids[2]!));
  });

  it('tells participants why a locked board is read-only', async () => {
    const { b, facilitator } = await localBoard();
    const { lockElement } = await import('@coproduce/core');
    lockElement(facilitator.session, 'main', 'We are grouping ideas now.');
    await b.updateComplete;
    expect(b.shadowRoot!.querySelector('form')).to.equal(null);
    expect(deepText(b.shadowRoot!)).to.contain('We are grouping ideas now.');
  });

  it('syncs ideas between two participants through the real sync server', async () => {
    const room = uniqueRoom('board');
    const server = syncUrl();
    const a = await fixture<CoWorkshop>(
      html`<co-workshop server=${server} room=${room} token=${testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' })}><co-idea-board board="main"></co-idea-board></co-workshop>`,
    );
    const bEl = await fixture<CoWorkshop>(
      html`<co-workshop server=${server} room=${room} token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant' })}><co-idea-board board="main"></co-idea-board></co-workshop>`,
    );
    await waitFor(() => a.status === 'synced' && bEl.status === 'synced', 'both to sync');
    const boardA = board(a);
    const boardB = board(bEl);
    // The facilitator's board creates the board; the participant then sees the form.
    await waitFor(() => !!boardB.shadowRoot!.querySelector('textarea'), 'the board to be set up');
    const textarea = boardB.shadowRoot!.querySelector('textarea')!;
    textarea.value = 'Idea from Sam';
    textarea.dispatchEvent(new InputEvent('input'));
    boardB.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => cardTexts(boardA).includes('Idea from Sam'), "Sam's idea on Priya's screen");
    await waitFor(() => deepText(boardA.shadowRoot!).includes('by Sam'), "Sam's name on the idea");
    a.remove();
    bEl.remove();
  });
});
