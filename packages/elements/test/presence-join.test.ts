import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { qrPath } from '../src/join/qr-path.js';
import * as Y from 'yjs';
import { createWorkshop, readPeople } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoJoin, type CoWorkshop } from '../src/index.js';
import { syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const NAME_KEY = 'coproduce:user-name';
const runtimes: WorkshopRuntime[] = [];

async function page(runtime: WorkshopRuntime, attrs: { invite?: boolean; href?: string } = {}) {
  runtimes.push(runtime);
  const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}>
      <co-join ?invite=${attrs.invite ?? false} href=${attrs.href ?? ''}></co-join>
    </co-workshop>`);
  return { el, join: el.querySelector('co-join') as CoJoin };
}

describe('<co-join>', () => {
  beforeEach(() => localStorage.removeItem(NAME_KEY));
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
    localStorage.removeItem(NAME_KEY);
  });

  it('asks a participant without a name for one, remembers it, and tells everyone', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Joining' });
    const guest = new WorkshopRuntime({ room: 'local', doc, user: { id: 'guest-1', name: 'Guest', role: 'participant' }, askName: true });
    expect(guest.hasChosenName).to.equal(false);
    const { el, join } = await page(guest);
    await waitFor(() => !!join.shadowRoot!.querySelector('#join-name'), 'the name form');
    expect(join.shadowRoot!.textContent).to.contain('Join “Joining”');
    expect(join.shadowRoot!.textContent).to.contain('You don’t need an account');
    await expect(el).to.be.accessible();

    // Nothing typed: a clear error, and nothing written.
    join.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await join.updateComplete;
    expect(join.shadowRoot!.querySelector('.error')!.textContent).to.contain('Enter your name');
    expect(join.shadowRoot!.querySelector('#join-name')!.getAttribute('aria-invalid')).to.equal('true');

    const names: string[] = [];
    join.addEventListener('co-name-change', (e) => names.push(e.detail.name));
    join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!.focus();
    await sendKeys({ type: '  Gwen  ' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => join.shadowRoot!.textContent!.includes('You are taking part as Gwen.'), 'the confirmation');
    expect(names).to.deep.equal(['Gwen']);
    expect(localStorage.getItem(NAME_KEY)).to.equal('Gwen');
    // Everyone's copy of the workshop has her name, and so does her presence.
    expect(readPeople(doc).find((p) => p.id === 'guest-1')?.name).to.equal('Gwen');
    expect((guest.awareness.getLocalState() as { user: { name: string } }).user.name).to.equal('Gwen');
    await expect(el).to.be.accessible();

    // Next visit on this device: no question asked.
    const again = new WorkshopRuntime({ server: syncUrl(), room: uniqueRoom('join-again'), role: 'participant', offline: false, crossTab: false });
    runtimes.push(again);
    expect(again.hasChosenName).to.equal(true);
    expect(again.session.user.name).to.equal('Gwen');
  });

  it('lets people change their name', async () => {
    const room = uniqueRoom('join-change');
    const sam = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'sam', name: 'Sam', role: 'participant' }), offline: false, crossTab: false });
    const { join } = await page(sam);
    await waitFor(() => join.shadowRoot!.textContent!.includes('You are taking part as Sam.'), 'the current name');
    // Even before the workshop has loaded, a change of name is kept when it does.
    join.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="change-name"]')!.click();
    await join.updateComplete;
    const input = join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!;
    expect(input.value).to.equal('Sam');
    input.value = 'x'.repeat(51);
    input.form!.requestSubmit();
    await join.updateComplete;
    expect(join.shadowRoot!.querySelector('.error')!.textContent).to.contain('50 characters or fewer');
    join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!.value = 'Sam Jones';
    join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!.form!.requestSubmit();
    await waitFor(() => join.shadowRoot!.textContent!.includes('You are taking part as Sam Jones.'), 'the new name');
    expect(join.shadowRoot!.activeElement?.getAttribute('data-action')).to.equal('change-name');
    await waitFor(() => sam.status === 'synced' && !sam.hasUnsyncedChanges, 'sync');
    expect(readPeople(sam.doc).find((p) => p.id === 'sam')?.name).to.equal('Sam Jones');
    expect(join.shadowRoot!.textContent).to.contain('You are taking part as Sam Jones.');
  });

  it('shows facilitators a join link without their token, and a QR code drawn on the device', async () => {
    const room = uniqueRoom('join-invite');
    history.replaceState(null, '', `${location.pathname}?room=${room}&token=SECRET-FACILITATOR-TOKEN#x`);
    try {
      const priya = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'priya', name: 'Priya', role: 'facilitator', room }), offline: false, crossTab: false });
      const { el, join } = await page(priya);
      // The link appears once the server has given its join token (POST /invite).
      await waitFor(() => !!join.shadowRoot!.querySelector('[part="link"]'), 'the invitation');
      const link = join.shadowRoot!.querySelector<HTMLAnchorElement>('[part="link"]')!;
      expect(link.href).to.contain(`room=${room}`);
      expect(link.href).not.to.contain('SECRET');
      expect(link.href).not.to.contain('#x');
      const svg = join.shadowRoot!.querySelector<SVGSVGElement>('svg.qr')!;
      expect(svg.getAttribute('role')).to.equal('img');
      expect(svg.getAttribute('aria-label')).to.equal(`QR code to join the workshop at ${link.href}`);
      // The code for exactly this link (test-node/qr.test.ts reads qrPath's codes back with a QR decoder).
      expect(svg.querySelector('path')!.getAttribute('d')).to.equal(qrPath(link.href).path);
      expect(document.querySelectorAll('img[src^="http"]').length).to.equal(0);
      await expect(el).to.be.accessible();
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('shows participants the invitation only when asked to (a projected page), with a given link', async () => {
    const room = uniqueRoom('join-participant');
    const sam = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'sam', name: 'Sam', role: 'participant' }), offline: false, crossTab: false });
    const plain = await page(sam);
    await waitFor(() => plain.join.shadowRoot!.textContent!.includes('You are taking part as Sam.'), 'the name line');
    expect(plain.join.shadowRoot!.querySelector('[part="invite"]')).to.equal(null);
    const sam2 = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'sam', name: 'Sam', role: 'participant' }), offline: false, crossTab: false });
    const shown = await page(sam2, { invite: true, href: 'https://example.org/bus-routes' });
    await waitFor(() => !!shown.join.shadowRoot!.querySelector('[part="invite"]'), 'the invitation');
    expect(shown.join.shadowRoot!.querySelector<HTMLAnchorElement>('[part="link"]')!.getAttribute('href')).to.equal('https://example.org/bus-routes');
    // Copy: with a clipboard it says so; without one the link is selected for copying by hand.
    const said: string[] = [];
    const announcer = sam2.announcer;
    const say = announcer.say.bind(announcer);
    announcer.say = (message: string) => {
      said.push(message);
      say(message);
    };
    shown.join.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="copy"]')!.click();
    await waitFor(() => said.some((m) => /Link copied|The link is selected/.test(m)), 'the copy to be confirmed');
  });
});
