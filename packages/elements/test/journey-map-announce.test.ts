import { expect, fixture, html } from '@open-wc/testing';
import { addCard, readJourney, setCurrentPhase, setPhases, type StageSnapshot } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoJourneyMap, type CoPresence, type CoWorkshop } from '../src/index.js';
import { liveRegion, recordAnnouncements, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

/**
 * Opening a page is not news: the device's offline copy and the server's first answer bring the
 * page up to date, and a screen reader must not hear the cards, the people and the phase already
 * there as if they had just arrived. What happens afterwards is announced as before.
 */

const runtimes: WorkshopRuntime[] = [];

/** Everything the announcer is asked to say, in order (the live region shows each in turn). */

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

function cardCount(map: CoJourneyMap): number {
  return map.shadowRoot?.querySelectorAll('.card-text').length ?? 0;
}

function names(presence: CoPresence): string[] {
  return [...presence.shadowRoot!.querySelectorAll('li[data-user]')].map((li) => (li as HTMLElement).dataset['user']!);
}

/** Priya, the facilitator, sets the room up: a journey map with two cards, and an agenda at step 1. */
async function seed(room: string) {
  const runtime = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' }) });
  runtimes.push(runtime);
  const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}>
    <co-journey-map map="badge" template="service-journey" map-title="Applying for a blue badge" layout="grid"></co-journey-map>
  </co-workshop>`);
  await waitFor(() => readJourney(runtime.doc, 'badge').stages.length === 5, 'Priya’s map from the template', 15_000);
  const j = readJourney(runtime.doc, 'badge');
  const pains = j.lanes.find((l) => l.kind === 'painPoints')!;
  const [first, second] = j.stages as readonly [StageSnapshot, StageSnapshot];
  addCard(runtime.session, { mapId: 'badge', stageId: first.id, laneId: pains.id, text: 'Could not find the form' });
  addCard(runtime.session, { mapId: 'badge', stageId: second.id, laneId: pains.id, text: 'The form logs me out' });
  const phases = setPhases(runtime.session, [{ title: 'Map the journey' }, { title: 'Vote' }, { title: 'Share' }]);
  setCurrentPhase(runtime.session, phases[0]!.id);
  await runtime.connection!.whenConfirmed();
  return { el, runtime, stages: j.stages, pains, phases };
}

describe('announcements when a page opens', () => {
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('says nothing about cards, people and the phase already there, then announces what others do next', async () => {
    const room = uniqueRoom('announce');
    const priya = await seed(room);

    // Sam opens the page once (his device keeps an offline copy of the room), and closes it.
    const samToken = testToken({ sub: 'sam', name: 'Sam', role: 'participant' });
    const first = new WorkshopRuntime({ server: syncUrl(), room, token: samToken });
    runtimes.push(first);
    const firstPage = await fixture<CoWorkshop>(html`<co-workshop .runtime=${first}><co-journey-map map="badge" layout="grid"></co-journey-map></co-workshop>`);
    await waitFor(() => cardCount(firstPage.querySelector('co-journey-map')!) === 2, 'the two cards on Sam’s first visit', 15_000);
    firstPage.remove();
    runtimes.splice(runtimes.indexOf(first), 1);
    first.destroy();

    // While he is away, Priya adds a card.
    addCard(priya.runtime.session, { mapId: 'badge', stageId: priya.stages[2]!.id, laneId: priya.pains.id, text: 'No one to ask' });
    await priya.runtime.connection!.whenConfirmed();

    // He opens the page again: the document comes from his device's offline copy and from the server.
    const sam = new WorkshopRuntime({ server: syncUrl(), room, token: samToken });
    runtimes.push(sam);
    const said = recordAnnouncements(sam);
    const page = await fixture<CoWorkshop>(html`<co-workshop .runtime=${sam}>
      <co-phase></co-phase>
      <co-presence></co-presence>
      <co-journey-map map="badge" layout="grid"></co-journey-map>
    </co-workshop>`);
    const map = page.querySelector('co-journey-map')!;
    const presence = page.querySelector('co-presence')!;
    await waitFor(() => sam.status === 'synced', 'Sam’s page to sync', 15_000);
    await waitFor(() => cardCount(map) === 3, 'the three cards on Sam’s page', 15_000);
    await waitFor(() => names(presence).includes('priya'), 'Priya in Sam’s list', 15_000);
    await waitFor(() => (page.querySelector('co-phase')!.shadowRoot?.textContent ?? '').includes('Map the journey'), 'the phase on Sam’s page', 15_000);
    // Whatever is waiting for the announcer's quiet moment is composed now.
    sam.announcer.flush();
    await frame();
    await frame();
    expect(said).to.deep.equal([]);
    expect(liveRegion(page).textContent).to.equal('');

    // What others do from now on is news.
    addCard(priya.runtime.session, { mapId: 'badge', stageId: priya.stages[3]!.id, laneId: priya.pains.id, text: 'Waited weeks for a reply' });
    await waitFor(() => said.some((m) => m.includes('Priya added a card')), 'Priya’s new card announced', 15_000);
    await waitFor(() => liveRegion(page).textContent!.includes('Priya added a card'), 'the announcement in the live region', 15_000);

    const cai = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'cai', name: 'Cai', role: 'participant' }), offline: false });
    runtimes.push(cai);
    await fixture<CoWorkshop>(html`<co-workshop .runtime=${cai}><co-presence></co-presence></co-workshop>`);
    await waitFor(() => said.some((m) => m.includes('Cai joined')), 'Cai’s arrival announced', 15_000);

    setCurrentPhase(priya.runtime.session, priya.phases[1]!.id);
    await waitFor(() => said.some((m) => m.includes('Now: Vote, step 2 of 3')), 'the next phase announced', 15_000);
    expect(said.join(' | ')).not.to.match(/new cards|Priya joined|Map the journey/);
  });

  it('does not say people left and came back when it is this page that went offline, but says what changed meanwhile', async () => {
    const room = uniqueRoom('announce-offline');
    const priya = await seed(room);
    const sam = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'sam', name: 'Sam', role: 'participant' }), offline: false });
    runtimes.push(sam);
    const said = recordAnnouncements(sam);
    const page = await fixture<CoWorkshop>(html`<co-workshop .runtime=${sam}>
      <co-presence></co-presence>
      <co-journey-map map="badge" layout="grid"></co-journey-map>
    </co-workshop>`);
    const presence = page.querySelector('co-presence')!;
    const map = page.querySelector('co-journey-map')!;
    await waitFor(() => sam.status === 'synced' && names(presence).includes('priya') && cardCount(map) === 2, 'Sam’s page in sync', 15_000);

    // Sam's connection drops: Priya vanishes from his list, but she has not left.
    sam.connection!.disconnect();
    await waitFor(() => sam.status === 'offline' && !names(presence).includes('priya'), 'Sam offline', 15_000);
    addCard(priya.runtime.session, { mapId: 'badge', stageId: priya.stages[2]!.id, laneId: priya.pains.id, text: 'No one to ask' });
    await priya.runtime.connection!.whenConfirmed();
    sam.connection!.reconnect();
    await waitFor(() => sam.status === 'synced' && cardCount(map) === 3, 'Sam back in sync', 15_000);
    // Priya shows again when her presence next changes (here: she looks at the map).
    priya.runtime.setPresenceFocus({ elementId: 'badge' });
    await waitFor(() => names(presence).includes('priya'), 'Priya back in Sam’s list', 15_000);
    // What changed while he was away is news; Priya was there all along.
    await waitFor(() => said.some((m) => m.includes('Priya added a card')), 'the card added meanwhile', 15_000);
    sam.announcer.flush();
    expect(said.join(' | ')).not.to.match(/Priya (left|joined)|people (left|joined)/);
  });
});
