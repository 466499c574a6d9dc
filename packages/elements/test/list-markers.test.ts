// Long workshops add and remove many items: a board's ideas come and go, and a facilitator
// rebuilds a vote's options. Lit 3.3's repeat() left one empty comment node behind for every item
// it removed (lit/lit#5010); the workspace patches lit-html (patches/lit-html@3.3.3.patch) so
// that removing a part removes both its markers. These tests hold the elements' lists to a steady
// DOM through many additions and removals.
import { expect } from '@open-wc/testing';
import { addIdea, deleteIdea } from '@coproduce/core';
import { html, render } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import '../src/index.js';
import { cardsOf, localBoard, waitFor } from './helpers.js';

/** Comment nodes under `root`, shadow roots included. */
function comments(root: Node): number {
  let count = 0;
  const walk = (node: Node): void => {
    if (node.nodeType === Node.COMMENT_NODE) count++;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    node.childNodes.forEach(walk);
  };
  walk(root);
  return count;
}

describe('lists keep a steady DOM', () => {
  it('repeat() removes both markers of the items it removes', async () => {
    const host = document.createElement('ul');
    document.body.append(host);
    const show = (items: number[]): void => render(html`${repeat(items, (i) => i, (i) => html`<li>${i}</li>`)}`, host);
    show([1, 2, 3]);
    const before = comments(host);
    for (let round = 0; round < 20; round++) {
      show([1, 2, 3, 4, 5, 6].filter((i) => (i + round) % 2 === 0));
      show([3, 1, 2]);
    }
    expect(host.querySelectorAll('li').length).to.equal(3);
    expect(comments(host)).to.equal(before);
    host.remove();
  });

  it('a board whose ideas come and go ends with as many nodes as it started', async () => {
    const { b, facilitator } = await localBoard();
    addIdea(facilitator.session, { boardId: 'main', text: 'Benches by the pond' });
    await waitFor(() => cardsOf(b).length === 1, 'one card');
    await b.updateComplete;
    const before = comments(b.shadowRoot!);
    for (let round = 0; round < 5; round++) {
      const added = Array.from({ length: 6 }, (_, i) => addIdea(facilitator.session, { boardId: 'main', text: `Idea ${round}.${i}` }));
      await waitFor(() => cardsOf(b).length === 7, 'seven cards');
      for (const id of added) deleteIdea(facilitator.session, id);
      await waitFor(() => cardsOf(b).length === 1, 'one card again');
      await b.updateComplete;
    }
    expect(cardsOf(b)).to.have.length(1);
    expect(comments(b.shadowRoot!), 'comment nodes after 30 ideas came and went').to.equal(before);
  });
});
