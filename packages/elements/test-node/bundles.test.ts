// The drop-in bundles as built (cdn/*.js, by scripts/build-bundles.mjs; the examples' build runs it
// before the tests): the size work must not change what a page sees. The private custom properties
// of the style sheets are renamed to short names in the bundles, so every one a bundle reads must
// be set in that bundle, and the public --co-* tokens must still reach the elements; an element from
// its own bundle renders with the default look and both languages in Debian's Chromium. The element
// modules (cdn/esm/) share their chunks and one workshop runtime: a page that loads two of them
// gets one workshop, synced through a real server.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkshopSession, createBoard, createPoll, createWorkshop, readBoard } from '@coproduce/core';
import { createServer, MemoryStorage, mintToken, secretFromString, tokenAuthenticator, workshopPolicy } from '../../server/dist/index.js';
import { privatePropertyNames } from '../scripts/build-bundles.mjs';

const CDN = resolve(import.meta.dirname, '../cdn');
const SRC = resolve(import.meta.dirname, '../src');
const ORIGIN = 'http://bundles.test';

function bundles(): string[] {
  if (!existsSync(join(CDN, 'coproduce.js'))) {
    throw new Error('No bundles in packages/elements/cdn: run node packages/elements/scripts/build-bundles.mjs first');
  }
  return readdirSync(CDN).filter((f) => f.endsWith('.js'));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const shadowText = (page: Page, tag: string) =>
  page.locator(tag).first().evaluate((el) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '');

describe('private custom properties in the bundles', () => {
  it('gives every private property of src/ its own short name', () => {
    const names = privatePropertyNames() as Map<string, string>;
    const inSource = new Set(sourceFiles(SRC).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/--_[A-Za-z0-9-]+/g)].map((m) => m[0])));
    expect([...names.keys()].sort()).toEqual([...inSource].sort());
    const short = [...names.values()];
    expect(new Set(short).size).toBe(short.length);
    for (const name of short) expect(name).toMatch(/^--_[A-Za-z]{1,2}$/);
  });

  it('sets, in each bundle, every private property that bundle reads', () => {
    for (const file of bundles()) {
      const code = readFileSync(join(CDN, file), 'utf8');
      const read = new Set([...code.matchAll(/var\((--_[A-Za-z0-9-]+)/g)].map((m) => m[1]!));
      const set = new Set([...code.matchAll(/(--_[A-Za-z0-9-]+):/g)].map((m) => m[1]!));
      expect(read.size, file).toBeGreaterThan(10);
      expect([...read].filter((name) => !set.has(name)), file).toEqual([]);
      // Renamed throughout: no long private name is left.
      expect([...read, ...set].filter((name) => name.length > 5), file).toEqual([]);
    }
  });
});

