// Review of the identity swap (a new document, connection and offline copy when another person
// joins on the same page): nothing of the previous people is left running after several swaps.
// Real sync server, real Chromium, real IndexedDB.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as core from '@coproduce/core';
import type { Connection } from '@coproduce/core/connection';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop, StatusChangeDetail } from '../src/index.js';
import {
  cardWith, chord, forgetTokens, joinAs, kioskSwap, linkWorkshop, remoteFacilitator, syncUrl, testJoinToken, turnAwayKeptToken, typeName, uniqueRoom,
  waitFor,
} from './helpers.js';

/** Counts what the page holds open: window listeners, intervals, IndexedDB connections. */
function countResources() {
  const listeners = new Map<string, Set<unknown>>();
  const intervals = new Set<unknown>();
  const databases = new Set<IDBDatabase>();
  const originalAdd = window.addEventListener;
  const originalRemove = window.removeEventListener;
  const originalSetInterval = window.setInterval;
  const originalClearInterval = window.clearInterval;
  const originalOpen = IDBFactory.prototype.open;
  window.addEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
    if (!listeners.has(type)) listeners.set(type, new Set());
    listeners.get(type)!.add(listener);
    return originalAdd.call(this, type, listener as EventListener, options as AddEventListenerOptions);
  } as typeof window.addEventListener;
  window.removeEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
    listeners.get(type)?.delete(listener);
    return originalRemove.call(this, type, listener as EventListener, options as EventListenerOptions);
  } as typeof window.removeEventListener;
  window.setInterval = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
    const id = originalSetInterval(handler, timeout, ...args);
    intervals.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    intervals.delete(id);
    originalClearInterval(id);
  }) as typeof window.clearInterval;
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
    const request = originalOpen.call(this, name, version);
    request.addEventListener('success', () => {
      const db = request.result;
      databases.add(db);
      const close = db.close.bind(db);
      db.close = () => {
        databases.delete(db);
        close();
      };
    });
    return request;
  };
  return {
    snapshot: () => ({
      listeners: Object.fromEntries([...listeners].map(([type, set]) => [type, set.size]).filter(([, n]) => (n as number) > 0)),
      intervals: intervals.size,
      databases: [...databases].map((db) => db.name).sort(),
    }),
    restore: () => {
      window.addEventListener = originalAdd;
      window.removeEventListener = originalRemove;
      window.setInterval = originalSetInterval;
      window.clearInterval = originalClearInterval;
      IDBFactory.prototype.open = originalOpen;
    },
  };
}

