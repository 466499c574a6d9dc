#!/usr/bin/env node
// Builds the drop-in bundles a council page loads with one <script type="module">: one file with
// every element (cdn/coproduce.js) and one per element folder (cdn/co-idea-board.js, …); and the
// element modules (cdn/esm/co-*.js), one per element sharing chunks, for pages with some of the
// elements. Each bundle is a single, self-contained ES module (Lit, Yjs and y-websocket included), minified, and exports
// the language helpers (setStrings, translate, supportedLanguages) beside its element classes, so a
// page changes strings by importing from the bundle it already loads. Beside the bundles go the
// themes (cdn/themes/*.css), the custom-elements manifest (cdn/custom-elements.json, generated
// here from the source, for editors and tools) and THIRD-PARTY-LICENSES.txt.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transformWithOxc } from 'vite';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import MagicString from 'magic-string';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(pkg, 'cdn');
const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
const BANNER = `/*! @coproduce/elements ${version} | MIT | built-in packages and their licences: THIRD-PARTY-LICENSES.txt beside this file */`;

/** What every bundle exports besides its element classes (the helpers docs/embedding.md names). */
export const BUNDLE_HELPERS = ['setStrings', 'translate', 'supportedLanguages'];
const HELPERS_SOURCE = join(pkg, 'src/i18n/localize.ts');
const ENTRY_PREFIX = 'coproduce-bundle:';

/**
 * A per-element bundle's entry: its define.ts (the element, registered) and the language helpers.
 * A virtual module, so the bundle needs no file of its own in src/.
 */
function entryPlugin() {
  return {
    name: 'coproduce-bundle-entry',
    resolveId(id) {
      // Vite may have made the entry an absolute path under the package: keep what follows the prefix.
      const at = id.indexOf(ENTRY_PREFIX);
      return at === -1 ? null : `\0${id.slice(at)}`;
    },
    load(id) {
      if (!id.startsWith(`\0${ENTRY_PREFIX}`)) return null;
      const define = id.slice(ENTRY_PREFIX.length + 1);
      return `export * from ${JSON.stringify(define)};\nexport { ${BUNDLE_HELPERS.join(', ')} } from ${JSON.stringify(HELPERS_SOURCE)};\n`;
    },
  };
}

/**
 * lib0's environment module, whether imported as `lib0/environment` (Yjs, y-websocket) or as
 * `./environment.js` from inside lib0 (lib0/buffer), becomes scripts/lib0-environment.js; that
 * file's own `lib0/…` imports resolve as Yjs's would (lib0 is not a dependency of this package).
 */
function lib0EnvironmentPlugin() {
  const shim = join(pkg, 'scripts/lib0-environment.js');
  const yjs = createRequire(import.meta.url).resolve('yjs');
  return {
    name: 'coproduce-lib0-environment',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'lib0/environment') return shim;
      if (source === './environment.js' && importer && /[\\/]lib0[\\/][^\\/]+\.js$/.test(importer)) return shim;
      if (importer === shim && source.startsWith('lib0/')) return this.resolve(source, yjs, { skipSelf: true });
      return null;
    },
  };
}

/**
 * Lit's `property` decorator module (imported by `lit/decorators.js`, and by `state` as
 * `./property.js`) becomes scripts/lit-property.js: the legacy decorator path only, which is all
 * the elements (compiled with experimentalDecorators) use.
 */
function litPropertyPlugin() {
  const shim = join(pkg, 'scripts/lit-property.js');
  return {
    name: 'coproduce-lit-property',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@lit/reactive-element/decorators/property.js') return shim;
      if (source === './property.js' && importer && /[\\/]@lit[\\/]reactive-element[\\/](?:.*[\\/])?decorators[\\/][^\\/]+\.js$/.test(importer)) return shim;
      return null;
    },
  };
}

/**
 * What the bundles' syntax is lowered to. Vite would lower the finished bundle to one target
 * (es2021), turning @coproduce/core's `#private` class members into WeakMap helpers; instead each
 * module is lowered on its own (the build's own target is `esnext`, and terser's output is held to
 * ecma 2020): to es2021, except that core's modules with private members keep them native (es2022
 * class members; 0.5–0.9 KB gzipped off every bundle). Nothing else in those modules is newer —
 * a static block, which es2021 browsers cannot run, stops the build — so the bundles run where
 * es2021 syntax and native private class members do: Chrome/Edge 84+, Firefox 90+, Safari 15+
 * (iOS 15, which every iPhone that ran iOS 14 can run). docs/embedding.md says so.
 */
