// After a crash, the server holds back a person's changes that build on someone else's lost ones
// (policy/settle.ts, withoutForeign). Yjs changes from one client id are one sequence, so a page
// writing on under the same id would have every later change held back behind them while it says
// "Saved". The server says so once per episode (HELD_BACK), and `@coproduce/core/connection`
// writes on under a new client id and counts the held-back changes as not saved until they arrive.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { connect, HELD_BACK_REASON } from '@coproduce/core/connection';
import { createMemoryStore, MemoryStorage } from '../src/index.js';
import { HELD_BACK } from '../src/policy/analyse.js';
import { Cleanup, sleep, waitFor } from './helpers.js';
import { startPolicyServer, tokenFor, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Storage that can stop storing: what the server relayed but had not stored when it crashed. */
class LossyStorage extends MemoryStorage {
  lose = false;
  override append(room: string, update: Uint8Array): Promise<void> {
    return this.lose ? Promise.resolve() : super.append(room, update);
  }
  override compact(room: string, snapshot: Uint8Array): Promise<void> {
    return this.lose ? Promise.resolve() : super.compact(room, snapshot);
  }
}

/** Permission-denied reasons received on every socket made with it (frames counted as they arrive). */
const deniedFrames: string[] = [];
class CountingWS extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols);
    this.on('message', (data: Buffer) => {
      const bytes = new Uint8Array(data);
      if (bytes[0] !== 2 || bytes[1] !== 0) return;
      // [2, 0, varuint length, utf-8 reason] (reasons here are short: one-byte length)
      deniedFrames.push(Buffer.from(bytes.subarray(3)).toString('utf8'));
    });
  }
}

const readLocal = (c: ReturnType<typeof connect>): string | undefined => (c.awareness.getLocalState() as { user?: { id?: string } } | null)?.user?.id;

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const ANA: Person = { id: 'ana', name: 'Ana', role: 'participant' };
const BEA: Person = { id: 'bea', name: 'Bea', role: 'participant' };

/**
 * Ceri sets up a board; Ana adds an idea, relayed to Bea, who comments on it; the server stored
 * neither (LossyStorage) and crashes. Returns what is needed to restart it on the same port.
 */
async function lostEdits(port: number, bea: (url: string, room: string) => Promise<{ doc: Y.Doc; session: core.WorkshopSession; settled(): Promise<void> }>) {
  const store = createMemoryStore();
  const lossy = new LossyStorage({ store });
  const first = await startPolicyServer(cleanup, { storage: lossy, port });
  const room = 'lost-edits';
  const ceri = await YClient.connect(cleanup, first.url, room, CERI);
  await ceri.accepted((s) => {
    core.createWorkshop(s.doc, { title: 'Park', origin: s.origin });
    core.createBoard(s, { id: 'main', title: 'Ideas' });
  });
  const ana = await YClient.connect(cleanup, first.url, room, ANA);
  const b = await bea(first.url, room);
  core.joinWorkshop(b.session, { name: 'Bea' });
  await b.settled();
  lossy.lose = true;
  let idea = '';
  await ana.accepted((s) => (idea = core.addIdea(s, { boardId: 'main', text: 'A pond' })));
  await waitFor(() => core.roots(b.doc).ideas.has(idea), { what: 'Ana’s idea relayed to Bea' });
  const comment = core.addComment(b.session, { ideaId: idea, text: 'With ducks' });
  await b.settled();
  // The crash: every socket dropped, the server gone with what it had not stored.
  ana.ws.terminate();
  ceri.ws.terminate();
  await first.server.close();
  await sleep(100);
  const restart = () => startPolicyServer(cleanup, { storage: new MemoryStorage({ store }), port });
  return { room, ana, comment, idea, restart, first };
}

/**
 * The crash scenario (`lostEdits`) with Bea on a real `connect()` page that counts the frames it
 * gets (`deniedFrames`, emptied first) and keeps the reasons of its `refused` events; with
 * `presence`, Bea's page shows her presence.
 */
