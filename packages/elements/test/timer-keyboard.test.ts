import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { createWorkshop, pauseTimer, startTimer } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoTimer, type CoWorkshop } from '../src/index.js';
import { deepActive, named, recordAnnouncements, shadowQuery, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

async function facilitatorTimer() {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Keyboard' });
  const runtime = new WorkshopRuntime({ room: 'local', doc, user: { id: 'fac', name: 'Priya', role: 'facilitator' } });
  const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-timer></co-timer></co-workshop>`);
  const timer = el.querySelector('co-timer') as CoTimer;
  await timer.updateComplete;
  return { runtime, timer };
}

/** Presses Enter on whatever has the keyboard, then waits for the timer to show `status`. */
async function pressEnter(timer: CoTimer, status: CoTimer['status']): Promise<void> {
  await sendKeys({ press: 'Enter' });
  await waitFor(() => timer.status === status, `the timer to be ${status}`);
  await timer.updateComplete;
}

describe('<co-timer> with the keyboard', () => {
  afterEach(() => localStorage.removeItem('coproduce:timer-sound'));

  it('keeps the keyboard on the control that replaces the one pressed, never on the page', async () => {
    const { timer } = await facilitatorTimer();
    const minutes = shadowQuery(timer, '#timer-minutes') as HTMLInputElement;
    minutes.focus();
    minutes.select();
    await sendKeys({ type: '4' });
    // Start (Enter in the minutes field submits) → Pause.
    await pressEnter(timer, 'running');
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="pause"]')));
    // Pause → Resume.
    await pressEnter(timer, 'paused');
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="resume"]')));
    // Resume → Pause.
    await pressEnter(timer, 'running');
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="pause"]')));
    // End now → Add 1 minute.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="end"]')));
    await pressEnter(timer, 'ended');
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="add"]')));
    // Clear → the minutes, ready to start again.
    await sendKeys({ press: 'Tab' });
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="reset"]')));
    await pressEnter(timer, 'idle');
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '#timer-minutes')));
    // Pausing from the keyboard and clearing a paused timer also land on the minutes.
    await pressEnter(timer, 'running');
    await pressEnter(timer, 'paused');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="reset"]')));
    await pressEnter(timer, 'idle');
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '#timer-minutes')));
    expect(named(document.activeElement)).not.to.equal('body');
  });

  it('announces a refused duration, as well as showing it by the field', async () => {
    const { runtime, timer } = await facilitatorTimer();
    const said = recordAnnouncements(runtime);
    const minutes = shadowQuery(timer, '#timer-minutes') as HTMLInputElement;
    minutes.focus();
    minutes.select();
    await sendKeys({ type: '0' });
    await sendKeys({ press: 'Enter' });
    await timer.updateComplete;
    expect(timer.status).to.equal('idle');
    expect(said).to.deep.equal(['Enter a whole number of minutes from 1 to 1,440']);
    expect(minutes.getAttribute('aria-invalid')).to.equal('true');
    expect(named(deepActive())).to.equal(named(minutes));
  });
});

describe('<co-timer> opening on a room where the timer is already running', () => {
  const runtimes: WorkshopRuntime[] = [];
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('shows the countdown without announcing it as news, and still announces later changes', async () => {
    const room = uniqueRoom('timer-load');
    const fac = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' }), offline: false });
    runtimes.push(fac);
    await waitFor(() => fac.status === 'synced' && fac.ready, 'the facilitator to sync');
    startTimer(fac.session, 10 * 60_000);
    await waitFor(() => !fac.hasUnsyncedChanges, 'the timer to reach the server');

    // A participant opens the page now: the first sync brings the running timer.
    const sam = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub: 'sam', name: 'Sam', role: 'participant' }), offline: false });
    runtimes.push(sam);
    const said = recordAnnouncements(sam);
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${sam}><co-timer></co-timer></co-workshop>`);
    const timer = el.querySelector('co-timer') as CoTimer;
    await waitFor(() => timer.status === 'running', 'the participant to see the running timer');
    await waitFor(() => sam.status === 'synced', 'the participant to sync');
    sam.announcer.flush();
    expect(said).to.deep.equal([]);

    // What happens afterwards is news.
    pauseTimer(fac.session);
    await waitFor(() => said.some((s) => s.startsWith('The timer is paused')), 'the pause to be announced');
  });
});