const SYNTAX_TARGET = 'es2021';
function syntaxTargetPlugin() {
  const core = join(pkg, '../core/src/').replaceAll('\\', '/');
  return {
    name: 'coproduce-syntax-target',
    enforce: 'post',
    async transform(code, id) {
      const file = id.replaceAll('\\', '/');
      if (id.startsWith('\0') || !/\.[cm]?[jt]sx?$/.test(file)) return null;
      const native = file.startsWith(core) && /#[A-Za-z_$]/.test(code);
      const result = await transformWithOxc(code, id.replace(/\.[cm]?tsx?$/, '.js'), { lang: 'js', target: native ? 'es2022' : SYNTAX_TARGET, sourcemap: true });
      if (native && /\bstatic\s*\{/.test(result.code)) throw new Error(`${id}: a static block, which es2021 browsers cannot run`);
      return { code: result.code, map: result.map };
    },
  };
}

/** A private custom property of the elements' style sheets (`--_space-2`), as written in src/. */
const PRIVATE_PROPERTY = /--_[A-Za-z0-9-]+/g;

/**
 * Short names for the private custom properties (`--_space-2` → `--_b`): the style sheets repeat
 * them hundreds of times (about 0.6 KB gzipped of coproduce.js). They are private (`--_` aliases
 * of the public `--co-*` tokens, set and read only inside the elements' own shadow roots, never in
 * script, never by a page or a theme), so one fixed renaming across all of src/ changes nothing a
 * page can see. The most used names get the shortest; each bundle uses the same table.
 */
export function privatePropertyNames() {
  const counts = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) {
        for (const [found] of readFileSync(path, 'utf8').matchAll(PRIVATE_PROPERTY)) counts.set(found, (counts.get(found) ?? 0) + 1);
      }
    }
  };
  walk(join(pkg, 'src'));
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const short = (i) => (i < letters.length ? letters[i] : short(Math.floor(i / letters.length) - 1) + letters[i % letters.length]);
  const ranked = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return new Map(ranked.map(([name], i) => [name, `--_${short(i)}`]));
}

function privatePropertiesPlugin() {
  const names = privatePropertyNames();
  const src = join(pkg, 'src') + '/';
  return {
    name: 'coproduce-private-properties',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').startsWith(src.replaceAll('\\', '/')) || !code.includes('--_')) return null;
      const out = new MagicString(code);
      for (const match of code.matchAll(PRIVATE_PROPERTY)) {
        const to = names.get(match[0]);
        if (to === undefined) throw new Error(`${id}: ${match[0]} is not in the private property table`);
        out.overwrite(match.index, match.index + match[0].length, to);
      }
      return { code: out.toString(), map: out.generateMap({ hires: true, source: id }) };
    },
  };
}

