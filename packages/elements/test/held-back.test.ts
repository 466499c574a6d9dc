// Changes the server holds back because they build on someone else's it does not have yet (lost in
// a crash, or here: another person's offline idea that reached this page some other way). The page
// says so in plain words, writes on under a new Yjs client id so its later changes reach the room at
// once, and does not say "saved" until the held-back ones arrive. Real server, real Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { connect, HELD_BACK_REASON } from '@coproduce/core/connection';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { explainRefusal } from '../src/internal/not-saved.js';
import { translate } from '../src/i18n/localize.js';
import { deepText, remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const WAITING = 'Some of your changes are waiting for someone else’s changes to reach the workshop.';

describe('changes held back for someone else’s', () => {
  it('says so in plain words, lets the person write on, and says saved only once they arrive', async () => {
    const room = uniqueRoom('held-back');
    const { ceriDoc, done } = await remoteFacilitator(room, 'Library', 'Ideas');
    // Ana, on another device: joins (her client id is hers from then on), then writes an idea offline.
    const anaDoc = new Y.Doc();
    const ana = connect({ serverUrl: syncUrl(), room, doc: anaDoc, crossTab: false, offline: false, token: testToken({ sub: 'ana', name: 'Ana', role: 'participant', room }) });
    await ana.whenSynced();
    const anaSession = new core.WorkshopSession(anaDoc, { user: { id: 'ana', name: 'Ana', role: 'participant' } });
    core.joinWorkshop(anaSession);
    await ana.whenConfirmed();
    ana.disconnect();
    const known = Y.encodeStateVector(anaDoc);
    const pond = core.addIdea(anaSession, { boardId: 'main', text: 'A pond' });
    const anaOffline = Y.encodeStateAsUpdate(anaDoc, known);

    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'bea', name: 'Bea', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Bea to sync');
    const runtime = el.runtime!;
    const connection = runtime.connection!;
    await waitFor(() => !connection.hasUnsyncedChanges, 'Bea’s join to be saved');
    const board = el.querySelector<CoIdeaBoard>('co-idea-board')!;
    // As after a crash: Ana's idea reached Bea's page (relayed) but not the room, and Bea commented
    // on it while her connection was down. Her page comes back: the room holds the comment back.
    connection.disconnect();
    Y.applyUpdate(runtime.doc, anaOffline, connection.provider);
    const comment = core.addComment(runtime.session, { ideaId: pond, text: 'With ducks' });
    connection.reconnect();
    await waitFor(() => deepText(board).includes(WAITING), 'the notice in the board');
    const notice = board.shadowRoot!.querySelector('[part="not-saved"]')!;
    expect(notice.textContent!.trim()).to.equal(translate('en', 'notSavedHeldBack'));
    expect(connection.hasUnsyncedChanges).to.equal(true);
    await expect(board).to.be.accessible();

    // Bea writes on: her next idea reaches the room at once, the comment still waits and is not "saved".
    core.addIdea(runtime.session, { boardId: 'main', text: 'A bandstand' });
    await waitFor(() => core.readBoard(ceriDoc, 'main').ideas.some((i) => i.text === 'A bandstand'), 'Bea’s next idea at the facilitator');
    expect(core.roots(ceriDoc).comments.has(comment)).to.equal(false);
    expect(connection.hasUnsyncedChanges).to.equal(true);

    // Ana is back: her idea arrives, then Bea's comment, and Bea's page says everything is saved.
    ana.reconnect();
    await waitFor(() => core.roots(ceriDoc).comments.has(comment), 'the comment at the facilitator');
    await waitFor(() => !connection.hasUnsyncedChanges, 'Bea’s page to say saved');
    ana.destroy();
    anaSession.destroy();
    anaDoc.destroy();
    done();
    el.remove();
  });

  it('has plain words for it in English and Welsh, for every element', () => {
    const said = explainRefusal(HELD_BACK_REASON);
    expect(said.key).to.equal('notSavedHeldBack');
    expect(said.area).to.equal('all');
    expect(said.detail).to.equal(undefined);
    const en = translate('en', said.key);
    const cy = translate('cy', said.key);
    expect(en).to.equal('Some of your changes are waiting for someone else’s changes to reach the workshop. Yours are kept on this device and will be sent when theirs arrive.');
    expect(cy).not.to.equal(en);
    expect(cy).to.contain('gweithdy');
    for (const words of [en, cy]) expect(words).not.to.match(/\bserver\b|gweinydd|Yjs|client id/i);
  });
});
