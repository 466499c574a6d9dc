// Browser tests of @coproduce/elements in real Chromium (Debian's chromium package), through a
// real coproduce sync server started here for the whole run.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { writeFileSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createJoinHandler, createServer, MemoryStorage, mintJoinToken, mintToken, secretFromString, tokenAuthenticator, workshopPolicy } from './packages/server/dist/index.js';

const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// One sync server (in-memory storage) for every browser test; tests read its URL from
// window.__COPRODUCE_SYNC_URL__.
// It checks tokens and enforces the workshop's roles like a production server, with a secret made
// for this run; tests get signed tokens from /__coproduce/test-token (testToken() in
// packages/elements/test/helpers.ts). Tokens minted without a room are valid in every room.
const testSecret = secretFromString(randomBytes(32).toString('base64url'));
const policy = workshopPolicy();
const sync = createServer({
  host: '127.0.0.1',
  port: 0,
  storage: new MemoryStorage(),
  logLevel: 'silent',
  authenticate: tokenAuthenticator({ secret: testSecret, allowAnyRoom: true }),
  checkUpdate: policy.checkUpdate,
  checkAwareness: policy.checkAwareness,
  // POST /join trades join tokens (from /__coproduce/test-join-token) for personal tokens.
  requestHandler: createJoinHandler({ secret: testSecret }),
});

/**
 * GET /__coproduce/test-token?sub=…&name=…&role=…[&room=…][&expired=1] answers a signed personal
 * token (text); GET /__coproduce/test-join-token?room=…[&role=…][&expired=1] a join token (a shared
 * link). `expired=1`: one that ran out an hour ago.
 */
async function testTokenRoute(ctx, next) {
  if (ctx.path === '/__coproduce/test-join-token') {
    const { room, role, expired } = ctx.query;
    try {
      const now = expired ? Date.now() - 2 * 3600_000 : Date.now();
      ctx.body = await mintJoinToken(testSecret, { room: String(room), role: role ? String(role) : 'participant', expires: '1h' }, now);
      ctx.type = 'text/plain';
    } catch (error) {
      ctx.status = 400;
      ctx.body = String(error?.message ?? error);
    }
    return;
  }
  if (ctx.path !== '/__coproduce/test-token') return next();
  const { sub, name, role, room, expired } = ctx.query;
  try {
    const now = expired ? Date.now() - 2 * 3600_000 : Date.now();
    ctx.body = await mintToken(testSecret, { room: room || '*', user: String(sub), name: String(name), role: String(role), expires: '1h' }, now);
    ctx.type = 'text/plain';
  } catch (error) {
    ctx.status = 400;
    ctx.body = String(error?.message ?? error);
  }
}
/**
 * Runs in each test page before the test framework. The runner sends the page's results through
 * structuredClone (modernweb-dev/web#2967, open-wc/open-wc#2880): a failed assertion whose actual or
 * expected value cannot be cloned (an element, a Y.Doc, a function) threw DataCloneError there, the
 * results never arrived, and the run waited for testsFinishTimeout (5 minutes) and ended "browser
 * disconnected" instead of reporting the failure. Such values are sent as text instead.
 */
const cloneableResults = `(() => {
  const clone = globalThis.structuredClone.bind(globalThis);
  const describe = (value) => {
    if (typeof value === 'function') return '[function ' + (value.name || 'anonymous') + ']';
    if (typeof Node !== 'undefined' && value instanceof Node) return '[' + (value.nodeName || 'node').toLowerCase() + ']';
    return '[' + (value?.constructor?.name || 'object') + ']';
  };
  const plain = (value, seen) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    if (typeof value === 'function' || (typeof Node !== 'undefined' && value instanceof Node)) return describe(value);
    if (seen.has(value)) return seen.get(value);
    try {
      const copy = clone(value);
      seen.set(value, copy);
      return copy;
    } catch {}
    const isError = value instanceof Error;
    if (!Array.isArray(value) && !isError && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return describe(value);
    const out = Array.isArray(value) ? [] : {};
    seen.set(value, out);
    if (isError) for (const key of ['name', 'message', 'stack']) out[key] = String(value[key] ?? '');
    for (const key of Object.keys(value)) out[key] = plain(value[key], seen);
    return out;
  };
  globalThis.structuredClone = (value, options) => {
    try {
      return clone(value, options);
    } catch (error) {
      if (error?.name !== 'DataCloneError') throw error;
      return clone(plain(value, new Map()), options);
    }
  };
})();`;

const { port } = await sync.listen();
const syncUrl = `ws://127.0.0.1:${port}`;

/** Writes pass/fail counts for scripts/test.sh's closing summary line. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const t of suite?.tests ?? []) (t.passed ? passed++ : failed++);
        for (const s of suite?.suites ?? []) walk(s);
      };
      for (const s of sessions) {
        walk(s.testResults);
        if (!s.passed && (s.errors?.length ?? 0) > 0) failed++;
      }
      mkdirSync('.cache', { recursive: true });
      writeFileSync('.cache/wtr-counts.json', JSON.stringify({ passed, failed }));
    },
    async stop() {
      await sync.close();
    },
  };
}

export default {
  files: ['packages/elements/test/**/*.test.ts', 'examples/*/test/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  middleware: [testTokenRoute],
  // One page at a time: a page in a background tab gets no animation frames, which Lit fixtures and
  // the announcer wait for; the whole run still takes well under a minute.
  concurrency: 1,
  testsFinishTimeout: 5 * 60_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><script>window.__COPRODUCE_SYNC_URL__ = ${JSON.stringify(syncUrl)};</script><script>${cloneableResults}</script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
