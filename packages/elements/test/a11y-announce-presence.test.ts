// Arrivals at a workshop, as a screen reader hears them: the first is said, the next ones are
// gathered and said together by name ("Bryn, Cai and 2 others joined"), not one interruption per
// person. Through the real sync server, as between devices.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import { WorkshopRuntime, type CoWorkshop } from '../src/index.js';
import { recordAnnouncements, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const runtimes: WorkshopRuntime[] = [];

async function join(room: string, sub: string, name: string, options: { role?: 'facilitator' | 'participant'; lang?: string } = {}) {
  const runtime = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub, name, role: options.role ?? 'participant' }), offline: false, crossTab: false });
  runtimes.push(runtime);
  return fixture<CoWorkshop>(html`<co-workshop lang=${options.lang ?? 'en'} .runtime=${runtime}><co-presence></co-presence></co-workshop>`);
}

const NAMES = ['Bryn', 'Cai', 'Dai', 'Eli'];

describe('<co-presence>: arrivals said together', () => {
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('says the first arrival, then gathers the next ones into one sentence with two names', async () => {
    const room = uniqueRoom('arrivals');
    const priya = await join(room, 'priya', 'Priya', { role: 'facilitator' });
    await waitFor(() => priya.status === 'synced', 'Priya’s page in sync');
    const said = recordAnnouncements(priya);
    await join(room, 'ana', 'Ana');
    await waitFor(() => said.includes('Ana joined'), 'Ana’s arrival', 15_000);
    await Promise.all(NAMES.map((name) => join(room, name.toLowerCase(), name)));
    const joined = () => said.filter((s) => s.includes('joined'));
    await waitFor(() => joined().length === 2, 'the others’ arrival', 20_000);
    const names = `(${NAMES.join('|')})`;
    expect(joined()[1]).to.match(new RegExp(`^${names}, ${names} and 2 others joined$`));
    // Nobody is left out, or said twice.
    expect(new Set(joined()[1]!.match(new RegExp(names, 'g'))).size).to.equal(2);
  });

  it('speaks Welsh: "Mae Bryn, Cai a 2 arall wedi ymuno"', async () => {
    const room = uniqueRoom('arrivals-cy');
    const priya = await join(room, 'priya', 'Priya', { role: 'facilitator', lang: 'cy' });
    await waitFor(() => priya.status === 'synced', 'Priya’s page in sync');
    const said = recordAnnouncements(priya);
    await join(room, 'ana', 'Ana');
    await waitFor(() => said.includes('Mae Ana wedi ymuno'), 'Ana’s arrival', 15_000);
    await Promise.all(NAMES.map((name) => join(room, name.toLowerCase(), name)));
    const joined = () => said.filter((s) => s.includes('wedi ymuno'));
    await waitFor(() => joined().length === 2, 'the others’ arrival', 20_000);
    const names = `(${NAMES.join('|')})`;
    expect(joined()[1]).to.match(new RegExp(`^Mae ${names}, ${names} a 2 arall wedi ymuno$`));
  });
});
