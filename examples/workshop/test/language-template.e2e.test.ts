// End to end, on the built example page served by coproduce-server (SQLite, tokens) in real
// Chromium: a facilitator opening a fresh room can still start it from a template (the page's own
// board, vote and journey map, created as the page opens, do not count as content), and the page's
// English / Cymraeg switch changes the page and the elements and is remembered. Needs `tsc -b` and
// the example page build.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, useMainJob } from '../../support/e2e.js';

const AXE = createRequire(join(ROOT, 'package.json')).resolve('axe-core/axe.min.js');
/** A port of its own (4200–4209 are this test's), so it does not race the other example tests for one. */

/** axe-core's violations inside `selector` (rule id: how many nodes). */
async function axeViolations(page: Page, selector: string): Promise<Record<string, number>> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(context: Element): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document.querySelector(sel)!);
    return Object.fromEntries(result.violations.map((v) => [v.id, v.nodes.length]));
  }, selector);
}

describe('example workshop page: templates in a fresh room, and English / Cymraeg', () => {
  const job = useMainJob('e2e-language');

  it('lets the facilitator of a fresh room start from a template, which keeps the page’s own board and vote', async () => {
    const page = await (await job.browser.newContext()).newPage();
    await page.goto(job.links.facilitatorLink);
    await page.getByText('Saved').first().waitFor();
    // The page's elements have set up their board, vote and map (the vote says it is not open yet).
    await page.locator('co-vote').getByText('Voting is not open right now.').waitFor({ timeout: 15_000 });
    await page.locator('co-journey-map').getByText('Visiting the high street').first().waitFor();
    const panel = page.locator('co-facilitator-panel');
    const setUp = panel.locator('[data-action="apply-template"]');
    await setUp.waitFor({ timeout: 10_000 });
    expect(await panel.locator('[data-import-not-empty]').textContent()).toContain('A template still works');
    await panel.getByLabel('Ideas and dot votes').check();
    await setUp.click();
    await panel.getByText('The workshop is set up from the template “Ideas and dot votes”.').waitFor();
    // Its phases reach the page's agenda; its board and vote are the page's own, kept as they were.
    await page.locator('co-phase').getByText('Share ideas').first().waitFor();
    await expect.poll(() => page.locator('co-idea-board').getByText('Ideas for the high street').count()).toBeGreaterThan(0);
    const elements = (await panel.locator('[data-section="elements"]').textContent()) ?? '';
    expect(elements).toContain('Which ideas matter most to you?');
    expect(elements).not.toContain('Which ideas should we take forward?');
    // Set up now: the set-up section says a template can only start an empty workshop.
    await panel.getByText('This workshop already has things in it.').waitFor();
  });

  it('switches the page and the elements to Welsh from the keyboard, and remembers it', async () => {
    const context = await job.browser.newContext();
    const page = await context.newPage();
    await page.goto(job.links.facilitatorLink);
    await page.getByText('Saved').first().waitFor();
    const english = page.getByRole('button', { name: 'English' });
    const welsh = page.getByRole('button', { name: 'Cymraeg' });
    expect(await english.getAttribute('aria-pressed')).toBe('true');
    expect(await welsh.getAttribute('aria-pressed')).toBe('false');
    expect(await axeViolations(page, '.site-header')).toEqual({});

    await english.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cymraeg');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
    expect(await welsh.getAttribute('aria-pressed')).toBe('true');
    expect(await english.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('main > h1').textContent()).toBe('Llunio ein stryd fawr gyda’n gilydd');
    expect(await page.locator('.site-tag').textContent()).toBe('Gweithdy enghreifftiol');
    expect(await page.locator('p.lead[data-text]').textContent()).toContain('Rhannwch syniadau');
    expect(await page.title()).toBe('Gweithdy enghreifftiol – Coproduce');
    // The elements follow the page's language as it changes.
    await page.locator('co-vote').getByText('Dydy’r bleidlais ddim ar agor ar hyn o bryd.').waitFor({ timeout: 10_000 });
    expect(await axeViolations(page, '.site-header')).toEqual({});

    // Remembered on this device: the next visit opens in Welsh.
    expect(await page.evaluate(() => localStorage.getItem('coproduce:example:language'))).toBe('cy');
    await page.reload();
    await page.locator('co-vote').getByText('Dydy’r bleidlais ddim ar agor ar hyn o bryd.').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
    expect(await page.locator('main > h1').textContent()).toBe('Llunio ein stryd fawr gyda’n gilydd');

    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('main > h1').textContent()).toBe('Shaping our high street together');
    await page.locator('co-vote').getByText('Voting is not open right now.').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => localStorage.getItem('coproduce:example:language'))).toBe('en');
    await context.close();
  });
});
