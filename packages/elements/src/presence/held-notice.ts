import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/localize.js';
import { buttons, tokens } from '../styles/tokens.js';
import '../workshop/strings.js';

/**
 * The notice a workshop shows, in view at the bottom of the screen, while it has kept someone's
 * view where they were working although the facilitator brought everyone elsewhere (see
 * presence/follow.ts): it says where everyone went, with "Go there" and "Hide". Internal: the
 * workshop's focus follower puts it in `<co-workshop>`'s own shadow root and removes it; it is not
 * a live region (the workshop's announcer says the move once).
 *
 * @summary "Everyone moved" notice with "Go there", kept in view while someone finishes their work.
 * @csspart base - The notice.
 * @csspart go-there - The "Go there" button.
 * @csspart hide - The "Hide" button.
 * @cssproperty --co-held-notice-bg - Background of the notice (default the surface colour).
 */
export class CoHeldNotice extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      :host {
        display: block;
        position: sticky;
        bottom: 0;
        z-index: 3;
        padding-block: var(--_space-2);
        pointer-events: none;
      }
      :host([hidden]) {
        display: none;
      }
      .notice {
        pointer-events: auto;
        box-sizing: border-box;
        max-width: 40rem;
        margin-inline: auto;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space-2) var(--_space-3);
        padding: var(--_space-2) var(--_space-3);
        background: var(--co-held-notice-bg, var(--_surface));
        color: var(--_text);
        /* Told apart from the page by its border and shadow, not by colour alone. */
        border: 2px solid var(--_text);
        border-radius: var(--_radius);
        box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
      }
      .text {
        flex: 1 1 12rem;
        margin: 0;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .short {
        display: none;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space-2);
      }
      .button {
        min-height: max(44px, var(--_target, 44px));
        min-width: 44px;
      }
      /* A short screen (a phone on its side, 400 % zoom): the short words, so it covers little. */
      @media (max-height: 28rem) {
        .long {
          display: none;
        }
        .short {
          display: inline;
        }
        .notice {
          padding: var(--_space-1) var(--_space-2);
        }
      }
      @media (forced-colors: active) {
        .notice {
          border-color: CanvasText;
        }
      }
    `,
  ];

  /** The title of where everyone was brought. */
  @property() place = '';
  /** "Go there" was pressed (set by the follower). */
  @property({ attribute: false }) onGoThere: (() => void) | undefined;
  /** "Hide" was pressed (set by the follower). */
  @property({ attribute: false }) onHide: (() => void) | undefined;

  private readonly i18n = new LocalizeController(this);

  protected override render() {
    const t = this.i18n.t.bind(this.i18n);
    const text = t('heldNoticeText', { title: this.place });
    return html`<div part="base" class="notice" role="group" aria-label=${t('heldNoticeLabel')}>
      <p class="text"><span class="long">${text}</span><span class="short" aria-hidden="true">${t('heldNoticeShort')}</span></p>
      <div class="actions">
        <button part="go-there" class="button" type="button" data-action="held-go-there" @click=${() => this.onGoThere?.()}>${t('heldNoticeGoThere')}</button>
        <button part="hide" class="button" data-variant="secondary" type="button" data-action="held-hide" @click=${() => this.onHide?.()}>${t('heldNoticeHide')}</button>
      </div>
    </div>`;
  }
}
