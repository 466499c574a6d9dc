// The offline copy on a shared device (a library PC): each person's unsent changes stay in their
// own copy, are never loaded into someone else's page, and reach the workshop when their owner
// comes back. Real server (tokens checked, roles enforced), real Chromium, real IndexedDB.
import { expect, fixture, html } from '@open-wc/testing';
import * as core from '@coproduce/core';
import { Connection } from '@coproduce/core/connection';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { deepText, remoteFacilitator, syncUrl, testJoinToken, testToken, uniqueRoom, waitFor } from './helpers.js';

/** Whether an IndexedDB database of this name exists in this browser. */
async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((db) => db.name === name);
}

describe('the offline copy on a shared device', () => {
  it('keeps Hana’s unsent idea in her own copy: Ivor’s page neither loads nor sends it, and Hana’s next visit does', async () => {
    const room = uniqueRoom('library-pc');
    // The facilitator, on another device.
    const { ceri, ceriDoc, ceriSession } = await remoteFacilitator(room);
    await ceri.whenConfirmed();

    const hanaToken = testToken({ sub: 'hana', name: 'Hana', role: 'participant', room });
    const page = (token: string) => fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${token}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);

    // Hana, offline, writes an idea, and closes the tab before it is sent.
    const hana = await page(hanaToken);
    await waitFor(() => hana.status === 'synced', 'Hana to sync');
    const hanaRuntime = hana.runtime!;
    await hanaRuntime.connection!.localLoaded;
    hanaRuntime.connection!.disconnect();
    core.addIdea(hanaRuntime.session, { boardId: 'main', text: 'Quiet study room' });
    expect(hanaRuntime.connection!.hasUnsyncedChanges).to.equal(true);
    // Let the offline copy write it (IndexedDB is asynchronous), then close the tab.
    await new Promise((r) => setTimeout(r, 300));
    hana.remove();
    expect(await databaseExists(Connection.offlineDatabaseName(room, 'hana'))).to.equal(true);

    // Ivor opens his own link in the same browser.
    const ivor = await page(testToken({ sub: 'ivor', name: 'Ivor', role: 'participant', room }));
    await waitFor(() => ivor.status === 'synced', 'Ivor to sync');
    const ivorRuntime = ivor.runtime!;
    expect(await ivorRuntime.connection!.localLoaded).to.equal(true);
    core.addIdea(ivorRuntime.session, { boardId: 'main', text: 'More plug sockets' });
    await ivorRuntime.connection!.whenConfirmed();
    await waitFor(() => core.readBoard(ceriDoc, 'main').ideas.some((i) => i.text === 'More plug sockets'), 'Ivor’s idea at the facilitator');
    // Nothing of Hana's reached Ivor's page, the server or a not-saved notice.
    expect(core.readBoard(ivorRuntime.doc, 'main').ideas.map((i) => i.text)).to.deep.equal(['More plug sockets']);
    expect(ivorRuntime.notSavedList).to.deep.equal([]);
    const ivorBoard = ivor.querySelector<CoIdeaBoard>('co-idea-board')!;
    expect(ivorBoard.shadowRoot!.querySelector('[part="not-saved"]')).to.equal(null);
    expect(deepText(ivorBoard.shadowRoot!)).not.to.contain('someone else’s name');
    expect(core.readBoard(ceriDoc, 'main').ideas.map((i) => i.text)).to.deep.equal(['More plug sockets']);
    ivor.remove();

    // Hana comes back: her copy is loaded and her idea reaches the workshop, in her name.
    const back = await page(hanaToken);
    await waitFor(() => core.readBoard(ceriDoc, 'main').ideas.some((i) => i.text === 'Quiet study room'), 'Hana’s idea at the facilitator');
    const hanaIdea = core.readBoard(ceriDoc, 'main').ideas.find((i) => i.text === 'Quiet study room')!;
    expect(hanaIdea.authorId).to.equal('hana');
    await waitFor(() => !back.runtime!.connection!.hasUnsyncedChanges, 'Hana’s copy to be confirmed');
    expect(back.runtime!.notSavedList).to.deep.equal([]);
    back.remove();
    ceri.destroy();
    ceriSession.destroy();
    ceriDoc.destroy();
  });

  it('loads nobody’s copy into a page still waiting for a name, and opens the person’s own once they have joined', async () => {
    const room = uniqueRoom('library-join');
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${testJoinToken({ room })}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    const runtime = el.runtime!;
    expect(runtime.status).to.equal('needs-name');
    expect(runtime.connection!.persistence).to.equal(null);
    expect(await runtime.connection!.localLoaded).to.equal(false);
    await runtime.join('Rhys');
    await waitFor(() => runtime.status === 'synced', 'Rhys to sync');
    const id = runtime.session.user.id;
    expect(runtime.connection!.persistence?.name).to.equal(Connection.offlineDatabaseName(room, id));
    el.remove();
  });
});
