import { defineConfig } from 'vite';

// Built into dist/ and served by `coproduce-server --static`, so the page and the sync
// server share one origin and the page can connect to ws(s)://<same host>/<room>.
export default defineConfig({
  resolve: { conditions: ['source'] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  // During `vite dev`, forward the sync socket to a server started separately on port 1234.
  server: { proxy: { '/healthz': 'http://127.0.0.1:1234' } },
});
