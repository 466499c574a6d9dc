// <co-presence> keeps a steady DOM across reconnections: a page on a bad connection reconnects
// again and again, and the list must not grow with every drop (it once kept two stray comment
// nodes per reconnection); and its status line keeps its height, so what is below it does not jump
// at every drop. Real sync server, real Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../src/index.js';
import { WorkshopRuntime, type CoPresence, type CoWorkshop } from '../src/index.js';
import { syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

/** Every node under `root`, shadow roots included, by kind. */
function census(root: Node): { comments: number; elements: number; total: number } {
  let comments = 0;
  let elements = 0;
  let total = 0;
  const walk = (node: Node): void => {
    total++;
    if (node.nodeType === Node.COMMENT_NODE) comments++;
    if (node instanceof Element) {
      elements++;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    node.childNodes.forEach(walk);
  };
  walk(root);
  return { comments, elements, total };
}

const runtimes: WorkshopRuntime[] = [];

async function join(room: string, sub: string, name: string) {
  const runtime = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub, name, role: 'participant' }), offline: false, crossTab: false });
  runtimes.push(runtime);
  return fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-presence></co-presence></co-workshop>`);
}

const names = (p: CoPresence): string[] => [...p.shadowRoot!.querySelectorAll('li[data-user]')].map((li) => li.getAttribute('data-user')!);

describe('<co-presence> across reconnections', () => {
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('keeps the same number of nodes after many reconnections', async () => {
    const room = uniqueRoom('presence-dom');
    const ana = await join(room, 'ana', 'Ana');
    const bryn = await join(room, 'bryn', 'Bryn');
    const cai = await join(room, 'cai', 'Cai');
    await waitFor(() => [ana, bryn, cai].every((w) => w.status === 'synced'), 'everyone to sync');
    const presence = ana.querySelector<CoPresence>('co-presence')!;
    await waitFor(() => names(presence).length === 3, 'three people in Ana’s list');
    const runtime = ana.runtime!;

    const reconnect = async (): Promise<void> => {
      const connection = runtime.connection!;
      connection.provider.disconnect();
      await waitFor(() => runtime.status !== 'synced', 'the drop', 5000);
      // Everyone else leaves this page's list while it is offline (and comes back after).
      await waitFor(() => names(presence).length === 1, 'the others gone from the list', 5000);
      connection.reconnect();
      await waitFor(() => runtime.status === 'synced', 'back in sync', 10_000);
      await waitFor(() => names(presence).length === 3, 'Bryn and Cai back in the list', 10_000);
      await presence.updateComplete;
    };
    // One reconnection first, so whatever a first drop sets up once is counted in the baseline.
    await reconnect();
    const before = census(presence.shadowRoot!);
    for (let i = 0; i < 10; i++) await reconnect();
    const after = census(presence.shadowRoot!);
    expect(names(presence)).to.have.members(['ana', 'bryn', 'cai']);
    expect(after).to.deep.equal(before);
  });

  it('keeps the status line’s height through reconnections on a phone, saying only the current status', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const room = uniqueRoom('presence-steady');
      const ana = await join(room, 'ana', 'Ana');
      await waitFor(() => ana.status === 'synced', 'Ana to sync');
      const presence = ana.querySelector<CoPresence>('co-presence')!;
      const status = presence.shadowRoot!.querySelector<HTMLElement>('[part="status"]')!;
      const words = (): string => status.textContent!.replace(/\s+/g, ' ').trim();
      const list = (): number => presence.shadowRoot!.querySelector('[part="list"]')!.getBoundingClientRect().top;
      await waitFor(() => words() === 'Your connection: Saved', 'Saved');
      const oneLine = status.getBoundingClientRect().height;

      // The first drop: the longer words take the room they need.
      window.dispatchEvent(new Event('offline'));
      await waitFor(() => words().startsWith('Your connection: Offline'), 'Offline');
      await presence.updateComplete;
      const offlineHeight = status.getBoundingClientRect().height;
      expect(offlineHeight, 'the offline words wrap on a phone').to.be.greaterThan(oneLine);
      const listTop = list();
      window.dispatchEvent(new Event('online'));
      await waitFor(() => words() === 'Your connection: Saved', 'Saved again');
      await presence.updateComplete;
      // Back, and at every drop after that, nothing below moves.
      expect(status.getBoundingClientRect().height).to.equal(offlineHeight);
      expect(list()).to.equal(listTop);
      for (let i = 0; i < 2; i++) {
        window.dispatchEvent(new Event('offline'));
        await waitFor(() => words().startsWith('Your connection: Offline'), 'Offline');
        await presence.updateComplete;
        expect(list()).to.equal(listTop);
        window.dispatchEvent(new Event('online'));
        await waitFor(() => words() === 'Your connection: Saved', 'Saved again');
        await presence.updateComplete;
        expect(list()).to.equal(listTop);
      }
      // Only the current status is in the text and the accessibility tree.
      expect(words()).to.equal('Your connection: Saved');
      await expect(ana).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
