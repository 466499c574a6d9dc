// A lost or restored connection is said to screen-reader users (WCAG 4.1.3), once per workshop
// however many status lines the page shows: "Offline…" when it stays lost for more than a moment,
// "Back online…" once the server has confirmed everything, nothing for a blip or for the page's
// first connection; and a change confirmed while offline says it is only on this device. What is
// checked is what the workshop's live region actually says. Real sync server, real Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as core from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { OFFLINE_SAID_AFTER_MS } from '../src/internal/runtime.js';
import { boardOf, liveRegion, remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const OFFLINE_SAID = 'Offline — your changes are kept on this device and will be sent when you reconnect';
const BACK_SAID = 'Back online. Your changes are saved.';
const KEPT_HERE = OFFLINE_SAID;

/** Everything the live region says from now on, with whether the server had every change at that moment. */
function listen(workshop: CoWorkshop): { said: string[]; confirmedWhenSaid: boolean[]; stop: () => void } {
  const region = liveRegion(workshop);
  const said: string[] = [];
  const confirmedWhenSaid: boolean[] = [];
  const observer = new MutationObserver(() => {
    const text = region.textContent?.trim() ?? '';
    if (text === '' || said[said.length - 1] === text) return;
    said.push(text);
    confirmedWhenSaid.push(!(workshop.runtime?.connection?.hasUnsyncedChanges ?? true));
  });
  observer.observe(region, { childList: true, characterData: true, subtree: true });
  return { said, confirmedWhenSaid, stop: () => observer.disconnect() };
}

const count = (said: readonly string[], text: string): number => said.filter((s) => s === text).length;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Adds an idea the way a keyboard user does: type it, then send the form. */
async function addIdeaByKeyboard(workshop: CoWorkshop, board: CoIdeaBoard, text: string): Promise<void> {
  board.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea-text')!.focus();
  await sendKeys({ type: text });
  board.shadowRoot!.querySelector<HTMLFormElement>('form.add')!.requestSubmit();
  await waitFor(() => core.readBoard(workshop.runtime!.doc, 'main').ideas.some((i) => i.text === text), `“${text}” on the board`);
}

async function openPage(room: string, lang = 'en'): Promise<CoWorkshop> {
  const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} server=${syncUrl()} room=${room}
    token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
    <co-presence></co-presence>
    <co-idea-board board="main"></co-idea-board>
    <co-timer></co-timer>
  </co-workshop>`);
  await waitFor(() => el.status === 'synced', 'Sam to sync');
  await el.runtime!.connection!.whenConfirmed();
  return el;
}

describe('a lost or restored connection, said', () => {
  it('says once that the connection was lost, that a change is kept on this device, and once that it is back and saved', async () => {
    const room = uniqueRoom('said');
    const { ceri, ceriDoc, done } = await remoteFacilitator(room);
    await ceri.whenConfirmed();
    const el = await openPage(room);
    const { said, confirmedWhenSaid, stop } = listen(el);
    const board = boardOf(el);

    // Online, a confirmation is only that.
    await addIdeaByKeyboard(el, board, 'Benches by the pond');
    await waitFor(() => said.includes('Your idea was added'), 'the plain confirmation');

    window.dispatchEvent(new Event('offline'));
    await waitFor(() => said.includes(OFFLINE_SAID), 'the offline announcement', OFFLINE_SAID_AFTER_MS + 8000);
    // Offline, the confirmation says the idea is only on this device.
    await addIdeaByKeyboard(el, board, 'A water fountain');
    await waitFor(() => said.includes(`Your idea was added. ${KEPT_HERE}`), 'the confirmation with the offline note');
    expect(core.readBoard(ceriDoc, 'main').ideas.some((i) => i.text === 'A water fountain')).to.equal(false);

    window.dispatchEvent(new Event('online'));
    await waitFor(() => said.includes(BACK_SAID), 'the back-online announcement', 15_000);
    // Said only once the server had the change: the facilitator has it.
    expect(confirmedWhenSaid[said.indexOf(BACK_SAID)]).to.equal(true);
    await waitFor(() => core.readBoard(ceriDoc, 'main').ideas.some((i) => i.text === 'A water fountain'), 'the offline idea at the facilitator');
    // A while later still: each said once for the whole workshop (three elements, three status lines).
    await pause(500);
    expect(count(said, OFFLINE_SAID)).to.equal(1);
    expect(count(said, BACK_SAID)).to.equal(1);
    expect(said.filter((s) => s.startsWith('Your idea was added. ') && s.endsWith(KEPT_HERE))).to.have.length(1);
    // The status lines say it too, in words, and are not live regions of their own (one voice per workshop).
    const status = board.shadowRoot!.querySelector('[part="status"]')!;
    expect(status.closest('[aria-live],[role="status"]')).to.equal(null);
    stop();
    el.remove();
    done();
  });

  it('says nothing for the first connection of the page or for a blip that recovers at once', async () => {
    const room = uniqueRoom('blip');
    const { ceri, done } = await remoteFacilitator(room);
    await ceri.whenConfirmed();
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-presence></co-presence>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    const { said, stop } = listen(el);
    await waitFor(() => el.status === 'synced', 'Sam to sync');

    window.dispatchEvent(new Event('offline'));
    await waitFor(() => el.status === 'offline', 'offline');
    await pause(300);
    window.dispatchEvent(new Event('online'));
    await waitFor(() => el.status === 'synced', 'back in sync', 10_000);
    // Past the moment a lost connection would have been said.
    await pause(OFFLINE_SAID_AFTER_MS + 1000);
    expect(said.filter((s) => s === OFFLINE_SAID || s === BACK_SAID)).to.deep.equal([]);
    stop();
    el.remove();
    done();
  });

  it('says it in Welsh on a Welsh page', async () => {
    const room = uniqueRoom('said-cy');
    const { ceri, done } = await remoteFacilitator(room);
    await ceri.whenConfirmed();
    const el = await openPage(room, 'cy');
    const { said, stop } = listen(el);
    window.dispatchEvent(new Event('offline'));
    await waitFor(() => said.length > 0, 'something said', OFFLINE_SAID_AFTER_MS + 8000);
    expect(said[0]).to.equal('All-lein — mae eich newidiadau’n cael eu cadw ar y ddyfais hon a byddant yn cael eu hanfon pan fyddwch yn ailgysylltu');
    window.dispatchEvent(new Event('online'));
    await waitFor(() => said.includes('Ar-lein eto. Mae eich newidiadau wedi’u cadw.'), 'back online, in Welsh', 15_000);
    stop();
    el.remove();
    done();
  });
});
