// Writes precompressed copies beside a build's files, for coproduce-server's `--static` (sirv
// sends `file.br` / `file.gz` in place of `file` when the browser accepts brotli / gzip):
//
//   file.br  brotli, quality 11 (the smallest; slow to make, which a build can afford)
//   file.gz  gzip, level 9
//
// Only text-like files (scripts, styles, HTML, JSON, SVG, XML, plain text, WebAssembly, web
// manifests, uncompressed fonts) of at least 1 KiB, and only when the copy is smaller than the file.
// Source maps are left alone: only developer tools ask for them, and compressing megabytes of them
// at quality 11 would add tens of seconds to a build.
//
// The server sends a copy as it is, without comparing it with the file: whatever changes a file
// after this has run must run this again or delete the file's .br/.gz (or leave that file out here).
//
// Used by examples/workshop/vite.config.ts and examples/council/build.mjs.
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Extensions worth compressing. */
const COMPRESSIBLE = new Set(['.html', '.htm', '.js', '.mjs', '.cjs', '.css', '.json', '.svg', '.xml', '.txt', '.md', '.csv', '.wasm', '.webmanifest', '.ttf', '.otf']);
/** Of those, the ones that are not text (brotli's text mode would not suit them). */
const BINARY = new Set(['.wasm', '.ttf', '.otf']);
/** Smaller files gain less than the extra request headers cost. */
export const MIN_BYTES = 1024;

/** @typedef {{ path: string, raw: number, br: number | null, gz: number | null }} PrecompressRow */

/**
 * Every file under `dir`, as paths relative to it with `/` separators.
 *
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * Writes `file.br` and `file.gz` beside each compressible file of at least 1 KiB under `dir`, and
 * deletes an earlier run's copies beside compressible files that get none now. `exclude(path)` (a
 * path relative to `dir`, with `/`) leaves a file out: for files that are changed after the build.
 * Returns one row per file compressed: `{ path, raw, br, gz }` in bytes (`br` / `gz` null when
 * that copy was not smaller).
 *
 * @param {string} dir
 * @param {{ exclude?: (path: string) => boolean }} [options]
 * @returns {Promise<PrecompressRow[]>}
 */
export async function precompress(dir, { exclude = () => false } = {}) {
  const files = await listFiles(dir);
  /** @type {PrecompressRow[]} */
  const rows = [];
  /** @param {string} abs */
  const removeCopies = (abs) => Promise.all(['.br', '.gz'].map((suffix) => unlink(abs + suffix).catch(() => {})));
  await Promise.all(
    files.map(async (path) => {
      if (path.endsWith('.br') || path.endsWith('.gz') || !COMPRESSIBLE.has(extname(path).toLowerCase())) return;
      const abs = join(dir, path);
      // Never leave a copy from an earlier run beside a file that gets none now.
      if (exclude(path) || (await stat(abs)).size < MIN_BYTES) return removeCopies(abs);
      const data = await readFile(abs);
      const [br, gz] = await Promise.all([
        brotliAsync(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_MODE]: BINARY.has(extname(path).toLowerCase()) ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
        gzipAsync(data, { level: 9 }),
      ]);
      /** Writes the copy when it is smaller, else deletes an earlier one; its size or null. */
      const keep = async (/** @type {string} */ suffix, /** @type {Buffer} */ copy) => {
        if (copy.length < data.length) {
          await writeFile(abs + suffix, copy);
          return copy.length;
        }
        await unlink(abs + suffix).catch(() => {});
        return null;
      };
      const row = { path, raw: data.length, br: await keep('.br', br), gz: await keep('.gz', gz) };
      rows.push(row);
    }),
  );
  return rows.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * One line for a build log: how many files, and their total size raw / brotli / gzip.
 *
 * @param {PrecompressRow[]} rows
 * @returns {string}
 */
export function summary(rows) {
  const total = (/** @type {'raw' | 'br' | 'gz'} */ key) => rows.reduce((sum, row) => sum + (row[key] ?? row.raw), 0);
  const kB = (/** @type {number} */ n) => `${(n / 1000).toFixed(1)} kB`;
  return `precompressed ${rows.length} files: ${kB(total('raw'))} raw, ${kB(total('br'))} brotli, ${kB(total('gz'))} gzip`;
}
