// <co-join>'s name form from the keyboard and a screen reader's side, and a page the server turns
// away: the form is never shown as a success while the workshop refuses the page.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { createWorkshop } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoIdeaBoard, type CoJoin, type CoWorkshop } from '../src/index.js';
import { deepActive, deepText, forgetTokens, recordAnnouncements, syncUrl, testJoinToken, testToken, uniqueRoom, waitFor } from './helpers.js';

const NAME_KEY = 'coproduce:user-name';
const runtimes: WorkshopRuntime[] = [];

function forget(): void {
  localStorage.removeItem(NAME_KEY);
  forgetTokens();
}

function q<T extends HTMLElement = HTMLElement>(el: HTMLElement, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector);
}

async function inWorkshop(runtime: WorkshopRuntime) {
  runtimes.push(runtime);
  const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-join></co-join></co-workshop>`);
  return { el, join: el.querySelector('co-join') as CoJoin };
}

describe('<co-join> name form', () => {
  beforeEach(forget);
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
    forget();
  });

  it('closes "Change your name" with Escape, keeping the name, and puts focus back on Change name', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Escape' });
    const runtime = new WorkshopRuntime({ room: 'local', doc, user: { id: 'sam', name: 'Sam', role: 'participant' } });
    const { join } = await inWorkshop(runtime);
    await waitFor(() => deepText(join.shadowRoot!).includes('You are taking part as Sam.'), 'the current name');
    q(join, '[data-action="change-name"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.id === 'join-name', 'focus in the name field');
    expect(deepText(join.shadowRoot!)).to.contain('Change your name');
    await sendKeys({ type: ' Jones' });
    await sendKeys({ press: 'Escape' });
    await waitFor(() => q(join, '#join-name') === null, 'the form to close');
    await waitFor(() => deepActive()?.getAttribute('data-action') === 'change-name', 'focus back on Change name');
    expect(deepText(join.shadowRoot!)).to.contain('You are taking part as Sam.');
    // Opened again, it starts from the name as it is.
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.id === 'join-name', 'the form again');
    expect(q<HTMLInputElement>(join, '#join-name')!.value).to.equal('Sam');
  });

  it('announces why a name was not accepted, in the workshop’s live region', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Empty' });
    const runtime = new WorkshopRuntime({ room: 'local', doc, user: { id: 'guest-1', name: 'Guest', role: 'participant' }, askName: true });
    const said = recordAnnouncements(runtime);
    const { el, join } = await inWorkshop(runtime);
    await waitFor(() => !!q(join, '#join-name'), 'the name form');
    q(join, '#join-name')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => said.includes('Enter your name'), 'the announcement');
    await waitFor(() => el.shadowRoot!.querySelector('[data-announcer]')!.textContent === 'Enter your name', 'the live region');
    expect(q(join, '#join-name')!.getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()?.id).to.equal('join-name');
  });

  it('announces it on a page with a join link too, through an element’s own live region', async () => {
    const room = uniqueRoom('join-form-link');
    const token = testJoinToken({ room });
    const join = await fixture<CoJoin>(html`<co-join server=${syncUrl()} room=${room} token=${token}></co-join>`);
    await waitFor(() => !!q(join, '#join-name'), 'the name form');
    q(join, '#join-name')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => q(join, '[data-announcer]')!.textContent === 'Enter your name', '<co-join>’s live region');

    // A board on its own asks for the name itself: its live region says it.
    join.remove();
    forget();
    const board = await fixture<CoIdeaBoard>(html`<co-idea-board board="main" server=${syncUrl()} room=${room} token=${token}></co-idea-board>`);
    await waitFor(() => !!board.shadowRoot!.querySelector('co-join-gate')?.shadowRoot?.querySelector('#join-name'), 'the board’s name form');
    const gate = board.shadowRoot!.querySelector('co-join-gate')!;
    const input = gate.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!;
    input.focus();
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => board.shadowRoot!.querySelector('[data-announcer]')!.textContent === 'Enter your name', 'the board’s live region');
    board.remove();
  });
});

describe('<co-join> on a page the server turns away', () => {
  beforeEach(forget);
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
    forget();
  });

  it('never says the person is taking part: it says the page cannot join, and why', async () => {
    const room = uniqueRoom('join-refused');
    // No link at all on a server that needs one.
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}><co-join></co-join></co-workshop>`);
    const join = el.querySelector('co-join')!;
    await waitFor(() => el.status === 'refused', 'the refusal', 15_000);
    await join.updateComplete;
    const text = deepText(join.shadowRoot!);
    expect(q(join, '#join-name') === null, 'no name form').to.equal(true);
    expect(text).not.to.contain('taking part');
    expect(q(join, '[data-refused]')!.textContent).to.match(/^This page cannot join the workshop\. \S/);
    await expect(el).to.be.accessible();
    el.remove();

    // An expired link: the words say what to do.
    const expired = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'bryn', name: 'Bryn', role: 'participant', expired: '1' })}><co-join></co-join></co-workshop>`);
    const join2 = expired.querySelector('co-join')!;
    await waitFor(() => expired.status === 'refused', 'the second refusal', 15_000);
    await join2.updateComplete;
    expect(q(join2, '[data-refused]')!.textContent).to.match(/^This page cannot join the workshop\. \S/);
    expect(q(join2, '[data-refused]')!.textContent).to.contain('Ask whoever gave you this link');
    expect(deepText(join2.shadowRoot!)).not.to.contain('taking part');
    expired.remove();

    // In Welsh too.
    const cy = await fixture<HTMLDivElement>(html`<div lang="cy"><co-workshop server=${syncUrl()} room=${room}><co-join></co-join></co-workshop></div>`);
    const join3 = cy.querySelector('co-join')!;
    await waitFor(() => cy.querySelector('co-workshop')!.status === 'refused', 'the Welsh refusal', 15_000);
    await join3.updateComplete;
    expect(q(join3, '[data-refused]')!.textContent).to.match(/^Dydy’r dudalen hon ddim yn gallu ymuno â’r gweithdy\. \S/);
    cy.remove();
  });

  it('takes someone changing their name to the refusal when the server turns the page away meanwhile', async () => {
    const room = uniqueRoom('join-refused-later');
    const runtime = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'sam', name: 'Sam', role: 'participant' }), offline: false, crossTab: false });
    const said = recordAnnouncements(runtime);
    const { join } = await inWorkshop(runtime);
    await waitFor(() => runtime.status === 'synced', 'sync', 15_000);
    await waitFor(() => deepText(join.shadowRoot!).includes('You are taking part as Sam.'), 'the name');
    q(join, '[data-action="change-name"]')!.click();
    await waitFor(() => deepActive()?.id === 'join-name', 'focus in the name field');
    // The connection drops and comes back with a link that has run out meanwhile.
    const connection = runtime.connection!;
    connection.setToken(testToken({ sub: 'sam', name: 'Sam', role: 'participant', expired: '1' }));
    connection.provider.ws?.close();
    await waitFor(() => runtime.status === 'refused', 'the refusal', 15_000);
    await waitFor(() => deepActive()?.hasAttribute('data-refused') === true, 'focus on the refusal');
    expect(q(join, '#join-name') === null, 'no name form').to.equal(true);
    expect(deepText(join.shadowRoot!)).not.to.contain('taking part');
    expect(said.join(' ')).not.to.contain('You are taking part');
  });
});
