import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  COLOUR_NAMES, CoproduceError, DEFAULT_COLOUR, TEXT, addIdea, countCharacters, createBoard, deleteIdea, editIdea,
  observePeople, type BoardChange, type BoardSnapshot, type ColourName, type IdeaSnapshot, type PersonSnapshot, type Role,
} from '@coproduce/core';
import { BoardController } from '../controllers/board-controller.js';
import { ObserveController } from '../controllers/observe-controller.js';
import { WorkshopController } from '../controllers/workshop-controller.js';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import { statusKey } from '../internal/status.js';
import type { IdeaCardHandlers } from './idea-card.js';
import { ideaBoardStyles } from './idea-board.styles.js';
import './idea-card-define.js';

export interface IdeaEventDetail {
  boardId: string;
  ideaId: string;
}

/**
 * A live board of ideas that everyone in the workshop adds to, built on semantic HTML: a list of
 * notes a screen reader can walk, a labelled form, plain-words status.
 *
 * Inside a `<co-workshop>` it uses that workshop; on its own, give it `server` and `room` (and
 * `token`).
 *
 * @summary A live, shared board of ideas.
 * @event co-idea-add - The local user added an idea. `detail: { boardId, ideaId }`.
 * @event co-idea-edit - The local user changed an idea. `detail: { boardId, ideaId }`.
 * @event co-idea-delete - The local user deleted an idea. `detail: { boardId, ideaId }`.
 * @csspart base - The board's outer section.
 * @csspart heading - The board's title.
 * @csspart form - The "Add idea" form.
 * @csspart list - The list of ideas.
 * @csspart status - The connection status line.
 * @cssproperty --co-color-primary - Colour of the primary action.
 * @cssproperty --co-note-yellow - Background of yellow notes (likewise orange, pink, purple, blue, teal, green, grey).
 */
export class CoIdeaBoard extends LitElement {
  static override styles = ideaBoardStyles;

  /** Which board of the workshop to show. */
  @property({ reflect: true }) board = 'main';
  /** The title used when a facilitator opens a board that does not exist yet. */
  @property({ attribute: 'board-title' }) boardTitle = 'Ideas';
  /** Heading level of the board's title (1–6), to fit the page's outline. */
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

  @state() private formError: string | null = null;
  @state() private draftLength = 0;
  @state() private colour: ColourName = DEFAULT_COLOUR;

