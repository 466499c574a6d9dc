import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CoproduceError, TEXT, observePeople, type PersonSnapshot, type Role } from '@coproduce/core';
import { ObserveController } from '../controllers/observe-controller.js';
import { WorkshopController } from '../controllers/workshop-controller.js';
import { facilitationStyles } from '../facilitator-panel/shared-styles.js';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import { buttons, tokens } from '../styles/tokens.js';
import { qrCode, defaultJoinUrl } from './qr.js';
import './strings.js';

export interface NameEventDetail {
  name: string;
}

/**
 * Joining a workshop without an account. Someone without a name is asked what to call them (the
 * name is remembered on their device); everyone can change their name later. Facilitators — and
 * everyone, with `invite` — also see how to invite others: the join link, a button to copy it,
 * and a QR code drawn on the device (no image service).
 *
 * The join link is `href`, or this page's address without any sign-in token in it.
 *
 * @summary Join with just a name; invite others with a link and a QR code.
 * @event co-name-change - The local person chose or changed their name. `detail: { name }`.
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
    facilitationStyles,
    css`
      .join {
        display: flex;
        flex-direction: column;
        gap: var(--_space-4);
      }
      .invite {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space-4);
        align-items: flex-start;
      }
      .invite-text {
        flex: 1 1 14em;
        min-width: 0;
      }
      .link {
        display: block;
        margin-bottom: var(--_space-2);
        color: var(--_link);
        font-weight: 600;
        overflow-wrap: anywhere;
        word-break: break-all;
      }
      .link:focus-visible {
        background: var(--_focus);
        color: var(--_focus-text);
        outline: 3px solid var(--_focus);
        box-shadow: 0 4px 0 var(--_focus-text);
      }
      .qr {
        display: block;
        max-width: 100%;
        height: auto;
        border: 1px solid var(--_border-subtle);
      }
      .you {
        margin: 0;
      }
    `,
  ];

  /** Show the invitation (link and QR code) to everyone, not just facilitators — e.g. on a projected page. */
  @property({ type: Boolean, reflect: true }) invite = false;
  /** The address people join at (default: this page, without any sign-in token). */
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
  @state() private nameError: string | null = null;

  private readonly i18n = new LocalizeController(this);
  private readonly workshop = new WorkshopController(this);
  private readonly people = new ObserveController<readonly PersonSnapshot[]>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      return runtime ? observePeople(runtime.doc, (list) => set(list), { session: runtime.session }) : undefined;
    },
  );

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  /** The link people join with. */
  get joinUrl(): string {
    return this.href?.trim() || defaultJoinUrl();
  }

  private get myName(): string {
    const runtime = this.workshop.runtime;
    if (!runtime) return '';
    return this.people.value?.find((p) => p.id === runtime.session.user.id)?.name ?? runtime.session.user.name;
  }

  private onName(event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#join-name');
    if (!runtime || !input) return;
    try {
      runtime.setDisplayName(input.value);
      this.nameError = null;
      this.editing = false;
      const name = this.myName;
      runtime.announcer.say(this.t('joinNameSaved', { name }));
      this.dispatchEvent(new CustomEvent<NameEventDetail>('co-name-change', { detail: { name }, bubbles: true, composed: true }));
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-action="change-name"]')?.focus());
    } catch (error) {
      if (error instanceof CoproduceError) {
        this.nameError = error.code === 'required' ? this.t('joinNameRequired') : error.code === 'too-long' ? this.t('joinNameTooLong', { max: TEXT.personName.max }) : error.message;
      } else {
        console.error('[coproduce]', error);
        this.nameError = this.t('somethingWentWrong');
      }
      void this.updateComplete.then(() => input.focus());
    }
  }

  private async copyLink(): Promise<void> {
    const runtime = this.workshop.runtime;
    try {
      await navigator.clipboard.writeText(this.joinUrl);
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

  private renderName() {
    const runtime = this.workshop.runtime;
    if (!runtime) return nothing;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
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
    return html`<form part="name-form" @submit=${this.onName} novalidate aria-labelledby="join-title">
      <div class="heading" role="heading" aria-level=${level} id="join-title">${runtime.hasChosenName ? this.t('joinChangeNameTitle') : this.t('joinTitle')}</div>
      <div class="field ${this.nameError ? 'field-error' : ''}">
        <label class="label" for="join-name">${this.t('joinNameLabel')}</label>
        <p class="hint" id="join-hint">${this.t('joinNameHint')}</p>
        ${this.nameError ? html`<p class="error" id="join-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.nameError}</p>` : nothing}
        <input
          id="join-name"
          type="text"
          autocomplete="nickname"
          spellcheck="false"
          .value=${runtime.hasChosenName ? this.myName : ''}
          aria-describedby="join-hint ${this.nameError ? 'join-error' : ''}"
          aria-invalid=${this.nameError ? 'true' : 'false'}
        />
      </div>
      <div class="actions">
        <button class="button" type="submit">${runtime.hasChosenName ? this.t('joinSaveName') : this.t('joinButton')}</button>
        ${this.editing
          ? html`<button class="button" data-variant="secondary" type="button" @click=${() => {
              this.editing = false;
              this.nameError = null;
            }}>${this.t('cancel')}</button>`
          : nothing}
      </div>
    </form>`;
  }

  private renderInvite() {
    const runtime = this.workshop.runtime;
    if (!this.invite && runtime?.session.role !== 'facilitator') return nothing;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const url = this.joinUrl;
    const size = Math.max(96, Math.min(1024, Math.round(this.qrSize) || 192));
    return html`<section part="invite" class="invite" aria-labelledby="invite-title">
      <div class="invite-text">
        <div class="heading" role="heading" aria-level=${level} id="invite-title">${this.t('joinInviteTitle')}</div>
        <p>${this.t('joinInviteHint')}</p>
        <a part="link" class="link" href=${url}>${url}</a>
        <button class="button" data-variant="secondary" type="button" data-action="copy" @click=${() => void this.copyLink()}>
          ${this.copied ? this.t('joinLinkCopiedButton') : this.t('joinCopyLink')}
        </button>
      </div>
      ${qrCode(url, this.t('joinQrLabel', { url }), size)}
    </section>`;
  }

  protected override updated(): void {
    if (this.workshop.standalone) {
      this.workshop.runtime?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    }
  }

  protected override render() {
    return html`<div part="base" class="join box">
        ${this.workshop.runtime ? this.renderName() : html`<p>${this.t('notConnected')}</p>`}
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
