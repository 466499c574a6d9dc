import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { observeControl, roots, type ControlSnapshot, type Focus } from '@coproduce/core';
import type { MessageKey } from '../i18n/localize.js';
import type { WorkshopRuntime } from '../internal/runtime.js';
import { describeElement, findElementsFor } from './titles.js';
import type { CoHeldNotice } from './held-notice.js';
import './held-notice-define.js';
import '../workshop/strings.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The attribute set on the page element everyone is being brought to (pages may style it). */
export const FOCUS_ATTRIBUTE = 'data-co-focus';

/** The event a runtime receives when someone asks to go to where the facilitator is ("Go there"). */
export const FOCUS_REQUEST = 'coproduce:focus-request';

/**
 * The event a runtime receives when the view was not moved to where the facilitator brought
 * everyone, because the person was working somewhere else (`detail: { at }`, the bringing's time), or
 * when that no longer holds (`detail: { at: null }`: they went there, or the bringing changed).
 * `<co-phase>` then says so, with "Go there" (as does a notice at the bottom of the screen, which
 * the follower shows in `<co-workshop>`'s shadow root).
 */
export const FOCUS_HELD = 'coproduce:focus-held';

export interface FocusHeldDetail {
  at: number | null;
}

/**
 * What tells one "Bring everyone here" from another: the whole `control.focus` value (element,
 * phase and time) and the write that stored it (the Yjs item of the `focus` entry, unique to each
 * `setFocus`), so two bringings in the same millisecond — to two elements, or twice to the same
 * one — are two, and a change elsewhere in `control` (the timer) is none.
 */
function bringingKey(doc: WorkshopRuntime['doc'], focus: Focus): string {
  const entry = (roots(doc).control as unknown as { _map?: Map<string, { id?: { client: number; clock: number } }> })._map?.get('focus');
  const write = entry?.id ? `${entry.id.client}:${entry.id.clock}` : '';
  return JSON.stringify([focus.elementId, focus.phaseId, focus.at, write]);
}

/** The element that has the keyboard, looking inside shadow roots (null: nothing does). */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === document.body || active === document.documentElement ? null : active;
}

/** The parent of `el` across shadow roots (a shadow root's top level goes to its host). */
function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/** Whether `inner` is `outer` or inside it, across shadow roots. */
function within(inner: Element, outer: Element): boolean {
  for (let node: Element | null = inner; node; node = composedParent(node)) if (node === outer) return true;
  return false;
}

/**
 * True while the person is typing into a field that has something in it: text not sent yet (a
 * box whose text was added is emptied, so an empty box is not work in progress).
 */
function isTyping(active: Element | null): boolean {
  if (active instanceof HTMLTextAreaElement) return active.value.trim() !== '';
  if (active instanceof HTMLInputElement && ['text', 'search', 'url', 'email', 'number', ''].includes(active.type)) return active.value.trim() !== '';
  return active instanceof HTMLElement && active.isContentEditable;
}

/**
 * True when a change only brings the page up to date rather than being news: everything before the
 * first sync with the server (the empty document, the device's offline copy, the server's first
 * answer) and anything loaded from the offline copy later. Screen readers are not told of it.
 */
function catchingUp(runtime: WorkshopRuntime, origin: unknown): boolean {
  if (!runtime.ready) return true;
  const persistence = runtime.connection?.persistence ?? null;
  return persistence !== null && origin === persistence;
}

/** Roles of things that are open over or beside the page while someone chooses in them. */
const OPEN_ROLES = new Set(['dialog', 'alertdialog', 'menu', 'listbox']);

/**
 * True while the keyboard is in something the person opened and has not finished with: a dialog,
 * a menu or list of choices (also one shown as a popover), or a button whose menu is open
 * (`aria-expanded="true"` with a popup).
 */
