// The join form's problems are whole sentences, full stop included, in English and Welsh.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import { translate, type CoJoin, type CoWorkshop } from '../src/index.js';
import { forgetTokens, testJoinToken, uniqueRoom, waitFor } from './helpers.js';

describe('join problems', () => {
  beforeEach(forgetTokens);
  afterEach(forgetTokens);

  for (const [lang, ending] of [['en', 'Your name is still here.'], ['cy', 'Mae eich enw yma o hyd.']] as const) {
    it(`${lang}: with no server to reach, the form says so in full sentences and keeps the name`, async () => {
      const room = uniqueRoom('join-stop');
      // Nothing listens on port 9: joining fails as it does with no connection.
      const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} server="ws://127.0.0.1:9" room=${room} token=${testJoinToken({ room })}><co-join></co-join></co-workshop>`);
      const join = el.querySelector('co-join') as CoJoin;
      await waitFor(() => !!join.shadowRoot!.querySelector('#join-name'), 'the name form');
      const input = join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!;
      input.focus();
      await sendKeys({ type: 'Gethin' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => !!join.shadowRoot!.querySelector('.problem'), 'the network problem');
      const said = join.shadowRoot!.querySelector('.problem')!.textContent!.replace(/\s+/g, ' ').trim();
      expect(said.endsWith(ending), said).to.equal(true);
      expect(said).to.contain(translate(lang, 'joinErrorUnreachable'));
      expect(input.value).to.equal('Gethin');
      el.remove();
    });

    it(`${lang}: a server problem ends with a full stop too`, () => {
      expect(translate(lang, 'joinErrorServer').endsWith(ending)).to.equal(true);
    });
  }
});
