import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { observePeople, observeRoots, roots, type PersonSnapshot, type Role } from '@coproduce/core';
import { ObserveController } from '../controllers/observe-controller.js';
import { WorkshopFinder } from '../controllers/workshop-finder.js';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import { buttons, tokens } from '../styles/tokens.js';
import type { WorkshopRuntime } from '../internal/runtime.js';
import { refusedMessage } from '../internal/status.js';
import { JoinMembership } from './gate.js';
import { InviteLink, inviteStyles, renderInviteStatus } from './invite.js';
import { NameForm, joinBaseStyles, linkProblem, nameFormStyles } from './name-form.js';
import { qrCode } from './qr.js';
import './strings.js';
import './invite-strings.js';

export interface NameEventDetail {
  name: string;
}

/**
 * The workshop's name to show people joining, or null when it has none worth showing: empty, or the
 * room id a page made the workshop with (the runtime names a new workshop after its room).
 */
function nameOf(runtime: WorkshopRuntime): string | null {
  const title = roots(runtime.doc).meta.get('title');
  return typeof title === 'string' && title.trim() && title !== (runtime.room.slice(0, 80).trim() || 'Workshop') ? title : null;
}

/**
 * Joining a workshop without an account. Someone without a name is asked what to call them (the
 * name is remembered on their device); everyone can change their name later. When the facilitator
 * has named the workshop, the name form's heading says its name ("Join “Ward 3 budget”") and
 * follows a rename; a workshop named only after its room keeps the plain wording. A
 * shared join link cannot read the workshop before the person joins, so its form says "Join the
 * workshop". Facilitators — and everyone, with `invite` — also see how to invite others: the join
 * link, a button to copy it, and a QR code drawn on the device (no image service). Facilitators do
 * not see it here when the workshop has a `<co-facilitator-panel>`, which shows the same invitation.
 *
 * With a shared join link (the workshop's `token` is a join token), this is where the person gives
 * their name: the server then gives them a personal token, which is kept on their device so they
 * are not asked again on their next visit. Until then, the other elements of the workshop show a
 * line pointing here instead of their content. If the link has expired, it says so in words.
 *
 * If the server turns the page away (no link, an expired link, a link for another workshop), it
 * never asks for a name or says the person is taking part: it says the page cannot join, and
 * why, in words.
 *
 * The join link is `href`, or this page's address without any sign-in token in it. On a server that
 * checks tokens, a facilitator's link needs a participant join token as its `token`: when the
 * link has none (the page was not opened with the printed facilitator link, whose `invite` carries
 * one), the facilitator's own token gets one from the server (`POST /invite`), once per page.
 * Meanwhile the invitation says "Getting the link…", and if that fails it says why in words, with
 * a Try again button.
 *
 * @summary Join with just a name; invite others with a link and a QR code.
 * @event {CustomEvent<NameEventDetail>} co-name-change - The local person chose or changed their name. `detail: { name }`.
 * @csspart base - The outer section.
 * @csspart name-form - The name form.
 * @csspart invite - The invitation (link and QR code).
 * @csspart link - The join link.
 * @csspart qr - The QR code (an SVG image).
 * @cssproperty --co-color-primary - Colour of the main button.
 */
export class CoJoin extends LitElement {
  static override styles = [
    tokens,
    buttons,
    joinBaseStyles,
    nameFormStyles,
    inviteStyles,
    css`
      .join {
        display: flex;
        flex-direction: column;
        gap: var(--_space-4);
      }
      .you {
        margin: 0;
      }
    `,
  ];