describe('an element from its own bundle', () => {
  let browser: Browser;

  beforeAll(async () => {
    bundles();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** A page on a made-up origin whose only script is the bundle, served from cdn/. */
  async function open(bundle: string, body: string, head = ''): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') {
        await route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bundle</title>${head}
<script type="module" src="/${bundle}"></script></head><body>${body}</body></html>`,
        });
      } else if (path === `/${bundle}`) {
        await route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(CDN, bundle), 'utf8') });
      } else {
        await route.fulfill({ status: 404, body: '' });
      }
    });
    await page.goto(`${ORIGIN}/`);
    return { page, errors };
  }

  /** Computed style of the first match of `selector` in the element's shadow root. */
  function styleOf(page: Page, tag: string, selector: string, properties: string[]): Promise<Record<string, string>> {
    return page.locator(tag).first().evaluate(
      (el, [sel, props]) => {
        const target = el.shadowRoot?.querySelector(sel as string);
        if (!target) return {};
        const style = getComputedStyle(target);
        return Object.fromEntries((props as string[]).map((p) => [p, style.getPropertyValue(p)]));
      },
      [selector, properties] as const,
    );
  }


  it('renders with the default tokens, and a page’s --co-* tokens reach it', async () => {
    const { page, errors } = await open(
      'co-timer.js',
      '<co-timer label="Tea break"></co-timer><co-timer class="themed" label="Lunch"></co-timer>',
      '<style>co-timer.themed { --co-color-text-secondary: rgb(1, 2, 3); --co-space-4: 20px; }</style>',
    );
    await expect.poll(() => shadowText(page, 'co-timer'), { timeout: 10_000 }).toContain('Not connected to a workshop.');
    expect(await styleOf(page, 'co-timer', '.status', ['color', 'font-weight'])).toEqual({ color: 'rgb(72, 73, 73)', 'font-weight': '600' });
    expect(await styleOf(page, 'co-timer', '.timer', ['padding-top', 'border-top-color'])).toEqual({ 'padding-top': '16px', 'border-top-color': 'rgb(177, 180, 182)' });
    expect(await styleOf(page, 'co-timer', '.heading', ['font-size'])).toEqual({ 'font-size': '20px' });
    expect(await styleOf(page, 'co-timer.themed', '.status', ['color'])).toEqual({ color: 'rgb(1, 2, 3)' });
    expect(await styleOf(page, 'co-timer.themed', '.timer', ['padding-top'])).toEqual({ 'padding-top': '20px' });
    expect(errors, errors.join('; ')).toEqual([]);
    await page.close();
  });

  it('speaks Welsh from the same bundle', async () => {
    const { page, errors } = await open('co-presence.js', '<co-presence lang="cy"></co-presence>');
    await expect.poll(() => shadowText(page, 'co-presence'), { timeout: 10_000 }).toContain('Heb gysylltu â gweithdy.');
    expect(errors, errors.join('; ')).toEqual([]);
    await page.close();
  });
});

describe('element modules (cdn/esm)', () => {
  // The sync server serves the page and a copy of the modules itself, like the council example, so
  // the page, its modules and its WebSocket share one origin.
  const site = mkdtempSync(join(tmpdir(), 'coproduce-esm-'));
  const secret = secretFromString('element modules test secret, long enough to sign');
  const policy = workshopPolicy();
  const server = createServer({
    host: '127.0.0.1',
    port: 0,
    storage: new MemoryStorage(),
    logLevel: 'silent',
    staticDir: site,
    authenticate: tokenAuthenticator({ secret }),
    checkUpdate: policy.checkUpdate,
    checkAwareness: policy.checkAwareness,
  });
  let browser: Browser;
  let url = '';

  beforeAll(async () => {
    if (!existsSync(join(CDN, 'esm', 'co-idea-board.js'))) throw new Error('No element modules in packages/elements/cdn/esm: run node packages/elements/scripts/build-bundles.mjs first');
    cpSync(join(CDN, 'esm'), join(site, 'esm'), { recursive: true });
    url = (await server.listen()).url;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server.close();
    rmSync(site, { recursive: true, force: true });
  });

  it('two element modules on one page share one workshop, and each chunk is fetched once', async () => {
    const room = 'esm-consultation';
    await server.withRoom(room, (doc) => {
      createWorkshop(doc, { title: 'Plans for the high street' });
      const session = new WorkshopSession(doc, { user: { id: 'ffion', name: 'Ffion', role: 'facilitator' } });
      createBoard(session, { id: 'ideas', title: 'Ideas for the high street' });
      createPoll(session, { id: 'first', title: 'What should we do first?', method: 'single', options: ['Benches', 'Trees'], open: true });
    });
    const token = await mintToken(secret, { room, user: 'rhys', name: 'Rhys', role: 'participant' });
    writeFileSync(
      join(site, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Consultation</title><link rel="icon" href="data:,">
<script type="module" src="/esm/co-idea-board.js"></script><script type="module" src="/esm/co-vote.js"></script></head>
<body><co-workshop server="${url}" room="${room}" token="${token}"><co-idea-board board="ideas"></co-idea-board><co-vote vote="first"></co-vote></co-workshop></body></html>`,
    );
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    const fetched: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('.js')) fetched.push(path);
    });
    await page.goto(`${url.replace(/^ws/, 'http')}/`);
    // Both elements found the one <co-workshop> and show the room's content.
    await expect.poll(() => shadowText(page, 'co-idea-board'), { timeout: 15_000 }).toContain('Ideas for the high street');
    await expect.poll(() => shadowText(page, 'co-vote'), { timeout: 15_000 }).toContain('What should we do first?');
    // An idea typed on the page reaches the server.
    await page.locator('co-idea-board textarea#idea-text').fill('A bench by the bus stop');
    await page.locator('co-idea-board').getByRole('button', { name: 'Add idea' }).click();
    await expect
      .poll(() => server.withRoom(room, (doc) => readBoard(doc, 'ideas').ideas.map((idea) => idea.text)), { timeout: 15_000 })
      .toEqual(['A bench by the bus stop']);
    expect(await page.evaluate(() => (globalThis as unknown as Record<symbol, string>)[Symbol.for('coproduce.copy')])).toBe('esm/');
    expect(new Set(fetched).size, fetched.join(', ')).toBe(fetched.length);
    expect(fetched.filter((path) => path.startsWith('/esm/chunks/')).length).toBeGreaterThan(0);
    expect(errors, errors.join('; ')).toEqual([]);
    await page.close();
  });
});
