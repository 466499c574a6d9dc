// <co-join> says the workshop's name to people joining: its name form's heading is "Join “{name}”"
// once a facilitator has named the workshop, follows a rename made on another device, is plain text
// whatever the name holds, and is Welsh on a Welsh page. A workshop a page made (named after its
// room) keeps "Join the workshop", and so does a join-link page, which cannot read the workshop
// before the person joins. Ceri and Sam are two runtimes whose real Yjs documents are joined in
// memory (the test server asks every connected person for a named token, so a connected page never
// shows the name form); the join link runs against the real sync server.
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { updateWorkshop } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoJoin, type CoWorkshop } from '../src/index.js';
import { forgetTokens, linkWorkshop, remoteFacilitator, uniqueRoom, waitFor } from './helpers.js';

const NAME_KEY = 'coproduce:user-name';
const runtimes: WorkshopRuntime[] = [];
const cleanups: (() => void)[] = [];

function forget(): void {
  localStorage.removeItem(NAME_KEY);
  forgetTokens();
}

/** The name form's heading. */
function heading(join: CoJoin): HTMLElement | null {
  return join.shadowRoot!.querySelector<HTMLElement>('form [role="heading"]');
}

/**
 * Ceri (facilitator) and Sam (a participant without a name yet) on two devices: each update of one
 * document reaches the other. Ceri's page opens the empty room first, so it makes the workshop,
 * named after the room, as a page does.
 */
function devices(room: string): { ceri: WorkshopRuntime; sam: WorkshopRuntime } {
  const ceriDoc = new Y.Doc();
  const samDoc = new Y.Doc();
  const relay = (from: Y.Doc, to: Y.Doc) => from.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'peer') Y.applyUpdate(to, update, 'peer');
  });
  relay(ceriDoc, samDoc);
  relay(samDoc, ceriDoc);
  const ceri = new WorkshopRuntime({ room, doc: ceriDoc, user: { id: 'ceri', name: 'Ceri', role: 'facilitator' } });
  const sam = new WorkshopRuntime({ room, doc: samDoc, user: { id: 'sam', name: 'Guest', role: 'participant' }, askName: true });
  runtimes.push(ceri, sam);
  return { ceri, sam };
}

async function samPage(sam: WorkshopRuntime, lang = 'en'): Promise<{ workshop: CoWorkshop; join: CoJoin }> {
  const workshop = await fixture<CoWorkshop>(html`<co-workshop .runtime=${sam} lang=${lang}><co-join></co-join></co-workshop>`);
  const join = workshop.querySelector('co-join') as CoJoin;
  await waitFor(() => heading(join) !== null, 'Sam’s name form');
  return { workshop, join };
}

describe('<co-join> says the workshop’s name', () => {
  beforeEach(forget);
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
    for (const done of cleanups.splice(0)) done();
    forget();
  });

  it('keeps “Join the workshop” for a workshop named after its room, and follows a rename on another device', async () => {
    const { ceri, sam } = devices('ward-3');
    const { workshop, join } = await samPage(sam);
    // The workshop Ceri's page made is called after the room: nothing worth saying.
    expect(heading(join)!.textContent).to.equal('Join the workshop');

    updateWorkshop(ceri.session, { title: 'Ward 3 budget' });
    await waitFor(() => heading(join)!.textContent === 'Join “Ward 3 budget”', 'the name in the heading');
    // The form is still named by its heading, and the page passes axe.
    const form = join.shadowRoot!.querySelector('form')!;
    expect(join.shadowRoot!.getElementById(form.getAttribute('aria-labelledby')!)).to.equal(heading(join));
    await expect(workshop).to.be.accessible();

    updateWorkshop(ceri.session, { title: 'Ward 3 budget, year 2' });
    await waitFor(() => heading(join)!.textContent === 'Join “Ward 3 budget, year 2”', 'the rename');

    // Named back after the room: the plain wording again.
    updateWorkshop(ceri.session, { title: 'ward-3' });
    await waitFor(() => heading(join)!.textContent === 'Join the workshop', 'the plain heading');

    // Once Sam has a name the form has gone, and nothing else changed.
    updateWorkshop(ceri.session, { title: 'Ward 3 budget' });
    sam.setDisplayName('Sam');
    await waitFor(() => heading(join) === null, 'the name line');
    expect(join.shadowRoot!.textContent).to.contain('You are taking part as Sam.');
  });

  it('shows a hostile name as plain text, and says it in Welsh on a Welsh page', async () => {
    const { ceri, sam } = devices('ward-4');
    const hostile = '<img src=x onerror="window.__pwned=1">{title} {name}';
    updateWorkshop(ceri.session, { title: hostile });
    const { join } = await samPage(sam, 'cy');
    expect(heading(join)!.textContent).to.equal(`Ymuno â’r gweithdy “${hostile}”`);
    expect(join.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);

    updateWorkshop(ceri.session, { title: 'Cyllideb Ward 4' });
    await waitFor(() => heading(join)!.textContent === 'Ymuno â’r gweithdy “Cyllideb Ward 4”', 'the Welsh rename');
  });

  it('a join-link page, which cannot read the workshop before joining, keeps the plain heading', async () => {
    const room = uniqueRoom('join-title-link');
    const ceri = await remoteFacilitator(room, 'Library');
    cleanups.push(ceri.done);
    await ceri.ceri.whenConfirmed();
    const workshop = await linkWorkshop(room);
    const join = workshop.querySelector('co-join') as CoJoin;
    await waitFor(() => heading(join) !== null, 'the name form');
    expect(heading(join)!.textContent).to.equal('Join the workshop');
    workshop.remove();
  });
});
