// End to end: the main job (coproduce-server with SQLite and tokens, serving the built example
// page) driven in real Chromium, through the links it prints: the facilitator link, and the shared
// participant link where a person picks a name. Two windows see each other's ideas live; ideas and
// links survive a server restart. Needs `tsc -b` and the example page build (the test command does
// both first).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useMainJob } from '../../support/e2e.js';

/** The text of every idea on the page's board (reads through the elements' shadow roots). */
function ideaTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const board = document.querySelector('co-idea-board');
    const cards = [...(board?.shadowRoot?.querySelectorAll('co-idea-card') ?? [])];
    return cards.map((c) => c.shadowRoot?.querySelector('.text')?.textContent ?? '');
  });
}

/** Opens the shared participant link and joins with a name, as a person would. */
async function joinAs(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
}

async function addIdea(page: Page, text: string): Promise<void> {
  // Playwright's locators pierce open shadow roots.
  await page.getByLabel('Your idea').fill(text);
  await page.getByRole('button', { name: 'Add idea' }).click();
}

describe('example workshop page (main job)', () => {
  const job = useMainJob('e2e');

  it('two windows see each other’s ideas live, and the ideas survive a restart', async () => {
    const { browser, links, room } = job;
    expect(new URL(links.facilitatorLink).searchParams.get('room')).toBe(room);
    const one = await (await browser.newContext()).newPage();
    const two = await (await browser.newContext()).newPage();
    await one.goto(links.facilitatorLink); // the facilitator's window sets the board up
    await one.getByText('Saved').first().waitFor();
    // The facilitator's personal token does not stay in the address bar (the screen may be
    // projected); the room and the participant invitation do, and a reload still works.
    const facilitatorToken = new URL(links.facilitatorLink).searchParams.get('token')!;
    expect(one.url()).not.toContain(facilitatorToken);
    expect(new URL(one.url()).searchParams.get('room')).toBe(room);
    await one.reload();
    await one.getByText('Saved').first().waitFor();
    expect(one.url()).not.toContain(facilitatorToken);
    await one.locator('co-facilitator-panel [data-section="invite"] a.link').first().waitFor();
    // The facilitator's invitation (link and QR code, in the facilitator panel: <co-join> leaves it
    // to the panel) carries the participant join token, and the page shows it once.
    const invite = await one.locator('co-facilitator-panel [data-section="invite"] a.link').first().getAttribute('href');
    expect(await one.locator('co-join [part="invite"]').count()).toBe(0);
    expect(new URL(invite!).searchParams.get('token')).toBe(new URL(links.participantLink).searchParams.get('token'));
    await joinAs(two, links.participantLink, 'Sam');
    await two.getByText('Saved').first().waitFor();
    await addIdea(one, 'Benches with arms by the bus stop');
    await expect.poll(() => ideaTexts(two), { timeout: 10_000 }).toContain('Benches with arms by the bus stop');
    await addIdea(two, 'Large-print timetables <b>please</b>');
    await expect.poll(() => ideaTexts(one), { timeout: 10_000 }).toContain('Large-print timetables <b>please</b>');

    await job.restart();
    // The links printed before the restart still work (the secret is kept in the data directory).
    const three = await (await browser.newContext()).newPage();
    await joinAs(three, links.participantLink, 'Ana');
    await expect
      .poll(() => ideaTexts(three), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Benches with arms by the bus stop', 'Large-print timetables <b>please</b>']));

    // Sam comes back to the shared link: his browser kept his personal token, so he is not asked
    // for a name again, and he is still the author of his idea.
    await two.goto(links.participantLink);
    await two.getByText('You are taking part as Sam.').waitFor({ timeout: 15_000 });
    expect(await two.getByLabel('Your name').count()).toBe(0);
    await expect.poll(() => ideaTexts(two), { timeout: 15_000 }).toContain('Large-print timetables <b>please</b>');
    await expect.poll(() => two.locator('co-idea-card .author').allTextContents()).toContain('by you');
  });
});
