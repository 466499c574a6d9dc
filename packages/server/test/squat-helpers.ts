// Shared by the tests of client ids seen in presence (client-id-squat, review-server-presence): the
// people, a room with a board, and the two forgeries a hostile participant (valid token, raw Yjs)
// can send — an edit under someone else's client id, and presence under it.
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import type { Cleanup } from './helpers.js';
import { startPolicyServer, YClient, type Person } from './policy-helpers.js';

export const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
export const BOB: Person = { id: 'bob', name: 'Bob', role: 'participant' };
export const MAL: Person = { id: 'mallory', name: 'Mallory', role: 'participant' };

/** A person's presence state, as the elements publish it. */
export const presence = (person: Person) => ({ user: { id: person.id, name: person.name, colour: 'blue', role: person.role }, focus: null });

/** The texts of board `main`'s ideas, sorted. */
export const texts = (doc: Y.Doc): string[] => core.readBoard(doc, 'main').ideas.map((i) => i.text).sort();

/** An awareness entry for `clientId` with `state`, at a clock past anything the room has seen for it. */
export function forgedPresence(clientId: number, state: Record<string, unknown>, clock = 50): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new awarenessProtocol.Awareness(doc);
  for (let i = 0; i < clock; i++) awareness.setLocalState({ ...state, i });
  awareness.setLocalState(state);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]);
  awareness.destroy();
  doc.destroy();
  return update;
}

/** `attacker` writes an idea in Mallory's name under `clientId`, past what the room has of it. */
export function squat(attacker: YClient, clientId: number, text: string): void {
  const forged = new Y.Doc();
  forged.clientID = clientId;
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(attacker.doc));
  const before = Y.encodeStateVector(forged);
  const session = new core.WorkshopSession(forged, { user: MAL, undo: false });
  core.addIdea(session, { boardId: 'main', text });
  attacker.sendUpdate(Y.encodeStateAsUpdate(forged, before));
  session.destroy();
  forged.destroy();
}

/** A token-auth server and a room with board `main` (set up by Ceri), and Mallory connected. */
export async function squatRoom(cleanup: Cleanup, prefix: string) {
  const srv = await startPolicyServer(cleanup);
  const room = `${prefix}-${Math.random().toString(36).slice(2)}`;
  const ceri = await YClient.connect(cleanup, srv.url, room, CERI);
  await ceri.accepted((s) => {
    core.createWorkshop(s.doc, { title: 'Park', origin: s.origin });
    core.createBoard(s, { id: 'main', title: 'Ideas' });
  });
  const mallory = await YClient.connect(cleanup, srv.url, room, MAL);
  return { srv, room, ceri, mallory };
}
