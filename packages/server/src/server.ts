import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { answerMissingJoinRoute } from './auth.js';
import { Connection } from './connection.js';
import { createStaticHandler, handleTimeRequest, sendJson, sendText, type RequestHandler } from './http.js';
import { createLogger, redactTokens, type Logger, type LogLevel } from './log.js';
import { CloseCode, encodePermissionDenied, parseMessage, ProtocolError, truncateReason } from './protocol.js';
import { Room, type RoomState } from './room.js';
import { AddressCounter, clientAddress, ConnectionLimiter, LIMIT_DEFAULTS, tooManyFromAddress, type LimitOptions, type ResolvedLimits } from './limits.js';
import { UpdateGate } from './validation/gate.js';
import { PRIVACY_DEFAULTS, startRetention, type PrivacyOptions } from './privacy.js';
import { defaultPoolSize, ValidationPool } from './validation/pool.js';
import { SqliteStorage, type SqliteSynchronous } from './storage/sqlite.js';
import type { Storage } from './storage/types.js';
import { lockDataDir, type DataLock } from './storage/lock.js';
import { ANONYMOUS_USER, isAuthDenied, type Authenticate, type CheckAwareness, type CheckUpdate, type User } from './types.js';
import { shadowDocValidator, type ValidatorFactory } from './validator.js';
import { VERSION } from './version.js';

/** Defaults of {@link ServerOptions}; documented in docs/server.md. */
export const DEFAULTS = {
  host: '127.0.0.1',
  port: 1234,
  dataDir: './.data',
  commitWindowMs: 20,
  unloadGraceMs: 30_000,
  compactAfterUpdates: 500,
  compactAfterBytes: 1024 * 1024,
  maxMessageSize: 10 * 1024 * 1024,
  maxConnections: 10_000,
  maxConnectionsPerRoom: 500,
  maxRooms: 10_000,
  maxRoomNameLength: 256,
  maxPendingMessages: 1_000,
  maxBufferedBytes: 64 * 1024 * 1024,
  pingIntervalMs: 30_000,
  resyncMinIntervalMs: 1_000,
  ...LIMIT_DEFAULTS,
  ...PRIVACY_DEFAULTS,
} as const;

export interface ServerOptions extends LimitOptions, PrivacyOptions {
  /** Interface to listen on (default `127.0.0.1`: local only; use `0.0.0.0` behind a proxy). */
  host?: string;
  /** Port (default 1234; 0 picks a free one). */
  port?: number;
  /**
   * Where rooms are stored. Default: a {@link SqliteStorage} in `dataDir`, owned (closed) by the
   * server, which holds the data folder's lock until it has closed (`createServer` throws
   * `DataDirInUseError` when another server or command holds it). A storage passed in is flushed on `close()` but not closed: its creator owns it.
   */
  storage?: Storage;
  /** Directory of the default SQLite storage (default `./.data`). */
  dataDir?: string;
  /** Group-commit window of the default SQLite storage in ms (default 20). */
  commitWindowMs?: number;
  /** `PRAGMA synchronous` of the default SQLite storage (default `normal`). */
  synchronous?: SqliteSynchronous;
  /** Also serve this directory's files over HTTP on the same port. */
  staticDir?: string;
  /** How long an empty room stays loaded before it is compacted and dropped (default 30 s). */
  unloadGraceMs?: number;
  /** Compact a room's log into a snapshot after this many updates (default 500)… */
  compactAfterUpdates?: number;
  /** …or this many bytes of updates since the last compaction (default 1 MiB). */
  compactAfterBytes?: number;
  /** Largest accepted WebSocket message in bytes (default 10 MiB); larger ones close with 1009. */
  maxMessageSize?: number;
  /** Open connections in total (default 10 000); more are closed with 1013. */
  maxConnections?: number;
  /** Open connections per room (default 500). */
  maxConnectionsPerRoom?: number;
  /** Loaded rooms at once (default 10 000). */
  maxRooms?: number;
  /** Longest room name in UTF-16 code units (default 256). */
  maxRoomNameLength?: number;
  /** Received-but-unprocessed messages per connection (default 1 000); more close with 1008. */
  maxPendingMessages?: number;
  /** Bytes waiting in a connection's send buffer before it is cut as too slow (default 64 MiB). */
  maxBufferedBytes?: number;
  /** Ping every connection this often and drop those that did not answer the last ping (default 30 s; 0 = off). */
  pingIntervalMs?: number;
  /** Yjs garbage collection in room documents (default true). */
  gc?: boolean;
  authenticate?: Authenticate;
  checkUpdate?: CheckUpdate;
  /** Judges awareness states (after the ownership check); see `workshopPolicy()`. */
  checkAwareness?: CheckAwareness;
  /**
   * Extra HTTP routes, tried before the static files: a `(req, res, next)` handler that calls
   * `next()` for requests it does not serve (e.g. `createJoinHandler()` for `POST /join`).
   */
  requestHandler?: RequestHandler;
  /** Decides whether an update integrates before it touches a room (default: shadow document). */
  validator?: ValidatorFactory;
  logger?: Logger;
  /** Level of the default logger (default `warn`). */
  logLevel?: LogLevel;
}

