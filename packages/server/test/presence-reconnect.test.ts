// Presence across dropped connections, with the real server and the core connection helper:
// - a page that is back sees the others at once, and is seen by them at once (y-websocket removes
//   the others' states on a drop but y-protocols kept their clocks, so the server's resend was
//   ignored; and the server's removal of the page's state had a newer clock than the page's
//   resend) — not only after the next presence renewals, up to ~30 s later;
// - two tabs of one browser going offline together (the connection follows the browser's offline
//   event and keeps the tabs in touch meanwhile) must not keep someone who left on their pages by
//   passing each other the states they had before. Node has no `window`: that test gives the
//   connections one to fire the browser's events on, and the tabs share this process's
//   BroadcastChannel.
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

function person(url: string, room: string, name: string, crossTab = false): Connection {
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

describe('presence after a dropped connection', () => {
  it('shows the others again as soon as the page is back, without waiting for their next change', async () => {
    const { url } = await startServer(cleanup);
    const sam = person(url, 'market', 'Sam');
    const ana = person(url, 'market', 'Ana');
    await Promise.all([sam.whenSynced(), ana.whenSynced()]);
    await waitFor(() => names(sam).join() === 'Ana,Sam', { what: 'Sam to see Ana' });

    // Sam's connection drops: y-websocket removes everyone else's presence.
    sam.provider.disconnect();
    await waitFor(() => names(sam).join() === 'Sam', { what: 'the others removed on the drop' });

    // Ana changes nothing. Sam's page is back well before her next renewal (every 15 s).
    sam.provider.connect();
    await sam.whenSynced();
    await waitFor(() => names(sam).join() === 'Ana,Sam', { what: 'Ana shown again after the reconnect', timeout: 3000 });
    // And Ana still sees Sam.
    await waitFor(() => names(ana).join() === 'Ana,Sam', { what: 'Ana to see Sam' });
  });

  it('shows a page to the others as soon as it is back, after the server removed it', async () => {
    const { url } = await startServer(cleanup);
    const sam = person(url, 'market', 'Sam');
    const ana = person(url, 'market', 'Ana');
    await Promise.all([sam.whenSynced(), ana.whenSynced()]);
    await waitFor(() => names(ana).join() === 'Ana,Sam', { what: 'Ana to see Sam' });

    sam.provider.disconnect();
    await waitFor(() => names(ana).join() === 'Ana', { what: 'the server to remove Sam' });

    sam.provider.connect();
    await sam.whenSynced();
    await waitFor(() => names(ana).join() === 'Ana,Sam', { what: 'Sam shown to Ana again', timeout: 4000 });
    await waitFor(() => names(sam).join() === 'Ana,Sam', { what: 'Sam to see Ana' });
  }, 15_000);
});

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
