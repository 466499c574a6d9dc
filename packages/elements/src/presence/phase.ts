import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { observeControl, observeRoots, type ControlSnapshot, type Role } from '@coproduce/core';
import { ObserveController } from '../controllers/observe-controller.js';
import { WorkshopController } from '../controllers/workshop-controller.js';
import { facilitationStyles } from '../facilitator-panel/shared-styles.js';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import { buttons, tokens } from '../styles/tokens.js';
import { FOCUS_HELD, FOCUS_REQUEST, FOCUS_ATTRIBUTE, type FocusHeldDetail } from './follow.js';
import { describeElement, findElementsFor } from './titles.js';
import './people-strings.js';
import './strings.js';

export interface FollowEventDetail {
  following: boolean;
}

/**
 * Where the workshop is, for everyone: the current phase ("Step 2 of 4: Group"), optionally the
 * whole agenda, and — when the facilitator brings everyone to one place — where that is, with a
 * way to step out of following (and back in, or just go there once). When the view was not moved
 * because the person was working somewhere else, it says so, with "Go there".
 *
 * @summary The current phase, and where the facilitator is bringing everyone.
 * @event {CustomEvent<FollowEventDetail>} co-follow-change - The person stepped out of (or back into) following the facilitator. `detail: { following }`.
 * @csspart base - The banner.
 * @csspart phase - The current phase line.
 * @csspart agenda - The list of phases (with `agenda`).
 * @csspart focus - The "bringing everyone to" box.
 * @cssproperty --co-phase-background - Background of the banner.
 * @cssproperty --co-phase-accent - Colour of the banner's edge.
 */
export class CoPhase extends LitElement {
  static override styles = [
    tokens,
    buttons,
    facilitationStyles,
    css`
      .banner {
        padding: var(--_space-3) var(--_space-4);
        border-left: 6px solid var(--co-phase-accent, var(--_primary));
        background: var(--co-phase-background, var(--_surface));
      }
      .now {
        margin: 0;
        font-size: var(--_font-size-large);
        font-weight: 700;
        line-height: 1.3;
      }
      .step {
        display: block;
        font-size: var(--_font-size);
        font-weight: 400;
        color: var(--_text-secondary);
      }
      .agenda {
        margin: var(--_space-3) 0 0;
        padding-left: 1.5em;
      }
      .agenda li {
        margin: var(--_space-1) 0;
      }
      .agenda [aria-current='step'] {
        font-weight: 700;
      }
      .focus {
        margin-top: var(--_space-3);
        padding-top: var(--_space-3);
        border-top: 1px solid var(--_border-subtle);
      }
      .focus p {
        margin-bottom: var(--_space-2);
      }
    `,
  ];

  /** Also list every phase, the current one marked. */
  @property({ type: Boolean, reflect: true }) agenda = false;
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

  /** The bringing (its time) the person's view was held back from while they worked elsewhere (see follow.ts). */
  @state() private heldAt: number | null = null;

