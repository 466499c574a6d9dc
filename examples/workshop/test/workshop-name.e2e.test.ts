// End to end, on the built example page served by coproduce-server (SQLite, tokens) in real
// Chromium: the room is made by the page, so the workshop is called by its room id and the page
// keeps its own heading; once the facilitator names the workshop in the panel's "Workshop details",
// the name heads everyone's page (a participant's too, live, in English and in Welsh) and the
// window title. Needs `tsc -b` and the example page build.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useMainJob } from '../../support/e2e.js';

const heading = (page: Page) => page.locator('main > h1').textContent();

describe('example workshop page: the workshop’s name', () => {
  const job = useMainJob('e2e-name');

  it('heads every page once the facilitator names the workshop', async () => {
    const { browser, links, room } = job;
    const facilitator = await (await browser.newContext()).newPage();
    await facilitator.goto(links.facilitatorLink);
    await facilitator.getByText('Saved').first().waitFor();
    const name = facilitator.getByLabel('Workshop name');
    // Made by the page: called by the room's id, and the page keeps its own heading.
    await expect.poll(() => name.inputValue(), { timeout: 10_000 }).toBe(room);
    expect(await heading(facilitator)).toBe('Shaping our high street together');

    const participant = await (await browser.newContext()).newPage();
    await participant.goto(links.participantLink);
    await participant.getByLabel('Your name').fill('Sam');
    await participant.getByRole('button', { name: 'Join' }).click();
    await participant.getByText('Saved').first().waitFor();
    expect(await heading(participant)).toBe('Shaping our high street together');
    // Participants have no way to change it.
    expect(await participant.getByLabel('Workshop name').count()).toBe(0);

    // The facilitator names it, from the keyboard; markup in a name is only text.
    await name.focus();
    await facilitator.keyboard.press('Control+A');
    await facilitator.keyboard.type('Market Square <b>together</b>');
    await facilitator.keyboard.press('Enter');
    await expect.poll(() => heading(facilitator), { timeout: 10_000 }).toBe('Market Square <b>together</b>');
    await expect.poll(() => heading(participant), { timeout: 10_000 }).toBe('Market Square <b>together</b>');
    expect(await participant.locator('main > h1 b').count()).toBe(0);
    expect(await participant.title()).toBe('Market Square <b>together</b> – Coproduce');

    // A name is not translated: it still heads the page in Welsh.
    await participant.getByRole('button', { name: 'Cymraeg' }).click();
    expect(await heading(participant)).toBe('Market Square <b>together</b>');
    expect(await participant.locator('.site-tag').textContent()).toBe('Gweithdy enghreifftiol');
    await participant.getByRole('button', { name: 'English' }).click();
    await participant.context().close();
    await facilitator.context().close();
  }, 60_000);
});
