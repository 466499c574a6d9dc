import { LitElement, html, css, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { Role } from '@coproduce/core';
import { workshopContext } from '../context.js';
import { LocalizeController } from '../i18n/localize.js';
import { WorkshopRuntime, type RuntimeStatus } from '../internal/runtime.js';
import { FocusFollower } from '../presence/follow.js';
import { tokens } from '../styles/tokens.js';

/**
 * Holds the connection to one workshop room and provides it to every Coproduce element inside it,
 * so a page is just markup:
 *
 * ```html
 * <co-workshop server="wss://workshops.example.gov.uk" room="bus-routes" token="…">
 *   <co-idea-board board="main"></co-idea-board>
 * </co-workshop>
 * ```
 *
 * Several `<co-workshop>`s on one page stay separate: each has its own document, connection,
 * presence and announcer.
 *
 * When the facilitator moves to a new phase it is announced; when they bring everyone to one
 * board, vote, journey map or phase, the matching element inside (by its `board`, `vote`, `map`,
 * `phase`, `element-id` or `id` attribute) gets a `data-co-focus` attribute and is scrolled into
 * view for everyone who follows (people can step out with `<co-phase>`, and nobody is scrolled
 * away from text they are typing).
 *
 * @summary One live workshop: connection, document and announcer for the elements inside it.
 * @slot - The workshop's elements and any other content.
 * @event {CustomEvent<StatusChangeDetail>} co-status-change - The status a page reads changed (`connecting`, `connected`, `synced`, `offline`, `needs-name`, `refused`; `disconnected` once it has no `room`), or whether this device has changes the server has not confirmed yet; also the first status of each new runtime, right after its first update (so `runtime` is ready then). The one event not caused by the person. `detail: { status, hasUnsyncedChanges }`.
 * @cssproperty --co-focus-highlight - Outline of the element everyone is brought to (default a 4 px blue line).
 * @cssproperty --co-workshop-gap - Space below each Coproduce element inside that is followed by more content (default `--co-space-6`, 32px; `0` for none). The page's own content inside keeps its own margins, and a page rule giving an element a margin wins.
 */
export class CoWorkshop extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      /*
       * Coproduce elements side by side in one workshop (a <co-join> box, a board, a vote) do not
       * touch: each but the last has a gap below it. Only the elements, not the page's own headings
       * and paragraphs inside (their margins are the page's), and a page rule on an element wins
       * over this (::slotted rules lose to the page's). Margins, so a page heading's own margin
       * between two elements collapses with it rather than adding to it.
       */
      ::slotted(co-idea-board:not(:last-child)),
      ::slotted(co-vote:not(:last-child)),
      ::slotted(co-vote-results:not(:last-child)),
      ::slotted(co-vote-controls:not(:last-child)),
      ::slotted(co-journey-map:not(:last-child)),
      ::slotted(co-join:not(:last-child)),
      ::slotted(co-facilitator-panel:not(:last-child)),
      ::slotted(co-presence:not(:last-child)),
      ::slotted(co-phase:not(:last-child)),
      ::slotted(co-timer:not(:last-child)) {
        margin-block-end: var(--co-workshop-gap, var(--_space-6));
      }
      ::slotted([data-co-focus]) {
        outline: var(--co-focus-highlight, 4px solid var(--_link));
        outline-offset: 4px;
        scroll-margin-top: var(--_space-5);
      }
    `,
  ];

  /** The sync server's address (`wss://…`, its path kept); empty for the folder of the page's address (`wss://host/coproduce` for `https://host/coproduce/page.html`). */
  @property({ reflect: true }) server: string | null = null;
  /** The workshop room. */
  @property({ reflect: true }) room: string | null = null;
  /**
   * The token from the link: a personal token, or a shared join token — then `<co-join>` (or, without
   * one, the first element inside) asks for a name, and the personal token the server gives for it
   * is kept on this device for the next visit. Not set: the page address's `token` parameter (the
   * invitation links `<co-join>` makes); `token=""`: no token, whatever the address says.
   */
  @property() token: string | null = null;
  /** The role to take when the server does not use tokens. */
  @property({ attribute: 'user-role', reflect: true }) userRole: Role | null = null;
  /** Display name when the token does not carry one. */
  @property({ attribute: 'user-name' }) userName: string | null = null;

  private readonly provider = new ContextProvider(this, { context: workshopContext });
  private readonly i18n = new LocalizeController(this);
  /** Announces phase changes and follows the facilitator to the element they bring everyone to. */
  private readonly follower = new FocusFollower(this, () => (this.current?.needsName ? undefined : this.current), (key, params) => this.i18n.t(key, params));
  private runtimeKey = '';
  private current: WorkshopRuntime | undefined;

  private given: WorkshopRuntime | undefined;
  private ownsCurrent = false;

  /**
   * The workshop runtime (document, session, connection), once `room` is set. Setting it hands the
   * element a runtime made elsewhere (for example a local one in Storybook); the caller keeps
   * ownership and destroys it.
   */
  get runtime(): WorkshopRuntime | undefined {
    return this.current;
  }
  set runtime(value: WorkshopRuntime | undefined) {
    this.given = value;
    this.runtimeKey = '';
    if (value) this.replaceRuntime(value, 'given');
    else this.ensureRuntime();
  }

  /**
   * The status: the connection's, in the words of `@coproduce/core/connection`, or `needs-name`
   * (a shared join link, waiting for the person's name) or `refused` (the server turned the token away).
   */
  get status(): RuntimeStatus | 'disconnected' {
    return this.current?.status ?? 'disconnected';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ensureRuntime();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (!this.given) this.replaceRuntime(undefined, '');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') || changed.has('room') || changed.has('token') || changed.has('userRole') || changed.has('userName')) {
      this.ensureRuntime();
    }
  }

  private ensureRuntime(): void {
    if (this.given) {
      if (this.current !== this.given) this.replaceRuntime(this.given, 'given');
      return;
    }
    if (!this.isConnected || !this.room) {
      this.replaceRuntime(undefined, '');
      return;
    }
    const key = JSON.stringify([this.server, this.room, this.token, this.userRole, this.userName]);
    if (key === this.runtimeKey) return;
    this.replaceRuntime(
      new WorkshopRuntime({ server: this.server, room: this.room, token: this.token, role: this.userRole, name: this.userName }),
      key,
    );
  }

  private replaceRuntime(next: WorkshopRuntime | undefined, key: string): void {
    const previous = this.current;
    if (previous === next) return;
    previous?.removeEventListener('change', this.onChange);
    this.current = next;
    this.runtimeKey = key;
    next?.addEventListener('change', this.onChange);
    this.provider.setValue(next);
    if (this.ownsCurrent) previous?.destroy();
    this.ownsCurrent = next !== undefined && next !== this.given;
    // The new runtime's first status is said after this update (`updated`), so a page that reads
    // `runtime` from the event finds it provided, and a listener added right after the element was
    // put in the page (or after `room` was set) still hears it.
    this.requestUpdate();
  }

  /** The runtime the last `co-status-change` was about, and what it said (`status:unsynced`). */
  private reportedRuntime: WorkshopRuntime | undefined;
  private lastStatus = 'disconnected:false';

  /**
   * Fires `co-status-change` when the status a page reads (`status`, `runtime.connection`'s unsynced
   * flag) differs from the last one fired, and for the first status of every new runtime (even one
   * with the same status: `runtime` changed). The runtime going away (no `room` any more) is said
   * as `disconnected`; nothing is fired while the element is not in the page. `inUpdate`: called
   * from `updated`, whose update already followed the runtime's state.
   */
  private reportStatus(inUpdate = false): void {
    const runtime = this.current;
    // The exact flag (not the status line's, which waits a moment): a page may warn before closing.
    const unsynced = runtime?.connection?.hasUnsyncedChanges ?? false;
    const status = this.status;
    const said = `${status}:${unsynced}`;
    if (said === this.lastStatus && runtime === this.reportedRuntime) return;
    // Joining (or being asked again) changes what the phase follower may watch.
    if (!inUpdate && this.lastStatus.startsWith('needs-name:') !== (status === 'needs-name')) this.requestUpdate();
    this.lastStatus = said;
    this.reportedRuntime = runtime;
    if (!this.isConnected) return;
    // Status is about the connection, not a participant's intent, so it is not a change event.
    this.dispatchEvent(
      new CustomEvent('co-status-change', {
        detail: { status, hasUnsyncedChanges: unsynced } satisfies StatusChangeDetail,
        bubbles: true,
        composed: true,
      }),
    );
  }

  private readonly onChange = (): void => {
    // Before this runtime's first update, its status is said from `updated` (see `replaceRuntime`).
    if (this.current !== this.reportedRuntime) return;
    this.reportStatus();
  };

  protected override updated(): void {
    this.current?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    this.reportStatus(true);
  }

  protected override render() {
    return html`<slot></slot>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer></div>`;
  }
}

/** Detail of `co-status-change`. */
export interface StatusChangeDetail {
  /** The workshop's status, as `CoWorkshop.status` says it (`disconnected` once it has no runtime: no `room` any more). */
  readonly status: RuntimeStatus | 'disconnected';
  /** Whether this device has changes the server has not confirmed yet (warn before closing the page while true). */
  readonly hasUnsyncedChanges: boolean;
}

/**
 * Every `co-*` event of the elements (declared in `HTMLElementEventMap` by each element). They
 * bubble and cross shadow roots, so pages listen for them on `document` too: `DocumentEventMap`
 * has them all.
 */
export type CoproduceEventMap = {
  [K in keyof HTMLElementEventMap as K extends `co-${string}` ? K : never]: HTMLElementEventMap[K];
};

declare global {
  interface HTMLElementTagNameMap {
    'co-workshop': CoWorkshop;
  }
  interface HTMLElementEventMap {
    'co-status-change': CustomEvent<StatusChangeDetail>;
  }
  interface DocumentEventMap extends CoproduceEventMap {}
}