function inOpenChoice(active: Element | null): boolean {
  if (!active) return false;
  if (active.getAttribute('aria-expanded') === 'true' && active.hasAttribute('aria-haspopup')) return true;
  for (let node: Element | null = active; node; node = composedParent(node)) {
    if (node instanceof HTMLDialogElement && node.open) return true;
    const role = node.getAttribute('role');
    if (role !== null && OPEN_ROLES.has(role)) return true;
    if (node instanceof HTMLElement && node.hasAttribute('popover')) {
      try {
        if (node.matches(':popover-open')) return true;
      } catch {
        // A browser without popovers: nothing is open as one.
      }
    }
  }
  return false;
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** How long, at most, the view keeps being corrected after a bringing (a slow phone's smooth scroll included). */
const LANDING_MS = 4000;
/** How far from where it should be the target may end up before the view is corrected. */
const LANDING_SLACK_PX = 2;

/** How many landings have started (see {@link landOn}). */
let landings = 0;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Until the page stops scrolling: `scrollend` where the browser has it, else (or if it never comes,
 * as when nothing needed to move) when the scroll position has not changed for a few checks.
 */
function scrollSettled(until: number, cancelled: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      window.removeEventListener('scrollend', finish);
      resolve();
    };
    if ('onscrollend' in window) window.addEventListener('scrollend', finish, { once: true });
    let last = window.scrollY;
    let still = 0;
    const check = (): void => {
      if (done) return;
      if (cancelled() || performance.now() > until) return finish();
      const now = window.scrollY;
      still = Math.abs(now - last) < 0.5 ? still + 1 : 0;
      last = now;
      if (still >= 3) return finish();
      setTimeout(check, 60);
    };
    setTimeout(check, 60);
  });
}

/** Where `target`'s top is from the viewport's top, and how far the view could still move. */
function measure(target: HTMLElement): { top: number; room: number } {
  const scroller = document.scrollingElement ?? document.documentElement;
  const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
  const padding = parseFloat(getComputedStyle(scroller).scrollPaddingTop) || 0;
  const top = target.getBoundingClientRect().top - margin - padding;
  // Downwards the view can only go as far as the page goes; upwards, to its top.
  const room = top > 0 ? scroller.scrollHeight - scroller.clientHeight - window.scrollY : window.scrollY;
  return { top, room };
}

/**
 * Scrolls `target` to the top of the view and makes sure it stays there. Elements on the way may
 * change height as they come into view (idea cards are laid out only near the screen,
 * `content-visibility: auto`, so a long board grows or shrinks while it scrolls past), which moves
 * the target during a smooth scroll — on a phone by thousands of pixels. So once the scroll ends the
 * target is measured again and the view corrected, instantly, until it holds still (within
 * {@link LANDING_MS}). With reduced motion every move is instant. The moment the person scrolls,
 * taps, clicks or presses a key themselves, the correcting stops: the view is theirs.
 */
export async function landOn(target: HTMLElement): Promise<void> {
  // A newer landing (everyone brought somewhere else meanwhile) takes over from this one.
  const mine = ++landings;
  let theirs = false;
  const takeOver = (): void => {
    theirs = true;
  };
  const stopped = (): boolean => theirs || mine !== landings;
  const kinds = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
  for (const kind of kinds) window.addEventListener(kind, takeOver, { capture: true, passive: true });
  try {
    const until = performance.now() + LANDING_MS;
    target.scrollIntoView({ behavior: reducedMotion() ? 'instant' : 'smooth', block: 'start' });
    await scrollSettled(until, stopped);
    // A few checks after it lands: what came into view is laid out in the next frames.
    for (let stable = 0; stable < 3 && !stopped() && target.isConnected && performance.now() < until; ) {
      const { top, room } = measure(target);
      if (Math.abs(top) > LANDING_SLACK_PX && room > LANDING_SLACK_PX) {
        stable = 0;
        target.scrollIntoView({ behavior: 'instant', block: 'start' });
      } else {
        stable++;
      }
      await wait(100);
    }
  } finally {
    for (const kind of kinds) window.removeEventListener(kind, takeOver, { capture: true });
  }
}

