/**
 * Workshop tokens: HS256 JWTs (jose) that say who someone is in one room.
 *
 * Two kinds of token share one secret:
 *
 * - a **personal token** names a person: `{ room, sub, name, role, iat, exp }`. The WebSocket server
 *   accepts only these (as the `token` query parameter); the elements read `sub`, `name` and `role`
 *   from it to know who they are;
 * - a **join token** is a room-wide invitation: `{ room, role, kind: "join", iat, exp }`, with no
 *   `sub`. It is never accepted at connect. A page trades it at `POST /join`, with the display name
 *   the person chose, for a personal token with a fresh random user id (see {@link createJoinHandler}).
 *   So a shared participant link lets anyone join without an account, and nobody can take another
 *   person's user id (ids are public: they are the `authorId` of every idea). A facilitator's page
 *   gets a join token for its invitation at `POST /invite`, with the facilitator's personal token.
 *
 * The secret comes from `COPRODUCE_SECRET`, or from the file `<data>/secret` that the server creates
 * (mode 0600) on first start. See docs/server.md, "Tokens".
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ROLE_NAME_MESSAGE, TEXT, checkText, isId, isRole, isRoleWord, newId, type Role } from '@coproduce/core';
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { CloseCode } from './protocol.js';
import type { AuthDenied, Authenticate, User } from './types.js';

/** The name of the secret file inside the data directory. */
export const SECRET_FILE = 'secret';
/** Shortest accepted secret, in bytes (HS256 wants at least 256 bits). */
export const MIN_SECRET_BYTES = 32;
/** Default lifetime of a minted token. */
export const DEFAULT_TOKEN_LIFETIME = '8h';
/** Longest lifetime `parseDuration` accepts (a year). */
const MAX_LIFETIME_SECONDS = 366 * 24 * 3600;
/** Clock skew tolerated when checking `exp` and `iat` (seconds). */
const CLOCK_TOLERANCE_SECONDS = 30;
/** The `room` claim of a token that is valid in every room; accepted only with `allowAnyRoom` (tests). */
export const ANY_ROOM = '*';

export type Secret = Uint8Array;

/** Turns a configured secret (text) into key bytes, refusing short ones. */
export function secretFromString(value: string, source = 'the secret'): Secret {
  const bytes = new TextEncoder().encode(value.trim());
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new Error(`${source} is too short: use at least ${MIN_SECRET_BYTES} bytes (for example \`openssl rand -base64 32\`).`);
  }
  return bytes;
}

export interface LoadSecretOptions {
  /** The data directory, where the secret file lives (created if missing). */
  dataDir: string;
  /** Environment to read `COPRODUCE_SECRET` from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Create the secret file when it does not exist (default true). */
  create?: boolean;
  /** Told about a secret file that others can read. */
  warn?: (message: string) => void;
}

export interface LoadedSecret {
  secret: Secret;
  /** Where it came from: `env` (`COPRODUCE_SECRET`), or the path of the secret file. */
  source: 'env' | string;
  /** True when the file was created just now. */
  created: boolean;
}

/**
 * The signing secret: `COPRODUCE_SECRET` if set, else `<dataDir>/secret`, created on first use with
 * 32 random bytes (base64url) and mode 0600. Throws with a plain message when it cannot.
 */
export function loadSecret(options: LoadSecretOptions): LoadedSecret {
  const env = options.env ?? process.env;
  const fromEnv = env['COPRODUCE_SECRET'];
  if (fromEnv !== undefined && fromEnv !== '') {
    return { secret: secretFromString(fromEnv, 'COPRODUCE_SECRET'), source: 'env', created: false };
  }
  const path = join(options.dataDir, SECRET_FILE);
  let created = false;
  if (options.create ?? true) {
    try {
      mkdirSync(options.dataDir, { recursive: true });
    } catch (err) {
      throw new Error(cannotWrite(options.dataDir, err));
    }
    try {
      // 'wx': never overwrite a secret another process just wrote.
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
      } finally {
        closeSync(fd);
      }
      chmodSync(path, 0o600); // the umask may have masked the mode given to open
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(cannotWrite(options.dataDir, err));
    }
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`No secret: set COPRODUCE_SECRET or start the server once with --data ${options.dataDir} to create ${path}.`);
    }
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new Error(
      `Cannot read the secret file ${path} (${code}): run as the user who owns the data folder, ` +
        'or set COPRODUCE_SECRET to the secret instead.',
    );
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    options.warn?.(`The secret file ${path} can be read by other users: run \`chmod 600 ${path}\`.`);
  }
  return { secret: secretFromString(text, `The secret file ${path}`), source: path, created };
}

