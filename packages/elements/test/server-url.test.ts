// The sync server's address when a page is published under a path (`https://host/coproduce/`,
// behind a reverse proxy that forwards only that path): with no `server` attribute it is the folder
// of the page's address, and every HTTP call (`/join`, `/invite`, `/time`) is made under the
// server's path, never at the origin's root. The page's address is changed with
// history.replaceState (no navigation); the requests are the browser's own, recorded on their way.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import { resolveServerUrl, WorkshopRuntime, type CoWorkshop } from '../src/index.js';
import { fetchInvite, httpBase, storageKey, tradeJoinToken } from '../src/join/links.js';
import { testJoinToken, testToken, uniqueRoom, waitFor } from './helpers.js';

const host = location.host;

/** Runs `body` with the page's address at `path` (same origin), and puts the address back afterwards. */
async function at<T>(path: string, body: () => T | Promise<T>): Promise<T> {
  const before = location.href;
  history.replaceState(history.state, '', path);
  try {
    return await body();
  } finally {
    history.replaceState(history.state, '', before);
  }
}

/** Records the address of every fetch made while `body` runs (the requests still go out). */
async function recordFetches(body: () => Promise<void>): Promise<string[]> {
  const urls: string[] = [];
  const real = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return real.call(window, input, init);
  };
  try {
    await body();
  } finally {
    window.fetch = real;
  }
  return urls;
}

describe('resolveServerUrl: the default server is the folder of the page', () => {
  it('is the page’s folder, whatever the page’s file, query and fragment', async () => {
    const cases: [string, string][] = [
      ['/coproduce/workshop.html?room=hall&token=abc#ideas', `ws://${host}/coproduce`],
      ['/coproduce/', `ws://${host}/coproduce`],
      ['/coproduce/?room=hall', `ws://${host}/coproduce`],
      ['/council/have-your-say/market-square.html', `ws://${host}/council/have-your-say`],
      // No trailing slash: `coproduce` is a file in the root folder (as for the page's own `./assets/`).
      ['/coproduce', `ws://${host}`],
      ['/coproduce?room=hall', `ws://${host}`],
      ['/', `ws://${host}`],
      ['/index.html', `ws://${host}`],
    ];
    for (const [path, expected] of cases) {
      for (const server of [undefined, null, '', '   ']) {
        expect(await at(path, () => resolveServerUrl(server)), `${path} with server=${JSON.stringify(server)}`).to.equal(expected);
      }
    }
  });

  it('keeps the path of an explicit server, and resolves a relative one against the page', async () => {
    await at('/coproduce/workshop.html', () => {
      expect(resolveServerUrl('wss://www.council.gov.uk/coproduce')).to.equal('wss://www.council.gov.uk/coproduce');
      expect(resolveServerUrl('wss://www.council.gov.uk/coproduce/')).to.equal('wss://www.council.gov.uk/coproduce');
      expect(resolveServerUrl(' https://www.council.gov.uk/coproduce/?x=1#y ')).to.equal('wss://www.council.gov.uk/coproduce');
      expect(resolveServerUrl('http://127.0.0.1:1234')).to.equal('ws://127.0.0.1:1234');
      expect(resolveServerUrl('wss://workshops.example.gov.uk/')).to.equal('wss://workshops.example.gov.uk');
      // Relative: `/` is the origin's root (a page in a subfolder of the server's static folder).
      expect(resolveServerUrl('/')).to.equal(`ws://${host}`);
      expect(resolveServerUrl('sync/')).to.equal(`ws://${host}/coproduce/sync`);
      expect(resolveServerUrl('../')).to.equal(`ws://${host}`);
    });
  });
});

describe('HTTP calls under the server’s path', () => {
  it('builds the HTTP base and the kept token’s key from the whole server address', () => {
    expect(httpBase('wss://www.council.gov.uk/coproduce')).to.equal('https://www.council.gov.uk/coproduce');
    expect(httpBase('ws://127.0.0.1:1234/coproduce/')).to.equal('http://127.0.0.1:1234/coproduce');
    expect(httpBase('wss://workshops.example.gov.uk')).to.equal('https://workshops.example.gov.uk');
    // Two servers under two paths of one site keep their people's tokens apart; at the root the
    // key is the origin, as it always was.
    expect(storageKey('wss://www.council.gov.uk/coproduce', 'hall')).to.not.equal(storageKey('wss://www.council.gov.uk/other', 'hall'));
    expect(storageKey('wss://www.council.gov.uk/coproduce', 'hall')).to.equal('coproduce:personal-token:https://www.council.gov.uk/coproduce hall');
    expect(storageKey('wss://workshops.example.gov.uk', 'hall')).to.equal('coproduce:personal-token:https://workshops.example.gov.uk hall');
  });

  it('posts /join and /invite under the path of an explicit server', async () => {
    const asked: string[] = [];
    const record = (async (input: RequestInfo | URL) => {
      asked.push(String(input));
      return new Response(JSON.stringify({ error: 'Not here' }), { status: 404, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    await tradeJoinToken('wss://www.council.gov.uk/coproduce', testJoinToken({ room: 'hall' }), 'Siân', { fetch: record }).catch(() => undefined);
    await fetchInvite('wss://www.council.gov.uk/coproduce/', testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room: 'hall' }), 'hall', { fetch: record }).catch(() => undefined);
    expect(asked).to.deep.equal(['https://www.council.gov.uk/coproduce/join', 'https://www.council.gov.uk/coproduce/invite']);
  });

  it('a workshop with no server attribute joins and connects under the page’s folder', async () => {
    const room = uniqueRoom('under-path');
    const urls = await at('/coproduce/workshop.html', () =>
      recordFetches(async () => {
        const el = await fixture<CoWorkshop>(html`<co-workshop room=${room} token=${testJoinToken({ room })}></co-workshop>`);
        await waitFor(() => el.runtime !== undefined && el.runtime !== null, 'the runtime');
        const runtime = el.runtime as WorkshopRuntime;
        expect(runtime.needsName).to.equal(true);
        // The join is traded under the page's folder (this test page's server has no /join: it refuses).
        await runtime.join('Siân').catch(() => undefined);
        el.remove();
        const own = await fixture<CoWorkshop>(html`<co-workshop room=${room} token=${testToken({ sub: 'nia', name: 'Nia', role: 'participant', room })}></co-workshop>`);
        await waitFor(() => own.runtime?.connection !== null && own.runtime?.connection !== undefined, 'the connection');
        expect(own.runtime!.connection!.provider.url.startsWith(`ws://${host}/coproduce/${room}?`)).to.equal(true);
        own.remove();
      }),
    );
    expect(urls).to.include(`http://${host}/coproduce/join`);
    for (const url of urls) expect(new URL(url).pathname.startsWith('/coproduce/'), url).to.equal(true);
  });
});
