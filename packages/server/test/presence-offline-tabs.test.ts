// Two tabs of one browser going offline together (the connection follows the browser's offline
// event and keeps the tabs in touch while offline): someone who leaves meanwhile must not be kept
// on their pages by the tabs passing each other the states they had before. Real server, the core
// connection helper; Node has no `window`, so the test gives the connections one to fire the
// browser's events on, and the two tabs share this process's BroadcastChannel.
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Connection } from '@coproduce/core/connection';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Cleanup, startServer, waitFor } from './helpers.js';

const cleanup = new Cleanup();
afterEach(async () => {
  await cleanup.run();
  delete (globalThis as { window?: unknown }).window;
});

function person(url: string, room: string, name: string, crossTab: boolean): Connection {
  const doc = new Y.Doc();
  const connection = connect({ serverUrl: url, room, doc, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, offline: false, crossTab });
  connection.awareness.setLocalStateField('user', { name });
  cleanup.add(() => {
    connection.destroy();
    doc.destroy();
  });
  return connection;
}

const names = (connection: Connection): string[] =>
  [...connection.awareness.getStates().values()].map((state) => (state as { user?: { name?: string } }).user?.name ?? '?').sort();

describe('presence while a browser is offline', () => {
  it('does not keep someone who left on the pages of tabs that went offline together', async () => {
    const network = new EventTarget();
    (globalThis as { window?: unknown }).window = network;
    const { url } = await startServer(cleanup);
    const room = `tabs-${Math.random().toString(36).slice(2)}`;
    const tab1 = person(url, room, 'Tab1', true);
    const tab2 = person(url, room, 'Tab2', true);
    const xena = person(url, room, 'Xena', false); // on another device
    await Promise.all([tab1.whenSynced(), tab2.whenSynced(), xena.whenSynced()]);
    await waitFor(() => names(tab1).join() === 'Tab1,Tab2,Xena' && names(tab2).join() === 'Tab1,Tab2,Xena', { what: 'everyone seen' });

    network.dispatchEvent(new Event('offline'));
    await waitFor(() => tab1.status === 'offline' && tab2.status === 'offline', { what: 'both tabs offline' });
    // Xena leaves while the browser is offline; the tabs cannot hear it.
    xena.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));

    network.dispatchEvent(new Event('online'));
    await Promise.all([tab1.whenSynced(), tab2.whenSynced()]);
    // Back online: the server says who is there; Xena is not (she would stay ~30 s, until the stale state timed out).
    await waitFor(() => names(tab1).join() === 'Tab1,Tab2' && names(tab2).join() === 'Tab1,Tab2', { what: 'Xena gone from both tabs', timeout: 4000 });
    expect(names(tab1)).toEqual(['Tab1', 'Tab2']);
  }, 20_000);
});