  /** Show the invitation (link and QR code) to everyone, not just facilitators — e.g. on a projected page. */
  @property({ type: Boolean, reflect: true }) invite = false;
  /**
   * The address people join at (default: this page, without any sign-in token). A facilitator's
   * invitation adds a participant join token to it unless it already carries one (`token=`).
   */
  @property() href: string | null = null;
  /** Width and height of the QR code in CSS pixels (default 192). */
  @property({ type: Number, attribute: 'qr-size' }) qrSize = 192;
  /** Heading level of the titles (1–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
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

  @state() private editing = false;

  private readonly i18n = new LocalizeController(this);
  private readonly t = (key: MessageKey, params?: Record<string, string | number>): string => this.i18n.t(key, params);
  private readonly workshop = new WorkshopFinder(this);
  private readonly nameForm = new NameForm(
    this,
    this.t,
    (message) => (this.workshop.runtime ?? this.workshop.pending)?.announcer.say(message),
  );

  constructor() {
    super();
    // Someone else joined on this page (a shared device): a name change the last person began is closed.
    this.workshop.onPersonChange = () => {
      this.editing = false;
    };
  }

  /** Tells the page's other elements waiting for this join link that the form is here. */
  private readonly membership = new JoinMembership(this, 'join', () => this.requestUpdate());
  private readonly people = new ObserveController<readonly PersonSnapshot[]>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      return runtime ? observePeople(runtime.doc, (list) => set(list), { session: runtime.session }) : undefined;
    },
  );

  /** The workshop's name (null: none to show), kept up to date. */
  private readonly workshopName = new ObserveController<string | null>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      return runtime ? observeRoots(runtime.doc, ['meta'], () => set(nameOf(runtime))) : undefined;
    },
  );

  /** The titles' heading level, 1–6. */
  private get level(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
  }

  /** After "Try again": move focus to the outcome (the link, or the button again). */
  private retried = false;
  private readonly inviteLink = new InviteLink(this, () => {
    if (!this.retried) return;
    this.retried = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="link"], [data-action="retry-invite"]')?.focus());
  });

  /** The link people join with; null while a facilitator's join token is fetched, or if it could not be. */
  get joinUrl(): string | null {
    const link = this.inviteLink.resolve(this.workshop.runtime, this.href);
    return link.status === 'ready' ? link.url : null;
  }

  private retryInvite(): void {
    this.retried = true;
    this.inviteLink.retry();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-invite-status]')?.focus());
  }

  private get myName(): string {
    const runtime = this.workshop.runtime;
    if (!runtime) return '';
    return this.people.value?.find((p) => p.id === runtime.session.user.id)?.name ?? runtime.session.user.name;
  }

  private focusChangeName(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-action="change-name"]')?.focus());
  }

  private confirm(runtime: WorkshopRuntime, message: string, name: string): void {
    this.claimed = true;
    runtime.announcer.say(message);
    this.dispatchEvent(new CustomEvent<NameEventDetail>('co-name-change', { detail: { name }, bubbles: true, composed: true }));
    this.focusChangeName();
  }

  /** A name chosen (or changed) in a workshop the person is already in. */
  private readonly onName = (event: SubmitEvent): void => {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    void this.nameForm.submit(event, (name) => runtime.setDisplayName(name)).then((ok) => {
      if (!ok) return;
      this.editing = false;
      const name = this.myName;
      this.confirm(runtime, this.t('joinNameSaved', { name }), name);
    });
  };

  /** A name given to join through a shared join link: traded at the server for a personal token. */
  private readonly onJoin = (event: SubmitEvent): void => {
    const runtime = this.workshop.pending;
    if (!runtime) return;
    void this.nameForm.submit(event, (name) => runtime.join(name)).then((ok) => {
      if (!ok || runtime.needsName) return;
      const name = runtime.session.user.name;
      // After the update that attaches a standalone <co-join>'s own live region.
      void this.updateComplete.then(() => this.confirm(runtime, this.t('joinJoined', { name }), name));
    });
  };

  private async copyLink(): Promise<void> {
    const runtime = this.workshop.runtime;
    const url = this.joinUrl;
    if (url === null) return;
    try {
      await navigator.clipboard.writeText(url);
      runtime?.announcer.say(this.t('joinLinkCopied'));
      this.copied = true;
    } catch {
      // No clipboard (an old browser, or not allowed): select the link so it can be copied by hand.
      const link = this.renderRoot.querySelector('.link');
      if (link) {
        const range = document.createRange();
        range.selectNodeContents(link);
        const selection = getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
      }
      runtime?.announcer.say(this.t('joinLinkSelected'));
      this.copied = false;
    }
    this.requestUpdate();
  }
  private copied = false;

  /** True once this element has told the person they are taking part (so a refusal after that is said too). */
  private claimed = false;
  /** Whether the last render showed the refusal; and whether focus was in this element just before this render. */
  private wasRefused = false;
  private focusWasInside = false;

  /** The words for a page the server turned away: it has not joined, and why. */
  private refusalText(runtime: WorkshopRuntime): string {
    const reason = refusedMessage(runtime, this.t) ?? this.t('statusRefused');
    return this.t('joinRefused', { reason });
  }

  /**
   * The server turned this page away: no name form, no "You are taking part" — the refusal in
   * words, with what to do. There is no Try again: the server refuses a link for good (a 44xx
   * close, after which clients do not reconnect); only a new link helps.
   */
  private renderRefused(runtime: WorkshopRuntime) {
    return html`<section class="refused" aria-labelledby="join-title">
      <div class="heading" role="heading" aria-level=${this.level} id="join-title">${this.t('joinTitle')}</div>
      <p class="problem" data-refused tabindex="-1">${this.refusalText(runtime)}</p>
    </section>`;
  }

  private renderName() {
    const pending = this.workshop.pending;
    if (pending) {
      return this.nameForm.render(
        { title: this.t('joinTitle'), headingLevel: this.headingLevel, submitLabel: this.t('joinButton'), initial: '', busy: pending.joining, problem: linkProblem(pending.joinError, this.t) },
        this.onJoin,
      );
    }
    const runtime = this.workshop.runtime;
    if (!runtime) return nothing;
    if (runtime.status === 'refused') return this.renderRefused(runtime);
    const asking = !runtime.hasChosenName || this.editing;
    if (!asking) {
      return html`<div class="row">
        <p class="you grow">${this.t('joinYouAre', { name: this.myName })}</p>
        <button class="button" data-variant="secondary" type="button" data-action="change-name" @click=${() => {
          this.editing = true;
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#join-name')?.focus());
        }}>${this.t('joinChangeName')}</button>
      </div>`;
    }
    const title = this.workshopName.value ?? null;
    return this.nameForm.render(
      {
        title: runtime.hasChosenName ? this.t('joinChangeNameTitle') : title !== null ? this.t('joinTitleNamed', { title }) : this.t('joinTitle'),
        headingLevel: this.headingLevel,
        submitLabel: runtime.hasChosenName ? this.t('joinSaveName') : this.t('joinButton'),
        initial: runtime.hasChosenName ? this.myName : '',
        cancel: this.editing
          ? () => {
              this.editing = false;
              this.nameForm.reset();
              this.focusChangeName();
            }
          : undefined,
      },
      this.onName,
    );
  }

  private renderInvite() {
    const runtime = this.workshop.runtime;
    // Facilitators see it here unless the workshop's facilitator panel shows it already; everyone with `invite`.
    if (!this.invite && (runtime?.session.role !== 'facilitator' || runtime.hasInviter)) return nothing;
    const link = this.inviteLink.resolve(runtime, this.href);
    const url = link.status === 'ready' ? link.url : null;
    return html`<section part="invite" class="invite" aria-labelledby="invite-title">
      <div class="invite-text">
        <div class="heading" role="heading" aria-level=${this.level} id="invite-title">${this.t('joinInviteTitle')}</div>
        ${url === null
          ? renderInviteStatus(link, this.t, () => this.retryInvite())
          : html`<p>${this.t('joinInviteHint')}</p>
              <a part="link" class="link" href=${url}>${url}</a>
              <button class="button" data-variant="secondary" type="button" data-action="copy" @click=${() => void this.copyLink()}>
                ${this.copied ? this.t('joinLinkCopiedButton') : this.t('joinCopyLink')}
              </button>`}
      </div>
      ${url === null ? nothing : qrCode(url, this.t('joinQrLabel', { url }), Math.max(96, Math.min(1024, Math.round(this.qrSize) || 192)))}
    </section>`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.membership.set(undefined);
  }

  protected override willUpdate(): void {
    this.focusWasInside = this.shadowRoot?.activeElement != null;
    // A name cannot be changed in a workshop that turned the page away.
    if (this.editing && this.workshop.runtime?.status === 'refused') this.editing = false;
  }

  protected override updated(): void {
    this.membership.set(this.isConnected ? this.workshop.pending : undefined);
    const runtime = this.workshop.runtime;
    const refused = runtime?.status === 'refused';
    if (runtime && refused && !this.wasRefused) {
      // The form (or the name) the person was at has gone: take them to why, or say it.
      const message = this.renderRoot.querySelector<HTMLElement>('[data-refused]');
      if (this.focusWasInside && message) message.focus();
      else if (this.claimed) runtime.announcer.say(this.refusalText(runtime));
    }
    this.wasRefused = refused;
    if (this.workshop.standalone) {
      // Waiting for a name too: why a name was not accepted is said through it.
      (this.workshop.runtime ?? this.workshop.pending)?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    }
  }

  protected override render() {
    return html`<div part="base" class="join box">
        ${this.workshop.runtime || this.workshop.pending ? this.renderName() : html`<p>${this.t('notConnected')}</p>`}
        ${this.renderInvite()}
      </div>
      ${this.workshop.standalone ? html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer></div>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'co-join': CoJoin;
  }
  interface HTMLElementEventMap {
    'co-name-change': CustomEvent<NameEventDetail>;
  }
}
