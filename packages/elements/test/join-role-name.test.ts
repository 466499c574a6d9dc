// Nobody can pose as the facilitator (a security review): the server refuses a role word as a
// name at POST /join ("Facilitator", "Hwylusydd"…), and the name form says why in its own words,
// in English and Welsh, next to the field, keeping what was typed. Real server, real Chromium,
// real keyboard.
import { expect } from '@open-wc/testing';
import '../src/index.js';
import type { CoJoin, CoWorkshop } from '../src/index.js';
import { forgetTokens, linkWorkshop, typeName, uniqueRoom, waitFor } from './helpers.js';

function errorOf(workshop: CoWorkshop): string | null {
  const join = workshop.querySelector('co-join') as CoJoin;
  return join.shadowRoot!.querySelector('#join-error')?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
}

describe('<co-join> and a name that is a role', () => {
  beforeEach(forgetTokens);
  afterEach(forgetTokens);

  it('says a name cannot be a role, keeps what was typed, and then joins with a real name', async () => {
    const room = uniqueRoom('role-name');
    const workshop = await linkWorkshop(room);
    await typeName(workshop, 'Facilitator');
    await waitFor(() => errorOf(workshop) !== null, 'the error next to the field');
    expect(errorOf(workshop)).to.equal('Error: Your name can’t be a role, such as Facilitator. Please use your own name');
    const join = workshop.querySelector('co-join') as CoJoin;
    const input = join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!;
    expect(input.value).to.equal('Facilitator');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(workshop.runtime!.needsName).to.equal(true);
    await expect(join).to.be.accessible();

    input.value = '';
    await typeName(workshop, 'Priya');
    await waitFor(() => workshop.runtime!.status === 'synced', 'Priya to join');
    expect(workshop.runtime!.session.user.name).to.equal('Priya');
    workshop.remove();
  });

  it('says so in Welsh', async () => {
    const room = uniqueRoom('role-name-cy');
    const workshop = await linkWorkshop(room);
    workshop.setAttribute('lang', 'cy');
    await typeName(workshop, 'Hwylusydd');
    await waitFor(() => errorOf(workshop) !== null, 'the error next to the field');
    expect(errorOf(workshop)).to.contain('Ni all eich enw fod yn rôl, fel Hwylusydd.');
    workshop.remove();
  });
});
