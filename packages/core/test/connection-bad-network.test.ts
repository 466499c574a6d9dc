/**
 * The connection on a bad network, against a real sync server (memory storage) and real sockets
 * (the `ws` client): a server or middlebox that takes the connection but never answers it, and the
 * reconnection backoff of devices dropped together.
 */
import { createServer as createTcpServer, connect as tcpConnect, type AddressInfo, type Server, type Socket } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Connection } from '@coproduce/core/connection';
import { Cleanup, sleep, startServer, waitFor } from '../../server/test/helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

let attempts = 0;
class CountingWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols);
    attempts++;
  }
}

/**
 * A TCP front for `targetPort`: while `answering` is false it accepts connections and never
 * answers them (a dead proxy, a captive portal); once true, new connections reach the server.
 */
async function silentFront(targetPort: number): Promise<{ port: number; answering: boolean }> {
  const sockets = new Set<Socket>();
  const front = { port: 0, answering: false };
  const server: Server = createTcpServer((client) => {
    sockets.add(client);
    client.on('error', () => {});
    client.on('close', () => sockets.delete(client));
    if (!front.answering) return; // taken, never answered
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.port = (server.address() as AddressInfo).port;
  cleanup.add(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return front;
}

function open(options: Parameters<typeof connect>[0]): Connection {
  const connection = connect({ crossTab: false, offline: false, WebSocketPolyfill: CountingWebSocket as never, ...options });
  cleanup.add(() => connection.destroy());
  return connection;
}

async function deadPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('connect() on a bad network', () => {
  it('gives up an attempt the server never answers and retries, so changes reach the server once it answers', async () => {
    const { port } = await startServer(cleanup);
    const front = await silentFront(port);
    attempts = 0;
    const doc = new Y.Doc();
    const connection = open({ serverUrl: `ws://127.0.0.1:${front.port}`, room: 'silent', doc, connectTimeoutMs: 300, maxBackoffTime: 200 });
    doc.getMap('ideas').set('a', 'A bench in the shade');
    expect(connection.hasUnsyncedChanges).toBe(true);
    // The first attempt hangs; it is given up and tried again (one attempt forever without the timeout).
    await waitFor(() => attempts >= 2, { timeout: 10_000, what: 'a second attempt' });
    expect(connection.status).toBe('offline');
    expect(connection.hasUnsyncedChanges).toBe(true);

    front.answering = true;
    await waitFor(() => connection.status === 'synced' && !connection.hasUnsyncedChanges, { timeout: 15_000, what: 'the change confirmed' });

    // Someone else connecting to the server directly sees the change, once.
    const other = new Y.Doc();
    const reader = open({ serverUrl: `ws://127.0.0.1:${port}`, room: 'silent', doc: other });
    await waitFor(() => reader.status === 'synced', { timeout: 10_000, what: 'the reader synced' });
    expect(other.getMap('ideas').toJSON()).toEqual({ a: 'A bench in the shade' });
  }, 40_000);

  it('waits longer after each attempt it gave up, instead of hammering a server that does not answer', async () => {
    const { port } = await startServer(cleanup);
    const front = await silentFront(port);
    attempts = 0;
    open({ serverUrl: `ws://127.0.0.1:${front.port}`, room: 'silent-slow', doc: new Y.Doc(), connectTimeoutMs: 200, maxBackoffTime: 100 });
    // Timeouts of 200, 400, then 800 ms (doubled, up to four times), each followed by a wait of at
    // most 100 ms: at most 4 attempts in 1.6 s (each waiting 200 ms would make 6 or more).
    await sleep(1600);
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(4);
  }, 20_000);

  it('spreads the retries of devices dropped together (jitter), and keeps to the wait it announces', async () => {
    const port = await deadPort();
    const waits: number[] = [];
    const started = new Map<Connection, number[]>();
    const due = new Map<Connection, number[]>();
    for (let i = 0; i < 6; i++) {
      const connection = open({ serverUrl: `ws://127.0.0.1:${port}`, room: `jitter-${i}`, doc: new Y.Doc(), maxBackoffTime: 400 });
      started.set(connection, []);
      due.set(connection, []);
      connection.provider.on('status', ({ status }) => {
        if (status === 'connecting') started.get(connection)?.push(Date.now());
      });
      connection.provider.on('connection-close', () => {
        const attempt = connection.provider.wsUnsuccessfulReconnects + 1;
        const closedAt = Date.now();
        // Once the provider has scheduled its next attempt (right after this event).
        queueMicrotask(() => {
          const at = connection.retryAt;
          if (at === null) return;
          due.get(connection)?.push(at);
          if (attempt >= 2) waits.push(at - closedAt);
        });
      });
    }
    await waitFor(() => waits.length >= 24, { timeout: 15_000, what: 'enough retries' });
    // Steps of 400, 800 (capped at 400)…: each wait is drawn between half the step and the whole.
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(150); // 200, less what passed between the two listeners
      expect(wait).toBeLessThanOrEqual(401);
    }
    // Not all the same (without jitter every one of them is exactly 400 ms).
    expect(new Set(waits.map((w) => Math.round(w / 10))).size).toBeGreaterThan(3);
    // Each attempt comes no earlier than the connection said it would.
    for (const [connection, times] of started) {
      const dues = due.get(connection) ?? [];
      for (let i = 0; i < dues.length && i + 1 < times.length; i++) expect(times[i + 1]!).toBeGreaterThanOrEqual(dues[i]! - 5);
    }
  }, 30_000);
});
