/**
 * The connection following the browser's `online`/`offline` events, against real sockets (the
 * `ws` client; a port nobody listens on is a server that is down). Node has no `window`: the test
 * gives the connection one (an EventTarget) to fire the browser's events on.
 */
import { createServer, type AddressInfo } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Connection } from '@coproduce/core/connection';

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A port with nothing listening on it (a sync server that is down). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const fakeWindow = new EventTarget();
let attempts = 0;
class CountingWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols);
    attempts++;
    this.on('error', () => {}); // refused: reported as a close too
  }
}

const open: Connection[] = [];
afterEach(() => {
  for (const connection of open.splice(0)) connection.destroy();
  delete (globalThis as { window?: unknown }).window;
});

describe('connect() following the network', () => {
  it('keeps one retry going with its backoff when the browser says "online" while the server is down (no reconnect storm)', async () => {
    (globalThis as { window?: unknown }).window = fakeWindow;
    const port = await deadPort();
    attempts = 0;
    const connection = connect({ serverUrl: `ws://127.0.0.1:${port}`, room: 'storm', doc: new Y.Doc(), WebSocketPolyfill: CountingWebSocket as never, maxBackoffTime: 1000 });
    open.push(connection);
    // A flapping network: "online" ten times while the server stays down.
    for (let i = 0; i < 10; i++) {
      await wait(150);
      fakeWindow.dispatchEvent(new Event('online'));
    }
    // Let the retry settle to its longest wait, then count the attempts over 4 s: one retry every
    // second at most (about 4). Every "online" starting a retry of its own would make ~40.
    await wait(2500);
    const before = attempts;
    await wait(4000);
    expect(attempts - before).toBeLessThanOrEqual(8);
    expect(connection.status).toBe('offline');
  }, 20_000);

  it('leaves no listener on the window and no retry behind when destroyed while offline', async () => {
    const listeners = new Map<string, number>();
    const counting = new EventTarget();
    const add = counting.addEventListener.bind(counting);
    const remove = counting.removeEventListener.bind(counting);
    counting.addEventListener = (type: string, listener: EventListenerOrEventListenerObject | null) => {
      listeners.set(type, (listeners.get(type) ?? 0) + 1);
      add(type, listener);
    };
    counting.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject | null) => {
      listeners.set(type, (listeners.get(type) ?? 0) - 1);
      remove(type, listener);
    };
    (globalThis as { window?: unknown }).window = counting;
    const port = await deadPort();
    attempts = 0;
    const connection = connect({ serverUrl: `ws://127.0.0.1:${port}`, room: 'gone', doc: new Y.Doc(), WebSocketPolyfill: CountingWebSocket as never, maxBackoffTime: 300 });
    expect(listeners.get('online')).toBe(1);
    counting.dispatchEvent(new Event('offline'));
    counting.dispatchEvent(new Event('online'));
    counting.dispatchEvent(new Event('offline'));
    connection.destroy();
    expect([listeners.get('online'), listeners.get('offline')]).toEqual([0, 0]);
    const after = attempts;
    counting.dispatchEvent(new Event('online'));
    await wait(1000);
    expect(attempts).toBe(after);
  });
});
