import { defineConfig } from 'vite';

// React's automatic JSX runtime through Vite's built-in transform; no React plugin needed.
// `base: './'`: relative asset paths (`./assets/…`), so the built app works under any path a
// reverse proxy forwards (`https://host/panel/`), not only at the root of a site.
export default defineConfig({
  base: './',
  resolve: { conditions: ['source'] },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
