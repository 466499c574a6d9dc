// Per-person state does not pass to the next person on a shared page. When someone else joins on
// the page (a kiosk: the last person's kept token was turned away and the next person joins through
// the link), every element forgets what the last person typed or chose and had not sent: the
// board's "Add idea" box, an edit or a comment in progress, a vote's unsaved ballot, a journey map's
// card form, the facilitator panel's lock reason. Private drafts stay on the device, each under its
// own person. Real sync server (tokens checked), real Chromium, real keyboard.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as core from '@coproduce/core';
import '../src/index.js';
import type { CoFacilitatorPanel, CoIdeaBoard, CoJourneyMap, CoVote, CoWorkshop, WorkshopRuntime } from '../src/index.js';
import {
  boardOf, cardWith, chord, forgetTokens, joinAs, kioskSwap, linkWorkshop, remoteFacilitator, settleAll, shadowQuery as $, syncUrl, testJoinToken,
  TOKEN_PREFIX, uniqueRoom, waitFor,
} from './helpers.js';

/** Anna's kept token is turned away and Bryn joins through the link on the same page. */
async function brynTakesOver(el: CoWorkshop, room: string): Promise<WorkshopRuntime> {
  const anna = el.runtime!.session.user.id;
  const runtime = await kioskSwap(el, room, 'Bryn');
  expect(runtime.session.user.id).to.not.equal(anna);
  return runtime;
}

/** Types `text` into the board's "Add idea" box with the real keyboard, sends it with Ctrl+Enter, and waits for its card (`what`). */
async function sendIdea(board: CoIdeaBoard, text: string, what: string): Promise<void> {
  $(board, '#idea-text').focus();
  await sendKeys({ type: text });
  await chord('Control', 'Enter');
  await waitFor(() => !!cardWith(board, text), what);
}

function textOf(host: Element, selector: string): string {
  return $<HTMLInputElement | HTMLTextAreaElement>(host, selector).value;
}

