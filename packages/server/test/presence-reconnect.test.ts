// After a dropped connection, a page sees everyone who is still in the room as soon as it is back,
// not only after each person's next presence change (y-protocols keeps the clocks of the states
// y-websocket removed on the drop, and ignored the server's resend of the same states). Real
// server, the core connection helper.
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Connection } from '@coproduce/core/connection';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Cleanup, startServer, waitFor } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

function person(url: string, room: string, name: string): Connection {
  const doc = new Y.Doc();
  const connection = connect({ serverUrl: url, room, doc, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, offline: false, crossTab: false });
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
});
