// The React example, built and served by coproduce-server, in Chromium: the element renders inside
// React, its typed events reach React state, and its status reaches React through co-status-change.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, freePort, launchChromium, startServer, stopServer } from '../../support/e2e.js';

describe('React example', () => {
  let browser: Browser;
  let server: ChildProcess;
  let port: number;
  let data: string;

  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'coproduce-react-'));
    port = await freePort();
    server = await startServer(port, ['--data', data, '--static', join(ROOT, 'examples/react/dist')]);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    rmSync(data, { recursive: true, force: true });
  });

  it('renders the board in React and passes its events to React state', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/?room=react-${Date.now()}`);
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 15_000 }).toBe('synced');
    await page.getByLabel('Your idea').fill('Longer opening hours on Thursdays');
    await page.getByRole('button', { name: 'Add idea' }).click();
    await expect.poll(() => page.getByTestId('mine').textContent()).toContain('You have added 1 idea');
    // Playwright's CSS locators pierce the elements' open shadow roots.
    await expect.poll(() => page.locator('co-idea-card .text').allTextContents()).toEqual(['Longer opening hours on Thursdays']);
    expect(errors).toEqual([]);
  });
});