describe('person reset: nothing typed or chosen passes to the next person on a page', () => {
  beforeEach(forgetTokens);
  afterEach(forgetTokens);

  it('empties the board’s “Add idea” and “New group” boxes, and Bryn’s Ctrl+Enter publishes nothing of Anna’s', async () => {
    const room = uniqueRoom('reset-board');
    const ceri = await remoteFacilitator(room);
    await ceri.ceri.whenConfirmed();
    const el = await linkWorkshop(room);
    const board = boardOf(el);
    await joinAs(el, 'Anna');
    await waitFor(() => !!board.shadowRoot!.querySelector('#idea-text'), 'the board for Anna');
    $(board, '#idea-text').focus();
    await sendKeys({ type: 'Anna half-typed this' });
    $(board, '#new-group').focus();
    await sendKeys({ type: 'Anna’s group' });
    await brynTakesOver(el, room);
    await waitFor(() => !!board.shadowRoot!.querySelector('#idea-text'), 'the board for Bryn');
    await settleAll(board);
    expect(textOf(board, '#idea-text')).to.equal('');
    expect(textOf(board, '#new-group')).to.equal('');
    // Bryn sends what is in the box: nothing of Anna's goes out in his name.
    $(board, '#idea-text').focus();
    await sendKeys({ type: 'Bryn’s own idea' });
    await chord('Control', 'Enter');
    await waitFor(() => core.readBoard(ceri.ceriDoc, 'main').ideas.some((i) => i.text === 'Bryn’s own idea'), 'Bryn’s idea at the facilitator');
    expect(core.readBoard(ceri.ceriDoc, 'main').ideas.map((i) => i.text)).to.deep.equal(['Bryn’s own idea']);
    el.remove();
    ceri.done();
  });

  it('closes Anna’s edit in place and empties her comment box on the board', async () => {
    const room = uniqueRoom('reset-card');
    const ceri = await remoteFacilitator(room);
    const ideaId = core.addIdea(ceri.ceriSession, { boardId: 'main', text: 'A bench by the pond' });
    await ceri.ceri.whenConfirmed();
    const el = await linkWorkshop(room);
    const board = boardOf(el);
    await joinAs(el, 'Anna');
    // Anna writes her own idea and starts editing it.
    await waitFor(() => !!board.shadowRoot!.querySelector('#idea-text'), 'the board for Anna');
    await sendIdea(board, 'Anna’s idea', 'Anna’s idea on the board');
    const mine = cardWith(board, 'Anna’s idea')!;
    mine.startEdit();
    await mine.updateComplete;
    const edit = $<HTMLTextAreaElement>(mine, 'textarea');
    edit.focus();
    edit.select();
    await sendKeys({ type: 'Anna was rewriting this' });
    // And comments on Ceri's.
    const ceris = cardWith(board, 'A bench by the pond')!;
    $(ceris, '[data-action="comments"]').click();
    await waitFor(() => !!ceris.shadowRoot!.querySelector('co-idea-comments')?.shadowRoot?.querySelector('textarea'), 'the comment box');
    const comments = ceris.shadowRoot!.querySelector('co-idea-comments')!;
    $(comments, 'textarea').focus();
    await sendKeys({ type: 'Anna’s half comment' });
    await brynTakesOver(el, room);
    await waitFor(() => !!cardWith(board, 'Anna’s idea') && !!cardWith(board, 'A bench by the pond'), 'the ideas for Bryn');
    const annas = cardWith(board, 'Anna’s idea')!;
    await settleAll(board, annas);
    expect(annas.shadowRoot!.querySelector('textarea'), 'Anna’s edit form').to.equal(null);
    const box = cardWith(board, 'A bench by the pond')!.shadowRoot!.querySelector('co-idea-comments')?.shadowRoot?.querySelector('textarea');
    expect(box?.value, 'Anna’s comment box').to.equal('');
    expect(core.readBoard(ceri.ceriDoc, 'main').ideas.find((i) => i.id === ideaId)!.text).to.equal('A bench by the pond');
    el.remove();
    ceri.done();
  });

  it('keeps private drafts on the device under their own person: not shown to the next, back for the one who returns', async () => {
    const room = uniqueRoom('reset-drafts');
    const ceri = await remoteFacilitator(room);
    core.setSettings(ceri.ceriSession, { privateWriting: true });
    await ceri.ceri.whenConfirmed();
    const link = testJoinToken({ room });
    const el = await linkWorkshop(room, { token: link });
    const board = boardOf(el);
    await joinAs(el, 'Anna');
    await waitFor(() => !!board.shadowRoot!.querySelector('#idea-text'), 'the board for Anna');
    await sendIdea(board, 'Anna’s private draft', 'Anna’s draft on the board');
    // What Anna's page keeps to come back with (her personal token).
    const annasToken = Object.keys(localStorage).filter((k) => k.startsWith(TOKEN_PREFIX)).map((k) => [k, localStorage.getItem(k)!] as const);
    expect(annasToken).to.have.length(1);
    await brynTakesOver(el, room);
    await waitFor(() => !!board.shadowRoot!.querySelector('#idea-text'), 'the board for Bryn');
    await settleAll(board);
    expect(cardWith(board, 'Anna’s private draft'), 'Anna’s draft, shown to Bryn').to.equal(undefined);
    await sendIdea(board, 'Bryn’s private draft', 'Bryn’s draft on the board');
    expect(core.readBoard(ceri.ceriDoc, 'main').ideas).to.deep.equal([]);
    el.remove();
    // Anna comes back to the page with her kept token: her draft, not Bryn's.
    forgetTokens();
    for (const [key, value] of annasToken) localStorage.setItem(key, value);
    const again = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${link}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    const board2 = again.querySelector<CoIdeaBoard>('co-idea-board')!;
    await waitFor(() => again.runtime?.status === 'synced' && again.runtime.session.user.name === 'Anna', 'Anna back');
    await waitFor(() => !!cardWith(board2, 'Anna’s private draft'), 'Anna’s draft back for her');
    expect(cardWith(board2, 'Bryn’s private draft'), 'Bryn’s draft, shown to Anna').to.equal(undefined);
    again.remove();
    ceri.done();
  });

  it('does not show the next person the previous person’s unsaved ballot', async () => {
    const room = uniqueRoom('reset-ballot');
    const ceri = await remoteFacilitator(room);
    core.createPoll(ceri.ceriSession, {
      id: 'v', title: 'What first?', method: 'dots', allowance: 5, perOptionCap: 2, open: true,
      options: [{ id: 'benches', label: 'More benches' }, { id: 'trees', label: 'Street trees' }],
    });
    await ceri.ceri.whenConfirmed();
    const el = await linkWorkshop(room, { content: html`<co-vote vote="v"></co-vote>` });
    const vote = el.querySelector('co-vote') as CoVote;
    await joinAs(el, 'Anna');
    await waitFor(() => !!vote.shadowRoot!.querySelector('[data-step="add"][data-option="trees"]'), 'the ballot');
    $(vote, '[data-step="add"][data-option="trees"]').click();
    await settleAll(vote);
    expect($(vote, '[part="allowance"]').textContent).to.contain('Dots left: 4 of 5');
    await brynTakesOver(el, room);
    await waitFor(() => !!vote.shadowRoot!.querySelector('[part="allowance"]'), 'the ballot for Bryn');
    await settleAll(vote);
    expect($(vote, '[part="allowance"]').textContent).to.contain('Dots left: 5 of 5');
    el.remove();
    ceri.done();
  });

  it('closes the journey map’s card form the previous person had open, with their text', async () => {
    const room = uniqueRoom('reset-journey');
    const ceri = await remoteFacilitator(room);
    core.createJourney(ceri.ceriSession, {
      id: 'j', title: 'Reporting a missed bin', stages: ['Notice', 'Report'],
      lanes: [{ title: 'What people do', kind: 'actions' }],
    });
    await ceri.ceri.whenConfirmed();
    const el = await linkWorkshop(room, { content: html`<co-journey-map map="j"></co-journey-map>`, style: 'width:1100px' });
    const map = el.querySelector('co-journey-map') as CoJourneyMap;
    await joinAs(el, 'Anna');
    await waitFor(() => !!map.shadowRoot!.querySelector('[data-action="add-card"]'), 'the map for Anna');
    $(map, '[data-action="add-card"]').click();
    await waitFor(() => !!map.shadowRoot!.querySelector('#new-card-text'), 'the new card form');
    $(map, '#new-card-text').focus();
    await sendKeys({ type: 'Anna’s unsent card' });
    await brynTakesOver(el, room);
    await waitFor(() => !!map.shadowRoot!.querySelector('[data-action="add-card"]'), 'the map for Bryn');
    await settleAll(map);
    const form = map.shadowRoot!.querySelector<HTMLTextAreaElement>('#new-card-text');
    expect(form?.value ?? null, 'Anna’s card form').to.equal(null);
    expect(core.readJourney(ceri.ceriDoc, 'j').cells.flatMap((c) => c.cards)).to.deep.equal([]);
    el.remove();
    ceri.done();
  });

  it('empties the facilitator panel’s lock reason the previous facilitator typed', async () => {
    const room = uniqueRoom('reset-panel');
    const ceri = await remoteFacilitator(room);
    await ceri.ceri.whenConfirmed();
    const el = await linkWorkshop(room, { content: html`<co-facilitator-panel></co-facilitator-panel>`, role: 'facilitator' });
    const runtime = el.runtime!;
    const panel = el.querySelector('co-facilitator-panel') as CoFacilitatorPanel;
    await joinAs(el, 'Anna');
    await waitFor(() => !!panel.shadowRoot!.querySelector('#lock-reason'), 'the lock reason for Anna');
    $(panel, '#lock-reason').focus();
    await sendKeys({ type: 'Anna’s reason' });
    await brynTakesOver(el, room);
    expect(runtime.session.role).to.equal('facilitator');
    await waitFor(() => !!panel.shadowRoot!.querySelector('#lock-reason'), 'the lock reason for Bryn');
    await settleAll(panel);
    expect(textOf(panel, '#lock-reason')).to.equal('');
    el.remove();
    ceri.done();
  });
});
