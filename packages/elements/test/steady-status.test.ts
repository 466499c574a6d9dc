// The board, the vote and the journey map keep their connection status line's height through
// reconnections, as <co-presence> does: on a phone "Saved" becoming "Offline — your changes are kept
// on this device" wraps onto two or three lines, and what is below the line must not jump up and
// down at every drop. Only the current status is in the text and the accessibility tree. Real sync
// server, real Chromium, 320 px wide.
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { setViewport } from '@web/test-runner-commands';
import { createJourneyFromTemplate, createPoll } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoWorkshop } from '../src/index.js';
import { remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const runtimes: WorkshopRuntime[] = [];

/** Sam's page (a participant) in `room`, with `content` in the workshop. */
async function samsPage(room: string, content: TemplateResult): Promise<CoWorkshop> {
  const runtime = new WorkshopRuntime({
    server: syncUrl(), room, token: testToken({ sub: 'sam', name: 'Sam', role: 'participant', room }), offline: false, crossTab: false,
  });
  runtimes.push(runtime);
  return fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}>${content}</co-workshop>`);
}

const ELEMENTS: { name: string; tag: string; content: TemplateResult }[] = [
  { name: 'the board', tag: 'co-idea-board', content: html`<co-idea-board board="main"></co-idea-board>` },
  { name: 'the vote', tag: 'co-vote', content: html`<co-vote vote="priorities"></co-vote>` },
  { name: 'the journey map', tag: 'co-journey-map', content: html`<co-journey-map map="journey"></co-journey-map>` },
];

describe('connection status lines on a phone', () => {
  before(async () => {
    await setViewport({ width: 320, height: 640 });
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
  });
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  for (const { name, tag, content } of ELEMENTS) {
    it(`${name} keeps its status line’s height through reconnections, saying only the current status`, async () => {
      const room = uniqueRoom('steady');
      const ceri = await remoteFacilitator(room, 'Bus routes', 'Ideas');
      try {
        createPoll(ceri.ceriSession, {
          id: 'priorities', title: 'What first?', method: 'single', options: [{ id: 'a', label: 'Benches' }, { id: 'b', label: 'Trees' }],
        });
        createJourneyFromTemplate(ceri.ceriSession, { id: 'journey', title: 'Getting to the library' });
        await ceri.ceri.whenConfirmed();

        const page = await samsPage(room, content);
        await waitFor(() => page.status === 'synced', 'Sam to sync');
        const el = page.querySelector(tag) as HTMLElement & { updateComplete: Promise<unknown> };
        const root = el.shadowRoot!;
        // The element has what it shows (a header with the status, and something below it).
        await waitFor(() => root.querySelector('header.header > [part="status"]') !== null, 'the status line in the header');
        const status = root.querySelector<HTMLElement>('header.header > [part="status"]')!;
        const below = (): number => root.querySelector('header.header')!.nextElementSibling!.getBoundingClientRect().top;
        const words = (): string => status.textContent!.replace(/\s+/g, ' ').trim();
        const settle = async (): Promise<void> => {
          await el.updateComplete;
          await new Promise((r) => requestAnimationFrame(r));
        };
        await waitFor(() => words() === 'Saved', 'Saved');
        await settle();
        const oneLine = status.getBoundingClientRect().height;

        // The first drop: the longer words take the room they need.
        window.dispatchEvent(new Event('offline'));
        await waitFor(() => words().startsWith('Offline'), 'Offline');
        await settle();
        const offlineHeight = status.getBoundingClientRect().height;
        expect(offlineHeight, 'the offline words wrap on a phone').to.be.greaterThan(oneLine);
        const belowTop = below();
        window.dispatchEvent(new Event('online'));
        await waitFor(() => words() === 'Saved', 'Saved again');
        await settle();
        // Back, and at every drop after that, nothing below moves.
        expect(status.getBoundingClientRect().height).to.equal(offlineHeight);
        expect(below()).to.equal(belowTop);
        for (let i = 0; i < 2; i++) {
          window.dispatchEvent(new Event('offline'));
          await waitFor(() => words().startsWith('Offline'), 'Offline');
          await settle();
          expect(below()).to.equal(belowTop);
          window.dispatchEvent(new Event('online'));
          await waitFor(() => words() === 'Saved', 'Saved again');
          await settle();
          expect(below()).to.equal(belowTop);
        }
        // Only the current status is in the text and the accessibility tree.
        expect(words()).to.equal('Saved');
        expect(status.innerText.replace(/\s+/g, ' ').trim(), 'the rendered text').to.equal('Saved');
        // The room kept for the offline words is hidden from everyone: out of the accessibility
        // tree (aria-hidden) and not painted (hidden), its words only CSS-generated content.
        const kept = [...status.querySelectorAll<HTMLElement>('[data-words]')];
        expect(kept.map((k) => k.dataset['words']!)).to.include('Offline — your changes are kept on this device');
        for (const k of kept) {
          expect(k.getAttribute('aria-hidden')).to.equal('true');
          expect(getComputedStyle(k).visibility).to.equal('hidden');
          expect(k.textContent).to.equal('');
        }
        await expect(page).to.be.accessible();
      } finally {
        ceri.done();
      }
    });
  }
});
