// One document, and one Yjs client id, per identity on a page. The server gives each Yjs client id
// to the first person whose accepted content used it, and quietly leaves out anyone else's structs
// under it: a page that kept its document when someone else joined on it (a kept token turned
// away, then the next person at a shared kiosk joins through the link) had that person's edits
// dropped without a word, and sent the first person's unsent changes under the new token. Real
// sync server (tokens checked, roles enforced), real Chromium, real IndexedDB.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { Connection, connect } from '@coproduce/core/connection';
import '../src/index.js';
import type { CoWorkshop } from '../src/index.js';
import type { MessageKey } from '../src/i18n/localize.js';
import { statusKey } from '../src/internal/status.js';
import {
  boardOf, cardWith, chord, expireKeptToken, forgetTokens, joinAs, linkWorkshop, remoteFacilitator, syncUrl, testToken, typeName, uniqueRoom, waitFor,
} from './helpers.js';

/** Whether an IndexedDB database of this name exists in this browser. */
async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((db) => db.name === name);
}

/** The ideas of board `main` as a fresh device sees them at the server: text → author id (null: anonymous). */
async function ideasAtServer(room: string): Promise<Map<string, string | null>> {
  const doc = new Y.Doc();
  const peer = connect({
    serverUrl: syncUrl(), room, doc, crossTab: false, offline: false,
    token: testToken({ sub: 'dara', name: 'Dara', role: 'observer', room }),
  });
  try {
    await peer.whenSynced();
    return new Map(core.readBoard(doc, 'main').ideas.map((i) => [i.text, i.authorId]));
  } finally {
    peer.destroy();
    doc.destroy();
  }
}

/** Ceri's workshop in a fresh room, and a page opened on it through the shared link, where Anna joins. */
async function annaJoinsThroughTheLink(prefix: string) {
  const room = uniqueRoom(prefix);
  const ceri = await remoteFacilitator(room);
  await ceri.ceri.whenConfirmed();
  const el = await linkWorkshop(room);
  const runtime = el.runtime!;
  const board = boardOf(el);
  await joinAs(el, 'Anna');
  return { room, ceri, el, runtime, board };
}

