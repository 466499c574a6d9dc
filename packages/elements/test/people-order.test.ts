// People lists sort the same way everywhere: you first, then by name as the page's language sorts
// names, numbers as numbers ("Peer 2" before "Peer 10", not "Peer 1, Peer 10…19, Peer 2"), whatever
// order people arrived in.
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { WorkshopSession, createWorkshop, joinWorkshop } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoFacilitatorPanel, type CoPresence, type CoWorkshop } from '../src/index.js';
import { localRuntime, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const runtimes: WorkshopRuntime[] = [];

async function join(room: string, sub: string, name: string, role: 'facilitator' | 'participant' = 'participant') {
  const runtime = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub, name, role }), offline: false, crossTab: false });
  runtimes.push(runtime);
  return fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-presence></co-presence></co-workshop>`);
}

const session = (doc: Y.Doc, id: string, name: string) => new WorkshopSession(doc, { user: { id, name, role: 'participant' } });

const names = (root: ShadowRoot, selector: string): string[] =>
  [...root.querySelectorAll<HTMLElement>(selector)].map((el) => el.textContent!.replace(/\s+/g, ' ').replace(/[\u2066-\u2069]/g, '').trim());

describe('the order of people lists', () => {
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('<co-presence>: you first, then by name with numbers as numbers, whatever order people arrived in', async () => {
    const room = uniqueRoom('people-order');
    const me = await join(room, 'zoe', 'Zoë', 'facilitator');
    // Arriving in a muddled order.
    for (const n of [10, 2, 19, 1, 11]) await join(room, `peer-${n}`, `Peer ${n}`);
    await join(room, 'alys', 'alys');
    const list = me.querySelector('co-presence') as CoPresence;
    await waitFor(() => list.shadowRoot!.querySelectorAll('li[data-user]').length === 7, 'everyone here', 15_000);
    await list.updateComplete;
    expect(names(list.shadowRoot!, 'li[data-user] .name')).to.deep.equal([
      'Zoë (you) Facilitator', 'alys', 'Peer 1', 'Peer 2', 'Peer 10', 'Peer 11', 'Peer 19',
    ]);
  });

  it('the facilitator panel: you first, the people here, then by name with numbers as numbers', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'High street' });
    const runtime = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    for (const n of [10, 2, 19, 1, 11]) joinWorkshop(session(doc, `peer-${n}`, `Peer ${n}`), { name: `Peer ${n}` });
    joinWorkshop(session(doc, 'eli', 'Éli'), { name: 'Éli' });
    const el = await fixture<CoWorkshop>(html`<co-workshop lang="cy" .runtime=${runtime}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
    const panel = el.querySelector('co-facilitator-panel') as CoFacilitatorPanel;
    await waitFor(() => panel.shadowRoot!.querySelectorAll('li[data-user]').length >= 6, 'the people listed');
    await panel.updateComplete;
    const listed = names(panel.shadowRoot!, 'li[data-user] .item-title');
    expect(listed.slice(1)).to.deep.equal(['Éli', 'Peer 1', 'Peer 2', 'Peer 10', 'Peer 11', 'Peer 19']);
    expect(panel.shadowRoot!.querySelector('li[data-user]')!.getAttribute('data-user')).to.equal('fac');
  });
});
