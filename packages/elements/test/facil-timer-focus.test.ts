// A facilitator's review of a live workshop: when another facilitator (on another device, through
// the real sync server) changes the timer, the control this facilitator's keyboard was on may
// disappear. The keyboard must stay in the timer — on the control that takes its place, or on the
// timer's heading — and nothing extra is said.
import { expect, fixture, html } from '@open-wc/testing';
import { endTimer, pauseTimer, resetTimer, resumeTimer, setRole, startTimer } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoTimer, type CoWorkshop } from '../src/index.js';
import { deepActive, named, recordAnnouncements, remoteFacilitator, shadowQuery, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const MINUTE = 60_000;

describe('<co-timer> when another facilitator changes it', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const done of cleanups.splice(0)) done();
  });

  /** Priya's page (a facilitator, through the sync server) and Ceri, a facilitator on another device. */
  async function twoFacilitators() {
    const room = uniqueRoom('facil-timer');
    const remote = await remoteFacilitator(room, 'Timer review');
    cleanups.push(remote.done);
    const runtime = new WorkshopRuntime({
      server: syncUrl(),
      room,
      token: testToken({ sub: 'priya', name: 'Priya', role: 'facilitator', room }),
      offline: false,
    });
    cleanups.push(() => runtime.destroy());
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-timer></co-timer></co-workshop>`);
    const timer = el.querySelector('co-timer') as CoTimer;
    await waitFor(() => runtime.ready && shadowQuery(timer, '#timer-minutes') !== null, 'Priya to sync');
    return { ...remote, runtime, timer };
  }

  async function until(timer: CoTimer, status: CoTimer['status']): Promise<void> {
    await waitFor(() => timer.status === status, `Priya's timer to be ${status}`);
    await timer.updateComplete;
  }

  const heading = (timer: CoTimer) => shadowQuery(timer, '#timer-title');

  it('moves the keyboard to the control that takes the removed one’s place, or to the heading', async () => {
    const { ceriSession, runtime, timer } = await twoFacilitators();
    const said = recordAnnouncements(runtime);

    startTimer(ceriSession, 5 * MINUTE);
    await until(timer, 'running');
    // Pause had the keyboard; Ceri pauses: Resume takes its place.
    shadowQuery(timer, '[data-action="pause"]').focus();
    pauseTimer(ceriSession);
    await until(timer, 'paused');
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="resume"]')));
    // And back: Ceri resumes, Pause takes Resume's place.
    resumeTimer(ceriSession);
    await until(timer, 'running');
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="pause"]')));

    // "Add 1 minute" is drawn again when the buttons change: the keyboard stays on it.
    shadowQuery(timer, '[data-action="add"]').focus();
    endTimer(ceriSession);
    await until(timer, 'ended');
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="add"]')));

    // Nothing takes "Add 1 minute"'s place when Ceri clears the timer: the heading does.
    resetTimer(ceriSession);
    await until(timer, 'idle');
    expect(named(deepActive())).to.equal(named(heading(timer)));
    expect(document.activeElement).not.to.equal(document.body);

    // Typing the minutes when Ceri starts the timer: the field goes, the keyboard goes to the heading.
    const minutes = shadowQuery<HTMLInputElement>(timer, '#timer-minutes');
    minutes.focus();
    startTimer(ceriSession, 3 * MINUTE);
    await until(timer, 'running');
    expect(named(deepActive())).to.equal(named(heading(timer)));

    // Only the changes themselves were said; moving the keyboard said nothing more.
    expect(said.map((message) => message.replace(/: .*| with .*/, ''))).to.deep.equal([
      'The timer has started', 'The timer is paused', 'The timer is running again', 'Time’s up', 'The timer was cleared', 'The timer has started',
    ]);
  });

  it('moves the keyboard from Pause to "Add 1 minute" when time runs out, or Ceri ends it', async () => {
    const { ceriSession, timer } = await twoFacilitators();
    startTimer(ceriSession, 1500);
    await until(timer, 'running');
    shadowQuery(timer, '[data-action="pause"]').focus();
    // Nobody does anything: the time runs out on this page's clock.
    await waitFor(() => timer.status === 'ended', 'the time to run out', 10_000);
    await waitFor(() => timer.shadowRoot!.querySelector('[data-action="pause"]') === null, 'Pause to go');
    await timer.updateComplete;
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="add"]')));

    startTimer(ceriSession, 5 * MINUTE);
    await until(timer, 'running');
    shadowQuery(timer, '[data-action="end"]').focus();
    endTimer(ceriSession);
    await until(timer, 'ended');
    expect(named(deepActive())).to.equal(named(shadowQuery(timer, '[data-action="add"]')));
  });

  it('keeps the keyboard in the timer when a facilitator is made a participant and the controls go', async () => {
    const { ceriSession, timer, runtime } = await twoFacilitators();
    startTimer(ceriSession, 5 * MINUTE);
    await until(timer, 'running');
    shadowQuery(timer, '[data-action="end"]').focus();
    setRole(ceriSession, 'priya', 'participant');
    await waitFor(() => runtime.session.role === 'participant', 'Priya to become a participant');
    await waitFor(() => timer.shadowRoot!.querySelector('[data-action="end"]') === null, 'the controls to go');
    await timer.updateComplete;
    expect(named(deepActive())).to.equal(named(heading(timer)));
  });

  it('leaves the keyboard alone when the person moved it elsewhere themselves', async () => {
    const { ceriSession, timer } = await twoFacilitators();
    startTimer(ceriSession, 5 * MINUTE);
    await until(timer, 'running');
    const outside = document.createElement('button');
    outside.textContent = 'Elsewhere';
    document.body.append(outside);
    cleanups.push(() => outside.remove());
    outside.focus();
    pauseTimer(ceriSession);
    await until(timer, 'paused');
    expect(document.activeElement).to.equal(outside);
  });
});
