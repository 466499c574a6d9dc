import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { COLOUR_NAMES, REACTIONS, TEXT, shortenText, type ColourName, type IdeaSnapshot, type ReactionEmoji } from '@coproduce/core';
import { translate, type MessageKey } from '../i18n/localize.js';
import { menuKeyIntent } from '../internal/menu.js';
import { characterCount, textProblem } from '../internal/text-field.js';
import type { CoIdeaComments, CommentHandlers } from './idea-comments.js';
import { ideaCardStyles } from './idea-board.styles.js';
import './idea-comments-define.js';
import './strings.js';

/** What someone has typed into a card's edit form, kept by the board while they type. */
export interface EditState {
  text: string;
  colour: ColourName;
  tag: string;
  error: string | null;
  /** What is wrong with the tag (too long, say), shown next to its field; checked before saving. */
  tagError?: string | null;
}

export interface IdeaEdit {
  readonly text: string;
  readonly colour: ColourName;
  readonly tag: string;
}

/** What a card asks its board to do. Internal to `<co-idea-board>`. */
export interface IdeaCardHandlers {
  /** Saves an edit; returns an error message, or null when saved. */
  save(idea: IdeaSnapshot, edit: IdeaEdit): string | null;
  /** Deletes the idea; returns an error message, or null. */
  remove(idea: IdeaSnapshot): string | null;
  openMoveMenu(idea: IdeaSnapshot, anchor: HTMLElement, focus: 'first' | 'last'): void;
  openReactMenu(idea: IdeaSnapshot, anchor: HTMLElement, focus: 'first' | 'last'): void;
  toggleReaction(idea: IdeaSnapshot, emoji: ReactionEmoji): void;
  toggleComments(idea: IdeaSnapshot): void;
  approve(idea: IdeaSnapshot): void;
  /** The person started or stopped editing (for presence). */
  editingChanged(idea: IdeaSnapshot, editing: boolean): void;
  /** Edits in progress, by idea id: a card re-created elsewhere (moved by someone) picks its edit up again. */
  readonly edits: Map<string, EditState>;
  readonly comments: CommentHandlers;
}

const REACTION_KEYS: Record<string, MessageKey> = {
  'thumbs-up': 'reactionThumbsUp',
  heart: 'reactionHeart',
  'light-bulb': 'reactionGoodIdea',
  celebrate: 'reactionCelebrate',
  thinking: 'reactionThinking',
  question: 'reactionQuestion',
};

/** The spoken name of a reaction emoji, in the element's language. */
export function reactionMessage(emoji: ReactionEmoji): MessageKey {
  const reaction = REACTIONS.find((r) => r.emoji === emoji);
  return REACTION_KEYS[reaction?.name ?? 'thumbs-up'] ?? 'reactionThumbsUp';
}

/**
 * One idea on a board. Internal to `<co-idea-board>`: the board passes each card an immutable idea
 * snapshot and plain values (its author's name, who is editing it, its votes…), so a card
 * re-renders only when something about its own idea changed.
 *
 * The card is one stop in the board's roving focus: its note (`[data-card]`) is focusable, and its
 * buttons are in the tab order only while it is the active card of its group.
 *
 * @csspart card - The note.
 * @csspart text - The idea's text.
 * @internal Rendered by `<co-idea-board>`; not for pages (left out of custom-elements.json).
 */
export class CoIdeaCard extends LitElement {
  static override styles = ideaCardStyles;

  @property({ attribute: false }) idea: IdeaSnapshot | undefined;
  @property({ attribute: false }) handlers: IdeaCardHandlers | undefined;
  /** The tab stop of its group (roving focus). */
  @property({ type: Boolean }) active = false;
  /** A private-writing draft, kept on this device. */
  @property({ type: Boolean }) draft = false;
  /** The author's name as shown ('' to show none: anonymous workshops). */
  @property() author = '';
  /** Who else is editing it, as a sentence ('' for nobody). */
  @property() presence = '';
  /** Its votes, as words ('' when the board has no visible poll). */
  @property() votes = '';
  @property({ type: Boolean, attribute: 'can-edit' }) canEdit = false;
  @property({ type: Boolean, attribute: 'can-move' }) canMove = false;
  @property({ type: Boolean, attribute: 'can-react' }) canReact = false;
  @property({ type: Boolean, attribute: 'can-comment' }) canComment = false;
  @property({ type: Boolean, attribute: 'can-approve' }) canApprove = false;
  @property({ type: Boolean, attribute: 'comments-open' }) commentsOpen = false;
  /**
   * The language to speak, given by the board (which follows the page's `lang`): one language
   * watcher per board rather than one per note keeps a board of thousands of notes light.
   */
  @property({ attribute: false }) language = 'en';