describe('one document per identity on a page', () => {
  beforeEach(forgetTokens);
  afterEach(forgetTokens);

  it('saves the next person’s idea in their name, and never sends the previous person’s unsent idea under it', async () => {
    // Anna joins through the shared link and writes an idea: saved.
    const { room, ceri, el, runtime, board } = await annaJoinsThroughTheLink('kiosk');
    const anna = runtime.session.user.id;
    const annaClient = runtime.doc.clientID;
    core.addIdea(runtime.session, { boardId: 'main', text: 'Benches by the pond' });
    await runtime.connection!.whenConfirmed();

    // Offline, she writes another; before it is sent her token runs out and the server turns it away.
    await expireKeptToken(runtime, room, async () => {
      core.addIdea(runtime.session, { boardId: 'main', text: 'Anna’s unsent idea' });
      // Let her offline copy keep it (IndexedDB is asynchronous).
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(runtime.refused).to.equal(null);

    // Bryn, next at the kiosk, joins through the same link on the same page and writes an idea.
    await joinAs(el, 'Bryn');
    const bryn = runtime.session.user.id;
    expect(bryn).not.to.equal(anna);
    await waitFor(() => !!cardWith(board, 'Benches by the pond'), 'the board to show the workshop again');
    expect(cardWith(board, 'Anna’s unsent idea')).to.equal(undefined);
    const textarea = board.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea')!;
    textarea.focus();
    await sendKeys({ type: 'A bus stop at the gate' });
    await chord('Control', 'Enter');
    await waitFor(() => !!cardWith(board, 'A bus stop at the gate'), 'Bryn’s idea on his board');
    await runtime.connection!.whenConfirmed();

    // Saved, in Bryn's name, as the facilitator and any fresh device see it; Anna's unsent idea is not there.
    await waitFor(() => core.readBoard(ceri.ceriDoc, 'main').ideas.some((i) => i.text === 'A bus stop at the gate'), 'Bryn’s idea at the facilitator');
    const seen = await ideasAtServer(room);
    expect(seen.get('A bus stop at the gate')).to.equal(bryn);
    expect(seen.get('Benches by the pond')).to.equal(anna);
    expect(seen.has('Anna’s unsent idea')).to.equal(false);
    expect(runtime.notSavedList).to.deep.equal([]);
    // A document of his own: a Yjs client id nobody else has written with.
    expect(runtime.doc.clientID).not.to.equal(annaClient);
    expect(await databaseExists(Connection.offlineDatabaseName(room, anna))).to.equal(true);
    el.remove();

    // Anna's unsent idea stayed in her own offline copy: it reaches the workshop, in her name, on her next visit.
    const back = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: anna, name: 'Anna', role: 'participant', room })}></co-workshop>`);
    await waitFor(() => core.readBoard(ceri.ceriDoc, 'main').ideas.some((i) => i.text === 'Anna’s unsent idea'), 'Anna’s unsent idea on her next visit');
    expect(core.readBoard(ceri.ceriDoc, 'main').ideas.find((i) => i.text === 'Anna’s unsent idea')!.authorId).to.equal(anna);
    back.remove();
    ceri.done();
  });

  it('tells the others the previous person left, forgets their refusals, and follows the new person’s document and connection', async () => {
    const { room, ceri, el, runtime, board } = await annaJoinsThroughTheLink('kiosk-presence');
    const present = (): string[] => core.listPeers(ceri.ceri.awareness).map((p) => p.state.user.name).sort();
    await waitFor(() => present().includes('Anna'), 'the facilitator to see Anna');

    // Anna's idea, written offline, is refused: the facilitator locked the board meanwhile.
    runtime.connection!.disconnect();
    core.addIdea(runtime.session, { boardId: 'main', text: 'Too late' });
    core.lockElement(ceri.ceriSession, 'main', 'Reading time');
    await ceri.ceri.whenConfirmed();
    runtime.connection!.reconnect();
    await waitFor(() => runtime.notSavedList.length === 1, 'the refusal');
    await waitFor(() => !!board.shadowRoot!.querySelector('[part="not-saved"]'), 'the not-saved notice');

    const annaDoc = runtime.doc;
    const annaConnection = runtime.connection!;
    await expireKeptToken(runtime, room);
    await joinAs(el, 'Bryn');
    expect(runtime.doc).not.to.equal(annaDoc);
    expect(runtime.connection).not.to.equal(annaConnection);
    expect(runtime.awareness).to.equal(runtime.connection!.awareness);
    expect(annaDoc.isDestroyed).to.equal(true);
    expect(annaConnection.status).to.equal('offline');
    expect(annaConnection.awareness.getLocalState()).to.equal(null);
    // The facilitator sees Bryn, and no longer Anna.
    await waitFor(() => present().join() === 'Bryn', `the facilitator to see only Bryn (sees ${present().join()})`);
    // Anna's refusal is hers: not Bryn's to read, and not said to him.
    expect(runtime.notSavedList).to.deep.equal([]);
    expect(runtime.refused).to.equal(null);
    await waitFor(() => board.shadowRoot!.querySelector('[part="not-saved"]') === null, 'the notice to go');
    // The board shows the new document, locked, in words.
    await waitFor(() => core.readBoard(runtime.doc, 'main').exists, 'the board in Bryn’s document');

    // The page follows Bryn’s document and connection.
    let changes = 0;
    runtime.addEventListener('change', () => changes++);
    core.unlockElement(ceri.ceriSession, 'main');
    await waitFor(() => !core.readLock(runtime.doc, 'main'), 'the unlock to reach Bryn');
    const before = changes;
    runtime.connection!.disconnect();
    await waitFor(() => runtime.status === 'offline', 'Bryn offline');
    expect(changes).to.be.greaterThan(before);
    el.remove();
    ceri.done();
  });

  it('keeps the document when someone joins on a page that waited for a name, and says “Saved” only once joining is saved', async () => {
    const room = uniqueRoom('first-join');
    const ceri = await remoteFacilitator(room);
    await ceri.ceri.whenConfirmed();
    const el = await linkWorkshop(room);
    const runtime = el.runtime!;
    const doc = runtime.doc;
    const connection = runtime.connection!;
    // The words the status line says at each change, with what the connection knows then.
    const seen: { words: MessageKey; synced: boolean; unconfirmed: boolean }[] = [];
    runtime.addEventListener('change', () => {
      const c = runtime.connection!;
      seen.push({ words: statusKey(runtime.status, runtime.hasUnsyncedChanges), synced: c.status === 'synced', unconfirmed: c.hasUnsyncedChanges });
    });
    await typeName(el, 'Cai');
    await waitFor(() => runtime.status === 'synced', 'Cai to be saved');
    expect(runtime.doc).to.equal(doc);
    expect(runtime.connection).to.equal(connection);
    const afterSync = seen.slice(seen.findIndex((s) => s.synced));
    // Joining wrote Cai's entry in the workshop once the document arrived…
    expect(afterSync.some((s) => s.unconfirmed)).to.equal(true);
    // …which did not make the line say "Sending your changes — not saved yet" at once (a moment
    // allowed; after it, on a slow machine, that would be the honest answer)…
    expect(afterSync[0]!.words).not.to.equal('statusSending');
    expect(afterSync.find((s) => s.unconfirmed)!.words).not.to.equal('statusSending');
    // …nor "Saved" before the server had it.
    for (const s of seen) if (s.words === 'statusSynced') expect(s.unconfirmed).to.equal(false);
    expect(seen[seen.length - 1]!.words).to.equal('statusSynced');
    el.remove();
    ceri.done();
  });
});