/** Writes custom-elements.json (from the elements' JSDoc) into the package, where package.json's `customElements` points. */
export function generateManifest({ quiet = false } = {}) {
  const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
  execFileSync(process.execPath, [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { cwd: pkg, stdio: quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
  return join(pkg, 'custom-elements.json');
}

/** Every element folder with a define.ts becomes a bundle named after its tag. */
export function bundleEntries() {
  const entries = [{ name: 'coproduce', entry: join(pkg, 'src/index.ts') }];
  for (const folder of readdirSync(join(pkg, 'src')).sort()) {
    const define = join(pkg, 'src', folder, 'define.ts');
    if (statSync(join(pkg, 'src', folder)).isDirectory() && existsSync(define)) {
      entries.push({ name: `co-${folder}`, entry: ENTRY_PREFIX + define });
    }
  }
  return entries;
}

/**
 * The Vite configuration every bundle is built with: `entry` (one path, or names → paths) into
 * `outDir`, one self-contained file per entry (`codeSplitting: false`) or entries sharing chunks.
 * `bundle` names the build in the message a page gets when it loads two copies
 * (src/internal/single-copy.ts).
 */
function bundleConfig({ quiet, bundle, entry, fileName, outDir, codeSplitting }) {
  return {
    configFile: false,
    root: pkg,
    logLevel: quiet ? 'silent' : 'warn',
    mode: 'production',
    // Lit's html`` and css`` literals lose their indentation and comments.
    plugins: [entryPlugin(), lib0EnvironmentPlugin(), litPropertyPlugin(), privatePropertiesPlugin(), minifyHTML(), syntaxTargetPlugin()],
    define: { __COPRODUCE_BUNDLE__: JSON.stringify(bundle) },
    resolve: {
      conditions: ['source', 'module', 'browser', 'production'],
      alias: [{ find: /^lib0\/logging$/, replacement: join(pkg, 'scripts/lib0-logging.js') }],
    },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'esnext',
      // Two minifiers: terser's compressor first (it folds and inlines more than Oxc's: 0.45–0.6 KB
      // gzipped off each one-element bundle), then Oxc's minifier (below) mangles names and
      // squeezes the rest. Options measured on the bundles: two passes, single-use functions
      // only inlined when simple (`inline: 1`), names left to Oxc (`mangle: false`).
      minify: 'terser',
      terserOptions: { ecma: 2020, compress: { passes: 2, inline: 1 }, mangle: false, format: { comments: false } },
      sourcemap: true,
      reportCompressedSize: false,
      lib: { entry, formats: ['es'], fileName },
      // Vite leaves whitespace in ES library builds; these bundles are for browsers, so minify fully.
      // The minifier has already used the /* @__PURE__ */ annotations and JSDoc helps no one in a
      // minified file, so both go (~0.3 KB gzipped a bundle). The bundled packages' licence
      // comments (Lit repeats its own a dozen times) give way to one banner and one file beside
      // the bundles with every bundled package's licence in full (THIRD-PARTY-LICENSES.txt).
      rolldownOptions: {
        output: { codeSplitting, chunkFileNames: 'chunks/[name]-[hash].js', minify: true, comments: false, postBanner: BANNER },
      },
    },
  };
}

/** Where {@link buildModules} writes: one module per element, sharing chunks. */
export const MODULES_DIR = join(out, 'esm');

/**
 * The element modules (cdn/esm/co-*.js): one entry per element, like the one-element bundles, but
 * sharing what they have in common (Lit, Yjs, the workshop runtime, …) through chunks in
 * cdn/esm/chunks/. A page with several elements loads one module per element it uses and pays
 * for the shared code once; the elements share one runtime, so they join the same `<co-workshop>`.
 * Returns the entry files (the chunks they import are beside them).
 */
async function buildModules({ quiet }) {
  const entries = bundleEntries().filter(({ name }) => name !== 'coproduce');
  await build(bundleConfig({
    quiet,
    bundle: 'esm/',
    entry: Object.fromEntries(entries.map(({ name, entry }) => [name, entry])),
    fileName: (_format, name) => `${name}.js`,
    outDir: MODULES_DIR,
    codeSplitting: true,
  }));
  return entries.map(({ name }) => join(MODULES_DIR, `${name}.js`));
}

/**
 * Builds the bundles into cdn/ (emptied first), then the element modules into cdn/esm/. `only`
 * (bundle names without `.js`, and `esm` for the modules) builds just those, for measuring one
 * change quickly; the other steps run as usual. Returns the one-file bundles.
 */
export async function buildBundles({ quiet = false, only = null } = {}) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const entries = bundleEntries().filter(({ name }) => only === null || only.includes(name));
  for (const { name, entry } of entries) {
    await build(bundleConfig({ quiet, bundle: `${name}.js`, entry, fileName: () => `${name}.js`, outDir: out, codeSplitting: false }));
  }
  if (only === null || only.includes('esm')) await buildModules({ quiet });
  const files = entries.map(({ name }) => join(out, `${name}.js`));
  writeThirdPartyLicences(files);
  // The ready-made themes and the manifest beside the bundles (not bundles: callers list `files`).
  cpSync(join(pkg, 'themes'), join(out, 'themes'), { recursive: true });
  cpSync(generateManifest({ quiet }), join(out, 'custom-elements.json'));
  return files;
}

/** The packages (name → directory) whose code a bundle holds, from its source map. */
function bundledPackages(file) {
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const found = new Map();
  for (const source of map.sources) {
    const match = /^(.*node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(resolve(dirname(file), source).replaceAll('\\', '/'));
    if (match) found.set(match[2], match[1] + match[2]);
  }
  return found;
}

/** Writes cdn/THIRD-PARTY-LICENSES.txt: each bundled package, its version and its licence text. */
function writeThirdPartyLicences(files) {
  const packages = new Map();
  for (const file of files) for (const [name, dir] of bundledPackages(file)) packages.set(name, dir);
  const sections = [...packages].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    if (licenceFile === undefined) throw new Error(`${name} has no licence file to bundle`);
    const text = readFileSync(join(dir, licenceFile), 'utf8').trim();
    return `${name} ${meta.version} (${meta.license})\n${'-'.repeat(72)}\n${text}\n`;
  });
  const head = `The drop-in bundles in this folder (${files.map((f) => basename(f)).join(', ')}) are\n` +
    `@coproduce/elements (MIT) with the following packages built in. Their licences follow in full.\n\n`;
  writeFileSync(join(out, 'THIRD-PARTY-LICENSES.txt'), head + sections.join('\n'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildBundles();
  for (const f of files) console.log(f.slice(pkg.length + 1));
}
