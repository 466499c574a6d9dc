// "Change name" cannot turn a participant into "Facilitator" (a review): core's people op refuses
// a role word (the rule `POST /join` and the server's stored `people` check share), and the form
// says why in the join form's words, in English and Welsh, next to the field, keeping what was
// typed and the old name. Real sync server, real Chromium, real keyboard.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { parsePerson, roots } from '@coproduce/core';
import '../src/index.js';
import type { CoJoin, CoWorkshop } from '../src/index.js';
import { deepActive, deepText, forgetTokens, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const NAME_KEY = 'coproduce:user-name';

function forget(): void {
  localStorage.removeItem(NAME_KEY);
  forgetTokens();
}

function q<T extends HTMLElement = HTMLElement>(el: HTMLElement, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector);
}

function errorOf(join: CoJoin): string | null {
  return q(join, '#join-error')?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
}

async function connected(lang: 'en' | 'cy') {
  const room = uniqueRoom('change-name-role');
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>
    <co-workshop server=${syncUrl()} room=${room} token=${testToken({ room, sub: 'sam', name: 'Sam', role: 'participant' })}><co-join></co-join></co-workshop>
  </div>`);
  const workshop = wrapper.querySelector('co-workshop') as CoWorkshop;
  const join = wrapper.querySelector('co-join') as CoJoin;
  await waitFor(() => workshop.runtime?.status === 'synced', 'sync', 15_000);
  await waitFor(() => q(join, '[data-action="change-name"]') !== null, 'the Change name button', 15_000);
  return { wrapper, workshop, join };
}

async function rename(join: CoJoin, name: string): Promise<HTMLInputElement> {
  if (q(join, '#join-name') === null) {
    q(join, '[data-action="change-name"]')!.focus();
    await sendKeys({ press: 'Enter' });
  }
  await waitFor(() => deepActive()?.id === 'join-name', 'focus in the name field');
  const input = q<HTMLInputElement>(join, '#join-name')!;
  input.select();
  await sendKeys({ type: name });
  await sendKeys({ press: 'Enter' });
  return input;
}

const storedName = (workshop: CoWorkshop) => parsePerson(roots(workshop.runtime!.doc).people.get('sam'))?.name;

describe('<co-join> "Change name" and role words', () => {
  beforeEach(forget);
  afterEach(forget);

  it('refuses "Facilitator", says why next to the field, keeps the old name, then saves a real one', async () => {
    const { wrapper, workshop, join } = await connected('en');
    await waitFor(() => storedName(workshop) === 'Sam', 'Sam in the workshop');
    const input = await rename(join, 'Facilitator');
    await waitFor(() => errorOf(join) !== null, 'the error next to the field');
    expect(errorOf(join)).to.equal('Error: Your name can’t be a role, such as Facilitator. Please use your own name');
    expect(input.value).to.equal('Facilitator');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('join-error');
    expect(deepActive()?.id).to.equal('join-name');
    expect(storedName(workshop)).to.equal('Sam');
    await expect(join).to.be.accessible();

    // Dressed up in width and invisible characters: the same.
    await rename(join, 'Ｆａｃｉｌｉ\u200Btator');
    await waitFor(() => errorOf(join) !== null, 'the error again');
    expect(errorOf(join)).to.contain('can’t be a role');
    expect(storedName(workshop)).to.equal('Sam');

    await rename(join, 'Sam, facilitator’s helper');
    await waitFor(() => q(join, '#join-name') === null, 'the form to close');
    expect(deepText(join.shadowRoot!)).to.contain('You are taking part as Sam, facilitator’s helper.');
    expect(storedName(workshop)).to.equal('Sam, facilitator’s helper');
    wrapper.remove();
  });

  it('says so in Welsh', async () => {
    const { wrapper, workshop, join } = await connected('cy');
    await waitFor(() => storedName(workshop) === 'Sam', 'Sam in the workshop');
    await rename(join, 'Hwylusydd');
    await waitFor(() => errorOf(join) !== null, 'the error next to the field');
    expect(errorOf(join)).to.contain('Ni all eich enw fod yn rôl, fel Hwylusydd.');
    expect(storedName(workshop)).to.equal('Sam');
    wrapper.remove();
  });
});
