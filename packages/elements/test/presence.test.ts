import { expect, fixture, html } from '@open-wc/testing';
import { createBoard, setLocalAway, setRole } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoPresence, type CoWorkshop } from '../src/index.js';
import { recordAnnouncements, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

function presenceOf(el: CoWorkshop): CoPresence {
  return el.querySelector('co-presence')!;
}
function rows(p: CoPresence): { user: string; name: string; where: string; initials: string; colour: string; away: boolean }[] {
  return [...p.shadowRoot!.querySelectorAll<HTMLElement>('li[data-user]')].map((li) => ({
    user: li.dataset['user']!,
    name: li.querySelector('.name')!.textContent!.replace(/\s+/g, ' ').trim(),
    where: li.querySelector('.where')!.textContent!.trim(),
    initials: li.querySelector('.avatar')!.textContent!.trim(),
    colour: li.querySelector('.avatar')!.getAttribute('data-colour')!,
    away: li.querySelector('.avatar')!.hasAttribute('data-away'),
  }));
}
function statusLine(p: CoPresence): string {
  return p.shadowRoot!.querySelector('[part="status"]')!.textContent!.replace(/\s+/g, ' ').trim();
}

const runtimes: WorkshopRuntime[] = [];

/**
 * One person's page. Several people share this test page, so their workshops do not also talk
 * through the browser's tab-to-tab channel: presence goes through the server, as between devices.
 */
async function join(room: string, sub: string, name: string, role: 'facilitator' | 'participant' = 'participant') {
  const runtime = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub, name, role }), offline: false, crossTab: false });
  runtimes.push(runtime);
  return fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-presence></co-presence></co-workshop>`);
}

describe('<co-presence>', () => {
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('shows who is here with initials, names, roles and where they are, and passes axe', async () => {
    const room = uniqueRoom('presence');
    const priya = await join(room, 'priya', 'Priya Shah', 'facilitator');
    const sam = await join(room, 'sam', 'Sam Jones');
    await waitFor(() => priya.status === 'synced' && sam.status === 'synced', 'both to sync');
    const list = presenceOf(priya);
    await waitFor(() => rows(list).length === 2, 'two people');
    const [me, other] = rows(list) as [ReturnType<typeof rows>[number], ReturnType<typeof rows>[number]];
    expect(me.user).to.equal('priya');
    expect(me.name).to.equal('Priya Shah (you) Facilitator');
    expect(me.initials).to.equal('PS');
    expect(other.name).to.equal('Sam Jones');
    expect(other.initials).to.equal('SJ');
    expect(other.where).to.equal('In the workshop');
    expect(list.shadowRoot!.querySelector('.count')!.textContent).to.equal('2 people here');
    await waitFor(() => statusLine(list) === 'Your connection: Saved', 'the status in words');
    await expect(priya).to.be.accessible();

    // Where Sam is: looking at, then writing in, a board; then away.
    createBoard(priya.runtime!.session, { id: 'main', title: 'Ideas for the park' });
    sam.runtime!.setPresenceFocus({ elementId: 'main' });
    await waitFor(() => rows(list)[1]?.where === 'Looking at “Ideas for the park”', 'Sam looking at the board');
    sam.runtime!.setPresenceFocus({ elementId: 'main', itemId: 'idea1', editing: true });
    await waitFor(() => rows(list)[1]?.where === 'Writing in “Ideas for the park”', 'Sam writing');
    setLocalAway(sam.runtime!.awareness, true);
    await waitFor(() => rows(list)[1]?.where === 'Away' && rows(list)[1]!.away, 'Sam away');
  });

  it('follows role changes, and announces arrivals and departures politely', async () => {
    const room = uniqueRoom('presence-roles');
    const priya = await join(room, 'priya', 'Priya', 'facilitator');
    const said = recordAnnouncements(priya);
    // Someone already there when Priya's page opens is not news; someone arriving afterwards is.
    await waitFor(() => priya.status === 'synced', 'Priya’s page in sync');
    const sam = await join(room, 'sam', 'Sam');
    await waitFor(() => priya.status === 'synced' && sam.status === 'synced', 'sync');
    const list = presenceOf(priya);
    await waitFor(() => rows(list).some((r) => r.user === 'sam'), 'Sam here');
    await waitFor(() => said.includes('Sam joined'), 'the arrival');
    setRole(priya.runtime!.session, 'sam', 'observer');
    await waitFor(() => rows(list).find((r) => r.user === 'sam')?.name === 'Sam Observer', 'Sam shown as an observer');
    sam.remove();
    runtimes.splice(runtimes.indexOf(sam.runtime!), 1)[0]!.destroy();
    await waitFor(() => !rows(list).some((r) => r.user === 'sam'), 'Sam gone');
    await waitFor(() => said.includes('Sam left'), 'the departure');
  });

  it('says the local connection status in words: offline, with changes waiting, and saved again', async () => {
    const room = uniqueRoom('presence-status');
    const sam = await join(room, 'sam', 'Sam');
    const priya = await join(room, 'priya', 'Priya', 'facilitator');
    await waitFor(() => sam.status === 'synced' && priya.status === 'synced', 'sync');
    const list = presenceOf(sam);
    await waitFor(() => statusLine(list) === 'Your connection: Saved', 'saved');
    sam.runtime!.connection!.disconnect();
    await waitFor(() => statusLine(list) === 'Your connection: Offline — your changes are kept on this device', 'offline');
    const { updateProfile } = await import('@coproduce/core');
    updateProfile(sam.runtime!.session, { name: 'Sam J' });
    await waitFor(() => statusLine(list).includes('will be sent when you reconnect'), 'offline with unsynced changes');
    expect(list.shadowRoot!.querySelector('[part="status"]')!.getAttribute('data-status')).to.equal('offline');
    sam.runtime!.connection!.reconnect();
    await waitFor(() => statusLine(list) === 'Your connection: Saved', 'saved again');
    // The name changed offline reaches the others once Sam is back.
    await waitFor(() => rows(presenceOf(priya)).some((r) => r.name === 'Sam J'), 'the new name on Priya’s screen');
  });

  it('works on its own with the same attributes, outside <co-workshop>', async () => {
    const room = uniqueRoom('presence-alone');
    const el = await fixture<CoPresence>(html`<co-presence server=${syncUrl()} room=${room}
        token=${testToken({ sub: 'gwen', name: 'Gwen Ifans', role: 'participant' })}></co-presence>`);
    await waitFor(() => rows(el).some((r) => r.name === 'Gwen Ifans (you)'), 'Gwen in her own list');
    expect(el.shadowRoot!.querySelector('[data-announcer]')).to.exist;
    await expect(el).to.be.accessible();
  });
});
