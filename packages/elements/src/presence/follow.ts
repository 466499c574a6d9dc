import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { observeControl, type ControlSnapshot, type Focus } from '@coproduce/core';
import type { MessageKey } from '../i18n/localize.js';
import type { WorkshopRuntime } from '../internal/runtime.js';
import { describeElement, findElementsFor } from './titles.js';
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
 * `<co-phase>` then says so, with "Go there".
 */
export const FOCUS_HELD = 'coproduce:focus-held';

export interface FocusHeldDetail {
  at: number | null;
}

/** How long after the person last pressed a key they still count as working where they are. */
const KEYBOARD_QUIET_MS = 15_000;

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

/** The outermost Coproduce element (`co-*`, not the workshop itself) around `el`, if any. */
function coproduceElementAround(el: Element): Element | null {
  let found: Element | null = null;
  for (let node: Element | null = el; node; node = composedParent(node)) {
    if (node.localName.startsWith('co-') && node.localName !== 'co-workshop') found = node;
  }
  return found;
}

/** Whether `inner` is `outer` or inside it, across shadow roots. */
function within(inner: Element, outer: Element): boolean {
  for (let node: Element | null = inner; node; node = composedParent(node)) if (node === outer) return true;
  return false;
}

/** True while the person is typing into a field that has something in it. */
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

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * What `<co-workshop>` does when the facilitator moves the session on: it announces a new phase
 * ("Now: Vote"), and when they bring everyone to one element it marks the matching element on the
 * page (`data-co-focus`), scrolls it into view — unless the person stepped out of following, or
 * is working somewhere else (the keyboard in another of the workshop's elements, text typed, keys
 * pressed in them just now: then `<co-phase>` offers "Go there") — and says where everyone went.
 * Focus is never moved: that would pull a keyboard or screen-reader user out of what they were
 * doing (only their own "Go there" takes it along).
 */
export class FocusFollower implements ReactiveController {
  private runtime: WorkshopRuntime | undefined;
  /** The document followed (a runtime starts a new one when another person joins on the page). */
  private doc: WorkshopRuntime['doc'] | undefined;
  private stop: (() => void) | undefined;
  private phaseId: string | null | undefined;
  private focusAt: number | undefined;
  private marked: HTMLElement[] = [];
  private focus: Focus | null = null;
  /** When the person last pressed a key in this workshop's elements. */
  private lastKey = -Infinity;
  private readonly onKey = (): void => {
    this.lastKey = performance.now();
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source: () => WorkshopRuntime | undefined,
    private readonly t: Translate,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKey, { capture: true, passive: true });
    this.refresh();
  }

  hostUpdate(): void {
    this.refresh();
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKey, { capture: true });
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
    this.focusAt = undefined;
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
      if (this.focusAt !== undefined && news) runtime.announcer.later('focus', () => this.t('focusClearedAnnouncement'));
      this.focusAt = undefined;
      this.unmark();
      this.held(null);
      return;
    }
    if (focus.at === this.focusAt) return;
    this.focusAt = focus.at;
    this.mark(focus);
    this.held(null);
    // The facilitator leads: their own view never jumps.
    if (local || runtime.session.role === 'facilitator') return;
    const title = describeElement(runtime.doc, focus.elementId)?.title ?? this.t('focusSomewhere');
    // Never scroll someone away from what they are working on: the view stays, and they are told
    // where everyone went, with "Go there" (in <co-phase>) for when they are ready.
    const busy = runtime.following && this.busyElsewhere();
    if (runtime.following && !busy) this.scrollToMarked();
    if (busy) this.held(focus.at);
    if (news) {
      runtime.announcer.later('focus', () => {
        if (busy) {
          const goThere = this.host.querySelector('co-phase') ? [this.t('focusHeldGoThere')] : [];
          return [this.t('focusHeldAnnouncement', { title }), ...goThere].join(' ');
        }
        return this.t(runtime.following ? 'focusAnnouncement' : 'focusNotFollowingAnnouncement', { title });
      });
    }
  }

  /**
   * Whether the person is working somewhere other than where everyone is being brought: the
   * keyboard is in another of this workshop's elements, or in a text field with something typed in
   * it, or they pressed a key in this workshop's elements in the last few seconds.
   */
  private busyElsewhere(): boolean {
    const active = deepActive();
    const target = this.marked[0];
    if (active && target && within(active, target)) return false;
    if (isTyping(active)) return true;
    const around = active ? coproduceElementAround(active) : null;
    if (around && within(around, this.host)) return true;
    return performance.now() - this.lastKey < KEYBOARD_QUIET_MS;
  }

  /** Tells `<co-phase>` whether the view was held back from the bringing at `at` (null: it is not). */
  private held(at: number | null): void {
    this.runtime?.dispatchEvent(new CustomEvent<FocusHeldDetail>(FOCUS_HELD, { detail: { at } }));
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
      target?.scrollIntoView({ behavior: reducedMotion() ? 'auto' : 'smooth', block: 'start' });
    }, 0);
  }

  /** "Go there": scrolls to where the facilitator brought everyone, whether or not the person follows. */
  goThere(): void {
    if (this.focus === null) return;
    if (this.marked.length === 0) this.mark(this.focus);
    this.held(null);
    this.scrollToMarked();
  }
}
