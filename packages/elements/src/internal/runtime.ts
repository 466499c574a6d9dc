import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import {
  WorkshopSession, isWorkshopCreated, createWorkshop, joinWorkshop, observeRoots, presenceUser, readLocalPresence, readPeople,
  setLocalAway, setLocalPresence, updateProfile, type PresenceFocus, type Role,
} from '@coproduce/core';
import { connect, measureServerClock, type Connection, type ConnectionStatus } from '@coproduce/core/connection';
import { Announcer } from './announcer.js';
import { browserUserId, readTokenClaims, rememberName, rememberedName } from './identity.js';

export type { ConnectionStatus };

/** The name of someone who has not chosen one yet (`<co-join>` asks them). */
export const GUEST_NAME = 'Guest';

export interface RuntimeOptions {
  /** The sync server, e.g. `wss://workshops.example.gov.uk`. Empty: the page's own origin. */
  server: string | null | undefined;
  room: string;
  token?: string | null | undefined;
  /** Display name when the token does not carry one. */
  name?: string | null | undefined;
  /** Role when there is no token (a server with tokens decides roles itself). */
  role?: Role | null | undefined;
  /** Keep an offline copy in IndexedDB (default true). */
  offline?: boolean;
  /** The local clock (default `Date.now`); tests pass a wrong one to check the timer still agrees. */
  now?: () => number;
  /** Measure the server's clock (`GET /time`) on every (re)connection (default true). */
  measureClock?: boolean;
  /**
   * Also share changes and presence with other tabs of this browser directly (default true). Tests
   * that put several people's workshops on one page turn it off, so each person's presence reaches
   * the others only through the server, as it would from separate devices.
   */
  crossTab?: boolean;
}

/**
 * A workshop held only in this page's memory, with no server: for Storybook, documentation and
 * tests that connect documents to each other directly.
 */
export interface LocalRuntimeOptions {
  room: string;
  doc: Y.Doc;
  user: { id: string; name: string; role: Role };
  /** Presence for a local workshop (default: a presence of its own, seen by nobody else). */
  awareness?: Awareness;
  /** The local clock (default `Date.now`). */
  now?: () => number;
  /** Treat the person as someone who has not chosen a name yet, so `<co-join>` asks (default false). */
  askName?: boolean;
}

/** Turns the `server` attribute into a WebSocket base URL. */
export function resolveServerUrl(server: string | null | undefined): string {
  const base = new URL(server && server.trim() ? server.trim() : '/', location.href);
  if (base.protocol === 'http:') base.protocol = 'ws:';
  if (base.protocol === 'https:') base.protocol = 'wss:';
  return base.href.replace(/\/$/, '');
}

/**
 * One live workshop on the page: the document, the local session, the connection and the
 * announcer. `<co-workshop>` owns one and provides it to the elements inside it; an element used on
 * its own (given `server` and `room`) owns its own.
 */
export class WorkshopRuntime extends EventTarget {
  readonly doc: Y.Doc;
  readonly session: WorkshopSession;
  /** The server connection; null for a local workshop. */
  readonly connection: Connection | null;
  readonly announcer = new Announcer();
  readonly room: string;
  /** Presence (who is here): the connection's, or a local one. */
  readonly awareness: Awareness;
  /** True once the document has been loaded from the server or the device's offline copy. */
  ready = false;
  /**
   * Whether the person gave a name (token, attribute or one remembered on this device). Without one
   * they appear as "Guest" until they choose a name (`<co-join>` asks them).
   */
  hasChosenName: boolean;
  /** Whether the server's clock has been measured since the last connection ("not yet": offset 0). */
  clockMeasured = false;
  /**
   * Whether this person's view follows the facilitator when they bring everyone to one place.
   * They can step out (and back in) from `<co-phase>`; the choice is for this page only.
   */
  following = true;
  private destroyed = false;
  private readonly ownsAwareness: boolean;
  private readonly cleanups: (() => void)[] = [];
  private lastRole: Role;
  private clockAttempt = 0;
  private readonly serverUrl: string | null = null;
  private readonly localNow: (() => number) | undefined;
  private chosenName: string | undefined;

  constructor(options: RuntimeOptions | LocalRuntimeOptions) {
    super();
    this.room = options.room;
    this.localNow = options.now;
    if ('doc' in options) {
      this.doc = options.doc;
      this.session = new WorkshopSession(this.doc, { user: options.user, ...(options.now ? { now: options.now } : {}) });
      this.connection = null;
      this.ownsAwareness = options.awareness === undefined;
      this.awareness = options.awareness ?? new Awareness(this.doc);
      this.hasChosenName = options.askName !== true;
      this.lastRole = this.session.role;
      this.watch();
      this.ready = true;
      this.setUp();
      return;
    }
    this.doc = new Y.Doc();
    const claims = readTokenClaims(options.token);
    const name = (claims?.name ?? options.name ?? rememberedName() ?? '').trim();
    this.hasChosenName = name !== '';
    this.session = new WorkshopSession(this.doc, {
      user: {
        id: claims?.id ?? browserUserId(),
        name: name || GUEST_NAME,
        role: claims?.role ?? options.role ?? 'participant',
      },
      ...(options.now ? { now: options.now } : {}),
    });
    this.lastRole = this.session.role;
    this.serverUrl = resolveServerUrl(options.server);
    this.connection = connect({
      serverUrl: this.serverUrl,
      room: options.room,
      token: options.token ?? undefined,
      doc: this.doc,
      offline: options.offline ?? true,
      ...(options.crossTab !== undefined ? { crossTab: options.crossTab } : {}),
    });
    this.ownsAwareness = false;
    this.awareness = this.connection.awareness;
    if (options.measureClock === false) this.serverUrl = null;
    this.watch();
    this.connection.addEventListener('status', this.onStatus);
    this.onStatus();
  }

