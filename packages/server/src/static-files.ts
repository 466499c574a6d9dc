/**
 * What the static folder may send, decided before sirv looks a request up.
 *
 * sirv (in `dev` mode: files looked up on disk on every request) finds the file for a request and
 * sends it, and three things it does not check are checked here, on the very file it will send (its
 * candidates, in its order, see {@link StaticFiles.prepare}):
 *
 * - **Stale precompressed copies.** sirv sends `file.br` / `file.gz` in place of `file` whenever the
 *   request accepts the encoding, without looking at `file`: if something rewrote the file but not
 *   its copies (a script that writes a join token into `index.html`, a hand edit, a partial
 *   deploy), browsers would get the old file. A copy is sent only when it decompresses to exactly
 *   its file's bytes; otherwise its encoding is taken out of the request's `Accept-Encoding`, so
 *   sirv sends the next copy or the file itself. That is checked once per state of the pair (size,
 *   modification time and inode of both) and remembered: the decompression runs again only after
 *   one of the two files changed. At startup every copy in the folder is checked and the stale
 *   ones are named in one warning; a copy found stale later is named once when it is found.
 * - **Links out of the folder.** sirv checks that the path it builds lies in the folder, then
 *   follows symbolic links: a link inside the folder to `/etc/passwd` would be sent. Here the
 *   file's real path must lie in the folder's real path.
 * - **Files that are not regular files.** sirv opens whatever is not a folder: a named pipe blocks
 *   a thread of the I/O pool for good, a socket fails to open (an error sirv does not handle).
 *   Only regular files are sent.
 *
 * A request costs a few `stat` calls (sirv makes as many again to find the file), a `realpath`
 * and a Map lookup.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join, normalize, relative, sep } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Logger } from './log.js';

/** The encodings sirv serves copies for, in its order of preference, with their file suffixes. */
const ENCODINGS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;

type Coding = (typeof ENCODINGS)[number]['coding'];

/** Files larger than this are not decompressed to be compared: a copy older than its file is stale. */
const MAX_COMPARED_BYTES = 64 * 1024 * 1024;

/** Stale copies named in the startup warning, at most. */
const MAX_NAMED = 20;

/** Entries the startup scan visits, at most (a folder of a site, not a disk). */
const MAX_SCANNED = 100_000;

/** Time the startup scan may spend comparing copies; the rest are checked when first requested. */
const SCAN_BUDGET_MS = 2_000;

/**
 * The codings an `Accept-Encoding` header accepts among `br` and `gzip` (q-values read: `br;q=0`
 * refuses brotli; sirv itself only looks for the names).
 */
export function acceptedCodings(header: string | string[] | undefined): Set<Coding> {
  const accepted = new Set<Coding>();
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of value.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const coding: Coding | null = name === 'br' ? 'br' : name === 'gzip' || name === 'x-gzip' ? 'gzip' : null;
    if (coding === null) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (Number.isFinite(weight) && weight > 0) accepted.add(coding);
  }
  return accepted;
}

/** The request path as sirv reads it (@polka/url): before `#` or `?`, `decodeURI`d when it has a `%`. */
function sirvPathname(url: string): string {
  let pathname = url;
  if (url.length > 1) {
    const hash = url.indexOf('#', 1);
    if (hash !== -1) pathname = pathname.slice(0, hash);
    const query = pathname.indexOf('?', 1);
    if (query !== -1) pathname = pathname.slice(0, query);
  }
  if (pathname.includes('%')) {
    try {
      pathname = decodeURI(pathname);
    } catch {
      // sirv goes on with the raw path too
    }
  }
  return pathname;
}

/**
 * The names sirv tries for `pathname` with each of `suffixes`, in its order: each suffix on the
 * path, then on `path/index` (`/page` with `.html.br`, `.br` → `/page.html.br`,
 * `/page/index.html.br`, `/page.br`, `/page/index.br`).
 */
function candidates(pathname: string, suffixes: readonly string[]): string[] {
  const uri = pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const index = `${uri}/index`;
  const out: string[] = [];
  for (const suffix of suffixes) {
    if (uri) out.push(uri + suffix);
    out.push(index + suffix);
  }
  return out;
}

