// The facilitator panel's "set up from a file": what the import left out, and what it repaired so
// that the server would store it, listed with the reasons under the confirmation.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { WORKSHOP_EXPORT_FORMAT, createWorkshop, getRecord, roots } from '@coproduce/core';
import '../src/index.js';
import type { CoFacilitatorPanel, CoWorkshop } from '../src/index.js';
import { localRuntime, panelOf, waitFor } from './helpers.js';

/** Text without the bidirectional isolates the localizer puts around inserted values. */
const plain = (text: string | null): string => (text ?? '').replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim();

function q<T extends Element = HTMLElement>(panel: CoFacilitatorPanel, selector: string): T | null {
  return panel.shadowRoot!.querySelector<T>(selector);
}

/** A hand-edited file: a vote with one option (left out) and a group saying nobody made it (repaired). */
function oddFile(): string {
  return JSON.stringify({
    format: WORKSHOP_EXPORT_FORMAT, version: 1, layoutVersion: 1, exportedAt: '2026-01-01T00:00:00.000Z', anonymised: false,
    workshop: {
      meta: { title: 'Park plans', description: '', language: 'en', createdAt: 1 },
      boards: [{ id: 'main', title: 'Ideas', createdAt: 1, order: 'a0' }],
      clusters: [{ id: 'g1', boardId: 'main', title: 'Water', collapsed: false, order: 'a0', createdAt: 1 }],
      polls: [{ id: 'one', title: 'Only one?', description: '', method: 'single', options: [{ id: 'a', label: 'A' }], open: false, anonymous: true, createdAt: 1, updatedAt: 1, order: 'a0', resetAt: 0 }],
    },
  });
}

async function importInto(lang: 'en' | 'cy') {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Empty' });
  const runtime = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
  const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${runtime}><co-facilitator-panel></co-facilitator-panel></co-workshop>`);
  const panel = panelOf(el);
  await waitFor(() => !!q(panel, '#import-file'), 'the import form');
  q<HTMLInputElement>(panel, '#import-everything')!.checked = true;
  const files = new DataTransfer();
  files.items.add(new File([oddFile()], 'park.json', { type: 'application/json' }));
  q<HTMLInputElement>(panel, '#import-file')!.files = files.files;
  q<HTMLButtonElement>(panel, '[data-action="import"]')!.click();
  await waitFor(() => roots(doc).boards.has('main'), 'the import');
  await panel.updateComplete;
  return { doc, panel };
}

describe('<co-facilitator-panel> importing a file', () => {
  it('lists what was left out and what was changed, with the reasons, in a disclosure', async () => {
    const { doc, panel } = await importInto('en');
    expect(roots(doc).polls.has('one')).to.equal(false);
    expect(getRecord(roots(doc).clusters, 'g1')?.get('createdBy')).to.equal('priya');
    const report = q<HTMLDetailsElement>(panel, '[data-import-report]')!;
    expect(plain(q(panel, '.done')!.textContent)).to.contain('1 item could not be read and was left out');
    expect(report.open).to.equal(false);
    const summary = report.querySelector('summary')!;
    expect(summary.textContent!.trim()).to.equal('What was left out or changed, and why');
    // Keyboard: the confirmation has focus; Tab reaches the disclosure, Enter opens it.
    await waitFor(() => panel.shadowRoot!.activeElement === q(panel, '.done'), 'focus on the confirmation');
    await sendKeys({ press: 'Tab' });
    expect(panel.shadowRoot!.activeElement).to.equal(summary);
    await sendKeys({ press: 'Enter' });
    expect(report.open).to.equal(true);
    expect(summary.getBoundingClientRect().height).to.be.at.least(44);

    const lists = [...report.querySelectorAll('ul')];
    expect(lists.map((ul) => plain(panel.shadowRoot!.getElementById(ul.getAttribute('aria-labelledby')!)!.textContent))).to.deep.equal([
      '1 item left out', '1 item changed so that it could be saved',
    ]);
    const [leftOut, repaired] = lists.map((ul) => [...ul.querySelectorAll('li')].map((li) => plain(li.textContent)));
    expect(leftOut).to.deep.equal(['Vote “one”: The vote cannot be stored as it is: a single poll\'s "options" must list 2 to 100 options, not 1.']);
    expect(repaired).to.deep.equal(['Group “g1”: The group did not say who made it, so it is recorded as made by you.']);
    expect(report.querySelector('li span[lang="en"]')).to.not.equal(null);
    await expect(panel).to.be.accessible();
  });

  it('in Welsh, labels the lists in Welsh and says the reasons are in English', async () => {
    const { panel } = await importInto('cy');
    const report = q<HTMLDetailsElement>(panel, '[data-import-report]')!;
    report.open = true;
    expect(report.querySelector('summary')!.textContent!.trim()).to.equal('Beth gafodd ei adael allan neu ei newid, a pham');
    const text = plain(report.textContent);
    expect(text).to.contain('Mae’r rhesymau yn Saesneg.');
    expect(text).to.contain('1 eitem wedi’i gadael allan');
    expect(text).to.contain('Pleidlais “one”');
    expect(text).to.contain('Grŵp “g1”');
    await expect(panel).to.be.accessible();
  });
});
