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

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