  private readonly i18n = new LocalizeController(this);
  private readonly workshop = new WorkshopController(this);
  private readonly boardState = new BoardController(
    this,
    () => ({ runtime: this.workshop.runtime, boardId: this.board }),
    (snapshot, change) => this.onBoardChange(snapshot, change),
  );
  private readonly people = new ObserveController<ReadonlyMap<string, PersonSnapshot>>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      if (!runtime) return undefined;
      return observePeople(runtime.doc, (list) => set(new Map(list.map((p) => [p.id, p]))), { session: runtime.session });
    },
  );
  private readonly handlers: IdeaCardHandlers = {
    save: (idea, text) => this.saveIdea(idea, text),
    remove: (idea) => this.removeIdea(idea),
    authorName: (idea) => this.authorName(idea),
    canEdit: (idea) => idea.mine || this.workshop.runtime?.session.role === 'facilitator',
  };
  private remoteAdded: IdeaSnapshot[] = [];
  private remoteUpdated = 0;
  private remoteRemoved = 0;

  constructor() {
    super();
    this.workshop.onReady = () => this.ensureBoard();
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  /** A facilitator opening a board that does not exist yet creates it (board definitions are theirs). */
  private ensureBoard(): void {
    const runtime = this.workshop.runtime;
    const snapshot = this.boardState.value;
    if (!runtime?.ready || !snapshot || snapshot.exists || runtime.session.role !== 'facilitator') return;
    try {
      createBoard(runtime.session, { id: this.board, title: this.boardTitle });
    } catch (error) {
      if (!(error instanceof CoproduceError && error.code === 'already-exists')) console.warn('[coproduce]', error);
    }
  }

  private onBoardChange(snapshot: BoardSnapshot, change: BoardChange): void {
    if (change.initial) {
      queueMicrotask(() => this.ensureBoard());
      return;
    }
    if (change.local) return;
    const announcer = this.workshop.runtime?.announcer;
    if (!announcer) return;
    this.remoteAdded.push(...change.added);
    this.remoteUpdated += change.updated.length;
    this.remoteRemoved += change.removed.length;
    announcer.later(`board:${snapshot.id}`, () => {
      const parts: string[] = [];
      const added = this.remoteAdded;
      if (added.length === 1) parts.push(this.t('remoteIdeasAdded', { count: 1, name: this.authorName(added[0]!) }));
      else if (added.length > 1) parts.push(this.t('remoteIdeasAdded', { count: added.length, name: '' }));
      if (this.remoteUpdated) parts.push(this.t('remoteIdeasChanged', { count: this.remoteUpdated }));
      if (this.remoteRemoved) parts.push(this.t('remoteIdeasRemoved', { count: this.remoteRemoved }));
      this.remoteAdded = [];
      this.remoteUpdated = 0;
      this.remoteRemoved = 0;
      return parts.length ? parts.join('. ') : null;
    });
  }

  private authorName(idea: IdeaSnapshot): string {
    if (idea.mine) return this.t('you');
    if (!idea.authorId) return this.t('anonymousAuthor');
    return this.people.value?.get(idea.authorId)?.name ?? this.t('anonymousAuthor');
  }

  private emit(type: 'co-idea-add' | 'co-idea-edit' | 'co-idea-delete', ideaId: string): void {
    this.dispatchEvent(
      new CustomEvent<IdeaEventDetail>(type, { detail: { boardId: this.board, ideaId }, bubbles: true, composed: true }),
    );
  }

  private describeError(error: unknown): string {
    if (error instanceof CoproduceError) return error.message;
    console.error('[coproduce]', error);
    return this.t('somethingWentWrong');
  }

  private onAdd(event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const form = event.target as HTMLFormElement;
    const textarea = form.querySelector('textarea') as HTMLTextAreaElement;
    if (!runtime) return;
    try {
      const id = addIdea(runtime.session, { boardId: this.board, text: textarea.value, colour: this.colour });
      textarea.value = '';
      this.draftLength = 0;
      this.formError = null;
      runtime.announcer.say(this.t('ideaAdded'));
      this.emit('co-idea-add', id);
      textarea.focus();
    } catch (error) {
      this.formError = this.describeError(error);
      void this.updateComplete.then(() => textarea.focus());
    }
  }

  private saveIdea(idea: IdeaSnapshot, text: string): string | null {
    const runtime = this.workshop.runtime;
    if (!runtime) return this.t('notConnected');
    try {
      if (editIdea(runtime.session, idea.id, { text })) {
        runtime.announcer.say(this.t('ideaSaved'));
        this.emit('co-idea-edit', idea.id);
      }
      return null;
    } catch (error) {
      return this.describeError(error);
    }
  }

  private removeIdea(idea: IdeaSnapshot): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const list = this.boardState.value?.ideas ?? [];
    const index = list.indexOf(idea);
    try {
      deleteIdea(runtime.session, idea.id);
      runtime.announcer.say(this.t('ideaDeleted'));
      this.emit('co-idea-delete', idea.id);
      // Keep the keyboard user's place: focus the next idea, or the previous, or the text box.
      void this.updateComplete.then(() => {
        const cards = [...this.renderRoot.querySelectorAll('co-idea-card')];
        const target = cards[Math.min(index, cards.length - 1)];
        const button = target?.shadowRoot?.querySelector<HTMLElement>('button');
        (button ?? this.renderRoot.querySelector('textarea'))?.focus();
      });
    } catch (error) {
      this.formError = this.describeError(error);
    }
  }

  private onInput(event: InputEvent): void {
    this.draftLength = countCharacters((event.target as HTMLTextAreaElement).value);
  }

  private renderHeading(title: string) {
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    return html`<div part="heading" class="heading" role="heading" aria-level=${level} id="board-title">${title}</div>`;
  }

  private renderStatus() {
    const runtime = this.workshop.runtime;
    if (!runtime) return html`<p part="status" class="status">${this.t('notConnected')}</p>`;
    const key = statusKey(runtime.status, runtime.hasUnsyncedChanges);
    return html`<p part="status" class="status" data-status=${runtime.status}>
      <span class="status-dot" aria-hidden="true"></span>${this.t(key)}
    </p>`;
  }

  private renderForm(snapshot: BoardSnapshot) {
    const runtime = this.workshop.runtime;
    if (!runtime) return nothing;
    if (snapshot.lock && runtime.session.role !== 'facilitator') {
      return html`<p class="notice" role="note">${snapshot.lock.reason || this.t('boardLocked')}</p>`;
    }
    if (runtime.session.role === 'observer') return nothing;
    const max = TEXT.ideaText.max;
    const left = max - this.draftLength;
    const hintId = 'idea-hint';
    const errorId = 'idea-error';
    return html`<form part="form" class="add" @submit=${this.onAdd} novalidate>
      <div class="field ${this.formError ? 'field-error' : ''}">
        <label class="label" for="idea-text">${this.t('yourIdea')}</label>
        <p class="hint" id=${hintId}>${this.t('ideaHint', { max })}</p>
        ${this.formError
          ? html`<p class="error" id=${errorId}><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.formError}</p>`
          : nothing}
        <textarea
          id="idea-text"
          name="text"
          rows="3"
          aria-describedby="${hintId} ${this.formError ? errorId : ''} idea-count"
          aria-invalid=${this.formError ? 'true' : 'false'}
          @input=${this.onInput}
        ></textarea>
        <p class="count ${left < 0 ? 'count-over' : ''}" id="idea-count" aria-live="polite">
          ${this.draftLength > max * 0.75
            ? left >= 0
              ? this.t('charactersLeft', { count: left })
              : this.t('charactersTooMany', { count: -left })
            : nothing}
        </p>
      </div>
      <div class="row">
        <div class="field">
          <label class="label" for="idea-colour">${this.t('colour')}</label>
          <select id="idea-colour" @change=${(e: Event) => (this.colour = (e.target as HTMLSelectElement).value as ColourName)}>
            ${COLOUR_NAMES.map(
              (name) => html`<option value=${name} ?selected=${name === this.colour}>${this.t(`colour_${name}` as MessageKey)}</option>`,
            )}
          </select>
        </div>
        <button class="button" type="submit">${this.t('addIdea')}</button>
      </div>
    </form>`;
  }

  protected override updated(): void {
    // On its own, the board speaks through its own live region; inside <co-workshop>, through the workshop's.
    if (this.workshop.standalone) {
      this.workshop.runtime?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    }
  }

  protected override render() {
    return html`${this.renderBoard()}${this.workshop.standalone
      ? html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer></div>`
      : nothing}`;
  }

  private renderBoard() {
    const runtime = this.workshop.runtime;
    const snapshot = this.boardState.value;
    if (!runtime || !snapshot) {
      return html`<section part="base" class="board">${this.renderStatus()}</section>`;
    }
    const title = snapshot.exists ? snapshot.title : this.boardTitle;
    const locked = snapshot.lock !== null && runtime.session.role !== 'facilitator';
    return html`<section part="base" class="board" aria-labelledby="board-title">
      <header class="header">
        ${this.renderHeading(title)}
        <p class="summary">${this.t('ideaCount', { count: snapshot.ideas.length })}</p>
        ${this.renderStatus()}
      </header>
      ${snapshot.exists || runtime.session.role === 'facilitator'
        ? this.renderForm(snapshot)
        : html`<p class="notice" role="note">${runtime.ready ? this.t('boardNotSetUp') : this.t('statusConnecting')}</p>`}
      ${snapshot.ideas.length === 0
        ? html`<p class="empty">${this.t('noIdeasYet')}</p>`
        : html`<ul part="list" class="ideas" role="list" aria-labelledby="board-title">
            ${repeat(
              snapshot.ideas,
              (idea) => idea.id,
              (idea) => html`<li class="item"><co-idea-card .idea=${idea} .handlers=${this.handlers} ?locked=${locked}></co-idea-card></li>`,
            )}
          </ul>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'co-idea-board': CoIdeaBoard;
  }
  interface HTMLElementEventMap {
    'co-idea-add': CustomEvent<IdeaEventDetail>;
    'co-idea-edit': CustomEvent<IdeaEventDetail>;
    'co-idea-delete': CustomEvent<IdeaEventDetail>;
  }
}
