// `co-status-change` says every status a page can read from `<co-workshop>`, the first one of each
// new runtime included (`needs-name` on a join link, the first status after `room` is set, a runtime
// handed to the element), so a page that follows the workshop from the event alone starts right;
// and when it fires, `workshop.runtime` is the runtime the status is about. Real sync server, real
// Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CoWorkshop, StatusChangeDetail, WorkshopRuntime } from '../src/index.js';
import { forgetTokens, joinAs, kioskSwap, linkWorkshop, localRuntime, remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

interface Heard {
  readonly detail: StatusChangeDetail;
  /** What the page read from the element when the event came. */
  readonly status: string;
  readonly runtime: WorkshopRuntime | undefined;
  readonly target: EventTarget | null;
}

/** Every `co-status-change` heard on `where` from now on, with what the element said at that moment. */
function listen(where: EventTarget, workshop: () => CoWorkshop | null): { heard: Heard[]; stop: () => void } {
  const heard: Heard[] = [];
  const onStatus = (event: Event): void => {
    const el = workshop();
    heard.push({ detail: (event as CustomEvent<StatusChangeDetail>).detail, status: el?.status ?? '(none)', runtime: el?.runtime, target: event.target });
  };
  where.addEventListener('co-status-change', onStatus);
  return { heard, stop: () => where.removeEventListener('co-status-change', onStatus) };
}

/** The statuses heard, in order, as `status:unsynced`. */
const said = (heard: Heard[]): string[] => heard.map((h) => `${h.detail.status}:${h.detail.hasUnsyncedChanges}`);

describe('co-status-change', () => {
  afterEach(() => forgetTokens());

  it('fires for the first status of a join link (needs-name), with the runtime ready, and follows every change after', async () => {
    const room = uniqueRoom('dev-status-link');
    const ceri = await remoteFacilitator(room);
    await ceri.ceri.whenConfirmed();
    // A page listening on document before the element is in the page (the usual order).
    const { heard, stop } = listen(document, () => document.querySelector<CoWorkshop>(`co-workshop[room="${room}"]`));
    try {
      const el = await linkWorkshop(room);
      expect(el.status).to.equal('needs-name');
      expect(heard.length).to.equal(1);
      expect(heard[0]!.detail).to.deep.equal({ status: 'needs-name', hasUnsyncedChanges: false });
      expect(heard[0]!.target).to.equal(el);
      expect(heard[0]!.status).to.equal('needs-name');
      expect(heard[0]!.runtime).to.equal(el.runtime);
      expect(heard[0]!.runtime).to.not.equal(undefined);

      const runtime = await joinAs(el, 'Anna');
      await waitFor(() => heard.at(-1)?.detail.status === 'synced' && !heard.at(-1)!.detail.hasUnsyncedChanges, 'the event saying Anna is saved');
      // Every event says what the element says at that moment, for the same runtime.
      for (const h of heard) {
        expect(h.detail.status).to.equal(h.status);
        expect(h.runtime).to.equal(runtime);
      }
      // Nothing said twice in a row.
      const order = said(heard);
      for (let i = 1; i < order.length; i++) expect(order[i], order.join(' → ')).to.not.equal(order[i - 1]);

      // A shared kiosk: Anna's kept token is turned away and Bryn joins on the same page.
      heard.length = 0;
      await kioskSwap(el, room, 'Bryn');
      await waitFor(() => heard.at(-1)?.detail.status === 'synced' && !heard.at(-1)!.detail.hasUnsyncedChanges, 'the event saying Bryn is saved');
      const swap = said(heard);
      expect(swap[0]).to.match(/^offline:/); // the kept token turned away: the connection drops first
      expect(swap).to.include('needs-name:false');
      expect(swap.indexOf('needs-name:false')).to.be.lessThan(swap.lastIndexOf('synced:false'));
      for (const h of heard) expect(h.detail.status).to.equal(h.status);
      for (let i = 1; i < swap.length; i++) expect(swap[i], swap.join(' → ')).to.not.equal(swap[i - 1]);
      el.remove();
    } finally {
      stop();
      ceri.done();
    }
  });

  it('fires once a room set from code gives the element a runtime, before updateComplete settles', async () => {
    const room = uniqueRoom('dev-status-late');
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('co-workshop');
    host.append(el);
    await el.updateComplete;
    const { heard, stop } = listen(el, () => el);
    try {
      // No room: no runtime, nothing to say.
      expect(el.status).to.equal('disconnected');
      expect(heard).to.deep.equal([]);
      el.server = syncUrl();
      el.token = testToken({ sub: 'sam', name: 'Sam', role: 'participant', room });
      el.room = room;
      expect(el.runtime).to.equal(undefined); // not before the element's update
      await el.updateComplete;
      expect(heard.length).to.be.greaterThanOrEqual(1);
      expect(heard[0]!.runtime).to.equal(el.runtime);
      expect(heard[0]!.runtime).to.not.equal(undefined);
      expect(heard[0]!.detail.status).to.equal(heard[0]!.status);
      await waitFor(() => heard.at(-1)?.detail.status === 'synced', 'the event saying synced');

      // Another room: a new runtime, and its first status is said too.
      const first = el.runtime;
      el.room = `${room}-other`;
      await el.updateComplete;
      expect(el.runtime).to.not.equal(first);
      const fresh = heard.filter((h) => h.runtime === el.runtime);
      expect(fresh.length).to.be.greaterThanOrEqual(1);
      expect(fresh[0]!.detail.status).to.equal(fresh[0]!.status);

      // No room any more: the status a page reads is `disconnected`, and the event says so.
      el.removeAttribute('room');
      el.room = null;
      await el.updateComplete;
      expect(el.status).to.equal('disconnected');
      expect(heard.at(-1)!.detail).to.deep.equal({ status: 'disconnected', hasUnsyncedChanges: false });
      expect(heard.at(-1)!.runtime).to.equal(undefined);
    } finally {
      stop();
      host.remove();
    }
  });

  it('says the first status of each runtime handed to the element, even when it is the same status', async () => {
    const el = await fixture<CoWorkshop>(html`<co-workshop></co-workshop>`);
    const { heard, stop } = listen(el, () => el);
    const one = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' });
    const two = localRuntime({ id: 'ana', name: 'Ana', role: 'participant' });
    try {
      el.runtime = one;
      await el.updateComplete;
      expect(heard.map((h) => [h.detail.status, h.runtime])).to.deep.equal([['synced', one]]);
      el.runtime = two;
      await el.updateComplete;
      expect(heard.map((h) => [h.detail.status, h.runtime])).to.deep.equal([['synced', one], ['synced', two]]);
      // Nothing changed: nothing said.
      el.requestUpdate();
      await el.updateComplete;
      expect(heard.length).to.equal(2);
      el.runtime = undefined;
      await el.updateComplete;
      expect(heard.at(-1)!.detail.status).to.equal('disconnected');
      expect(heard.length).to.equal(3);
    } finally {
      stop();
      el.remove();
      one.destroy();
      two.destroy();
    }
  });
});
