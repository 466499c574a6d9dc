// <council-quick-idea>: a custom element made from Coproduce's building blocks (docs/custom-pages.md).
// It shows what the workshop is doing now and how many ideas a board has, and lets a resident add
// one in a single line, with the same connection, offline copy and screen-reader announcements as
// the built-in elements.
import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { addIdea, isCoproduceError, observeControl, type ControlSnapshot, type CoproduceError, type Role } from '@coproduce/core';
import { BoardController, LocalizeController, ObserveController, WorkshopController, registerStrings } from '@coproduce/elements';

// Every word in English and Welsh. The keys join the elements' own (a typo in a key does not
// compile), and a page can replace any of them with `setStrings`, as it can the elements' strings.
registerStrings({
  en: {
    councilQuickConnecting: 'Connecting to the workshop…',
    councilQuickNoBoard: 'This board has not been set up yet.',
    councilQuickNow: 'Now: {phase}',
    councilQuickCount: { one: '{count} idea so far.', other: '{count} ideas so far.' },
    councilQuickPaused: 'The facilitator has paused this board.',
    councilQuickLabel: 'Your idea',
    councilQuickAdd: 'Add idea',
    councilQuickAdded: 'Idea added.',
    councilQuickEmpty: "An idea can't be empty.",
    councilQuickTooLong: 'An idea can be up to {max} characters. This one has {actual}.',
  },
  cy: {
    councilQuickConnecting: 'Wrthi’n cysylltu â’r gweithdy…',
    councilQuickNoBoard: 'Nid yw’r bwrdd hwn wedi’i osod eto.',
    councilQuickNow: 'Nawr: {phase}',
    // Welsh has six plural forms (Intl.PluralRules); "syniad" stays the same after a number.
    councilQuickCount: { zero: '{count} syniad hyd yma.', one: '{count} syniad hyd yma.', two: '{count} syniad hyd yma.', few: '{count} syniad hyd yma.', many: '{count} syniad hyd yma.', other: '{count} syniad hyd yma.' },
    councilQuickPaused: 'Mae’r hwylusydd wedi oedi’r bwrdd hwn.',
    councilQuickLabel: 'Eich syniad',
    councilQuickAdd: 'Ychwanegu syniad',
    councilQuickAdded: 'Syniad wedi’i ychwanegu.',
    councilQuickEmpty: 'Ni all syniad fod yn wag.',
    councilQuickTooLong: 'Gall syniad fod hyd at {max} o nodau. Mae gan hwn {actual}.',
  },
});

declare module '@coproduce/elements' {
  interface CoproduceMessages {
    councilQuickConnecting: string;
    councilQuickNoBoard: string;
    councilQuickNow: string;
    councilQuickCount: string;
    councilQuickPaused: string;
    councilQuickLabel: string;
    councilQuickAdd: string;
    councilQuickAdded: string;
    councilQuickEmpty: string;
    councilQuickTooLong: string;
  }
}

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

  /** The words, in the language of the nearest `lang` (re-rendered when it or the strings change). */
  private readonly i18n = new LocalizeController(this);
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
  private problem: CoproduceError | null = null;

  private add(event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const input = this.renderRoot.querySelector('input');
    if (!runtime || !input) return;
    try {
      addIdea(runtime.session, { boardId: this.board, text: input.value });
      input.value = '';
      this.problem = null;
      runtime.announcer.say(this.i18n.t('councilQuickAdded')); // the workshop's one polite live region
    } catch (error) {
      if (!isCoproduceError(error)) throw error;
      this.problem = error; // e.g. code "required": "An idea can't be empty."
    }
    this.requestUpdate();
  }

  /** A core error in the page's language: its code and details are stable; other codes keep core's plain English. */
  private describe(error: CoproduceError): string {
    const { max, actual } = error.details;
    if (error.code === 'required') return this.i18n.t('councilQuickEmpty');
    if (error.code === 'too-long') return this.i18n.t('councilQuickTooLong', { max: Number(max), actual: Number(actual) });
    if (error.code === 'locked') return this.i18n.t('councilQuickPaused');
    return error.message;
  }

  override render() {
    const board = this.ideas.value;
    if (!this.workshop.runtime || !board) return html`<p>${this.i18n.t('councilQuickConnecting')}</p>`;
    if (!board.exists) return html`<p>${this.i18n.t('councilQuickNoBoard')}</p>`;
    const phase = this.control.value?.currentPhase;
    return html`
      ${phase ? html`<p>${this.i18n.t('councilQuickNow', { phase: phase.title })}</p>` : null}
      <p>${this.i18n.t('councilQuickCount', { count: board.ideas.length })}</p>
      ${board.lock
        ? html`<p class="locked">${board.lock.reason || this.i18n.t('councilQuickPaused')}</p>`
        : html`<form @submit=${this.add}>
            <div><label for="idea">${this.i18n.t('councilQuickLabel')}</label><input id="idea" name="idea" autocomplete="off" /></div>
            <button type="submit">${this.i18n.t('councilQuickAdd')}</button>
          </form>`}
      ${this.problem ? html`<p class="problem" role="alert">${this.describe(this.problem)}</p>` : null}
    `;
  }
}

if (!customElements.get('council-quick-idea')) customElements.define('council-quick-idea', CouncilQuickIdea);

declare global {
  interface HTMLElementTagNameMap {
    'council-quick-idea': CouncilQuickIdea;
  }
}
