// The status line tells the truth about the connection: "Offline" the moment the browser loses its
// network (not 30 seconds later), back at once when it returns, and never "Saved" or "Connected"
// while changes have waited for the server for more than a moment. Real server, real Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import * as core from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { deepText, remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

async function workshopWithBoard(room: string) {
  const { ceri, ceriDoc, done } = await remoteFacilitator(room);
  await ceri.whenConfirmed();
  return { ceriDoc, done };
}

const statusText = (board: CoIdeaBoard): string => board.shadowRoot!.querySelector('[part="status"]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('the connection status', () => {
  it('says "Offline" as soon as the browser goes offline, and is back in sync as soon as it is online again', async () => {
    const room = uniqueRoom('network');
    const { ceriDoc, done } = await workshopWithBoard(room);
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Sam to sync');
    const board = el.querySelector<CoIdeaBoard>('co-idea-board')!;
    await waitFor(() => statusText(board) === 'Saved', 'Saved');
    const statuses: string[] = [];
    el.addEventListener('co-status-change', (event) => statuses.push(event.detail.status));

    // The browser says the network is gone (as it does when Wi-Fi drops). y-websocket alone would
    // notice only after 30 silent seconds; the wait below gives up long before that.
    window.dispatchEvent(new Event('offline'));
    await waitFor(() => el.status === 'offline', 'the status to say offline', 5000);
    await waitFor(() => statusText(board).startsWith('Offline'), 'the words', 5000);
    core.addIdea(el.runtime!.session, { boardId: 'main', text: 'Written offline' });
    await waitFor(() => statusText(board) === 'Offline — your changes are kept on this device and will be sent when you reconnect', 'the offline-with-changes words', 5000);

    window.dispatchEvent(new Event('online'));
    await waitFor(() => el.status === 'synced', 'back in sync', 5000);
    await waitFor(() => core.readBoard(ceriDoc, 'main').ideas.some((i) => i.text === 'Written offline'), 'the offline idea at the facilitator');
    await waitFor(() => statusText(board) === 'Saved', 'Saved again');
    expect(statuses).to.include('offline');
    expect(statuses[statuses.length - 1]).to.equal('synced');
    el.remove();
    done();
  });

  it('says the changes are not saved yet while the server has not confirmed them for more than a moment', async () => {
    const room = uniqueRoom('sending');
    const { done } = await workshopWithBoard(room);
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Sam to sync');
    const board = el.querySelector<CoIdeaBoard>('co-idea-board')!;
    await waitFor(() => statusText(board) === 'Saved', 'Saved');
    const connection = el.runtime!.connection!;
    await connection.whenConfirmed();
    // A connection that has silently stopped carrying anything (no close, no error): what this
    // page sends goes nowhere.
    const ws = connection.provider.ws as WebSocket;
    const send = ws.send.bind(ws);
    ws.send = () => {};
    let unsyncedEvent = false;
    el.addEventListener('co-status-change', (event) => {
      if (event.detail.hasUnsyncedChanges) unsyncedEvent = true;
    });
    core.addIdea(el.runtime!.session, { boardId: 'main', text: 'Stuck on the way' });
    await waitFor(() => statusText(board) === 'Sending your changes — not saved yet', 'the sending words');
    expect(el.status).to.equal('synced'); // the connection has not noticed anything
    expect(unsyncedEvent).to.equal(true);
    // Once the changes get through, it says "Saved" again.
    ws.send = send;
    connection.provider.disconnect();
    connection.reconnect();
    await waitFor(() => statusText(board) === 'Saved', 'Saved once confirmed');
    el.remove();
    done();
  });

  it('does not say "Connected" or "Sending" for a change the server confirms at once', async () => {
    const room = uniqueRoom('quick');
    const { done } = await workshopWithBoard(room);
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Sam to sync');
    const board = el.querySelector<CoIdeaBoard>('co-idea-board')!;
    await waitFor(() => statusText(board) === 'Saved', 'Saved');
    const seen = new Set<string>();
    const observer = new MutationObserver(() => seen.add(statusText(board)));
    observer.observe(board.shadowRoot!, { subtree: true, characterData: true, childList: true });
    core.addIdea(el.runtime!.session, { boardId: 'main', text: 'Quick one' });
    await el.runtime!.connection!.whenConfirmed();
    await board.updateComplete;
    seen.add(statusText(board));
    observer.disconnect();
    // The status line held "Saved" throughout (unless this machine took longer than the moment
    // allowed, when "Sending…" is the honest answer); never "Connected".
    expect([...seen].filter((s) => s !== 'Saved' && s !== 'Sending your changes — not saved yet')).to.deep.equal([]);
    expect(deepText(board.shadowRoot!)).to.contain('Quick one');
    el.remove();
    done();
  });
});
