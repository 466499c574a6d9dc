import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  CoproduceError, IDLE_TIMER, addTime, endTimer, observeControl, pauseTimer, resetTimer, resumeTimer, startTimer,
  timerRemainingMs, type ChangeInfo, type ControlSnapshot, type Role, type Timer,
} from '@coproduce/core';
import { ObserveController } from '../controllers/observe-controller.js';
import { WorkshopController } from '../controllers/workshop-controller.js';
import { facilitationStyles } from '../facilitator-panel/shared-styles.js';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import { buttons, tokens } from '../styles/tokens.js';
import { clock, shownSeconds, spoken } from './format.js';
import './strings.js';
import { styleMap } from '../internal/csp-style-map.js';

/** What the facilitator did to the timer. */
export type TimerAction = 'start' | 'pause' | 'resume' | 'add' | 'end' | 'reset';

export interface TimerEventDetail {
  action: TimerAction;
  timer: Timer;
}

const SOUND_KEY = 'coproduce:timer-sound';
/** Where the keyboard goes after each action, when the pressed button had it. */
const FOCUS_AFTER: Record<TimerAction, string> = {
  start: '[data-action="pause"]',
  pause: '[data-action="resume"]',
  resume: '[data-action="pause"]',
  add: '[data-action="add"]',
  end: '[data-action="add"]',
  reset: '#timer-minutes',
};
const ONE_MINUTE = 60_000;
/**
 * When a change the local person did not make (another facilitator's action, the time running out,
 * a change of role) removes the control that had the keyboard, it goes to the control taking its
 * place: the same one, re-drawn; Pause for Resume and Resume for Pause; "Add 1 minute" for Pause,
 * Resume or End once time is up (as after pressing End). Otherwise, to the timer's heading.
 */
const EQUIVALENT: Readonly<Record<string, string>> = { pause: 'resume', resume: 'pause' };
const EQUIVALENT_WHEN_ENDED: Readonly<Record<string, string>> = { pause: 'add', resume: 'add', end: 'add' };

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The workshop's shared timer. Everyone sees the same countdown: it is anchored to the sync
 * server's clock (measured when connecting), so a device whose clock is minutes wrong still agrees
 * to within a second. Facilitators start, pause, add time and end it; everyone else sees it.
 *
 * For screen readers the countdown is a `role="timer"` region that does not speak by itself; the
 * workshop's announcer says when the timer starts, pauses, changes, has one minute left and ends —
 * never every second. The end is gentle: a calm "Time's up" panel, and a soft two-note chime only
 * for people who turn it on (off by default; remembered on the device).
 *
 * @summary A shared countdown timer, the same on every screen.
 * @event {CustomEvent<TimerEventDetail>} co-timer-change - The local facilitator started, paused, resumed, changed, ended or cleared the timer. `detail: { action, timer }`.
 * @csspart base - The timer's outer section.
 * @csspart time - The countdown.
 * @csspart status - The timer's state in words.
 * @csspart progress - The bar showing how much time is left.
 * @csspart controls - The facilitator's buttons.
 * @csspart ended - The "Time's up" message.
 * @cssproperty --co-timer-digits-size - Size of the countdown digits (default 3rem).
 * @cssproperty --co-timer-ended-background - Background of the "Time's up" message.
 * @cssproperty --co-color-primary - Colour of the progress bar and the main button.
 */
