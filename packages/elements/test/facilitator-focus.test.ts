import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { addIdea, createBoard, createPoll, createWorkshop, openPoll, readControl, revealElement, setPhases } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoFacilitatorPanel, type CoWorkshop } from '../src/index.js';
import { deepActive, localRuntime, named, recordAnnouncements, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

function q(panel: CoFacilitatorPanel, selector: string): HTMLElement | null {
  return panel.shadowRoot!.querySelector<HTMLElement>(selector);
}

describe('<co-facilitator-panel> keeps the keyboard in place', () => {
  it('moves from "Bring everyone here" to "Stop bringing everyone" and back', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'High street' });
    const fac = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
    setPhases(fac.session, [{ id: 'share', title: 'Share ideas' }]);
    createBoard(fac.session, { id: 'main', title: 'Ideas for the high street' });
    createPoll(fac.session, { id: 'vote', title: 'Which first?', method: 'dots', options: { board: 'main' } });
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${fac}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
    const panel = el.querySelector('co-facilitator-panel') as CoFacilitatorPanel;
    await waitFor(() => !!q(panel, 'li[data-element="main"] [data-action="bring"]'), 'the board in the panel');

    q(panel, 'li[data-element="main"] [data-action="bring"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => readControl(doc).focus?.elementId === 'main', 'everyone to be brought to the board');
    await waitFor(() => named(deepActive()) === named(q(panel, '[data-action="stop-bringing"]')), 'the keyboard on "Stop bringing everyone"');
    // The button pressed is gone; the keyboard is not on the page's body.
    expect(named(q(panel, 'li[data-element="main"] [data-action="bring"]'))).to.equal('nothing');

    await sendKeys({ press: 'Enter' });
    await waitFor(() => readControl(doc).focus === null, 'bringing to stop');
    await waitFor(() => deepActive() === q(panel, 'li[data-element="main"] [data-action="bring"]'), 'the keyboard back on the board’s "Bring everyone here"');
    expect(deepActive()?.textContent).to.contain('Bring everyone here');
  });
});

describe('<co-facilitator-panel> opening on a room that is already running', () => {
  const runtimes: WorkshopRuntime[] = [];
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('announces nothing on page load', async () => {
    const room = uniqueRoom('panel-load');
    const first = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' }), offline: false });
    runtimes.push(first);
    await waitFor(() => first.status === 'synced' && first.ready, 'the first facilitator to sync');
    createBoard(first.session, { id: 'main', title: 'Ideas' });
    createPoll(first.session, { id: 'vote', title: 'Which first?', method: 'dots', options: ['Benches', 'Trees'] });
    openPoll(first.session, 'vote');
    revealElement(first.session, 'vote');
    await waitFor(() => !first.hasUnsyncedChanges, 'the workshop to reach the server');

    const second = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'ana', name: 'Ana', role: 'facilitator' }), offline: false });
    runtimes.push(second);
    const said = recordAnnouncements(second);
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${second}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
    const panel = el.querySelector('co-facilitator-panel') as CoFacilitatorPanel;
    await waitFor(() => !!q(panel, 'li[data-element="vote"]'), 'the vote in the second facilitator’s panel');
    second.announcer.flush();
    expect(said).to.deep.equal([]);
  });
});

describe('<co-facilitator-panel> words', () => {
  it('names the downloads in plain words, with the file type as a short hint', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'High street' });
    const fac = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
    createBoard(fac.session, { id: 'main', title: 'Ideas' });
    // Something people added: the workshop can no longer start from a template or a file.
    addIdea(fac.session, { boardId: 'main', text: 'More benches' });
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${fac}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
    const panel = el.querySelector('co-facilitator-panel') as CoFacilitatorPanel;
    await waitFor(() => !!q(panel, '[data-export="markdown"]'), 'the downloads');
    const label = (format: string) => q(panel, `[data-export="${format}"]`)!.textContent!.trim();
    expect(label('markdown')).to.equal('Summary report to read or print (.md file)');
    expect(label('csv')).to.equal('Ideas and votes for a spreadsheet (.csv file)');
    expect(label('json')).to.equal('Everything, to copy into a new workshop later (.json file)');
    for (const format of ['markdown', 'csv', 'json']) expect(label(format)).not.to.match(/Markdown|JSON|CSV/);
    const setup = q(panel, '[data-section="setup"]')!.textContent!;
    expect(setup).to.contain('start a new workshop');
    expect(setup).not.to.contain('room');
  });
});
