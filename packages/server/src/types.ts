import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';

/** Who is behind a connection, as decided by the `authenticate` hook. */
export interface User {
  userId: string;
  name: string;
  /** Free-form for now; `@coproduce/core` roles are `facilitator`, `participant`, `observer`. */
  role: string;
}

/** Returned by `authenticate` to refuse a connection. */
export interface AuthDenied {
  reason: string;
  /** WebSocket close code: 4401 (default, "unauthorized") or 4403 ("forbidden"). */
  code?: number;
}

export type AuthResult = User | AuthDenied;

/**
 * Runs once per WebSocket upgrade request, before the room is loaded. `url` is the parsed request
 * URL (`url.searchParams.get('token')`). Return a {@link User} to accept, an {@link AuthDenied} to
 * refuse (the client gets a y-protocols `permission-denied` message, then the socket is closed
 * with 4401/4403, which stock y-websocket clients do not retry). Throwing closes with 1011.
 */
export type Authenticate = (req: IncomingMessage, url: URL, room: string) => AuthResult | Promise<AuthResult>;

export interface UpdateContext {
  room: string;
  /** The room's document *before* the update (read it, never write it). */
  doc: Y.Doc;
  user: User;
  /** The incoming Yjs v1 update; it decodes (`Y.decodeUpdate`) but has not been applied. */
  update: Uint8Array;
  /** `sync-step2` (a reply to the server's sync step 1) or `sync-update` (a live edit). */
  kind: 'sync-step2' | 'sync-update';
  connectionId: number;
  /**
   * The room's Yjs client id owners (kept in storage, so they outlast restarts): `get` the user who
   * owns a client id, `claim` one for a user (the first claim stays).
   */
  owners?: ClientOwners;
}

export interface ClientOwners {
  get(client: number): string | undefined;
  claim(client: number, user: string): void;
}

/** `{ reason }` refuses the update; anything else (`undefined`, `true`, `null`) allows it. */
export type UpdateDecision = { reason: string } | UpdateSettlement | true | null | undefined | void;

/**
 * A refusal that keeps what it can (see policy/settle.ts): the room applies `replacement` (the
 * update with its refused parts turned into Yjs garbage, so the sender's later changes still
 * follow on), and the sender gets `permission-denied` with `reason`, then `revert` (a delete set
 * that removes the refused items from its own copy).
 */
export interface UpdateSettlement {
  reason: string;
  replacement: Uint8Array;
  revert: Uint8Array;
  /**
   * Map keys (of a root map, or of a record map inside one) whose current value the room writes
   * again, for everyone, after applying the replacement: the sender's copy lost them to its refused
   * change. A record (a map value) is written again as a copy of its plain fields.
   */
  restore?: readonly { root: string; record: string | null; key: string }[];
}

/**
 * Per-update policy hook. A refused update (`{ reason }`) is not applied, relayed or stored; the
 * sender gets a `permission-denied` message with the reason and is resynced. A settled one
 * ({@link UpdateSettlement}) is applied as its replacement. Throwing counts as a refusal.
 */
export type CheckUpdate = (ctx: UpdateContext) => UpdateDecision | Promise<UpdateDecision>;

export interface AwarenessContext {
  room: string;
  /** The room's document (read it, never write it). */
  doc: Y.Doc;
  user: User;
  /** The awareness client id of the entry (already checked to belong to this connection). */
  clientId: number;
  /** The entry's state as parsed JSON; `null` when the client leaves. */
  state: unknown;
  connectionId: number;
}

/**
 * Per-entry awareness hook, run before an awareness update is applied or relayed (after the server
 * has checked that the connection owns the entry's client id). `{ reason }` refuses the whole
 * update: the sender gets `permission-denied` with the reason and nothing is applied or relayed.
 * Synchronous: awareness is frequent.
 */
export type CheckAwareness = (ctx: AwarenessContext) => UpdateDecision;

/** The user of every connection when no `authenticate` hook is set. */
export const ANONYMOUS_USER: Readonly<User> = Object.freeze({ userId: 'anonymous', name: 'Anonymous', role: 'anonymous' });

export function isAuthDenied(result: AuthResult): result is AuthDenied {
  return typeof (result as Partial<User>).userId !== 'string' && typeof (result as AuthDenied).reason === 'string';
}
