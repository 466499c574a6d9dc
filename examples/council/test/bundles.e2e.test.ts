// The per-element drop-in bundles, as a council page would use them: one element from its own
// bundle works on its own (no coproduce.js, no build step), and a page that loads two bundles is
// told plainly in the console that it should load one (two copies of Yjs and Lit cannot share a
// workshop). A page changes strings through the bundle it loads (no second copy), and the themes
// and the custom-elements manifest sit beside the bundles. Real coproduce-server (open, no tokens)
// serving the built bundles, Debian's Chromium.
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, freePort, launchChromium, startServer, stopServer } from '../../support/e2e.js';

const page = (scripts: string[], body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bundles</title><link rel="icon" href="data:,">
${scripts.map((src) => `<script type="module" src="coproduce/${src}"></script>`).join('\n')}
</head><body><main>${body}</main></body></html>`;

const VOTE = `<co-vote room="bundles" user-name="Ceri" user-role="facilitator" vote="first" vote-title="Which first?"
  method="single" options='["Benches","Shade"]'></co-vote>`;

describe('per-element bundles', () => {
  let browser: Browser;
  let server: ChildProcess;
  let port: number;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'coproduce-bundles-'));
    const site = join(work, 'site');
    cpSync(join(ROOT, 'examples/council/dist/coproduce'), join(site, 'coproduce'), { recursive: true });
    writeFileSync(join(site, 'vote.html'), page(['co-vote.js'], VOTE));
    // A page that renames a string through the single-element bundle it loads, as docs/embedding.md shows.
    writeFileSync(join(site, 'strings.html'), page(['co-vote.js'], VOTE).replace('</head>', '<script type="module" src="strings.js"></script></head>'));
    writeFileSync(join(site, 'strings.js'), `import { setStrings, translate, supportedLanguages } from './coproduce/co-vote.js';
setStrings('en', { voteNotOpen: 'The vote opens after the talk.' });
window.__helpers = { translate: translate('cy', 'voteNotOpen'), languages: [...supportedLanguages] };
`);
    writeFileSync(join(site, 'two.html'), page(['co-idea-board.js', 'co-vote.js'], `<co-workshop room="two" user-name="Ceri" user-role="facilitator">
      <co-idea-board board="main" board-title="Ideas"></co-idea-board>${VOTE}</co-workshop>`));
    port = await freePort();
    server = await startServer(port, ['--data', join(work, 'data'), '--static', site]);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const p = await browser.newPage();
    const errors: string[] = [];
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    p.on('pageerror', (e) => errors.push(String(e)));
    await p.goto(`http://127.0.0.1:${port}/${path}`);
    return { page: p, errors };
  }

  it('runs one element from its own bundle, connected, with no errors', async () => {
    const { page: p, errors } = await open('vote.html');
    // The facilitator's element sets the vote up from its attributes (closed until they open it) and syncs it.
    const text = () => p.locator('co-vote').evaluate((el) => (el as HTMLElement & { shadowRoot: ShadowRoot }).shadowRoot.textContent?.replace(/\s+/g, ' ') ?? '');
    await expect.poll(text, { timeout: 15_000 }).toContain('Voting is not open right now.');
    await expect.poll(text).toContain('Saved');
    expect(await text()).toContain('Which first?');
    expect(errors, errors.join('; ')).toEqual([]);
    await p.close();
  });

  it('lets a page change strings by importing from the one bundle it loads, without loading Coproduce twice', async () => {
    const { page: p, errors } = await open('strings.html');
    const text = () => p.locator('co-vote').evaluate((el) => (el as HTMLElement & { shadowRoot: ShadowRoot }).shadowRoot.textContent?.replace(/\s+/g, ' ') ?? '');
    await expect.poll(text, { timeout: 15_000 }).toContain('The vote opens after the talk.');
    expect(await text()).not.toContain('Voting is not open right now.');
    const helpers = await p.evaluate(() => (window as unknown as { __helpers: { translate: string; languages: string[] } }).__helpers);
    expect(helpers.languages).toEqual(['en', 'cy']);
    expect(helpers.translate).toMatch(/pleidlais|pleidleisio/i); // the Welsh catalogue, from the same bundle
    expect(errors, errors.join('; ')).toEqual([]); // in particular, no "loads Coproduce twice"
    await p.close();
  });

  it('ships the themes and the custom-elements manifest beside the bundles', async () => {
    for (const theme of ['govuk.css', 'dark.css']) {
      const response = await fetch(`http://127.0.0.1:${port}/coproduce/themes/${theme}`);
      expect(response.status, theme).toBe(200);
      expect(await response.text()).toContain('--co-');
    }
    const response = await fetch(`http://127.0.0.1:${port}/coproduce/custom-elements.json`);
    expect(response.status).toBe(200);
    const manifest = (await response.json()) as { modules: { declarations?: { tagName?: string }[] }[] };
    const tags = manifest.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean);
    for (const tag of ['co-workshop', 'co-idea-board', 'co-vote', 'co-vote-results', 'co-vote-controls', 'co-journey-map', 'co-facilitator-panel', 'co-timer', 'co-presence', 'co-phase', 'co-join']) {
      expect(tags, tag).toContain(tag);
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/elements/package.json'), 'utf8')) as { customElements?: string };
    expect(pkg.customElements).toBe('custom-elements.json');
  });

  it('says in the console, naming both files, when a page loads two bundles', async () => {
    const { page: p, errors } = await open('two.html');
    await expect.poll(() => errors.join('\n'), { timeout: 10_000 }).toContain(
      '[coproduce] This page loads Coproduce twice (co-idea-board.js, then co-vote.js).',
    );
    expect(errors.join('\n')).toContain('Load one bundle (coproduce.js for several elements');
    await p.close();
  });
});
