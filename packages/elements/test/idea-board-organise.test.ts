// "Only facilitators organise groups" (the workshop setting `facilitatorsOrganise`, for a council's
// public consultation page with one shared link): participants see no group controls they may not
// use, are told so in words near the groups, and still add ideas and move their own. Through the
// real sync server (web-test-runner.config.mjs), with the facilitator's real panel.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { addIdea, createCluster, readBoard, readControl, setSettings } from '@coproduce/core';
import '../src/index.js';
import type { CoWorkshop, SettingsChangeDetail } from '../src/index.js';
import {
  boardOf, cardWith, deepActive, deepText, localBoard, menuItems, noteOf, panelOf, shadowQuery, syncUrl, testToken,
  uniqueRoom, waitFor,
} from './helpers.js';

type Role = 'facilitator' | 'participant' | 'observer';

function runtimeOf(el: CoWorkshop) {
  const runtime = el.runtime;
  if (!runtime) throw new Error('no runtime');
  return runtime;
}

async function join(room: string, sub: string, name: string, role: Role, panel = false): Promise<CoWorkshop> {
  const el = await fixture<CoWorkshop>(
    html`<co-workshop server=${syncUrl()} room=${room} token=${testToken({ sub, name, role })}>
      ${panel ? html`<co-facilitator-panel></co-facilitator-panel>` : ''}
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`,
  );
  await waitFor(() => el.status === 'synced', `${name} to sync`);
  return el;
}

/** What a board offers for organising the groups, as a person sees it. */
function groupControls(el: CoWorkshop) {
  const root = boardOf(el).shadowRoot!;
  return {
    newGroup: root.querySelector('#new-group') !== null,
    options: root.querySelectorAll('[data-group-action="options"]').length,
    note: root.querySelector('[data-organise-note]')?.textContent?.trim() ?? null,
  };
}

function moveButton(el: CoWorkshop, text: string): HTMLElement | null {
  return cardWith(boardOf(el), text)?.shadowRoot!.querySelector<HTMLElement>('[data-action="move"]') ?? null;
}

const NOTE = 'The facilitator organises the groups on this board. You can move your own ideas into a group.';

