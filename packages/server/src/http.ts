import { statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import sirv from 'sirv';
import { redactTokens, type Logger } from './log.js';
import { StaticFiles } from './static-files.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * True if a request path may be looked up under the static directory: no `..` segment, no
 * dotfiles (except `.well-known`), no NUL or backslash, valid percent-encoding. sirv checks
 * containment too; this is a second, stricter fence (and the one that refuses dotfiles: sirv looks
 * files up on disk on every request here, and only filters dotfiles when it lists them up front).
 */
export function isSafeStaticPath(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return false;
  for (const segment of decoded.split('/')) {
    if (segment === '..' || (segment.startsWith('.') && segment !== '.well-known')) return false;
  }
  return true;
}

/**
 * The `Cache-Control` of a static file: content-hashed build files are kept for a year without
 * asking (a new build gives them new names), everything else is revalidated on every use.
 */
function cacheControl(pathname: string): string {
  return isHashedAsset(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Whether a request path names a content-hashed build file: inside an `assets` folder, named as
 * vite (rollup) names them, `name-HASH.ext` with an 8-character hash that has a digit, an upper-case
 * letter after its first character, `_` or `-` (so `assets/logo-carousel.css` is not mistaken for one).
 */
export function isHashedAsset(pathname: string): boolean {
  const segments = pathname.split('/');
  const file = segments.pop() ?? '';
  if (!segments.includes('assets')) return false;
  const match = /-([A-Za-z0-9_-]{8})\.[A-Za-z0-9]+$/.exec(file);
  if (!match) return false;
  const hash = match[1] as string;
  return /[0-9_-]/.test(hash) || /[A-Z]/.test(hash.slice(1));
}

/**
 * Throws a plain error unless `dir` is an existing folder (what `--static` needs); returns its
 * absolute path.
 */
export function checkStaticDir(dir: string): string {
  const root = resolve(dir);
  let stats: Stats;
  try {
    stats = statSync(root);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new Error(`The static folder ${root} does not exist: give the folder that holds the built page (its index.html), for example examples/workshop/dist after building it.`);
    }
    throw new Error(`Cannot open the static folder ${root} (${code ?? 'unknown error'}): check that this user may read it.`);
  }
  if (!stats.isDirectory()) {
    throw new Error(`The static path ${root} is a file, not a folder: give the folder that holds the page's index.html.`);
  }
  return root;
}

/**
 * Serves the files of `dir` for GET and HEAD, with sirv. Files are looked up on disk on every
 * request, so a rebuilt page shows at once; `/` and folders serve `index.html`, and `/page` also
 * finds `page.html`. `logger` hears of stale precompressed copies.
 *
 * - A precompressed `file.br` / `file.gz` beside a file is sent in its place when the request
 *   accepts brotli / gzip, with `Content-Encoding`, its own length and `ETag`, and
 *   `Vary: Accept-Encoding` (on every answer). Nothing is compressed on the fly: the example builds
 *   write the copies (scripts/precompress.mjs), and the copies are sent as they are, so whatever
 *   changes a file after its build must rewrite or delete them.
 * - A copy that does not match its file (it does not decompress to the file's bytes: something
 *   rewrote the file but not its copies) is never sent: the request gets the file (or its other,
 *   matching copy) instead, and the copy is named in a warning (`logger`), once. Every copy is
 *   checked at startup; see static-files.ts.
 * - Only regular files whose real path lies in the folder are sent (no symbolic link out of it, no
 *   pipe or socket); a file that fails to open after its lookup ends that answer, not the server.
 * - A single range `bytes=START-[END]` gets 206; any other range, and any with `If-Range`, gets
 *   the whole file (see {@link acceptableRange}).
 * - Content-hashed build files (`assets/name-HASH.ext`, see {@link isHashedAsset}) are cached by
 *   browsers for a year (`immutable`); everything else, HTML included, is `no-cache`, revalidated
 *   with its weak `ETag` (`If-None-Match` → 304).
 *
 * Throws a plain error when `dir` is not a folder.
 */
export function createStaticHandler(dir: string, options: { logger?: Logger } = {}): RequestHandler {
  const root = checkStaticDir(dir);
  const extensions = ['html'];
  const files = new StaticFiles(root, extensions, options.logger);
  files.scan();
  const serve = sirv(root, {
    dev: true,
    etag: true,
    dotfiles: false,
    extensions,
    brotli: true,
    gzip: true,
    setHeaders(res, pathname) {
      res.setHeader('Cache-Control', cacheControl(pathname));
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
  return (req, res, next) => {
    const notFound = (): void => {
      res.removeHeader('Vary');
      res.removeHeader('Cache-Control');
      next();
    };
    // As sirv reads it (@polka/url): the path ends at `#` or `?`.
    const pathname = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    if (!isSafeStaticPath(pathname)) {
      next();
      return;
    }
    // sirv answers a matching If-None-Match with a bare 304, before setHeaders runs: a 304 should
    // carry the Vary and Cache-Control that the 200 would (sirv keeps these on a 200 too).
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', cacheControl(pathname));
    if (!acceptableRange(req.headers.range) || req.headers['if-range'] !== undefined) delete req.headers.range;
    // Stale precompressed copies, links out of the folder, pipes and sockets (static-files.ts).
    if (!files.prepare(req)) {
      notFound();
      return;
    }
    // sirv pipes a file stream into the answer without listening for its errors (a file deleted or
    // replaced between its lookup and its opening, during a deploy): such an error must end this
    // answer, not the server.
    res.once('pipe', (source: NodeJS.ReadableStream) => {
      source.once('error', (err: Error) => {
        options.logger?.warn('static file could not be read', { path: redactTokens(pathname), error: err });
        res.destroy();
      });
      // sirv sends the length the file had when it was looked up. A file rewritten in place while
      // it is sent (not renamed over) gives fewer bytes, or more: on a kept-alive connection the
      // browser would wait for the rest of a short answer until the server's keep-alive timeout
      // (5 s), or read the extra bytes as the next answer. Either way the connection is closed at
      // once, and the browser sees an incomplete answer.
      const expected = Number(res.getHeader('content-length'));
      if (!Number.isSafeInteger(expected)) return;
      let sent = 0;
      let cut = false;
      const cutOff = (): void => {
        if (cut) return;
        cut = true;
        options.logger?.warn('static file changed while it was sent', { path: redactTokens(pathname), expected, sent });
        res.destroy();
      };
      source.on('data', (chunk: Uint8Array) => {
        sent += chunk.length;
        if (sent > expected) {
          (source as NodeJS.ReadableStream & { destroy(): void }).destroy();
          cutOff();
        }
      });
      source.once('end', () => {
        if (sent !== expected) cutOff();
      });
    });
    try {
      serve(req, res, notFound);
    } catch (err) {
      options.logger?.error('static file failed', { path: redactTokens(pathname), error: err });
      if (res.headersSent) res.destroy();
      else sendText(res, 500, 'Internal Server Error\n');
    }
  };
}

/**
 * Whether sirv answers a `Range` header right: it reads only `bytes=START-END` and `bytes=START-`,
 * reads an END of 0 as "to the end", and fails on an END before START. Any other range is dropped,
 * and the request gets the whole file (a valid answer to any range request; `bytes=0-0` included).
 */
export function acceptableRange(range: string | undefined): boolean {
  if (range === undefined) return true;
  const match = /^bytes=(\d+)-(\d*)$/.exec(range.trim());
  if (match === null) return false;
  const [, start = '', end = ''] = match;
  return end === '' || (Number(end) >= Number(start) && Number(end) > 0);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headOnly = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(headOnly ? undefined : text);
}

/**
 * `GET /time` (or `HEAD`): the server's clock as `{ "now": <ms since the epoch> }`, never cached and
 * readable from any origin, so clients can measure their clock's offset NTP-style (several
 * samples, keeping the one with the shortest round trip) and show the same countdown everywhere
 * even when a device's clock is minutes wrong. Other methods get 405. Returns whether the request
 * was for `/time` (and has been answered).
 */
export function handleTimeRequest(req: IncomingMessage, res: ServerResponse, pathname: string, now: () => number = Date.now): boolean {
  if (pathname !== '/time') return false;
  const method = req.method ?? 'GET';
  const cors = { 'access-control-allow-origin': '*' };
  if (method !== 'GET' && method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed\n', { allow: 'GET, HEAD', ...cors });
    return true;
  }
  const text = JSON.stringify({ now: now() });
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...cors,
  });
  res.end(method === 'HEAD' ? undefined : text);
  return true;
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
