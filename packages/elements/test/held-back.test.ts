// Changes the server holds back because they build on someone else's it does not have yet (lost in
// a crash, or here: another person's offline idea that reached this page some other way). The page
// says so in plain words, writes on under a new Yjs client id so its later changes reach the room at
// once, and does not say "saved" until the held-back ones arrive. Real server, real Chromium.
import { expect } from '@open-wc/testing';
import * as core from '@coproduce/core';
import { HELD_BACK_REASON } from '@coproduce/core/connection';
import '../src/index.js';
import { explainRefusal } from '../src/internal/not-saved.js';
import { translate } from '../src/i18n/localize.js';
import { heldBackOnPage, uniqueRoom, waitFor } from './helpers.js';

describe('changes held back for someone else’s', () => {
  it('says so in plain words, lets the person write on, and says saved only once they arrive', async () => {
    // Ana, on another device, wrote an idea offline; it reached Bea's page (relayed) but not the room,
    // as after a crash, and Bea commented on it while her connection was down. Her page comes back:
    // the room holds the comment back, and the board says so.
    const { ceriDoc, ana, connection, runtime, board, comment, done } = await heldBackOnPage(uniqueRoom('held-back'));
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
    done();
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
