// Review of the held-back client-id switch (`@coproduce/core/connection`) against the real sync
// server (token auth, workshop policy): presence seen by others, undo, whenConfirmed.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { connect, HELD_BACK_REASON, type Connection } from '@coproduce/core/connection';
import { Cleanup, sleep, waitFor } from '../../server/test/helpers.js';
import { startPolicyServer, tokenFor, type Person } from '../../server/test/policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const ANA: Person = { id: 'ana', name: 'Ana', role: 'participant' };
const BEA: Person = { id: 'bea', name: 'Bea', role: 'participant' };

async function person(url: string, room: string, who: Person, options: { undo?: boolean } = {}) {
  const doc = new Y.Doc();
  const conn = connect({ serverUrl: url, room, doc, token: await tokenFor(room, who), WebSocketPolyfill: WebSocket as never, crossTab: false, offline: false, maxBackoffTime: 300 });
  const session = new core.WorkshopSession(doc, { user: who, undo: options.undo ?? false });
  const refusals: string[] = [];
  conn.on('refused', (d) => refusals.push(d.reason));
  cleanup.add(() => {
    conn.destroy();
    session.destroy();
    doc.destroy();
  });
  await conn.whenSynced();
  return { doc, conn, session, refusals };
}

/**
 * Ana writes an idea offline that reaches Bea's page (not the room); Bea comments on it while her
 * connection is down, and comes back: the room holds the comment back and says so.
 */
async function heldBack(options: { undo?: boolean; bench?: boolean } = {}) {
  const { url } = await startPolicyServer(cleanup);
  const room = 'held';
  const ceri = await person(url, room, CERI);
  core.createWorkshop(ceri.doc, { title: 'Park', origin: ceri.session.origin });
  core.createBoard(ceri.session, { id: 'main', title: 'Ideas' });
  await ceri.conn.whenConfirmed();
  const ana = await person(url, room, ANA);
  core.joinWorkshop(ana.session);
  await ana.conn.whenConfirmed();
  const bea = await person(url, room, BEA, options);
  core.joinWorkshop(bea.session);
  core.setLocalPresence(bea.conn.awareness, { user: core.presenceUser(bea.session), focus: null });
  await bea.conn.whenConfirmed();
  bea.session.undoManager?.stopCapturing();
  const bench = options.bench ? core.addIdea(bea.session, { boardId: 'main', text: 'A bench' }) : null;
  await bea.conn.whenConfirmed();
  bea.session.undoManager?.stopCapturing();
  ana.conn.disconnect();
  const known = Y.encodeStateVector(ana.doc);
  const pond = core.addIdea(ana.session, { boardId: 'main', text: 'A pond' });
  const anaOffline = Y.encodeStateAsUpdate(ana.doc, known);
  bea.conn.disconnect();
  Y.applyUpdate(bea.doc, anaOffline, bea.conn.provider);
  const firstId = bea.doc.clientID;
  const comment = core.addComment(bea.session, { ideaId: pond, text: 'With ducks' });
  return { url, room, ceri, ana, bea, pond, comment, firstId, bench };
}

const shownAs = (conn: Connection, id: string): number[] =>
  [...conn.awareness.getStates()].filter(([, s]) => (s as { user?: { id?: string } }).user?.id === id).map(([c]) => c);

