/**
 * The connection helper against an in-memory WebSocket double that speaks the y-websocket sync
 * protocol from a server-side Y.Doc. No network: real-server tests are the integration suite's job.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, Connection, type ConnectionStatusDetail } from '@coproduce/core/connection';

const wait = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await wait(5);
  }
}

/** The server side: one doc; processes each client message in order, unless held. */
class FakeServer {
  readonly doc = new Y.Doc();
  held = false;
  refuse: { code: number; reason: string } | null = null;
  readonly sockets: FakeSocket[] = [];
  readonly urls: string[] = [];
}

let server = new FakeServer();

class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readyState = 0;
  binaryType = 'arraybuffer';
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly #inbox: Uint8Array[] = [];
  readonly #server = server;

  constructor(url: string) {
    this.#server.urls.push(url);
    this.#server.sockets.push(this);
    setTimeout(() => {
      if (this.#server.refuse !== null) {
        this.readyState = 3;
        this.onclose?.({ ...this.#server.refuse });
        return;
      }
      this.readyState = 1;
      this.onopen?.();
      // Like y-websocket servers: send sync step 1 at once.
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeSyncStep1(encoder, this.#server.doc);
      this.#deliver(encoding.toUint8Array(encoder));
    }, 1);
  }

  send(data: Uint8Array): void {
    if (this.readyState !== 1) return;
    this.#inbox.push(data);
    this.flush();
  }

  /** Processes queued client messages in order (unless the server is held). */
  flush(): void {
    if (this.#server.held) return;
    while (this.#inbox.length > 0) {
      const decoder = decoding.createDecoder(this.#inbox.shift() as Uint8Array);
      if (decoding.readVarUint(decoder) !== 0) continue; // awareness etc.
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.readSyncMessage(decoder, encoder, this.#server.doc, this);
      if (encoding.length(encoder) > 1) this.#deliver(encoding.toUint8Array(encoder));
    }
  }

  #deliver(message: Uint8Array): void {
    setTimeout(() => {
      if (this.readyState === 1) this.onmessage?.({ data: message.slice().buffer });
    }, 1);
  }

  /** The server (or the network) drops the connection. */
  drop(code = 1006): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }

  close(): void {
    this.drop(1000);
  }
}

const open: Connection[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.destroy();
  server = new FakeServer();
});

function start(doc: Y.Doc, token?: string): { connection: Connection; events: ConnectionStatusDetail[] } {
  const connection = connect({
    serverUrl: 'ws://workshops.test/sync',
    room: 'room1',
    doc,
    WebSocketPolyfill: FakeSocket,
    maxBackoffTime: 50,
    confirmDelayMs: 5,
    ...(token !== undefined ? { token } : {}),
  });
  open.push(connection);
  const events: ConnectionStatusDetail[] = [];
  connection.addEventListener('status', (event) => events.push(event.detail));
  return { connection, events };
}

describe('connect()', () => {
  it('tells every status listener the states in order when a listener changes the document (never an older state last)', async () => {
    const doc = new Y.Doc();
    const connection = connect({ serverUrl: 'ws://workshops.test/sync', room: 'room1', doc, WebSocketPolyfill: FakeSocket, confirmDelayMs: 5 });
    open.push(connection);
    // The first listener writes at the first sync, as the elements do when they join the workshop.
    connection.on('status', (detail) => {
      if (detail.status === 'synced' && !doc.getMap('people').has('me')) doc.getMap('people').set('me', 'Me');
    });
    const seen: ConnectionStatusDetail[] = [];
    connection.on('status', (detail) => seen.push(detail));
    await connection.whenSynced();
    expect(seen.map((d) => `${d.status}:${d.hasUnsyncedChanges}`).slice(0, 3)).toEqual(['connected:false', 'synced:false', 'synced:true']);
    expect(seen[seen.length - 1]).toBe(connection.detail);
    await connection.whenConfirmed();
    expect(seen[seen.length - 1]).toEqual({ status: 'synced', hasUnsyncedChanges: false, closed: null });
  });

  it('names a person’s offline copy by room and person (shared devices keep one per person)', () => {
    expect(Connection.offlineDatabaseName('library', 'hana')).toBe('coproduce:library:hana');
    expect(Connection.offlineDatabaseName('library', 'a b/c')).toBe('coproduce:library:a%20b%2Fc');
    expect(Connection.offlineDatabaseName('library', '')).not.toBe('coproduce:library'); // copies made before are not read
  });

  it('sends the token as a query parameter and reports connecting → connected → synced', async () => {
    server.doc.getMap('meta').set('title', 'From the server');
    const doc = new Y.Doc();
    const { connection, events } = start(doc, 'secret token');
    expect(connection.status).toBe('connecting');
    await connection.whenSynced();
    expect(server.urls[0]).toBe('ws://workshops.test/sync/room1?token=secret%20token');
    expect(events.map((e) => e.status)).toEqual(['connected', 'synced']);
    expect(doc.getMap('meta').get('title')).toBe('From the server');
    expect(connection.hasUnsyncedChanges).toBe(false);
  });

  it('tracks unsynced local changes until the server has confirmed them', async () => {
    const doc = new Y.Doc();
    const { connection } = start(doc);
    await connection.whenSynced();
    await wait(20);
    server.held = true;
    doc.getMap('ideas').set('x', 1);
    expect(connection.hasUnsyncedChanges).toBe(true);
    await wait(40);
    expect(connection.hasUnsyncedChanges).toBe(true); // the server has not processed it yet
    server.held = false;
    for (const socket of server.sockets) socket.flush();
    await connection.whenConfirmed();
    expect(server.doc.getMap('ideas').get('x')).toBe(1);
    expect(connection.detail).toMatchObject({ status: 'synced', hasUnsyncedChanges: false });
  });

  it('keeps offline edits unsynced, stays offline while retrying, and confirms them after reconnecting', async () => {
    const doc = new Y.Doc();
    const { connection, events } = start(doc);
    await connection.whenSynced();
    server.refuse = { code: 1006, reason: 'down' };
    server.sockets[0]?.drop();
    expect(connection.status).toBe('offline');
    doc.getMap('ideas').set('offline', true);
    expect(connection.hasUnsyncedChanges).toBe(true);
    await wait(120); // a few failed reconnection attempts
    expect(connection.status).toBe('offline');
    server.refuse = null;
    await connection.whenSynced();
    await connection.whenConfirmed();
    expect(server.doc.getMap('ideas').get('offline')).toBe(true);
    const statuses = events.map((e) => e.status).filter((s, i, all) => s !== all[i - 1]);
    // Back from offline straight to synced: no "Connected" flash while the reconnection syncs.
    expect(statuses).toEqual(['connected', 'synced', 'offline', 'synced']);
  });

  it('reports a permanent close (e.g. a refused token) and stops retrying', async () => {
    server.refuse = { code: 4401, reason: 'Token expired' };
    const doc = new Y.Doc();
    const { connection } = start(doc, 'old');
    await until(() => connection.detail.closed !== null);
    expect(connection.detail).toMatchObject({ status: 'offline', closed: { code: 4401, reason: 'Token expired' } });
    const attempts = server.urls.length;
    await wait(120);
    expect(server.urls.length).toBe(attempts);
    server.refuse = null;
    connection.setToken('new');
    connection.reconnect();
    expect(connection.status).toBe('connecting');
    await connection.whenSynced();
    expect(server.urls.at(-1)).toContain('token=new');
  });

  it('creates nothing until connect() and cleans up on destroy', async () => {
    const doc = new Y.Doc();
    const connection = connect({ serverUrl: 'wss://x.test', room: 'r', doc, WebSocketPolyfill: FakeSocket, connect: false });
    expect(connection.status).toBe('offline');
    expect(server.urls).toHaveLength(0);
    expect(connection.persistence).toBeNull(); // no IndexedDB in Node
    expect(await connection.localLoaded).toBe(false);
    const seen: string[] = [];
    const off = connection.on('status', (d) => seen.push(d.status));
    connection.reconnect();
    await connection.whenSynced();
    off();
    expect(seen).toEqual(['connecting', 'connected', 'synced']);
    connection.destroy();
    expect(connection.status).toBe('offline');
    doc.getMap('ideas').set('after', 1);
    expect(connection.hasUnsyncedChanges).toBe(false);
    expect(() => connect({ serverUrl: 'ftp://nope', room: 'r', doc })).toThrow(TypeError);
    expect(() => connect({ serverUrl: 'ws://x', room: 'bad room', doc })).toThrow(/room/);
  });
});
