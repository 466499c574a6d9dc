/**
 * `@coproduce/core/connection`: connects a workshop document to a Coproduce (y-websocket) server,
 * optionally keeping an offline copy in IndexedDB, and reports an honest connection status.
 *
 * Nothing is created when this module is imported; everything starts in {@link connect}.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as environment from 'lib0/environment';
import * as random from 'lib0/random';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Emitter } from './emitter.js';
import { assertId } from './ids.js';
import { SyncTracker, type ConnectionStatus } from './sync-tracker.js';

export { SyncTracker, type ConnectionStatus, type SyncState } from './sync-tracker.js';

/**
 * The `permission-denied` reason a Coproduce server gives, once per episode, when it holds some of
 * this device's changes back because they build on someone else's changes it does not have yet
 * (lost in a crash; their owner has not reconnected). Nothing was refused: the held-back changes
 * stay in the document (and the offline copy) and are sent when the server asks for them again.
 * The connection then writes on under a new Yjs client id, so that later changes are not queued
 * behind the held-back ones, and counts the held-back ones as not saved until the server has them.
 */
export const HELD_BACK_REASON = 'Held back: it builds on changes the server does not have yet';

/** The part of Node's `process` used here (core is built without Node's types). */
interface ProcessListenerLimit {
  getMaxListeners(): number;
  setMaxListeners(n: number): unknown;
}

/**
 * In Node, y-websocket adds a `process.on('exit')` listener per provider (and removes it when the
 * provider is destroyed), so a process with more than 10 connections open would print
 * `MaxListenersExceededWarning`, though nothing leaks. Each connection raises `process`'s listener
 * limit by one while it lives; the returned function lowers it again (once). A limit of 0 (none) is
 * left alone. Nothing is done elsewhere (browsers, workers): y-websocket adds no listener there.
 */
function reserveExitListener(): () => void {
  const proc = environment.isNode ? (globalThis as { process?: Partial<ProcessListenerLimit> }).process : undefined;
  if (proc === undefined || typeof proc.getMaxListeners !== 'function' || typeof proc.setMaxListeners !== 'function') return () => {};
  const limit = proc as ProcessListenerLimit;
  const unlimited = (n: number): boolean => n === 0 || !Number.isFinite(n);
  if (unlimited(limit.getMaxListeners())) return () => {};
  limit.setMaxListeners(limit.getMaxListeners() + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const now = limit.getMaxListeners();
    if (!unlimited(now)) limit.setMaxListeners(Math.max(1, now - 1));
  };
}

/** The subset of the WebSocket constructor y-websocket uses (the browser's, or `ws` in Node). */
export interface WebSocketConstructorLike {
  new (url: string, protocols?: string | string[]): unknown;
  readonly CONNECTING: number;
  readonly OPEN: number;
  readonly CLOSING: number;
  readonly CLOSED: number;
}

export interface ConnectOptions {
  /** Server base URL, e.g. `wss://workshops.example.org/sync`. The room is appended as a path segment. */
  readonly serverUrl: string;
  /** The workshop room id. */
  readonly room: string;
  /** Access token, sent as the `token` query parameter (the server checks it and assigns the role). */
  readonly token?: string;
  readonly doc: Y.Doc;
  /**
   * Keep a copy in this browser's IndexedDB, so the workshop opens and edits without a network and
   * syncs later. Ignored where IndexedDB does not exist (Node). The copy belongs to one person: see
   * `offlineKey`.
   */
  readonly offline?: boolean;
  /**
   * Whose offline copy this is: the person's user id (the token's `sub`). The copy is kept as
   * `coproduce:<room>:<offlineKey>` (the key URI-encoded), so two people using one browser (a
   * library PC) never load, and never send under their own token, each other's unsent changes.
   * Without it the copy is `coproduce:<room>:` — one copy for whoever uses the room in this
   * browser: only for pages where one person ever uses a browser. A connection made without an
   * offline copy can open one later, once it knows who the person is ({@link Connection.openOfflineCopy}).
   */
  readonly offlineKey?: string;
  /**
   * Follow the browser's `online`/`offline` events (default true where there is a `window`): say
   * `offline` the moment the device loses its network, and reconnect the moment it is back (or,
   * when a retry is already scheduled — the server was unreachable — at that retry: the backoff is
   * kept, so a flapping network never starts retries side by side). Without this, a silent drop
   * is only noticed when the server has said nothing for 30 seconds.
   */
  readonly followNetwork?: boolean;
  /** A WebSocket implementation where there is no global one (Node: `import WebSocket from 'ws'`). */
  readonly WebSocketPolyfill?: WebSocketConstructorLike;
  /** Use an existing awareness instance (default: a new one for `doc`). */
  readonly awareness?: Awareness;
  /** Extra query parameters. */
  readonly params?: Readonly<Record<string, string>>;
  /**
   * Also sync between tabs of this browser through BroadcastChannel (default: true where there is a
   * `document`, false elsewhere — in Node it would link every doc of the same room in one process).
   */
  readonly crossTab?: boolean;
  /** Connect at once (default true). */
  readonly connect?: boolean;
  /**
   * Longest wait between reconnection attempts, in ms (default 5,000). Each wait is drawn at random
   * between half of its backoff step and the whole of it, so that the devices a server restart
   * dropped together do not all come back at the same moments.
   */
  readonly maxBackoffTime?: number;
  /**
   * Give up a connection attempt the server has not answered (the socket never opened) within this
   * many ms, and retry with the backoff (default 15,000; doubled after each attempt given up, up to
   * four times as long). A server, proxy or mobile network that takes the connection but never
   * answers would otherwise leave the page "connecting" for as long as it stays open, its changes
   * never sent. 0 turns this off.
   */
  readonly connectTimeoutMs?: number;
  /** Wait this long after a local change before asking the server to confirm it (default 200 ms). */
  readonly confirmDelayMs?: number;
}