async function beaThroughACrash(port: number, { presence = false } = {}) {
  deniedFrames.length = 0;
  const beaDoc = new Y.Doc();
  let conn: ReturnType<typeof connect> | null = null;
  const refusals: string[] = [];
  const lost = await lostEdits(port, async (url, roomName) => {
    const c = connect({ serverUrl: url, room: roomName, doc: beaDoc, token: await tokenFor(roomName, BEA), WebSocketPolyfill: CountingWS as never, crossTab: false, offline: false, maxBackoffTime: 300 });
    conn = c;
    cleanup.add(() => {
      c.destroy();
      beaDoc.destroy();
    });
    c.on('refused', (d) => refusals.push(d.reason));
    await c.whenSynced();
    const session = new core.WorkshopSession(beaDoc, { user: BEA, undo: false });
    if (presence) core.setLocalPresence(c.awareness, { user: core.presenceUser(session), focus: null });
    return { doc: beaDoc, session, settled: () => c.whenConfirmed() };
  });
  return { ...lost, bea: conn as unknown as ReturnType<typeof connect>, beaDoc, refusals };
}

describe('changes held back after a crash', () => {
  it('uses the same reason on both sides', () => {
    expect(HELD_BACK_REASON).toBe(HELD_BACK);
  });

  it('a page writes on under a new client id: its later changes reach the room at once, the held-back ones count as not saved until they arrive', async () => {
    const { room, ana, comment, restart, bea, beaDoc, refusals } = await beaThroughACrash(4240);
    const session = new core.WorkshopSession(beaDoc, { user: BEA, undo: false });
    const firstId = beaDoc.clientID;
    expect(refusals).toEqual([]);

    const second = await restart();
    const watcher = await YClient.connect(cleanup, second.url, room, CERI);
    await waitFor(() => bea.status === 'synced', { timeout: 10_000, what: 'Bea back' });
    // The server told Bea once that part of her changes is held back, and she writes on under a new id.
    await waitFor(() => refusals.length > 0, { timeout: 10_000, what: 'held-back notice' });
    expect(refusals).toEqual([HELD_BACK]);
    await waitFor(() => beaDoc.clientID !== firstId, { what: 'a new client id' });
    expect(bea.awareness.clientID).toBe(beaDoc.clientID);

    const own: string[] = [];
    for (let i = 0; i < 5; i++) {
      own.push(core.addIdea(session, { boardId: 'main', text: `Bea idea ${i}` }));
      await sleep(50);
    }
    await waitFor(
      async () => {
        await watcher.sync();
        return own.every((id) => core.roots(watcher.doc).ideas.has(id));
      },
      { timeout: 10_000, interval: 100, what: 'Bea’s later ideas in the room' },
    );
    // Her comment is not in the room, and her page does not say it is saved.
    await sleep(500);
    await watcher.sync();
    expect(core.roots(watcher.doc).comments.has(comment)).toBe(false);
    expect(core.roots(beaDoc).comments.has(comment)).toBe(true);
    expect(bea.hasUnsyncedChanges).toBe(true);
    expect(bea.detail.hasUnsyncedChanges).toBe(true);
    let confirmed = false;
    void bea.whenConfirmed().then(() => (confirmed = true));
    await sleep(300);
    expect(confirmed).toBe(false);
    // Once per episode: one notice, however many changes she made.
    expect(deniedFrames).toEqual([HELD_BACK]);

    // Ana comes back after all: the room asks Bea again, and her comment is delivered and confirmed.
    await YClient.connect(cleanup, second.url, room, ANA, { doc: ana.doc });
    await waitFor(
      async () => {
        await watcher.sync();
        return core.roots(watcher.doc).comments.has(comment);
      },
      { timeout: 10_000, interval: 100, what: 'the held-back comment in the room' },
    );
    await waitFor(() => confirmed && !bea.hasUnsyncedChanges, { timeout: 10_000, what: 'Bea’s page saying saved' });
    expect(deniedFrames).toEqual([HELD_BACK]);
    expect(own.every((id) => core.roots(watcher.doc).ideas.has(id))).toBe(true);
  }, 40_000);

  it('a page away while the owner came back finds its held-back changes saved on reconnecting; its presence stays shown throughout', async () => {
    const { room, ana, comment, restart, bea, beaDoc, refusals } = await beaThroughACrash(4242, { presence: true });
    const session = new core.WorkshopSession(beaDoc, { user: BEA, undo: false });
    const second = await restart();
    const watcher = await YClient.connect(cleanup, second.url, room, CERI);
    const shownAs = (): number[] =>
      [...watcher.awareness.getStates()].filter(([, state]) => (state as { user?: { id?: string } }).user?.id === 'bea').map(([id]) => id);
    await waitFor(() => refusals.length > 0 && bea.status === 'synced', { timeout: 10_000, what: 'held-back notice' });
    const idea = core.addIdea(session, { boardId: 'main', text: 'Swings' });
    await waitFor(async () => (await watcher.sync(), core.roots(watcher.doc).ideas.has(idea)), { timeout: 10_000, interval: 100, what: 'Bea’s new idea' });
    await waitFor(() => shownAs().length === 1 && shownAs()[0] === beaDoc.clientID, { timeout: 10_000, what: 'Bea shown under her new client id' });
    expect(bea.hasUnsyncedChanges).toBe(true);

    // Bea's page goes away; Ana comes back meanwhile; Bea's page comes back.
    bea.disconnect();
    expect(readLocal(bea)).toBe('bea');
    await YClient.connect(cleanup, second.url, room, ANA, { doc: ana.doc });
    await waitFor(async () => (await watcher.sync(), core.roots(watcher.doc).ideas.size >= 2), { timeout: 10_000, interval: 100, what: 'Ana’s idea back' });
    bea.reconnect();
    await waitFor(async () => (await watcher.sync(), core.roots(watcher.doc).comments.has(comment)), { timeout: 10_000, interval: 100, what: 'the held-back comment in the room' });
    await waitFor(() => !bea.hasUnsyncedChanges && bea.status === 'synced', { timeout: 10_000, what: 'Bea’s page saying saved' });
    await waitFor(() => shownAs().length === 1 && shownAs()[0] === beaDoc.clientID, { timeout: 10_000, what: 'Bea shown again after reconnecting' });
    expect(refusals).toEqual([HELD_BACK]);
    expect(deniedFrames).toEqual([HELD_BACK]);
  }, 40_000);

  it('a page that stays under its client id is told once per episode, however many changes queue behind', async () => {
    const beaDoc = new Y.Doc();
    let first: YClient | null = null;
    const { room, ana, comment, restart } = await lostEdits(4241, async (url, roomName) => {
      const c = await YClient.connect(cleanup, url, roomName, BEA, { doc: beaDoc });
      first = c;
      return { doc: beaDoc, session: c.session as core.WorkshopSession, settled: () => c.sync() };
    });
    (first as unknown as YClient).ws.terminate();
    const second = await restart();
    const bea = await YClient.connect(cleanup, second.url, room, BEA, { doc: beaDoc });
    const watcher = await YClient.connect(cleanup, second.url, room, CERI);
    await waitFor(() => bea.denials.length > 0, { timeout: 10_000, what: 'held-back notice' });
    const own: string[] = [];
    for (let i = 0; i < 5; i++) {
      own.push(core.addIdea(bea.session as core.WorkshopSession, { boardId: 'main', text: `Bea idea ${i}` }));
      await bea.sync();
    }
    await watcher.sync();
    // This client does not switch ids: its ideas queue behind the comment (the stock behaviour)…
    expect(own.filter((id) => core.roots(watcher.doc).ideas.has(id))).toEqual([]);
    // …and it was told once, not once per message.
    expect(bea.denials).toEqual([HELD_BACK]);

    await YClient.connect(cleanup, second.url, room, ANA, { doc: ana.doc });
    await waitFor(
      async () => {
        await watcher.sync();
        return core.roots(watcher.doc).comments.has(comment) && own.every((id) => core.roots(watcher.doc).ideas.has(id));
      },
      { timeout: 10_000, interval: 100, what: 'everything held back in the room' },
    );
    expect(bea.denials).toEqual([HELD_BACK]);
  }, 40_000);
});
