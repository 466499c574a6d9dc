// Every reason the server has for not keeping part of a change reaches the sender (one
// permission-denied each), and a connection the server turns away is not reported as a refused
// change. Real server, real sockets; raw Yjs clients and the core connection helper.
import { afterEach, describe, expect, it } from 'vitest';
import * as core from '@coproduce/core';
import { connect, type ConnectionStatusDetail, type RefusalDetail } from '@coproduce/core/connection';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Cleanup, waitFor } from './helpers.js';
import { startPolicyServer, tokenFor, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const SAM: Person = { id: 'sam', name: 'Sam', role: 'participant' };
let rooms = 0;

describe('the reasons for a refused part of a batch', () => {
  it('sends every distinct reason, each once: a late ballot and an idea on a board locked meanwhile', async () => {
    const srv = await startPolicyServer(cleanup);
    const room = `reasons-${++rooms}`;
    const ceri = await YClient.connect(cleanup, srv.url, room, CERI);
    await ceri.accepted((s) => {
      core.createWorkshop(s.doc, { title: 'Library', origin: s.origin });
      core.joinWorkshop(s);
      core.createBoard(s, { id: 'main', title: 'Ideas' });
      core.createBoard(s, { id: 'other', title: 'More ideas' });
      core.createPoll(s, { id: 'first', title: 'Which first?', method: 'single', options: ['Benches', 'Shade'], open: true });
    });
    const option = ((core.parsePoll(core.roots(ceri.doc).polls.get('first')) as core.Poll).options as readonly core.PollOption[])[0]!.id;

    // Sam's device: synced, then offline while Sam writes two ideas on the main board, one on the
    // other board, and votes; meanwhile the facilitator locks the main board and closes the vote.
    const first = await YClient.connect(cleanup, srv.url, room, SAM);
    await first.accepted((s) => core.joinWorkshop(s));
    const doc = first.doc;
    first.ws.close();
    await waitFor(() => first.closed !== null, { what: 'socket closed' });
    doc.transact(() => {
      const s = first.session as core.WorkshopSession;
      core.addIdea(s, { boardId: 'main', text: 'Quiet room upstairs' });
      core.addIdea(s, { boardId: 'main', text: 'Longer hours' });
      core.addIdea(s, { boardId: 'other', text: 'A bike rack' });
      core.castBallot(s, 'first', [option]);
    });
    await ceri.accepted((s) => {
      core.lockElement(s, 'main', 'Reading time');
      core.closePoll(s, 'first');
    });
    const sam = await YClient.connect(cleanup, srv.url, room, SAM, { doc });
    await sam.denied(0);
    await waitFor(() => sam.denials.length >= 2, { what: 'both reasons' });
    await sam.sync();
    expect([...sam.denials].sort()).toEqual(['This board is locked by the facilitator: Reading time', 'This vote is closed']);
    // The idea on the open board is kept.
    await ceri.sync();
    expect(core.readBoard(ceri.doc, 'other').ideas.map((i) => i.text)).toEqual(['A bike rack']);
  });
});

describe('a connection the server turns away', () => {
  it('is `closed` with the server’s reason, and no change of the person’s is reported refused', async () => {
    const srv = await startPolicyServer(cleanup);
    const room = `turned-away-${++rooms}`;
    for (const token of [undefined, 'not-a-token']) {
      const doc = new Y.Doc();
      const connection = connect({
        serverUrl: srv.url, room, doc, WebSocketPolyfill: WebSocket, ...(token !== undefined ? { token } : {}),
      });
      cleanup.add(() => {
        connection.destroy();
        doc.destroy();
      });
      const refusals: RefusalDetail[] = [];
      connection.on('refused', (detail) => refusals.push(detail));
      let closed: ConnectionStatusDetail['closed'] = null;
      connection.on('status', (detail) => {
        closed ??= detail.closed;
      });
      await waitFor(() => closed !== null, { what: 'the close' });
      expect(closed!.code).toBe(4401);
      expect(closed!.reason).toMatch(token === undefined ? /^Missing token/ : /^Invalid token/);
      expect(refusals).toEqual([]);
      expect(connection.lastRefusal).toBeNull();
    }
  });

  it('still reports a refused change once admitted', async () => {
    const srv = await startPolicyServer(cleanup);
    const room = `admitted-${++rooms}`;
    const ceri = await YClient.connect(cleanup, srv.url, room, CERI);
    await ceri.accepted((s) => {
      core.createWorkshop(s.doc, { title: 'Library', origin: s.origin });
      core.joinWorkshop(s);
    });
    const doc = new Y.Doc();
    const connection = connect({ serverUrl: srv.url, room, doc, WebSocketPolyfill: WebSocket, token: await tokenFor(room, SAM), confirmDelayMs: 20 });
    cleanup.add(() => {
      connection.destroy();
      doc.destroy();
    });
    const refusals: RefusalDetail[] = [];
    connection.on('refused', (detail) => refusals.push(detail));
    await connection.whenSynced();
    const session = new core.WorkshopSession(doc, { user: SAM, undo: false });
    cleanup.add(() => session.destroy());
    // Written straight into the document (the core would refuse it itself): Sam is no facilitator.
    core.roots(doc).meta.set('title', 'Renamed by Sam');
    await waitFor(() => refusals.length > 0, { what: 'the refused event' });
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.reason).toMatch(/\S/);
  });
});