const statOrNull = (path: string): Stats | null => {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null; // ENOTDIR, EACCES, ELOOP, a name too long: sirv finds nothing there either
  }
};

const signature = (s: Stats): string => `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;

/** Whether the copy `copy` (of `coding`) decompresses to exactly the bytes of `original`. */
function copyMatches(copy: string, copyStats: Stats, original: string, originalStats: Stats, coding: Coding): boolean {
  if (originalStats.size > MAX_COMPARED_BYTES || copyStats.size > MAX_COMPARED_BYTES) {
    return copyStats.mtimeMs >= originalStats.mtimeMs;
  }
  try {
    const expected = readFileSync(original);
    const compressed = readFileSync(copy);
    // Never more output than the file has (plus one byte, to tell a longer copy): a copy that
    // would decompress to more is a mismatch, whatever it holds.
    const maxOutputLength = expected.length + 1;
    const bytes = coding === 'br' ? brotliDecompressSync(compressed, { maxOutputLength }) : gunzipSync(compressed, { maxOutputLength });
    return bytes.equals(expected);
  } catch {
    return false; // unreadable, corrupt, or larger than its file
  }
}

/** A file sirv would send: where, its stats, and for a copy its coding. */
interface Found {
  abs: string;
  stats: Stats;
  coding: Coding | null;
}

export class StaticFiles {
  /** Copy path → the pair's signature when it was checked, and the verdict. */
  private readonly checked = new Map<string, { key: string; stale: boolean }>();
  /** Stale copies already named in a warning (forgotten when they match again). */
  private readonly warned = new Set<string>();
  /** The folder as sirv joins paths onto it (absolute, with a trailing separator). */
  private readonly root: string;
  /** The folder's real path (links resolved), with a trailing separator. */
  private readonly realRoot: string;

  constructor(
    /** The static folder, absolute. */
    root: string,
    /** sirv's `extensions` option (`['html']`: `/page` finds `page.html`). */
    private readonly extensions: readonly string[],
    private readonly logger?: Logger,
  ) {
    this.root = normalize(root.endsWith(sep) ? root : root + sep);
    const real = realpathSync.native(root);
    this.realRoot = real.endsWith(sep) ? real : real + sep;
  }

  /**
   * Checks every copy in the folder (startup; for at most {@link SCAN_BUDGET_MS}, the rest are
   * checked when first requested) and logs one warning naming the stale ones. Returns their paths,
   * relative to the folder.
   */
  scan(): string[] {
    const stale: string[] = [];
    let visited = 0;
    let unchecked = 0;
    const deadline = performance.now() + SCAN_BUDGET_MS;
    const walk = (dir: string): void => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (++visited > MAX_SCANNED) return;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          walk(path); // a link to a folder is not followed (isDirectory is false for it)
          continue;
        }
        const encoding = ENCODINGS.find((e) => entry.name.endsWith(e.suffix) && entry.name.length > e.suffix.length);
        if (!encoding || !entry.isFile()) continue;
        if (performance.now() > deadline) {
          unchecked++;
          continue;
        }
        if (this.isStale(path, encoding.coding, statOrNull(path))) {
          stale.push(relative(this.root, path).split(sep).join('/'));
          this.warned.add(path);
        }
      }
    };
    walk(this.root);
    stale.sort();
    if (stale.length > 0) {
      const named = stale.slice(0, MAX_NAMED).join(', ') + (stale.length > MAX_NAMED ? ` and ${stale.length - MAX_NAMED} more` : '');
      this.logger?.warn(
        stale.length === 1
          ? `Static folder: this compressed copy does not match the file beside it, so the file is sent instead; rebuild the folder or delete the copy: ${named}`
          : `Static folder: these ${stale.length} compressed copies do not match the file beside them, so the file is sent instead; rebuild the folder or delete the copies: ${named}`,
      );
    }
    if (unchecked > 0) {
      this.logger?.info(`Static folder: ${unchecked} compressed copies were not checked at startup (over ${SCAN_BUDGET_MS} ms); each is checked when first requested`);
    }
    return stale;
  }

  /**
   * Whether the copy at `copy` (absolute) of `coding` does not match the file beside it. A copy
   * without a regular file beside it has nothing to be compared with: not stale.
   */
  private isStale(copy: string, coding: Coding, copyStats: Stats | null): boolean {
    if (copyStats === null || !copyStats.isFile()) return false;
    const original = copy.slice(0, copy.length - (coding === 'br' ? '.br' : '.gz').length);
    const originalStats = statOrNull(original);
    if (originalStats === null || !originalStats.isFile()) return false;
    const key = `${signature(copyStats)}|${signature(originalStats)}`;
    const known = this.checked.get(copy);
    if (known !== undefined && known.key === key) return known.stale;
    const stale = !copyMatches(copy, copyStats, original, originalStats, coding);
    if (this.checked.size >= MAX_SCANNED) this.checked.clear();
    this.checked.set(copy, { key, stale });
    return stale;
  }

  /** The first of `names` sirv would find: in the folder (by path), and not a folder. */
  private first(names: readonly string[]): { abs: string; stats: Stats } | null {
    for (const name of names) {
      const abs = normalize(join(this.root, name));
      if (!abs.startsWith(this.root)) continue;
      const stats = statOrNull(abs);
      if (stats === null || stats.isDirectory()) continue;
      return { abs, stats };
    }
    return null;
  }

  /** The file sirv would send for `pathname` when the request accepts `accepted`. */
  private find(pathname: string, accepted: ReadonlySet<Coding>): Found | null {
    for (const { coding, suffix } of ENCODINGS) {
      if (!accepted.has(coding)) continue;
      const copy = this.first(candidates(pathname, [...this.extensions.map((e) => `.${e}${suffix}`), suffix]));
      if (copy !== null) return { ...copy, coding };
    }
    const file = this.first(candidates(pathname, ['', ...this.extensions.map((e) => `.${e}`)]));
    return file === null ? null : { ...file, coding: null };
  }

  /** Whether `found` may be sent: a regular file whose real path lies in the folder. */
  private sendable(found: Found): boolean {
    if (!found.stats.isFile()) return false;
    try {
      return realpathSync.native(found.abs).startsWith(this.realRoot);
    } catch {
      return false;
    }
  }

  /**
   * Prepares a GET or HEAD request for sirv: takes out of its `Accept-Encoding` the codings refused
   * with `q=0` and those whose copy (the one sirv would send) must not be sent (it does not match
   * its file, leads out of the folder, is not a regular file), so that sirv sends the next copy or
   * the file itself. Returns `false` when the file itself must not be sent (a link out of the
   * folder, not a regular file): answer 404 without calling sirv.
   */
  prepare(req: IncomingMessage): boolean {
    const accepted = acceptedCodings(req.headers['accept-encoding']);
    const pathname = sirvPathname(req.url ?? '/');
    let found = this.find(pathname, accepted);
    while (found !== null && found.coding !== null) {
      if (!this.sendable(found)) {
        accepted.delete(found.coding);
      } else if (this.isStale(found.abs, found.coding, found.stats)) {
        this.warnOnce(found.abs);
        accepted.delete(found.coding);
      } else {
        this.warned.delete(found.abs);
        break;
      }
      found = this.find(pathname, accepted);
    }
    if (accepted.size === 0) delete req.headers['accept-encoding'];
    else req.headers['accept-encoding'] = [...accepted].join(', ');
    return found === null || this.sendable(found); // nothing found: sirv finds nothing either (404)
  }

  private warnOnce(copy: string): void {
    if (this.warned.has(copy)) return;
    if (this.warned.size >= MAX_SCANNED) this.warned.clear();
    this.warned.add(copy);
    this.logger?.warn(
      `Static folder: a compressed copy does not match the file beside it, so the file is sent instead; rebuild the folder or delete the copy: ${relative(this.root, copy).split(sep).join('/')}`,
    );
  }
}
