// "Saved" means the server has it, and leaving the page never silently loses a change: a change the
// server is slow to confirm is said as "not saved yet" after a short moment, and while a change is
// neither confirmed nor kept in the device's offline copy the page asks the browser to confirm
// leaving. Real sync server, real Chromium, real IndexedDB; the server is made slow by holding back
// what this page sends on its WebSocket.
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import type { Connection } from '@coproduce/core/connection';
import '../src/index.js';
import { WorkshopRuntime, type CoIdeaBoard, type CoWorkshop } from '../src/index.js';
import { SENDING_AFTER_MS } from '../src/internal/runtime.js';
import { statusKey } from '../src/internal/status.js';
import { remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const SENDING = 'Sending your changes — not saved yet';
const statusText = (board: CoIdeaBoard): string => board.shadowRoot!.querySelector('[part="status"]')!.textContent!.replace(/\s+/g, ' ').trim();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Run after each test, passed or failed: a runtime left guarding would spoil the tests after it. */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/**
 * Holds back everything the page sends on its current socket from now on (`when` decides which
 * messages, at the moment each is sent), as a server that is slow to answer would; the returned
 * function lets it all through, in order.
 */
function holdBack(connection: Connection, when: () => boolean = () => true): () => void {
  const ws = connection.provider.ws as WebSocket;
  const send = ws.send.bind(ws);
  const held: Parameters<WebSocket['send']>[0][] = [];
  ws.send = (data) => {
    if (held.length > 0 || when()) held.push(data);
    else send(data);
  };
  return () => {
    ws.send = send;
    for (const data of held.splice(0)) send(data);
  };
}

/** Whether the page would ask the browser to confirm leaving now: a `beforeunload` event is cancelled. */
function leavingIsGuarded(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

/** Counts `beforeunload` listeners added to and removed from the window (net), until `stop()`. */
function countLeaveListeners(): { readonly net: number; stop(): void } {
  const add = window.addEventListener;
  const remove = window.removeEventListener;
  const counter = { net: 0, stop: () => {
    window.addEventListener = add;
    window.removeEventListener = remove;
  } };
  window.addEventListener = function (this: Window, type: string, ...rest: unknown[]) {
    if (type === 'beforeunload') counter.net++;
    return (add as (...args: unknown[]) => void).call(this, type, ...rest);
  } as typeof window.addEventListener;
  window.removeEventListener = function (this: Window, type: string, ...rest: unknown[]) {
    if (type === 'beforeunload') counter.net--;
    return (remove as (...args: unknown[]) => void).call(this, type, ...rest);
  } as typeof window.removeEventListener;
  return counter;
}

/** The ideas of board `main` in the offline copy `name` as it is in IndexedDB now (read with a connection of its own). */
async function ideasInOfflineCopy(name: string): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const updates = await new Promise<Uint8Array[]>((resolve, reject) => {
      const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
      request.onsuccess = () => resolve(request.result as Uint8Array[]);
      request.onerror = () => reject(request.error);
    });
    const doc = new Y.Doc();
    for (const update of updates) Y.applyUpdate(doc, update);
    return core.readBoard(doc, 'main').ideas.map((idea) => idea.text);
  } finally {
    db.close();
  }
}

/** A runtime of Sam's in `room`, synced, with nothing waiting for the server. */
async function samRuntime(room: string, options: { offline?: boolean; leaveGuard?: boolean } = {}): Promise<WorkshopRuntime> {
  const runtime = new WorkshopRuntime({
    server: syncUrl(), room, token: testToken({ sub: 'sam', name: 'Sam', role: 'participant', room }), crossTab: false, measureClock: false, ...options,
  });
  cleanups.push(() => runtime.destroy());
  await waitFor(() => runtime.status === 'synced' && !runtime.connection!.hasUnsyncedChanges, 'Sam to be synced and saved');
  return runtime;
}

