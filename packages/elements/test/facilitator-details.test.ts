// The workshop's name and description, set by a facilitator in the panel's "Workshop details"
// section: by keyboard, live to everyone (through the real sync server), never over what another
// facilitator is typing, refused with a clear message when it cannot be stored, and used for the
// names of downloaded files.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { CoproduceError, createWorkshop, readWorkshop, updateWorkshop } from '@coproduce/core';
import '../src/index.js';
import type { CoFacilitatorPanel, CoWorkshop, WorkshopDetailsChangeDetail } from '../src/index.js';
import {
  chord, deepActive, deepText, joinAs, kioskSwap, linkWorkshop, localRuntime, named, panelOf, recordAnnouncements, remoteFacilitator,
  settleAll, shadowQuery, syncUrl, tabUntil, testToken, uniqueRoom, waitFor,
} from './helpers.js';

type Person = { sub: string; name: string; role: 'facilitator' | 'participant' | 'observer' };

/** A page of `room` on its own connection to the sync server, signed in as `who`, with the panel. */
function livePage(room: string, who: Person): Promise<CoWorkshop> {
  return fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${testToken({ ...who, room })}>
    <co-facilitator-panel></co-facilitator-panel>
  </co-workshop>`);
}

/** A facilitator's panel on a local workshop called "High street" (no server). */
async function localPanel(wrapperLang?: string) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'High street', description: 'Ideas for the high street.' });
  const runtime = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${wrapperLang ?? 'en'}>
    <co-workshop .runtime=${runtime}><co-facilitator-panel></co-facilitator-panel></co-workshop>
  </div>`);
  const el = wrapper.querySelector('co-workshop') as CoWorkshop;
  const panel = panelOf(el);
  await waitFor(() => !!panel.shadowRoot!.querySelector('#details-title'), 'the workshop details');
  return { doc, runtime, el, panel };
}

