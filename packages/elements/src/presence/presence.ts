import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { listPresentUsers, observeRoots, type PresenceUser, type Peer, type Role } from '@coproduce/core';
import { ObserveController } from '../controllers/observe-controller.js';
import { WorkshopController } from '../controllers/workshop-controller.js';
import { facilitationStyles } from '../facilitator-panel/shared-styles.js';
import { LocalizeController, isolate, type MessageKey } from '../i18n/localize.js';
import { peopleOrder } from './people-order.js';
import { formatList } from '../internal/list-format.js';
import type { WorkshopRuntime } from '../internal/runtime.js';
import { SteadyStatus, statusKey, steadyStatusStyles } from '../internal/status.js';
import { palette } from '../styles/palette.js';
import { tokens } from '../styles/tokens.js';
import { avatar, avatarStyles } from './avatar.js';
import { describeElement } from './titles.js';
import './people-strings.js';
import './strings.js';

type Present = readonly { readonly user: PresenceUser; readonly peers: readonly Peer[] }[];

const ROLE_KEYS: Record<Role, MessageKey> = {
  facilitator: 'presenceRoleFacilitator',
  participant: 'presenceRoleParticipant',
  observer: 'presenceRoleObserver',
};

/**
 * Who is in the workshop right now: each person's initials on their colour with their name
 * written beside it (colour is never the only clue), their role when it is not "participant",
 * where they are ("Writing on Ideas for the park", "Away"), and your own connection status in words
 * (connecting, connected, offline with changes waiting, saved).
 *
 * People arriving and leaving are announced politely, summarised ("Ana, Bryn and 3 others joined":
 * after one is said, arrivals and departures are gathered for a while and said together), unless the
 * element is `quiet` — but not the people already there when the page opens, nor everyone
 * dropping out of the list and back while this page's own connection is down.
 *
 * @summary Who is here, where they are, and your connection status.
 * @csspart base - The outer section.
 * @csspart heading - The title.
 * @csspart status - Your connection status.
 * @csspart list - The list of people.
 * @csspart person - Each person.
 * @cssproperty --co-note-yellow - Avatar colours (likewise orange, pink, purple, blue, teal, green, grey).
 */
/** How long arrivals and departures are gathered after one has been said, to be said together. */
const PRESENCE_GATHER_MS = 6_000;

export class CoPresence extends LitElement {
  static override styles = [
    tokens,
    palette,
    facilitationStyles,
    avatarStyles,
    steadyStatusStyles,
    css`
      .presence {
        padding: var(--_space-4);
        border: 1px solid var(--_border-subtle);
        border-radius: var(--_radius);
        background: var(--_bg);
      }
      .header {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--_space-1) var(--_space-3);
      }
      .header .heading {
        margin-bottom: var(--_space-1);
      }
      .count {
        margin: 0;
        color: var(--_text-secondary);
      }
      .status {
        display: flex;
        align-items: center;
        gap: var(--_space-2);
        margin: var(--_space-2) 0 var(--_space-3);
        font-weight: 600;
      }
      .status-mark {
        flex: none;
        width: 12px;
        height: 12px;
        border-radius: 50%;
        border: 2px solid var(--_text-secondary);
      }
      .status[data-status='synced'] .status-mark,
      .status[data-status='connected'] .status-mark {
        background: var(--_success);
        border-color: var(--_success);
      }
      .status[data-status='offline'] .status-mark {
        background: transparent;
        border-color: var(--_warning);
        border-style: dashed;
      }
      .people {
        display: flex;
        flex-direction: column;
        gap: var(--_space-2);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .person {
        display: flex;
        align-items: flex-start;
        gap: var(--_space-3);
        min-height: 44px;
      }
      .who {
        display: flex;
        flex-direction: column;
        min-width: 0;
      }
      .name {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .name .tag {
        margin-left: var(--_space-2);
        vertical-align: 2px;
      }
      .where {
        color: var(--_text-secondary);
        overflow-wrap: anywhere;
      }
      .empty {
        color: var(--_text-secondary);
      }
    `,
  ];

  /** Heading level of the title (1–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /** The title (default "Who's here"). */
  @property() label: string | null = null;
  /** Don't announce people arriving and leaving. */
  @property({ type: Boolean, reflect: true }) quiet = false;
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

