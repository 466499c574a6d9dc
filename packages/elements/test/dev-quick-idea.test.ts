// The worked example of docs/custom-pages.md (docs/examples/quick-idea.ts) keeps the docs' own rule:
// every word in English and Welsh, through `registerStrings` and `LocalizeController` from the
// package's main entry, with core's errors said in the page's language ("An idea can't be empty.").
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { createBoard, createWorkshop, setCurrentPhase, setPhases } from '@coproduce/core';
import '@coproduce/elements';
import { translate, type CoWorkshop } from '@coproduce/elements';
import '../../../docs/examples/quick-idea.js';
import type { CouncilQuickIdea } from '../../../docs/examples/quick-idea.js';
import { deepText, localRuntime, waitFor } from './helpers.js';

/** A local workshop with the board `ideas` and a current phase, and the example inside it, in `lang`. */
async function quickIdea(lang: string) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Market square' });
  const facilitator = localRuntime({ id: 'fran', name: 'Fran', role: 'facilitator' }, doc);
  createBoard(facilitator.session, { id: 'ideas', title: 'Ideas' });
  setPhases(facilitator.session, [{ id: 'share', title: 'Share ideas' }]);
  setCurrentPhase(facilitator.session, 'share');
  const runtime = localRuntime({ id: 'rhys', name: 'Rhys', role: 'participant' }, doc);
  const workshop = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${runtime}>
    <council-quick-idea board="ideas"></council-quick-idea>
  </co-workshop>`);
  const quick = workshop.querySelector<CouncilQuickIdea>('council-quick-idea')!;
  await quick.updateComplete;
  return { workshop, quick, runtime, facilitator };
}

/** Presses Enter in the example's empty field (keyboard only) and waits for its error. */
async function addNothing(quick: CouncilQuickIdea): Promise<string> {
  quick.shadowRoot!.querySelector('input')!.focus();
  await sendKeys({ press: 'Enter' });
  await waitFor(() => quick.shadowRoot!.querySelector('[role="alert"]') !== null, 'the error');
  return quick.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim();
}

describe('docs/examples/quick-idea.ts in English and Welsh', () => {
  it('says core’s own words for an empty idea on an English page', async () => {
    const { quick, runtime, facilitator } = await quickIdea('en');
    expect(deepText(quick)).to.include('Now: Share ideas');
    expect(deepText(quick)).to.include('0 ideas so far.');
    expect(await addNothing(quick)).to.equal("An idea can't be empty.");
    await expect(quick).to.be.accessible();
    runtime.destroy();
    facilitator.destroy();
  });

  it('says everything in Welsh on a Welsh page, the error included, and follows a change of language', async () => {
    const { workshop, quick, runtime, facilitator } = await quickIdea('cy');
    const text = deepText(quick);
    expect(text).to.include('Nawr: Share ideas');
    expect(text).to.include('0 syniad hyd yma.');
    expect(quick.shadowRoot!.querySelector('label')!.textContent).to.equal('Eich syniad');
    expect(quick.shadowRoot!.querySelector('button')!.textContent).to.equal('Ychwanegu syniad');
    expect(await addNothing(quick)).to.equal('Ni all syniad fod yn wag.');
    await expect(quick).to.be.accessible();

    // Typed and added from the keyboard: the confirmation in Welsh too.
    const said: string[] = [];
    const say = runtime.announcer.say.bind(runtime.announcer);
    runtime.announcer.say = (message: string) => (said.push(message), say(message));
    await sendKeys({ type: 'Meinciau wrth y llyfrgell' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepText(quick).includes('1 syniad hyd yma.'), 'the new count');
    expect(said).to.deep.equal(['Syniad wedi’i ychwanegu.']);

    // The page switches to English: the element follows at once.
    workshop.setAttribute('lang', 'en');
    await waitFor(() => deepText(quick).includes('1 idea so far.'), 'the English words');
    expect(quick.shadowRoot!.querySelector('label')!.textContent).to.equal('Your idea');
    runtime.destroy();
    facilitator.destroy();
  });

  it('has every one of its strings in both languages', () => {
    const keys = ['councilQuickConnecting', 'councilQuickNoBoard', 'councilQuickNow', 'councilQuickCount', 'councilQuickPaused', 'councilQuickLabel', 'councilQuickAdd', 'councilQuickAdded', 'councilQuickEmpty', 'councilQuickTooLong'] as const;
    for (const key of keys) {
      const en = translate('en', key, { count: 2, phase: 'x', max: 2000, actual: 2001 });
      const cy = translate('cy', key, { count: 2, phase: 'x', max: 2000, actual: 2001 });
      expect(en, key).to.not.equal(key);
      expect(cy, key).to.not.equal(key);
      expect(cy, key).to.not.equal(en);
    }
  });
});
