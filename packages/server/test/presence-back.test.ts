// A page whose connection dropped is shown to the others again as soon as it is back, not only
// after its presence renewals (the server keeps the clock it gave the removed state, and ignored
// the page's resend of the same state). Real server, the core connection helper.
import { afterEach, describe, it } from 'vitest';
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

describe('presence of a page that is back', () => {
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