describe('"Saved" means the server has it', () => {
  it('says a change is not saved yet once the server has not confirmed it within the moment, and "Saved" only once it has', async () => {
    const room = uniqueRoom('slow-confirm');
    const { ceri, ceriDoc, done } = await remoteFacilitator(room);
    cleanups.push(done);
    await ceri.whenConfirmed();
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    const board = el.querySelector<CoIdeaBoard>('co-idea-board')!;
    await waitFor(() => el.status === 'synced' && statusText(board) === 'Saved', 'Saved');
    const runtime = el.runtime!;
    const connection = runtime.connection!;
    await connection.whenConfirmed();

    const release = holdBack(connection);
    cleanups.push(() => el.remove());
    core.addIdea(runtime.session, { boardId: 'main', text: 'Benches by the bus stop' });
    // The moment of grace, measured on a timer started after the runtime's own: by its end the
    // line says the change is on its way, not "Saved".
    await sleep(SENDING_AFTER_MS);
    await board.updateComplete;
    expect(connection.hasUnsyncedChanges).to.equal(true);
    expect(runtime.hasUnsyncedChanges).to.equal(true);
    expect(statusText(board)).to.equal(SENDING);
    // As long as the server does not have it, it never says "Saved" again.
    const seen = new Set<string>();
    const observer = new MutationObserver(() => seen.add(statusText(board)));
    observer.observe(board.shadowRoot!, { subtree: true, characterData: true, childList: true });
    await sleep(2 * SENDING_AFTER_MS);
    await board.updateComplete;
    observer.disconnect();
    seen.add(statusText(board));
    expect([...seen]).to.deep.equal([SENDING]);

    release();
    await waitFor(() => statusText(board) === 'Saved', '"Saved" once the server has the change');
    // "Saved" came only once the server had confirmed it: everyone else sees it.
    expect(connection.hasUnsyncedChanges).to.equal(false);
    await waitFor(() => core.readBoard(ceriDoc, 'main').ideas.some((i) => i.text === 'Benches by the bus stop'), 'the idea at the facilitator');
  });

  it('says "Connected", not "not saved yet" or "Saved", while a first visit’s own entry is slow to reach the server', async () => {
    const room = uniqueRoom('slow-join');
    const { ceri, done } = await remoteFacilitator(room);
    cleanups.push(done);
    await ceri.whenConfirmed();
    const runtime = new WorkshopRuntime({
      server: syncUrl(), room, token: testToken({ sub: 'nia', name: 'Nia', role: 'participant', room }), crossTab: false, measureClock: false, offline: false,
    });
    cleanups.push(() => runtime.destroy());
    const connection = runtime.connection!;
    // Everything the page sends once the document has arrived (joining writes Nia's entry then) is held back.
    const release = holdBack(connection, () => connection.status === 'synced');
    const keys = new Set<string>();
    runtime.addEventListener('change', () => keys.add(statusKey(runtime.status, runtime.hasUnsyncedChanges)));
    await waitFor(() => connection.status === 'synced', 'the document to arrive');
    expect(connection.hasUnsyncedChanges).to.equal(true);
    await sleep(3 * SENDING_AFTER_MS);
    expect(connection.hasUnsyncedChanges).to.equal(true);
    expect(statusKey(runtime.status, runtime.hasUnsyncedChanges)).to.equal('statusConnected');
    // Nothing the person made waits: no reason to stop them leaving.
    expect(leavingIsGuarded()).to.equal(false);

    expect(keys.has('statusSending')).to.equal(false);
    expect(keys.has('statusSynced')).to.equal(false);

    // A change of the person's own meanwhile has the usual moment of grace, then is said as it is.
    core.updateProfile(runtime.session, { name: 'Nia Haf' });
    await sleep(SENDING_AFTER_MS);
    expect(statusKey(runtime.status, runtime.hasUnsyncedChanges)).to.equal('statusSending');
    expect(leavingIsGuarded()).to.equal(true);

    release();
    await waitFor(() => runtime.status === 'synced' && !connection.hasUnsyncedChanges, 'everything to be saved');
    await waitFor(() => statusKey(runtime.status, runtime.hasUnsyncedChanges) === 'statusSynced', '"Saved"');
    expect(leavingIsGuarded()).to.equal(false);
  });
});