describe('review: the held-back client-id switch', () => {
  it('presence: others see the person once, under the new id, and not at all once they leave', async () => {
    const { ceri, bea, firstId } = await heldBack();
    await waitFor(() => shownAs(ceri.conn, 'bea').length === 1, { what: 'Bea shown' });
    bea.conn.reconnect();
    await waitFor(() => bea.refusals.includes(HELD_BACK_REASON), { timeout: 10_000, what: 'held back' });
    await waitFor(() => bea.doc.clientID !== firstId, { what: 'new id' });
    const seen: number[][] = [];
    const off = () => seen.push(shownAs(ceri.conn, 'bea'));
    ceri.conn.awareness.on('change', off);
    await waitFor(() => shownAs(ceri.conn, 'bea').length === 1 && shownAs(ceri.conn, 'bea')[0] === bea.doc.clientID, { timeout: 10_000, what: 'Bea under her new id' });
    await sleep(500);
    expect(shownAs(ceri.conn, 'bea')).toEqual([bea.doc.clientID]);
    expect(seen.every((ids) => ids.length <= 1)).toBe(true);
    bea.conn.destroy();
    await waitFor(() => shownAs(ceri.conn, 'bea').length === 0, { timeout: 3000, what: 'Bea gone' });
    ceri.conn.awareness.off('change', off);
  }, 30_000);

  it('never says everything is confirmed between reconnecting and the held-back notice, nor after it', async () => {
    const { bea } = await heldBack();
    const seen: string[] = [];
    bea.conn.on('status', (d) => seen.push(`${d.status}:${d.hasUnsyncedChanges}`));
    bea.conn.on('refused', () => seen.push('refused'));
    let confirmed = false;
    void bea.conn.whenConfirmed().then(() => (confirmed = true));
    bea.conn.reconnect();
    await waitFor(() => bea.refusals.includes(HELD_BACK_REASON), { timeout: 10_000, what: 'held back' });
    await sleep(1000);
    expect(bea.conn.hasUnsyncedChanges).toBe(true);
    expect(bea.conn.hasHeldBackChanges).toBe(true);
    expect(seen.filter((s) => s.endsWith(':false')), seen.join(' ')).toEqual([]);
    expect(confirmed).toBe(false);
  }, 30_000);

  it('undo after the switch undoes edits made before and after it', async () => {
    const { ceri, bea, firstId, bench } = await heldBack({ undo: true, bench: true });
    bea.session.undoManager?.stopCapturing();
    bea.conn.reconnect();
    await waitFor(() => bea.doc.clientID !== firstId, { timeout: 10_000, what: 'new id' });
    const idea = core.addIdea(bea.session, { boardId: 'main', text: 'Swings' });
    await waitFor(() => core.roots(ceri.doc).ideas.has(idea), { timeout: 10_000, what: 'idea at Ceri' });
    // Swings (after the switch), then the comment (held back), then the bench (saved before it).
    expect(bea.session.undo()).toBe(true);
    await waitFor(() => !core.roots(ceri.doc).ideas.has(idea), { timeout: 10_000, what: 'swings undone at Ceri' });
    expect(bea.session.undo()).toBe(true);
    expect(bea.session.undo()).toBe(true);
    expect(core.roots(bea.doc).ideas.has(bench as string)).toBe(false);
    await waitFor(() => !core.roots(ceri.doc).ideas.has(bench as string), { timeout: 10_000, what: 'bench undone at Ceri' });
  }, 30_000);

  it('a page reopened with held-back changes in its offline copy does not say they are confirmed before the server has them', async () => {
    const { url, room, bea } = await heldBack();
    // Bea's page closes with the comment unsent; it opens again with her offline copy (here: the
    // document as it was, loaded before connecting, as y-indexeddb does).
    const copy = Y.encodeStateAsUpdate(bea.doc);
    bea.conn.destroy();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, copy);
    const conn = connect({ serverUrl: url, room, doc, token: await tokenFor(room, BEA), WebSocketPolyfill: WebSocket as never, crossTab: false, offline: false, maxBackoffTime: 300 });
    cleanup.add(() => {
      conn.destroy();
      doc.destroy();
    });
    const seen: string[] = [];
    conn.on('status', (d) => seen.push(`${d.status}:${d.hasUnsyncedChanges}`));
    const refusals: string[] = [];
    conn.on('refused', (d) => refusals.push(d.reason));
    let confirmedEarly = false;
    void conn.whenSynced().then(() => conn.whenConfirmed()).then(() => (confirmedEarly = refusals.length === 0 || !conn.hasUnsyncedChanges));
    await waitFor(() => refusals.includes(HELD_BACK_REASON), { timeout: 10_000, what: 'held back' });
    await sleep(500);
    expect(conn.hasUnsyncedChanges).toBe(true);
    expect(seen.filter((s) => s === 'synced:false'), seen.join(' ')).toEqual([]);
    expect(confirmedEarly).toBe(false);
  }, 30_000);

  it('presence follows a client id Yjs changes by itself (its id used by another peer), once, for the others too', async () => {
    const { url } = await startPolicyServer(cleanup);
    const room = 'self-change';
    const ceri = await person(url, room, CERI);
    core.createWorkshop(ceri.doc, { title: 'Park', origin: ceri.session.origin });
    core.createBoard(ceri.session, { id: 'main', title: 'Ideas' });
    await ceri.conn.whenConfirmed();
    const bea = await person(url, room, BEA);
    core.joinWorkshop(bea.session);
    core.setLocalPresence(bea.conn.awareness, { user: core.presenceUser(bea.session), focus: null });
    await bea.conn.whenConfirmed();
    await waitFor(() => shownAs(ceri.conn, 'bea').length === 1, { what: 'Bea shown' });
    const firstId = bea.doc.clientID;
    // Another copy of Bea's document writing under the same client id (a copied browser profile, say).
    const twin = new Y.Doc();
    Y.applyUpdate(twin, Y.encodeStateAsUpdate(bea.doc));
    twin.clientID = firstId;
    const twinSession = new core.WorkshopSession(twin, { user: BEA, undo: false });
    const twinIdea = core.addIdea(twinSession, { boardId: 'main', text: 'From the twin' });
    Y.applyUpdate(bea.doc, Y.encodeStateAsUpdate(twin, Y.encodeStateVector(bea.doc)), bea.conn.provider);
    twinSession.destroy();
    twin.destroy();
    expect(bea.doc.clientID).not.toBe(firstId);
    expect(bea.conn.awareness.clientID).toBe(bea.doc.clientID);
    await waitFor(() => shownAs(ceri.conn, 'bea').length === 1 && shownAs(ceri.conn, 'bea')[0] === bea.doc.clientID, { timeout: 8000, what: `Bea under her new id (shown as ${shownAs(ceri.conn, 'bea')})` });
    // Her next idea, under the new id, reaches the room.
    const idea = core.addIdea(bea.session, { boardId: 'main', text: 'After the change' });
    await waitFor(() => core.roots(ceri.doc).ideas.has(idea), { timeout: 10_000, what: 'Bea’s idea at Ceri' });
    expect(core.roots(bea.doc).ideas.has(twinIdea)).toBe(true);
  }, 30_000);
});
