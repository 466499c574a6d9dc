import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { createWorkshop, startTimer } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoTimer, type CoWorkshop, type TimerEventDetail } from '../src/index.js';
import { recordAnnouncements, waitFor } from './helpers.js';

function timerOf(workshop: CoWorkshop): CoTimer {
  return workshop.querySelector('co-timer')!;
}
function digits(timer: CoTimer): string {
  return timer.shadowRoot!.querySelector('[data-digits]')!.textContent!.trim();
}
function statusText(timer: CoTimer): string {
  return timer.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim();
}
function button(timer: CoTimer, action: string): HTMLButtonElement | null {
  return timer.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
}

/** A facilitator and a participant on one document, each in a workshop, sharing a (fake, adjustable) clock. */
async function localPair(start = 1_800_000_000_000) {
  let now = start;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Timer test' });
  const fac = new WorkshopRuntime({ room: 'local', doc, user: { id: 'fac', name: 'Priya', role: 'facilitator' }, now: clock.now });
  const sam = new WorkshopRuntime({ room: 'local', doc, user: { id: 'sam', name: 'Sam', role: 'participant' }, now: clock.now });
  const facEl = await fixture<CoWorkshop>(html`<co-workshop .runtime=${fac}><co-timer></co-timer></co-workshop>`);
  const samEl = await fixture<CoWorkshop>(html`<co-workshop .runtime=${sam}><co-timer></co-timer></co-workshop>`);
  await timerOf(facEl).updateComplete;
  await timerOf(samEl).updateComplete;
  return { clock, doc, fac, sam, facEl, samEl, facTimer: timerOf(facEl), samTimer: timerOf(samEl) };
}