describe('leaving the page with a change the server does not have', () => {
  it('is guarded while a change is unconfirmed and there is no offline copy, and not once it is confirmed or the workshop is gone', async () => {
    const room = uniqueRoom('guard-no-copy');
    const { ceri, done } = await remoteFacilitator(room);
    cleanups.push(done);
    await ceri.whenConfirmed();
    const listeners = countLeaveListeners();
    cleanups.push(() => listeners.stop());
    const runtime = await samRuntime(room, { offline: false });
    const connection = runtime.connection!;
    // Nothing waits: no listener at all (one kept on the window would spoil the back/forward cache).
    expect(listeners.net).to.equal(0);
    expect(leavingIsGuarded()).to.equal(false);

    let release = holdBack(connection);
    core.addIdea(runtime.session, { boardId: 'main', text: 'Shade for the play area' });
    expect(leavingIsGuarded()).to.equal(true);
    expect(listeners.net).to.equal(1);
    // Still guarded after the moment of grace.
    await sleep(2 * SENDING_AFTER_MS);
    expect(connection.hasUnsyncedChanges).to.equal(true);
    expect(leavingIsGuarded()).to.equal(true);

    release();
    await waitFor(() => !leavingIsGuarded(), 'the guard to go once the server has the change');
    expect(connection.hasUnsyncedChanges).to.equal(false);
    expect(listeners.net).to.equal(0);

    release = holdBack(connection);
    core.addIdea(runtime.session, { boardId: 'main', text: 'A water fountain' });
    expect(leavingIsGuarded()).to.equal(true);
    runtime.destroy();
    expect(leavingIsGuarded()).to.equal(false);
    expect(listeners.net).to.equal(0);
    release();
  });

  it('is guarded only until the change is written to the offline copy, even while the server does not have it', async () => {
    const room = uniqueRoom('guard-copy');
    const { ceri, done } = await remoteFacilitator(room);
    cleanups.push(done);
    await ceri.whenConfirmed();
    const runtime = await samRuntime(room);
    const connection = runtime.connection!;
    await connection.localLoaded;
    expect(leavingIsGuarded()).to.equal(false);

    const release = holdBack(connection);
    core.addIdea(runtime.session, { boardId: 'main', text: 'Kept on this phone' });
    // IndexedDB writes finish in a later task: not on the device yet.
    expect(leavingIsGuarded()).to.equal(true);
    await waitFor(() => !leavingIsGuarded(), 'the change to be kept in the offline copy');
    expect(connection.hasUnsyncedChanges).to.equal(true);
    // It really is on the device: a fresh read of the offline copy has it.
    expect(await ideasInOfflineCopy(connection.persistence!.name)).to.include('Kept on this phone');

    // Offline, a change kept on the device is not guarded either, once written.
    window.dispatchEvent(new Event('offline'));
    await waitFor(() => runtime.status === 'offline', 'offline');
    core.addIdea(runtime.session, { boardId: 'main', text: 'Written offline' });
    expect(leavingIsGuarded()).to.equal(true);
    await waitFor(() => !leavingIsGuarded(), 'the offline change to be kept');
    window.dispatchEvent(new Event('online'));
    release();
    await waitFor(() => runtime.status === 'synced' && !connection.hasUnsyncedChanges, 'everything confirmed');
    expect(leavingIsGuarded()).to.equal(false);
  });

  it('is not guarded for a workshop without a server, nor when the host turns it off', async () => {
    const doc = new Y.Doc();
    const local = new WorkshopRuntime({ room: 'local', doc, user: { id: 'ffion', name: 'Ffion', role: 'facilitator' } });
    cleanups.push(() => local.destroy());
    core.createBoard(local.session, { id: 'main', title: 'Ideas' });
    core.addIdea(local.session, { boardId: 'main', text: 'Only in this page' });
    expect(leavingIsGuarded()).to.equal(false);
    local.destroy();

    const room = uniqueRoom('guard-off');
    const { ceri, done } = await remoteFacilitator(room);
    cleanups.push(done);
    await ceri.whenConfirmed();
    const runtime = await samRuntime(room, { offline: false, leaveGuard: false });
    holdBack(runtime.connection!);
    core.addIdea(runtime.session, { boardId: 'main', text: 'Not guarded' });
    expect(runtime.connection!.hasUnsyncedChanges).to.equal(true);
    expect(leavingIsGuarded()).to.equal(false);
  });
});
