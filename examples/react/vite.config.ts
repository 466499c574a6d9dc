import { defineConfig } from 'vite';

// React's automatic JSX runtime through Vite's built-in transform; no React plugin needed.
export default defineConfig({
  resolve: { conditions: ['source'] },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