/** Detail of the `status` event. */
export interface ConnectionStatusDetail {
  readonly status: ConnectionStatus;
  readonly hasUnsyncedChanges: boolean;
  /**
   * Set when the server closed the connection for good (close codes 4400–4499, e.g. the token was
   * refused or the room no longer exists); the connection will not retry.
   */
  readonly closed: { readonly code: number; readonly reason: string } | null;
}

/** Detail of the `refused` event: the server refused (part of) a change this device sent. */
export interface RefusalDetail {
  /** The server's reason, in plain English (e.g. "This vote is closed"). */
  readonly reason: string;
  /** When it arrived, in ms since the epoch (this device's clock). */
  readonly at: number;
}

export interface ConnectionEvents extends Record<string, unknown> {
  /** Status or unsynced-changes flag changed. */
  status: ConnectionStatusDetail;
  /**
   * The server refused a change from this device (`permission-denied`). A Coproduce server keeps
   * the rest of the same batch and sends the refused part's removal, so the document already shows
   * what everyone else sees: this event is for telling the person why. With the reason
   * {@link HELD_BACK_REASON} nothing was refused: some changes wait for someone else's (the
   * connection writes on under a new client id and counts them as not saved until they arrive).
   */
  refused: RefusalDetail;
}

interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}
const timers = globalThis as unknown as Timers;

interface SocketLike {
  readonly readyState: number;
  send(data: Uint8Array): void;
}

type MessageHandler = (encoder: encoding.Encoder, decoder: decoding.Decoder, provider: WebsocketProvider, emitSynced: boolean, messageType: number) => void;

/** A short, stable tag of a string (FNV-1a, 32 bits, hex): names a tab channel without the token itself. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The offline copy's record of what the server has (a Yjs state vector), in its custom store. */
const ON_SERVER_KEY = 'coproduce:on-server';
/** How long after everything was saved (or the server sent something) the record is written. */
const ON_SERVER_DELAY_MS = 1000;
/** How long the status waits for an offline copy to load before it may say `synced` anyway. */
const LOCAL_LOAD_WAIT_MS = 5000;

/** A state vector kept by {@link ON_SERVER_KEY}, or null (none kept, or unreadable). */
function decodeKnownState(value: unknown): Map<number, number> | null {
  const bytes = value instanceof Uint8Array ? value : value instanceof ArrayBuffer ? new Uint8Array(value) : null;
  if (bytes === null) return null;
  try {
    return Y.decodeStateVector(bytes);
  } catch {
    return null;
  }
}

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
const PERMISSION_DENIED = 0;
const SOCKET_OPEN = 1;

/** A live connection of one document to one room. */
export class Connection extends Emitter<ConnectionEvents> {
  readonly doc: Y.Doc;
  readonly room: string;
  readonly awareness: Awareness;
  /** The underlying provider (escape hatch; prefer the methods here). */
  readonly provider: WebsocketProvider;
  #persistence: IndexeddbPersistence | null = null;
  #localLoaded: Promise<boolean> = Promise.resolve(false);
  readonly #tracker: SyncTracker;
  readonly #confirmDelayMs: number;
  #closed: ConnectionStatusDetail['closed'] = null;
  #lastRefusal: RefusalDetail | null = null;
  /** The server said it holds changes back: the state vector of its next sync step 1 shows which. */
  #expectHeldBack = false;
  /** The state vector of the server's latest sync step 1 on any socket (what it is known to have). */
  #serverState: Map<number, number> = new Map();
  /** Whether the server has sent its sync step 1 on the current socket (it does first thing once it admits us). */
  #admitted = false;
  /** Whether the connection should be connected (false after `disconnect()` until `reconnect()`). */
  #wanted: boolean;
  /** The socket was closed because the browser said the device went offline. */
  #pausedOffline = false;
  #baseChannel: string;
  #detail: ConnectionStatusDetail;
  #probeTimer: unknown = null;
  /** Gives up a connection attempt the server does not answer (see `connectTimeoutMs`). */
  #connectTimer: unknown = null;
  readonly #connectTimeoutMs: number;
  /** Connection attempts given up in a row (the next one waits longer). */
  #attemptsTimedOut = 0;
  /** The longest wait between attempts (`maxBackoffTime`): each wait is drawn below it. */
  readonly #maxBackoffTime: number;
  #destroyed = false;
  /** Lowers `process`'s listener limit again (see `reserveExitListener`). */
  readonly #releaseExitListener: () => void;
  readonly #cleanups: (() => void)[] = [];
  readonly #ownsAwareness: boolean;