  @state() private editing = false;
  @state() private confirming = false;
  @state() private error: string | null = null;

  /** Render count, for tests and benchmarks that check only changed cards re-render. */
  renderCount = 0;
  private focusAfterRender: string | null = null;
  /** The card's own control that had focus when the last update began (see `updated`). */
  private focusedControl: Element | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-created in another group (someone moved the idea) while an edit was in progress: carry on.
    const id = this.idea?.id;
    if (id && this.handlers?.edits.has(id) && !this.editing) this.editing = true;
  }

  /** Focuses the note itself (the roving tab stop). */
  focusCard(): void {
    this.renderRoot.querySelector<HTMLElement>('[data-card]')?.focus();
  }

  /** Focuses one of the card's controls by its `data-action`, or the note when it has none. */
  focusAction(action: string): void {
    (this.renderRoot.querySelector<HTMLElement>(`[data-action="${action}"]`) ?? this.renderRoot.querySelector<HTMLElement>('[data-card]'))?.focus();
  }

  /** Shows a problem with the last action on this card (e.g. the board was locked meanwhile). */
  showError(message: string): void {
    this.error = message;
  }

  /**
   * Someone else joined on this page: closes an edit or a delete question of the last person (the
   * board forgets their edits) and empties the comment box, without a word.
   */
  forgetPerson(): void {
    this.editing = false;
    this.confirming = false;
    this.error = null;
    this.renderRoot.querySelector<CoIdeaComments>('co-idea-comments')?.forgetPerson();
  }

  /** Opens the edit form (E on the note). */
  startEdit(): void {
    if (!this.canEdit || !this.idea) return;
    this.error = null;
    this.confirming = false;
    this.handlers?.edits.set(this.idea.id, { text: this.idea.text, colour: this.idea.colour, tag: this.idea.tag, error: null });
    this.editing = true;
    this.focusAfterRender = 'edit-text';
    this.handlers?.editingChanged(this.idea, true);
  }

  /** Asks to confirm deleting (Delete on the note). */
  askDelete(): void {
    if (!this.canEdit) return;
    this.confirming = true;
    this.focusAfterRender = 'confirm-delete';
  }

  /** Opens the "Move to…" menu from its button (M on the note). */
  openMove(): void {
    const button = this.renderRoot.querySelector<HTMLElement>('[data-action="move"]');
    if (button && this.idea) this.handlers?.openMoveMenu(this.idea, button, 'first');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Locked meanwhile: no more deleting. An edit in progress stays open with its text, and saving
    // it says why it can't be saved (so nobody loses what they typed).
    if (changed.has('canEdit') && !this.canEdit) this.confirming = false;
    const focused = (this.renderRoot as ShadowRoot | undefined)?.activeElement ?? null;
    this.focusedControl = focused && !focused.hasAttribute('data-card') ? focused : null;
  }

  protected override updated(): void {
    const target = this.focusAfterRender;
    const control = this.focusedControl;
    this.focusedControl = null;
    if (target === null) {
      // A button that had focus went (the board was locked meanwhile): back to the note, not the page's body.
      if (control && !control.isConnected) this.focusCard();
      return;
    }
    this.focusAfterRender = null;
    if (target === 'edit-text') this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    else if (target === 'edit-tag') this.renderRoot.querySelector<HTMLInputElement>('input[name="tag"]')?.focus();
    else this.focusAction(target);
  }

  private stopEditing(refocus: boolean): void {
    const idea = this.idea;
    this.editing = false;
    this.error = null;
    if (idea) {
      this.handlers?.edits.delete(idea.id);
      this.handlers?.editingChanged(idea, false);
    }
    if (refocus) this.focusAfterRender = 'edit';
  }

  private editState(): EditState | undefined {
    return this.idea ? this.handlers?.edits.get(this.idea.id) : undefined;
  }

  private onEditInput(event: Event): void {
    const state = this.editState();
    if (!state) return;
    const target = event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    if (target.name === 'text') state.text = target.value;
    else if (target.name === 'tag') {
      // The count under the field follows what is typed.
      if (state.tag !== target.value) this.requestUpdate();
      state.tag = target.value;
    } else if (target.name === 'colour') state.colour = target.value as ColourName;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const idea = this.idea;
    const state = this.editState();
    if (!idea || !this.handlers || !state) return;
    // The tag has no maxlength (it counts UTF-16 units where core counts characters, and cuts
    // pasted text silently): a tag that is too long is refused here, next to its field, in words.
    state.tagError = textProblem(state.tag, TEXT.ideaTag, this.t.bind(this));
    if (state.tagError !== null) {
      this.focusAfterRender = 'edit-tag';
      this.requestUpdate();
      return;
    }
    const error = this.handlers.save(idea, { text: state.text, colour: state.colour, tag: state.tag });
    if (error) {
      state.error = error;
      this.error = error;
      this.focusAfterRender = 'edit-text';
      this.requestUpdate();
      return;
    }
    this.stopEditing(true);
  }

  private onFormKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.stopEditing(true);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      (event.currentTarget as HTMLFormElement).requestSubmit();
    }
  }

  private onCardKeyDown(event: KeyboardEvent): void {
    const origin = event.composedPath()[0] as HTMLElement | undefined;
    const onNote = origin?.hasAttribute('data-card') ?? false;
    if (event.key === 'Escape' && !onNote && !this.editing) {
      // From a button back to the note.
      event.stopPropagation();
      this.confirming = false;
      this.focusCard();
      return;
    }
    if (!onNote || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === 'e' || key === 'Enter') {
      if (this.canEdit) {
        event.preventDefault();
        this.startEdit();
      }
    } else if (key === 'm') {
      if (this.canMove) {
        event.preventDefault();
        this.openMove();
      }
    } else if (key === 'c') {
      if (this.idea && !this.draft) {
        event.preventDefault();
        this.handlers?.toggleComments(this.idea);
      }
    } else if (key === 'Delete') {
      if (this.canEdit) {
        event.preventDefault();
        this.askDelete();
      }
    }
  }

  private onMenuButtonKeyDown(event: KeyboardEvent, open: (anchor: HTMLElement, focus: 'first' | 'last') => void): void {
    const intent = menuKeyIntent(event);
    if (!intent) return;
    event.preventDefault();
    open(event.currentTarget as HTMLElement, intent);
  }

  private confirmDelete(): void {
    const idea = this.idea;
    if (!idea || !this.handlers) return;
    const error = this.handlers.remove(idea);
    if (error) {
      this.error = error;
      this.confirming = false;
    }
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  private renderEditForm(idea: IdeaSnapshot) {
    const state = this.editState() ?? { text: idea.text, colour: idea.colour, tag: idea.tag, error: null };
    const error = this.error ?? state.error;
    const tagError = state.tagError ?? null;
    const tagCount = characterCount(state.tag, TEXT.ideaTag, this.t.bind(this));
    const id = idea.id;
    return html`<form class="edit" @submit=${this.onSubmit} @keydown=${this.onFormKeyDown} @input=${this.onEditInput} @change=${this.onEditInput} novalidate>
      <label class="label" for="edit-${id}">${this.t('editYourIdea')}</label>
      ${error ? html`<p class="error" id="edit-error-${id}"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${error}</p>` : nothing}
      <textarea
        id="edit-${id}"
        name="text"
        rows="4"
        .value=${state.text}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `edit-error-${id}` : nothing}
      ></textarea>
      <div class="edit-row">
        <div class="field">
          <label class="label" for="edit-colour-${id}">${this.t('colour')}</label>
          <select id="edit-colour-${id}" name="colour">
            ${COLOUR_NAMES.map((name) => html`<option value=${name} ?selected=${name === state.colour}>${this.t(`colour_${name}` as MessageKey)}</option>`)}
          </select>
        </div>
        <div class="field ${tagError ? 'field-error' : ''}">
          <label class="label" for="edit-tag-${id}">${this.t('boardTagLabel')}</label>
          ${tagError ? html`<p class="error" id="edit-tag-error-${id}"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${tagError}</p>` : nothing}
          <input id="edit-tag-${id}" name="tag" type="text" .value=${state.tag} autocomplete="off" aria-invalid=${tagError ? 'true' : 'false'}
            aria-describedby=${[tagError ? `edit-tag-error-${id}` : '', `edit-tag-count-${id}`].filter(Boolean).join(' ')} />
          <p class="hint" id="edit-tag-count-${id}" aria-live="polite" data-count=${tagCount?.over ? 'over' : tagCount ? 'left' : 'none'}>${tagCount?.message ?? nothing}</p>
        </div>
      </div>
      <div class="actions">
        <button class="button" type="submit">${this.t('saveIdea')}</button>
        <button class="button" data-variant="secondary" type="button" @click=${() => this.stopEditing(true)}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderReactions(idea: IdeaSnapshot, tab: number) {
    if (idea.reactions.length === 0) return nothing;
    return html`<ul class="reactions" role="list" aria-label=${this.t('boardReactions')}>
      ${idea.reactions.map((r) => {
        const name = this.t(reactionMessage(r.emoji));
        const label = r.mine
          ? this.t('boardReactionMine', { count: r.count, label: name })
          : this.t('boardReactionCount', { count: r.count, label: name });
        return html`<li>
          ${this.canReact
            ? html`<button
                class="reaction"
                type="button"
                tabindex=${tab}
                aria-pressed=${r.mine ? 'true' : 'false'}
                aria-label=${label}
                @click=${() => this.handlers?.toggleReaction(idea, r.emoji)}
              ><span aria-hidden="true">${r.emoji} ${r.count}</span></button>`
            : html`<span class="reaction" role="img" aria-label=${label}><span aria-hidden="true">${r.emoji} ${r.count}</span></span>`}
        </li>`;
      })}
    </ul>`;
  }

  private renderActions(idea: IdeaSnapshot, tab: number) {
    if (this.editing) return nothing;
    if (this.confirming) {
      return html`<div class="confirm" role="group" aria-labelledby="confirm-${idea.id}">
        <p id="confirm-${idea.id}" class="confirm-text">${this.t('boardDeleteConfirm')}</p>
        <div class="actions">
          <button class="button" data-variant="danger" data-action="confirm-delete" type="button" @click=${this.confirmDelete}>
            ${this.t('boardDeleteYes')}
          </button>
          <button class="button" data-variant="secondary" data-action="keep" type="button" @click=${() => {
            this.confirming = false;
            this.focusAfterRender = 'delete';
          }}>${this.t('boardKeepIt')}</button>
        </div>
      </div>`;
    }
    // Whole characters only: half an emoji would be read out as noise.
    const short = shortenText(idea.text, 60);
    const hidden = html`<span class="visually-hidden">: ${short}</span>`;
    const comments = this.draft ? null : idea.commentCount;
    const buttons = [];
    if (this.canApprove && idea.status === 'pending') {
      buttons.push(html`<button class="button approve" data-action="approve" type="button" tabindex=${tab} @click=${() => this.handlers?.approve(idea)}>
        ${this.t('boardApprove')}${hidden}
      </button>`);
    }
    if (comments !== null && (this.canComment || comments > 0)) {
      buttons.push(html`<button
        class="button"
        data-variant="quiet"
        data-action="comments"
        type="button"
        tabindex=${tab}
        aria-expanded=${this.commentsOpen ? 'true' : 'false'}
        @click=${() => this.handlers?.toggleComments(idea)}
      >${comments > 0 ? this.t('boardCommentsCount', { count: comments }) : this.t('boardCommentsNone')}${hidden}</button>`);
    }
    if (this.canReact) {
      buttons.push(html`<button
        class="button"
        data-variant="quiet"
        data-action="react"
        type="button"
        tabindex=${tab}
        aria-haspopup="menu"
        aria-expanded="false"
        @click=${(e: Event) => this.handlers?.openReactMenu(idea, e.currentTarget as HTMLElement, 'first')}
        @keydown=${(e: KeyboardEvent) => this.onMenuButtonKeyDown(e, (a, f) => this.handlers?.openReactMenu(idea, a, f))}
      >${this.t('boardReact')}${hidden}</button>`);
    }
    if (this.canMove) {
      buttons.push(html`<button
        class="button"
        data-variant="quiet"
        data-action="move"
        type="button"
        tabindex=${tab}
        aria-haspopup="menu"
        aria-expanded="false"
        @click=${(e: Event) => this.handlers?.openMoveMenu(idea, e.currentTarget as HTMLElement, 'first')}
        @keydown=${(e: KeyboardEvent) => this.onMenuButtonKeyDown(e, (a, f) => this.handlers?.openMoveMenu(idea, a, f))}
      >${this.t('boardMoveTo')}${hidden}</button>`);
    }
    if (this.canEdit) {
      buttons.push(html`<button class="button" data-variant="quiet" data-action="edit" type="button" tabindex=${tab} @click=${this.startEdit}>
          ${this.t('editIdea')}${hidden}
        </button>`);
      buttons.push(html`<button class="button" data-variant="quiet" data-action="delete" type="button" tabindex=${tab} @click=${this.askDelete}>
          ${this.t('deleteIdea')}${hidden}
        </button>`);
    }
    return buttons.length ? html`<div class="actions card-actions">${buttons}</div>` : nothing;
  }

  protected override render() {
    this.renderCount++;
    const idea = this.idea;
    if (!idea) return nothing;
    const tab = this.active ? 0 : -1;
    const colourLabel = this.t(`colour_${idea.colour}` as MessageKey);
    const textId = `idea-text-${idea.id}`;
    const metaId = `idea-meta-${idea.id}`;
    const shortcuts = [this.canEdit ? 'E Enter Delete' : '', this.canMove ? 'M' : '', this.draft ? '' : 'C'].filter(Boolean).join(' ');
    return html`<article
      part="card"
      class="card ${this.draft ? 'is-draft' : ''} ${idea.status === 'pending' ? 'is-pending' : ''}"
      data-colour=${idea.colour}
      data-card
      tabindex=${tab}
      aria-labelledby=${textId}
      aria-describedby=${metaId}
      aria-keyshortcuts=${shortcuts || nothing}
      @keydown=${this.onCardKeyDown}
    >
      ${this.canMove && !this.editing
        ? html`<span class="grip" draggable="true" aria-hidden="true" title=${this.t('boardDragHint')}>⠿</span>`
        : nothing}
      ${this.draft
        ? html`<p class="badge badge-draft"><strong>${this.t('boardDraftBadge')}</strong> ${this.t('boardDraftNote')}</p>`
        : idea.status === 'pending'
          ? html`<p class="badge badge-pending"><strong>${this.t('boardPendingBadge')}</strong>${idea.mine ? html` ${this.t('boardPendingNote')}` : nothing}</p>`
          : nothing}
      ${this.editing
        ? this.renderEditForm(idea)
        : html`<p part="text" class="text" id=${textId} dir="auto">${idea.text}</p>`}
      <p class="meta" id=${metaId}>
        <span class="chip" data-colour=${idea.colour}><span class="swatch" aria-hidden="true"></span><span class="visually-hidden">${this.t('colour')}:</span> ${colourLabel}</span>
        ${idea.tag ? html`<span class="tag"><span class="visually-hidden">${this.t('boardTagPrefix')}</span> <span dir="auto">${idea.tag}</span></span>` : nothing}
        ${this.author ? html`<span class="author">${this.t('ideaBy', { name: this.author })}</span>` : nothing}
        ${this.votes ? html`<span class="votes">${this.votes}</span>` : nothing}
      </p>
      <div class="footer">
        ${this.presence ? html`<p class="presence"><span class="presence-dot" aria-hidden="true"></span>${this.presence}</p>` : nothing}
        ${this.error && !this.editing ? html`<p class="error" role="alert"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.error}</p>` : nothing}
        ${this.renderReactions(idea, tab)}
        ${this.renderActions(idea, tab)}
      </div>
      ${this.commentsOpen && !this.draft && this.handlers
        ? html`<co-idea-comments .ideaId=${idea.id} .handlers=${this.handlers.comments} ?can-comment=${this.canComment} .tabStop=${tab}></co-idea-comments>`
        : nothing}
    </article>`;
  }
}
