// Bundle sizes: the drop-in ES module bundles (packages/elements/cdn/*.js), minified and gzipped,
// against the targets: everything ≤ 80 KB, one element with its share of Lit, Yjs and
// y-websocket ≤ 60 KB (KB = 1,000 bytes here, gzip level 9).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { buildBundles } from '../packages/elements/scripts/build-bundles.mjs';

const ALL_TARGET = 80_000;
const ONE_TARGET = 60_000;

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
  const ratios = Object.fromEntries(rows.map((r) => [r.bundle, +(r.gzipBytes / (r.targetKB * 1000)).toFixed(2)]));
  return {
    title: 'Bundle sizes (minified + gzip -9)',
    rows,
    ratios,
    notes: 'ratio = gzip size ÷ target; at or below 1 meets the target',
  };
}
