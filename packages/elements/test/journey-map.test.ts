import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import * as Y from 'yjs';
import {
  addCard, addIdea, addPersona, createBoard, createJourney, createWorkshop, deleteStage, linkCardToIdea, lockElement,
  readJourney, roots, setEmotion, setJourneyPersona, type JourneySnapshot, type LaneSnapshot,
  type StageSnapshot,
} from '@coproduce/core';
import '../src/index.js';
import type { CoJourneyMap, CoWorkshop } from '../src/index.js';
import { cellOf, chord, deepActive, deepText, journeyCardTexts, localRuntime, mapOf, menuItems, shadowQuery as $, waitFor } from './helpers.js';

type Role = 'facilitator' | 'participant' | 'observer';

function $$(m: CoJourneyMap, selector: string): HTMLElement[] {
  return [...m.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}
async function press(...keys: string[]): Promise<void> {
  for (const key of keys) await sendKeys({ press: key });
}

/**
 * A local workshop with a blue badge map (3 stages, 3 rows), shown to `role` as `sam`; Priya, the
 * facilitator, works on the same document.
 */
async function localMap(role: Role = 'participant', options: { lang?: string; width?: number | 'auto'; layout?: string; cards?: boolean } = {}) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Blue badge' });
  const runtime = localRuntime({ id: 'sam', name: 'Sam', role }, doc);
  const priya = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
  createJourney(priya.session, {
    id: 'badge',
    title: 'Applying for a blue badge',
    stages: ['Find out', 'Apply online', 'Wait'],
    lanes: [{ title: 'What people do', kind: 'actions' }, { title: 'Pain points', kind: 'painPoints' }, { title: 'Opportunities', kind: 'opportunities' }],
  });
  const j = readJourney(doc, 'badge');
  const [find, apply, wait] = j.stages as readonly [StageSnapshot, StageSnapshot, StageSnapshot];
  const [actions, pains, opps] = j.lanes as readonly [LaneSnapshot, LaneSnapshot, LaneSnapshot];
  if (options.cards !== false) {
    addCard(priya.session, { mapId: 'badge', stageId: find.id, laneId: actions.id, text: 'Searches the council website' });
    addCard(priya.session, { mapId: 'badge', stageId: apply.id, laneId: pains.id, text: 'The form times out after 20 minutes' });
  }
  const width = options.width ?? 1100;
  // The fixture's root is a Lit element, so fixture() waits for its update (not for an animation
  // frame, which never comes while another test file has the browser's focus).
  const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime} lang=${options.lang ?? 'en'} style=${width === 'auto' ? '' : `width:${width}px`}>
    <co-journey-map map="badge" layout=${options.layout ?? 'auto'}></co-journey-map>
  </co-workshop>`);
  const m = mapOf(el);
  await waitFor(() => !!m.shadowRoot?.querySelector('.map'), 'the map');
  await m.updateComplete;
  return { el, m, doc, runtime, priya, stages: { find, apply, wait }, lanes: { actions, pains, opps } };
}

function snapshot(doc: Y.Doc): JourneySnapshot {
  return readJourney(doc, 'badge');
}

describe('<co-journey-map>', () => {
  afterEach(async () => {
    await setViewport({ width: 1200, height: 800 });
  });

  it('shows stages as columns and rows as rows of a table in the grid role, and passes axe', async () => {
    const { m, priya, doc, stages, lanes } = await localMap();
    const mair = addPersona(priya.session, { mapId: 'badge', name: 'Mair, 74', description: 'Lives alone', needs: 'Large print' });
    setJourneyPersona(priya.session, 'badge', mair);
    setEmotion(priya.session, { mapId: 'badge', stageId: stages.apply.id, personaId: mair, value: -2 });
    const boardId = createBoard(priya.session, { id: 'fixes', title: 'Fixes' });
    const idea = addIdea(priya.session, { boardId, text: 'Save the form as you go' });
    const pain = snapshot(doc).cells.find((c) => c.stageId === stages.apply.id && c.laneId === lanes.pains.id)!.cards[0]!;
    linkCardToIdea(priya.session, pain.id, idea);
    await m.updateComplete;
    const grid = $(m, 'table[role="grid"]');
    expect(grid.getAttribute('aria-labelledby')).to.equal('map-title');
    const headers = $$(m, 'th[scope="col"]').map((th) => th.getAttribute('aria-label'));
    expect(headers).to.deep.equal(['Stage 1: Find out', 'Stage 2: Apply online', 'Stage 3: Wait']);
    const rows = $$(m, 'th[scope="row"]').map((th) => th.getAttribute('aria-label') ?? th.textContent!.trim().split('\n')[0]);
    expect(rows.slice(2)).to.deep.equal(['What people do (Actions)', 'Pain points', 'Opportunities']);
    expect(journeyCardTexts(cellOf(m, lanes.pains.id, stages.apply.id))).to.deep.equal(['The form times out after 20 minutes']);
    expect(deepText(cellOf(m, lanes.pains.id, stages.apply.id))).to.contain('Save the form as you go');
    // Exactly one cell is a Tab stop.
    expect($$(m, '[data-cell][tabindex="0"]')).to.have.length(1);
    expect($$(m, 'table button[tabindex="0"]')).to.have.length(0);
    // The curve speaks its scores in words; the score row says them too.
    expect($(m, 'svg.curve').getAttribute('aria-label')).to.equal(
      'Curve of feelings, from the point of view of Mair, 74: Find out: Not set; Apply online: −2 Very negative; Wait: Not set',
    );
    expect(cellOf(m, 'score', stages.apply.id).textContent).to.contain('−2 Very negative');
    await expect(m).to.be.accessible();
  });

  it('moves between cells with arrow keys, Home, End and Ctrl+Home, as one Tab stop', async () => {
    const { m, stages, lanes } = await localMap();
    const before = document.createElement('button');
    before.textContent = 'Before';
    m.parentElement!.before(before);
    before.focus();
    // Tab past the toolbar into the grid.
    for (let i = 0; i < 10 && !deepActive()?.hasAttribute('data-cell'); i++) await press('Tab');
    expect(deepActive()).to.equal(cellOf(m, 'head', 'head'));
    await press('ArrowRight');
    expect(deepActive()).to.equal(cellOf(m, 'head', stages.find.id));
    await press('ArrowDown');
    expect(deepActive()).to.equal(cellOf(m, 'curve', 'span'));
    await press('ArrowRight'); // one cell spans the stages: nothing to the right of it
    expect(deepActive()).to.equal(cellOf(m, 'curve', 'span'));
    await press('ArrowDown', 'ArrowDown');
    expect(deepActive()).to.equal(cellOf(m, lanes.actions.id, stages.find.id));
    await press('End');
    expect(deepActive()).to.equal(cellOf(m, lanes.actions.id, stages.wait.id));
    await press('Home');
    expect(deepActive()).to.equal(cellOf(m, lanes.actions.id, 'head'));
    await press('PageDown');
    expect(deepActive()).to.equal(cellOf(m, lanes.opps.id, 'head'));
    await chord('Control', 'End');
    expect(deepActive()).to.equal(cellOf(m, lanes.opps.id, stages.wait.id));
    await chord('Control', 'Home');
    expect(deepActive()).to.equal(cellOf(m, 'head', 'head'));
    // Still one Tab stop: Shift+Tab leaves the grid, Tab comes back to the same cell.
    expect($$(m, '[data-cell][tabindex="0"]')).to.have.length(1);
    await press('ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight');
    const remembered = deepActive();
    expect(remembered).to.equal(cellOf(m, lanes.actions.id, stages.find.id));
    await chord('Shift', 'Tab');
    expect(deepActive()?.closest?.('table')).to.equal(null);
    await press('Tab');
    expect(deepActive()).to.equal(remembered);
    before.remove();
  });

  it('adds, edits and moves a card with the keyboard only (Enter into a cell, Escape back)', async () => {
    const { m, doc, stages, lanes } = await localMap();
    const added: string[] = [];
    m.addEventListener('co-journey-card', (e) => added.push(`${e.detail.action}:${e.detail.cardId}`));
    cellOf(m, lanes.pains.id, stages.wait.id).focus();
    await press('Enter');
    expect(deepActive()?.getAttribute('data-action')).to.equal('add-card');
    await press('Enter');
    await m.updateComplete;
    expect(deepActive()?.id).to.equal('new-card-text');
    await sendKeys({ type: 'Nobody says how long it will take' });
    await press('Tab'); // the Add button
    expect(deepActive()?.textContent?.trim()).to.equal('Add');
    await press('Enter');
    await waitFor(() => journeyCardTexts(cellOf(m, lanes.pains.id, stages.wait.id)).length === 1, 'the new card');
    expect(added).to.have.length(1);
    // The form stays open for the next card; Escape closes it and returns to the add button.
    expect(deepActive()?.id).to.equal('new-card-text');
    await press('Escape');
    await m.updateComplete;
    expect(deepActive()?.getAttribute('data-action')).to.equal('add-card');
    // Tab moves among the cell's controls and wraps, then Escape goes back to the cell.
    await chord('Shift', 'Tab');
    expect(deepActive()?.getAttribute('data-action')).to.equal('card-menu');
    await chord('Shift', 'Tab');
    expect(deepActive()?.getAttribute('data-action')).to.equal('edit-card');
    await press('Enter');
    await m.updateComplete;
    expect(deepActive()?.id).to.equal('edit-card-text');
    await sendKeys({ type: ' (weeks)' });
    await chord('Control', 'Enter');
    await waitFor(() => journeyCardTexts(m.shadowRoot!).includes('Nobody says how long it will take (weeks)'), 'the edited card');
    expect(deepActive()?.getAttribute('data-action')).to.equal('edit-card');
    // Move it to another stage with the Options menu.
    await press('Tab');
    expect(deepActive()?.getAttribute('data-action')).to.equal('card-menu');
    await press('Enter');
    await waitFor(() => menuItems(m).length > 0, 'the card menu');
    expect(menuItems(m).map((i) => i.textContent!.trim())).to.deep.equal([
      'Move to another stage…', 'Move to another row…', 'Move up', 'Move down', 'Link to ideas…', 'Delete',
    ]);
    await press('Enter'); // Move to another stage…
    const menuFocus = () => (m.shadowRoot!.querySelector('co-menu')!.shadowRoot!.activeElement as HTMLElement | null)?.dataset['label'];
    // The stage menu opens on the card's own stage, Wait; one up is Apply online.
    await waitFor(() => menuFocus() === 'Wait', 'the stage menu');
    await press('ArrowUp');
    expect(menuFocus()).to.equal('Apply online');
    await press('Enter');
    await waitFor(() => journeyCardTexts(cellOf(m, lanes.pains.id, stages.apply.id)).length === 2, 'the moved card');
    expect(journeyCardTexts(cellOf(m, lanes.pains.id, stages.wait.id))).to.deep.equal([]);
    // Focus followed the card.
    await m.updateComplete;
    expect(deepActive()?.closest('[data-cell]')).to.equal(cellOf(m, lanes.pains.id, stages.apply.id));
    expect(deepActive()?.getAttribute('data-action')).to.equal('card-menu');
    expect(added.map((a) => a.split(':')[0])).to.deep.equal(['add', 'edit', 'move']);
    // Escape returns to the grid.
    await press('Escape');
    expect(deepActive()).to.equal(cellOf(m, lanes.pains.id, stages.apply.id));
    const moved = snapshot(doc).cells.find((c) => c.stageId === stages.apply.id && c.laneId === lanes.pains.id)!;
    expect(moved.cards.map((c) => c.text)).to.include('Nobody says how long it will take (weeks)');
  });

  it('keeps the keyboard user in the grid when someone else deletes the stage they are on', async () => {
    const { m, priya, stages, lanes } = await localMap();
    cellOf(m, lanes.opps.id, stages.wait.id).focus();
    await m.updateComplete;
    deleteStage(priya.session, stages.wait.id);
    await waitFor(() => !m.shadowRoot!.querySelector(`[data-col="${stages.wait.id}"]`), 'the stage to go');
    await m.updateComplete;
    // The neighbouring cell of the same row takes over, still the one Tab stop.
    expect(deepActive()).to.equal(cellOf(m, lanes.opps.id, stages.apply.id));
    expect($$(m, '[data-cell][tabindex="0"]')).to.deep.equal([cellOf(m, lanes.opps.id, stages.apply.id)]);
    await press('ArrowLeft');
    expect(deepActive()).to.equal(cellOf(m, lanes.opps.id, stages.find.id));
  });

  it('reorders stages with move left and right buttons, never by dragging', async () => {
    const { m, doc, stages } = await localMap();
    const events: string[] = [];
    m.addEventListener('co-journey-stage', (e) => events.push(`${e.detail.action}:${e.detail.stageId}`));
    const head = cellOf(m, 'head', stages.find.id);
    expect(head.querySelector('[data-action="stage-left"]')!.getAttribute('aria-disabled')).to.equal('true');
    head.querySelector<HTMLButtonElement>('[data-action="stage-right"]')!.click();
    await waitFor(() => snapshot(doc).stages[1]?.id === stages.find.id, 'the stage to move');
    await m.updateComplete;
    expect($$(m, 'th[scope="col"]').map((th) => th.getAttribute('aria-label'))).to.deep.equal([
      'Stage 1: Apply online', 'Stage 2: Find out', 'Stage 3: Wait',
    ]);
    // The button keeps focus, so pressing it again keeps moving the same stage.
    expect(deepActive()?.getAttribute('data-action')).to.equal('stage-right');
    expect(deepActive()?.closest('[data-cell]')?.getAttribute('data-col')).to.equal(stages.find.id);
    (deepActive() as HTMLButtonElement).click();
    await waitFor(() => snapshot(doc).stages[2]?.id === stages.find.id, 'the second move');
    await m.updateComplete;
    expect(cellOf(m, 'head', stages.find.id).querySelector('[data-action="stage-right"]')!.getAttribute('aria-disabled')).to.equal('true');
    expect(events).to.deep.equal([`move:${stages.find.id}`, `move:${stages.find.id}`]);
  });

  it('adds, renames and deletes stages and rows, asking before deleting cards', async () => {
    const { m, doc, stages, lanes } = await localMap('facilitator');
    $(m, '[data-action="add-stage"]').click();
    await m.updateComplete;
    expect(deepActive()?.id).to.equal('axis-name');
    await sendKeys({ type: 'Decision' });
    await press('Enter');
    await waitFor(() => snapshot(doc).stages.length === 4, 'the new stage');
    await m.updateComplete;
    const decision = snapshot(doc).stages[3]!;
    expect(deepActive()).to.equal(cellOf(m, 'head', decision.id));
    // A custom row.
    $(m, '[data-action="add-lane"]').click();
    await m.updateComplete;
    await sendKeys({ type: 'Who helps' });
    ($(m, '#axis-kind') as HTMLSelectElement).value = 'custom';
    $(m, '.toolbar-form button[type="submit"]').click();
    await waitFor(() => snapshot(doc).lanes.length === 4, 'the new row');
    // Rename a stage: empty is refused with a clear error.
    cellOf(m, 'head', stages.wait.id).querySelector<HTMLButtonElement>('[data-action="stage-rename"]')!.click();
    await m.updateComplete;
    const input = $(m, '#rename-input') as HTMLInputElement;
    input.value = '   ';
    input.dispatchEvent(new InputEvent('input'));
    $(m, '.inline-form button[type="submit"]').click();
    await m.updateComplete;
    expect($(m, '#rename-error').textContent).to.contain('Enter a name');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    input.value = 'Wait for a decision';
    input.dispatchEvent(new InputEvent('input'));
    $(m, '.inline-form button[type="submit"]').click();
    await waitFor(() => snapshot(doc).stages.some((s) => s.title === 'Wait for a decision'), 'the rename');
    // Deleting a row with a card asks first.
    cellOf(m, lanes.pains.id, 'head').querySelector<HTMLButtonElement>('[data-action="lane-delete"]')!.click();
    await m.updateComplete;
    const dialog = $(m, 'dialog.confirm-dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Delete the row “Pain points” and the card in it?');
    $(m, '[data-action="cancel"]').click();
    await m.updateComplete;
    expect(snapshot(doc).lanes.some((l) => l.id === lanes.pains.id)).to.equal(true);
    cellOf(m, lanes.pains.id, 'head').querySelector<HTMLButtonElement>('[data-action="lane-delete"]')!.click();
    await m.updateComplete;
    $(m, '[data-action="confirm"]').click();
    await waitFor(() => !snapshot(doc).lanes.some((l) => l.id === lanes.pains.id), 'the row to go');
  });

  it('explains why a participant cannot delete a stage with other people’s cards', async () => {
    const { m, doc, stages } = await localMap('participant');
    cellOf(m, 'head', stages.find.id).querySelector<HTMLButtonElement>('[data-action="stage-delete"]')!.click();
    await m.updateComplete;
    $(m, '[data-action="confirm"]').click();
    await waitFor(() => !!m.shadowRoot!.querySelector('.problem'), 'the problem');
    expect($(m, '.problem').getAttribute('role')).to.equal('alert');
    expect($(m, '.problem').textContent).to.contain('Only a facilitator can delete this, because it holds cards written by other people.');
    expect(snapshot(doc).stages).to.have.length(3);
  });

  it('records a feeling per stage with a stepper and redraws the curve live, for local and remote changes', async () => {
    const { m, priya, stages } = await localMap();
    const feelings: unknown[] = [];
    m.addEventListener('co-journey-feeling', (e) => feelings.push(e.detail));
    const path = () => m.shadowRoot!.querySelector('svg.curve path')?.getAttribute('d') ?? '';
    expect(path()).to.equal('');
    const stepper = (id: string) => $(m, `[data-feeling="${id}"]`);
    stepper(stages.find.id).querySelector<HTMLButtonElement>('[data-action="feeling-up"]')!.click();
    await m.updateComplete;
    stepper(stages.apply.id).querySelector<HTMLButtonElement>('[data-action="feeling-down"]')!.click();
    await m.updateComplete;
    stepper(stages.apply.id).querySelector<HTMLButtonElement>('[data-action="feeling-down"]')!.click();
    await m.updateComplete;
    const lowest = stepper(stages.apply.id).querySelector('[data-action="feeling-down"]')!;
    expect(lowest.getAttribute('aria-disabled')).to.equal('true');
    expect(stepper(stages.apply.id).textContent).to.contain('−2 Very negative');
    const first = path();
    expect(first).to.match(/^M/);
    expect(feelings).to.deep.equal([
      { mapId: 'badge', stageId: stages.find.id, personaId: null, value: 1 },
      { mapId: 'badge', stageId: stages.apply.id, personaId: null, value: -1 },
      { mapId: 'badge', stageId: stages.apply.id, personaId: null, value: -2 },
    ]);
    // Someone else sets a feeling: the curve and the words change, and no event fires.
    setEmotion(priya.session, { mapId: 'badge', stageId: stages.wait.id, value: 0 });
    await m.updateComplete;
    expect(path()).not.to.equal(first);
    expect(stepper(stages.wait.id).textContent).to.contain('0 Neutral');
    expect(feelings).to.have.length(3);
    // Clear.
    $(m, `[data-feeling="${stages.wait.id}"] ~ [data-action="feeling-clear"]`).click();
    await m.updateComplete;
    expect(stepper(stages.wait.id).textContent).to.contain('Not set');
  });

  it('lets a participant choose a persona as their point of view, and a facilitator choose it for everyone', async () => {
    const { m, priya, doc, stages } = await localMap();
    const mair = addPersona(priya.session, { mapId: 'badge', name: 'Mair, 74' });
    const dev = addPersona(priya.session, { mapId: 'badge', name: 'Dev, 35' });
    setEmotion(priya.session, { mapId: 'badge', stageId: stages.find.id, personaId: mair, value: -1 });
    await m.updateComplete;
    const select = $(m, '#pov') as HTMLSelectElement;
    const options = [...select.options].map((o) => o.textContent);
    expect(options[0]).to.equal('Everyone (the whole map)');
    expect(options.slice(1)).to.have.members(['Mair, 74', 'Dev, 35']);
    select.value = mair;
    select.dispatchEvent(new Event('change'));
    await m.updateComplete;
    expect($(m, `[data-feeling="${stages.find.id}"]`).textContent).to.contain('−1 Negative');
    expect($(m, `[data-persona-id="${mair}"]`).textContent).to.contain('Point of view');
    // Sam's feeling is recorded for Mair.
    $(m, `[data-feeling="${stages.apply.id}"] [data-action="feeling-down"]`).click();
    await m.updateComplete;
    expect(snapshot(doc).emotions).to.deep.include({ stageId: stages.apply.id, personaId: mair, value: -1 });
    // Only Sam's screen changed.
    expect(snapshot(doc).personaId).to.equal(null);
    setJourneyPersona(priya.session, 'badge', dev);
    await m.updateComplete;
    expect(($(m, '#pov') as HTMLSelectElement).value).to.equal(mair);
  });

  it('adds, edits and deletes personas with plain forms', async () => {
    const { m, doc } = await localMap();
    const events: string[] = [];
    m.addEventListener('co-journey-persona', (e) => events.push(e.detail.action));
    $(m, '[data-action="add-persona"]').click();
    await m.updateComplete;
    expect(deepActive()?.id).to.equal('persona-name');
    $(m, '.persona-form button[type="submit"]').click();
    await m.updateComplete;
    expect($(m, '#persona-error').textContent).to.contain('Enter a name');
    await sendKeys({ type: 'Mair, 74' });
    await press('Tab');
    await sendKeys({ type: 'Lives alone; uses a walking frame' });
    await press('Tab');
    await sendKeys({ type: 'Large print' });
    $(m, '.persona-form button[type="submit"]').click();
    await waitFor(() => snapshot(doc).personas.length === 1, 'the persona');
    const persona = snapshot(doc).personas[0]!;
    expect([persona.name, persona.description, persona.needs]).to.deep.equal(['Mair, 74', 'Lives alone; uses a walking frame', 'Large print']);
    await m.updateComplete;
    expect(deepActive()?.getAttribute('data-action')).to.equal('persona-edit');
    (deepActive() as HTMLButtonElement).click();
    await m.updateComplete;
    const name = $(m, '#persona-name') as HTMLInputElement;
    name.value = 'Mair Jones, 74';
    name.dispatchEvent(new InputEvent('input'));
    $(m, '.persona-form button[type="submit"]').click();
    await waitFor(() => snapshot(doc).personas[0]?.name === 'Mair Jones, 74', 'the edit');
    await m.updateComplete;
    // The persona can now be the point of view.
    expect([...($(m, '#pov') as HTMLSelectElement).options].map((o) => o.textContent)).to.include('Mair Jones, 74');
    $(m, `[data-persona-id="${persona.id}"] [data-action="persona-delete"]`).click();
    await waitFor(() => snapshot(doc).personas.length === 0, 'the deletion');
    expect(events).to.deep.equal(['add', 'edit', 'delete']);
  });

  it('changes what a row holds, and its name, from the row heading', async () => {
    const { m, doc, lanes } = await localMap();
    cellOf(m, lanes.opps.id, 'head').querySelector<HTMLButtonElement>('[data-action="lane-rename"]')!.click();
    await m.updateComplete;
    const input = $(m, '#rename-input') as HTMLInputElement;
    input.value = 'Ideas from residents';
    input.dispatchEvent(new InputEvent('input'));
    const kind = $(m, '#rename-kind') as HTMLSelectElement;
    kind.value = 'custom';
    kind.dispatchEvent(new Event('change'));
    $(m, '.inline-form button[type="submit"]').click();
    await waitFor(() => snapshot(doc).lanes[2]?.kind === 'custom', 'the change');
    expect(snapshot(doc).lanes[2]?.title).to.equal('Ideas from residents');
    await m.updateComplete;
    expect(cellOf(m, lanes.opps.id, 'head').getAttribute('aria-label')).to.equal('Ideas from residents (Other)');
    expect(deepActive()?.getAttribute('data-action')).to.equal('lane-rename');
  });

  it('links a pain point to ideas on the workshop’s boards, and shows the linked ideas', async () => {
    const { m, priya, doc, stages, lanes } = await localMap();
    const boardId = createBoard(priya.session, { id: 'fixes', title: 'Ideas to fix it' });
    const save = addIdea(priya.session, { boardId, text: 'Save the form as you go' });
    addIdea(priya.session, { boardId, text: 'A phone line with a person' });
    await m.updateComplete;
    const links: unknown[] = [];
    m.addEventListener('co-journey-link', (e) => links.push(e.detail));
    const card = cellOf(m, lanes.pains.id, stages.apply.id).querySelector<HTMLElement>('[data-action="card-menu"]')!;
    card.click();
    await waitFor(() => menuItems(m).length > 0, 'the menu');
    menuItems(m).find((i) => i.textContent!.includes('Link to ideas'))!.click();
    await waitFor(() => !!m.shadowRoot!.querySelector('dialog.link-dialog[open]'), 'the dialog');
    const dialog = $(m, 'dialog.link-dialog');
    expect(dialog.querySelector('legend')!.textContent).to.equal('Ideas to fix it');
    const box = dialog.querySelector<HTMLInputElement>(`input[data-idea-id="${save}"]`)!;
    box.click();
    await waitFor(() => snapshot(doc).linkedIdeas.length === 1, 'the link');
    expect(links).to.have.length(1);
    await expect(dialog).to.be.accessible();
    $(m, '[data-action="link-done"]').click();
    await waitFor(() => !m.shadowRoot!.querySelector('dialog'), 'the dialog to close');
    expect(deepText(cellOf(m, lanes.pains.id, stages.apply.id))).to.contain('Save the form as you go');
    expect(deepActive()?.getAttribute('data-action')).to.equal('card-menu');
  });

  it('shows a locked map read-only with the reason in words, and an observer’s view too', async () => {
    const locked = await localMap('participant');
    lockElement(locked.priya.session, 'badge', 'We are voting now');
    await locked.m.updateComplete;
    expect($(locked.m, '.notice').textContent).to.contain('The facilitator has locked this journey map: We are voting now');
    expect($$(locked.m, 'table button')).to.have.length(0);
    expect($$(locked.m, '[data-action="add-stage"]')).to.have.length(0);
    await expect(locked.m).to.be.accessible();
    const watching = await localMap('observer');
    expect($(watching.m, '.notice').textContent).to.contain('you can look at the map but not change it');
    expect($$(watching.m, 'table button')).to.have.length(0);
  });

  it('lets a facilitator start an empty map from a template', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Bins' });
    const runtime = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
    const templates: unknown[] = [];
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-journey-map map="bins" map-title="Reporting a missed bin"
      @co-journey-template=${(e: CustomEvent) => templates.push(e.detail)}></co-journey-map></co-workshop>`);
    const m = mapOf(el);
    // Opening a map that does not exist creates it, empty.
    await waitFor(() => readJourney(doc, 'bins').exists, 'the map');
    await waitFor(() => !!m.shadowRoot!.querySelector('[data-action="use-template"]'), 'the templates');
    expect($(m, '.heading').textContent).to.equal('Reporting a missed bin');
    await expect(m).to.be.accessible();
    $(m, '[data-template="service-journey"]').click();
    await waitFor(() => readJourney(doc, 'bins').stages.length === 5, 'the template');
    expect(readJourney(doc, 'bins').lanes.map((l) => l.kind)).to.deep.equal(['actions', 'touchpoints', 'thoughts', 'feelings', 'painPoints', 'opportunities']);
    expect(templates).to.deep.equal([{ mapId: 'bins', template: 'service-journey' }]);
    await m.updateComplete;
    expect($$(m, 'th[scope="col"]')).to.have.length(5);
  });

  it('becomes a stage-by-stage view on a phone, with previous and next', async () => {
    await setViewport({ width: 360, height: 740 });
    const { m, doc, stages, lanes } = await localMap('participant', { width: 340 });
    await waitFor(() => !!m.shadowRoot!.querySelector('.phone-stage'), 'the phone view');
    expect(m.shadowRoot!.querySelector('table')).to.equal(null);
    expect($(m, '#phone-stage-title').textContent).to.equal('Find out');
    expect($(m, '#phone-stage-number').textContent).to.equal('Stage 1 of 3');
    expect($$(m, '.phone-lane-title').map((h) => h.textContent)).to.deep.equal(['What people do', 'Pain points', 'Opportunities']);
    expect($(m, '[data-action="previous-stage"]').getAttribute('aria-disabled')).to.equal('true');
    $(m, '[data-action="next-stage"]').click();
    await m.updateComplete;
    expect($(m, '#phone-stage-title').textContent).to.equal('Apply online');
    expect(journeyCardTexts($(m, `.phone-lane[data-lane-id="${lanes.pains.id}"]`))).to.deep.equal(['The form times out after 20 minutes']);
    // Nothing is wider than the screen.
    expect(m.scrollWidth).to.be.at.most(340);
    // Add a card here: the controls are in the normal Tab order.
    const add = $(m, `.phone-lane[data-lane-id="${lanes.opps.id}"] [data-action="add-card"]`);
    expect(add.getAttribute('tabindex')).to.equal('0');
    add.click();
    await m.updateComplete;
    await sendKeys({ type: 'Save progress' });
    $(m, '.inline-form button[type="submit"]').click();
    await waitFor(() => (snapshot(doc).cells.find((c) => c.stageId === stages.apply.id && c.laneId === lanes.opps.id)?.cards.length ?? 0) === 1, 'the card');
    await expect(m).to.be.accessible();
  });

  it('fits 320 CSS pixels (a phone, or a page zoomed to 400 %), forms and all', async () => {
    await setViewport({ width: 320, height: 640 });
    const { m, lanes } = await localMap('participant', { width: 'auto' });
    await waitFor(() => !!m.shadowRoot!.querySelector('.phone-stage'), 'the phone view');
    $(m, `.phone-lane[data-lane-id="${lanes.actions.id}"] [data-action="add-card"]`).click();
    $(m, '[data-action="add-persona"]').click();
    await m.updateComplete;
    const viewport = document.documentElement.clientWidth;
    expect(viewport).to.equal(320);
    expect(document.documentElement.scrollWidth).to.be.at.most(viewport);
    for (const el of $$(m, 'button, input, select, textarea')) {
      const box = el.getBoundingClientRect();
      expect(box.right, `${el.outerHTML.slice(0, 80)} fits`).to.be.at.most(viewport);
      if (el.matches('button')) expect(box.height, `${el.outerHTML.slice(0, 80)} is tall enough`).to.be.at.least(44);
    }
  });

  it('shows cards whose stage was deleted apart, and lets anyone place them again', async () => {
    const { m, doc, priya, stages, lanes } = await localMap('participant');
    // A card added on another copy while the facilitator deleted its stage.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const other = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, copy);
    addCard(other.session, { mapId: 'badge', stageId: stages.wait.id, laneId: lanes.opps.id, text: 'Text me when it is decided' });
    deleteStage(priya.session, stages.wait.id);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(copy));
    await waitFor(() => !!m.shadowRoot!.querySelector('.unplaced'), 'the unplaced cards');
    expect(journeyCardTexts($(m, '.unplaced'))).to.deep.equal(['Text me when it is decided']);
    $(m, '.unplaced [data-action="card-menu"]').click();
    await waitFor(() => menuItems(m).length > 0, 'the menu');
    expect(menuItems(m).map((i) => i.textContent!.trim())).to.deep.equal(['Place the card', 'Link to ideas…', 'Delete']);
    menuItems(m).find((i) => i.textContent!.includes('Place the card'))!.click();
    await waitFor(() => menuItems(m).some((i) => i.textContent!.includes('Opportunities at Apply online')), 'the cells');
    menuItems(m).find((i) => i.textContent!.includes('Opportunities at Apply online'))!.click();
    await waitFor(() => !m.shadowRoot!.querySelector('.unplaced'), 'the card to be placed');
    expect(journeyCardTexts(cellOf(m, lanes.opps.id, stages.apply.id))).to.deep.equal(['Text me when it is decided']);
  });

  it('downloads the map as JSON, CSV and an SVG picture, with hostile text made harmless', async () => {
    const { m, doc, priya, stages, lanes } = await localMap();
    addCard(priya.session, { mapId: 'badge', stageId: stages.wait.id, laneId: lanes.pains.id, text: '=HYPERLINK("http://evil.example")' });
    addCard(priya.session, { mapId: 'badge', stageId: stages.wait.id, laneId: lanes.pains.id, text: '</text><script>alert(1)</script><text>' });
    // A hostile peer writes what no operation accepts.
    doc.transact(() => roots(doc).journeys.set('badge', { title: 'Badge & <b>co</b> \u0007', personaId: null, createdAt: 1, order: 'a0' }));
    await m.updateComplete;
    const svgText = m.exportFile('svg').text;
    const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    expect(parsed.querySelector('parsererror')).to.equal(null);
    expect(parsed.documentElement.localName).to.equal('svg');
    expect(parsed.querySelector('script')).to.equal(null);
    expect(parsed.querySelector('title')!.textContent).to.equal('Badge & <b>co</b> \uFFFD');
    // Each <text> is a block of wrapped lines (<tspan>s): read them back as words.
    const blocks = [...parsed.querySelectorAll('text')].map((t) => [...t.querySelectorAll('tspan')].map((l) => l.textContent).join(' ') || t.textContent);
    expect(blocks.join('\n')).to.contain('</text><script>');
    expect(blocks).to.include('Searches the council website');
    const csv = m.exportFile('csv');
    // Named after the workshop and the map, with nothing of the hostile title but its words.
    expect(csv.filename).to.equal('blue-badge-badge-b-co-b.csv');
    expect(csv.text.startsWith('\uFEFFStage number,Stage,Row,Kind of row,')).to.equal(true);
    expect(csv.text).to.contain(`"'=HYPERLINK(""http://evil.example"")"`);
    const json = JSON.parse(m.exportFile('json').text);
    expect(json.cards).to.have.length(4);
    // The buttons download and say so.
    const exports: unknown[] = [];
    m.addEventListener('co-journey-export', (e) => exports.push(e.detail));
    $(m, '[data-download="svg"]').click();
    expect(exports).to.deep.equal([{ mapId: 'badge', format: 'svg', filename: 'blue-badge-badge-b-co-b.svg' }]);
    // A workshop name with a path, a reversed extension and nothing but symbols: still one safe name.
    doc.transact(() => roots(doc).meta.set('title', '..\\Ward 3/\u202Egpj.exe'));
    expect(m.exportFile('json').filename).to.equal('ward-3-gpj-exe-badge-b-co-b.json');
    doc.transact(() => roots(doc).meta.set('title', '🌳🌳'));
    expect(m.exportFile('json').filename).to.equal('local-badge-b-co-b.json');
  });

  it('speaks Welsh, with Welsh exports', async () => {
    const { m } = await localMap('participant', { lang: 'cy' });
    expect($$(m, 'th[scope="col"]')[0]!.getAttribute('aria-label')).to.equal('Cam 1: Find out');
    expect($(m, '#grid-hint').textContent).to.contain('Defnyddiwch y bysellau saeth');
    expect(deepText(m.shadowRoot!)).to.contain('Sgôr teimlad');
    const csv = m.exportFile('csv').text;
    expect(csv).to.contain('Rhif y cam,Cam,Rhes,Math o res');
    expect(csv).to.contain('Gweithredoedd');
    expect(m.exportFile('svg').text).to.contain('Sut mae’n teimlo');
  });
});
