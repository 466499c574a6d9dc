// A 404 from `/join` means an open server (`--auth none`) only when the answer carries the server's
// `auth: "none"` marker, as `/invite` already required. Any other 404 — a wrong `server` attribute,
// a proxy path that goes nowhere — is "we could not reach the workshop server" on the name form
// (English and Welsh) with the address tried on the console, never "this link no longer works",
// and the page does not go on to connect with the join token itself.
//
// The tiny server answering 404 without the marker is this test page's own server (the test
// runner's dev server), under a path where no sync server lives.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import { translate, type CoJoin, type CoWorkshop } from '../src/index.js';
import { JoinError, NoJoinRoute, tradeJoinToken } from '../src/join/links.js';
import { deepText, forgetTokens, testJoinToken, uniqueRoom, waitFor } from './helpers.js';

/** Runs `body` and returns what it wrote with console.error (still shown in the test output). */
async function consoleErrors(body: () => Promise<void>): Promise<string[]> {
  const said: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    said.push(args.map(String).join(' '));
  };
  try {
    await body();
  } finally {
    console.error = original;
  }
  return said;
}

function answer(status: number, body: unknown): typeof fetch {
  return (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;
}

describe('a 404 from /join', () => {
  beforeEach(forgetTokens);
  afterEach(forgetTokens);

  it('is an open server only with the auth: "none" marker; any other 404 is a server not reached', async () => {
    const room = uniqueRoom('join-404');
    const token = testJoinToken({ room });
    const open = await tradeJoinToken('wss://workshops.example.gov.uk', token, 'Siân', { fetch: answer(404, { error: 'This server does not check tokens', auth: 'none' }) }).catch((e: unknown) => e);
    expect(open).to.be.instanceOf(NoJoinRoute);
    const said = await consoleErrors(async () => {
      const lost = await tradeJoinToken('wss://workshops.example.gov.uk/wrong', token, 'Siân', { fetch: answer(404, { error: 'Not Found' }) }).catch((e: unknown) => e);
      expect(lost).to.be.instanceOf(JoinError);
      expect((lost as JoinError).code).to.equal('network');
    });
    expect(said.some((line) => line.includes('https://workshops.example.gov.uk/wrong/join')), said.join('\n')).to.equal(true);
  });

  for (const lang of ['en', 'cy'] as const) {
    it(`${lang}: a wrong server address says the server could not be reached, names the URL on the console, and keeps the name`, async () => {
      const room = uniqueRoom('join-nowhere');
      const server = `ws://${location.host}/no-sync-server-here`;
      let el: CoWorkshop | undefined;
      const said = await consoleErrors(async () => {
        el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} server=${server} room=${room} token=${testJoinToken({ room })}><co-join></co-join></co-workshop>`);
        const join = el.querySelector('co-join') as CoJoin;
        await waitFor(() => !!join.shadowRoot!.querySelector('#join-name'), 'the name form');
        const input = join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!;
        input.focus();
        await sendKeys({ type: 'Gethin' });
        await sendKeys({ press: 'Enter' });
        await waitFor(() => el!.runtime!.joinError !== null && !el!.runtime!.joining, 'the answer from /join');
        await waitFor(() => !!join.shadowRoot!.querySelector('.problem'), 'the problem on the form');
      });
      const workshop = el!;
      const join = workshop.querySelector('co-join') as CoJoin;
      const problem = join.shadowRoot!.querySelector('.problem')!.textContent!.replace(/\s+/g, ' ').trim();
      expect(problem).to.contain(translate(lang, 'joinErrorUnreachable'));
      expect(translate(lang, 'joinErrorUnreachable')).to.match(lang === 'en' ? /^We could not reach the workshop server\./ : /^Doedden ni ddim yn gallu cyrraedd gweinydd y gweithdy\./);
      const text = deepText(join.shadowRoot!);
      expect(text).not.to.contain(translate(lang, 'statusRefused'));
      expect(text).not.to.contain(translate(lang, 'joinErrorLinkInvalid'));
      expect(workshop.runtime!.joinError!.code).to.equal('network');
      // Still asking for a name: the page did not connect with the join token as if the server were open.
      expect(workshop.runtime!.needsName).to.equal(true);
      expect(workshop.status).to.equal('needs-name');
      expect(join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!.value).to.equal('Gethin');
      expect(said.some((line) => line.includes(`http://${location.host}/no-sync-server-here/join`)), said.join('\n')).to.equal(true);
      await expect(workshop).to.be.accessible();
      workshop.remove();
    });
  }
});
