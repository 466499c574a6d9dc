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
 *   person's user id (ids are public: they are the `authorId` of every idea).
 *
 * The secret comes from `COPRODUCE_SECRET`, or from the file `<data>/secret` that the server creates
 * (mode 0600) on first start. See docs/server.md, "Tokens".
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { TEXT, checkText, isId, isRole, newId, type Role } from '@coproduce/core';
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
    mkdirSync(options.dataDir, { recursive: true });
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
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`No secret: set COPRODUCE_SECRET or start the server once with --data ${options.dataDir} to create ${path}.`);
    }
    throw err;
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    options.warn?.(`The secret file ${path} can be read by other users: run \`chmod 600 ${path}\`.`);
  }
  return { secret: secretFromString(text, `The secret file ${path}`), source: path, created };
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Seconds in a duration such as `90s`, `30m`, `8h`, `7d`, `2w` (or a plain number of seconds). */
export function parseDuration(value: string): number {
  const match = /^\s*(\d+)\s*([smhdw]?)\s*$/i.exec(value);
  if (!match) throw new Error(`Expected a duration like 30m, 8h or 7d, got "${value}".`);
  const seconds = Number(match[1]) * (DURATION_UNITS[(match[2] || 's').toLowerCase()] as number);
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

/** Mints a personal token (`room`, `sub`, `name`, `role`, `iat`, `exp`). Throws on bad input. */
export async function mintToken(secret: Secret, input: PersonalTokenInput, now: number = Date.now()): Promise<string> {
  const room = input.room === ANY_ROOM ? ANY_ROOM : checkRoom(input.room);
  if (!isId(input.user)) throw new Error('The user id must be 1 to 64 letters, digits, "-" or "_".');
  if (!isRole(input.role)) throw new Error('The role must be facilitator, participant or observer.');
  const name = checkName(input.name);
  const exp = Math.floor(now / 1000) + lifetime(input.expires);
  return sign(secret, { room, name, role: input.role }, exp, input.user);
}

/** Mints a join token: a room-wide invitation traded at `POST /join` for a personal token. */
export async function mintJoinToken(secret: Secret, input: JoinTokenInput, now: number = Date.now()): Promise<string> {
  const room = checkRoom(input.room);
  const role = input.role ?? 'participant';
  if (!isRole(role)) throw new Error('The role must be facilitator, participant or observer.');
  const exp = Math.floor(now / 1000) + lifetime(input.expires);
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
  /** The path served (default `/join`). */
  path?: string;
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

const MAX_JOIN_BODY = 8 * 1024;

function sendJoin(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/**
 * `POST /join` with `{ "token": "<join token>", "name": "Ana" }` answers
 * `{ token, userId, name, role, room, expiresAt }`: a personal token for a new random user id, with
 * the join token's room, role and expiry. A page keeps it (for example in localStorage) and uses it
 * on every visit, so the person keeps their id, and with it the right to edit their own ideas.
 * Cross-origin pages may call it (CORS `*`: it needs no cookie, the join token is the credential).
 *
 * Returns a request handler `(req, res, next)`; requests for other paths go to `next()`.
 */
export function createJoinHandler(options: JoinHandlerOptions): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const path = options.path ?? '/join';
  const now = options.now ?? Date.now;
  return (req, res, next) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname !== path) return next();
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '86400',
      });
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST, OPTIONS');
      return sendJoin(res, 405, { error: 'Use POST with { token, name }.' });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_JOIN_BODY) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooBig) return sendJoin(res, 413, { error: 'The request is too large.' });
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return sendJoin(res, 400, { error: 'Send JSON: { "token": "…", "name": "…" }.' });
      }
      const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const token = typeof record['token'] === 'string' ? record['token'] : null;
      const named = checkText(record['name'], TEXT.personName);
      void (async () => {
        let verified: VerifiedToken;
        try {
          verified = await verifyToken(options.secret, token, now());
        } catch (err) {
          if (err instanceof TokenError) return sendJoin(res, 401, { error: err.reason });
          throw err;
        }
        if (verified.kind !== 'join') return sendJoin(res, 400, { error: 'This is not a join link token.' });
        if (!named.ok) return sendJoin(res, 400, { error: named.error.message, field: 'name' });
        const userId = newId();
        const seconds = Math.max(1, Math.floor((verified.expiresAt - now()) / 1000));
        const personal = await mintToken(
          options.secret,
          { room: verified.room, user: userId, name: named.value, role: verified.role, expires: Math.min(seconds, MAX_LIFETIME_SECONDS) },
          now(),
        );
        const answer: JoinResponse = {
          token: personal,
          userId,
          name: named.value,
          role: verified.role,
          room: verified.room,
          expiresAt: verified.expiresAt,
        };
        sendJoin(res, 200, answer);
      })().catch(() => {
        if (!res.headersSent) sendJoin(res, 500, { error: 'Could not join, please try again.' });
      });
    });
  };
}
