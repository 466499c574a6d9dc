import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { TEXT, countCharacters } from '@coproduce/core';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import { commentStyles } from './idea-board.styles.js';
import './strings.js';

/** A comment as the comments panel shows it. */
export interface CommentView {
  readonly id: string;
  readonly text: string;
  /**
   * The author's name; `null` for someone not (yet) among the workshop's people (shown as
   * "Someone"); '' to show none (anonymous workshops). The reader's own comments say "you": both
   * words are put in at render time, in the language of the moment.
   */
  readonly author: string | null;
  readonly mine: boolean;
  readonly canDelete: boolean;
  readonly createdAt: number;
}

/** What the comments panel asks of its board. Internal to `<co-idea-board>`. */
export interface CommentHandlers {
  /** Calls `listener` with the idea's comments now and whenever they change; returns an unsubscribe function. */
  subscribe(ideaId: string, listener: (comments: readonly CommentView[]) => void): () => void;
  /** Adds a comment; returns an error message, or null. */
  add(ideaId: string, text: string): string | null;
  /** Deletes a comment; returns an error message, or null. */
  remove(ideaId: string, commentId: string): string | null;
  /**
   * The comment box went away while it had focus (the board was locked meanwhile): the board puts
   * focus somewhere that says why.
   */
  focusLost(ideaId: string): void;
}

/**
 * The comments on one idea, live, with a form to add one. Internal to `<co-idea-board>`: rendered
 * inside a card only while its comments are open, so a board of 1,000 ideas keeps no comment
 * subscriptions for closed cards.
 *
 * @internal Rendered by `<co-idea-board>`; not for pages (left out of custom-elements.json).
 */
export class CoIdeaComments extends LitElement {
  static override styles = commentStyles;

  @property({ attribute: false }) ideaId = '';
  @property({ attribute: false }) handlers: CommentHandlers | undefined;
  @property({ type: Boolean, attribute: 'can-comment' }) canComment = false;
  /** 0 or -1: whether the controls are in the tab order (the card's roving focus). */
  @property({ attribute: false }) tabStop = 0;

  @state() private comments: readonly CommentView[] = [];
  @state() private error: string | null = null;
  @state() private length = 0;
  /** What the person has typed into the comment box: kept while the box is gone (board locked) and put back. */
  private typed = '';
  /** Whether the comment box had focus when the last update began. */
  private boxHadFocus = false;

  private readonly i18n = new LocalizeController(this);
  private unsubscribe: (() => void) | undefined;
  private subscribedTo = '';
  private readonly timeFormat = new Map<string, Intl.DateTimeFormat>();

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = '';
  }

  /**
   * Someone else joined on this page: empties the comment box (focus stays in it), without a word,
   * and follows the comments in the new person's document.
   */
  forgetPerson(): void {
    this.typed = '';
    this.length = 0;
    this.error = null;
    const box = this.renderRoot.querySelector('textarea');
    if (box) box.value = '';
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = '';
    this.subscribe();
  }

  protected override willUpdate(): void {
    this.subscribe();
    const root = this.renderRoot as ShadowRoot | undefined;
    this.boxHadFocus = root?.activeElement?.tagName === 'TEXTAREA';
    // While the box is on the page it holds what was typed; keep it for when it is gone.
    const box = root?.querySelector?.('textarea');
    if (box) this.typed = box.value;
  }

  protected override updated(): void {
    if (this.boxHadFocus && !this.renderRoot.querySelector('textarea')) {
      this.boxHadFocus = false;
      this.handlers?.focusLost(this.ideaId);
    }
  }

  private subscribe(): void {
    if (!this.isConnected || !this.handlers || !this.ideaId || this.subscribedTo === this.ideaId) return;
    this.unsubscribe?.();
    this.subscribedTo = this.ideaId;
    this.unsubscribe = this.handlers.subscribe(this.ideaId, (comments) => {
      this.comments = comments;
    });
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  private time(at: number): string {
    const lang = this.i18n.lang;
    let format = this.timeFormat.get(lang);
    if (!format) {
      // A 24-hour clock in both languages, as UK public services write times ("18:59", never "06:59 PM").
      format = new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      this.timeFormat.set(lang, format);
    }
    return format.format(at);
  }

  /** "by …", worded now: "you" for the reader's own, "Someone" for a person not known (yet); nothing in anonymous workshops. */
  private renderAuthor(comment: CommentView) {
    const name = comment.mine ? this.t('you') : (comment.author ?? this.t('anonymousAuthor'));
    return name ? html`<span>${this.t('ideaBy', { name })}</span>` : nothing;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const textarea = this.renderRoot.querySelector('textarea') as HTMLTextAreaElement;
    const error = this.handlers?.add(this.ideaId, textarea.value) ?? null;
    this.error = error;
    if (error === null) {
      textarea.value = '';
      this.typed = '';
      this.length = 0;
    }
    textarea.focus();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      (event.currentTarget as HTMLFormElement).requestSubmit();
    }
  }

  private removeComment(comment: CommentView, index: number): void {
    const error = this.handlers?.remove(this.ideaId, comment.id) ?? null;
    this.error = error;
    if (error) return;
    // Keep the keyboard user's place: the next comment's delete button, or the text box.
    void this.updateComplete.then(() => {
      const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-action="delete-comment"]')];
      (buttons[Math.min(index, buttons.length - 1)] ?? this.renderRoot.querySelector('textarea'))?.focus();
    });
  }

  protected override render() {
    const id = this.ideaId;
    const max = TEXT.commentText.max;
    const left = max - this.length;
    return html`<div class="comments" role="group" aria-label=${this.t('boardCommentsHeading')}>
      ${this.comments.length === 0
        ? html`<p class="none">${this.t('boardNoComments')}</p>`
        : html`<ol class="list" role="list">
            ${repeat(
              this.comments,
              (c) => c.id,
              (c, index) => html`<li class="comment">
                <p class="comment-text" dir="auto">${c.text}</p>
                <p class="comment-meta">
                  ${this.renderAuthor(c)}
                  <span>${this.time(c.createdAt)}</span>
                  ${c.canDelete
                    ? html`<button class="button" data-variant="quiet" data-action="delete-comment" type="button" tabindex=${this.tabStop} @click=${() => this.removeComment(c, index)}>
                        ${this.t('boardDeleteComment')}
                      </button>`
                    : nothing}
                </p>
              </li>`,
            )}
          </ol>`}
      ${this.error ? html`<p class="error" role="alert"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.error}</p>` : nothing}
      ${this.canComment
        ? html`<form class="add" @submit=${this.onSubmit} @keydown=${this.onKeyDown} novalidate>
            <label class="label" for="comment-${id}">${this.t('boardYourComment')}</label>
            <textarea
              id="comment-${id}"
              rows="2"
              tabindex=${this.tabStop}
              aria-describedby="comment-count-${id}"
              aria-invalid=${this.error ? 'true' : 'false'}
              .value=${live(this.typed)}
              @input=${(e: Event) => {
                this.typed = (e.target as HTMLTextAreaElement).value;
                this.length = countCharacters(this.typed);
              }}
            ></textarea>
            <p class="count ${left < 0 ? 'count-over' : ''}" id="comment-count-${id}">
              ${this.length > max * 0.75
                ? left >= 0
                  ? this.t('charactersLeft', { count: left })
                  : this.t('charactersTooMany', { count: -left })
                : nothing}
            </p>
            <button class="button" data-variant="secondary" type="submit" tabindex=${this.tabStop}>${this.t('boardAddComment')}</button>
          </form>`
        : nothing}
    </div>`;
  }
}
