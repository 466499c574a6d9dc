// A page reopened with changes that never reached the server (made offline, then the page was
// closed) must not say "Saved" for a moment because the server answered before the device's
// offline copy (IndexedDB) had loaded: until the copy has loaded nobody can tell whether it holds
// such changes. Here another connection to the same IndexedDB database holds a read-write
// transaction open, so the copy loads only after the server has synced. Real sync server, real
// Chromium, real IndexedDB.
import { expect, fixture, html } from '@open-wc/testing';
import { addIdea, readBoard } from '@coproduce/core';
import '../src/index.js';
import type { CoWorkshop } from '../src/index.js';
import { remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

/** Keeps a read-write transaction on the database's `updates` store busy until `release()`. */
async function holdDatabase(name: string): Promise<() => Promise<void>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  let holding = true;
  const finished = new Promise<void>((resolve) => {
    const transaction = db.transaction('updates', 'readwrite');
    const store = transaction.objectStore('updates');
    const spin = (): void => {
      if (holding) store.count().onsuccess = spin;
    };
    spin();
    transaction.oncomplete = () => resolve();
  });
  return async () => {
    holding = false;
    await finished;
    db.close();
  };
}

describe('reopening a page whose offline copy holds unsent changes', () => {
  it('never says "Saved" before the copy has loaded, then sends the changes', async () => {
    const room = uniqueRoom('copy-loading');
    const facilitator = await remoteFacilitator(room, 'Library', 'Ideas');
    const token = testToken({ sub: 'bea', name: 'Bea', role: 'participant', room });
    const page = (): Promise<CoWorkshop> =>
      fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${token}><co-idea-board board="main"></co-idea-board></co-workshop>`);

    // Bea writes an idea while her connection is down, and closes the page.
    const first = await page();
    await waitFor(() => first.status === 'synced' && !first.runtime!.connection!.hasUnsyncedChanges, 'Bea saved');
    const copy = first.runtime!.connection!.persistence!.name;
    first.runtime!.connection!.disconnect();
    addIdea(first.runtime!.session, { boardId: 'main', text: 'A reading garden' });
    await waitFor(() => first.runtime!.connection!.hasUnsyncedChanges, 'the idea waiting');
    await new Promise((r) => setTimeout(r, 300)); // IndexedDB keeps it
    first.remove();

    // She opens the page again while something else holds her offline copy's database.
    const release = await holdDatabase(copy);
    const again = await page();
    const statuses: string[] = [];
    again.addEventListener('co-status-change', (e) => statuses.push(`${e.detail.status}:${e.detail.hasUnsyncedChanges}`));
    // The server answers; the copy has not loaded: not "Saved".
    await waitFor(() => again.runtime!.connection!.provider.synced, 'the server’s answer');
    await new Promise((r) => setTimeout(r, 300));
    expect(again.runtime!.connection!.status).to.equal('connected');
    expect(statuses).not.to.include('synced:false');
    await release();
    // The copy loads: the idea is there, and goes to the server.
    await waitFor(() => readBoard(facilitator.ceriDoc, 'main').ideas.some((i) => i.text === 'A reading garden'), 'the idea at the facilitator');
    await waitFor(() => again.status === 'synced' && !again.runtime!.connection!.hasUnsyncedChanges, 'Saved at last');
    expect(statuses.indexOf('synced:false')).to.be.greaterThan(-1);
    again.remove();
    facilitator.done();
  });
});