  /** The server's clock, as far as it has been measured (see `session.serverTimeOffsetMs`). */
  serverNow(): number {
    return this.session.serverNow();
  }

  /**
   * Where this person is (an element, an item in it), for everyone's `<co-presence>`; `null` for
   * nowhere in particular.
   */
  setPresenceFocus(focus: PresenceFocus | null): void {
    const current = readLocalPresence(this.awareness);
    if (current === null) return;
    try {
      setLocalPresence(this.awareness, { ...current, focus });
    } catch (error) {
      console.warn('[coproduce] presence:', error);
    }
  }

  /** Changes the person's display name: in the workshop, in their presence, and remembered on this device. */
  setDisplayName(name: string): void {
    const person = updateProfile(this.session, { name });
    this.chosenName = person.name;
    rememberName(person.name);
    this.hasChosenName = true;
    this.publishPresence();
    this.dispatchEvent(new Event('change'));
  }

  /** Steps out of (false) or back into (true) following the facilitator. */
  setFollowing(following: boolean): void {
    if (this.following === following) return;
    this.following = following;
    this.dispatchEvent(new Event('change'));
  }

  /** Keeps presence and the effective role up to date as the document and the page change. */
  private watch(): void {
    this.cleanups.push(observeRoots(this.doc, ['people', 'roles'], () => {
      // After the document update has gone out: the server checks a presence's role against it.
      queueMicrotask(() => this.publishPresence());
      const role = this.session.role;
      if (role !== this.lastRole) {
        this.lastRole = role;
        this.dispatchEvent(new Event('change'));
      }
    }, { immediate: false }));
    const doc = (globalThis as { document?: Document }).document;
    if (doc) {
      const onVisibility = (): void => {
        if (readLocalPresence(this.awareness) !== null) setLocalAway(this.awareness, doc.visibilityState === 'hidden');
      };
      doc.addEventListener('visibilitychange', onVisibility);
      this.cleanups.push(() => doc.removeEventListener('visibilitychange', onVisibility));
    }
  }

  /** Publishes (or refreshes) this person's presence: name, colour and role from the document. */
  private publishPresence(force = false): void {
    if (this.destroyed || !this.ready) return;
    const current = readLocalPresence(this.awareness);
    const user = presenceUser(this.session);
    const same = current !== null && current.user.name === user.name && current.user.colour === user.colour && current.user.role === user.role && current.user.id === user.id;
    if (same && !force) return;
    try {
      setLocalPresence(this.awareness, { user, focus: current?.focus ?? null, ...(current?.away !== undefined ? { away: current.away } : {}) });
    } catch (error) {
      console.warn('[coproduce] presence:', error);
    }
  }

  /** Measures the server's clock NTP-style and anchors the session's timers to it. Retried on each reconnection. */
  private measureClock(): void {
    const url = this.serverUrl;
    if (url === null || typeof fetch !== 'function') return;
    const attempt = ++this.clockAttempt;
    measureServerClock(url, { samples: 5, ...(this.localNow ? { now: this.localNow } : {}) }).then(
      (measured) => {
        if (this.destroyed || attempt !== this.clockAttempt) return;
        this.session.serverTimeOffsetMs = measured.offsetMs;
        this.clockMeasured = true;
        this.dispatchEvent(new Event('change'));
      },
      (error: unknown) => {
        // Keep the last offset (or none): the countdown still works, just on this device's clock.
        if (!this.destroyed) console.info('[coproduce] could not read the server clock:', error);
      },
    );
  }

  /** The connection status; a local workshop counts as synced. */
  get status(): ConnectionStatus {
    return this.connection?.status ?? 'synced';
  }

  get hasUnsyncedChanges(): boolean {
    return this.connection?.hasUnsyncedChanges ?? false;
  }

  private wasConnected = false;
  private lastStatus: ConnectionStatus | null = null;
  private readonly onStatus = (): void => {
    if (this.destroyed) return;
    const connected = this.status === 'connected' || this.status === 'synced';
    if (connected && !this.wasConnected) this.measureClock();
    if (!connected) this.clockMeasured = false;
    this.wasConnected = connected;
    if (!this.ready && this.status === 'synced') {
      this.ready = true;
      this.setUp();
    } else if (this.status === 'synced' && this.lastStatus !== 'synced') {
      // Back in sync after being offline: say who we are again, now that the server has our
      // changes (a name changed offline reaches the server only with the document).
      this.publishPresence(true);
    }
    this.lastStatus = this.status;
    this.dispatchEvent(new Event('change'));
  };

  /** First sync: create the workshop if a facilitator opens an empty room; say who we are. */
  private setUp(): void {
    const { session } = this;
    try {
      if (!isWorkshopCreated(this.doc) && session.role === 'facilitator') {
        createWorkshop(this.doc, { title: this.room.slice(0, 80) || 'Workshop', origin: session.origin });
      }
      if (session.role !== 'observer') {
        // A name chosen here (even before the first sync) or on an earlier visit is kept.
        const known = readPeople(this.doc).find((p) => p.id === session.user.id)?.name;
        if (known !== undefined && known !== GUEST_NAME) this.hasChosenName = true;
        joinWorkshop(session, { name: this.chosenName ?? known ?? session.user.name });
      }
    } catch (error) {
      console.warn('[coproduce] could not set up the workshop:', error);
    }
    this.publishPresence();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (this.ownsAwareness) this.awareness.destroy();
    this.session.destroy();
    this.announcer.dispose();
    if (this.connection) {
      this.connection.removeEventListener('status', this.onStatus);
      this.connection.destroy();
      this.doc.destroy();
    }
  }
}
