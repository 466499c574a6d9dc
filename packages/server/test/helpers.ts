import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createServer, MemoryStorage, type CoproduceServer, type ServerOptions } from '../src/index.js';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `predicate` every `interval` ms until it is true; fails after `timeout` ms. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  { timeout = 10_000, interval = 10, what = 'condition' }: { timeout?: number; interval?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await sleep(interval);
  }
}

/** Collects cleanup callbacks; `run()` calls them in reverse order (afterEach). */
export class Cleanup {
  private fns: Array<() => unknown> = [];
  add(fn: () => unknown): void {
    this.fns.push(fn);
  }
  async run(): Promise<void> {
    const fns = this.fns.reverse();
    this.fns = [];
    for (const fn of fns) {
      try {
        await fn();
      } catch {
        // keep cleaning
      }
    }
  }
}

export function tempDir(cleanup: Cleanup, prefix = 'coproduce-server-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanup.add(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Started {
  server: CoproduceServer;
  url: string;
  port: number;
}

/** A real server on 127.0.0.1 and a random port, memory storage unless given, silent. */
export async function startServer(cleanup: Cleanup, options: ServerOptions = {}): Promise<Started> {
  const server = createServer({
    host: '127.0.0.1',
    port: 0,
    storage: options.storage ?? new MemoryStorage(),
    logLevel: 'silent',
    pingIntervalMs: 0,
    ...options,
  });
  const { url, port } = await server.listen();
  cleanup.add(() => server.close());
  return { server, url, port };
}

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** The stock y-websocket client, with `ws` as WebSocket and no BroadcastChannel shortcut. */
export function stockClient(
  cleanup: Cleanup,
  url: string,
  room: string,
  options: { params?: Record<string, string> } = {},
): StockClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    ...(options.params ? { params: options.params } : {}),
  });
  cleanup.add(() => {
    provider.destroy();
    doc.destroy();
  });
  return { doc, provider };
}

export async function whenSynced(client: StockClient, timeout = 10_000): Promise<void> {
  await waitFor(() => client.provider.synced, { timeout, what: 'provider sync' });
}

export interface ReceivedMessage {
  type: number;
  /** For sync messages: 0 step1, 1 step2, 2 update. For auth: 0 permission denied. */
  subtype: number | null;
  /** The payload (state vector, update, awareness update) or the permission-denied reason. */
  payload: Uint8Array | string | null;
  raw: Uint8Array;
}

export function decodeServerMessage(raw: Uint8Array): ReceivedMessage {
  const d = decoding.createDecoder(raw);
  const type = decoding.readVarUint(d);
  if (type === 0) {
    const subtype = decoding.readVarUint(d);
    return { type, subtype, payload: decoding.readVarUint8Array(d), raw };
  }
  if (type === 1) return { type, subtype: null, payload: decoding.readVarUint8Array(d), raw };
  if (type === 2) {
    const subtype = decoding.readVarUint(d);
    return { type, subtype, payload: decoding.readVarString(d), raw };
  }
  return { type, subtype: null, payload: null, raw };
}

/** A bare WebSocket client speaking bytes, to send malformed input and observe exact replies. */
export class RawClient {
  readonly messages: ReceivedMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.binaryType = 'arraybuffer';
    ws.on('message', (data) => this.messages.push(decodeServerMessage(new Uint8Array(data as ArrayBuffer))));
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
    ws.on('error', () => undefined);
  }

  static async connect(cleanup: Cleanup, url: string, room: string, query = ''): Promise<RawClient> {
    const ws = new WebSocket(`${url}/${encodeURIComponent(room)}${query}`);
    const client = new RawClient(ws);
    cleanup.add(() => ws.terminate());
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(bytes: Uint8Array | string): void {
    this.ws.send(bytes);
  }

  /** Waits for the server's sync step 1 (sent once the room has loaded). */
  async welcomed(timeout = 10_000): Promise<void> {
    await waitFor(() => this.messages.some((m) => m.type === 0 && m.subtype === 0), { timeout, what: 'sync step 1' });
  }

  async waitForClose(timeout = 10_000): Promise<{ code: number; reason: string }> {
    await waitFor(() => this.closed !== null, { timeout, what: 'close' });
    return this.closed!;
  }

  async waitForMessage(predicate: (m: ReceivedMessage) => boolean, timeout = 10_000): Promise<ReceivedMessage> {
    let found: ReceivedMessage | undefined;
    await waitFor(() => (found = this.messages.find(predicate)) !== undefined, { timeout, what: 'message' });
    return found!;
  }
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  return encoding.toUint8Array(e);
}

export function syncUpdateMessage(update: Uint8Array, subtype = 2): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, subtype);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A Yjs update inserting `text` into the root text `name`, from a fresh client. */
export function textUpdate(text: string, name = 'text'): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(name).insert(0, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Rebuilds a document from stored state. */
export function docFromStored(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

/** What {@link rawRequest} got: the status, the headers and the body's bytes exactly as sent. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * An HTTP request to the server on `port`, with the path sent exactly as given and no automatic
 * decompression (the static-file tests look at the encodings themselves).
 */
export function rawRequest(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error(`answer for ${path} cut off`)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.setTimeout(20_000, () => req.destroy(new Error(`no answer for ${path}`)));
    req.on('error', reject);
    req.end();
  });
}

/** An awareness update of raw entries (the state's JSON text exactly as given). */
export function awarenessEntries(list: readonly { clientId: number; clock: number; json: string }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, list.length);
  for (const { clientId, clock, json } of list) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}
