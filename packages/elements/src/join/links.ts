/**
 * Join links, the browser's side (see docs/server.md, "Join links (POST /join)").
 *
 * A shared participant link carries a **join token** (`{ room, role, kind: "join", iat, exp }`, no
 * `sub`). The server refuses it at connect: the page trades it once at `POST /join`, with the name
 * the person chose, for a **personal token** with a user id of its own. A facilitator's page gets
 * such a join token for its invitation at `POST /invite`, with the facilitator's own personal token
 * (see docs/server.md, "Invitations (POST /invite)"). This module reads token claims (without
 * checking them: the server checks), keeps personal tokens in localStorage per server (its address,
 * path included) and room, and makes both requests, under the server's path (`wss://host/coproduce`
 * → `https://host/coproduce/join`). No DOM elements and no strings here: errors carry a code that
 * the elements turn into words (English or Welsh).
 */
import { TEXT, checkText, isRole, type Role } from '@coproduce/core';

/** The claims the page reads from a token: enough to know what kind it is and who it names. */
export interface TokenClaims {
  kind: 'join' | 'personal';
  room: string | null;
  /** The user id (`sub`) of a personal token. */
  id: string | null;
  name: string | null;
  role: Role | null;
  /** When it stops working, in ms since the epoch (null: unknown). */
  expiresAt: number | null;
}

/**
 * Reads a token's claims without verifying it. Returns null for anything that is not a readable
 * JWT (the server will refuse it, and says why).
 */
export function readClaims(token: string | null | undefined): TokenClaims | null {
  if (!token) return null;
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    if (typeof claims !== 'object' || claims === null) return null;
    const c = claims as Record<string, unknown>;
    return {
      kind: c['kind'] === 'join' ? 'join' : 'personal',
      room: typeof c['room'] === 'string' ? c['room'] : null,
      id: typeof c['sub'] === 'string' ? c['sub'] : null,
      name: typeof c['name'] === 'string' ? c['name'] : null,
      role: isRole(c['role']) ? c['role'] : null,
      expiresAt: typeof c['exp'] === 'number' && Number.isFinite(c['exp']) ? c['exp'] * 1000 : null,
    };
  } catch {
    return null;
  }
}

/** True for a join token (a shared link that must be traded at `/join` before connecting). */
export function isJoinToken(token: string | null | undefined): boolean {
  return readClaims(token)?.kind === 'join';
}

/**
 * The server's HTTP base for a WebSocket base URL (`wss://host/sync` → `https://host/sync`), the
 * same rule as the clock's `GET /time`.
 */
export function httpBase(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  if (url.protocol === 'wss:') url.protocol = 'https:';
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

/** A personal token kept on this device. */
export interface StoredToken {
  token: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** How long before its expiry a kept token is no longer used (so it does not run out while connecting). */
export const EXPIRY_MARGIN_MS = 60_000;
const PREFIX = 'coproduce:personal-token:';

/**
 * The localStorage key of the personal token for one room of one server: by the server's HTTP
 * address, its path included (`https://host/coproduce`), so two servers under two paths of one
 * site keep their tokens apart. For a server at the root of its origin this is the origin
 * (`https://host`), as before paths were kept.
 */
export function storageKey(serverUrl: string, room: string): string {
  return `${PREFIX}${httpBase(serverUrl)} ${room}`;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked storage (privacy settings, sandboxed frames)
  }
}

/** Parses a kept token; null when missing, damaged, or within a minute of expiring. */
export function parseStored(value: string | null, now = Date.now()): StoredToken | null {
  if (value === null) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { token, expiresAt } = parsed as Partial<StoredToken>;
    if (typeof token !== 'string' || token === '' || typeof expiresAt !== 'number') return null;
    if (expiresAt - now < EXPIRY_MARGIN_MS) return null;
    return { token, expiresAt };
  } catch {
    return null;
  }
}

/** The personal token this browser holds for a room, if it is still good for more than a minute. */
export function readStoredToken(key: string, now = Date.now()): StoredToken | null {
  try {
    return parseStored(storage()?.getItem(key) ?? null, now);
  } catch {
    return null;
  }
}

/** Keeps (or, with null, forgets) the personal token for a room, and tells the page's other workshops. */
export function writeStoredToken(key: string, value: StoredToken | null): void {
  try {
    const store = storage();
    if (value === null) store?.removeItem(key);
    else store?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage blocked or full: the person joins again on their next visit.
  }
  tokenEvents.dispatchEvent(new CustomEvent<TokenStoredDetail>('stored', { detail: { key, value } }));
}

export interface TokenStoredDetail {
  key: string;
  value: StoredToken | null;
}

/**
 * Tells every workshop on this page (and, through the `storage` event, in this browser's other
 * tabs) that a personal token was kept or forgotten: a council page with a board and a vote, each
 * with its own connection, asks for a name once.
 */
export const tokenEvents = new EventTarget();
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === null || !event.key.startsWith(PREFIX)) return;
    tokenEvents.dispatchEvent(new CustomEvent<TokenStoredDetail>('stored', { detail: { key: event.key, value: parseStored(event.newValue) } }));
  });
}