  private readonly i18n = new LocalizeController(this);
  private readonly workshop = new WorkshopController(this);
  private readonly heldWatch = new ObserveController<null>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      if (!runtime) return undefined;
      const onHeld = (event: Event): void => {
        this.heldAt = (event as CustomEvent<FocusHeldDetail>).detail.at;
      };
      runtime.addEventListener(FOCUS_HELD, onHeld);
      set(null);
      return () => {
        runtime.removeEventListener(FOCUS_HELD, onHeld);
        this.heldAt = null;
      };
    },
  );
  private readonly control = new ObserveController<ControlSnapshot>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      return runtime ? observeControl(runtime.doc, (snapshot) => set(snapshot), { session: runtime.session }) : undefined;
    },
  );
  /** Changes to the titles this element shows (of boards, votes, journey maps and phases): a count, to re-render. */
  private readonly info = new ObserveController<number>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      let changes = 0;
      return runtime ? observeRoots(runtime.doc, ['boards', 'polls', 'journeys', 'control'], () => set(changes++)) : undefined;
    },
  );

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  private setFollowing(following: boolean): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    runtime.setFollowing(following);
    if (following) this.goThere();
    this.dispatchEvent(new CustomEvent<FollowEventDetail>('co-follow-change', { detail: { following }, bubbles: true, composed: true }));
  }

  /**
   * Scrolls to where everyone was brought. `withKeyboard`: the button pressed goes away (the view
   * was held back while the person worked elsewhere), so the keyboard goes there too, to the
   * element's heading.
   */
  private goThere(withKeyboard = false): void {
    const runtime = this.workshop.runtime;
    const focus = this.control.value?.focus;
    if (!runtime || !focus) return;
    if (withKeyboard) {
      const heading = findElementsFor(document, focus.elementId)[0]?.shadowRoot?.querySelector<HTMLElement>('[part~="heading"][tabindex]');
      if (heading) setTimeout(() => heading.focus({ preventScroll: true }), 0);
      else void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-action="step-out"]')?.focus());
    }
    if (this.workshop.standalone) {
      // No <co-workshop> to do it: look for the element on the whole page.
      const target = findElementsFor(document, focus.elementId)[0];
      target?.setAttribute(FOCUS_ATTRIBUTE, '');
      target?.scrollIntoView({ block: 'start' });
    } else {
      runtime.dispatchEvent(new Event(FOCUS_REQUEST));
    }
  }

  private renderFocus(snapshot: ControlSnapshot) {
    const runtime = this.workshop.runtime;
    const focus = snapshot.focus;
    if (!runtime || !focus) return nothing;
    const title = describeElement(runtime.doc, focus.elementId)?.title ?? this.t('focusSomewhere');
    if (runtime.session.role === 'facilitator') {
      return html`<div part="focus" class="focus"><p>${this.t('focusYouAreBringing', { title })}</p></div>`;
    }
    void this.heldWatch.value; // listening while the workshop stays the same: keeps `heldAt` current
    const held = runtime.following && this.heldAt !== null && this.heldAt === focus.at;
    return html`<div part="focus" class="focus" role="group" aria-label=${this.t('focusGroupLabel')}>
      <p data-focus-text>${this.t(held ? 'focusHeld' : runtime.following ? 'focusFollowing' : 'focusNotFollowing', { title })}</p>
      <div class="actions">
        ${held ? html`<button class="button" type="button" data-action="go-there" @click=${() => this.goThere(true)}>${this.t('focusGoThere')}</button>` : nothing}
        ${runtime.following
          ? html`<button class="button" data-variant="secondary" type="button" data-action="step-out" @click=${() => this.setFollowing(false)}>${this.t('focusStepOut')}</button>`
          : html`<button class="button" type="button" data-action="go-there" @click=${() => this.goThere()}>${this.t('focusGoThere')}</button>
              <button class="button" data-variant="secondary" type="button" data-action="follow" @click=${() => this.setFollowing(true)}>${this.t('focusFollowAgain')}</button>`}
      </div>
    </div>`;
  }

  protected override render() {
    void this.info.value; // titles of the element everyone is brought to
    const snapshot = this.control.value;
    const runtime = this.workshop.runtime;
    if (!runtime || !snapshot) return html`<div part="base" class="banner"><p class="now">${this.t('notConnected')}</p></div>`;
    const { phases, currentPhase } = snapshot;
    if (phases.length === 0 && !snapshot.focus) return nothing;
    const index = currentPhase ? phases.findIndex((p) => p.id === currentPhase.id) : -1;
    return html`<section part="base" class="banner" aria-label=${this.t('phaseLabel')}>
      ${phases.length === 0
        ? nothing
        : currentPhase
          ? html`<p part="phase" class="now"><span class="step">${this.t('phaseStep', { step: index + 1, total: phases.length })}</span><span dir="auto">${currentPhase.title}</span></p>`
          : html`<p part="phase" class="now">${this.t('phaseNotStarted')}</p>`}
      ${this.agenda && phases.length > 0
        ? html`<ol part="agenda" class="agenda">
            ${phases.map((p) => html`<li aria-current=${p.id === currentPhase?.id ? 'step' : 'false'}><span dir="auto">${p.title}</span>${p.id === currentPhase?.id
              ? html` <span class="tag" data-tone="on">${this.t('phaseNowTag')}</span>`
              : nothing}</li>`)}
          </ol>`
        : nothing}
      ${this.renderFocus(snapshot)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'co-phase': CoPhase;
  }
  interface HTMLElementEventMap {
    'co-follow-change': CustomEvent<FollowEventDetail>;
  }
}