export class CoTimer extends LitElement {
  static override styles = [
    tokens,
    buttons,
    facilitationStyles,
    css`
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--_space-2);
      }
      .time {
        margin: var(--_space-2) 0;
        font-size: var(--co-timer-digits-size, 3rem);
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        line-height: 1.1;
        letter-spacing: 0.02em;
      }
      .status {
        margin: 0 0 var(--_space-3);
        color: var(--_text-secondary);
        font-weight: 600;
      }
      .progress {
        height: 8px;
        margin-bottom: var(--_space-3);
        border-radius: 4px;
        background: var(--_surface);
        border: 1px solid var(--_border-subtle);
        overflow: hidden;
      }
      .progress > span {
        display: block;
        height: 100%;
        background: var(--_primary);
        transition: width var(--_duration) linear;
      }
      .status[data-status='ended'] {
        color: var(--_text);
        font-size: var(--_font-size-large);
        font-weight: 700;
      }
      .ended {
        margin: 0 0 var(--_space-3);
        padding: var(--_space-3) var(--_space-4);
        border-left: 6px solid var(--_link);
        background: var(--co-timer-ended-background, #e8f1f8);
      }
      @media (prefers-reduced-motion: no-preference) {
        .ended[data-fresh] {
          animation: settle 1.6s ease-out 1;
        }
        @keyframes settle {
          from {
            background: #c7dff0;
          }
        }
      }
      .controls {
        display: flex;
        flex-direction: column;
        gap: var(--_space-3);
        margin-bottom: var(--_space-3);
      }
      .start {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--_space-2);
      }
      .start .field {
        margin: 0;
      }
      @media (forced-colors: active) {
        .progress > span {
          background: Highlight;
        }
      }
    `,
  ];

  /** Heading level of the timer's title (1–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /** The timer's title (default "Timer"). */
  @property() label: string | null = null;
  /** Play a soft chime when time is up. Off by default; people can turn it on for themselves. */
  @property({ type: Boolean, reflect: true }) sound = false;
  /** Sync server, when used outside `<co-workshop>`. */
  @property({ reflect: true }) server: string | null = null;
  /** Workshop room, when used outside `<co-workshop>`. */
  @property({ reflect: true }) room: string | null = null;
  /** Token, when used outside `<co-workshop>`. */
  @property() token: string | null = null;
  /** Role without a token, when used outside `<co-workshop>`. */
  @property({ attribute: 'user-role', reflect: true }) userRole: Role | null = null;
  /** Display name without a token, when used outside `<co-workshop>`. */
  @property({ attribute: 'user-name' }) userName: string | null = null;

  @state() private formError: string | null = null;
  @state() private freshEnd = false;