describe('<co-idea-board> when only facilitators organise the groups', () => {
  it('hides the group controls from participants live, keeps adding and moving their own ideas, and gives them back', async () => {
    const room = uniqueRoom('organise');
    const priya = await join(room, 'priya', 'Priya', 'facilitator', true);
    await waitFor(() => boardOf(priya).shadowRoot!.querySelector('textarea') !== null, 'the board to be created');
    const fac = runtimeOf(priya).session;
    const transport = createCluster(fac, { boardId: 'main', title: 'Transport' });
    addIdea(fac, { boardId: 'main', text: 'Trams to the coast', clusterId: transport });
    const sam = await join(room, 'sam', 'Sam', 'participant');
    await waitFor(() => !!cardWith(boardOf(sam), 'Trams to the coast'), "Priya's idea for Sam");
    addIdea(runtimeOf(sam).session, { boardId: 'main', text: 'More buses at night' });
    await waitFor(() => !!cardWith(boardOf(priya), 'More buses at night'), "Sam's idea for Priya");

    // A workshop: Sam groups along with everyone.
    await boardOf(sam).updateComplete;
    expect(groupControls(sam)).to.deep.equal({ newGroup: true, options: 1, note: null });
    expect(moveButton(sam, 'Trams to the coast')).to.not.equal(null);

    // The facilitator turns the setting on in the panel.
    const panel = panelOf(priya);
    const events: SettingsChangeDetail[] = [];
    panel.addEventListener('co-settings-change', (e) => events.push(e.detail));
    await waitFor(() => panel.shadowRoot!.querySelector('#setting-facilitatorsOrganise') !== null, 'the setting in the panel');
    const box = shadowQuery<HTMLInputElement>(panel, '#setting-facilitatorsOrganise');
    expect(shadowQuery(panel, 'label[for="setting-facilitatorsOrganise"]').textContent).to.contain('Only facilitators organise groups');
    expect(box.checked).to.equal(false);
    box.click();
    expect(events).to.deep.equal([{ settings: { facilitatorsOrganise: true } }]);

    // Sam's board follows, live: no group form, no group options, no "Move to…" on Priya's idea.
    await waitFor(() => groupControls(sam).note !== null, 'the note for Sam');
    await boardOf(sam).updateComplete;
    expect(groupControls(sam)).to.deep.equal({ newGroup: false, options: 0, note: NOTE });
    expect(moveButton(sam, 'Trams to the coast')).to.equal(null);
    expect(noteOf(cardWith(boardOf(sam), 'Trams to the coast')!).getAttribute('aria-keyshortcuts') ?? '').to.not.contain('M');
    expect(cardWith(boardOf(sam), 'Trams to the coast')!.shadowRoot!.querySelector('[draggable="true"]')).to.equal(null);
    // The shortcuts help stays true, and the facilitator is told what participants can do.
    expect(deepText(boardOf(sam).shadowRoot!.querySelector('.shortcuts')!)).to.contain('Move your idea to a group');
    await waitFor(() => groupControls(priya).note !== null, "the note for Priya");
    expect(groupControls(priya)).to.deep.equal({
      newGroup: true, options: 1, note: 'Only facilitators organise the groups on this board. Participants can move only their own ideas.',
    });
    await expect(boardOf(sam)).to.be.accessible();

    // Sam still adds ideas, and moves his own into a group by keyboard ("M", then the menu).
    const textarea = boardOf(sam).shadowRoot!.querySelector('textarea')!;
    textarea.focus();
    await sendKeys({ type: 'Cycle lanes on the hill' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitFor(() => !!cardWith(boardOf(priya), 'Cycle lanes on the hill'), 'the new idea for Priya');
    noteOf(cardWith(boardOf(sam), 'More buses at night')!).focus();
    await sendKeys({ press: 'm' });
    await waitFor(() => menuItems(boardOf(sam)).length === 2, 'the "Move to…" menu');
    const transportItem = menuItems(boardOf(sam)).find((item) => item.textContent?.includes('Transport'))!;
    transportItem.focus();
    await sendKeys({ press: 'Enter' });
    const priyaDoc = runtimeOf(priya).doc;
    await waitFor(
      () => readBoard(priyaDoc, 'main').ideas.find((i) => i.text === 'More buses at night')?.clusterId === transport,
      "Sam's idea in Transport on Priya's copy",
    );

    // Turned off again: Sam's controls come back, live.
    shadowQuery<HTMLInputElement>(panel, '#setting-facilitatorsOrganise').click();
    expect(events[1]).to.deep.equal({ settings: { facilitatorsOrganise: false } });
    await waitFor(() => groupControls(sam).newGroup, 'the group form back for Sam');
    await boardOf(sam).updateComplete;
    expect(groupControls(sam)).to.deep.equal({ newGroup: true, options: 1, note: null });
    expect(moveButton(sam, 'Trams to the coast')).to.not.equal(null);
    expect(readControl(priyaDoc).settings.facilitatorsOrganise).to.equal(false);
  });

  it('takes the keyboard to the note when the control it was on goes, and speaks Welsh', async () => {
    const { b, facilitator, doc } = await localBoard('participant', { lang: 'cy' });
    createCluster(facilitator.session, { boardId: 'main', title: 'Trafnidiaeth' });
    await b.updateComplete;
    const options = b.shadowRoot!.querySelector<HTMLElement>('[data-group-action="options"]')!;
    options.focus();
    setSettings(facilitator.session, { facilitatorsOrganise: true });
    await waitFor(() => b.shadowRoot!.querySelector('[data-organise-note]') !== null, 'the note');
    await b.updateComplete;
    expect(b.shadowRoot!.querySelector('[data-group-action="options"]')).to.equal(null);
    const note = b.shadowRoot!.querySelector<HTMLElement>('[data-organise-note]')!;
    expect(note.textContent!.trim()).to.equal('Yr hwylusydd sy’n trefnu’r grwpiau ar y bwrdd hwn. Gallwch symud eich syniadau eich hun i grŵp.');
    expect(deepActive()).to.equal(note);
    // Hiding a group stays possible, for this person's own reading only.
    const toggle = b.shadowRoot!.querySelector<HTMLElement>('[data-group-action="toggle"]')!;
    toggle.click();
    await b.updateComplete;
    expect(readBoard(doc, 'main').clusters[0]!.collapsed).to.equal(false);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    await expect(b).to.be.accessible();
  });

  it('fits a 320 px wide screen with the note, and the participant moves their own idea there', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { b, facilitator, runtime, doc } = await localBoard();
      const group = createCluster(facilitator.session, { boardId: 'main', title: 'Transport and getting around town' });
      setSettings(facilitator.session, { facilitatorsOrganise: true });
      addIdea(runtime.session, { boardId: 'main', text: 'Antidisestablishmentarianism'.repeat(3) });
      addIdea(facilitator.session, { boardId: 'main', text: 'Trams', clusterId: group });
      await waitFor(() => !!cardWith(b, 'Trams'), 'the cards');
      await b.updateComplete;
      expect(document.documentElement.scrollWidth, 'page width').to.be.at.most(320);
      const note = b.shadowRoot!.querySelector<HTMLElement>('[data-organise-note]')!;
      expect(note.getBoundingClientRect().right).to.be.at.most(320);
      expect(cardWith(b, 'Trams')!.shadowRoot!.querySelector('[data-action="move"]')).to.equal(null);
      const mine = cardWith(b, 'Antidisestablishmentarianism'.repeat(3))!;
      const move = mine.shadowRoot!.querySelector<HTMLElement>('[data-action="move"]')!;
      expect(move.getBoundingClientRect().height).to.be.at.least(44);
      move.click();
      await waitFor(() => menuItems(b).length === 2, 'the "Move to…" menu');
      menuItems(b).find((item) => item.textContent?.includes('Transport'))!.click();
      await waitFor(() => readBoard(doc, 'main').ideas.find((i) => i.text.startsWith('Antidis'))?.clusterId === group, 'the move');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('an observer is not told about organising, and an absent setting changes nothing', async () => {
    const { b, facilitator } = await localBoard('observer');
    setSettings(facilitator.session, { facilitatorsOrganise: true });
    await b.updateComplete;
    expect(b.shadowRoot!.querySelector('[data-organise-note]')).to.equal(null);
    const doc = new Y.Doc();
    expect(readControl(doc).settings.facilitatorsOrganise).to.equal(false);
  });
});