const titleBox = (panel: CoFacilitatorPanel) => shadowQuery<HTMLInputElement>(panel, '#details-title');
const descriptionBox = (panel: CoFacilitatorPanel) => shadowQuery<HTMLTextAreaElement>(panel, '#details-description');
const errorText = (panel: CoFacilitatorPanel, field: 'title' | 'description') =>
  panel.shadowRoot!.querySelector(`#details-${field}-error`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Puts `text` in a box at once, as pasting does (typing 100,000 characters key by key would take minutes). */
function paste(box: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  box.focus();
  box.value = text;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
}

/** Replaces what the focused box holds by typing. */
async function retype(text: string): Promise<void> {
  await chord('Control', 'a');
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
}

const TODAY = /\d{4}-\d{2}-\d{2}/.source;

describe('<co-facilitator-panel> workshop details', () => {
  it('a facilitator names the workshop by keyboard; a participant on another page gets the name but not the controls', async () => {
    const room = uniqueRoom('details');
    const priya = await livePage(room, { sub: 'priya', name: 'Priya', role: 'facilitator' });
    const panel = panelOf(priya);
    // The page made the room, so until now the workshop is called by the room's id.
    await waitFor(() => panel.shadowRoot!.querySelector<HTMLInputElement>('#details-title')?.value === room, 'the workshop made by the page');
    const sam = await livePage(room, { sub: 'sam', name: 'Sam', role: 'participant' });
    const samPanel = panelOf(sam);
    await waitFor(() => !!samPanel.shadowRoot!.querySelector('[data-role-notice]'), 'the participant’s panel');

    const said = recordAnnouncements(priya);
    const events: WorkshopDetailsChangeDetail[] = [];
    priya.addEventListener('co-workshop-details-change', (e) => events.push(e.detail));
    const samEvents: unknown[] = [];
    sam.addEventListener('co-workshop-details-change', (e) => samEvents.push(e.detail));

    // Keyboard only: Tab to the name, type, Tab to the description, type, Tab to Save, Enter.
    await tabUntil((a) => a?.id === 'details-title', 'the workshop name', 60);
    expect(shadowQuery(panel, '#details-title-hint').textContent).to.contain('Up to 120 characters.');
    await retype('Market Square: what next?');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.id).to.equal('details-description');
    await sendKeys({ type: 'What the square could be, from the people who use it.' });
    await sendKeys({ press: 'Tab' });
    expect(named(deepActive())).to.equal(named(shadowQuery(panel, '[data-action="save-details"]')));
    await sendKeys({ press: 'Enter' });

    await waitFor(() => readWorkshop(priya.runtime!.doc).meta.title === 'Market Square: what next?', 'the new name');
    expect(readWorkshop(priya.runtime!.doc).meta.description).to.equal('What the square could be, from the people who use it.');
    expect(said).to.include('Workshop details saved: Market Square: what next?');
    expect(events).to.deep.equal([{ title: 'Market Square: what next?', description: 'What the square could be, from the people who use it.' }]);
    await panel.updateComplete;
    // The keyboard stays where it was, and nothing is left to cancel.
    expect(named(deepActive())).to.equal(named(shadowQuery(panel, '[data-action="save-details"]')));
    expect(panel.shadowRoot!.querySelector('[data-action="cancel-details"]')).to.equal(null);

    // Saving again without a change says so, and tells the page nothing changed.
    await sendKeys({ press: 'Enter' });
    await waitFor(() => said.includes('The workshop details are already saved'), 'the unchanged notice');
    expect(events).to.have.length(1);

    // The participant's page has the name (what a page shows as the workshop's name), through the server…
    await waitFor(() => readWorkshop(sam.runtime!.doc).meta.title === 'Market Square: what next?', 'the name on the participant’s page');
    // …but no way to change it: the section is not there, and the workshop refuses a participant's change.
    expect(samPanel.shadowRoot!.querySelector('[data-section="details"]')).to.equal(null);
    expect(samPanel.shadowRoot!.querySelector('#details-title, #details-description')).to.equal(null);
    expect(deepText(samPanel.shadowRoot!)).to.contain('These controls are for facilitators.');
    let refused: unknown = null;
    try {
      updateWorkshop(sam.runtime!.session, { title: 'Sam’s workshop' });
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(CoproduceError);
    expect((refused as CoproduceError).code).to.equal('not-allowed');
    expect(samEvents).to.deep.equal([]);
    await expect(sam).to.be.accessible();
  });

  it('fills in another facilitator’s changes only where this facilitator is not typing', async () => {
    const room = uniqueRoom('details-two');
    const priya = await livePage(room, { sub: 'priya', name: 'Priya', role: 'facilitator' });
    await waitFor(() => panelOf(priya).shadowRoot!.querySelector<HTMLInputElement>('#details-title')?.value === room, 'Priya’s details');
    // Ceri opens the room once Priya's page has made it (two pages making one room at the same moment
    // write it twice, and a change made before the other's copy arrived can lose to it).
    await waitFor(() => priya.status === 'synced' && priya.runtime!.connection?.hasUnsyncedChanges === false, 'the room at the server');
    const ceri = await livePage(room, { sub: 'ceri', name: 'Ceri', role: 'facilitator' });
    const panel = panelOf(ceri);
    await waitFor(() => panel.shadowRoot!.querySelector<HTMLInputElement>('#details-title')?.value === room, 'Ceri’s details');
    const events: unknown[] = [];
    ceri.addEventListener('co-workshop-details-change', (e) => events.push(e.detail));
    priya.addEventListener('co-workshop-details-change', (e) => events.push(e.detail));

    // Ceri is not typing: Priya's change shows in both boxes.
    updateWorkshop(priya.runtime!.session, { title: 'Bus routes', description: 'Where the buses go.' });
    await waitFor(() => titleBox(panel).value === 'Bus routes' && descriptionBox(panel).value === 'Where the buses go.', 'Priya’s details on Ceri’s page');

    // Ceri starts typing a new name; Priya saves another name and description meanwhile.
    titleBox(panel).focus();
    await retype('Bus routes for 2027');
    updateWorkshop(priya.runtime!.session, { title: 'Buses and trains', description: 'Where the buses and trains go.' });
    await waitFor(() => descriptionBox(panel).value === 'Where the buses and trains go.', 'the description Ceri is not typing in');
    await panel.updateComplete;
    // Ceri's typing is kept, and the panel says what happened and what each button does.
    expect(titleBox(panel).value).to.equal('Bus routes for 2027');
    expect(deepActive()?.id).to.equal('details-title');
    const overtaken = shadowQuery(panel, '[data-details-overtaken]');
    expect(overtaken.textContent).to.contain('The saved name is now “Buses and trains”.');
    expect(titleBox(panel).getAttribute('aria-describedby')).to.contain(overtaken.id);

    // Escape (or Cancel) takes the saved details; the keyboard stays in the box.
    await sendKeys({ press: 'Escape' });
    await panel.updateComplete;
    expect(titleBox(panel).value).to.equal('Buses and trains');
    expect(deepActive()?.id).to.equal('details-title');
    expect(panel.shadowRoot!.querySelector('[data-details-overtaken]')).to.equal(null);

    // Typing again and saving puts Ceri's name in everywhere.
    await retype('Bus routes for 2027');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => readWorkshop(priya.runtime!.doc).meta.title === 'Bus routes for 2027', 'Ceri’s name on Priya’s page');
    await waitFor(() => titleBox(panelOf(priya)).value === 'Bus routes for 2027', 'Priya’s box');
    // Only Ceri's own save was an event; the changes made elsewhere were not.
    expect(events).to.deep.equal([{ title: 'Bus routes for 2027', description: 'Where the buses and trains go.' }]);
  });

  it('keeps markup as text, and refuses a name it cannot store with a clear message, losing nothing', async () => {
    const { doc, el, panel } = await localPanel();
    const said = recordAnnouncements(el);
    const saved = () => said.filter((s) => s.startsWith('Workshop details saved')).length;

    // Markup is a name like any other: stored as typed, shown as text, never run.
    titleBox(panel).focus();
    await retype('<script>alert(1)</script> & <b>bold</b>');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => readWorkshop(doc).meta.title === '<script>alert(1)</script> & <b>bold</b>', 'the name with markup');
    expect(saved()).to.equal(1);
    await panel.updateComplete;
    expect(titleBox(panel).value).to.equal('<script>alert(1)</script> & <b>bold</b>');
    expect(panel.shadowRoot!.querySelector('script, b')).to.equal(null);
    const report = panel.exportFile('markdown');
    expect(report.text.split('\n')[0]).to.equal('# \\<script\\>alert(1)\\</script\\> \\& \\<b\\>bold\\</b\\>');
    expect(report.filename).to.match(new RegExp(`^script-alert-1-script-b-bold-b-${TODAY}-summary\\.md$`));

    // 100,000 characters pasted in the name and 2,001 in the description: both refused, side by side
    // with their boxes, in words; everything typed is still there; the workshop keeps its details.
    paste(titleBox(panel), 'a'.repeat(100_000));
    paste(descriptionBox(panel), 'b'.repeat(2_001));
    shadowQuery(panel, '[data-action="save-details"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => errorText(panel, 'title') !== '', 'the error on the name');
    expect(errorText(panel, 'title')).to.equal('Error: The workshop name must be 120 characters or fewer. It has 100,000.');
    expect(errorText(panel, 'description')).to.equal('Error: The description must be 2,000 characters or fewer. It has 2,001.');
    expect(titleBox(panel).getAttribute('aria-invalid')).to.equal('true');
    expect(titleBox(panel).getAttribute('aria-describedby')!.split(' ')).to.include('details-title-error');
    expect(descriptionBox(panel).getAttribute('aria-describedby')!.split(' ')).to.include('details-description-error');
    expect(titleBox(panel).closest('.field')!.classList.contains('field-error')).to.equal(true);
    await waitFor(() => deepActive()?.id === 'details-title', 'the keyboard on the name');
    expect(titleBox(panel).value).to.have.length(100_000);
    expect(descriptionBox(panel).value).to.have.length(2_001);
    expect(readWorkshop(doc).meta.title).to.equal('<script>alert(1)</script> & <b>bold</b>');
    expect(readWorkshop(doc).meta.description).to.equal('Ideas for the high street.');
    expect(saved()).to.equal(1);
    await expect(el).to.be.accessible();

    // An empty name, and one with a hidden control character.
    await retype('');
    descriptionBox(panel).focus();
    await retype('Back to a short description.');
    shadowQuery(panel, '[data-action="save-details"]').click();
    await waitFor(() => errorText(panel, 'title') === 'Error: Enter a name for the workshop', 'the empty-name error');
    expect(errorText(panel, 'description')).to.equal('');
    paste(titleBox(panel), 'Bell\u0007 ringing');
    shadowQuery(panel, '[data-action="save-details"]').click();
    await waitFor(() => errorText(panel, 'title').includes('hidden or broken characters'), 'the control-character error');
    expect(readWorkshop(doc).meta.description).to.equal('Ideas for the high street.');

    // Put right: saved, the errors go.
    titleBox(panel).focus();
    await retype('High street, together');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => readWorkshop(doc).meta.title === 'High street, together', 'the corrected name');
    await panel.updateComplete;
    expect(readWorkshop(doc).meta.description).to.equal('Back to a short description.');
    expect(errorText(panel, 'title')).to.equal('');
    expect(titleBox(panel).getAttribute('aria-invalid')).to.equal('false');
    expect(said).to.include('Workshop details saved: High street, together');
  });

  it('names downloaded files after the workshop, safely', async () => {
    const { runtime, panel } = await localPanel();
    const fileFor = async (title: string): Promise<string> => {
      updateWorkshop(runtime.session, { title });
      await panel.updateComplete;
      return panel.exportFile('markdown').filename.replace(new RegExp(`-${TODAY}-summary\\.md$`), '');
    };
    // Welsh letters lose their accents (ŵ → w, ŷ → y), apostrophes go, words are joined by hyphens.
    expect(await fileFor('Gweithdy’r Ŵyl: Sŷr & “Bws” 🚌')).to.equal('gweithdyr-wyl-syr-bws');
    expect(await fileFor('Café–Dŵr, Tŷ Newydd')).to.equal('cafe-dwr-ty-newydd');
    // No path, no dots, no characters a file system refuses.
    expect(await fileFor('../../etc/passwd')).to.equal('etc-passwd');
    expect(await fileFor('C:\\Users\\Public\\report?.md*|"<>')).to.equal('c-users-public-report-md');
    // Other scripts keep their words; bidirectional controls never reach the name (core drops them).
    expect(await fileFor('ورشة عمل')).to.equal('ورشة-عمل');
    expect(await fileFor('Plan\u202Efdp.exe')).to.equal('planfdp-exe');
    // Only emoji: the room's name instead.
    expect(await fileFor('🚌 🚲 🚆')).to.equal('local');
    // A long name: at most 60 characters, cut between words.
    const long = await fileFor('A very long workshop name about the future of the high street and its buses and trains');
    expect(long).to.equal('a-very-long-workshop-name-about-the-future-of-the-high');
    expect([...long].length).to.be.at.most(60);

    const json = JSON.parse(panel.exportFile('json').text) as { workshop: { meta: { title: string } } };
    expect(json.workshop.meta.title).to.equal('A very long workshop name about the future of the high street and its buses and trains');
    expect(panel.exportFile('csv').filename).to.match(new RegExp(`^a-very-long-workshop-name-about-the-future-of-the-high-${TODAY}-ideas\\.csv$`));
  });

  it('does not show the next person at a shared device what the last facilitator typed and did not save', async () => {
    const room = uniqueRoom('details-kiosk');
    const ceri = await remoteFacilitator(room, 'Library open day');
    await ceri.ceri.whenConfirmed();
    const el = await linkWorkshop(room, { content: html`<co-facilitator-panel></co-facilitator-panel>`, role: 'facilitator' });
    const panel = panelOf(el);
    try {
      await joinAs(el, 'Anna');
      await waitFor(() => panel.shadowRoot!.querySelector<HTMLInputElement>('#details-title')?.value === 'Library open day', 'the details for Anna');
      titleBox(panel).focus();
      await retype('');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => errorText(panel, 'title') !== '', 'Anna’s error');
      await sendKeys({ type: 'Anna’s unsaved name' });
      const runtime = await kioskSwap(el, room, 'Bryn');
      expect(runtime.session.role).to.equal('facilitator');
      await waitFor(() => !!panel.shadowRoot!.querySelector('#details-title'), 'the details for Bryn');
      await settleAll(panel);
      expect(titleBox(panel).value).to.equal('Library open day');
      expect(errorText(panel, 'title')).to.equal('');
      expect(panel.shadowRoot!.querySelector('[data-action="cancel-details"]')).to.equal(null);
      expect(readWorkshop(runtime.doc).meta.title).to.equal('Library open day');
    } finally {
      el.remove();
      ceri.done();
    }
  });

  it('speaks Welsh, passes axe and fits a 320 px screen', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { el, panel } = await localPanel('cy');
      expect(shadowQuery(panel, '#details-heading').textContent).to.equal('Manylion y gweithdy');
      expect(shadowQuery(panel, 'label[for="details-title"]').textContent).to.equal('Enw’r gweithdy');
      expect(shadowQuery(panel, '[data-action="save-details"]').textContent!.trim()).to.equal('Cadw’r manylion');
      titleBox(panel).focus();
      await retype('');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => errorText(panel, 'title') !== '', 'the Welsh error');
      expect(errorText(panel, 'title')).to.equal('Gwall: Rhowch enw ar gyfer y gweithdy');
      paste(titleBox(panel), 'x'.repeat(121));
      await sendKeys({ press: 'Enter' });
      await waitFor(() => errorText(panel, 'title').includes('121'), 'the Welsh length error');
      expect(errorText(panel, 'title')).to.equal('Gwall: Rhaid i enw’r gweithdy fod yn 120 o nodau neu lai. Mae ganddo 121.');
      await expect(el).to.be.accessible();
      const section = shadowQuery(panel, '[data-section="details"]');
      expect(section.scrollWidth, 'the section fits').to.be.at.most(section.clientWidth);
      expect(document.documentElement.scrollWidth, 'page width').to.be.at.most(320);
      for (const target of [titleBox(panel), shadowQuery(panel, '[data-action="save-details"]'), shadowQuery(panel, '[data-action="cancel-details"]')]) {
        const box = target.getBoundingClientRect();
        expect(box.height, `${named(target)} height`).to.be.at.least(44);
        expect(box.right, `${named(target)} right edge`).to.be.at.most(320);
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
