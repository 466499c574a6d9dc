// The facilitator panel's downloads tell the real facilitator apart from a participant who calls
// themselves "Facilitator" (a security review): the panel passes the sign-in roles it knows (its
// own, the people present) to the exports, since the document holds only roles set in the workshop.
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { addIdea, createBoard, createWorkshop, roots } from '@coproduce/core';
import '../src/index.js';
import type { CoFacilitatorPanel, CoWorkshop } from '../src/index.js';
import { localRuntime, waitFor } from './helpers.js';

describe('<co-facilitator-panel> downloads and roles', () => {
  it('marks the facilitator’s ideas in the CSV and the report, not those of a participant named "Facilitator"', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'High street' });
    const priya = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
    createBoard(priya.session, { id: 'main', title: 'Ideas' });
    // Stored before names that are role words were refused (or by a client that skips the checks).
    roots(doc).people.set('sam', { name: 'Facilitator', colour: 'blue', joinedAt: 1, updatedAt: 1 });
    const poser = localRuntime({ id: 'sam', name: 'Facilitator', role: 'participant' }, doc);
    addIdea(priya.session, { boardId: 'main', text: 'Benches by the library' });
    addIdea(poser.session, { boardId: 'main', text: 'Close the library' });
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${priya}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
    const panel = el.querySelector('co-facilitator-panel') as CoFacilitatorPanel;
    await waitFor(() => panel.shadowRoot!.querySelector('[data-export="csv"]') !== null, 'the downloads');

    const csv = panel.exportFile('csv').text.replace(/^\uFEFF/, '').split('\r\n');
    const header = csv[0]!.split(',');
    const role = header.indexOf('Author role');
    expect(role).to.equal(header.indexOf('Author') + 1);
    const rowOf = (idea: string) => csv.find((line) => line.startsWith(`Ideas,${idea},`))!.split(',');
    expect(rowOf('Benches by the library').slice(role - 1, role + 1)).to.deep.equal(['Priya', 'facilitator']);
    expect(rowOf('Close the library').slice(role - 1, role + 1)).to.deep.equal(['Facilitator', '']);

    const report = panel.exportFile('markdown').text;
    expect(report).to.contain('(Priya, facilitator)');
    expect(report).not.to.contain('(Facilitator, facilitator)');
    const json = JSON.parse(panel.exportFile('json').text) as { workshop: { people: { id: string; role?: string }[] } };
    expect(json.workshop.people.find((p) => p.id === 'priya')?.role).to.equal('facilitator');
    poser.destroy();
  });
});
