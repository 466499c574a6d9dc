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

/** True while the person is typing into a field that has something in it: never scroll them away from it. */
function isTyping(): boolean {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
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
 * is in the middle of typing — and says where everyone went. Focus is never moved: that would
 * pull a keyboard or screen-reader user out of what they were doing.
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
      return;
    }
    if (focus.at === this.focusAt) return;
    this.focusAt = focus.at;
    this.mark(focus);
    // The facilitator leads: their own view never jumps.
    if (local || runtime.session.role === 'facilitator') return;
    const title = describeElement(runtime.doc, focus.elementId)?.title ?? this.t('focusSomewhere');
    if (runtime.following && !isTyping()) this.scrollToMarked();
    if (news) {
      runtime.announcer.later('focus', () => this.t(runtime.following ? 'focusAnnouncement' : 'focusNotFollowingAnnouncement', { title }));
    }
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
    this.scrollToMarked();
  }
}
