// Raw Yjs clients for the token, role and awareness tests: a Y.Doc (and an Awareness) speaking the
// y-websocket protocol byte by byte over a bare WebSocket, through y-protocols, so a test can send
// exactly the update it wants (hostile or not) and see exactly what the server answers.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { WorkshopSession, type Role } from '@coproduce/core';
import {
  createServer, MemoryStorage, mintToken, secretFromString, tokenAuthenticator, workshopPolicy,
  type CoproduceServer, type ServerOptions,
} from '../src/index.js';
import { Cleanup, docFromStored, waitFor } from './helpers.js';

export const SECRET = secretFromString('test-secret-for-coproduce-policy-tests-0123456789');

export interface PolicyServer {
  server: CoproduceServer;
  url: string;
  storage: MemoryStorage;
  /** The room's state as stored (after a flush). */
  stored(room: string): Promise<Y.Doc>;
}

/** A real server with token authentication and the workshop policy, memory storage, silent. */
export async function startPolicyServer(cleanup: Cleanup, options: ServerOptions = {}): Promise<PolicyServer> {
  const storage = new MemoryStorage();
  const policy = workshopPolicy();
  const server = createServer({
    host: '127.0.0.1',
    port: 0,
    storage,
    logLevel: 'silent',
    pingIntervalMs: 0,
    authenticate: tokenAuthenticator({ secret: SECRET }),
    checkUpdate: policy.checkUpdate,
    checkAwareness: policy.checkAwareness,
    ...options,
  });
  const { url } = await server.listen();
  cleanup.add(() => server.close());
  return {
    server,
    url,
    storage,
    async stored(room) {
      await server.flush();
      const doc = docFromStored(await storage.load(room));
      cleanup.add(() => doc.destroy());
      return doc;
    },
  };
}

export interface Person {
  id: string;
  name: string;
  role: Role;
}

export function tokenFor(room: string, person: Person): Promise<string> {
  return mintToken(SECRET, { room, user: person.id, name: person.name, role: person.role });
}

const REMOTE = Symbol('remote');

/**
 * One client: a document, an awareness and a raw socket. It answers the server's sync step 1, applies
 * what the server sends, and sends every local document change as a `sync-update` message, the way
 * y-websocket does. `denials` collects the server's permission-denied reasons.
 */
export class YClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly denials: string[] = [];
  closed: { code: number; reason: string } | null = null;
  /** Sync step 2 messages received (the answers to our probes and the server's resyncs). */
  step2Count = 0;
  session: WorkshopSession | null = null;
  private constructor(
    readonly ws: WebSocket,
    readonly person: Person | null,
    doc: Y.Doc,
  ) {
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    ws.binaryType = 'arraybuffer';
    ws.on('message', (data) => this.receive(new Uint8Array(data as ArrayBuffer)));
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
    ws.on('error', () => undefined);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE && ws.readyState === WebSocket.OPEN) this.sendUpdate(update);
    });
  }

  /** Connects `person` (or, with a string, whatever token is given) and waits for the first sync. */
  static async connect(
    cleanup: Cleanup,
    url: string,
    room: string,
    who: Person | { token: string | null },
    options: { doc?: Y.Doc; sync?: boolean } = {},
  ): Promise<YClient> {
    const person = 'token' in who ? null : who;
    const token = 'token' in who ? who.token : await tokenFor(room, who);
    const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(`${url}/${encodeURIComponent(room)}${query}`);
    const client = new YClient(ws, person, options.doc ?? new Y.Doc());
    cleanup.add(() => {
      ws.terminate();
      client.awareness.destroy();
      client.session?.destroy();
      client.doc.destroy();
    });
    await new Promise<void>((resolve) => {
      ws.once('open', () => resolve());
      ws.once('close', () => resolve());
    });
    if (options.sync !== false && client.closed === null) await client.sync();
    if (person !== null) client.session = new WorkshopSession(client.doc, { user: person, undo: false });
    return client;
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const kind = syncProtocol.readSyncMessage(decoder, encoder, this.doc, REMOTE);
      if (kind === syncProtocol.messageYjsSyncStep2) this.step2Count++;
      if (encoding.length(encoder) > 1) this.ws.send(encoding.toUint8Array(encoder));
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), REMOTE);
    } else if (type === 2) {
      decoding.readVarUint(decoder);
      this.denials.push(decoding.readVarString(decoder));
    }
  }

  /** Asks the server for everything it has that we lack, and waits for the answer. */
  async sync(timeout = 10_000): Promise<void> {
    const before = this.step2Count;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.ws.send(encoding.toUint8Array(encoder));
    await waitFor(() => this.step2Count > before, { timeout, what: 'sync step 2 from the server' });
  }

  sendUpdate(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  /** Sends an awareness update for `clientIds` of this client's awareness (default: its own). */
  sendAwareness(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, update);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  /** Publishes this client's own awareness state (or `null`). */
  publish(state: Record<string, unknown> | null): void {
    this.awareness.setLocalState(state);
    this.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.awareness.clientID]));
  }

  /** Waits for the next permission-denied message after `count` of them and returns its reason. */
  async denied(count = this.denials.length, timeout = 10_000): Promise<string> {
    await waitFor(() => this.denials.length > count || this.closed !== null, { timeout, what: 'permission-denied' });
    if (this.denials.length <= count) throw new Error(`closed instead: ${JSON.stringify(this.closed)}`);
    return this.denials[count] as string;
  }

  /**
   * Runs `change` on this client's document (a session operation or a raw Yjs write), expects the
   * server to refuse it, and returns the reason. The client's document then has the refused change,
   * so it rebuilds its document from the server afterwards (as a Coproduce client should).
   */
  async refused(change: (session: WorkshopSession, doc: Y.Doc) => void): Promise<string> {
    const count = this.denials.length;
    this.doc.transact(() => change(this.session as WorkshopSession, this.doc));
    return this.denied(count);
  }

  /** Runs `change` and waits until the server has it (no denial, and a probe comes back clean). */
  async accepted(change: (session: WorkshopSession, doc: Y.Doc) => void): Promise<void> {
    const count = this.denials.length;
    this.doc.transact(() => change(this.session as WorkshopSession, this.doc));
    await this.sync();
    if (this.denials.length > count) throw new Error(`refused: ${this.denials.slice(count).join('; ')}`);
  }
}

/** Whether `doc` holds everything in `other` (same state, e.g. after a round trip). */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}
