import { WebSocket } from 'ws';
import type { ConnectionLimiter } from './limits.js';
import { redactTokens, type Logger } from './log.js';
import { truncateReason } from './protocol.js';
import type { User } from './types.js';

let nextConnectionId = 1;

/** One client WebSocket in one room. */
export class Connection {
  readonly id = nextConnectionId++;
  /** Awareness client ids this connection introduced; removed when it disconnects. */
  readonly awarenessIds = new Set<number>();
  /** Messages received but not processed yet (queued behind the room's load or earlier messages). */
  pending = 0;
  /** Answered the last ping. */
  alive = true;
  /** Closed by the server for bad input: its queued messages are dropped. */
  rejected = false;
  /** When the server last resent the room state after a refused update. */
  lastResyncAt = Number.NEGATIVE_INFINITY;
  /** Rate and size limits of this connection (set by the server; see limits.ts). */
  limiter: ConnectionLimiter | null = null;

  constructor(
    readonly ws: WebSocket,
    readonly roomName: string,
    readonly user: User,
    private readonly logger: Logger,
    private readonly maxBufferedBytes: number,
  ) {}

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(message: Uint8Array): void {
    if (!this.open) return;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      // A close frame would queue behind the data the client does not read: cut the socket.
      this.rejected = true;
      this.logger.info('terminating connection that does not read', { conn: this.id, room: redactTokens(this.roomName), buffered: this.ws.bufferedAmount });
      this.ws.terminate();
      return;
    }
    this.ws.send(message, (err) => {
      if (err) this.logger.debug('send failed', { conn: this.id, error: err });
    });
  }

  /** Closes the connection because of what the client did; drops its queued messages. */
  reject(code: number, reason: string): void {
    if (this.rejected) return;
    this.rejected = true;
    this.logger.info('closing connection', { conn: this.id, room: redactTokens(this.roomName), code, reason: redactTokens(reason) });
    this.close(code, reason);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.CLOSING || this.ws.readyState === WebSocket.CLOSED) return;
    try {
      this.ws.close(code, truncateReason(reason));
    } catch (err) {
      this.logger.debug('close failed', { conn: this.id, error: err });
      this.ws.terminate();
    }
  }
}
