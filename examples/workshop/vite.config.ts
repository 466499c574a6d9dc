import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { precompress, summary } from '../../scripts/precompress.mjs';

/**
 * Emits sw.js, the page's service worker (src/sw.js), with the build's file list filled in: the
 * page and its hashed assets are cached when it installs, so the page opens without a network and
 * shows the workshop from its offline copy. The list's hash names the cache, so every build that
 * changes a file is a new service worker that replaces the old cache.
 */
function serviceWorker(): Plugin {
  return {
    name: 'coproduce-example-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle).filter((file) => file.startsWith('assets/')).sort();
      const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(fileURLToPath(new URL('./src/sw.js', import.meta.url)), 'utf8')
        .replace('self.__COPRODUCE_VERSION__', JSON.stringify(version))
        .replace('self.__COPRODUCE_ASSETS__', JSON.stringify(assets.map((file) => `./${file}`)));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/**
 * Writes brotli (.br) and gzip (.gz) copies beside the built files (scripts/precompress.mjs, which
 * the council example's build uses too), which coproduce-server sends to browsers that accept them:
 * the server compresses nothing itself.
 */
function precompressed(): Plugin {
  return {
    name: 'coproduce-example-precompress',
    apply: 'build',
    async writeBundle(options) {
      if (options.dir) this.info(summary(await precompress(options.dir)));
    },
  };
}

// Built into dist/ and served by `coproduce-server --static`, so the page and the sync
// server share one address and the page connects to ws(s)://<host>/<folder of the page>/<room>.
// `base: './'`: the page refers to its files relatively (`./assets/…`), so the same build works at
// the root of a site and under any path a reverse proxy forwards (`https://host/coproduce/`).
export default defineConfig({
  base: './',
  resolve: { conditions: ['source'] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  plugins: [serviceWorker(), precompressed()],
  // During `vite dev`, forward the sync socket to a server started separately on port 1234.
  server: { proxy: { '/healthz': 'http://127.0.0.1:1234' } },
});
