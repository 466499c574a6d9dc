import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * True if a request path may be looked up under the static directory: no `..` segment, no
 * dotfiles (except `.well-known`), no NUL or backslash, valid percent-encoding. sirv checks
 * containment too; this is a second, stricter fence.
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

/** Serves files of `dir` (read from disk on each request, so a rebuilt example page shows at once). */
export function createStaticHandler(dir: string): RequestHandler {
  const serve = sirv(dir, { dev: true, etag: true, dotfiles: false, extensions: ['html'] });
  return (req, res, next) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (!isSafeStaticPath(pathname)) {
      next();
      return;
    }
    serve(req, res, next);
  };
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