/** Why joining failed. The elements say it in words (`joinErrorKey`). */
export type JoinErrorCode =
  /** No name given. */
  | 'name-required'
  /** The name is too long (`max` characters at most). */
  | 'name-too-long'
  /** The server did not accept the name. */
  | 'name-invalid'
  /** The name is a role word ("Facilitator"), which the server refuses so nobody can pose as one. */
  | 'name-role'
  /** The link has expired. */
  | 'link-expired'
  /** The link is not a working join link (changed, cut short, for another server). */
  | 'link-invalid'
  /**
   * The server could not be reached: no answer, or a 404 from `/join` without the `auth: "none"`
   * marker of an open server (a wrong `server` address or proxy path).
   */
  | 'network'
  /** The server answered with an error. */
  | 'server';

export class JoinError extends Error {
  override readonly name = 'JoinError';
  constructor(
    readonly code: JoinErrorCode,
    message: string,
    /** `name` when the problem is with what the person typed. */
    readonly field: 'name' | null = null,
    /** The longest name allowed, for `name-too-long`. */
    readonly max: number = TEXT.personName.max,
  ) {
    super(message);
  }
}

/** Checks a name as the server will (1–50 characters of clean text); returns it cleaned. */
export function checkName(name: string): string {
  const checked = checkText(name, TEXT.personName);
  if (checked.ok) return checked.value;
  if (checked.error.code === 'required') throw new JoinError('name-required', checked.error.message, 'name');
  if (checked.error.code === 'too-long') throw new JoinError('name-too-long', checked.error.message, 'name');
  throw new JoinError('name-invalid', checked.error.message, 'name');
}