export interface ListenInfo {
  port: number;
  host: string;
  /** `ws://host:port`: give it to y-websocket's `WebsocketProvider` as the server URL. */
  url: string;
}

export interface ServerStats {
  /**
   * `storage-failing` from a failed write to storage until a write succeeds again (the rooms keep
   * their changes in memory meanwhile and write them out once storage works: docs/server.md).
   */
  status: 'ok' | 'storage-failing';
  /** The last storage error, while `status` is `storage-failing`. */
  lastStorageError?: string;
  /** Since when (ISO 8601) writes have been failing, while `status` is `storage-failing`. */
  storageFailingSince?: string;
  rooms: number;
  connections: number;
  uptimeSeconds: number;
  version: string;
}

export interface RoomSummary {
  name: string;
  state: RoomState;
  connections: number;
}

export interface CoproduceServer {
  listen(): Promise<ListenInfo>;
  /** Graceful shutdown: stop accepting, close sockets with 1001, compact and flush, close owned storage. */
  close(): Promise<void>;
  /** Makes every stored update durable now (commits the storage's pending group-commit batch). */
  flush(): Promise<void>;
  stats(): ServerStats;
  rooms(): RoomSummary[];
  /**
   * Runs `fn` on a room's document in the room's task queue, loading the room if needed (it
   * unloads again after the grace period if nobody joins). Changes `fn` makes are relayed and
   * stored like any edit; with `compact` the room's stored log is replaced by a snapshot afterwards.
   * Used by the privacy functions (`eraseUser`, `exportUser`).
   */
  withRoom<T>(room: string, fn: (doc: Y.Doc) => T, options?: { compact?: boolean; forgetOwner?: string }): Promise<T>;
  readonly storage: Storage;
  readonly httpServer: HttpServer;
  readonly logger: Logger;
}