  private readonly i18n = new LocalizeController(this);
  private readonly workshop = new WorkshopController(this);
  private readonly control = new ObserveController<ControlSnapshot>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      if (!runtime) return undefined;
      return observeControl(runtime.doc, (snapshot, info) => {
        this.onTimer(snapshot.timer, info);
        set(snapshot);
      }, { session: runtime.session });
    },
  );
  private tick: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    // Someone else joined on this page (a shared device): the last person's form error goes.
    this.workshop.onPersonChange = () => {
      this.formError = null;
    };
  }

  /** The timer as last seen, to tell what changed. */
  private seen: Timer | undefined;
  /** Counts changes to the timer; the one-minute warning and the end are signalled once per change. */
  private generation = 0;
  private warnedFor = -1;
  private endedFor = -1;
  /** Time left when the timer last changed: no "1 minute left" if it was already under a minute. */
  private leftAtChange = 0;
  private audio: AudioContext | undefined;
  /** The control to focus once an action has re-rendered the buttons (the pressed one may be gone). */
  private focusAfterAction: string | null = null;
  /** The control that had the keyboard when an update began (the update may remove it). */
  private focusedBefore: HTMLElement | null = null;

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  /** The timer as stored (idle before anyone starts it). */
  get timer(): Timer {
    return this.control.value?.timer ?? IDLE_TIMER;
  }

  /** Milliseconds left now, on the server's clock. */
  get remainingMs(): number {
    const runtime = this.workshop.runtime;
    return runtime ? timerRemainingMs(this.timer, runtime.serverNow()) : 0;
  }

  /** `idle`, `running`, `paused` or `ended` (a running timer that has reached zero counts as ended). */
  get status(): Timer['status'] {
    const timer = this.timer;
    return timer.status === 'running' && this.remainingMs <= 0 ? 'ended' : timer.status;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Someone who turned the chime on keeps it on this device, unless the page says otherwise.
    if (!this.sound && !this.hasAttribute('sound')) this.sound = storage()?.getItem(SOUND_KEY) === 'on';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.tick);
    this.tick = undefined;
    void this.audio?.close().catch(() => undefined);
    this.audio = undefined;
  }

  protected override willUpdate(): void {
    const timer = this.timer;
    if (timer.status === 'running' && this.workshop.runtime) this.checkMilestones(timer, this.remainingMs);
    const active = (this.renderRoot as ShadowRoot | undefined)?.activeElement;
    this.focusedBefore = active instanceof HTMLElement ? active : null;
  }

  protected override updated(): void {
    this.schedule();
    const lost = this.focusedBefore;
    this.focusedBefore = null;
    if (this.focusAfterAction) {
      const selector = this.focusAfterAction;
      this.focusAfterAction = null;
      this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
    } else if (lost && !lost.isConnected) {
      this.keepFocus(lost);
    }
    if (this.workshop.standalone) {
      this.workshop.runtime?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    }
  }

  /**
   * Keeps the keyboard in the timer when an update removed the control that had it and nothing else
   * has taken it: on the same control re-drawn, its counterpart (see `EQUIVALENT`), or the heading.
   * Says nothing: the change itself is announced as usual.
   */
  private keepFocus(lost: HTMLElement): void {
    const root = this.renderRoot as ShadowRoot;
    const elsewhere = document.activeElement !== null && document.activeElement !== document.body;
    if (root.activeElement || elsewhere) return;
    const action = lost.dataset['action'];
    const counterpart = action === undefined ? undefined : this.status === 'ended' ? EQUIVALENT_WHEN_ENDED[action] : EQUIVALENT[action];
    const selectors = [
      lost.id ? `#${CSS.escape(lost.id)}` : null,
      action ? `[data-action="${action}"]` : null,
      counterpart ? `[data-action="${counterpart}"]` : null,
    ];
    for (const selector of selectors) {
      const target = selector ? root.querySelector<HTMLElement>(selector) : null;
      if (target) {
        target.focus();
        return;
      }
    }
    root.querySelector<HTMLElement>('#timer-title')?.focus();
  }

  /** Re-renders exactly when the shown second changes, and signals the last minute and the end. */
  private schedule(): void {
    clearTimeout(this.tick);
    this.tick = undefined;
    const timer = this.timer;
    if (timer.status !== 'running' || !this.workshop.runtime) return;
    const left = this.remainingMs;
    if (left <= 0) return;
    const untilNextSecond = left - (shownSeconds(left) - 1) * 1000;
    this.tick = setTimeout(() => this.requestUpdate(), Math.max(16, Math.min(1000, untilNextSecond + 5)));
  }

  private say(message: string): void {
    this.workshop.runtime?.announcer.say(message);
  }

  private checkMilestones(timer: Timer, left: number): void {
    if (left <= 0 && this.endedFor !== this.generation) {
      this.endedFor = this.generation;
      this.signalEnd();
      return;
    }
    if (left > 0 && left <= ONE_MINUTE && this.leftAtChange > ONE_MINUTE + 2000 && this.warnedFor !== this.generation) {
      this.warnedFor = this.generation;
      this.say(this.t('timerOneMinuteLeft'));
    }
  }

  private signalEnd(): void {
    this.freshEnd = true;
    this.say(this.t('timerEndedAnnouncement'));
    if (this.sound) this.chime();
  }

  /** A soft, low-volume two-note chime (Web Audio; nothing is downloaded). */
  private chime(): void {
    try {
      const Context = globalThis.AudioContext;
      if (!Context) return;
      const ctx = this.audio ?? new Context();
      this.audio = ctx;
      void ctx.resume().catch(() => undefined);
      const start = ctx.currentTime + 0.05;
      [523.25, 659.25].forEach((frequency, i) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = frequency;
        const at = start + i * 0.45;
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(0.08, at + 0.08);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.4);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + 1.5);
      });
    } catch {
      // Sound is a nicety; the visual and spoken signals carry the meaning.
    }
  }

  /** Announces what changed in the timer (for everyone: the facilitator's own changes are confirmed too). */
  private onTimer(timer: Timer, info: ChangeInfo): void {
    const previous = this.seen;
    this.seen = timer;
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const left = timerRemainingMs(timer, runtime.serverNow());
    const changed = previous === undefined || previous.updatedAt !== timer.updatedAt || previous.status !== timer.status ||
      previous.endsAt !== timer.endsAt || previous.remainingMs !== timer.remainingMs || previous.durationMs !== timer.durationMs;
    if (changed) {
      this.generation++;
      this.leftAtChange = left;
      if (timer.status !== 'ended') this.freshEnd = false;
    }
    // Loading the page (the device's offline copy, then the first sync from the server) brings it up
    // to date: what it shows then is not news, so nothing is said.
    if (info.initial || previous === undefined || !runtime.ready) {
      // Already over when we arrived: show it, don't announce it.
      if (timer.status === 'ended' || (timer.status === 'running' && left <= 0)) this.endedFor = this.generation;
      return;
    }
    if (!changed) return;
    const was = previous.status;
    const amount = spoken(left, (k, p) => this.t(k, p));
    switch (timer.status) {
      case 'running':
        if (was === 'paused') this.say(this.t('timerResumedAnnouncement', { time: amount }));
        else if (was === 'running') this.say(this.t('timerChangedAnnouncement', { time: amount }));
        else this.say(this.t('timerStartedAnnouncement', { time: amount }));
        break;
      case 'paused':
        this.say(this.t('timerPausedAnnouncement', { time: amount }));
        break;
      case 'ended':
        if (this.endedFor !== this.generation) {
          this.endedFor = this.generation;
          this.signalEnd();
        }
        break;
      case 'idle':
        if (was !== 'idle') this.say(this.t('timerClearedAnnouncement'));
        break;
    }
  }

  private act(action: TimerAction, run: () => Timer): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    // Each state shows different buttons, so the one pressed may disappear: keep the keyboard on
    // the control that takes its place (Start → Pause, Pause ↔ Resume, End → Add 1 minute, Clear → the minutes).
    const pressedHadFocus = this.renderRoot.contains((this.renderRoot as ShadowRoot).activeElement);
    try {
      const timer = run();
      this.formError = null;
      if (pressedHadFocus) this.focusAfterAction = FOCUS_AFTER[action];
      this.dispatchEvent(new CustomEvent<TimerEventDetail>('co-timer-change', { detail: { action, timer }, bubbles: true, composed: true }));
    } catch (error) {
      this.formError = error instanceof CoproduceError ? error.message : this.t('somethingWentWrong');
      if (!(error instanceof CoproduceError)) console.error('[coproduce]', error);
      // While running or paused the error is a role="alert" paragraph, which speaks for itself; by the
      // minutes field it is not, so say it.
      const status = this.status;
      if (status === 'idle' || status === 'ended') this.say(this.formError);
    }
  }

  private onStart(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#timer-minutes');
    const minutes = Number(input?.value ?? '');
    if (!input || !Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      this.formError = this.t('timerMinutesError');
      // The error is shown by the field and said at once: focus stays in the field, so nothing else would read it.
      this.say(this.formError);
      void this.updateComplete.then(() => input?.focus());
      return;
    }
    this.startFor(minutes * ONE_MINUTE);
  }

  private startFor(ms: number): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    this.act('start', () => startTimer(runtime.session, ms));
  }

  private onAddMinute(): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const session = runtime.session;
    this.act('add', () => {
      // A running timer that already reached zero restarts for the added minute.
      if (this.timer.status === 'running' && this.remainingMs <= 0) {
        let result = this.timer;
        session.transact(() => {
          endTimer(session);
          result = addTime(session, ONE_MINUTE);
        });
        return result;
      }
      return addTime(session, ONE_MINUTE);
    });
  }

  private onSoundChange(event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.sound = on;
    storage()?.setItem(SOUND_KEY, on ? 'on' : 'off');
    if (on) {
      // Browsers only let sound start from a click: prepare the audio now.
      try {
        const Context = globalThis.AudioContext;
        if (Context && !this.audio) this.audio = new Context();
        void this.audio?.resume().catch(() => undefined);
      } catch {
        // no sound on this device
      }
    }
  }

  private renderControls() {
    const runtime = this.workshop.runtime;
    if (!runtime || runtime.session.role !== 'facilitator') return nothing;
    const session = runtime.session;
    const status = this.status;
    const startForm = html`<form class="start" @submit=${this.onStart} novalidate>
      <div class="field ${this.formError ? 'field-error' : ''}">
        <label class="label" for="timer-minutes">${this.t('timerMinutesLabel')}</label>
        ${this.formError ? html`<p class="error" id="timer-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.formError}</p>` : nothing}
        <input
          id="timer-minutes"
          type="number"
          inputmode="numeric"
          min="1"
          max="1440"
          step="1"
          value="5"
          aria-invalid=${this.formError ? 'true' : 'false'}
          aria-describedby=${this.formError ? 'timer-error' : nothing}
        />
      </div>
      <button class="button" type="submit" data-action="start">${this.t('timerStart')}</button>
    </form>`;
    const add = html`<button class="button" data-variant="secondary" type="button" data-action="add" @click=${this.onAddMinute}>${this.t('timerAddMinute')}</button>`;
    const end = html`<button class="button" data-variant="secondary" type="button" data-action="end" @click=${() => this.act('end', () => endTimer(session))}>${this.t('timerEnd')}</button>`;
    const reset = html`<button class="button" data-variant="quiet" type="button" data-action="reset" @click=${() => this.act('reset', () => resetTimer(session))}>${this.t('timerReset')}</button>`;
    let buttonsRow;
    switch (status) {
      case 'running':
        buttonsRow = html`<button class="button" type="button" data-action="pause" @click=${() => this.act('pause', () => pauseTimer(session))}>${this.t('timerPause')}</button>${add}${end}`;
        break;
      case 'paused':
        buttonsRow = html`<button class="button" type="button" data-action="resume" @click=${() => this.act('resume', () => resumeTimer(session))}>${this.t('timerResume')}</button>${add}${end}${reset}`;
        break;
      case 'ended':
        buttonsRow = html`${add}${reset}`;
        break;
      default:
        buttonsRow = nothing;
    }
    return html`<div part="controls" class="controls" role="group" aria-label=${this.t('timerControlsLabel')}>
      ${buttonsRow === nothing ? nothing : html`<div class="actions">${buttonsRow}</div>`}
      ${status === 'idle' || status === 'ended' ? startForm : nothing}
      ${status !== 'idle' && status !== 'ended' && this.formError
        ? html`<p class="error" role="alert"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.formError}</p>`
        : nothing}
    </div>`;
  }

  protected override render() {
    const runtime = this.workshop.runtime;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const title = this.label ?? this.t('timerLabel');
    const status = this.status;
    const timer = this.timer;
    const left = this.remainingMs;
    const total = Math.max(timer.durationMs, left, 1);
    // The bar shrinks as time runs out.
    const filled = status === 'idle' || status === 'ended' ? 0 : Math.min(100, Math.max(0, (left / total) * 100));
    const statusWords: Record<Timer['status'], MessageKey> = {
      idle: 'timerIdle',
      running: 'timerRunning',
      paused: 'timerPaused',
      ended: 'timerEnded',
    };
    const t = (k: MessageKey, p?: Record<string, string | number>) => this.t(k, p);
    return html`<section part="base" class="timer box" aria-labelledby="timer-title">
        <div class="top">
          <div class="heading" role="heading" aria-level=${level} id="timer-title" tabindex="-1">${title}</div>
        </div>
        ${runtime
          ? html`<p part="time" class="time" role="timer" aria-live="off" aria-atomic="true">
                <span aria-hidden="true" data-digits>${status === 'idle' ? '–:––' : clock(left)}</span>
                <span class="visually-hidden">${status === 'idle' ? t('timerIdle') : t('timerLeft', { time: spoken(left, t) })}</span>
              </p>
              <p part="status" class="status" data-status=${status}>${t(statusWords[status])}</p>
              <div part="progress" class="progress" aria-hidden="true"><span style=${styleMap({ width: `${filled.toFixed(2)}%` })}></span></div>
              ${status === 'ended'
                ? html`<p part="ended" class="ended" ?data-fresh=${this.freshEnd}>${t('timerEndedHint')}</p>`
                : nothing}
              ${this.renderControls()}
              <div class="check">
                <input type="checkbox" id="timer-sound" .checked=${this.sound} @change=${this.onSoundChange} />
                <label for="timer-sound">${t('timerSound')}</label>
              </div>`
          : html`<p class="status">${t('notConnected')}</p>`}
      </section>
      ${this.workshop.standalone ? html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer></div>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'co-timer': CoTimer;
  }
  interface HTMLElementEventMap {
    'co-timer-change': CustomEvent<TimerEventDetail>;
  }
}
