// Board rendering in real Chromium: first render and remote-edit time of <co-idea-board> at 100,
// 1,000 and 5,000 ideas, against a plain Lit `repeat` list of the same ideas (fed by the same
// incremental board snapshots from @coproduce/core). The page (bench/pages/board-render.*) is
// built with Vite in production mode into a temporary directory and served on 127.0.0.1.
//
// First render: from handing the element its workshop to every card rendered and a frame painted.
// Remote edit: from applying another peer's edit of one idea to the local document, to the board
// and that card having re-rendered and a frame painted. Medians of several runs.
//
// "On an old phone": the same at 300 and 1,000 ideas on a 390 px wide screen with the CPU slowed
// down (CDP Emulation.setCPUThrottlingRate, 4× by default), as a participant's phone would feel
// it. The board shows its first notes at once and the rest in batches a frame apart, so there it also
// reports first paint: from the board being put on the page to the first frame with a note painted
// (for the baseline, which renders in one go, to its first frame with the list).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const SIZES = (process.env.BENCH_BOARD_SIZES ?? '100,1000,5000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_BOARD_RUNS ?? 3);
const EDITS = Number(process.env.BENCH_BOARD_EDITS ?? 15);
const PHONE_SIZES = (process.env.BENCH_BOARD_PHONE_SIZES ?? '300,1000').split(',').filter(Boolean).map(Number);
const PHONE_CPU = Number(process.env.BENCH_BOARD_PHONE_CPU ?? 4);
const PHONE_EDITS = Number(process.env.BENCH_BOARD_PHONE_EDITS ?? 7);
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (ms) => +ms.toFixed(1);

async function buildPage(outDir) {
  const root = resolve('bench/pages');
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
    build: {
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 10_000,
      rollupOptions: { input: join(root, 'board-render.html') },
    },
  });
}

function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = join(dir, path === '/' ? 'board-render.html' : path);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

/**
 * Records, in the page, the first frame that shows a note (or the baseline's list) after the board
 * (or the list) is connected: `window.__firstPaintMs`.
 */
function watchFirstPaint() {
  window.__firstPaintMs = null;
  for (const [tag, shown] of [
    ['co-idea-board', (el) => !!el.shadowRoot?.querySelector('co-idea-card')?.shadowRoot?.querySelector('[data-card]')],
    ['bench-list', (el) => !!el.shadowRoot?.querySelector('li')],
  ]) {
    // Lit creates an element's shadow root when it is first connected (the connected callback
    // itself is fixed when the element is defined, so it can't be wrapped here).
    const proto = customElements.get(tag).prototype;
    const createRenderRoot = proto.createRenderRoot;
    proto.createRenderRoot = function () {
      const t0 = performance.now();
      const poll = () => requestAnimationFrame(() => {
        if (shown(this)) setTimeout(() => (window.__firstPaintMs ??= performance.now() - t0));
        else poll();
      });
      if (window.__firstPaintMs === null) poll();
      return createRenderRoot.call(this);
    };
  }
}