/** A plain message for a data folder the secret file cannot be written to. */
function cannotWrite(dataDir: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
  const why =
    code === 'EROFS'
      ? 'it is on a read-only file system'
      : code === 'EACCES' || code === 'EPERM'
        ? 'this user may not write there'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'part of that path is a file, not a folder'
          : code === 'ENOSPC' || code === 'EDQUOT'
            ? 'the disk is full'
            : 'the system refused';
  return (
    `Cannot create the secret file in the data folder ${dataDir}: ${why} (${code}). ` +
    'Give --data (or COPRODUCE_DATA) a folder this user can write to, or set COPRODUCE_SECRET to a secret of at least 32 bytes.'
  );
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * Seconds in a duration such as `45s`, `30m`, `12h`, `90d`, `2w`. The unit is required: a bare
 * number (`90`) is refused, as nobody can tell whether it meant seconds or days.
 */
export function parseDuration(value: string): number {
  if (/^\s*\d+\s*$/.test(value)) {
    const n = value.trim();
    throw new Error(`Give a unit with the duration: ${n}d for ${n} days, ${n}h for hours, ${n}m for minutes or ${n}s for seconds (got "${n}").`);
  }
  const match = /^\s*(\d+)\s*([smhdw])\s*$/i.exec(value);
  if (!match) throw new Error(`Expected a duration like 30m, 12h or 90d, got "${value}".`);
  const seconds = Number(match[1]) * (DURATION_UNITS[(match[2] as string).toLowerCase()] as number);
  if (seconds < 1 || seconds > MAX_LIFETIME_SECONDS) throw new Error(`A token lasts from 1 second to 366 days, got "${value}".`);
  return seconds;
}

/** Throws unless `room` is a usable room name (what `ws://host/ROOM` accepts). */
function checkRoom(room: unknown): string {
  // eslint-disable-next-line no-control-regex
  if (typeof room !== 'string' || room.length === 0 || room.length > 256 || /[\u0000-\u001f\u007f]/.test(room)) {
    throw new Error('The room must be 1 to 256 characters without control characters.');
  }
  return room;
}

/** Throws unless `name` is a clean display name (1–50 characters, as the document model says). */
function checkName(name: unknown): string {
  const result = checkText(name, TEXT.personName);
  if (!result.ok) throw new Error(result.error.message);
  if (result.value !== name) throw new Error('The name must already be clean: no surrounding spaces, line breaks or control characters.');
  return result.value;
}

export interface PersonalTokenInput {
  room: string;
  /** The user id (`sub`): 1–64 of `[A-Za-z0-9_-]`. */
  user: string;
  /** Display name, 1–50 characters. */
  name: string;
  role: Role;
  /** Lifetime in seconds, or a duration like `8h` (default 8 h). */
  expires?: number | string;
}

export interface JoinTokenInput {
  room: string;
  /** The role of everyone who joins with it (default `participant`). */
  role?: Role;
  expires?: number | string;
}

function lifetime(expires: number | string | undefined): number {
  if (expires === undefined) return parseDuration(DEFAULT_TOKEN_LIFETIME);
  if (typeof expires === 'number') {
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_LIFETIME_SECONDS) throw new Error('A token lasts from 1 second to 366 days.');
    return expires;
  }
  return parseDuration(expires);
}

async function sign(secret: Secret, claims: Record<string, unknown>, expiresAtSeconds: number, subject?: string): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime(expiresAtSeconds);
  if (subject !== undefined) jwt.setSubject(subject);
  return jwt.sign(secret);
}

/**
 * Checks the input of a personal token without signing anything (so a command can refuse bad
 * arguments before it touches the secret); returns the claims {@link mintToken} would sign.
 */
export function checkPersonalTokenInput(input: PersonalTokenInput): { room: string; user: string; name: string; role: Role; seconds: number } {
  const room = input.room === ANY_ROOM ? ANY_ROOM : checkRoom(input.room);
  if (!isId(input.user)) throw new Error('The user id must be 1 to 64 letters, digits, "-" or "_".');
  if (!isRole(input.role)) throw new Error('The role must be facilitator, participant or observer.');
  const name = checkName(input.name);
  return { room, user: input.user, name, role: input.role, seconds: lifetime(input.expires) };
}

