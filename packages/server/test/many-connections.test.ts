// One Node process with many `connect()` connections open at once (a facilitator's script, a
// load test, a bridge): y-websocket adds a `process.on('exit')` listener per connection, which
// made Node warn "MaxListenersExceededWarning: 11 exit listeners added" past 10. Each connection
// makes room for its own listener while it lives and gives it back when it is destroyed. Real
// sync server, the `ws` client.
import { connect, type Connection } from '@coproduce/core/connection';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Cleanup, startServer, waitFor } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

describe('many connections in one Node process', () => {
  it('open 15 at once without a MaxListenersExceededWarning, and put the listener limit back', async () => {
    const { url } = await startServer(cleanup);
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    cleanup.add(() => void process.off('warning', onWarning));
    const limitBefore = process.getMaxListeners();
    const exitListenersBefore = process.listenerCount('exit');

    const connections: Connection[] = [];
    for (let i = 0; i < 15; i++) {
      const doc = new Y.Doc();
      const connection = connect({ serverUrl: url, room: `many-${i}`, doc, WebSocketPolyfill: WebSocket as never, crossTab: false, offline: false });
      connections.push(connection);
      cleanup.add(() => {
        connection.destroy();
        doc.destroy();
      });
    }
    await waitFor(() => connections.every((c) => c.status === 'synced'), { timeout: 15_000, what: 'every connection synced' });
    expect(process.listenerCount('exit')).toBe(exitListenersBefore + 15);
    // Node emits the warning on a later tick: give it one.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([]);

    for (const connection of connections) connection.destroy();
    // Destroying twice gives nothing back twice.
    connections[0]!.destroy();
    expect(process.listenerCount('exit')).toBe(exitListenersBefore);
    expect(process.getMaxListeners()).toBe(limitBefore);
  });
});
