// A connection whose own changes are held back (they build on another person's changes the room
// does not have) is told once per episode; what it sends meanwhile is held back quietly. A client can
// put itself in that state at will (a change of its own that builds on a made-up change under
// another person's client id), so what the room remembers of the episode must stay bounded however
// much the client sends.
import * as encoding from 'lib0/encoding';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { HELD_BACK } from '../src/policy/analyse.js';
import { Cleanup, stockClient, waitFor, whenSynced } from './helpers.js';
import { startPolicyServer, tokenFor, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const ANA: Person = { id: 'ana', name: 'Ana', role: 'participant' };
const MAL: Person = { id: 'mallory', name: 'Mallory', role: 'participant' };

/**
 * An update naming `clients` fresh client ids (from `first` on), each with one struct at clock 1:
 * what precedes it is missing, so the room holds it back. Written byte by byte (Yjs's update
 * format v1: clients, then per client its struct count, id, first clock and structs; no deletes).
 */
function gappedUpdate(first: number, clients: number): Uint8Array {
  // A map entry `b` of root `junk` (what Yjs writes for `doc.getMap('junk').set('b', 2)`).
  const struct = Uint8Array.from([40, 1, 4, 106, 117, 110, 107, 1, 98, 1, 125, 2]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients);
  for (let i = 0; i < clients; i++) {
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, first + i);
    encoding.writeVarUint(encoder, 1);
    encoding.writeUint8Array(encoder, struct);
  }
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/** A token-auth server, a room with board `main` (set up by Ceri) and Ana's idea in it. */
async function roomWithAnaIdea(room: string) {
  const srv = await startPolicyServer(cleanup);
  const ceri = await YClient.connect(cleanup, srv.url, room, CERI);
  await ceri.accepted((s) => {
    core.createWorkshop(s.doc, { title: 'Park', origin: s.origin });
    core.createBoard(s, { id: 'main', title: 'Ideas' });
  });
  const ana = await YClient.connect(cleanup, srv.url, room, ANA);
  await ana.accepted((s) => core.addIdea(s, { boardId: 'main', text: 'A pond' }));
  return { srv, room, ceri, ana };
}

describe('a held-back episode', () => {
  it('stays bounded, with one notice, however many client ids the held-back client names', async () => {
    const { srv, room, ceri, ana } = await roomWithAnaIdea('held-flood');
    const mallory = await YClient.connect(cleanup, srv.url, room, MAL);
    // Mallory makes up an idea under Ana's client id and comments on it under her own.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(mallory.doc));
    const roomState = Y.encodeStateVector(forged);
    forged.clientID = ana.doc.clientID;
    const fake = core.addIdea(new core.WorkshopSession(forged, { user: ANA, undo: false }), { boardId: 'main', text: 'Made up' });
    forged.clientID = mallory.doc.clientID;
    core.addComment(new core.WorkshopSession(forged, { user: MAL, undo: false }), { ideaId: fake, text: 'On it' });
    mallory.sendUpdate(Y.encodeStateAsUpdate(forged, roomState));
    await waitFor(() => mallory.denials.length > 0, { what: 'held-back notice' });
    expect(mallory.denials).toEqual([HELD_BACK]);
    // Then she sends updates naming 400,000 fresh client ids, all held back. A first 40,000 warm
    // the path up (compiled code, buffers, the room's capped notes), so that what is measured is
    // what each further id costs.
    const flood = async (from: number, batches: number) => {
      for (let i = 0; i < batches; i++) {
        mallory.sendUpdate(gappedUpdate(from + i * 4_000, 4_000));
        await mallory.sync(30_000);
      }
    };
    await flood(500_000, 10);
    const before = heapAfterGc();
    await flood(1_000_000, 100);
    const grown = heapAfterGc() - before;
    // Still one notice, still connected; and the room did not keep a note per client id (400,000
    // of them took 15 MB when it did; about 0.6 MB is left now).
    expect(mallory.denials).toEqual([HELD_BACK]);
    expect(mallory.closed).toBeNull();
    expect(grown).toBeLessThan(8 * 1024 * 1024);
    // The room goes on: Ana's next idea reaches Ceri.
    await ana.accepted((s) => core.addIdea(s, { boardId: 'main', text: 'Swings' }));
    await waitFor(async () => (await ceri.sync(), core.readBoard(ceri.doc, 'main').ideas.some((i) => i.text === 'Swings')), { what: "Ana's idea at Ceri's" });
  }, 120_000);

  it('leaves a stock y-websocket client connected and in sync: it only logs the notice', async () => {
    const { srv, room, ceri, ana } = await roomWithAnaIdea('held-stock');
    const warnings: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
    cleanup.add(() => warn.mockRestore());
    const stock = stockClient(cleanup, srv.url, room, { params: { token: await tokenFor(room, MAL) } });
    await whenSynced(stock);
    // The stock page's own change builds on a change under Ana's client id that the room lacks.
    const { doc } = stock;
    const own = doc.clientID;
    doc.transact(() => {
      doc.clientID = ana.doc.clientID;
      const fake = core.addIdea(new core.WorkshopSession(doc, { user: ANA, undo: false }), { boardId: 'main', text: 'Made up' });
      doc.clientID = own;
      core.addComment(new core.WorkshopSession(doc, { user: MAL, undo: false }), { ideaId: fake, text: 'On it' });
    });
    await waitFor(() => warnings.some((w) => w.includes(HELD_BACK)), { what: 'the notice logged' });
    // Still connected and synced; what others write still reaches it.
    await ceri.accepted((s) => core.addIdea(s, { boardId: 'main', text: 'Swings' }));
    await waitFor(() => core.readBoard(doc, 'main').ideas.some((i) => i.text === 'Swings'), { what: "Ceri's idea at the stock client" });
    expect(stock.provider.wsconnected).toBe(true);
    expect(stock.provider.synced).toBe(true);
    expect(warnings.filter((w) => w.includes(HELD_BACK))).toHaveLength(1);
  });
});
