/**
 * The connection status logic, kept free of sockets and timers so it can be tested exhaustively.
 *
 * **Status.** `connecting` while the first connection is being made; `connected` once the socket is
 * open and the initial sync is under way; `synced` once the server's state has been received;
 * `offline` after a connection attempt failed or the connection dropped. While retrying after that
 * the status stays `offline` (attempts every few seconds would otherwise make a screen reader
 * announce "connecting… offline… connecting…"), and so does a reconnection until it has synced:
 * the status goes straight from `offline` back to `synced`, with no "Connected" in between.
 *
 * **Unsynced changes.** The y-websocket protocol has no acknowledgements, but the server answers
 * every "sync step 1" (a state vector) with a "sync step 2", in order, after handling every earlier
 * message on the connection. So after local changes, the connection sends a step 1 "probe", and its
 * answer proves the server has processed everything sent before it. The tracker counts local
 * updates and remembers, for each probe in flight, how many updates it covers. Updates made while
 * disconnected are only sent when the server, on (re)connection, asks with its own step 1; so no
 * probe counts until that request has been answered.
 *
 * **Held-back changes.** A Coproduce server may hold changes back, unapplied, because they build on
 * someone else's changes it does not have (lost in a crash): it says so once, then sends its state
 * vector. Answers to probes prove nothing about those, so they are tracked apart, per Yjs client id
 * (the clock the server must reach), until a state vector from the server shows it has them.
 */

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'synced';

export interface SyncState {
  readonly status: ConnectionStatus;
  /** Local changes the server has not (provably) received yet. Warn before closing the page while true. */
  readonly hasUnsyncedChanges: boolean;
}

/** Marks the provider's own initial step 1, whose answer proves nothing about our changes. */
const ACKS_NOTHING = -1;

export class SyncTracker {
  #status: ConnectionStatus;
  #open = false;
  #handshakeDone = false;
  #localUpdates = 0;
  #acknowledged = 0;
  #inFlight: number[] = [];
  /** Client id → the clock the server must reach to have this device's held-back changes. */
  readonly #heldBack = new Map<number, number>();

  constructor(initial: 'connecting' | 'offline' = 'connecting') {
    this.#status = initial;
  }

  get state(): SyncState {
    return { status: this.#status, hasUnsyncedChanges: this.hasUnsyncedChanges };
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  get hasUnsyncedChanges(): boolean {
    return this.#localUpdates > this.#acknowledged || this.#heldBack.size > 0;
  }

  /** Whether the server has said it holds changes of this device back, and has not got them yet. */
  get hasHeldBackChanges(): boolean {
    return this.#heldBack.size > 0;
  }

  /** Whether a probe may be sent now and would prove something. */
  get canProbe(): boolean {
    return this.#open && this.#handshakeDone;
  }

  /** Whether a probe is wanted: unacknowledged changes and no probe already covering the latest of them. */
  get wantsProbe(): boolean {
    if (!this.canProbe || this.#localUpdates <= this.#acknowledged) return false;
    const newest = this.#inFlight.reduce((max, n) => Math.max(max, n), ACKS_NOTHING);
    return newest < this.#localUpdates;
  }

  /**
   * The provider started a connection attempt. Automatic retries after a failure or a drop keep the
   * status `offline`; the first attempt and attempts the user asked for (`userInitiated`) show `connecting`.
   */
  connecting(userInitiated = false): void {
    this.#open = false;
    this.#handshakeDone = false;
    this.#inFlight = [];
    if (userInitiated || this.#status !== 'offline') this.#status = 'connecting';
  }

  /** The socket opened; the provider sent its initial step 1. A reconnection stays `offline` until synced. */
  opened(): void {
    this.#open = true;
    this.#handshakeDone = false;
    this.#inFlight = [ACKS_NOTHING];
    if (this.#status !== 'offline') this.#status = 'connected';
  }

  /** The socket closed (or the connection was given up). */
  closed(): void {
    this.#open = false;
    this.#handshakeDone = false;
    this.#inFlight = [];
    this.#status = 'offline';
  }

  /** The provider's `sync` event. */
  synced(isSynced: boolean): void {
    if (!this.#open) return;
    if (isSynced) this.#status = 'synced';
    else if (this.#status === 'synced') this.#status = 'connected';
  }

  /** A local change was made (and, when open, sent). */
  localUpdate(): void {
    this.#localUpdates++;
  }

  /** The server sent its state vector, and the provider answered with everything the server lacks. */
  serverStep1(): void {
    if (this.#open) this.#handshakeDone = true;
  }

  /** A probe (step 1) was sent; its answer will cover every local update so far. */
  probeSent(): void {
    this.#inFlight.push(this.#localUpdates);
  }

  /** The server answered a step 1 with a step 2. */
  serverStep2(): void {
    const covered = this.#inFlight.shift();
    if (covered !== undefined && covered > this.#acknowledged) this.#acknowledged = covered;
  }

  /**
   * The server holds changes of this device back: per client id, the clock it must reach to have
   * them (what this device has beyond the server's state vector). Added to what is already held.
   */
  heldBack(clocks: Iterable<readonly [number, number]>): void {
    for (const [client, clock] of clocks) {
      if (clock > (this.#heldBack.get(client) ?? 0)) this.#heldBack.set(client, clock);
    }
  }

  /** The client ids with held-back changes. */
  heldBackClients(): number[] {
    return [...this.#heldBack.keys()];
  }

  /** The server's state vector (its sync step 1): held-back changes it now has are confirmed. */
  serverState(stateVector: ReadonlyMap<number, number>): void {
    for (const [client, clock] of this.#heldBack) {
      if ((stateVector.get(client) ?? 0) >= clock) this.#heldBack.delete(client);
    }
  }

  /** The connection was destroyed. */
  destroyed(): void {
    this.closed();
  }
}
