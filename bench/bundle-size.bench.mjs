// Bundle sizes: the drop-in ES module bundles (packages/elements/cdn/*.js), minified and gzipped,
// against the targets: everything ≤ 80 KB, one element with its share of Lit, Yjs and
// y-websocket ≤ 60 KB (KB = 1,000 bytes here, gzip level 9).
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { buildBundles, MODULES_DIR } from '../packages/elements/scripts/build-bundles.mjs';
import { attributeBundle, attributeParts } from '../packages/elements/scripts/bundle-attribution.mjs';

const ALL_TARGET = 80_000;
const ONE_TARGET = 60_000;
/** Contributors listed per bundle in `breakdown`, and in `notes` for the all-elements bundle. */
const TOP = 8;
/** The bundles whose cost by kind (`budget`) docs/embedding.md shows: everything, and one element. */
const BUDGETED = ['coproduce.js', 'co-timer.js'];

/** `src/vote/strings.ts` 7.3 → "vote/strings.ts 7.3"; libraries by package. */
function label(source) {
  return source.replace(/^src\//, '').replace(/^core\/src\//, 'core/').replace(/\/dist\/.*$|\/src\/.*$/, '');
}

const gzipSize = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** An element module and every chunk it imports, directly or not (what a page downloads for it). */
function moduleFiles(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, path] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.[^"]+)"/g)) moduleFiles(join(dirname(file), path), seen);
  return seen;
}

/**
 * The element modules (cdn/esm/), as a page loads them: each module with its chunks, each file
 * gzipped on its own (they travel as separate files), one row per element and rows for a
 * consultation page (idea board and vote) and for every element; beside the one-file bundles.
 */
function moduleRows(bundleRows) {
  const entries = readdirSync(MODULES_DIR).filter((f) => f.endsWith('.js')).sort();
  const row = (name, files, target, compareTo) => {
    const gzip = [...files].reduce((sum, f) => sum + gzipSize(f), 0);
    const other = bundleRows.find((r) => r.bundle === compareTo);
    return {
      bundle: name,
      files: files.size,
      minifiedBytes: [...files].reduce((sum, f) => sum + readFileSync(f).length, 0),
      gzipBytes: gzip,
      gzipKB: +(gzip / 1000).toFixed(1),
      targetKB: target / 1000,
      withinTarget: gzip <= target,
      ...(other ? { vsBundle: compareTo, vsBundleRatio: +(gzip / other.gzipBytes).toFixed(2) } : {}),
    };
  };
  const rows = entries.map((entry) => row(`esm/${entry}`, moduleFiles(join(MODULES_DIR, entry)), ONE_TARGET, entry));
  const union = (names) => new Set(names.flatMap((n) => [...moduleFiles(join(MODULES_DIR, n))]));
  rows.push(row('esm/ idea board + vote page', union(['co-idea-board.js', 'co-vote.js']), ALL_TARGET, 'coproduce.js'));
  rows.push(row('esm/ every element', union(entries), ALL_TARGET, 'coproduce.js'));
  return rows;
}

export async function run() {
  const files = await buildBundles({ quiet: true });
  const rows = files.map((file) => {
    const code = readFileSync(file);
    const name = basename(file);
    const gzip = gzipSync(code, { level: 9 }).length;
    const target = name === 'coproduce.js' ? ALL_TARGET : ONE_TARGET;
    return {
      bundle: name,
      minifiedBytes: code.length,
      gzipBytes: gzip,
      gzipKB: +(gzip / 1000).toFixed(1),
      brotliKB: +(brotliCompressSync(code).length / 1000).toFixed(1),
      targetKB: target / 1000,
      withinTarget: gzip <= target,
    };
  });
  rows.push(...moduleRows(rows));
  const ratios = Object.fromEntries(rows.map((r) => [r.bundle, +(r.gzipBytes / (r.targetKB * 1000)).toFixed(2)]));
  // Per source file, from each bundle's source map: its share of the output, gzipped on its own.
  const breakdown = Object.fromEntries(
    files.map((file) => [
      basename(file),
      attributeBundle(file)
        .slice(0, TOP)
        .map((r) => ({ source: r.source, gzipKB: +(r.gzipBytes / 1000).toFixed(1) })),
    ]),
  );
  // By kind (Yjs + lib0, Lit, core, element code, strings, styles, …), each gzipped on its own.
  const budget = Object.fromEntries(
    files
      .filter((file) => BUDGETED.includes(basename(file)))
      .map((file) => [basename(file), attributeParts(file).map((r) => ({ part: r.part, gzipKB: +(r.gzipBytes / 1000).toFixed(1) }))]),
  );
  const all = breakdown['coproduce.js'] ?? [];
  return {
    title: 'Bundle sizes (minified + gzip -9)',
    rows,
    ratios,
    breakdown,
    budget,
    notes:
      'ratio = gzip size ÷ target; at or below 1 meets the target. esm/ rows: an element module with the ' +
      'chunks it imports, each file gzipped on its own; vsBundleRatio compares with the one-file bundle a ' +
      'page would load instead. Biggest contributors to coproduce.js ' +
      '(gzip KB, each file compressed on its own; per bundle in `breakdown`): ' +
      all.map((r) => `${label(r.source)} ${r.gzipKB}`).join(', '),
  };
}
