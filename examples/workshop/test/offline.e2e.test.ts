// End to end: the example workshop page reopens with no network. The built page (served by the
// real coproduce-server with SQLite and tokens) registers its service worker; a participant joins
// and adds an idea; the device goes offline (Playwright's network emulation, which covers the
// service worker too) and the page is reloaded: instead of the browser's "No internet" page, the
// page opens from the service worker's cache and shows the workshop from the elements' offline
// copy, saying it is offline. Needs `tsc -b` and the example page build (the test command does
// both first).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, useMainJob } from '../../support/e2e.js';

const STATIC = join(ROOT, 'examples/workshop/dist');

/** The text of every idea on the page's board (through the elements' shadow roots). */
function ideaTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const board = document.querySelector('co-idea-board');
    const cards = [...(board?.shadowRoot?.querySelectorAll('co-idea-card') ?? [])];
    return cards.map((c) => c.shadowRoot?.querySelector('.text')?.textContent ?? '');
  });
}

describe('example workshop page offline', () => {
  const job = useMainJob('offline');

  it('the built page carries a service worker that caches the page and its hashed files', () => {
    const sw = readFileSync(join(STATIC, 'sw.js'), 'utf8');
    const html = readFileSync(join(STATIC, 'index.html'), 'utf8');
    for (const [, file] of html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)) expect(sw).toContain(`./${file}`);
    expect(sw).not.toContain('__COPRODUCE_ASSETS__');
  });

  it('reopens with no network and shows the workshop from the offline copy', async () => {
    const { browser, links } = job;
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // The facilitator sets the board up; a participant joins and adds an idea, saved on the server.
    const facilitator = await (await browser.newContext()).newPage();
    await facilitator.goto(links.facilitatorLink);
    await facilitator.getByText('Saved').first().waitFor({ timeout: 15_000 });
    await page.goto(links.participantLink);
    await page.getByLabel('Your name').fill('Nia');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByLabel('Your idea').fill('A bench in the shade');
    await page.getByRole('button', { name: 'Add idea' }).click();
    await expect.poll(() => ideaTexts(page), { timeout: 15_000 }).toContain('A bench in the shade');
    await page.getByText('Saved').first().waitFor({ timeout: 15_000 });
    // The service worker has installed and cached the page and its files.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).length), { timeout: 15_000 })
      .toBeGreaterThan(0);

    await context.setOffline(true);
    await page.reload();
    // Not the browser's error page: the workshop page, from the cache…
    await expect.poll(() => page.evaluate(() => document.querySelector('h1')?.textContent ?? ''), { timeout: 15_000 }).toContain(
      'Shaping our high street together',
    );
    // …with the idea from the offline copy, and the person still known.
    await expect.poll(() => ideaTexts(page), { timeout: 15_000 }).toContain('A bench in the shade');
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    expect(errors, errors.join('; ')).toEqual([]);

    // Back online, the page carries on live.
    await context.setOffline(false);
    await facilitator.getByLabel('Your idea').fill('Water fountain');
    await facilitator.getByRole('button', { name: 'Add idea' }).click();
    await expect.poll(() => ideaTexts(page), { timeout: 20_000 }).toContain('Water fountain');
    await context.close();
  }, 90_000);
});
