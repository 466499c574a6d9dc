// The connection on a real page: a refused change leaves the status line at "Saved", and a
// workshop taken off the page while offline leaves no listener on the window. Real server, real
// Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import * as core from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { deepText, remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

describe('the connection on a page', () => {
  it('is back to "Saved" once the server has settled a refused change (no lasting "not saved yet")', async () => {
    const room = uniqueRoom('settled');
    const { ceri, ceriDoc, ceriSession } = await remoteFacilitator(room);
    core.createPoll(ceriSession, { id: 'first', title: 'Which first?', method: 'single', options: ['Benches', 'Shade'], open: true });
    await ceri.whenConfirmed();

    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Sam to sync');
    const runtime = el.runtime!;
    const board = el.querySelector<CoIdeaBoard>('co-idea-board')!;
    runtime.connection!.disconnect();
    const benches = (core.parsePoll(core.roots(runtime.doc).polls.get('first'))!.options as readonly core.PollOption[])[0]!.id;
    core.castBallot(runtime.session, 'first', [benches]);
    core.closePoll(ceriSession, 'first');
    await ceri.whenConfirmed();
    runtime.connection!.reconnect();
    await waitFor(() => runtime.notSavedList.length > 0, 'the refusal');
    await waitFor(() => !runtime.connection!.hasUnsyncedChanges && !runtime.hasUnsyncedChanges && el.status === 'synced', 'everything settled');
    // Past the moment of grace: still saved.
    await new Promise((resolve) => setTimeout(resolve, 1800));
    await board.updateComplete;
    expect(runtime.hasUnsyncedChanges).to.equal(false);
    expect(deepText(board)).not.to.contain('not saved yet');
    ceri.destroy();
    ceriSession.destroy();
    el.remove();
  });

  it('leaves no online/offline listener on the window when a workshop is taken off the page while offline', async () => {
    const counts = new Map<string, number>();
    const add = window.addEventListener;
    const remove = window.removeEventListener;
    window.addEventListener = function (this: Window, type: string, ...rest: unknown[]) {
      counts.set(type, (counts.get(type) ?? 0) + 1);
      return (add as (...args: unknown[]) => void).call(this, type, ...rest);
    } as typeof window.addEventListener;
    window.removeEventListener = function (this: Window, type: string, ...rest: unknown[]) {
      counts.set(type, (counts.get(type) ?? 0) - 1);
      return (remove as (...args: unknown[]) => void).call(this, type, ...rest);
    } as typeof window.removeEventListener;
    try {
      const room = uniqueRoom('gone-offline');
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
        token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
        <co-idea-board board="main"></co-idea-board>
      </co-workshop>`);
      await waitFor(() => el.status === 'synced', 'Sam to sync');
      expect(counts.get('online')).to.equal(1);
      window.dispatchEvent(new Event('offline'));
      await waitFor(() => el.status === 'offline', 'offline');
      el.remove();
      expect([counts.get('online'), counts.get('offline')]).to.deep.equal([0, 0]);
    } finally {
      window.addEventListener = add;
      window.removeEventListener = remove;
    }
  });
});
