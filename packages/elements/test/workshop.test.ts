import { expect, fixture, html } from '@open-wc/testing';
import { addIdea, setRole, startTimer } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoFacilitatorPanel, type CoIdeaBoard, type CoPresence, type CoTimer, type CoWorkshop } from '../src/index.js';
import { deepText, recordAnnouncements, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

function ideaTexts(board: CoIdeaBoard): string {
  return deepText(board.shadowRoot!);
}

describe('<co-workshop>', () => {
  const runtimes: WorkshopRuntime[] = [];
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('keeps several workshops on one page separate: documents, presence, timers and announcements', async () => {
    const roomA = uniqueRoom('bus');
    const roomB = uniqueRoom('library');
    const token = testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' });
    // Two workshops side by side on one page (fixtures share the test page).
    const a = await fixture<CoWorkshop>(html`<co-workshop id="a" server=${syncUrl()} room=${roomA} token=${token}>
        <co-idea-board board="main" board-title="Bus routes"></co-idea-board>
        <co-presence></co-presence>
        <co-timer></co-timer>
      </co-workshop>`);
    const b = await fixture<CoWorkshop>(html`<co-workshop id="b" server=${syncUrl()} room=${roomB} token=${token}>
        <co-idea-board board="main" board-title="Library hours"></co-idea-board>
        <co-presence></co-presence>
        <co-timer></co-timer>
      </co-workshop>`);
    expect(a.isConnected && b.isConnected && a.getRootNode() === b.getRootNode()).to.equal(true);
    await waitFor(() => a.status === 'synced' && b.status === 'synced', 'both workshops to sync');
    expect(a.runtime).not.to.equal(b.runtime);
    expect(a.runtime!.doc).not.to.equal(b.runtime!.doc);
    expect(a.runtime!.awareness).not.to.equal(b.runtime!.awareness);

    // A participant joins workshop A only, from another device.
    const sam = new WorkshopRuntime({ server: syncUrl(), room: roomA, token: testToken({ sub: 'sam', name: 'Sam', role: 'participant' }), offline: false, crossTab: false });
    runtimes.push(sam);
    const saidA = recordAnnouncements(a);
    const saidB = recordAnnouncements(b);
    await waitFor(() => sam.status === 'synced', 'Sam to sync');
    await waitFor(() => ideaTexts(a.querySelector('co-idea-board')!).includes('Bus routes'), 'board A set up');
    await waitFor(() => sam.doc.getMap('boards').has('main'), 'the board to reach Sam');
    addIdea(sam.session, { boardId: 'main', text: 'A night bus to the hospital' });
    await waitFor(() => ideaTexts(a.querySelector('co-idea-board')!).includes('A night bus to the hospital'), 'the idea in workshop A');
    // The idea is announced in A (in the board's own words), and nothing is said in B.
    await waitFor(() => saidA.length > 0, 'an announcement in A');
    expect(ideaTexts(b.querySelector('co-idea-board')!)).not.to.contain('night bus');
    expect(saidB).to.deep.equal([]);

    // Presence: Sam is only in A.
    const presenceA = a.querySelector('co-presence') as CoPresence;
    const presenceB = b.querySelector('co-presence') as CoPresence;
    await waitFor(() => presenceA.people.some((p) => p.user.id === 'sam'), 'Sam in A');
    expect(presenceB.people.some((p) => p.user.id === 'sam')).to.equal(false);

    // Timers: starting A's leaves B's alone.
    startTimer(a.runtime!.session, 5 * 60_000);
    await waitFor(() => (a.querySelector('co-timer') as CoTimer).status === 'running', 'timer A running');
    expect((b.querySelector('co-timer') as CoTimer).status).to.equal('idle');
  });

  it('works element by element without <co-workshop>, given the same attributes', async () => {
    const room = uniqueRoom('alone');
    const token = testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' });
    const timer = await fixture<CoTimer>(html`<co-timer server=${syncUrl()} room=${room} token=${token}></co-timer>`);
    await waitFor(() => !!timer.shadowRoot!.querySelector('#timer-minutes'), 'the facilitator controls');
    expect(timer.shadowRoot!.querySelector('[data-announcer]')).to.exist;
    timer.shadowRoot!.querySelector<HTMLInputElement>('#timer-minutes')!.value = '2';
    timer.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="start"]')!.click();
    const watcher = await fixture<CoTimer>(html`<co-timer server=${syncUrl()} room=${room}
        token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant' })}></co-timer>`);
    await waitFor(() => watcher.status === 'running', 'another standalone timer in the room to see it');
    expect(watcher.shadowRoot!.querySelector('[part="controls"]')).to.equal(null);
    await expect(watcher).to.be.accessible();
  });

  it('shows each person only the controls their role allows, and follows role changes live', async () => {
    const room = uniqueRoom('roles');
    const mk = (sub: string, name: string, role: 'facilitator' | 'participant' | 'observer') => {
      const runtime = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub, name, role }), offline: false, crossTab: false });
      runtimes.push(runtime);
      return fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}>
          <co-facilitator-panel></co-facilitator-panel>
          <co-timer></co-timer>
          <co-join></co-join>
        </co-workshop>`);
    };
    const priya = await mk('priya', 'Priya', 'facilitator');
    const sam = await mk('sam', 'Sam', 'participant');
    const olu = await mk('olu', 'Olu', 'observer');
    await waitFor(() => [priya, sam, olu].every((w) => w.status === 'synced'), 'all to sync');
    const controls = (w: CoWorkshop) => ({
      panel: !!(w.querySelector('co-facilitator-panel') as CoFacilitatorPanel).shadowRoot!.querySelector('[data-section="phases"]'),
      timer: !!w.querySelector('co-timer')!.shadowRoot!.querySelector('[part="controls"]'),
      // Once on the page: in the facilitator panel, which <co-join> then leaves it to.
      invite:
        !!(w.querySelector('co-facilitator-panel') as CoFacilitatorPanel).shadowRoot!.querySelector('[data-section="invite"]') &&
        !w.querySelector('co-join')!.shadowRoot!.querySelector('[part="invite"]'),
    });
    await waitFor(() => controls(priya).panel, 'the facilitator panel');
    expect(controls(priya)).to.deep.equal({ panel: true, timer: true, invite: true });
    expect(controls(sam)).to.deep.equal({ panel: false, timer: false, invite: false });
    expect(controls(olu)).to.deep.equal({ panel: false, timer: false, invite: false });
    expect(deepText(olu.querySelector('co-facilitator-panel')!.shadowRoot!)).to.contain('You are taking part as: Observer');

    // Priya makes Sam a co-facilitator: his controls appear without a reload.
    setRole(priya.runtime!.session, 'sam', 'facilitator');
    await waitFor(() => controls(sam).panel && controls(sam).timer && controls(sam).invite, "Sam's new controls");
    setRole(priya.runtime!.session, 'sam', null);
    await waitFor(() => !controls(sam).panel && !controls(sam).timer, 'back to a participant');
  });
});
