import * as Y from 'yjs';
import { WorkshopSession, isWorkshopCreated, createWorkshop, joinWorkshop, type Role } from '@coproduce/core';
import { connect, type Connection, type ConnectionStatus } from '@coproduce/core/connection';
import { Announcer } from './announcer.js';
import { browserUserId, readTokenClaims, rememberedName } from './identity.js';

export type { ConnectionStatus };

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
}

/**
 * A workshop held only in this page's memory, with no server: for Storybook, documentation and
 * tests that connect documents to each other directly.
 */
export interface LocalRuntimeOptions {
  room: string;
  doc: Y.Doc;
  user: { id: string; name: string; role: Role };
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
  /** True once the document has been loaded from the server or the device's offline copy. */
  ready = false;
  private destroyed = false;

  constructor(options: RuntimeOptions | LocalRuntimeOptions) {
    super();
    this.room = options.room;
    if ('doc' in options) {
      this.doc = options.doc;
      this.session = new WorkshopSession(this.doc, { user: options.user });
      this.connection = null;
      this.ready = true;
      this.setUp();
      return;
    }
    this.doc = new Y.Doc();
    const claims = readTokenClaims(options.token);
    const name = claims?.name ?? options.name ?? rememberedName() ?? '';
    this.session = new WorkshopSession(this.doc, {
      user: {
        id: claims?.id ?? browserUserId(),
        name: name.trim() || 'Guest',
        role: claims?.role ?? options.role ?? 'participant',
      },
    });
    this.connection = connect({
      serverUrl: resolveServerUrl(options.server),
      room: options.room,
      token: options.token ?? undefined,
      doc: this.doc,
      offline: options.offline ?? true,
    });
    this.connection.addEventListener('status', this.onStatus);
    this.onStatus();
  }

  /** The connection status; a local workshop counts as synced. */
  get status(): ConnectionStatus {
    return this.connection?.status ?? 'synced';
  }

  get hasUnsyncedChanges(): boolean {
    return this.connection?.hasUnsyncedChanges ?? false;
  }

  private readonly onStatus = (): void => {
    if (this.destroyed) return;
    if (!this.ready && this.status === 'synced') {
      this.ready = true;
      this.setUp();
    }
    this.dispatchEvent(new Event('change'));
  };

  /** First sync: create the workshop if a facilitator opens an empty room; say who we are. */
  private setUp(): void {
    const { session } = this;
    try {
      if (!isWorkshopCreated(this.doc) && session.role === 'facilitator') {
        createWorkshop(this.doc, { title: this.room.slice(0, 80) || 'Workshop', origin: session.origin });
      }
      if (session.role !== 'observer') joinWorkshop(session, { name: session.user.name });
    } catch (error) {
      console.warn('[coproduce] could not set up the workshop:', error);
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.session.destroy();
    this.announcer.dispose();
    if (this.connection) {
      this.connection.removeEventListener('status', this.onStatus);
      this.connection.destroy();
      this.doc.destroy();
    }
  }
}
