// The worked example of docs/custom-pages.md (docs/examples/quick-idea.ts, a custom element made
// from WorkshopController, BoardController, ObserveController, core operations and the workshop's
// announcer) works as the guide says, against the real sync server: inside a <co-workshop> beside
// a built-in board, and on its own with the standalone attributes. test-node/custom-pages-doc.test.ts
// checks that the guide shows this very code and that it type-checks.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { addIdea, lockElement, setCurrentPhase, setPhases } from '@coproduce/core';
import '@coproduce/elements';
import type { CoWorkshop } from '@coproduce/elements';
import '../../../docs/examples/quick-idea.js';
import type { CouncilQuickIdea } from '../../../docs/examples/quick-idea.js';
import { deepActive, deepText, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

/** Board ideas as the built-in board shows them. */
function boardIdeas(workshop: CoWorkshop): string[] {
  const board = workshop.querySelector('co-idea-board')!;
  return [...(board.shadowRoot?.querySelectorAll('co-idea-card') ?? [])].map((c) => c.shadowRoot?.querySelector('.text')?.textContent ?? '');
}

describe('docs/custom-pages.md: <council-quick-idea>', () => {
  it('shows the phase and the count, adds an idea from the keyboard, and says so in the live region', async () => {
    const room = uniqueRoom('custom');
    const token = testToken({ sub: 'fran', name: 'Fran', role: 'facilitator', room });
    const workshop = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${token}>
      <co-idea-board board="ideas" board-title="Ideas"></co-idea-board>
      <council-quick-idea board="ideas"></council-quick-idea>
    </co-workshop>`);
    const quick = workshop.querySelector<CouncilQuickIdea>('council-quick-idea')!;
    await waitFor(() => deepText(quick).includes('0 ideas so far.'), 'the count of the new board');
    const runtime = workshop.runtime!;
    setPhases(runtime.session, [{ id: 'share', title: 'Share ideas' }]);
    setCurrentPhase(runtime.session, 'share');
    await waitFor(() => deepText(quick).includes('Now: Share ideas'), 'the current phase');

    // Keyboard only: focus the field, type, press Enter.
    quick.shadowRoot!.querySelector('input')!.focus();
    expect(deepActive()?.id).to.equal('idea');
    await sendKeys({ type: 'A bench by the war memorial' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepText(quick).includes('1 idea so far.'), 'the new count');
    const region = workshop.shadowRoot!.querySelector<HTMLElement>('[data-announcer]')!;
    await waitFor(() => region.textContent === 'Idea added.', 'the confirmation in the live region');
    await waitFor(() => boardIdeas(workshop).includes('A bench by the war memorial'), 'the idea on the built-in board');
    expect(deepActive()?.id).to.equal('idea'); // the keyboard stays in the field for the next idea

    // An empty idea: the core's plain-English error, in words, and nothing added.
    await sendKeys({ press: 'Enter' });
    await waitFor(() => quick.shadowRoot!.querySelector('[role="alert"]') !== null, 'the error');
    expect(quick.shadowRoot!.querySelector('[role="alert"]')!.textContent!.length).to.be.greaterThan(5);
    expect(deepText(quick)).to.include('1 idea so far.');
    await expect(quick).to.be.accessible();
  });

  it('works on its own with the standalone attributes, live with everyone else, and says why when the board is paused', async () => {
    const room = uniqueRoom('custom-alone');
    const fac = testToken({ sub: 'fran', name: 'Fran', role: 'facilitator', room });
    const resident = testToken({ sub: 'rhys', name: 'Rhys', role: 'participant', room });
    const workshop = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${fac}>
      <co-idea-board board="ideas" board-title="Ideas"></co-idea-board>
    </co-workshop>`);
    const quick = await fixture<CouncilQuickIdea>(html`<council-quick-idea server=${syncUrl()} room=${room} token=${resident} board="ideas"></council-quick-idea>`);
    await waitFor(() => deepText(quick).includes('0 ideas so far.'), 'the board, from the server');
    addIdea(workshop.runtime!.session, { boardId: 'ideas', text: 'More trees' });
    await waitFor(() => deepText(quick).includes('1 idea so far.'), 'the facilitator’s idea, live');
    lockElement(workshop.runtime!.session, 'ideas', 'We are reading your ideas out now.');
    await waitFor(() => deepText(quick).includes('We are reading your ideas out now.'), 'the reason in words');
    expect(quick.shadowRoot!.querySelector('form')).to.equal(null);
  });
});