/**
 * What `<co-workshop>` does when the facilitator moves the session on: it announces a new phase
 * ("Now: Vote"), and when they bring everyone to one element it marks the matching element on the
 * page (`data-co-focus`), scrolls it into view — unless the person stepped out of following, or
 * is in the middle of something elsewhere (text typed and not sent yet, a menu or dialog open:
 * then a notice at the bottom of the screen, and `<co-phase>`, offer "Go there") — and says where
 * everyone went. Merely having the keyboard on a button, or having just pressed a key that sent
 * something, does not hold the view back. Focus is never moved: that would pull a keyboard or
 * screen-reader user out of what they were doing (only their own "Go there" takes it along).
 */
export class FocusFollower implements ReactiveController {
  private runtime: WorkshopRuntime | undefined;
  /** The document followed (a runtime starts a new one when another person joins on the page). */
  private doc: WorkshopRuntime['doc'] | undefined;
  private stop: (() => void) | undefined;
  private phaseId: string | null | undefined;
  /** The bringing followed last ({@link bringingKey}), undefined for none. */
  private bringing: string | undefined;
  private marked: HTMLElement[] = [];
  private focus: Focus | null = null;
  /** The notice in view while the view is held back (in the host's shadow root). */
  private notice: CoHeldNotice | null = null;
  /** Where the keyboard was when the view was held back (it goes back there when the notice is hidden). */
  private heldFrom: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source: () => WorkshopRuntime | undefined,
    private readonly t: Translate,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.refresh();
  }

  hostUpdate(): void {
    this.refresh();
  }

  hostDisconnected(): void {
    this.unsubscribe();
    this.runtime = undefined;
    this.doc = undefined;
  }

  private refresh(): void {
    const runtime = this.source();
    if (runtime === this.runtime && runtime?.doc === this.doc) return;
    this.unsubscribe();
    this.runtime = runtime;
    this.doc = runtime?.doc;
    this.phaseId = undefined;
    this.bringing = undefined;
    if (!runtime) return;
    const stopControl = observeControl(
      runtime.doc,
      (snapshot, info) => this.onControl(snapshot, info.initial, info.local, catchingUp(runtime, info.origin)),
      { session: runtime.session },
    );
    const onRequest = (): void => this.goThere();
    runtime.addEventListener(FOCUS_REQUEST, onRequest);
    this.stop = () => {
      stopControl();
      runtime.removeEventListener(FOCUS_REQUEST, onRequest);
    };
  }

  private unsubscribe(): void {
    this.stop?.();
    this.stop = undefined;
    this.unmark();
    this.hideNotice();
  }

  /**
   * `quiet`: the change only brought the page up to date (see {@link catchingUp}); it moves the
   * marks and the view, but is not announced.
   */
  private onControl(snapshot: ControlSnapshot, initial: boolean, local: boolean, quiet = false): void {
    const runtime = this.runtime;
    if (!runtime) return;
    const news = !initial && !local && !quiet;
    const phase = snapshot.currentPhase;
    if (news && phase !== null && phase.id !== this.phaseId) {
      const index = snapshot.phases.findIndex((p) => p.id === phase.id) + 1;
      runtime.announcer.later('phase', () => this.t('phaseNowAnnouncement', { phase: phase.title, step: index, total: snapshot.phases.length }));
    }
    this.phaseId = phase?.id ?? null;

    const focus = snapshot.focus;
    this.focus = focus;
    if (focus === null) {
      if (this.bringing !== undefined && news) runtime.announcer.later('focus', () => this.t('focusClearedAnnouncement'));
      this.bringing = undefined;
      this.unmark();
      this.held(null);
      return;
    }
    const bringing = bringingKey(runtime.doc, focus);
    if (bringing === this.bringing) return;
    this.bringing = bringing;
    this.mark(focus);
    this.held(null);
    // The facilitator leads: their own view never jumps.
    if (local || runtime.session.role === 'facilitator') return;
    const title = describeElement(runtime.doc, focus.elementId)?.title ?? this.t('focusSomewhere');
    // Never scroll someone away from what they are working on: the view stays, and they are told
    // where everyone went, with "Go there" (in <co-phase>) for when they are ready.
    const busy = runtime.following && this.busyElsewhere();
    if (runtime.following && !busy) this.scrollToMarked();
    if (busy) this.held(focus.at, title);
    if (news) {
      runtime.announcer.later('focus', () => {
        if (busy) {
          const goThere = this.host.querySelector('co-phase') ? 'focusHeldGoThere' : this.notice ? 'focusHeldGoThereNotice' : null;
          return [this.t('focusHeldAnnouncement', { title }), ...(goThere ? [this.t(goThere)] : [])].join(' ');
        }
        return this.t(runtime.following ? 'focusAnnouncement' : 'focusNotFollowingAnnouncement', { title });
      });
    }
  }

  /**
   * Whether the person is in the middle of something other than where everyone is being brought:
   * text typed and not sent yet, or a menu or dialog open. Not the keyboard merely resting on a
   * button or card, nor a key just pressed that already sent what it was for (adding an idea
   * empties its box): those people are brought along.
   */
  private busyElsewhere(): boolean {
    const active = deepActive();
    const target = this.marked[0];
    if (active && target && within(active, target)) return false;
    return isTyping(active) || inOpenChoice(active);
  }

  /**
   * Tells `<co-phase>` whether the view was held back from the bringing at `at` (null: it is not),
   * and shows or removes the notice in view.
   */
  private held(at: number | null, title = ''): void {
    if (at === null) this.hideNotice();
    else this.showNotice(title);
    this.runtime?.dispatchEvent(new CustomEvent<FocusHeldDetail>(FOCUS_HELD, { detail: { at } }));
  }

  /** Shows "Everyone moved… Go there / Hide" at the bottom of the screen, in the workshop's own shadow root. */
  private showNotice(title: string): void {
    const root = this.host.shadowRoot;
    if (!root) return;
    const active = deepActive();
    this.heldFrom = active instanceof HTMLElement ? active : null;
    if (!this.notice) {
      const notice = document.createElement('co-held-notice');
      notice.onGoThere = () => this.goThere(true);
      notice.onHide = () => this.dismissNotice();
      this.notice = notice;
    }
    this.notice.place = title;
    if (this.notice.parentNode !== root) root.append(this.notice);
  }

  private hideNotice(): void {
    this.notice?.remove();
  }

  /** "Hide": the notice goes (`<co-phase>` still offers "Go there"); the keyboard goes back to the work. */
  private dismissNotice(): void {
    const hadKeyboard = this.notice !== null && deepActive() !== null && within(deepActive() as Element, this.notice);
    this.hideNotice();
    const back = this.heldFrom;
    if (hadKeyboard && back?.isConnected) back.focus({ preventScroll: true });
  }

  /** The page elements showing the focus: the element itself, or else the phase it belongs to. */
  private targets(focus: Focus): HTMLElement[] {
    const found = findElementsFor(this.host, focus.elementId);
    if (found.length > 0 || focus.phaseId === null) return found;
    return findElementsFor(this.host, focus.phaseId);
  }

  private mark(focus: Focus): void {
    this.unmark();
    this.marked = this.targets(focus);
    for (const element of this.marked) element.setAttribute(FOCUS_ATTRIBUTE, '');
  }

  private unmark(): void {
    for (const element of this.marked) element.removeAttribute(FOCUS_ATTRIBUTE);
    this.marked = [];
  }

  private scrollToMarked(): void {
    // After the other elements have drawn this change (a banner appearing above would shift the target).
    setTimeout(() => {
      const target = this.marked[0];
      if (target) void landOn(target);
    }, 0);
  }

  /**
   * "Go there": scrolls to where the facilitator brought everyone, whether or not the person
   * follows. `withKeyboard` (from the notice, whose button then goes): the keyboard goes there too,
   * to the element's heading.
   */
  goThere(withKeyboard = false): void {
    if (this.focus === null) return;
    if (this.marked.length === 0) this.mark(this.focus);
    this.held(null);
    this.scrollToMarked();
    if (withKeyboard) {
      const heading = this.marked[0]?.shadowRoot?.querySelector<HTMLElement>('[part~="heading"][tabindex]');
      if (heading) setTimeout(() => heading.focus({ preventScroll: true }), 0);
    }
  }
}
