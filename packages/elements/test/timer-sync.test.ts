import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import { WorkshopRuntime, type CoTimer, type CoWorkshop } from '../src/index.js';
import { syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const MINUTE = 60_000;

/** A page's workshop whose device clock is `skewMs` wrong (a phone set to the wrong time). */
async function page(room: string, who: { sub: string; name: string; role: 'facilitator' | 'participant' }, skewMs: number, measureClock = true) {
  const runtime = new WorkshopRuntime({
    server: syncUrl(),
    room,
    token: testToken(who),
    offline: false,
    measureClock,
    now: () => Date.now() + skewMs,
  });
  const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-timer></co-timer></co-workshop>`);
  return { runtime, el, timer: el.querySelector('co-timer') as CoTimer };
}

function shown(timer: CoTimer): string {
  return timer.shadowRoot!.querySelector('[data-digits]')!.textContent!.trim();
}
function toSeconds(text: string): number {
  const [m, s] = text.split(':').map(Number) as [number, number];
  return m * 60 + s;
}

describe('<co-timer> through the real sync server', () => {
  const runtimes: WorkshopRuntime[] = [];
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('agrees to within a second on every device, even when their clocks are minutes wrong', async () => {
    const room = uniqueRoom('timer');
    const fac = await page(room, { sub: 'priya', name: 'Priya', role: 'facilitator' }, 0);
    const fast = await page(room, { sub: 'sam', name: 'Sam', role: 'participant' }, 7 * MINUTE);
    const slow = await page(room, { sub: 'ana', name: 'Ana', role: 'participant' }, -4 * MINUTE - 321);
    runtimes.push(fac.runtime, fast.runtime, slow.runtime);
    await waitFor(() => [fac, fast, slow].every((p) => p.runtime.status === 'synced' && p.runtime.clockMeasured), 'all three to sync and measure the server clock');
    // Each measured offset undoes its device's skew (the server runs on this machine's clock).
    expect(Math.abs(fast.runtime.session.serverTimeOffsetMs + 7 * MINUTE)).to.be.below(1000);
    expect(Math.abs(slow.runtime.session.serverTimeOffsetMs - (4 * MINUTE + 321))).to.be.below(1000);

    fac.timer.shadowRoot!.querySelector<HTMLInputElement>('#timer-minutes')!.value = '10';
    fac.timer.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="start"]')!.click();
    await waitFor(() => fast.timer.status === 'running' && slow.timer.status === 'running', 'both participants to see the timer running');

    // Same instant, three devices: the time left agrees within a second.
    const left = [fac, fast, slow].map((p) => p.timer.remainingMs);
    expect(Math.max(...left) - Math.min(...left)).to.be.below(1000);
    expect(left[0]).to.be.within(9 * MINUTE, 10 * MINUTE);
    // And so does what each screen shows.
    await Promise.all([fac, fast, slow].map((p) => (p.timer.requestUpdate(), p.timer.updateComplete)));
    const seconds = [fac, fast, slow].map((p) => toSeconds(shown(p.timer)));
    expect(Math.max(...seconds) - Math.min(...seconds)).to.be.at.most(1);

    // Pausing and resuming keep them together.
    fac.timer.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="pause"]')!.click();
    await waitFor(() => fast.timer.status === 'paused' && slow.timer.status === 'paused', 'paused everywhere');
    expect(Math.abs(fast.timer.remainingMs - fac.timer.remainingMs)).to.equal(0);
    fac.timer.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="resume"]')!.click();
    await waitFor(() => fast.timer.status === 'running' && slow.timer.status === 'running', 'running everywhere');
    const again = [fac, fast, slow].map((p) => p.timer.remainingMs);
    expect(Math.max(...again) - Math.min(...again)).to.be.below(1000);
  });

  it('would be minutes out without the server clock (the skew is real)', async () => {
    const room = uniqueRoom('timer-raw');
    const fac = await page(room, { sub: 'priya', name: 'Priya', role: 'facilitator' }, 0);
    const fast = await page(room, { sub: 'sam', name: 'Sam', role: 'participant' }, 7 * MINUTE, false);
    runtimes.push(fac.runtime, fast.runtime);
    await waitFor(() => fac.runtime.clockMeasured && fast.runtime.status === 'synced', 'sync');
    expect(fast.runtime.clockMeasured).to.equal(false);
    fac.timer.shadowRoot!.querySelector<HTMLInputElement>('#timer-minutes')!.value = '10';
    fac.timer.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="start"]')!.click();
    await waitFor(() => fast.timer.timer.status === 'running', 'the participant to receive the timer');
    expect(fac.timer.remainingMs - fast.timer.remainingMs).to.be.above(6 * MINUTE);
  });

  it('measures the clock again after reconnecting', async () => {
    const room = uniqueRoom('timer-reconnect');
    const calls: string[] = [];
    const realFetch = window.fetch;
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(String(input));
      return realFetch(input, init);
    }) as typeof fetch;
    try {
      const sam = await page(room, { sub: 'sam', name: 'Sam', role: 'participant' }, 3 * MINUTE);
      runtimes.push(sam.runtime);
      await waitFor(() => sam.runtime.clockMeasured, 'the first measurement');
      const first = calls.filter((c) => c.endsWith('/time')).length;
      expect(first).to.be.at.least(1);
      sam.runtime.connection!.disconnect();
      await waitFor(() => !sam.runtime.clockMeasured, 'the measurement to be forgotten while offline');
      sam.runtime.connection!.reconnect();
      await waitFor(() => sam.runtime.clockMeasured, 'a new measurement');
      expect(calls.filter((c) => c.endsWith('/time')).length).to.be.above(first);
      expect(Math.abs(sam.runtime.session.serverTimeOffsetMs + 3 * MINUTE)).to.be.below(1000);
    } finally {
      window.fetch = realFetch;
    }
  });
});
