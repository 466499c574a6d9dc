// <council-quick-idea>: a custom element made from Coproduce's building blocks (docs/custom-pages.md).
// It shows what the workshop is doing now and how many ideas a board has, and lets a resident add
// one in a single line, with the same connection, offline copy and screen-reader announcements as
// the built-in elements.
import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { addIdea, isCoproduceError, observeControl, type ControlSnapshot, type Role } from '@coproduce/core';
import { BoardController, ObserveController, WorkshopController } from '@coproduce/elements';

export class CouncilQuickIdea extends LitElement {
  static override styles = css`
    :host { display: block; font-family: var(--co-font-family, system-ui, sans-serif); color: var(--co-color-text, #0b0c0c); }
    form { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
    label { display: block; font-weight: 700; }
    input { min-height: 44px; min-width: min(20rem, 100%); font: inherit; border: 2px solid currentColor; padding: 0 8px; }
    button { min-height: 44px; min-width: 44px; font: inherit; font-weight: 700; }
    input:focus-visible, button:focus-visible { outline: 3px solid #fd0; box-shadow: 0 0 0 6px #0b0c0c; }
    .locked, .problem { border-inline-start: 4px solid currentColor; padding-inline-start: 8px; }
  `;

  /** The board the ideas go to. */
  @property() board = 'ideas';
  // Outside a <co-workshop>, the element connects on its own with the same attributes as the built-in ones.
  @property() server: string | null = null;
  @property() room: string | null = null;
  @property() token: string | null = null;
  @property({ attribute: 'user-role' }) userRole: Role | null = null;
  @property({ attribute: 'user-name' }) userName: string | null = null;

  /** The workshop: the nearest <co-workshop>, or one of its own. */
  private readonly workshop = new WorkshopController(this);
  /** The board, live (an immutable snapshot that changes when anyone adds an idea). */
  private readonly ideas = new BoardController(this, () => ({ runtime: this.workshop.runtime, boardId: this.board }));
  /** The facilitator's controls, live: the current phase. */
  private readonly control = new ObserveController<ControlSnapshot>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      return runtime ? observeControl(runtime.doc, set, { immediate: true }) : undefined;
    },
  );
  private problem = '';

  private add(event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const input = this.renderRoot.querySelector('input');
    if (!runtime || !input) return;
    try {
      addIdea(runtime.session, { boardId: this.board, text: input.value });
      input.value = '';
      this.problem = '';
      runtime.announcer.say('Idea added.'); // the workshop's one polite live region
    } catch (error) {
      if (!isCoproduceError(error)) throw error;
      this.problem = error.message; // plain English, e.g. "Please write your idea first."
    }
    this.requestUpdate();
  }

  override render() {
    const board = this.ideas.value;
    if (!this.workshop.runtime || !board) return html`<p>Connecting to the workshop…</p>`;
    if (!board.exists) return html`<p>This board has not been set up yet.</p>`;
    const phase = this.control.value?.currentPhase;
    const count = board.ideas.length;
    return html`
      ${phase ? html`<p>Now: ${phase.title}</p>` : null}
      <p>${count === 1 ? '1 idea so far.' : `${count} ideas so far.`}</p>
      ${board.lock
        ? html`<p class="locked">${board.lock.reason || 'The facilitator has paused this board.'}</p>`
        : html`<form @submit=${this.add}>
            <div><label for="idea">Your idea</label><input id="idea" name="idea" autocomplete="off" /></div>
            <button type="submit">Add idea</button>
          </form>`}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
    `;
  }
}

if (!customElements.get('council-quick-idea')) customElements.define('council-quick-idea', CouncilQuickIdea);

declare global {
  interface HTMLElementTagNameMap {
    'council-quick-idea': CouncilQuickIdea;
  }
}