describe('<co-timer>', () => {
  afterEach(() => localStorage.removeItem('coproduce:timer-sound'));

  it('passes axe checks idle, running and ended, for a facilitator and a participant', async () => {
    const { facEl, samEl, fac, clock, facTimer, samTimer } = await localPair();
    await expect(facEl).to.be.accessible();
    await expect(samEl).to.be.accessible();
    startTimer(fac.session, 5 * 60_000);
    await waitFor(() => statusText(samTimer) === 'Running', 'the participant to see it running');
    await expect(facEl).to.be.accessible();
    clock.advance(6 * 60_000);
    facTimer.requestUpdate();
    samTimer.requestUpdate();
    await waitFor(() => statusText(samTimer) === 'Time’s up', 'the end');
    await expect(samEl).to.be.accessible();
  });

  it('lets only the facilitator start it, with the keyboard, and shows everyone the countdown', async () => {
    const { facTimer, samTimer } = await localPair();
    expect(samTimer.shadowRoot!.querySelector('[part="controls"]')).to.equal(null);
    expect(samTimer.shadowRoot!.querySelector('input[type="number"]')).to.equal(null);
    expect(statusText(samTimer)).to.equal('Not started');
    const events: TimerEventDetail[] = [];
    facTimer.addEventListener('co-timer-change', (e) => events.push(e.detail));
    samTimer.addEventListener('co-timer-change', () => expect.fail('no event for a remote change'));
    const minutes = facTimer.shadowRoot!.querySelector<HTMLInputElement>('#timer-minutes')!;
    minutes.focus();
    minutes.select();
    await sendKeys({ type: '3' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => statusText(samTimer) === 'Running', 'the participant to see it running');
    expect(events.map((e) => e.action)).to.deep.equal(['start']);
    expect(events[0]!.timer.durationMs).to.equal(180_000);
    expect(digits(samTimer)).to.equal('3:00');
    expect(digits(facTimer)).to.equal('3:00');
    // The countdown is a timer region that does not speak by itself; its words are there for browsing.
    const region = samTimer.shadowRoot!.querySelector('[role="timer"]')!;
    expect(region.getAttribute('aria-live')).to.equal('off');
    expect(region.textContent).to.contain('3 minutes left');
  });

  it('refuses a duration that is not a whole number of minutes, and says why', async () => {
    const { facTimer, doc } = await localPair();
    const minutes = facTimer.shadowRoot!.querySelector<HTMLInputElement>('#timer-minutes')!;
    minutes.value = '0';
    button(facTimer, 'start')!.click();
    await facTimer.updateComplete;
    expect(facTimer.shadowRoot!.querySelector('.error')!.textContent).to.contain('Enter a whole number of minutes');
    expect(minutes.getAttribute('aria-invalid')).to.equal('true');
    expect(doc.getMap('control').get('timer')).to.equal(undefined);
  });

  it('pauses, resumes, adds a minute, ends and clears, announcing each change once', async () => {
    const { facTimer, samTimer, samEl, clock } = await localPair();
    const said = recordAnnouncements(samEl);
    facTimer.shadowRoot!.querySelector<HTMLInputElement>('#timer-minutes')!.value = '5';
    button(facTimer, 'start')!.click();
    await waitFor(() => said.includes('The timer has started: 5 minutes'), 'the start announcement');
    clock.advance(90_000);
    button(facTimer, 'pause')!.click();
    await waitFor(() => statusText(samTimer) === 'Paused', 'paused');
    await waitFor(() => said.includes('The timer is paused with 3 minutes and 30 seconds left'), 'the pause announcement');
    clock.advance(60_000); // paused: no time passes on the timer
    samTimer.requestUpdate();
    await samTimer.updateComplete;
    expect(digits(samTimer)).to.equal('3:30');
    button(facTimer, 'resume')!.click();
    await waitFor(() => said.includes('The timer is running again: 3 minutes and 30 seconds left'), 'the resume announcement');
    button(facTimer, 'add')!.click();
    await waitFor(() => said.includes('The timer changed: 4 minutes and 30 seconds left'), 'the added minute');
    expect(digits(samTimer)).to.equal('4:30');
    button(facTimer, 'end')!.click();
    await waitFor(() => said.includes('Time’s up'), 'the end');
    expect(samTimer.shadowRoot!.querySelector('[part="ended"]')!.textContent).to.contain('The facilitator will say what happens next');
    button(facTimer, 'reset')!.click();
    await waitFor(() => said.includes('The timer was cleared'), 'the reset');
    expect(statusText(samTimer)).to.equal('Not started');
    expect(said.filter((s) => s === 'Time’s up')).to.have.length(1);
  });

  it('says "1 minute left" and "Time’s up" once each, and nothing every second', async () => {
    const { fac, facTimer, samTimer, samEl, clock } = await localPair();
    const said = recordAnnouncements(samEl);
    startTimer(fac.session, 3 * 60_000);
    await waitFor(() => said.length === 1, 'the start announcement');
    // Tick through the last two minutes second by second, as the element would.
    for (let s = 0; s < 3 * 60 + 2; s++) {
      clock.advance(1000);
      samTimer.requestUpdate();
      facTimer.requestUpdate();
      await samTimer.updateComplete;
    }
    await waitFor(() => said.includes('Time’s up'), 'the end');
    expect(said).to.deep.equal(['The timer has started: 3 minutes', '1 minute left', 'Time’s up']);
    expect(digits(samTimer)).to.equal('0:00');
    expect(statusText(samTimer)).to.equal('Time’s up');
    // A running timer that reached zero starts again for the added minute.
    button(facTimer, 'add')!.click();
    await waitFor(() => statusText(samTimer) === 'Running', 'running again');
    expect(digits(samTimer)).to.equal('1:00');
  });

  it('counts down by itself in real time, and ends without any per-second announcement', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Real time' });
    const fac = new WorkshopRuntime({ room: 'local', doc, user: { id: 'fac', name: 'Priya', role: 'facilitator' } });
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${fac}><co-timer></co-timer></co-workshop>`);
    const timer = timerOf(el);
    const said = recordAnnouncements(el);
    startTimer(fac.session, 2000);
    await waitFor(() => statusText(timer) === 'Running', 'running');
    await waitFor(() => statusText(timer) === 'Time’s up', 'the end, by itself', 8000);
    expect(digits(timer)).to.equal('0:00');
    await waitFor(() => said.includes('Time’s up'), 'the end announcement');
    expect(said.filter((s) => /left/.test(s))).to.deep.equal([]);
  });

  it('has a soft sound that is off by default and remembered when turned on', async () => {
    const { facTimer } = await localPair();
    const box = facTimer.shadowRoot!.querySelector<HTMLInputElement>('#timer-sound')!;
    expect(box.checked).to.equal(false);
    expect(facTimer.sound).to.equal(false);
    box.click();
    expect(facTimer.sound).to.equal(true);
    expect(localStorage.getItem('coproduce:timer-sound')).to.equal('on');
    const again = await fixture<CoTimer>(html`<co-timer></co-timer>`);
    expect(again.sound).to.equal(true);
  });

  it('speaks Welsh', async () => {
    const { fac, facEl, samTimer } = await localPair();
    samTimer.setAttribute('lang', 'cy');
    startTimer(fac.session, 2 * 60_000);
    await waitFor(() => statusText(samTimer) === 'Yn rhedeg', 'Welsh status');
    expect(samTimer.shadowRoot!.querySelector('[role="timer"]')!.textContent).to.contain('2 funud ar ôl');
    expect(facEl).to.exist;
  });
});