  private readonly i18n = new LocalizeController(this);
  private readonly workshop = new WorkshopController(this);
  private readonly present = new ObserveController<Present>(
    this,
    () => [this.workshop.runtime, this.workshop.runtime?.awareness],
    (set) => {
      const awareness = this.workshop.runtime?.awareness;
      if (!awareness) return undefined;
      let previous: Present | undefined;
      const read = (): void => {
        const next = listPresentUsers(awareness, { includeSelf: true });
        if (previous !== undefined) this.noteArrivals(previous, next);
        previous = next;
        set(next);
      };
      awareness.on('change', read);
      read();
      return () => awareness.off('change', read);
    },
  );
  /** Changes to the titles this element shows (of boards, votes, journey maps and phases): a count, to re-render. */
  private readonly workshopInfo = new ObserveController<number>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      let changes = 0;
      return runtime ? observeRoots(runtime.doc, ['boards', 'polls', 'journeys', 'control'], () => set(changes++)) : undefined;
    },
  );
  private joined: PresenceUser[] = [];
  private left: string[] = [];
  /** While set, arrivals and departures are gathered, to be said together when it ends. */
  private gathering: ReturnType<typeof setTimeout> | undefined;
  /** People who went from the list while this page was offline: back again, they are not announced. */
  private readonly vanished = new Set<string>();

  /** The status line keeps the height of the longest status it has shown (no jump at each reconnection). */
  private readonly steadyStatus = new SteadyStatus();

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  /** The people present now (one entry per person, whatever their number of devices). */
  get people(): Present {
    return this.present.value ?? [];
  }

  /**
   * Queues "Sam joined" / "Sam left" for the announcer, for changes seen while the page is in sync
   * with the server. The rest is not news: the people already there when the page opens arrive
   * with the server's first answer, and when this page goes offline everyone else vanishes from
   * the list and comes back (some while after it is back online) without having left.
   */
  private noteArrivals(before: Present, after: Present): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const catchingUp = !runtime.ready || runtime.status !== 'synced';
    const self = runtime.session.user.id;
    const was = new Map(before.map((p) => [p.user.id, p.user.name]));
    const now = new Map(after.map((p) => [p.user.id, p.user]));
    for (const [id, user] of now) {
      if (was.has(id) || id === self) continue;
      if (this.vanished.delete(id) || catchingUp || this.quiet) continue;
      this.joined.push(user);
    }
    for (const [id, name] of was) {
      if (now.has(id) || id === self) continue;
      if (catchingUp) this.vanished.add(id);
      else if (!this.quiet) this.left.push(name);
    }
    if (this.joined.length === 0 && this.left.length === 0) return;
    // At the start of a workshop people arrive one by one, seconds apart: the first is said at once
    // (through the announcer's short wait), the next ones gathered and said together afterwards,
    // so someone writing hears one sentence, not one interruption per person.
    if (this.gathering !== undefined) return;
    this.queueArrivals(runtime);
  }

  private queueArrivals(runtime: WorkshopRuntime): void {
    runtime.announcer.later('presence', () => {
      const parts: string[] = [];
      // A facilitator's arrival says so ("Priya, facilitator, joined"): anyone may call themselves "Facilitator".
      const [only] = this.joined;
      if (only && this.joined.length === 1 && only.role === 'facilitator') parts.push(this.t('presenceJoinedFacilitator', { name: only.name }));
      else if (this.joined.length) {
        const names = this.joined.map((u) => (u.role === 'facilitator' ? this.t('presenceNameFacilitator', { name: u.name }) : u.name));
        parts.push(this.namesSaid('presenceJoined', 'presenceJoinedList', names));
      }
      if (this.left.length) parts.push(this.namesSaid('presenceLeft', 'presenceLeftList', this.left));
      this.joined = [];
      this.left = [];
      return parts.length ? parts.join('. ') : null;
    });
    clearTimeout(this.gathering);
    this.gathering = setTimeout(() => {
      this.gathering = undefined;
      if ((this.joined.length || this.left.length) && this.workshop.runtime === runtime) this.queueArrivals(runtime);
    }, PRESENCE_GATHER_MS);
  }

  /** "Ana joined", "Ana and Bryn joined", "Ana, Bryn and 3 others joined" (and the same for leaving). */
  private namesSaid(one: MessageKey, list: MessageKey, names: readonly string[]): string {
    if (names.length === 1) return this.t(one, { count: 1, name: names[0] ?? '' });
    // Each name isolated on its own, so right-to-left names keep their place in the list.
    const shown = names.length <= 3 ? names.map(isolate) : [...names.slice(0, 2).map(isolate), this.t('presenceOthers', { count: names.length - 2 })];
    return this.t(list, { names: formatList(shown, this.i18n.lang) });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.gathering);
    this.gathering = undefined;
  }

  private where(peers: readonly Peer[], titleOf: (elementId: string) => string | undefined): string {
    if (peers.every((p) => p.state.away === true)) return this.t('presenceAway');
    const focus = peers.find((p) => p.state.focus !== null && p.state.away !== true)?.state.focus ?? null;
    if (!focus) return this.t('presenceHere');
    const title = titleOf(focus.elementId) ?? this.t('presenceSomewhere');
    return this.t(focus.editing ? 'presenceEditing' : 'presenceLooking', { title });
  }

  protected override updated(): void {
    if (this.workshop.standalone) {
      this.workshop.runtime?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    }
  }

  protected override render() {
    // Titles of boards and votes change rarely, but when they do the "where" lines follow.
    void this.workshopInfo.value;
    const runtime = this.workshop.runtime;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const self = runtime?.session.user.id;
    // You first, then by name in the page's language, numbers as numbers (as the facilitator panel lists people).
    const people = [...this.people].sort(peopleOrder(this.i18n.lang, self, (p) => p.user));
    // Each element's title is looked up once per render, however many people are on it.
    const titles = new Map<string, string | undefined>();
    const titleOf = (elementId: string): string | undefined => {
      if (!titles.has(elementId)) titles.set(elementId, runtime ? describeElement(runtime.doc, elementId)?.title : undefined);
      return titles.get(elementId);
    };
    // The rows are a plain list, not repeat() (whose lost comment nodes, lit/lit#5010, the workspace
    // now patches): a row keeps no state — no control to focus, nothing typed, no live region — so
    // keeping each row's nodes with its person would gain screen-reader users nothing (the list is
    // read afresh, and arrivals and departures are said through the announcer), and reusing rows
    // in order keeps repeat out of this element's bundle.
    return html`<section part="base" class="presence" aria-labelledby="presence-title">
        <div class="header">
          <div part="heading" class="heading" role="heading" aria-level=${level} id="presence-title">${this.label ?? this.t('presenceLabel')}</div>
          <p class="count">${this.t('presenceCount', { count: people.length })}</p>
        </div>
        ${runtime
          ? html`<p part="status" class="status" data-status=${runtime.status}>
              <span class="status-mark" aria-hidden="true"></span>${this.steadyStatus.render(statusKey(runtime.status, runtime.hasUnsyncedChanges), (key) =>
                this.t('presenceYourConnection', { status: this.t(key) }))}
            </p>`
          : html`<p part="status" class="status">${this.t('notConnected')}</p>`}
        ${people.length === 0
          ? html`<p class="empty">${this.t('presenceNobody')}</p>`
          : html`<ul part="list" class="people" role="list" aria-labelledby="presence-title">
              ${people.map(({ user, peers }) => {
                const role = user.id === self && runtime ? runtime.session.role : user.role;
                const away = peers.every((p) => p.state.away === true);
                return html`<li part="person" class="person" data-user=${user.id}>
                  ${avatar(user.name, user.colour, away)}
                  <span class="who">
                    <span class="name">${user.id === self ? this.t('presenceYou', { name: user.name }) : html`<span dir="auto">${user.name}</span>`}${role !== 'participant'
                      ? html` <span class="tag" data-tone="on">${this.t(ROLE_KEYS[role])}</span>`
                      : nothing}</span>
                    <span class="where">${this.where(peers, titleOf)}</span>
                  </span>
                </li>`;
              })}
            </ul>`}
      </section>
      ${this.workshop.standalone ? html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer></div>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'co-presence': CoPresence;
  }
}