  constructor(options: ConnectOptions) {
    super();
    if (typeof options.serverUrl !== 'string' || !/^(wss?|https?):\/\/[^\s]+$/.test(options.serverUrl)) {
      throw new TypeError('connect() needs a serverUrl starting with ws://, wss://, http:// or https://.');
    }
    this.room = assertId(options.room, 'room', 'room');
    this.doc = options.doc;
    this.#confirmDelayMs = options.confirmDelayMs ?? 200;
    this.#connectTimeoutMs = Math.max(0, options.connectTimeoutMs ?? 15_000);
    this.#maxBackoffTime = Math.max(0, options.maxBackoffTime ?? 5000);
    const startNow = options.connect ?? true;
    this.#wanted = startNow;
    this.#tracker = new SyncTracker(startNow ? 'connecting' : 'offline');
    this.#detail = this.#makeDetail();
    this.#ownsAwareness = options.awareness === undefined;
    this.awareness = options.awareness ?? new Awareness(options.doc);
    const hasDocument = typeof (globalThis as { document?: unknown }).document !== 'undefined';
    const params: Record<string, string> = { ...(options.params ?? {}) };
    if (options.token !== undefined) params['token'] = options.token;

    this.#releaseExitListener = reserveExitListener();
    try {
      this.provider = new WebsocketProvider(options.serverUrl, this.room, options.doc, {
        connect: false,
        awareness: this.awareness,
        params,
        disableBc: !(options.crossTab ?? hasDocument),
        maxBackoffTime: this.#maxBackoffTime,
        ...(options.WebSocketPolyfill !== undefined ? { WebSocketPolyfill: options.WebSocketPolyfill as never } : {}),
      });
    } catch (err) {
      this.#releaseExitListener();
      throw err;
    }
    this.#baseChannel = this.provider.bcChannel;
    this.#setChannel(options.token ?? null);
    this.#wrapSyncHandler();
    this.#handleRefusals();

    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }): void => {
      this.#admitted = false;
      this.#expectHeldBack = false;
      this.#clearConnectTimer();
      if (status === 'connecting') {
        this.#tracker.connecting();
        this.#watchAttempt();
      } else if (status === 'connected') {
        this.#attemptsTimedOut = 0;
        this.#closed = null;
        // Only now, before the server's resend arrives: forgotten at the drop, the clocks would
        // also let the other tabs of this browser pass back, while offline, states of people
        // who then leave unheard — kept on the page until they time out (30 s).
        this.#forgetRemotePresence();
        this.#renewOwnPresence();
        this.#tracker.opened();
      } else this.#tracker.closed();
      this.#update();
    };
    const onSync = (isSynced: boolean): void => {
      this.#tracker.synced(isSynced);
      this.#update();
    };
    const onConnectionClose = (): void => {
      this.#clearConnectTimer();
      // The provider schedules its next attempt now (after this event), waiting
      // min(2^attempt × 100 ms, its maxBackoffTime): drawing that cap at random here, between half
      // the step and the whole of it, spreads the retries of devices dropped together (a server
      // restart) instead of having them all knock at the same moments, every time.
      const attempt = this.provider.wsUnsuccessfulReconnects + 1;
      const step = Math.min(2 ** attempt * 100, this.#maxBackoffTime);
      const wait = Math.round(step / 2 + Math.random() * (step / 2));
      this.provider.maxBackoffTime = wait;
      this.#retryDue = Date.now() + wait;
      this.#tracker.closed();
      this.#update();
    };
    const onClosed = (event: { code: number; reason: string }): void => {
      this.#closed = Object.freeze({ code: event.code, reason: event.reason });
      this.#tracker.closed();
      this.#update();
    };
    this.provider.on('status', onStatus);
    this.provider.on('sync', onSync);
    this.provider.on('closed', onClosed);
    this.provider.on('connection-close', onConnectionClose);
    this.#cleanups.push(() => {
      this.provider.off('connection-close', onConnectionClose);
      this.provider.off('status', onStatus);
      this.provider.off('sync', onSync);
      this.provider.off('closed', onClosed);
    });

    if (options.offline === true) void this.openOfflineCopy(options.offlineKey ?? '');

    const onUpdate = (_update: Uint8Array, origin: unknown): void => {
      if (this.awareness.clientID !== this.doc.clientID) this.#presenceFollowsClientId();
      if (origin === this.provider) {
        // From the server (or another tab of this person): while everything is saved, the server has it.
        if (this.#tracker.status === 'synced' && !this.#tracker.hasUnsyncedChanges) this.#rememberOnServerSoon();
        return;
      }
      if (this.#persistence !== null && origin === this.#persistence) return;
      this.#tracker.localUpdate();
      this.#scheduleProbe(this.#confirmDelayMs);
      this.#update();
    };
    options.doc.on('update', onUpdate);
    this.#cleanups.push(() => options.doc.off('update', onUpdate));

    this.#followNetwork(options.followNetwork ?? true);
    if (startNow) this.provider.connect();
  }

  /** The IndexedDB copy, when an offline copy was asked for and is available. */
  get persistence(): IndexeddbPersistence | null {
    return this.#persistence;
  }

  /** Resolves `true` once the offline copy has been loaded into the document, `false` without one. */
  get localLoaded(): Promise<boolean> {
    return this.#localLoaded;
  }

  /**
   * The IndexedDB database name of `offlineKey`'s copy of `room`: `coproduce:<room>:<key>`, the key
   * URI-encoded. (Copies made before offline copies were kept per person are `coproduce:<room>`;
   * they are never read: nothing in them says whose unsent changes they hold.)
   */
  static offlineDatabaseName(room: string, offlineKey: string): string {
    return `coproduce:${room}:${encodeURIComponent(offlineKey)}`;
  }

  /**
   * Opens this person's offline copy (see `offlineKey`), for a connection made without one — e.g.
   * a page that learns who the person is only when they join with a name — or in place of another
   * person's (the page's token changed hands): that copy is closed, untouched from then on. Loads
   * the copy into the document and keeps it from then on. Returns `localLoaded`. Does nothing
   * where IndexedDB does not exist.
   */
  openOfflineCopy(offlineKey: string): Promise<boolean> {
    const name = Connection.offlineDatabaseName(this.room, offlineKey);
    if (this.#persistence !== null) {
      if (this.#persistence.name === name) return this.#localLoaded;
      void this.#persistence.destroy();
      this.#persistence = null;
    }
    const indexedDB = (globalThis as { indexedDB?: unknown }).indexedDB;
    if (this.#destroyed || indexedDB === undefined) return this.#localLoaded;
    const persistence = new IndexeddbPersistence(name, this.doc);
    this.#persistence = persistence;
    this.#localPending = true;
    if (this.#localWait !== null) timers.clearTimeout(this.#localWait);
    // A copy that never loads (IndexedDB blocked by another tab's upgrade, …) must not keep the
    // page from saying where it stands.
    this.#localWait = timers.setTimeout(() => this.#localSettled(), LOCAL_LOAD_WAIT_MS);
    this.#localLoaded = persistence.whenSynced
      .then(() => persistence.get(ON_SERVER_KEY).catch(() => undefined))
      .then((onServer: unknown) => {
        if (this.#persistence === persistence) {
          this.#offlineCopyLoaded(onServer);
          this.#localSettled();
        }
        return true;
      });
    return this.#localLoaded;
  }

  /** Whether an offline copy is open and still loading (see {@link status}). */
  #localPending = false;
  #localWait: unknown = null;
  /** The offline copy has loaded (or was waited for long enough): the status may say `synced` again. */
  #localSettled(): void {
    if (this.#localWait !== null) timers.clearTimeout(this.#localWait);
    this.#localWait = null;
    if (!this.#localPending) return;
    this.#localPending = false;
    if (!this.#destroyed) this.#update();
  }

  /** Follows the browser's `online` and `offline` events (browser only). */
  #followNetwork(enabled: boolean): void {
    const target = (globalThis as { window?: { addEventListener?: unknown } }).window as
      | { addEventListener(type: string, listener: () => void): void; removeEventListener(type: string, listener: () => void): void }
      | undefined;
    if (!enabled || target === undefined || typeof target.addEventListener !== 'function') return;
    const onOffline = (): void => {
      if (this.#destroyed || !this.#wanted || this.provider.ws === null) return;
      // Close the socket now (the provider would notice only after 30 silent seconds), and keep
      // the tabs of this browser in touch (disconnect() also leaves the tab channel).
      this.#pausedOffline = true;
      this.provider.disconnect();
      this.provider.connectBc();
      this.#tracker.closed();
      this.#update();
    };
    const onOnline = (): void => {
      if (this.#destroyed || !this.#wanted || this.#closed !== null) return;
      const paused = this.#pausedOffline;
      this.#pausedOffline = false;
      if (paused) this.provider.shouldConnect = true; // disconnect() made its scheduled attempt a no-op
      this.#connectWhenDue();
    };
    target.addEventListener('offline', onOffline);
    target.addEventListener('online', onOnline);
    this.#cleanups.push(() => {
      target.removeEventListener('offline', onOffline);
      target.removeEventListener('online', onOnline);
      if (this.#dueTimer !== null) timers.clearTimeout(this.#dueTimer);
    });
  }

  /**
   * Connects now, unless the provider's next attempt is already scheduled (it cannot be
   * cancelled): starting one as well would leave two attempts retrying side by side from then on
   * — one more with every "online" of a flapping network while the server is down. Then this
   * checks again when that attempt is due (in case it found nothing to do).
   */
  #connectWhenDue(): void {
    if (this.#dueTimer !== null) timers.clearTimeout(this.#dueTimer);
    this.#dueTimer = null;
    if (this.#destroyed || !this.#wanted || this.#closed !== null || this.provider.wsconnected || this.provider.ws !== null) return;
    const wait = this.#retryDue - Date.now();
    if (wait > 0) {
      this.#dueTimer = timers.setTimeout(() => this.#connectWhenDue(), wait + 20);
      return;
    }
    this.provider.connect();
  }
  #dueTimer: unknown = null;

  /**
   * A connection attempt started: gives it up if the socket has not opened within the connect
   * timeout (longer after each attempt given up in a row). Closing the socket ourselves goes the
   * provider's usual way (its close handler, with a code that means "try again"): the next attempt
   * comes with the backoff. The handler is called directly, as a browser may report the close of a
   * socket that never opened late, or not at all.
   */
  #watchAttempt(): void {
    const ws = this.provider.ws as unknown as { readyState: number; close(): void; onclose: ((event: unknown) => void) | null } | null;
    if (this.#connectTimeoutMs === 0 || ws === null || this.#destroyed) return;
    const timeout = this.#connectTimeoutMs * 2 ** Math.min(this.#attemptsTimedOut, 2);
    this.#connectTimer = timers.setTimeout(() => {
      this.#connectTimer = null;
      if (this.#destroyed || this.provider.ws !== (ws as unknown) || this.provider.wsconnected) return;
      this.#attemptsTimedOut++;
      const onclose = ws.onclose;
      try {
        ws.close();
      } catch {
        // already closing
      }
      // 1006: closed abnormally, no close frame (what a socket that never opened reports).
      onclose?.call(ws, { code: 1006, reason: 'The server did not answer', wasClean: false });
    }, timeout);
  }

  #clearConnectTimer(): void {
    if (this.#connectTimer !== null) timers.clearTimeout(this.#connectTimer);
    this.#connectTimer = null;
  }

  /**
   * When the next connection attempt is due (ms since the epoch), while one is scheduled after a
   * failed attempt or a drop; null while connected, connecting, or not retrying (after
   * `disconnect()`, a permanent close, or while the browser says the device is offline: it then
   * tries again as soon as the device is back online).
   */
  get retryAt(): number | null {
    if (this.#destroyed || !this.#wanted || this.#closed !== null || this.#pausedOffline || this.provider.ws !== null) return null;
    return this.#retryDue > 0 ? this.#retryDue : null;
  }

  /**
   * The current status (also delivered by the `status` event). Never `synced` while an offline
   * copy is still loading ({@link LOCAL_LOAD_WAIT_MS} at most): until it has loaded, nobody can
   * tell whether it holds changes the server lacks (made offline before a reload), so the
   * connection says `connected` — a page reloaded with unsent changes never says "Saved" for a
   * moment because the server answered before IndexedDB did.
   */
  get status(): ConnectionStatus {
    const status = this.#tracker.status;
    return status === 'synced' && this.#localPending ? 'connected' : status;
  }

  /** True while local changes have not been confirmed by the server. */
  get hasUnsyncedChanges(): boolean {
    return this.#tracker.hasUnsyncedChanges;
  }

  /**
   * True while the server holds back changes of this device ({@link HELD_BACK_REASON}: they build
   * on someone else's it does not have yet) and has not got them since. They count in
   * {@link hasUnsyncedChanges} too.
   */
  get hasHeldBackChanges(): boolean {
    // Told, and the server's state vector (which shows what) not here yet; or known and not arrived.
    return this.#expectHeldBack || this.#tracker.hasHeldBackChanges;
  }

  /** The current status detail. */
  get detail(): ConnectionStatusDetail {
    return this.#detail;
  }

  /** Resolves when the status is (or next becomes) `synced`. */
  whenSynced(): Promise<void> {
    if (this.status === 'synced') return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.on('status', (detail) => {
        if (detail.status === 'synced') {
          off();
          resolve();
        }
      });
    });
  }

  /** Resolves when every local change has been confirmed by the server. */
  whenConfirmed(): Promise<void> {
    if (!this.hasUnsyncedChanges) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.on('status', (detail) => {
        if (!detail.hasUnsyncedChanges) {
          off();
          resolve();
        }
      });
    });
  }

  /** Changes the token used from the next (re)connection on. */
  setToken(token: string | null): void {
    if (token === null) delete this.provider.params['token'];
    else this.provider.params['token'] = token;
    this.#setChannel(token);
  }

  /**
   * Tabs share changes only with tabs holding the same token (the same person): a tab relaying
   * another person's changes to the server would have them judged as its own.
   */
  #setChannel(token: string | null): void {
    const channel = token === null ? this.#baseChannel : `${this.#baseChannel}#${fnv1a(token)}`;
    if (channel === this.provider.bcChannel) return;
    const wasConnected = this.provider.bcconnected;
    if (wasConnected) this.provider.disconnectBc();
    this.provider.bcChannel = channel;
    if (wasConnected) this.provider.connectBc();
  }

  /** Connects (again), e.g. after a permanent close with a fresh token. */
  reconnect(): void {
    if (this.#destroyed) return;
    this.#closed = null;
    this.#wanted = true;
    this.#pausedOffline = false;
    if (this.provider.ws === null) this.#tracker.connecting(true);
    this.provider.connect();
    this.#update();
  }

  /** Disconnects, keeping the document and the offline copy. */
  disconnect(): void {
    this.#wanted = false;
    this.#pausedOffline = false;
    this.provider.disconnect();
    this.#tracker.closed();
    this.#update();
  }

  /**
   * Disconnects and releases everything this connection created (provider, IndexedDB handle, and the
   * awareness instance unless one was passed in). The document itself is left intact.
   */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    if (this.#probeTimer !== null) timers.clearTimeout(this.#probeTimer);
    if (this.#onServerTimer !== null) timers.clearTimeout(this.#onServerTimer);
    if (this.#localWait !== null) timers.clearTimeout(this.#localWait);
    this.#clearConnectTimer();
    for (const cleanup of this.#cleanups) cleanup();
    this.provider.destroy();
    this.#releaseExitListener();
    if (this.#ownsAwareness) this.awareness.destroy();
    else clearLocalState(this.awareness);
    void this.#persistence?.destroy();
    this.#tracker.destroyed();
    this.#update();
    this.removeAllListeners();
  }

  #makeDetail(): ConnectionStatusDetail {
    return Object.freeze({ status: this.status, hasUnsyncedChanges: this.#tracker.hasUnsyncedChanges, closed: this.#closed });
  }

  /**
   * On a lost connection y-websocket removes everyone else's presence but keeps their clocks, and
   * y-protocols then ignores the server's resend of the same states after reconnecting: the others
   * stayed missing until their next change (up to ~15 s). Forgetting the clocks of people no longer
   * shown lets the resend bring them back at once.
   */
  #forgetRemotePresence(): void {
    for (const client of [...this.awareness.meta.keys()]) {
      if (client !== this.awareness.clientID && !this.awareness.states.has(client)) this.awareness.meta.delete(client);
    }
  }

  /**
   * The server removed this page's presence when the old connection closed, giving it the next
   * clock, and ignores a resend at that clock (which is all y-websocket sends on reconnecting, and
   * all a single renewal gives): the others did not see the page again for up to 30 s. Two clocks
   * on, the state the socket is about to send is newer than the server's removal.
   */
  #renewOwnPresence(): void {
    const state = this.awareness.getLocalState();
    const meta = this.awareness.meta.get(this.awareness.clientID);
    if (state === null || meta === undefined) return;
    meta.clock += 1;
    this.awareness.setLocalState(state);
  }

  #update(): void {
    if (this.#tracker.status === 'synced' && !this.#tracker.hasUnsyncedChanges) this.#rememberOnServerSoon();
    const next = this.#makeDetail();
    const previous = this.#detail;
    if (next.status === previous.status && next.hasUnsyncedChanges === previous.hasUnsyncedChanges && next.closed === previous.closed) return;
    this.#detail = next;
    // A listener may change the document (the elements join the workshop at the first sync):
    // every listener hears this state first, then the newer one, in order — never a newer state
    // followed by an older one.
    if (this.#emitting) {
      this.#emitAgain = true;
      return;
    }
    this.#emitting = true;
    try {
      do {
        this.#emitAgain = false;
        this.emit('status', this.#detail);
      } while (this.#emitAgain && !this.#destroyed);
    } finally {
      this.#emitting = false;
    }
  }
  #emitting = false;
  #emitAgain = false;
  /** When the provider's scheduled reconnection attempt is due (ms since the epoch; 0: none yet). */
  #retryDue = 0;

  /** The last refusal from the server on this connection, or null. */
  get lastRefusal(): RefusalDetail | null {
    return this.#lastRefusal;
  }

  /**
   * Turns the provider's `permission-denied` messages (which it would only log) into `refused`
   * events. One that comes before the server has admitted the connection (its sync step 1) is the
   * server turning the connection itself away (a refused token, then a 44xx close, reported as
   * `closed`): no change of the person's was refused, so it is no `refused` event.
   */
  #handleRefusals(): void {
    const handlers = this.provider.messageHandlers as MessageHandler[];
    handlers[MESSAGE_AUTH] = (_encoder, decoder, _provider, emitSynced) => {
      if (decoding.readVarUint(decoder) !== PERMISSION_DENIED || this.#destroyed) return;
      const reason = decoding.readVarString(decoder);
      if (!emitSynced || !this.#admitted) return;
      if (reason === HELD_BACK_REASON) {
        this.#expectHeldBack = true;
        this.#writeOnUnderNewClientId();
      }
      const detail: RefusalDetail = Object.freeze({ reason, at: Date.now() });
      this.#lastRefusal = detail;
      this.emit('refused', detail);
    };
  }

  /** Intercepts the provider's sync messages to learn when the server asked for and confirmed our state. */
  #wrapSyncHandler(): void {
    const handlers = this.provider.messageHandlers as MessageHandler[];
    const original = handlers[MESSAGE_SYNC];
    if (original === undefined) return;
    handlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, messageType) => {
      const peek = decoding.clone(decoder);
      const syncType = decoding.readVarUint(peek);
      // What the message says about the server's state: its state vector (step 1), or, for held-back
      // changes, what it sent back of them in answer to a probe that asked for them (step 2).
      let serverState: Map<number, number> | null = null;
      let sentBack: Map<number, number> | null = null;
      if (emitSynced && !this.#destroyed) {
        try {
          if (syncType === syncProtocol.messageYjsSyncStep1) serverState = Y.decodeStateVector(decoding.readVarUint8Array(peek));
          else if (syncType === syncProtocol.messageYjsSyncStep2 && this.#tracker.hasHeldBackChanges) sentBack = Y.parseUpdateMeta(decoding.readVarUint8Array(peek)).to;
        } catch {
          // The provider's own handler reports a malformed message.
        }
      }
      original(encoder, decoder, provider, emitSynced, messageType);
      if (!emitSynced || this.#destroyed) return; // from another tab, not from the server
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        this.#admitted = true;
        this.#tracker.serverStep1();
        if (serverState !== null) this.#learnServerState(serverState);
        // The provider sends our answer (everything the server lacks) when this handler returns;
        // probe right after it (asking for held-back changes too, if any: see #sendProbe).
        if (this.#tracker.hasHeldBackChanges) this.#heldProbeWanted = true;
        this.#scheduleProbe(0);
        this.#update();
      } else if (syncType === syncProtocol.messageYjsSyncStep2) {
        if (sentBack !== null) this.#tracker.serverState(sentBack);
        this.#tracker.serverStep2();
        this.#scheduleProbe(this.#confirmDelayMs);
        this.#update();
      }
    };
  }

  #scheduleProbe(delay: number): void {
    if (this.#probeTimer !== null || this.#destroyed) return;
    this.#probeTimer = timers.setTimeout(() => {
      this.#probeTimer = null;
      this.#sendProbe();
    }, delay);
  }

  #sendProbe(): void {
    const held = this.#heldProbeWanted && this.#tracker.hasHeldBackChanges && this.#tracker.canProbe;
    if (this.#destroyed || (!held && !this.#tracker.wantsProbe)) return;
    const ws = this.provider.ws as unknown as SocketLike | null;
    if (ws === null || !this.provider.wsconnected || ws.readyState !== SOCKET_OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    if (this.#tracker.hasHeldBackChanges) {
      // Says it has, of each client id with held-back changes, only what the server was last known
      // to have: the answer then brings back what the server has of them since (applied as a no-op),
      // which shows whether they have arrived (a server that got them from a later sync step 2 of
      // ours, after their owner came back while we were away, says nothing else about it).
      const stateVector = Y.decodeStateVector(Y.encodeStateVector(this.doc));
      for (const client of this.#tracker.heldBackClients()) stateVector.set(client, Math.min(stateVector.get(client) ?? 0, this.#serverState.get(client) ?? 0));
      const sv = encoding.createEncoder();
      encoding.writeVarUint(sv, stateVector.size);
      for (const [client, clock] of stateVector) {
        encoding.writeVarUint(sv, client);
        encoding.writeVarUint(sv, clock);
      }
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(encoder, encoding.toUint8Array(sv));
    } else {
      syncProtocol.writeSyncStep1(encoder, this.doc);
    }
    this.#heldProbeWanted = false;
    ws.send(encoding.toUint8Array(encoder));
    this.#tracker.probeSent();
  }
  /** Probe once even with nothing new to confirm: the server's answer shows which held-back changes it has. */
  #heldProbeWanted = false;

  /** Whether the server's state vector has been learned (its sync step 1) since the page opened. */
  #serverStateLearned = false;

  /**
   * Counts as not yet confirmed what this device has beyond the server's last known state vector
   * (changes from the offline copy or another tab, which no local update counted).
   */
  #countWhatServerLacks(local: Map<number, number> = Y.decodeStateVector(Y.encodeStateVector(this.doc))): boolean {
    for (const [client, clock] of local) {
      if (clock > (this.#serverState.get(client) ?? 0)) {
        this.#tracker.localUpdate();
        return true;
      }
    }
    return false;
  }

  /**
   * The offline copy finished loading after the server's state vector was known (IndexedDB can be
   * slower than the network): what it brought beyond the server's state is on its way now (the
   * provider sends it) and not saved until confirmed — the page must not go on saying "Saved".
   */
  #offlineCopyLoaded(onServer: unknown): void {
    if (this.#destroyed) return;
    if (!this.#serverStateLearned) {
      // The server not heard yet (offline, or still connecting): the copy says what the server was
      // last known to have. What this device has beyond it — changes made offline before the page
      // was closed or reloaded — is not saved yet, and the page must say so (not "Saved", and
      // offline: "… will be sent when you reconnect"; `whenConfirmed()` waits for it).
      const known = decodeKnownState(onServer);
      if (known === null || !this.#countBeyond(known)) return;
      this.#update();
      return;
    }
    if (!this.#countWhatServerLacks()) return;
    this.#scheduleProbe(this.#confirmDelayMs);
    this.#update();
  }

  /** Counts one not-yet-confirmed change if this device has anything beyond `known` (a state vector). */
  #countBeyond(known: ReadonlyMap<number, number>): boolean {
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) {
      if (clock > (known.get(client) ?? 0)) {
        this.#tracker.localUpdate();
        return true;
      }
    }
    return false;
  }

  /**
   * Keeps in the offline copy what the server has (this document's state vector while everything is
   * saved), a moment after it changed: a page reopened offline then knows which of its changes are
   * not saved yet.
   */
  #rememberOnServerSoon(): void {
    if (this.#onServerTimer !== null || this.#persistence === null || this.#destroyed) return;
    this.#onServerTimer = timers.setTimeout(() => {
      this.#onServerTimer = null;
      const persistence = this.#persistence;
      if (persistence === null || this.#destroyed || this.#tracker.status !== 'synced' || this.#tracker.hasUnsyncedChanges) return;
      persistence.set(ON_SERVER_KEY, Y.encodeStateVector(this.doc).slice().buffer as ArrayBuffer).catch(() => {
        // A full or closed database: the next page reopened offline knows less, nothing is lost.
      });
    }, ON_SERVER_DELAY_MS);
  }
  #onServerTimer: unknown = null;

  /**
   * The server's state vector arrived (its sync step 1). After it said it holds changes back, what
   * this device has beyond that state vector is held back (the client id this page writes with now
   * excepted: its changes are on their way, and confirmed by probes); held-back changes it now has
   * are confirmed.
   */
  #learnServerState(stateVector: Map<number, number>): void {
    this.#serverState = stateVector;
    const local = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    // What this device has beyond it — changes from its offline copy or another tab, which no local
    // update counted — goes out in the answer to this step 1: not confirmed until a probe sent after
    // that answer is answered (or, if the server then says it holds them back, until it has them).
    // Without this a page reopened with unsent changes said "Saved" (and `whenConfirmed()`
    // resolved) before the server had even judged them.
    this.#serverStateLearned = true;
    this.#countWhatServerLacks(local);
    if (this.#expectHeldBack) {
      this.#expectHeldBack = false;
      const held: [number, number][] = [];
      for (const [client, clock] of local) {
        if (client !== this.doc.clientID && clock > (stateVector.get(client) ?? 0)) held.push([client, clock]);
      }
      this.#tracker.heldBack(held);
    }
    this.#tracker.serverState(stateVector);
  }

  /**
   * The server holds some of this page's changes back. Yjs changes from one client id form one
   * sequence, so every later change under the same id would be held back behind them, for as long
   * as the changes they build on are missing (perhaps for good): the page writes on under a new,
   * random client id instead (as Yjs itself does when it sees its id used by another peer). The
   * held-back changes stay in the document and are sent when the server asks for them again.
   * The new id is none the document or the presence shown to this page has used (the server
   * reserves ids shown in presence for their person). The page's presence moves to the new id
   * too: y-websocket assumes the two are the same (it sends and keeps the local presence under
   * the document's client id).
   */
  #writeOnUnderNewClientId(): void {
    const doc = this.doc;
    if (Y.getState(doc.store, doc.clientID) === 0) return; // nothing written under it yet: nothing to queue behind
    let id = random.uint32();
    while (id === 0 || doc.store.clients.has(id) || this.awareness.meta.has(id)) id = random.uint32();
    doc.clientID = id;
    this.#presenceFollowsClientId();
  }

  /**
   * Moves this page's presence to the document's client id when that changed (here, or by Yjs when
   * it saw its id used by another peer): y-websocket sends, keeps and removes the local presence
   * under the document's client id, and fails on one it has no presence for.
   */
  #presenceFollowsClientId(): void {
    const id = this.doc.clientID;
    const awareness = this.awareness;
    if (awareness.clientID === id) return;
    const state = awareness.getLocalState();
    if (state !== null) awareness.setLocalState(null);
    awareness.clientID = id;
    // As a new Awareness does (its initial `{}` state takes clock 0): peers ignore a state of an
    // unknown client at clock 0, so the first one they hear of the new id must be at clock 1.
    awareness.meta.set(id, { clock: 0, lastUpdated: Date.now() });
    if (state !== null) awareness.setLocalState(state);
  }
}

function clearLocalState(awareness: Awareness): void {
  removeAwarenessStates(awareness, [awareness.clientID], 'coproduce:connection-destroyed');
}

/**
 * Connects `doc` to a room. Status starts as `connecting`; listen with
 * `connection.addEventListener('status', (e) => e.detail)` or `connection.on('status', …)`.
 */
export function connect(options: ConnectOptions): Connection {
  return new Connection(options);
}

// ---------------------------------------------------------------------------------------------
// The server's clock
// ---------------------------------------------------------------------------------------------

/** One measurement of the server's clock against the local one. */
export interface ClockMeasurement {
  /** Server clock − local clock, in ms: set it as `session.serverTimeOffsetMs`. */
  readonly offsetMs: number;
  /** Round trip of the sample that was kept, in ms (the offset is within ± half of it). */
  readonly roundTripMs: number;
  /** How many samples answered. */
  readonly samples: number;
}

export interface MeasureClockOptions {
  /** Samples to take, one after another (default 5). The one with the shortest round trip is kept. */
  readonly samples?: number;
  /** The local clock being compared (default `Date.now`; pass the session's clock). */
  readonly now?: () => number;
  /** A fetch implementation (default the global one). */
  readonly fetch?: (url: string, init?: { signal?: unknown }) => Promise<{ ok: boolean; json(): Promise<unknown> }>;
  /** Give up on one sample after this many ms (default 5,000). */
  readonly timeoutMs?: number;
}

/**
 * The address of the server's clock (`GET /time`) for a sync server URL:
 * `wss://example.org/sync` → `https://example.org/sync/time`.
 */
export function serverTimeUrl(serverUrl: string): string {
  const match = /^(wss?|https?):\/\/([^/?#\s]+)([^?#\s]*)/i.exec(serverUrl.trim());
  if (match === null) throw new TypeError('serverTimeUrl() needs an address starting with ws://, wss://, http:// or https://.');
  const scheme = (match[1] as string).toLowerCase().replace(/^ws/, 'http');
  return `${scheme}://${match[2] as string}${(match[3] as string).replace(/\/+$/, '')}/time`;
}

interface ClockGlobals {
  performance?: { now(): number };
  fetch?: MeasureClockOptions['fetch'];
  AbortController?: new () => { readonly signal: unknown; abort(): void };
}
const clockGlobals = globalThis as unknown as ClockGlobals;
const monotonic = (): number => clockGlobals.performance?.now() ?? Date.now();

/**
 * Measures how far the server's clock is from the local one, NTP-style: asks `GET /time` a few
 * times and keeps the answer with the shortest round trip, assuming the server read its clock
 * half-way through it. Shared timers are written on the server's clock, so every device shows the
 * same countdown even when its own clock is minutes wrong. Rejects when no sample answered.
 */
export async function measureServerClock(serverUrl: string, options: MeasureClockOptions = {}): Promise<ClockMeasurement> {
  const url = serverTimeUrl(serverUrl);
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? clockGlobals.fetch?.bind(globalThis);
  if (doFetch === undefined) throw new Error('measureServerClock needs fetch.');
  const samples = Math.max(1, Math.min(20, Math.round(options.samples ?? 5)));
  let best: { offsetMs: number; roundTripMs: number } | null = null;
  let answered = 0;
  let lastError: unknown = null;
  for (let i = 0; i < samples; i++) {
    const controller = clockGlobals.AbortController === undefined ? null : new clockGlobals.AbortController();
    const timer = controller === null ? null : timers.setTimeout(() => controller.abort(), options.timeoutMs ?? 5000);
    try {
      const sentAt = now();
      const started = monotonic();
      const response = await doFetch(url, controller === null ? undefined : { signal: controller.signal });
      const body = (await response.json()) as { now?: unknown };
      const roundTripMs = monotonic() - started;
      const receivedAt = sentAt + roundTripMs;
      if (!response.ok || typeof body?.now !== 'number' || !Number.isFinite(body.now)) throw new Error('The server did not say the time.');
      answered++;
      const offsetMs = Math.round(body.now - (sentAt + receivedAt) / 2);
      if (best === null || roundTripMs < best.roundTripMs) best = { offsetMs, roundTripMs };
    } catch (error) {
      lastError = error;
    } finally {
      if (timer !== null) timers.clearTimeout(timer);
    }
  }
  if (best === null) throw lastError instanceof Error ? lastError : new Error('Could not read the server’s clock.');
  return Object.freeze({ offsetMs: best.offsetMs, roundTripMs: Math.round(best.roundTripMs), samples: answered });
}