/** Checks the input of a join token without signing anything; returns the claims {@link mintJoinToken} would sign. */
export function checkJoinTokenInput(input: JoinTokenInput): { room: string; role: Role; seconds: number } {
  const room = checkRoom(input.room);
  const role = input.role ?? 'participant';
  if (!isRole(role)) throw new Error('The role must be facilitator, participant or observer.');
  return { room, role, seconds: lifetime(input.expires) };
}

/** Mints a personal token (`room`, `sub`, `name`, `role`, `iat`, `exp`). Throws on bad input. */
export async function mintToken(secret: Secret, input: PersonalTokenInput, now: number = Date.now()): Promise<string> {
  const { room, user, name, role, seconds } = checkPersonalTokenInput(input);
  const exp = Math.floor(now / 1000) + seconds;
  return sign(secret, { room, name, role }, exp, user);
}

/** Mints a join token: a room-wide invitation traded at `POST /join` for a personal token. */
export async function mintJoinToken(secret: Secret, input: JoinTokenInput, now: number = Date.now()): Promise<string> {
  const { room, role, seconds } = checkJoinTokenInput(input);
  const exp = Math.floor(now / 1000) + seconds;
  return sign(secret, { room, role, kind: 'join' }, exp);
}

/** The verified claims of a token. */
export type VerifiedToken =
  | { kind: 'personal'; room: string; user: User; expiresAt: number }
  | { kind: 'join'; room: string; role: Role; expiresAt: number };

/** Why a token was refused, with the WebSocket close code to use. */
export class TokenError extends Error {
  constructor(
    readonly reason: string,
    readonly code: number = CloseCode.Unauthorized,
  ) {
    super(reason);
    this.name = 'TokenError';
  }
}

/**
 * Checks a token's signature, expiry and claims (not its room). Throws a {@link TokenError} with a
 * plain reason; `Token expired…` and `Invalid token…` are 4401.
 */
export async function verifyToken(secret: Secret, token: string | null | undefined, now: number = Date.now()): Promise<VerifiedToken> {
  if (!token) throw new TokenError('Missing token: open the workshop with the link you were given');
  if (token.length > 4096) throw new TokenError('Invalid token: too long');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'room', 'role'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: new Date(now),
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new TokenError('Token expired: ask the facilitator for a new link');
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) throw new TokenError('Invalid token: bad signature');
    if (err instanceof joseErrors.JWTClaimValidationFailed) throw new TokenError(`Invalid token: ${err.claim} claim`);
    throw new TokenError('Invalid token: not a readable workshop token');
  }
  const room = payload['room'];
  const role = payload['role'];
  if (typeof room !== 'string' || room.length === 0) throw new TokenError('Invalid token: room claim');
  if (!isRole(role)) throw new TokenError('Invalid token: role claim');
  const expiresAt = (payload.exp as number) * 1000;
  if (payload['kind'] === 'join') {
    if (payload.sub !== undefined) throw new TokenError('Invalid token: a join token names no user');
    return { kind: 'join', room, role, expiresAt };
  }
  if (payload['kind'] !== undefined) throw new TokenError('Invalid token: unknown kind');
  if (!isId(payload.sub)) throw new TokenError('Invalid token: sub claim');
  const name = payload['name'];
  try {
    checkName(name);
  } catch {
    throw new TokenError('Invalid token: name claim');
  }
  return { kind: 'personal', room, user: { userId: payload.sub, name: name as string, role }, expiresAt };
}