/** The answer of `POST /join`. */
export interface JoinAnswer {
  token: string;
  userId: string;
  name: string;
  role: Role;
  room: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** The server checks no tokens (`--auth none`, answered as `404 { auth: "none" }`): the join token is used as is. */
export class NoJoinRoute extends Error {
  override readonly name = 'NoJoinRoute';
}

export interface TradeOptions {
  /** Give up after this many ms (default 20,000). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The server could not be reached (or did not answer in time). */
class Unreachable extends Error {}

/**
 * POSTs JSON to one of the server's join routes (`/join`, `/invite`) without cookies or caching,
 * and reads the JSON answer (`{}` when it is not JSON). Rejects with `Unreachable` when there is no
 * answer within `timeoutMs`.
 */
async function postJson(serverUrl: string, route: string, payload: unknown, options: TradeOptions): Promise<{ status: number; ok: boolean; body: Record<string, unknown>; url: string }> {
  const doFetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (doFetch === undefined) throw new Unreachable('This browser cannot make requests.');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 20_000);
  try {
    const response = await doFetch(`${httpBase(serverUrl)}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      credentials: 'omit',
      cache: 'no-store',
      signal: controller.signal,
    });
    const parsed: unknown = await response.json().catch(() => null);
    const body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    return { status: response.status, ok: response.ok, body, url: response.url };
  } catch (error) {
    throw new Unreachable(`Could not reach the workshop server: ${String((error as Error)?.message ?? error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Trades a join token for a personal token at the server's `POST /join`. Rejects with a
 * {@link JoinError}, or {@link NoJoinRoute} when the server checks no tokens (`--auth none`,
 * answered as `404 { auth: "none" }`, as `/invite` is). Any other 404 — a wrong `server` address or
 * proxy path — is a `network` error, with the address tried on the console.
 */
export async function tradeJoinToken(serverUrl: string, joinToken: string, name: string, options: TradeOptions = {}): Promise<JoinAnswer> {
  const clean = checkName(name);
  let response: Awaited<ReturnType<typeof postJson>>;
  try {
    response = await postJson(serverUrl, '/join', { token: joinToken, name: clean }, options);
  } catch (error) {
    console.error(`[coproduce] Could not reach the workshop server to join at ${httpBase(serverUrl)}/join: ${(error as Error).message}`);
    throw new JoinError('network', (error as Error).message);
  }
  const { body } = response;
  const reason = typeof body['error'] === 'string' ? body['error'] : `HTTP ${response.status}`;
  if (response.status === 404) {
    if (body['auth'] === 'none') throw new NoJoinRoute(reason);
    const tried = response.url || `${httpBase(serverUrl)}/join`;
    console.error(`[coproduce] No workshop server answered at ${tried} (HTTP 404). Check the server attribute, or the path your proxy forwards.`);
    throw new JoinError('network', `No join route at ${tried} (HTTP 404)`);
  }
  if (!response.ok) {
    if (response.status === 400 && body['field'] === 'name') throw new JoinError(body['code'] === 'role-name' ? 'name-role' : 'name-invalid', reason, 'name');
    if (response.status === 401) throw new JoinError(/expired/i.test(reason) ? 'link-expired' : 'link-invalid', reason);
    if (response.status === 400) throw new JoinError('link-invalid', reason);
    throw new JoinError('server', reason);
  }
  const { token, userId, role, room, expiresAt } = body;
  if (typeof token !== 'string' || typeof userId !== 'string' || !isRole(role) || typeof room !== 'string' || typeof expiresAt !== 'number') {
    throw new JoinError('server', 'The server sent an answer the page could not read.');
  }
  return { token, userId, name: typeof body['name'] === 'string' ? body['name'] : clean, role, room, expiresAt };
}

// ---------------------------------------------------------------------------------------------
// Invitations: a facilitator's page gets the participant join token at POST /invite
// ---------------------------------------------------------------------------------------------

/** The answer of `POST /invite`: a join token for the room. */
export interface InviteAnswer {
  room: string;
  role: Role;
  /** The join token (the participant link's `token`). */
  token: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** Why no invitation could be had. The elements say it in words. */
export type InviteErrorCode =
  /** The facilitator's own link has expired. */
  | 'expired'
  /** The server will not make one for this token (not a facilitator's, another room, changed). */
  | 'refused'
  /** The server could not be reached. */
  | 'network'
  /** The server answered with an error (or has no `/invite`). */
  | 'server';

export class InviteError extends Error {
  override readonly name = 'InviteError';
  constructor(
    readonly code: InviteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The server checks no tokens (`--auth none`, answered as `404 { auth: "none" }`): people join with
 * the page address as it is, and no join token is needed.
 */
export class NoInviteNeeded extends Error {
  override readonly name = 'NoInviteNeeded';
}

export interface InviteOptions extends TradeOptions {
  /** The role of the people invited: `participant` (default) or `observer`. */
  role?: 'participant' | 'observer';
}

/**
 * Asks the server's `POST /invite` for a join token of `room`, with a facilitator's personal
 * token. Rejects with an {@link InviteError}, or {@link NoInviteNeeded} on a server that checks no
 * tokens. Pages use {@link inviteFor}, which asks once per page.
 */
export async function fetchInvite(serverUrl: string, personalToken: string, room: string, options: InviteOptions = {}): Promise<InviteAnswer> {
  const role = options.role ?? 'participant';
  let response: Awaited<ReturnType<typeof postJson>>;
  try {
    response = await postJson(serverUrl, '/invite', { token: personalToken, room, role }, options);
  } catch (error) {
    throw new InviteError('network', (error as Error).message);
  }
  const { body } = response;
  const reason = typeof body['error'] === 'string' ? body['error'] : `HTTP ${response.status}`;
  if (!response.ok) {
    if (response.status === 404 && body['auth'] === 'none') throw new NoInviteNeeded(reason);
    if (response.status === 401) throw new InviteError(/expired/i.test(reason) ? 'expired' : 'refused', reason);
    if (response.status === 400 || response.status === 403) throw new InviteError('refused', reason);
    throw new InviteError('server', reason);
  }
  const { token, expiresAt } = body;
  if (typeof token !== 'string' || readClaims(token)?.kind !== 'join' || body['room'] !== room || body['role'] !== role || typeof expiresAt !== 'number') {
    throw new InviteError('server', 'The server sent an answer the page could not read.');
  }
  return { room, role, token, expiresAt };
}

interface KeptInvite {
  promise: Promise<InviteAnswer>;
  answer: InviteAnswer | null;
}

/** The invitations this page has had, by server, room, role and facilitator token. */
const invites = new Map<string, KeptInvite>();

function inviteKey(serverUrl: string, personalToken: string, room: string, options: InviteOptions): string {
  return JSON.stringify([httpBase(serverUrl), room, options.role ?? 'participant', personalToken]);
}

/**
 * The invitation for a room, asked for once per page (every `<co-join>` and facilitator panel
 * shares it) and asked for again only after a failure or when it is within a minute of expiring.
 */
export function inviteFor(serverUrl: string, personalToken: string, room: string, options: InviteOptions = {}): Promise<InviteAnswer> {
  const key = inviteKey(serverUrl, personalToken, room, options);
  const kept = invites.get(key);
  if (kept && (kept.answer === null || kept.answer.expiresAt - Date.now() > EXPIRY_MARGIN_MS)) return kept.promise;
  const entry: KeptInvite = { promise: fetchInvite(serverUrl, personalToken, room, options), answer: null };
  invites.set(key, entry);
  entry.promise.then(
    (answer) => {
      entry.answer = answer;
    },
    () => {
      if (invites.get(key) === entry) invites.delete(key);
    },
  );
  return entry.promise;
}

/** The invitation this page already has for a room (still good for more than a minute), without asking. */
export function knownInvite(serverUrl: string, personalToken: string, room: string, options: InviteOptions = {}): InviteAnswer | null {
  const answer = invites.get(inviteKey(serverUrl, personalToken, room, options))?.answer ?? null;
  return answer && answer.expiresAt - Date.now() > EXPIRY_MARGIN_MS ? answer : null;
}

/** `base` (a page address) with `joinToken` as its `token`, and no `invite` parameter. */
export function withJoinToken(base: string, joinToken: string): string {
  const url = new URL(base, globalThis.location?.href);
  url.searchParams.delete('invite');
  url.searchParams.set('token', joinToken);
  return url.href;
}
