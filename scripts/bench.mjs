#!/usr/bin/env node
// `pnpm bench`: runs every benchmark in bench/ (or those named on the command line), prints a
// table for each and writes all results to bench-results/results.json.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const wanted = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  benchmarks: {},
};
let failed = false;
for (const file of files) {
  const name = file.replace(/\.bench\.mjs$/, '');
  process.stderr.write(`\n[bench] ${name} …\n`);
  try {
    const mod = await import(pathToFileURL(join(root, 'bench', file)).href);
    const result = await mod.run();
    results.benchmarks[name] = result;
    console.log(`\n## ${result.title}`);
    console.table(result.rows);
    if (result.ratios) console.log('ratios:', JSON.stringify(result.ratios), result.notes ? `(${result.notes})` : '');
  } catch (err) {
    failed = true;
    console.error(`[bench] ${name} failed:`, err);
    results.benchmarks[name] = { error: String(err?.stack ?? err) };
  }
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/results.json', JSON.stringify(results, null, 2));
console.log('\nwrote bench-results/results.json');
process.exit(failed ? 1 : 0);