export interface TokenAuthOptions {
  secret: Secret;
  /** Accept tokens whose `room` claim is `*` in every room. For test servers only. */
  allowAnyRoom?: boolean;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * The `authenticate` hook for personal tokens, read from the `token` query parameter. Refuses a
 * missing, bad or expired token (4401), a join token (4401: it must be traded at `/join` first)
 * and a token for another room (4403), each with a plain reason.
 */
export function tokenAuthenticator(options: TokenAuthOptions): Authenticate {
  const now = options.now ?? Date.now;
  return async (_req, url, room): Promise<User | AuthDenied> => {
    try {
      const verified = await verifyToken(options.secret, url.searchParams.get('token'), now());
      if (verified.kind === 'join') {
        return { reason: 'Join link token: the page must trade it at /join for a personal token first', code: CloseCode.Unauthorized };
      }
      if (verified.room !== room && !(options.allowAnyRoom === true && verified.room === ANY_ROOM)) {
        return { reason: 'Token is for another room', code: CloseCode.Forbidden };
      }
      return verified.user;
    } catch (err) {
      if (err instanceof TokenError) return { reason: err.reason, code: err.code };
      throw err;
    }
  };
}

export interface JoinHandlerOptions {
  secret: Secret;
  /** The path of the trade (default `/join`). */
  path?: string;
  /** The path where facilitators get a participant join token (default `/invite`; null: not served). */
  invitePath?: string | null;
  /**
   * Lifetime of the join tokens `POST /invite` hands out: seconds, or a duration like `12h` (default
   * {@link DEFAULT_LINK_LIFETIME}, the printed links'). Never longer than the asking facilitator's token.
   */
  inviteExpires?: number | string;
  /**
   * The asking user's role in the room right now, for `POST /invite`: a facilitator whom the
   * workshop has since made a participant or observer (the document's `roles`) gets no invitation.
   * Default: the role in their token. `coproduce-server serve` asks the room (the workshop policy's
   * `effectiveRole`). `null`: no role, as for any connection the policy would refuse.
   */
  currentRole?: (room: string, user: User) => Promise<string | null>;
  /**
   * How long the body of a `POST /join` or `POST /invite` may take to arrive, in ms (default
   * {@link DEFAULT_BODY_TIMEOUT_MS}); a slower one is answered 408 and its connection closed.
   */
  bodyTimeoutMs?: number;
  now?: () => number;
}

/** The answer of `POST /join`. */
export interface JoinResponse {
  token: string;
  userId: string;
  name: string;
  role: Role;
  room: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** The answer of `POST /invite`: a join token for the room (the participant link's `token`). */
export interface InviteResponse {
  room: string;
  /** `participant` (the default) or `observer`. */
  role: Role;
  /** The join token. */
  token: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** Default lifetime of a join link: the printed links' (`--link-expires`) and `POST /invite`'s. */
export const DEFAULT_LINK_LIFETIME = '12h';
const MAX_JOIN_BODY = 8 * 1024;
/** The roles an invitation may carry: facilitator links name a person, so they are never handed out. */
const INVITE_ROLES: readonly Role[] = ['participant', 'observer'];

function sendJoin(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** Answers a CORS preflight for the join routes: any origin, POST with a JSON body, no cookies. */
function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '86400',
  });
  res.end();
}

/** Default time a join or invite request's body has to arrive in full. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/** After an answer that closes the connection, how long and how much of the rest of a body is still dropped. */
const LINGER_MS = 2000;
const LINGER_BYTES = 1024 * 1024;

/**
 * Makes the connection of `req` close once the answer (sent with `Connection: close`) is out,
 * with a "lingering close" as web servers do it: Node would destroy the socket at once, and
 * closing a socket with unread data in it makes TCP reset the connection, so a client still
 * sending its body would often lose the answer. Instead the server half-closes (the client reads
 * the answer, then the end) and drops what still arrives for at most {@link LINGER_MS} ms and
 * {@link LINGER_BYTES} bytes, then closes for good.
 */
function closeAfterAnswer(req: IncomingMessage): void {
  const socket = req.socket;
  // Node's server calls destroySoon() for an answer with `Connection: close`, once it is written.
  socket.destroySoon = (): void => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once('close', () => clearTimeout(timer));
    let dropped = 0;
    req.removeAllListeners('data');
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) socket.destroy();
    });
    req.resume();
  };
}

/**
 * Answers `status` with `Connection: close` without reading any more of the request (what still
 * arrives is dropped, not kept), and closes the connection once the answer is out: the rest of an
 * oversized or dawdling body is never read into memory, and the connection does not stay open.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  req.removeAllListeners('data');
  req.pause();
  if (res.headersSent) {
    req.destroy();
    return;
  }
  closeAfterAnswer(req);
  sendJoin(res, status, { error }, { connection: 'close' });
}

/**
 * Reads a JSON body of at most 8 KiB (a UTF-8 byte order mark before it is allowed) and hands it
 * (an object, or `{}` for any other JSON value) to `handle`. Answers 400 (with `usage`) for one that
 * is not JSON, and 500 if `handle` throws, so every request gets a JSON answer. A body declared
 * larger than 8 KiB (`Content-Length`) is refused with 413 before any of it is read, one that turns
 * out larger as soon as it passes 8 KiB, and one that has not arrived in full after `timeoutMs` with
 * 408: each with `Connection: close`, and the connection is closed once that answer is out, so
 * nobody can make the server read a huge body or hold a connection open with a slow one.
 */
