/**
 * A sync server under a path (`wss://host/coproduce`, behind a reverse proxy that publishes it
 * there): every address the connection uses stays under that path, never the origin's root. The
 * rules through `serverTimeUrl`, then real requests (Node's fetch, the `ws` client) to a real HTTP
 * listener that records the paths it is asked for.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, measureServerClock, serverTimeUrl, type Connection } from '@coproduce/core/connection';

describe('serverTimeUrl: the clock under the server’s path', () => {
  it.each([
    ['wss://council.example.gov.uk/coproduce', 'https://council.example.gov.uk/coproduce/time'],
    ['wss://council.example.gov.uk/coproduce/', 'https://council.example.gov.uk/coproduce/time'],
    ['ws://127.0.0.1:8080/a/b//', 'http://127.0.0.1:8080/a/b/time'],
    ['https://council.example.gov.uk/coproduce?token=abc#x', 'https://council.example.gov.uk/coproduce/time'],
    ['WSS://council.example.gov.uk/Coproduce', 'https://council.example.gov.uk/Coproduce/time'],
    ['wss://workshops.example.org', 'https://workshops.example.org/time'],
    ['wss://workshops.example.org/', 'https://workshops.example.org/time'],
  ])('%s → %s', (server, expected) => {
    expect(serverTimeUrl(server)).toBe(expected);
  });

  it('refuses an address that is not ws(s) or http(s)', () => {
    expect(() => serverTimeUrl('/coproduce')).toThrow(TypeError);
    expect(() => serverTimeUrl('ftp://host/coproduce')).toThrow(TypeError);
  });
});

describe('a connection to a server under a path', () => {
  let listener: http.Server | undefined;
  const open: Connection[] = [];
  afterEach(async () => {
    for (const connection of open.splice(0)) connection.destroy();
    await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
    listener = undefined;
  });

  /** A listener that records every path it is asked for, answers `/coproduce/time`, and turns WebSockets away. */
  async function recorder(): Promise<{ port: number; paths: string[] }> {
    const paths: string[] = [];
    listener = http.createServer((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      if (req.url === '/coproduce/time') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ now: Date.now() }));
      else res.writeHead(404).end();
    });
    listener.on('upgrade', (req, socket) => {
      paths.push(`WS ${req.url}`);
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((resolve) => listener!.listen(0, '127.0.0.1', resolve));
    return { port: (listener!.address() as AddressInfo).port, paths };
  }

  it('measures the clock at <server path>/time', async () => {
    const { port, paths } = await recorder();
    const measured = await measureServerClock(`ws://127.0.0.1:${port}/coproduce`, { samples: 2 });
    expect(measured.samples).toBe(2);
    expect(paths).toEqual(['GET /coproduce/time', 'GET /coproduce/time']);
  });

  it('opens its WebSocket at <server path>/<room>, with or without a trailing slash', async () => {
    const { port, paths } = await recorder();
    for (const serverUrl of [`ws://127.0.0.1:${port}/coproduce`, `ws://127.0.0.1:${port}/coproduce/`]) {
      const connection = connect({ serverUrl, room: 'high-street', token: 'abc', doc: new Y.Doc(), WebSocketPolyfill: WebSocket as never, offline: false, crossTab: false, followNetwork: false });
      open.push(connection);
      expect(connection.provider.url).toBe(`ws://127.0.0.1:${port}/coproduce/high-street?token=abc`);
    }
    const deadline = Date.now() + 10_000;
    while (paths.filter((p) => p.startsWith('WS ')).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const sockets = paths.filter((p) => p.startsWith('WS '));
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    for (const path of sockets) expect(path).toBe('WS /coproduce/high-street?token=abc');
  });
});
