import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import {
  CoproduceError, addIdea, applyTemplate, createBoard, createJourney, createPoll, createWorkshop, exportWorkshopJson, joinWorkshop,
  readControl, setPhases,
} from '@coproduce/core';
import '../src/index.js';
import type { CoFacilitatorPanel, CoIdeaBoard, CoPhase, CoWorkshop } from '../src/index.js';
import { deepText, localRuntime, panelOf, recordAnnouncements, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

function q<T extends Element = HTMLElement>(panel: CoFacilitatorPanel, selector: string): T | null {
  return panel.shadowRoot!.querySelector<T>(selector as never) as T | null;
}
function phaseText(el: CoWorkshop): string {
  return el.querySelector('co-phase')?.shadowRoot?.querySelector('[part="phase"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
async function chooseFromMenu(panel: CoFacilitatorPanel, button: HTMLElement, itemId: string): Promise<void> {
  button.click();
  const menu = q(panel, 'co-menu')!;
  await waitFor(() => !!menu.shadowRoot?.querySelector(`[data-id="${itemId}"]`), `the menu item ${itemId}`);
  menu.shadowRoot!.querySelector<HTMLElement>(`[data-id="${itemId}"]`)!.click();
}

/** A local workshop with a little of everything, seen by a facilitator. */
async function localPanel(role: 'facilitator' | 'participant' = 'facilitator') {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'High street' });
  const fac = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
  setPhases(fac.session, [{ id: 'share', title: 'Share ideas' }, { id: 'vote', title: 'Vote' }]);
  createBoard(fac.session, { id: 'main', title: 'Ideas for the high street' });
  createPoll(fac.session, { id: 'vote', title: 'Which first?', method: 'dots', options: { board: 'main' } });
  createJourney(fac.session, { id: 'journey', title: 'Catching the bus', stages: ['Plan', 'Wait'] });
  const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
  joinWorkshop(sam.session);
  const runtime = role === 'facilitator' ? fac : sam;
  const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
  const panel = panelOf(el);
  await waitFor(() => !!panel.shadowRoot!.querySelector(role === 'facilitator' ? '[data-section="phases"]' : '[data-role-notice]'), 'the panel');
  return { doc, fac, sam, el, panel };
}

describe('<co-facilitator-panel>', () => {
  it('passes an axe check with phases, elements, people, invite, downloads', async () => {
    const { el, panel } = await localPanel();
    expect(q(panel, '[data-section="elements"]')!.textContent).to.contain('Which first?');
    expect(q(panel, '.qr')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows people who are not facilitators only why the controls are not there', async () => {
    const { el, panel } = await localPanel('participant');
    const text = deepText(panel.shadowRoot!);
    expect(text).to.contain('These controls are for facilitators. You are taking part as: Participant.');
    expect(panel.shadowRoot!.querySelectorAll('button')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('edits the agenda: add with the keyboard, rename, reorder, start, remove', async () => {
    const { panel, doc } = await localPanel();
    const phases = () => readControl(doc).phases.map((p) => p.title);
    const input = q<HTMLInputElement>(panel, '#new-phase')!;
    input.focus();
    await sendKeys({ type: 'Discuss' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => phases().length === 3, 'the new phase');
    expect(phases()).to.deep.equal(['Share ideas', 'Vote', 'Discuss']);
    expect(input.value).to.equal('');

    // An empty title is refused with a message next to the field.
    input.value = '   ';
    q<HTMLButtonElement>(panel, 'form button[type="submit"][data-variant="secondary"]')!.click();
    await panel.updateComplete;
    expect(q(panel, '#new-phase-error')!.textContent).to.match(/can't be empty|can’t be empty/);

    // Rename through the phase's menu.
    const voteId = readControl(doc).phases[1]!.id;
    await chooseFromMenu(panel, q(panel, `[data-phase-menu="${voteId}"]`)!, 'rename');
    await panel.updateComplete;
    const rename = q<HTMLInputElement>(panel, `#rename-${voteId}`)!;
    rename.value = 'Dot vote';
    rename.form!.requestSubmit();
    await waitFor(() => phases()[1] === 'Dot vote', 'the rename');

    // Move it up, then start it.
    await chooseFromMenu(panel, q(panel, `[data-phase-menu="${voteId}"]`)!, 'up');
    await waitFor(() => phases()[0] === 'Dot vote', 'the move');
    const events: (string | null)[] = [];
    panel.addEventListener('co-phase-change', (e) => events.push(e.detail.phaseId));
    q<HTMLButtonElement>(panel, `li[data-phase="${voteId}"] [data-action="start-phase"]`)!.click();
    await waitFor(() => readControl(doc).currentPhase?.id === voteId, 'the current phase');
    expect(events).to.deep.equal([voteId]);
    expect(q(panel, `li[data-phase="${voteId}"]`)!.getAttribute('aria-current')).to.equal('step');
    // "Next" moves on.
    q<HTMLButtonElement>(panel, '[data-action="next-phase"]')!.click();
    await waitFor(() => readControl(doc).currentPhase?.title === 'Share ideas', 'the next phase');

    // Remove.
    const discuss = readControl(doc).phases.find((p) => p.title === 'Discuss')!.id;
    await chooseFromMenu(panel, q(panel, `[data-phase-menu="${discuss}"]`)!, 'remove');
    await waitFor(() => phases().length === 2, 'the removal');
  });

  it('turns settings on and off, and opens, closes and reveals votes', async () => {
    const { panel, doc } = await localPanel();
    const settings: unknown[] = [];
    panel.addEventListener('co-settings-change', (e) => settings.push(e.detail.settings));
    q<HTMLInputElement>(panel, '#setting-anonymous')!.click();
    await waitFor(() => readControl(doc).settings.anonymous, 'anonymity on');
    expect(settings).to.deep.equal([{ anonymous: true }]);
    q<HTMLInputElement>(panel, '#setting-privateWriting')!.click();
    await waitFor(() => readControl(doc).settings.privateWriting, 'private writing on');
    await panel.updateComplete;
    // With private writing on, a board can be revealed.
    q<HTMLButtonElement>(panel, 'li[data-element="main"] [data-action="show-ideas"]')!.click();
    await waitFor(() => readControl(doc).reveals.some((r) => r.elementId === 'main'), 'the board revealed');

    const row = () => q(panel, 'li[data-element="vote"]')!;
    row().querySelector<HTMLButtonElement>('[data-action="open-poll"]')!.click();
    await waitFor(() => (doc.getMap('polls').get('vote') as { open: boolean }).open, 'the vote open');
    await panel.updateComplete;
    expect(row().textContent).to.contain('Voting open');
    row().querySelector<HTMLButtonElement>('[data-action="show-results"]')!.click();
    await waitFor(() => readControl(doc).reveals.some((r) => r.elementId === 'vote'), 'results shown');
    row().querySelector<HTMLButtonElement>('[data-action="close-poll"]')!.click();
    await waitFor(() => !(doc.getMap('polls').get('vote') as { open: boolean }).open, 'the vote closed');
  });

  it('exports JSON, CSV and a Markdown report, naming nobody when anonymous', async () => {
    const { panel, fac, sam } = await localPanel();
    addIdea(sam.session, { boardId: 'main', text: '=cmd|calc — benches' });
    const json = panel.exportFile('json');
    expect(json.filename).to.match(/^high-street-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(json.text).format).to.equal('coproduce-workshop');
    const csv = panel.exportFile('csv');
    expect(csv.text.startsWith('\uFEFFBoard,Idea')).to.equal(true);
    expect(csv.text).to.contain("'=cmd|calc — benches");
    expect(csv.text).to.contain('Sam');
    const { setSettings } = await import('@coproduce/core');
    setSettings(fac.session, { anonymous: true });
    await panel.updateComplete;
    expect(panel.exportFile('csv').text).not.to.contain('Sam');
    const report = panel.exportFile('markdown');
    expect(report.text).to.contain('# High street');
    expect(report.text).not.to.contain('Sam');
    expect(q(panel, '[data-section="downloads"]')!.textContent).to.contain('name nobody');
    // The buttons download (and say so).
    const exported: string[] = [];
    panel.addEventListener('co-export', (e) => exported.push(e.detail.format));
    q<HTMLButtonElement>(panel, '[data-export="markdown"]')!.click();
    expect(exported).to.deep.equal(['markdown']);
  });

  it('sets up an empty workshop from a template, or from a file', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Empty' });
    const fac = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${fac}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
    const panel = panelOf(el);
    await waitFor(() => !!q(panel, '[data-action="apply-template"]'), 'the set-up form');
    q<HTMLInputElement>(panel, '#template-service-journey')!.click();
    q<HTMLButtonElement>(panel, '[data-action="apply-template"]')!.click();
    await waitFor(() => doc.getMap('journeys').has('journey'), 'the template');
    await panel.updateComplete;
    expect(q(panel, '[data-section="setup"]')!.textContent).to.contain('set up from the template “Service journey”');
    expect(q(panel, '[data-section="elements"]')!.textContent).to.contain('Using the service');

    // A file: export a templated workshop, import it into another empty one.
    const source = new Y.Doc();
    applyTemplate(source, 'participatory-budget');
    const doc2 = new Y.Doc();
    createWorkshop(doc2, { title: 'Second' });
    const fac2 = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc2);
    const el2 = await fixture<CoWorkshop>(html`<co-workshop .runtime=${fac2}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
    const panel2 = panelOf(el2);
    await waitFor(() => !!q(panel2, '#import-file'), 'the import form');
    const input = q<HTMLInputElement>(panel2, '#import-file')!;
    const files = new DataTransfer();
    files.items.add(new File([exportWorkshopJson(source)], 'budget.json', { type: 'application/json' }));
    input.files = files.files;
    q<HTMLButtonElement>(panel2, '[data-action="import"]')!.click();
    await waitFor(() => doc2.getMap('polls').has('budget'), 'the imported vote');
    await panel2.updateComplete;
    expect(q(panel2, '[data-section="setup"]')!.textContent).to.contain('set up from budget.json');
  });
});

describe('running a workshop: a facilitator and two participants through the real server', () => {
  async function pages() {
    const room = uniqueRoom('run');
    const server = syncUrl();
    const facEl = await fixture<CoWorkshop>(html`<co-workshop server=${server} room=${room}
        token=${testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' })}>
        <co-phase></co-phase>
        <co-facilitator-panel></co-facilitator-panel>
        <co-idea-board board="main" board-title="Ideas for the park"></co-idea-board>
      </co-workshop>`);
    const participant = async (sub: string, name: string) =>
      fixture<CoWorkshop>(html`<co-workshop server=${server} room=${room} token=${testToken({ sub, name, role: 'participant' })}>
          <co-phase></co-phase>
          <co-idea-board board="main"></co-idea-board>
        </co-workshop>`);
    const samEl = await participant('sam', 'Sam');
    const anaEl = await participant('ana', 'Ana');
    await waitFor(() => [facEl, samEl, anaEl].every((e) => e.status === 'synced'), 'all three to sync');
    return { room, facEl, samEl, anaEl, panel: panelOf(facEl) };
  }

  it('shows a phase change to everyone, and announces it to participants', async () => {
    const { facEl, samEl, anaEl, panel } = await pages();
    const samSaid = recordAnnouncements(samEl);
    await waitFor(() => !!q(panel, '#new-phase'), 'the panel');
    for (const title of ['Share ideas', 'Group', 'Vote']) {
      const input = q<HTMLInputElement>(panel, '#new-phase')!;
      input.value = title;
      input.form!.requestSubmit();
      await waitFor(() => panel.shadowRoot!.querySelectorAll('li[data-phase]').length === ['Share ideas', 'Group', 'Vote'].indexOf(title) + 1, `phase ${title}`);
    }
    await waitFor(() => phaseText(samEl).includes('The facilitator will start the first step soon'), 'participants to see the agenda exists');
    const group = panel.shadowRoot!.querySelectorAll<HTMLElement>('li[data-phase]')[1]!;
    group.querySelector<HTMLButtonElement>('[data-action="start-phase"]')!.click();
    for (const el of [facEl, samEl, anaEl]) await waitFor(() => phaseText(el) === 'Step 2 of 3Group' || phaseText(el) === 'Step 2 of 3 Group', 'the phase everywhere');
    await waitFor(() => samSaid.some((s) => s.includes('Now: Group, step 2 of 3')), 'the announcement');
    await expect(samEl.querySelector('co-phase')!).to.be.accessible();
  });

  it('stops participants when the facilitator locks a board, and says why', async () => {
    const { samEl, anaEl, panel, facEl } = await pages();
    const samBoard = samEl.querySelector('co-idea-board') as CoIdeaBoard;
    await waitFor(() => !!samBoard.shadowRoot!.querySelector('textarea'), 'the board to open for Sam');
    await waitFor(() => !!q(panel, 'li[data-element="main"] [data-action="lock"]'), 'the board in the panel');
    const reason = q<HTMLInputElement>(panel, '#lock-reason')!;
    reason.value = 'We are grouping the ideas now.';
    reason.dispatchEvent(new InputEvent('input'));
    const locks: boolean[] = [];
    panel.addEventListener('co-lock-change', (e) => locks.push(e.detail.locked));
    q<HTMLButtonElement>(panel, 'li[data-element="main"] [data-action="lock"]')!.click();
    for (const el of [samEl, anaEl]) {
      const board = el.querySelector('co-idea-board') as CoIdeaBoard;
      await waitFor(() => !board.shadowRoot!.querySelector('textarea') && deepText(board.shadowRoot!).includes('We are grouping the ideas now.'), 'the lock to reach a participant');
    }
    expect(locks).to.deep.equal([true]);
    // The participant's session refuses to write, whatever the page tries.
    const samRuntime = (samEl as CoWorkshop).runtime!;
    let refused: unknown;
    try {
      addIdea(samRuntime.session, { boardId: 'main', text: 'Sneaky idea' });
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(CoproduceError);
    expect((refused as CoproduceError).code).to.equal('locked');
    // The facilitator can still write on it, and unlocking opens it again.
    expect(!!(facEl.querySelector('co-idea-board') as CoIdeaBoard).shadowRoot!.querySelector('textarea')).to.equal(true);
    await panel.updateComplete;
    q<HTMLButtonElement>(panel, 'li[data-element="main"] [data-action="unlock"]')!.click();
    await waitFor(() => !!samBoard.shadowRoot!.querySelector('textarea'), 'the board to open again');
    expect(locks).to.deep.equal([true, false]);
  });

  it('brings everyone to the board; a participant can step out and go there later', async () => {
    const { samEl, anaEl, panel } = await pages();
    await waitFor(() => !!q(panel, 'li[data-element="main"] [data-action="bring"]'), 'the board in the panel');
    // Ana has stepped out (she is reading something else).
    anaEl.runtime!.setFollowing(false);
    const samSaid = recordAnnouncements(samEl);
    const anaSaid = recordAnnouncements(anaEl);
    const focusEvents: (string | null)[] = [];
    panel.addEventListener('co-focus-change', (e) => focusEvents.push(e.detail.elementId));
    const samBoard = samEl.querySelector('co-idea-board')!;
    const anaBoard = anaEl.querySelector('co-idea-board')!;
    // Scrolling itself is the browser's (and a background test page may not animate it): record the requests.
    const scrolled: string[] = [];
    for (const [who, board] of [['sam', samBoard], ['ana', anaBoard]] as const) {
      const original = board.scrollIntoView.bind(board);
      board.scrollIntoView = (arg?: boolean | ScrollIntoViewOptions) => {
        scrolled.push(who);
        original(arg);
      };
    }
    q<HTMLButtonElement>(panel, 'li[data-element="main"] [data-action="bring"]')!.click();
    expect(focusEvents).to.deep.equal(['main']);
    await waitFor(() => samBoard.hasAttribute('data-co-focus') && anaBoard.hasAttribute('data-co-focus'), 'the board marked for both');
    await waitFor(() => samSaid.some((s) => s.includes('The facilitator brought everyone to “Ideas for the park”')), 'the announcement');
    await waitFor(() => anaSaid.some((s) => s.includes('You are not following')), 'Ana is told she is not following');
    // Sam's view followed; Ana's stayed where it was.
    await waitFor(() => scrolled.includes('sam'), 'Sam brought to the board');
    // (Landing may correct the scroll once cards above have taken their real height.)
    expect([...new Set(scrolled)]).to.deep.equal(['sam']);

    const anaPhase = anaEl.querySelector('co-phase') as CoPhase;
    await waitFor(() => !!anaPhase.shadowRoot!.querySelector('[data-action="go-there"]'), 'Go there');
    expect(anaPhase.shadowRoot!.textContent).to.contain('You stepped out');
    await expect(anaPhase).to.be.accessible();
    anaPhase.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="go-there"]')!.click();
    await waitFor(() => scrolled.includes('ana'), 'Ana went there');
    // And back to following, from the same box.
    const follows: boolean[] = [];
    anaPhase.addEventListener('co-follow-change', (e) => follows.push(e.detail.following));
    anaPhase.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="follow"]')!.click();
    expect(follows).to.deep.equal([true]);
    await waitFor(() => !!anaPhase.shadowRoot!.querySelector('[data-action="step-out"]'), 'the step-out button');

    // Stopping clears the mark everywhere.
    await waitFor(() => !!q(panel, '[data-action="stop-bringing"]'), 'the stop button');
    q<HTMLButtonElement>(panel, '[data-action="stop-bringing"]')!.click();
    await waitFor(() => !samBoard.hasAttribute('data-co-focus') && !anaBoard.hasAttribute('data-co-focus'), 'the marks to go');
  });

  it('hands the facilitator role to a participant and back', async () => {
    const { facEl, samEl } = await pages();
    const samPanel = document.createElement('co-facilitator-panel');
    samEl.appendChild(samPanel);
    await waitFor(() => !!samPanel.shadowRoot?.querySelector('[data-role-notice]'), 'Sam sees the notice');
    const panel = panelOf(facEl);
    await waitFor(() => !!q(panel, 'li[data-user="sam"] [data-role-menu]'), 'Sam in the people list');
    await chooseFromMenu(panel, q(panel, 'li[data-user="sam"] [data-role-menu]')!, 'hand-over');
    await waitFor(() => !!q(panel, '[data-action="confirm-hand-over"]'), 'the confirmation');
    expect(q(panel, '.confirm')!.textContent).to.contain('Hand facilitation to Sam?');
    q<HTMLButtonElement>(panel, '[data-action="confirm-hand-over"]')!.click();
    // Sam now has the controls; Priya sees why she has not.
    await waitFor(() => !!samPanel.shadowRoot!.querySelector('[data-section="phases"]'), "Sam's controls");
    await waitFor(() => !!q(panel, '[data-role-notice]'), "Priya's notice");
    expect(q(panel, '[data-role-notice]')!.textContent).to.contain('You are taking part as: Participant');
    expect((samEl as CoWorkshop).runtime!.session.role).to.equal('facilitator');

    // Sam hands it back.
    await waitFor(() => !!samPanel.shadowRoot!.querySelector('li[data-user="priya"] [data-role-menu]'), 'Priya in Sam’s list');
    await chooseFromMenu(samPanel, samPanel.shadowRoot!.querySelector<HTMLElement>('li[data-user="priya"] [data-role-menu]')!, 'hand-over');
    await waitFor(() => !!samPanel.shadowRoot!.querySelector('[data-action="confirm-hand-over"]'), 'the confirmation');
    samPanel.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="confirm-hand-over"]')!.click();
    await waitFor(() => !!q(panel, '[data-section="phases"]'), "Priya's controls again");
    await waitFor(() => !!samPanel.shadowRoot!.querySelector('[data-role-notice]'), "Sam's notice again");
    expect((facEl as CoWorkshop).runtime!.session.role).to.equal('facilitator');
  });
});
