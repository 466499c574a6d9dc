// Every Storybook story, in real Chromium: it renders, logs no console errors, and passes axe
// (WCAG 2.2 A and AA rules). Runs against the static Storybook (`pnpm build-storybook`, which the
// test command runs first). Stories tagged `big` (`tags: ['big']`: the 1,000-idea boards, on which
// axe alone takes 10–20 s) are checked just the same, with a longer time limit, so that they pass
// on a loaded machine too. One story: `npx vitest run stories/test/stories.e2e.test.ts -t "1,000 ideas"`.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const STATIC = join(ROOT, 'storybook-static');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
  tags?: string[];
}
const index = JSON.parse(readFileSync(join(STATIC, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
const stories = Object.values(index.entries).filter((e) => e.type === 'story');
/** The time limit of a story tagged `big` (the others have the default, 30 s). */
const BIG_STORY_TIMEOUT_MS = 180_000;
const isBig = (story: IndexEntry): boolean => story.tags?.includes('big') === true;

describe('Storybook stories', () => {
  let browser: Browser;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const serve = sirv(STATIC, { dev: false, etag: false });
    server = createServer((req, res) =>
      serve(req, res, () => {
        // Chromium asks for a favicon Storybook does not ship; anything else missing is an error.
        res.statusCode = req.url === '/favicon.ico' ? 204 : 404;
        res.end();
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('has stories', () => {
    expect(stories.length).toBeGreaterThan(0);
  });

  for (const story of stories) {
    it(`${story.title} › ${story.name}: renders without console errors and passes axe`, async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(String(err)));
      try {
        await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`);
        await page.waitForFunction(() => {
          const root = document.querySelector('#storybook-root');
          return !!root && root.childElementCount > 0;
        }, undefined, { timeout: 15_000 });
        // Let elements finish their first updates.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
        await page.addScriptTag({ content: axeSource });
        // Storybook's accessibility addon runs axe after each render too; wait for it to finish.
        const violations = await page.evaluate(async () => {
          type AxeResult = { violations: { id: string; help: string; nodes: { target: unknown }[] }[] };
          const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResult> } }).axe;
          for (let attempt = 0; ; attempt++) {
            try {
              const result = await axe.run(
                { include: ['#storybook-root'] },
                { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } },
              );
              return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
            } catch (error) {
              if (attempt > 100 || !String(error).includes('already running')) throw error;
              await new Promise((r) => setTimeout(r, 100));
            }
          }
        });
        expect(errors, 'console errors').toEqual([]);
        expect(violations, 'axe violations').toEqual([]);
      } finally {
        await page.close();
      }
    }, isBig(story) ? BIG_STORY_TIMEOUT_MS : undefined);
  }

  it('gives the 1,000-idea boards the longer time limit (they are tagged big)', () => {
    expect(stories.filter(isBig).map((s) => s.id)).toEqual(
      expect.arrayContaining(['elements-idea-board--thousand-ideas', 'elements-idea-board--thousand-ideas-on-a-phone']),
    );
  });
});