/** Parses the room name from a request URL: the path after the leading `/`, URL-decoded. */
export function roomNameFromUrl(rawUrl: string, maxLength: number = DEFAULTS.maxRoomNameLength): string {
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  if (!path.startsWith('/')) throw new ProtocolError(CloseCode.BadRequest, 'Invalid room name: bad request path');
  let name: string;
  try {
    name = decodeURIComponent(path.slice(1));
  } catch {
    throw new ProtocolError(CloseCode.BadRequest, 'Invalid room name: bad percent-encoding');
  }
  if (name.length === 0) throw new ProtocolError(CloseCode.BadRequest, 'Invalid room name: empty');
  if (name.length > maxLength) {
    throw new ProtocolError(CloseCode.BadRequest, `Invalid room name: longer than ${maxLength} characters`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new ProtocolError(CloseCode.BadRequest, 'Invalid room name: control characters');
  return name;
}

/** Defined in log.ts (room.ts, connection.ts and http.ts use it too); exported here as before. */
export { redactTokens };

/** A request's path for the log: no query string (it carries the token), and no token-like text. */
function loggedPath(rawUrl: string | undefined): string {
  return redactTokens((rawUrl ?? '').split('?')[0] ?? '');
}

function formatUrl(scheme: string, host: string, port: number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function toBytes(data: RawData): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data); // Buffer: copy into an exact buffer
}

/** Creates the sync server. Nothing listens until `listen()`. */
export function createServer(options: ServerOptions = {}): CoproduceServer {
  const opts = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS &
    ServerOptions;
  const logger = options.logger ?? createLogger(options.logLevel ?? 'warn');
  const ownsStorage = options.storage === undefined;
  // The default storage holds the data folder's lock (storage/lock.ts) until `close()`: a second
  // server on the same folder throws `DataDirInUseError` here.
  let dataLock: DataLock | null = null;
  const openOwnStorage = (): Storage => {
    const lock = lockDataDir(opts.dataDir, 'serve');
    try {
      const own = SqliteStorage.inDirectory(opts.dataDir, {
        commitWindowMs: opts.commitWindowMs,
        ...(opts.synchronous ? { synchronous: opts.synchronous } : {}),
        logger,
      });
      dataLock = lock;
      return own;
    } catch (err) {
      lock.release();
      throw err;
    }
  };
  const storage: Storage = options.storage ?? openOwnStorage();
  const authenticate = options.authenticate;
  const limits: ResolvedLimits = opts;
  const workers = options.validationWorkers ?? defaultPoolSize();
  const pool = workers > 0 ? new ValidationPool({ size: workers, timeoutMs: limits.validationTimeoutMs, memoryMb: limits.validationMemoryMb, logger }) : null;
  const gate = new UpdateGate(limits, pool, opts.gc ?? true);
  const addresses = new AddressCounter(limits.maxConnectionsPerIp);
  const staticHandler: RequestHandler | null = opts.staticDir ? createStaticHandler(opts.staticDir, { logger }) : null;

  const rooms = new Map<string, Room>();
  const connections = new Set<Connection>();
  let upgrading = 0;
  let startedAt = Date.now();
  let closing: Promise<void> | null = null;
  let pingTimer: NodeJS.Timeout | null = null;
  let stopRetention: () => void = () => undefined;

  const roomContext = {
    storage,
    logger,
    validator: options.validator ?? shadowDocValidator,
    checkUpdate: options.checkUpdate,
    checkAwareness: options.checkAwareness,
    gc: opts.gc ?? true,
    unloadGraceMs: opts.unloadGraceMs,
    compactAfterUpdates: opts.compactAfterUpdates,
    compactAfterBytes: opts.compactAfterBytes,
    maxPendingMessages: opts.maxPendingMessages,
    resyncMinIntervalMs: opts.resyncMinIntervalMs,
    limits: {
      gate,
      maxDocumentSize: limits.maxDocumentSize,
      maxPendingBytes: limits.maxPendingBytes,
      awarenessBatchMs: limits.awarenessBatchMs,
    },
    onClosed(room: Room) {
      if (rooms.get(room.name) === room) rooms.delete(room.name);
    },
    onStorageResult(error: unknown) {
      if (error === null) storageFailure = null;
      else storageFailure ??= { error: error instanceof Error ? error.message : String(error), since: Date.now() };
    },
  };

  /** Set by a failed write of any room, cleared by the next successful one (see `ServerStats.status`). */
  let storageFailure: { error: string; since: number } | null = null;

  const stats = (): ServerStats => {
    // The storage's own view too (a batch kept while the database is locked has not failed yet).
    const health = storage.health?.();
    const failure = storageFailure ?? (health && !health.ok ? { error: health.lastError ?? 'storage is failing', since: health.failingSince ?? Date.now() } : null);
    return {
      status: failure ? 'storage-failing' : 'ok',
      ...(failure ? { lastStorageError: failure.error, storageFailingSince: new Date(failure.since).toISOString() } : {}),
      rooms: rooms.size,
    connections: connections.size,
      uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
      version: VERSION,
    };
  };

  const httpServer = createHttpServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    if (pathname === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed\n', { allow: 'GET, HEAD' });
      const current = stats();
      const status = closing ? 503 : current.status === 'ok' ? 200 : 503;
      return sendJson(res, status, closing ? { ...current, status: 'shutting-down' } : current, method === 'HEAD');
    }
    if (handleTimeRequest(req, res, pathname ?? '/')) return;
    const notFound = (): void => sendText(res, 404, 'Not Found\n');
    const serveStatic = (): void => {
      // POST /join and /invite on a server without the join routes: a JSON answer a page can read.
      if (answerMissingJoinRoute(req, res, pathname ?? '/', authenticate !== undefined)) return;
      if (staticHandler && (method === 'GET' || method === 'HEAD')) return staticHandler(req, res, notFound);
      notFound();
    };
    if (options.requestHandler) return options.requestHandler(req, res, serveStatic);
    serveStatic();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageSize, perMessageDeflate: false });

  /** Completes the upgrade only to tell the client why it is turned away (y-websocket clients read close codes). */
  const refuseUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string, denied = false): void => {
    // Log the path only: the query string carries the person's token (and with it their name).
    logger.info('connection refused', { path: loggedPath(req.url), code, reason: redactTokens(reason) });
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (denied) ws.send(encodePermissionDenied(reason));
      ws.close(code, truncateReason(reason));
    });
  };

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    // Only until the upgrade is done (or refused): the WebSocket has its own error handler after it,
    // and a normal disconnect (ECONNRESET) must not be logged as an upgrade error.
    const onSocketError = (err: Error): void => logger.debug('socket error during upgrade', { error: err });
    socket.on('error', onSocketError);
    const upgraded = (): void => {
      socket.off('error', onSocketError);
    };
    if (closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const rawUrl = req.url ?? '/';
    let room: string;
    try {
      room = roomNameFromUrl(rawUrl, opts.maxRoomNameLength);
    } catch (err) {
      const e = err as ProtocolError;
      refuseUpgrade(req, socket, head, e.code, e.reason);
      return;
    }
    if (connections.size + upgrading >= opts.maxConnections) {
      refuseUpgrade(req, socket, head, CloseCode.TryAgainLater, 'Server is full, try again later');
      return;
    }
    let user: User = ANONYMOUS_USER;
    if (authenticate) {
      upgrading++;
      try {
        const url = new URL(rawUrl, 'http://localhost');
        const result = await authenticate(req, url, room);
        if (isAuthDenied(result)) {
          const code = result.code === CloseCode.Forbidden ? CloseCode.Forbidden : CloseCode.Unauthorized;
          if (!socket.destroyed && !closing) refuseUpgrade(req, socket, head, code, result.reason, true);
          else socket.destroy();
          return;
        }
        user = result;
      } catch (err) {
        logger.error('authenticate failed', { room: redactTokens(room), error: err });
        if (!socket.destroyed && !closing) refuseUpgrade(req, socket, head, CloseCode.InternalError, 'Authentication error');
        else socket.destroy();
        return;
      } finally {
        upgrading--;
      }
      if (socket.destroyed || closing) {
        socket.destroy();
        return;
      }
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      upgraded();
      onConnection(ws, room, user, clientAddress(req, limits.trustProxy));
    });
  };

  const onConnection = (ws: WebSocket, roomName: string, user: User, address: string): void => {
    ws.binaryType = 'arraybuffer';
    const conn = new Connection(ws, roomName, user, logger, opts.maxBufferedBytes);
    conn.limiter = new ConnectionLimiter(limits);
    if (addresses.isFull(address)) {
      const e = tooManyFromAddress();
      conn.reject(e.code, e.reason);
      return;
    }
    let room = rooms.get(roomName);
    if (!room) {
      if (rooms.size >= opts.maxRooms) {
        conn.reject(CloseCode.TryAgainLater, 'Too many active rooms, try again later');
        return;
      }
      room = new Room(roomName, roomContext);
      rooms.set(roomName, room);
      logger.debug('room opened', { room: redactTokens(roomName) });
    } else if (room.conns.size >= opts.maxConnectionsPerRoom) {
      conn.reject(CloseCode.TryAgainLater, 'Room is full, try again later');
      return;
    }
    const joined = room;
    addresses.acquire(address);
    connections.add(conn);
    ws.on('message', (data, isBinary) => {
      if (conn.rejected) return;
      if (!isBinary) {
        conn.reject(CloseCode.UnsupportedData, 'Malformed message: text frames are not supported');
        return;
      }
      let message;
      try {
        message = parseMessage(toBytes(data));
      } catch (err) {
        if (err instanceof ProtocolError) conn.reject(err.code, err.reason);
        else conn.reject(CloseCode.InvalidPayload, 'Malformed message');
        return;
      }
      joined.handleMessage(conn, message);
    });
    ws.on('error', (err) => {
      // e.g. 1009 (message too big): ws closes the socket itself
      logger.info('connection error', { conn: conn.id, room: redactTokens(roomName), error: err });
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('close', (code) => {
      connections.delete(conn);
      addresses.release(address);
      joined.removeConnection(conn);
      logger.debug('connection closed', { conn: conn.id, room: redactTokens(roomName), code });
    });
    joined.addConnection(conn);
    logger.debug('connection opened', { conn: conn.id, room: redactTokens(roomName), user: user.userId });
  };

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    onUpgrade(req, socket, head).catch((err: unknown) => {
      logger.error('upgrade failed', { error: err });
      socket.destroy();
    });
  });

  const listen = (): Promise<ListenInfo> =>
    new Promise<ListenInfo>((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      httpServer.once('error', onError);
      httpServer.listen(opts.port, opts.host, () => {
        httpServer.off('error', onError);
        httpServer.on('error', (err) => logger.error('http server error', { error: err }));
        startedAt = Date.now();
        stopRetention = startRetention({
          storage,
          retentionDays: opts.retentionDays,
          sweepMs: opts.retentionSweepMs,
          isLoaded: (name) => rooms.has(name),
          logger,
        });
        if (opts.pingIntervalMs > 0) {
          pingTimer = setInterval(() => {
            for (const conn of connections) {
              if (!conn.alive) {
                logger.info('dropping unresponsive connection', { conn: conn.id, room: redactTokens(conn.roomName) });
                conn.ws.terminate();
                continue;
              }
              conn.alive = false;
              try {
                conn.ws.ping();
              } catch {
                conn.ws.terminate();
              }
            }
          }, opts.pingIntervalMs);
          pingTimer.unref();
        }
        const address = httpServer.address() as AddressInfo;
        const info = { port: address.port, host: opts.host, url: formatUrl('ws', opts.host, address.port) };
        logger.debug('listening', { url: info.url, version: VERSION });
        resolve(info);
      });
    });

  const shutdown = async (): Promise<void> => {
    if (pingTimer) clearInterval(pingTimer);
    stopRetention();
    const httpClosed = new Promise<void>((resolve) => {
      if (!httpServer.listening) return resolve();
      httpServer.close(() => resolve());
    });
    httpServer.closeIdleConnections();
    // Ask every client to leave, then close the rooms (which compacts them) after their queued messages.
    for (const conn of connections) conn.close(CloseCode.GoingAway, 'Server shutting down');
    await Promise.all([...rooms.values()].map((room) => room.close(CloseCode.GoingAway, 'Server shutting down')));
    try {
      await storage.flush();
    } catch (err) {
      logger.error('final flush failed', { error: err });
    }
    if (ownsStorage) {
      try {
        await storage.close();
      } catch (err) {
        logger.error('closing storage failed', { error: err });
      }
      (dataLock as DataLock | null)?.release();
    }
    // Give closing handshakes a moment, then cut what is left.
    const deadline = Date.now() + 1000;
    while (connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const conn of connections) conn.ws.terminate();
    wss.close();
    await pool?.destroy();
    httpServer.closeAllConnections();
    await httpClosed;
    logger.info('server closed');
  };

  const withRoom = async <T,>(name: string, fn: (doc: Y.Doc) => T, options: { compact?: boolean; forgetOwner?: string } = {}): Promise<T> => {
    if (closing) throw new Error('Server shutting down');
    let room = rooms.get(name);
    if (!room || room.state === 'closed') {
      room = new Room(name, roomContext);
      rooms.set(name, room);
    }
    const result = await room.runTask(fn, options);
    await storage.flush();
    return result;
  };

  return {
    listen,
    close: () => (closing ??= shutdown()),
    withRoom,
    flush: () => storage.flush(),
    stats,
    rooms: () => [...rooms.values()].map((room) => ({ name: room.name, state: room.state, connections: room.conns.size })),
    storage,
    httpServer,
    logger,
  };
}
