import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { createBoard, createWorkshop } from '@coproduce/core';
import { setStrings, translate } from '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { localRuntime } from './helpers.js';

async function board(lang?: string) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Iaith' });
  const runtime = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  createBoard(runtime.session, { id: 'main', title: 'Syniadau' });
  const el = await fixture<CoWorkshop>(
    html`<co-workshop .runtime=${runtime} lang=${lang ?? ''}><co-idea-board board="main"></co-idea-board></co-workshop>`,
  );
  const b = el.querySelector('co-idea-board') as CoIdeaBoard;
  await b.updateComplete;
  return b;
}
const submitLabel = (b: CoIdeaBoard) => b.shadowRoot!.querySelector('button[type="submit"]')!.textContent!.trim();

describe('languages', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('follows the lang of an ancestor', async () => {
    const b = await board('cy');
    expect(submitLabel(b)).to.equal('Ychwanegu syniad');
  });

  it('changes language at run time when the page’s lang changes', async () => {
    const b = await board();
    expect(submitLabel(b)).to.equal('Add idea');
    document.documentElement.lang = 'cy';
    await new Promise((r) => setTimeout(r, 0));
    await b.updateComplete;
    expect(submitLabel(b)).to.equal('Ychwanegu syniad');
    document.documentElement.lang = 'en-GB';
    await new Promise((r) => setTimeout(r, 0));
    await b.updateComplete;
    expect(submitLabel(b)).to.equal('Add idea');
  });

  it('lets the host page override any string', async () => {
    const b = await board();
    setStrings('en', { addIdea: 'Add a suggestion' });
    await b.updateComplete;
    expect(submitLabel(b)).to.equal('Add a suggestion');
    setStrings('en', { addIdea: 'Add idea' });
  });

  it('uses Welsh plural forms', () => {
    // Intl.PluralRules('cy'): 0 zero, 1 one, 2 two, 3 few, 6 many, others other.
    expect(translate('cy', 'ideaCount', { count: 0 })).to.equal('Dim syniadau eto');
    expect(translate('cy', 'ideaCount', { count: 1 })).to.equal('1 syniad');
    expect(translate('en', 'ideaCount', { count: 1 })).to.equal('1 idea');
    expect(translate('en', 'ideaCount', { count: 1200 })).to.equal('1,200 ideas');
  });
});