function readJsonBody(
  req: IncomingMessage,
  res: ServerResponse,
  usage: string,
  handle: (body: Record<string, unknown>) => Promise<void>,
  failure: string,
  timeoutMs: number,
): void {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > MAX_JOIN_BODY) return refuseBody(req, res, 413, 'The request is too large.');
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const finish = (): boolean => {
    if (done) return false;
    done = true;
    clearTimeout(timer);
    return true;
  };
  const timer = setTimeout(() => {
    if (finish()) refuseBody(req, res, 408, 'The request took too long to arrive. Please try again.');
  }, timeoutMs);
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_JOIN_BODY) chunks.push(chunk);
    else if (finish()) refuseBody(req, res, 413, 'The request is too large.');
  });
  req.on('error', () => {
    if (finish()) res.destroy();
  });
  req.on('close', () => {
    // The client went away before the body was complete: nothing to answer.
    if (!req.complete && finish()) res.destroy();
  });
  req.on('end', () => {
    if (!finish()) return;
    let body: unknown;
    try {
      let text = Buffer.concat(chunks).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      body = JSON.parse(text);
    } catch {
      return sendJoin(res, 400, { error: usage });
    }
    const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    handle(record).catch(() => {
      if (!res.headersSent) sendJoin(res, 500, { error: failure });
    });
  });
}

/** Verifies `token`, answering 401 with the plain reason when it is missing, forged or expired. */
async function verifyOrRefuse(secret: Secret, token: unknown, now: number, res: ServerResponse): Promise<VerifiedToken | null> {
  if (token !== undefined && token !== null && typeof token !== 'string') {
    sendJoin(res, 400, { error: 'The token must be text: open the workshop with the link you were given.', field: 'token' });
    return null;
  }
  try {
    return await verifyToken(secret, typeof token === 'string' ? token : null, now);
  } catch (err) {
    if (err instanceof TokenError) {
      sendJoin(res, 401, { error: err.reason });
      return null;
    }
    throw err;
  }
}

/**
 * Whether `name` reads as a role ("Facilitator", "ＨＷＹＬＵＳＹＤＤ", "Facili\u200Btator"): core's
 * `isRoleWord`, the one rule `POST /join`, `coproduce-server token` and the stored `people` names share.
 */
export { isRoleWord };

/**
 * The join links' HTTP routes, for `createServer({ requestHandler })`:
 *
 * - `POST /join` with `{ "token": "<join token>", "name": "Ana" }` answers
 *   `{ token, userId, name, role, room, expiresAt }`: a personal token for a new random user id, with
 *   the join token's room, role and expiry. A page keeps it (for example in localStorage) and uses it
 *   on every visit, so the person keeps their id, and with it the right to edit their own ideas.
 * - `POST /invite` with `{ "token": "<facilitator's personal token>" }` (optionally `"room"`, which
 *   must be the token's, and `"role": "participant" | "observer"`) answers `{ room, role, token,
 *   expiresAt }`: a join token for the facilitator's room, so a facilitator's page can always show
 *   a participant link that works. It lasts `inviteExpires` (default 12 h), and never longer than
 *   the facilitator's own token.
 *
 * Cross-origin pages may call both (CORS `*`: they need no cookie, the token in the body is the
 * credential). Errors are JSON `{ "error": "…" }` (and `field` when one field is wrong); see
 * docs/server.md, "Join links". Returns a request handler `(req, res, next)`; requests for other
 * paths go to `next()`.
 */
