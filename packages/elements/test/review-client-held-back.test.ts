// Review of the held-back notice on the page: while some of the person's changes wait for someone
// else's, the page says why, and once they have arrived it no longer says they wait. Real sync
// server, real Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import * as core from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { deepText, HELD_BACK_WAITING as WAITING, heldBackOnPage, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

describe('review: the held-back notice', () => {
  it('keeps saying why changes wait after the person writes on, for as long as they wait', async () => {
    const { runtime, connection, board, ceriDoc, done } = await heldBackOnPage(uniqueRoom('held-notice'));
    core.addIdea(runtime.session, { boardId: 'main', text: 'A bandstand' });
    await waitFor(() => core.readBoard(ceriDoc, 'main').ideas.some((i) => i.text === 'A bandstand'), 'Bea’s next idea at the facilitator');
    await new Promise((r) => setTimeout(r, 300));
    await board.updateComplete;
    expect(connection.hasUnsyncedChanges).to.equal(true);
    expect(deepText(board)).to.include(WAITING);
    done();
  });

  it('stops saying changes wait once they have reached the workshop', async () => {
    const { ana, connection, board, ceriDoc, comment, done } = await heldBackOnPage(uniqueRoom('held-arrived'));
    ana.reconnect();
    await waitFor(() => core.roots(ceriDoc).comments.has(comment), 'the comment at the facilitator');
    await waitFor(() => !connection.hasUnsyncedChanges, 'Bea’s page to say saved');
    await waitFor(() => !deepText(board).includes(WAITING), 'the notice to go');
    done();
  });

  it('after a reload, the offline copy brings the held-back comment back, the page does not say “Saved”, and the comment arrives with its owner’s idea', async () => {
    const room = uniqueRoom('held-reload');
    const { ana, el, runtime, ceriDoc, comment, done } = await heldBackOnPage(room);
    core.addIdea(runtime.session, { boardId: 'main', text: 'A bandstand' });
    await waitFor(() => core.readBoard(ceriDoc, 'main').ideas.some((i) => i.text === 'A bandstand'), 'Bea’s next idea at the facilitator');
    // Let her offline copy keep everything (IndexedDB is asynchronous), then the page closes.
    await new Promise((r) => setTimeout(r, 300));
    el.remove();
    const again = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'bea', name: 'Bea', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    const statuses: string[] = [];
    again.addEventListener('co-status-change', (e) => statuses.push(`${e.detail.status}:${e.detail.hasUnsyncedChanges}`));
    const board = again.querySelector<CoIdeaBoard>('co-idea-board')!;
    await waitFor(() => deepText(board).includes(WAITING), 'the notice after the reload');
    expect(core.roots(again.runtime!.doc).comments.has(comment)).to.equal(true);
    expect(again.runtime!.connection!.hasUnsyncedChanges).to.equal(true);
    expect(statuses).not.to.include('synced:false');
    ana.reconnect();
    await waitFor(() => core.roots(ceriDoc).comments.has(comment), 'the comment at the facilitator');
    await waitFor(() => !again.runtime!.connection!.hasUnsyncedChanges, 'the page to say saved');
    await waitFor(() => !deepText(board).includes(WAITING), 'the notice to go');
    again.remove();
    done();
  });
});
