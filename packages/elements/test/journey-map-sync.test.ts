import { expect, fixture, html } from '@open-wc/testing';
import { editCard, lockElement, readJourney, setEmotion, type StageSnapshot } from '@coproduce/core';
import '../src/index.js';
import type { CoJourneyMap, CoWorkshop } from '../src/index.js';
import { cellOf, deepText, journeyCardTexts, mapOf, shadowQuery as $, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

function stageTitles(m: CoJourneyMap): string[] {
  return [...m.shadowRoot!.querySelectorAll('th[scope="col"] .stage-title')].map((s) => s.textContent ?? '');
}

/** Types a card into a cell through the element's own form, as a person would. */
async function addCardThroughForm(m: CoJourneyMap, stageId: string, laneId: string, text: string): Promise<void> {
  $(m, `[data-add="${stageId}|${laneId}"]`).click();
  await m.updateComplete;
  const box = $(m, '#new-card-text') as HTMLTextAreaElement;
  box.value = text;
  box.dispatchEvent(new InputEvent('input'));
  $(m, '.inline-form button[type="submit"]').click();
  await m.updateComplete;
}

async function twoPeople() {
  const room = uniqueRoom('journey');
  const server = syncUrl();
  const priyaEl = await fixture<CoWorkshop>(html`<co-workshop server=${server} room=${room}
    token=${testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' })}>
    <co-journey-map map="badge" template="service-journey" map-title="Applying for a blue badge" layout="grid"></co-journey-map>
  </co-workshop>`);
  const samEl = await fixture<CoWorkshop>(html`<co-workshop server=${server} room=${room}
    token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant' })}>
    <co-journey-map map="badge" layout="grid"></co-journey-map>
  </co-workshop>`);
  const priya = mapOf(priyaEl);
  const sam = mapOf(samEl);
  await waitFor(() => (priya.shadowRoot?.querySelectorAll('th[scope="col"]').length ?? 0) === 5, 'Priya’s map from the template', 15_000);
  await waitFor(() => (sam.shadowRoot?.querySelectorAll('th[scope="col"]').length ?? 0) === 5, 'Sam’s copy of the map', 15_000);
  return { priyaEl, samEl, priya, sam, room };
}

describe('<co-journey-map> with two people through the sync server', () => {
  it('shares cards, stage order and feelings live, firing events only for each person’s own actions', async () => {
    const { priyaEl, samEl, priya, sam } = await twoPeople();
    const doc = samEl.runtime!.doc;
    const j = readJourney(doc, 'badge');
    expect(j.title).to.equal('Applying for a blue badge');
    const [findOut, apply] = j.stages as readonly [StageSnapshot, StageSnapshot];
    const pains = j.lanes.find((l) => l.kind === 'painPoints')!;
    const priyaEvents: string[] = [];
    const samEvents: string[] = [];
    priya.addEventListener('co-journey-card', (e) => priyaEvents.push(e.detail.action));
    sam.addEventListener('co-journey-card', (e) => samEvents.push(e.detail.action));

    // Sam writes a pain point; Priya sees it.
    await addCardThroughForm(sam, apply.id, pains.id, 'The form logs me out before I finish');
    await waitFor(() => journeyCardTexts(cellOf(priya, pains.id, apply.id)).includes('The form logs me out before I finish'), 'Sam’s card on Priya’s screen', 10_000);
    expect(samEvents).to.deep.equal(['add']);
    expect(priyaEvents).to.deep.equal([]);
    await waitFor(() => deepText(cellOf(priya, pains.id, apply.id)).includes('by Sam'), 'Sam’s name on the card', 10_000);

    // Both add to the same cell at once: both cards survive, in the same order on both screens.
    await Promise.all([
      addCardThroughForm(sam, findOut.id, pains.id, 'Could not find the form'),
      addCardThroughForm(priya, findOut.id, pains.id, 'Leaflet at the library is out of date'),
    ]);
    await waitFor(
      () => journeyCardTexts(cellOf(priya, pains.id, findOut.id)).length === 2 && journeyCardTexts(cellOf(sam, pains.id, findOut.id)).length === 2,
      'both cards on both screens',
      10_000,
    );
    expect(journeyCardTexts(cellOf(priya, pains.id, findOut.id))).to.deep.equal(journeyCardTexts(cellOf(sam, pains.id, findOut.id)));

    // Priya moves a stage; Sam's columns follow.
    cellOf(priya, 'head', apply.id).querySelector<HTMLButtonElement>('[data-action="stage-left"]')!.click();
    await waitFor(() => stageTitles(sam)[0] === 'Apply or get in touch', 'the new stage order on Sam’s screen', 10_000);

    // Sam sets a feeling; Priya's curve redraws and her score row says it in words.
    const path = (m: CoJourneyMap) => m.shadowRoot!.querySelector('svg.curve path')?.getAttribute('d') ?? '';
    $(sam, `[data-feeling="${apply.id}"] [data-action="feeling-down"]`).click();
    $(sam, `[data-feeling="${findOut.id}"] [data-action="feeling-up"]`).click();
    await waitFor(() => path(priya) !== '', 'Priya’s curve', 10_000);
    await waitFor(() => $(priya, `[data-feeling="${apply.id}"]`).textContent!.includes('−1 Negative'), 'the score in words', 10_000);
    const before = path(priya);
    setEmotion(priyaEl.runtime!.session, { mapId: 'badge', stageId: apply.id, value: -2 });
    await waitFor(() => path(sam) !== '' && $(sam, `[data-feeling="${apply.id}"]`).textContent!.includes('−2'), 'Sam’s curve to follow', 10_000);
    expect(path(priya)).not.to.equal(before);
    await waitFor(() => path(sam) === path(priya), 'the same curve on both screens', 10_000);

    // Screen-reader users hear a summary of other people's changes.
    const announcer = priyaEl.runtime!.announcer;
    const said: string[] = [];
    const say = announcer.say.bind(announcer);
    announcer.say = (message: string) => {
      said.push(message);
      say(message);
    };
    // Earlier changes are summarised together once things calm down ("3 new cards. …")…
    await waitFor(() => said.length > 0, 'the first summary', 10_000);
    // …and one new card is announced with its author's name.
    await addCardThroughForm(sam, apply.id, pains.id, 'No one to ask');
    await waitFor(() => said.some((m) => m.includes('Sam added a card')), 'the announcement', 10_000);
    expect(priyaEl.shadowRoot!.querySelector('[data-announcer]')!.getAttribute('aria-live')).to.equal('polite');
  });

  it('shows who is editing a card, and a facilitator’s lock reaches the participant at once', async () => {
    const { priyaEl, samEl, priya, sam } = await twoPeople();
    const j = readJourney(samEl.runtime!.doc, 'badge');
    const stage = j.stages[2]!;
    const lane = j.lanes.find((l) => l.kind === 'actions')!;
    await addCardThroughForm(sam, stage.id, lane.id, 'Checks the post every day');
    await waitFor(() => journeyCardTexts(cellOf(priya, lane.id, stage.id)).length === 1, 'the card', 10_000);
    $(sam, '.inline-form button[type="button"]').click(); // close the add form
    await sam.updateComplete;
    cellOf(sam, lane.id, stage.id).querySelector<HTMLButtonElement>('[data-action="edit-card"]')!.click();
    await waitFor(() => deepText(cellOf(priya, lane.id, stage.id)).includes('Sam editing now'), 'Sam’s presence on Priya’s screen', 10_000);
    // Priya changes the card while Sam edits: Sam is told before saving over it.
    const card = readJourney(priyaEl.runtime!.doc, 'badge').cells.flatMap((c) => c.cards)[0]!;
    editCard(priyaEl.runtime!.session, card.id, 'Checks the post every day, twice');
    await waitFor(() => deepText(cellOf(sam, lane.id, stage.id)).includes('Someone else changed this card while you were editing it'), 'the warning', 10_000);
    $(sam, '.inline-form button[type="button"]').click(); // cancel
    await waitFor(() => !deepText(cellOf(priya, lane.id, stage.id)).includes('editing now'), 'the presence to clear', 10_000);

    lockElement(priyaEl.runtime!.session, 'badge', 'Time to vote');
    await waitFor(() => deepText(sam.shadowRoot!).includes('The facilitator has locked this journey map: Time to vote'), 'the lock notice', 10_000);
    expect(sam.shadowRoot!.querySelectorAll('table button').length).to.equal(0);
    expect(priya.shadowRoot!.querySelectorAll('table button').length).to.be.greaterThan(0);
    await expect(sam).to.be.accessible();
  });
});
