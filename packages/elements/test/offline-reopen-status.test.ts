// A page reopened with no network (the bus went into a tunnel, the phone reloaded the tab) says
// honestly whether the offline copy holds changes the server has not got: "… will be sent when you
// reconnect" for an idea written offline before the reload, plain "Offline" when everything had
// been saved — including other people's changes the server sent. Real server, real Chromium, real
// IndexedDB.
import { expect, fixture, html } from '@open-wc/testing';
import * as core from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

/** A sync server address where nothing listens (the device has no network). */
const NO_NETWORK = 'ws://127.0.0.1:9';

function page(server: string, room: string, token: string): Promise<CoWorkshop> {
  return fixture<CoWorkshop>(html`<co-workshop server=${server} room=${room} token=${token}>
    <co-idea-board board="main"></co-idea-board>
  </co-workshop>`);
}

function statusText(workshop: CoWorkshop): string {
  const board = workshop.querySelector<CoIdeaBoard>('co-idea-board')!;
  return board.shadowRoot!.querySelector('[part="status"]')?.textContent?.trim() ?? '';
}

/**
 * Gives the offline copy a moment (at most 3 s) to record what the server has: it is written a
 * moment after everything is saved. (Whether it did shows in what the reopened page says.)
 */
async function recorded(workshop: CoWorkshop): Promise<void> {
  const persistence = workshop.runtime!.connection!.persistence!;
  const deadline = Date.now() + 3000;
  while ((await persistence.get('coproduce:on-server')) === undefined && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a page reopened offline', () => {
  it('says that an idea written offline before the reload is kept and not sent yet, and sends it once back online', async () => {
    const room = uniqueRoom('bus');
    const { ceriDoc, done } = await remoteFacilitator(room);
    const token = testToken({ sub: 'nia', name: 'Nia', role: 'participant', room });

    const online = await page(syncUrl(), room, token);
    await waitFor(() => online.status === 'synced' && !online.runtime!.connection!.hasUnsyncedChanges, 'Nia saved');
    await recorded(online);
    // The network goes; Nia writes an idea; the tab is reloaded before it was sent.
    online.runtime!.connection!.disconnect();
    core.addIdea(online.runtime!.session, { boardId: 'main', text: 'Shelter at the bus stop' });
    await new Promise((r) => setTimeout(r, 300)); // IndexedDB writes asynchronously
    online.remove();

    const reopened = await page(NO_NETWORK, room, token);
    const connection = reopened.runtime!.connection!;
    expect(await connection.localLoaded).to.equal(true);
    await waitFor(() => core.readBoard(reopened.runtime!.doc, 'main').ideas.some((i) => i.text === 'Shelter at the bus stop'), 'the idea from the offline copy');
    expect(connection.hasUnsyncedChanges).to.equal(true);
    await waitFor(() => reopened.status === 'offline', 'offline');
    await reopened.updateComplete;
    await waitFor(() => statusText(reopened) === 'Offline — your changes are kept on this device and will be sent when you reconnect', `the status line to say the idea is not sent (${statusText(reopened)})`);
    let confirmed = false;
    void connection.whenConfirmed().then(() => (confirmed = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(confirmed).to.equal(false);
    reopened.remove();

    // Back online: the idea reaches the workshop, once.
    const back = await page(syncUrl(), room, token);
    await waitFor(() => core.readBoard(ceriDoc, 'main').ideas.filter((i) => i.text === 'Shelter at the bus stop').length === 1, 'the idea at the facilitator');
    await waitFor(() => back.status === 'synced' && !back.runtime!.connection!.hasUnsyncedChanges, 'saved');
    back.remove();
    done();
  });

  it('says plain "Offline" when everything had been saved, other people’s changes included', async () => {
    const room = uniqueRoom('bus-saved');
    const { ceriSession, done } = await remoteFacilitator(room);
    const token = testToken({ sub: 'gwen', name: 'Gwen', role: 'participant', room });

    const online = await page(syncUrl(), room, token);
    await waitFor(() => online.status === 'synced' && !online.runtime!.connection!.hasUnsyncedChanges, 'Gwen saved');
    core.addIdea(ceriSession, { boardId: 'main', text: 'Cycle racks' });
    await waitFor(() => core.readBoard(online.runtime!.doc, 'main').ideas.some((i) => i.text === 'Cycle racks'), 'Ceri’s idea at Gwen’s');
    await new Promise((r) => setTimeout(r, 1500)); // the record follows a moment after the last change
    await recorded(online);
    online.remove();

    const reopened = await page(NO_NETWORK, room, token);
    expect(await reopened.runtime!.connection!.localLoaded).to.equal(true);
    await waitFor(() => reopened.status === 'offline', 'offline');
    expect(core.readBoard(reopened.runtime!.doc, 'main').ideas.map((i) => i.text)).to.deep.equal(['Cycle racks']);
    expect(reopened.runtime!.connection!.hasUnsyncedChanges).to.equal(false);
    await reopened.updateComplete;
    expect(statusText(reopened)).to.equal('Offline — your changes are kept on this device');
    reopened.remove();
    done();
  });
});