describe('review: the identity swap', () => {
  beforeEach(forgetTokens);
  afterEach(forgetTokens);

  it('leaves nothing of the previous people running after several swaps', async () => {
    const room = uniqueRoom('swap-leak');
    const ceri = await remoteFacilitator(room);
    await ceri.ceri.whenConfirmed();
    const counts = countResources();
    try {
      const el = await linkWorkshop(room, {
        content: html`<co-idea-board board="main"></co-idea-board>
          <co-presence></co-presence>
          <co-timer></co-timer>`,
      });
      const runtime = await joinAs(el, 'Anna');
      await runtime.connection!.localLoaded;
      const old: Connection[] = [];
      let first: ReturnType<typeof counts.snapshot> | null = null;
      for (const name of ['Bryn', 'Cai', 'Dee']) {
        old.push(runtime.connection!);
        await kioskSwap(el, room, name);
        await runtime.connection!.localLoaded;
        await new Promise((r) => setTimeout(r, 200));
        const now = counts.snapshot();
        // One offline copy open: the current person's.
        expect(now.databases, `databases after ${name}`).to.have.length(1);
        if (first === null) {
          first = now;
          // The counters see the live connection's own: its network listeners and presence timers.
          expect(now.listeners['online'], 'online listeners').to.be.greaterThan(0);
          expect(now.intervals).to.be.greaterThan(0);
        }
        else expect(now, `after ${name}`).to.deep.equal({ ...first, databases: now.databases });
      }
      for (const connection of old) {
        expect(connection.provider.wsconnected).to.equal(false);
        expect(connection.provider.bcconnected).to.equal(false);
        expect(connection.provider.ws).to.equal(null);
      }
      el.remove();
      await new Promise((r) => setTimeout(r, 200));
      const after = counts.snapshot();
      expect(after.databases).to.deep.equal([]);
      expect(after.intervals).to.equal(0);
    } finally {
      counts.restore();
      ceri.done();
    }
  });

  it('swaps both workshops of one page for the same room, and their status events end in the new person’s “Saved”', async () => {
    const room = uniqueRoom('swap-two');
    const ceri = await remoteFacilitator(room);
    await ceri.ceri.whenConfirmed();
    const link = testJoinToken({ room });
    const wrapper = await fixture<HTMLElement>(html`<div>
      <co-workshop id="one" server=${syncUrl()} room=${room} token=${link}><co-join></co-join></co-workshop>
      <co-workshop id="two" server=${syncUrl()} room=${room} token=${link}><co-idea-board board="main"></co-idea-board></co-workshop>
    </div>`);
    const one = wrapper.querySelector<CoWorkshop>('#one')!;
    const two = wrapper.querySelector<CoWorkshop>('#two')!;
    const events: StatusChangeDetail[] = [];
    two.addEventListener('co-status-change', (e) => events.push(e.detail));
    await typeName(one, 'Anna');
    await waitFor(() => one.runtime!.status === 'synced' && two.runtime!.status === 'synced', 'both workshops to sync as Anna');
    expect(two.runtime!.session.user.id).to.equal(one.runtime!.session.user.id);
    const annaDocs = [one.runtime!.doc, two.runtime!.doc];
    // Anna's kept token is turned away on both connections.
    for (const runtime of [one.runtime!, two.runtime!]) await turnAwayKeptToken(runtime, room);
    await waitFor(() => one.runtime!.status === 'needs-name' && two.runtime!.status === 'needs-name', 'both to ask for a name');
    events.length = 0;
    // Anna had stepped out of following the facilitator: her choice, not the next person's.
    two.runtime!.setFollowing(false);
    await typeName(one, 'Bryn');
    await waitFor(() => one.runtime!.status === 'synced' && two.runtime!.status === 'synced', 'both workshops to sync as Bryn');
    const bryn = one.runtime!.session.user;
    expect(bryn.name).to.equal('Bryn');
    expect(two.runtime!.session.user.id).to.equal(bryn.id);
    expect(annaDocs.every((doc) => doc.isDestroyed)).to.equal(true);
    expect(two.runtime!.following).to.equal(true);
    // Bryn writes in the second workshop's board: saved in his name.
    const board = two.querySelector<CoIdeaBoard>('co-idea-board')!;
    await waitFor(() => !!board.shadowRoot!.querySelector('textarea'), 'the board for Bryn');
    board.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea')!.focus();
    await sendKeys({ type: 'A water fountain' });
    await chord('Control', 'Enter');
    await waitFor(() => !!cardWith(board, 'A water fountain'), 'Bryn’s idea on the board');
    await waitFor(() => core.readBoard(ceri.ceriDoc, 'main').ideas.some((i) => i.text === 'A water fountain' && i.authorId === bryn.id), 'Bryn’s idea at the facilitator, in his name');
    await waitFor(() => !two.runtime!.connection!.hasUnsyncedChanges, 'Bryn’s idea confirmed');
    await waitFor(() => events.at(-1)?.status === 'synced' && events.at(-1)?.hasUnsyncedChanges === false, 'the last status event to say saved');
    expect(events[0]!.status).to.not.equal('synced');
    wrapper.remove();
    ceri.done();
  });

  it('reaches “Saved” on a first visit that writes nothing (an observer through a link), without waiting out the moment', async () => {
    const room = uniqueRoom('first-observer');
    const ceri = await remoteFacilitator(room);
    await ceri.ceri.whenConfirmed();
    const el = await linkWorkshop(room, { role: 'observer' });
    const runtime = el.runtime!;
    const statuses: string[] = [];
    el.addEventListener('co-status-change', (e) => statuses.push(`${e.detail.status}:${e.detail.hasUnsyncedChanges}`));
    await typeName(el, 'Olu');
    await waitFor(() => runtime.status === 'synced', 'the observer to be in sync');
    expect(runtime.session.role).to.equal('observer');
    expect(runtime.connection!.hasUnsyncedChanges).to.equal(false);
    expect(statuses.at(-1)).to.equal('synced:false');
    expect(statuses).not.to.include('connected:true');
    el.remove();
    ceri.done();
  });
});