export function createJoinHandler(options: JoinHandlerOptions): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const path = options.path ?? '/join';
  const invitePath = options.invitePath === undefined ? '/invite' : options.invitePath;
  const now = options.now ?? Date.now;
  const inviteSeconds = lifetime(options.inviteExpires ?? DEFAULT_LINK_LIFETIME);
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;

  const join = async (res: ServerResponse, record: Record<string, unknown>): Promise<void> => {
    const named = checkText(record['name'], TEXT.personName);
    const verified = await verifyOrRefuse(options.secret, record['token'], now(), res);
    if (!verified) return;
    if (verified.kind !== 'join') return sendJoin(res, 400, { error: 'This is not a join link token.' });
    if (!named.ok) return sendJoin(res, 400, { error: named.error.message, field: 'name' });
    if (isRoleWord(named.value)) {
      return sendJoin(res, 400, { error: ROLE_NAME_MESSAGE, field: 'name', code: 'role-name' });
    }
    const userId = newId();
    const seconds = Math.max(1, Math.floor((verified.expiresAt - now()) / 1000));
    const personal = await mintToken(
      options.secret,
      { room: verified.room, user: userId, name: named.value, role: verified.role, expires: Math.min(seconds, MAX_LIFETIME_SECONDS) },
      now(),
    );
    const answer: JoinResponse = { token: personal, userId, name: named.value, role: verified.role, room: verified.room, expiresAt: verified.expiresAt };
    sendJoin(res, 200, answer);
  };

  const invite = async (res: ServerResponse, record: Record<string, unknown>): Promise<void> => {
    const verified = await verifyOrRefuse(options.secret, record['token'], now(), res);
    if (!verified) return;
    if (verified.kind !== 'personal') {
      return sendJoin(res, 400, { error: 'This is a join link token: ask for an invitation with your own facilitator token.' });
    }
    if (verified.user.role !== 'facilitator') return sendJoin(res, 403, { error: 'Only facilitators can get a join link' });
    const room = record['room'];
    if (room !== undefined && typeof room !== 'string') return sendJoin(res, 400, { error: 'The room must be text.', field: 'room' });
    // A test server's any-room token (`*`) names no room an invitation could be for.
    if (verified.room === ANY_ROOM || (room !== undefined && room !== verified.room)) {
      return sendJoin(res, 403, { error: 'Token is for another room' });
    }
    // The workshop may have taken the facilitator role away since the token was signed.
    const current = options.currentRole ? await options.currentRole(verified.room, verified.user) : verified.user.role;
    if (current !== 'facilitator') {
      return sendJoin(res, 403, { error: 'Only facilitators can get a join link: this workshop no longer lists you as a facilitator' });
    }
    const role = record['role'] ?? 'participant';
    if (!INVITE_ROLES.includes(role as Role)) {
      return sendJoin(res, 400, { error: 'An invitation is for a participant or an observer.', field: 'role' });
    }
    const at = now();
    const issued = Math.floor(at / 1000);
    // Never outlive the facilitator's own token (at least a second, for one just inside the clock tolerance).
    const seconds = Math.max(1, Math.min(issued + inviteSeconds, Math.floor(verified.expiresAt / 1000)) - issued);
    const token = await mintJoinToken(options.secret, { room: verified.room, role: role as Role, expires: seconds }, at);
    const answer: InviteResponse = { room: verified.room, role: role as Role, token, expiresAt: (issued + seconds) * 1000 };
    sendJoin(res, 200, answer);
  };

  return (req, res, next) => {
    const pathname = (req.url ?? '/').split('?')[0];
    const route = pathname === path ? 'join' : invitePath !== null && pathname === invitePath ? 'invite' : null;
    if (route === null) return next();
    if (req.method === 'OPTIONS') return sendPreflight(res);
    if (route === 'join') {
      if (req.method !== 'POST') return sendJoin(res, 405, { error: 'Use POST with { token, name }.' }, { allow: 'POST, OPTIONS' });
      return readJsonBody(req, res, 'Send JSON: { "token": "…", "name": "…" }.', (body) => join(res, body), 'Could not join, please try again.', bodyTimeoutMs);
    }
    if (req.method !== 'POST') return sendJoin(res, 405, { error: 'Use POST with { token }.' }, { allow: 'POST, OPTIONS' });
    readJsonBody(req, res, 'Send JSON: { "token": "…" }.', (body) => invite(res, body), 'Could not make a join link, please try again.', bodyTimeoutMs);
  };
}

/**
 * What a server without the join routes answers at `POST /join` and `POST /invite` (and their CORS
 * preflights): `404 { error }`, readable from any origin; on a server that checks no tokens also
 * `auth: "none"`, so a page can tell that the page address is the link and there is nothing to
 * trade from a missing route. Returns
 * whether it answered; GET and other methods are left to the caller (static files).
 */
export function answerMissingJoinRoute(req: IncomingMessage, res: ServerResponse, pathname: string, checksTokens: boolean): boolean {
  if (pathname !== '/join' && pathname !== '/invite') return false;
  if (req.method === 'OPTIONS') {
    sendPreflight(res);
    return true;
  }
  if (req.method !== 'POST') return false;
  const error = checksTokens
    ? { error: 'This server does not hand out join links.' }
    : { error: 'This server does not check tokens: people join with the page address, no join link is needed.', auth: 'none' };
  // A small body is read (and dropped) so the connection can serve the next request; any other is
  // not read at all: the connection is closed once the answer is out.
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared <= MAX_JOIN_BODY && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    sendJoin(res, 404, error);
  } else {
    req.pause();
    closeAfterAnswer(req);
    sendJoin(res, 404, error, { connection: 'close' });
  }
  return true;
}
