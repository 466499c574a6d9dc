// The council's consultation page (plain HTML, the drop-in bundle, a strict Content-Security-Policy)
// served by coproduce-server with tokens on, in Chromium: a member of the public opens the page,
// gives a name (the page's shared join link is traded for a personal token), adds an idea and
// votes for it; on their next visit they are not asked again. Any console error or CSP violation
// fails the test. Uses the built page (the test command builds the examples first); this test only
// copies it and runs the example's own prepare step (join token + board and vote) against its own
// data directory.
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, freePort, launchChromium, startServer, stopServer } from '../../support/e2e.js';

const EXAMPLE = join(ROOT, 'examples/council');

/** Records console errors, page errors and CSP violations of a page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || /Refused to|Content Security Policy/i.test(text)) problems.push(`console ${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
  return problems;
}

/** CSP violations the page itself saw (recorded from the first script on). */
async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

describe('council consultation page', () => {
  let browser: Browser;
  let server: ChildProcess;
  let port: number;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'coproduce-council-'));
    const site = join(work, 'site');
    const data = join(work, 'data');
    cpSync(join(EXAMPLE, 'dist'), site, { recursive: true });
    // The example's own prepare step: a join token in the page, the board and the vote in the room.
    execFileSync(process.execPath, [join(EXAMPLE, 'prepare.mjs'), '--dist', site, '--data', data], { stdio: 'pipe', env: { ...process.env, COPRODUCE_SECRET: '' } });
    port = await freePort();
    server = await startServer(port, ['--data', data, '--static', site], { COPRODUCE_AUTH: 'token', COPRODUCE_SECRET: '' });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function open(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems = watch(page);
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    return { page, problems };
  }

  it('has a strict Content-Security-Policy and a join link in the page', () => {
    const html = readFileSync(join(work, 'site/index.html'), 'utf8');
    expect(html).toContain(`content="default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'"`);
    expect(html).not.toContain('token="COPRODUCE_JOIN_TOKEN"');
    expect(html.match(/\btoken="[\w-]+\.[\w-]+\.[\w-]+"/g)?.length).toBe(1); // on the <co-workshop> holding the board and the vote
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/\sstyle="/); // no inline style
  });

  it('lets a member of the public join with a name, add an idea and vote, with nothing refused', async () => {
    const context = await browser.newContext();
    const { page, problems } = await open(context);

    // The board asks for a name (it is the first element waiting), under the council's own heading
    // (strings.js, through the bundle's setStrings); the vote points to it.
    await page.getByRole('heading', { name: 'Take part' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Your name').fill('Rhys');
    await expect.poll(() => page.locator('co-vote co-join-gate .line').textContent()).toContain('enter your name in the form above');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByLabel('Your idea').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('co-idea-board co-join-gate').count()).toBe(0);
    await expect.poll(() => page.locator('co-vote co-join-gate').count()).toBe(0);

    await page.getByLabel('Your idea').fill('More benches in the shade of the trees');
    await page.getByRole('button', { name: 'Add idea' }).click();
    await expect.poll(() => page.locator('co-idea-card .text').allTextContents(), { timeout: 10_000 }).toEqual(['More benches in the shade of the trees']);
    // Only council officers organise the groups (workshop.json): no group form for residents, and
    // the board says so in words.
    expect(await page.getByLabel('New group').count()).toBe(0);
    await expect.poll(() => page.getByText('The council organises the groups on this board.').count()).toBe(1);
    // A consultation has no facilitator (strings.js): nothing on the page says one to a resident.
    const deepText = () =>
      page.evaluate(() => {
        const walk = (node: Node): string =>
          [...node.childNodes].map((child) => (child.nodeType === Node.TEXT_NODE ? child.textContent : walk(child))).join(' ') +
          ((node as Element).shadowRoot ? ` ${walk((node as Element).shadowRoot!)}` : '');
        return walk(document.body);
      });
    expect(await deepText()).not.toMatch(/facilitator/i);

    // The vote is over the board's ideas: two dots on the new one, then save.
    const add = page.getByRole('button', { name: 'Add a dot to “More benches in the shade of the trees”' });
    await add.click();
    await add.click();
    // The "dots left" meter is drawn without inline styles, which this page's policy refuses.
    await expect.poll(() => page.locator('co-vote .meter > span').evaluate((el) => (el as HTMLElement).style.width)).toMatch(/^33\.33/);
    await page.getByRole('button', { name: 'Save my vote' }).click();
    await expect.poll(() => page.getByText('Your vote is saved and counted').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByText('The council will publish the results when the consultation closes.').count()).toBe(1);

    // Next visit in the same browser: not asked again, and the vote is still theirs.
    await page.reload();
    await page.getByLabel('Your idea').waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Your name').count()).toBe(0);
    await expect.poll(() => page.getByText('Your vote is saved and counted').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    expect(problems).toEqual([]);
    expect(await violations(page)).toEqual([]);

    // Someone else, on another device: asked for their own name, sees Rhys's idea and his dots.
    const other = await open(await browser.newContext());
    await other.page.getByLabel('Your name').fill('Sioned');
    await other.page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect.poll(() => other.page.locator('co-idea-card .text').allTextContents(), { timeout: 15_000 }).toEqual(['More benches in the shade of the trees']);
    await expect.poll(() => other.page.locator('co-idea-card .author').allTextContents()).toEqual(['by Rhys']);
    expect(other.problems).toEqual([]);
    expect(await violations(other.page)).toEqual([]);
    await context.close();
    await other.page.context().close();
  });

  it('says in the council’s words, never "the facilitator", when the page’s join link has run out', async () => {
    // A page whose join token ran out (a server left running past the token's life without renewal).
    const token = execFileSync(
      process.execPath,
      [join(ROOT, 'packages/server/bin/coproduce-server.js'), 'token', '--room', 'market-square', '--join', '--expires', '1s', '--data', join(work, 'data')],
      { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, COPRODUCE_SECRET: '' } },
    ).trim();
    const page = readFileSync(join(work, 'site/index.html'), 'utf8').replace(/\btoken="[\w-]+\.[\w-]+\.[\w-]+"/, `token="${token}"`);
    writeFileSync(join(work, 'site/expired.html'), page);
    await new Promise((r) => setTimeout(r, 2100));
    const context = await browser.newContext();
    const tab = await context.newPage();
    for (const [lang, words] of [
      ['en', 'Taking part is not working on this page right now. Please try again later, or contact the council.'],
      ['cy', 'Dydy cymryd rhan ddim yn gweithio ar y dudalen hon ar hyn o bryd.'],
    ] as const) {
      await tab.goto(`http://127.0.0.1:${port}/expired.html`);
      if (lang === 'cy') await tab.evaluate(() => document.documentElement.setAttribute('lang', 'cy'));
      await expect.poll(() => tab.getByText(words).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const text = await tab.evaluate(() => {
        const walk = (node: Node): string =>
          [...node.childNodes].map((child) => (child.nodeType === Node.TEXT_NODE ? child.textContent : walk(child))).join(' ') +
          ((node as Element).shadowRoot ? ` ${walk((node as Element).shadowRoot!)}` : '');
        return walk(document.body);
      });
      expect(text).not.toMatch(/facilitator|hwylusydd|whoever gave you/i);
    }
    await context.close();
  });

  it('lets a council officer close the vote from the unlisted staff page, with a facilitator link', async () => {
    const staffHtml = readFileSync(join(work, 'site/staff.html'), 'utf8');
    expect(staffHtml).not.toMatch(/\btoken="/); // the link's token is used: a token attribute would win over it
    expect(staffHtml).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const link = execFileSync(
      process.execPath,
      [join(ROOT, 'packages/server/bin/coproduce-server.js'), 'token', '--room', 'market-square', '--role', 'facilitator', '--user', 'officer', '--name', 'Council officer', '--expires', '1h', '--data', join(work, 'data'), '--link', `http://127.0.0.1:${port}/staff.html`],
      { encoding: 'utf8', env: { ...process.env, COPRODUCE_SECRET: '' } },
    ).trim();

    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    const staffProblems = watch(staff);
    await staff.goto(link);
    const close = staff.locator('co-facilitator-panel').getByRole('button', { name: /^Close voting/ });
    await close.waitFor({ timeout: 15_000 }); // an officer, not asked for a name: the vote is open
    expect(await staff.getByLabel('Your name').count()).toBe(0);
    await close.click();
    await staff.locator('co-facilitator-panel').getByRole('button', { name: /^Open voting/ }).waitFor({ timeout: 10_000 });
    // Its "Invite people" link goes to the public page (join-href), not to the staff page.
    const panelText = () => staff.locator('co-facilitator-panel').evaluate((el) => (el as HTMLElement & { shadowRoot: ShadowRoot }).shadowRoot.textContent ?? '');
    await expect.poll(panelText, { timeout: 10_000 }).toContain(`http://127.0.0.1:${port}/?token=`);
    expect(await panelText()).not.toContain('staff.html?');

    // A resident opening the public page now sees the vote closed, in words.
    const resident = await open(await browser.newContext());
    await resident.page.getByLabel('Your name').fill('Gwen');
    await resident.page.getByRole('button', { name: 'Join', exact: true }).click();
    const voteText = () => resident.page.locator('co-vote').evaluate((el) => (el as HTMLElement & { shadowRoot: ShadowRoot }).shadowRoot.textContent?.replace(/\s+/g, ' ') ?? '');
    await expect.poll(voteText, { timeout: 15_000 }).toContain('Voting has closed.');
    expect(staffProblems).toEqual([]);
    expect(resident.problems).toEqual([]);
    await staffContext.close();
    await resident.page.context().close();
  });
});