/** Board and baseline at each size on a slowed-down, phone-sized page. */
async function phoneRows(browser, url) {
  const rows = [];
  const ratios = {};
  for (const n of PHONE_SIZES) {
    const samples = { board: { paint: [], first: [], edit: [] }, baseline: { paint: [], first: [], edit: [] } };
    for (let r = 0; r < RUNS; r++) {
      for (const which of r % 2 ? ['baseline', 'board'] : ['board', 'baseline']) {
        const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
        page.on('pageerror', (error) => console.error('[bench page]', error.message));
        await page.goto(url);
        await page.waitForFunction(() => typeof window.benchBoard === 'function');
        await page.evaluate(watchFirstPaint);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_CPU });
        const fn = which === 'board' ? 'benchBoard' : 'benchBaseline';
        const result = await page.evaluate(([name, size, edits]) => window[name](size, edits), [fn, n, PHONE_EDITS]);
        samples[which].paint.push(await page.evaluate(() => window.__firstPaintMs));
        samples[which].first.push(result.firstRenderMs);
        samples[which].edit.push(median(result.remoteEditMs));
        await page.close();
      }
    }
    const row = {
      ideas: n,
      phone: `390px, CPU ÷${PHONE_CPU}`,
      boardFirstPaintMs: round(median(samples.board.paint)),
      boardAllNotesMs: round(median(samples.board.first)),
      baselineFirstRenderMs: round(median(samples.baseline.first)),
      boardRemoteEditMs: round(median(samples.board.edit)),
      baselineRemoteEditMs: round(median(samples.baseline.edit)),
    };
    rows.push(row);
    ratios[`phoneFirstPaint@${n}`] = +(row.boardFirstPaintMs / row.baselineFirstRenderMs).toFixed(2);
    ratios[`phoneAllNotes@${n}`] = +(row.boardAllNotesMs / row.baselineFirstRenderMs).toFixed(2);
    ratios[`phoneRemoteEdit@${n}`] = +(row.boardRemoteEditMs / row.baselineRemoteEditMs).toFixed(2);
  }
  return { rows, ratios };
}

export async function run() {
  const outDir = mkdtempSync(join(tmpdir(), 'coproduce-board-bench-'));
  let server;
  let browser;
  try {
    await buildPage(outDir);
    server = await serve(outDir);
    const url = `http://127.0.0.1:${server.address().port}/board-render.html`;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const rows = [];
    const ratios = {};
    for (const n of SIZES) {
      const samples = { board: { first: [], edit: [], rendered: [] }, baseline: { first: [], edit: [] } };
      for (let r = 0; r < RUNS; r++) {
        // A fresh page per run, alternating which goes first, so neither inherits the other's garbage.
        for (const which of r % 2 ? ['baseline', 'board'] : ['board', 'baseline']) {
          const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
          page.on('pageerror', (error) => console.error('[bench page]', error.message));
          await page.goto(url);
          await page.waitForFunction(() => typeof window.benchBoard === 'function');
          const fn = which === 'board' ? 'benchBoard' : 'benchBaseline';
          const result = await page.evaluate(([name, size, edits]) => window[name](size, edits), [fn, n, EDITS]);
          samples[which].first.push(result.firstRenderMs);
          samples[which].edit.push(median(result.remoteEditMs));
          if (which === 'board') samples.board.rendered.push(result.cardsRenderedPerEdit);
          await page.close();
        }
      }
      const row = {
        ideas: n,
        boardFirstRenderMs: round(median(samples.board.first)),
        baselineFirstRenderMs: round(median(samples.baseline.first)),
        boardRemoteEditMs: round(median(samples.board.edit)),
        baselineRemoteEditMs: round(median(samples.baseline.edit)),
        cardsRenderedPerEdit: +median(samples.board.rendered).toFixed(2),
      };
      rows.push(row);
      ratios[`firstRender@${n}`] = +(row.boardFirstRenderMs / row.baselineFirstRenderMs).toFixed(2);
      ratios[`remoteEdit@${n}`] = +(row.boardRemoteEditMs / row.baselineRemoteEditMs).toFixed(2);
    }
    const phone = await phoneRows(browser, url);
    rows.push(...phone.rows);
    Object.assign(ratios, phone.ratios);
    return {
      title: `Board rendering in Chromium: <co-idea-board> vs a plain Lit repeat list (median of ${RUNS} runs, ${EDITS} remote edits each)`,
      rows,
      ratios,
      notes:
        'ratios are board ÷ baseline (lower is better). The board renders a full note per idea (its own shadow root, colour, author, ' +
        'reactions, buttons, roving focus) where the baseline renders two paragraphs; cardsRenderedPerEdit shows a remote edit re-renders one card. ' +
        `Rows with "phone" are at 390 px with the CPU slowed ${PHONE_CPU}× (median of ${RUNS} runs, ${PHONE_EDITS} remote edits each): ` +
        'boardFirstPaintMs is the first frame with notes (the rest follow in batches a frame apart), boardAllNotesMs every note on the page.',
    };
  } finally {
    await browser?.close();
    server?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
