#!/usr/bin/env node
// Builds the drop-in bundles a council page loads with one <script type="module">: one file with
// every element (cdn/coproduce.js) and one per element folder (cdn/co-idea-board.js, …). Each file
// is a single, self-contained ES module (Lit, Yjs and y-websocket included), minified.
import { readdirSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(pkg, 'cdn');

/** Every element folder with a define.ts becomes a bundle named after its tag. */
export function bundleEntries() {
  const entries = [{ name: 'coproduce', entry: join(pkg, 'src/index.ts') }];
  for (const folder of readdirSync(join(pkg, 'src')).sort()) {
    const define = join(pkg, 'src', folder, 'define.ts');
    if (statSync(join(pkg, 'src', folder)).isDirectory() && existsSync(define)) {
      entries.push({ name: `co-${folder}`, entry: define });
    }
  }
  return entries;
}

export async function buildBundles({ quiet = false } = {}) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const entries = bundleEntries();
  for (const { name, entry } of entries) {
    await build({
      configFile: false,
      root: pkg,
      logLevel: quiet ? 'silent' : 'warn',
      mode: 'production',
      // Lit's html`` and css`` literals lose their indentation and comments.
      plugins: [minifyHTML()],
      resolve: {
        conditions: ['source', 'module', 'browser', 'production'],
        alias: [{ find: /^lib0\/logging$/, replacement: join(pkg, 'scripts/lib0-logging.js') }],
      },
      build: {
        outDir: out,
        emptyOutDir: false,
        target: 'es2021',
        minify: true,
        sourcemap: true,
        reportCompressedSize: false,
        lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
        // Vite leaves whitespace in ES library builds; these bundles are for browsers, so minify fully.
        // The minifier has already used the /* @__PURE__ */ annotations and JSDoc helps no one in a
        // minified file, so both go (~0.3 KB gzipped a bundle); licence comments (@license, /*!) stay.
        rolldownOptions: {
          output: { codeSplitting: false, minify: true, comments: { legal: true, annotation: false, jsdoc: false } },
        },
      },
    });
  }
  return entries.map(({ name }) => join(out, `${name}.js`));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildBundles();
  for (const f of files) console.log(f.slice(pkg.length + 1));
}
