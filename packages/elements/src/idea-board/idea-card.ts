import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { IdeaSnapshot } from '@coproduce/core';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import { ideaCardStyles } from './idea-board.styles.js';

export interface IdeaCardHandlers {
  save(idea: IdeaSnapshot, text: string): string | null;
  remove(idea: IdeaSnapshot): void;
  authorName(idea: IdeaSnapshot): string;
  canEdit(idea: IdeaSnapshot): boolean;
}

/**
 * One idea on a board. Internal to `<co-idea-board>`: the board passes each card an immutable idea
 * snapshot, so a card re-renders only when its own idea changed.
 *
 * @csspart card - The note.
 * @csspart text - The idea's text.
 */
export class CoIdeaCard extends LitElement {
  static override styles = ideaCardStyles;

  @property({ attribute: false }) idea: IdeaSnapshot | undefined;
  @property({ attribute: false }) handlers: IdeaCardHandlers | undefined;
  @property({ type: Boolean }) locked = false;
  @state() private editing = false;
  @state() private error: string | null = null;

  private readonly i18n = new LocalizeController(this);
  /** Render count, for tests and benchmarks that check only changed cards re-render. */
  renderCount = 0;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('editing' as keyof CoIdeaCard) && this.editing) {
      this.renderRoot.querySelector('textarea')?.focus();
    }
  }

  private startEdit(): void {
    this.error = null;
    this.editing = true;
  }

  private cancelEdit(): void {
    this.editing = false;
    this.error = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-action="edit"]')?.focus());
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const idea = this.idea;
    if (!idea || !this.handlers) return;
    const text = (this.renderRoot.querySelector('textarea') as HTMLTextAreaElement).value;
    const error = this.handlers.save(idea, text);
    if (error) {
      this.error = error;
      return;
    }
    this.cancelEdit();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.cancelEdit();
    }
  }

  protected override render() {
    this.renderCount++;
    const idea = this.idea;
    if (!idea) return nothing;
    const t = (key: MessageKey, params?: Record<string, string | number>) => this.i18n.t(key, params);
    const colourLabel = t(`colour_${idea.colour}` as MessageKey);
    const author = this.handlers?.authorName(idea) ?? '';
    const canEdit = !this.locked && (this.handlers?.canEdit(idea) ?? false);
    const textId = `idea-text-${idea.id}`;
    return html`<article part="card" class="card" data-colour=${idea.colour} aria-labelledby=${textId}>
      ${this.editing
        ? html`<form class="edit" @submit=${this.onSubmit} @keydown=${this.onKeyDown} novalidate>
            <label class="label" for="edit-${idea.id}">${t('editYourIdea')}</label>
            ${this.error ? html`<p class="error" id="edit-error-${idea.id}"><span class="visually-hidden">${t('errorPrefix')}</span> ${this.error}</p>` : nothing}
            <textarea
              id="edit-${idea.id}"
              rows="3"
              .value=${idea.text}
              aria-invalid=${this.error ? 'true' : 'false'}
              aria-describedby=${this.error ? `edit-error-${idea.id}` : nothing}
            ></textarea>
            <div class="actions">
              <button class="button" type="submit">${t('saveIdea')}</button>
              <button class="button" data-variant="secondary" type="button" @click=${this.cancelEdit}>${t('cancel')}</button>
            </div>
          </form>`
        : html`<p part="text" class="text" id=${textId}>${idea.text}</p>`}
      <p class="meta">
        <span class="chip" data-colour=${idea.colour}><span class="swatch" aria-hidden="true"></span>${colourLabel}</span>
        ${idea.tag ? html`<span class="tag">${idea.tag}</span>` : nothing}
        <span class="author">${t('ideaBy', { name: author })}</span>
      </p>
      ${canEdit && !this.editing
        ? html`<div class="actions">
            <button class="button" data-variant="secondary" data-action="edit" type="button" @click=${this.startEdit}>
              ${t('editIdea')}<span class="visually-hidden">: ${idea.text.slice(0, 60)}</span>
            </button>
            <button class="button" data-variant="secondary" data-action="delete" type="button" @click=${() => this.handlers?.remove(idea)}>
              ${t('deleteIdea')}<span class="visually-hidden">: ${idea.text.slice(0, 60)}</span>
            </button>
          </div>`
        : nothing}
    </article>`;
  }
}
