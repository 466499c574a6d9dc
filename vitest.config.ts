import { defineConfig } from 'vitest/config';

// Unit and integration tests that run in Node: @coproduce/core and @coproduce/server.
// Browser tests of the elements run in real Chromium through @web/test-runner (web-test-runner.config.mjs).
export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources (the "source" export condition).
    conditions: ['source'],
  },
  ssr: {
    resolve: {
      conditions: ['source'],
      externalConditions: ['source'],
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'packages/elements/test-node/**/*.test.ts', 'examples/*/test/**/*.e2e.test.ts', 'stories/test/**/*.e2e.test.ts'],
    // The elements' tests run in Chromium (web-test-runner.config.mjs).
    exclude: ['packages/elements/test/**', '**/node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
