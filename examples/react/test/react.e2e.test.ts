// The React example, built and served by coproduce-server, in Chromium: the element renders inside
// React, its typed events reach React state (only for this person's own actions), and the hooks
// built on the core (useWorkshop, useBoard) give React the status and everyone's ideas live.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, freePort, launchChromium, startServer, stopServer } from '../../support/e2e.js';

const BIN = join(ROOT, 'packages/server/bin/coproduce-server.js');

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
    const room = `react-${Date.now()}`;
    await page.goto(`http://127.0.0.1:${port}/?room=${room}`);
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 15_000 }).toBe('synced');
    await page.getByLabel('Your idea').fill('Longer opening hours on Thursdays');
    await page.getByRole('button', { name: 'Add idea' }).click();
    await expect.poll(() => page.getByTestId('mine').textContent()).toContain('You have added 1 idea');
    // Playwright's CSS locators pierce the elements' open shadow roots.
    await expect.poll(() => page.locator('co-idea-card .text').allTextContents()).toEqual(['Longer opening hours on Thursdays']);
    await expect.poll(() => page.getByTestId('count').textContent()).toContain('The board has 1 idea from everyone');

    // A second person in the same room: the hooks show the first person's idea, and what someone
    // else did fires no event on this page. Their idea reaches the first page live.
    const other = await browser.newPage();
    other.on('pageerror', (e) => errors.push(String(e)));
    await other.goto(`http://127.0.0.1:${port}/?room=${room}`);
    await expect.poll(() => other.getByTestId('count').textContent(), { timeout: 15_000 }).toContain('The board has 1 idea from everyone');
    await other.getByLabel('Your idea').fill('A quiet room for homework');
    await other.getByRole('button', { name: 'Add idea' }).click();
    await expect.poll(() => other.getByTestId('mine').textContent()).toContain('You have added 1 idea');
    await expect.poll(() => page.getByTestId('count').textContent()).toContain('The board has 2 ideas from everyone');
    expect(await page.getByTestId('mine').textContent()).toContain('You have added 1 idea');
    expect(errors).toEqual([]);
  });

  it('shows the status the workshop starts in (a join link waits for a name), then follows it', async () => {
    // A server with tokens, and a shared join link minted by its own command, as a council would.
    const tokenData = mkdtempSync(join(tmpdir(), 'coproduce-react-tokens-'));
    const tokenPort = await freePort();
    const tokenServer = await startServer(tokenPort, ['--data', tokenData, '--static', join(ROOT, 'examples/react/dist')], { COPRODUCE_AUTH: 'token', COPRODUCE_SECRET: '' });
    try {
      const room = `react-join-${Date.now()}`;
      const joinToken = execFileSync(process.execPath, [BIN, 'token', '--room', room, '--join', '--expires', '10m', '--data', tokenData], {
        encoding: 'utf8',
        env: { ...process.env, COPRODUCE_SECRET: '' },
      }).trim();
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${tokenPort}/?room=${room}&token=${joinToken}`);
      // A join link: the first status is `needs-name` (useWorkshop reads it, or hears the first co-status-change).
      await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 15_000 }).toBe('needs-name');
      await page.getByLabel('Your name').fill('Siân');
      await page.getByRole('button', { name: 'Join' }).click();
      await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 15_000 }).toBe('synced');
    } finally {
      await stopServer(tokenServer);
      rmSync(tokenData, { recursive: true, force: true });
    }
  });
});
