import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  TEXT, addPaperVote, closePoll, collectBallots, concealElement, deletePaperVote, observePoll, openPoll, resetPoll, revealElement,
  updatePoll, type ChoicesInput, type Poll, type PollSnapshot, type ResolvedOption, type Role,
} from '@coproduce/core';
import { ObserveController } from '../controllers/observe-controller.js';
import { WorkshopController } from '../controllers/workshop-controller.js';
import { MissingIdHint } from '../controllers/missing-id.js';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import {
  choicesText, describeVoteError, number, ordinal, pounds, shortLabel, type VoteControlDetail, type VotePaperDetail,
} from './shared.js';
import { waitingMessage } from '../internal/status.js';
import { characterCount, textProblem } from '../internal/text-field.js';
import { controlsStyles } from './vote.styles.js';
import './strings.js';

/** What the facilitator has typed into the paper-vote form so far. */
interface PaperForm {
  /** Dots and budget: amount per option, as typed. Scale: score per statement (`''` = no answer). Ranking: place per option (`''` = not ranked). */
  values: Record<string, string>;
  /** Single and multiple choice. */
  chosen: string[];
  count: string;
  note: string;
}

const EMPTY_FORM: PaperForm = { values: {}, chosen: [], count: '1', note: '' };

/**
 * The facilitator's controls for one vote: open and close voting, show or hide the results, named
 * or anonymous ballots, reset, and paper votes counted at an in-person session (kept apart from
 * online votes and included in the totals). Each control says what state the vote is in, in
 * words. Shown inside `<co-vote>` for facilitators; use it on its own for a facilitator's panel.
 *
 * @summary Facilitator controls for a vote, with paper-vote entry.
 * @event {CustomEvent<VoteControlDetail>} co-vote-control - The local facilitator used a control. `detail: { voteId, action }` (`open`, `close`, `reveal`, `hide`, `named`, `anonymous`, `reset`).
 * @event {CustomEvent<VotePaperDetail>} co-vote-paper - The local facilitator added or deleted a paper vote entry. `detail: { voteId, entryId, action }`.
 * @csspart base - The controls panel.
 * @csspart paper-form - The paper-vote form.
 * @cssproperty --co-color-danger - Colour of the reset button.
 */
export class CoVoteControls extends LitElement {
  static override styles = controlsStyles;

  /** The vote's id in the workshop. */
  @property({ reflect: true }) vote = 'vote';
  /** Heading level of the panel's title (1–6). */
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

  @state() private confirmingReset = false;
  @state() private error: string | null = null;
  @state() private paperError: string | null = null;
  /** What is wrong with the paper-vote note, shown with the note (core's check, in words). */
  @state() private noteError: string | null = null;
  @state() private form: PaperForm = EMPTY_FORM;

  private readonly i18n = new LocalizeController(this);
  private readonly workshop = Object.assign(new WorkshopController(this), { watcher: new MissingIdHint(this, 'vote') });
  private readonly pollState = new ObserveController<PollSnapshot>(
    this,
    () => [this.workshop.runtime, this.vote],
    (set) => {
      const runtime = this.workshop.runtime;
      if (!runtime || !this.vote) return undefined;
      return observePoll(runtime.doc, this.vote, set, { session: runtime.session });
    },
  );
  private focusAfterUpdate: string | null = null;

  constructor() {
    super();
    // Someone else joined on this page (a shared device): nothing the last person typed stays.
    this.workshop.onPersonChange = () => {
      this.form = EMPTY_FORM;
      this.error = null;
      this.paperError = null;
      this.noteError = null;
      this.confirmingReset = false;
      this.focusAfterUpdate = null;
    };
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  private get language(): string {
    return this.i18n.lang;
  }

  private get level(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('vote')) {
      this.form = EMPTY_FORM;
      this.confirmingReset = false;
      this.error = null;
      this.paperError = null;
      this.noteError = null;
    }
  }

  protected override updated(): void {
    if (this.workshop.standalone) {
      this.workshop.runtime?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    }
    if (this.focusAfterUpdate) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterUpdate)?.focus();
      this.focusAfterUpdate = null;
    }
  }

  private control(action: VoteControlDetail['action'], run: () => unknown, said: MessageKey): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    try {
      run();
      this.error = null;
      runtime.announcer.say(this.t(said));
      this.dispatchEvent(new CustomEvent<VoteControlDetail>('co-vote-control', { detail: { voteId: this.vote, action }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = describeVoteError(this.t.bind(this), this.language, error, this.pollState.value?.options ?? []);
    }
  }

  private toggleOpen(poll: Poll): void {
    const session = this.workshop.runtime?.session;
    if (!session) return;
    if (poll.open) this.control('close', () => closePoll(session, this.vote), 'voteClosedSaid');
    else this.control('open', () => openPoll(session, this.vote), 'voteOpenedSaid');
    this.focusAfterUpdate = '[data-control="open"]';
  }

  private toggleReveal(snapshot: PollSnapshot): void {
    const session = this.workshop.runtime?.session;
    if (!session) return;
    if (snapshot.revealed) this.control('hide', () => concealElement(session, this.vote), 'voteResultsHiddenSaid');
    else this.control('reveal', () => revealElement(session, this.vote), 'voteResultsShownSaid');
    this.focusAfterUpdate = '[data-control="reveal"]';
  }

  private setNamed(event: Event): void {
    const session = this.workshop.runtime?.session;
    const input = event.target as HTMLInputElement;
    if (!session) return;
    const named = input.checked;
    this.control(named ? 'named' : 'anonymous', () => updatePoll(session, this.vote, { anonymous: !named }), named ? 'voteNamedSaid' : 'voteAnonymousSaid');
    // If refused, show the stored state again.
    input.checked = this.pollState.value?.poll?.anonymous === false;
  }

  private startReset(): void {
    this.confirmingReset = true;
    this.focusAfterUpdate = '[data-control="reset-confirm"]';
  }

  private cancelReset(): void {
    this.confirmingReset = false;
    this.focusAfterUpdate = '[data-control="reset"]';
  }

  /** Escape in the "delete all votes?" question answers no, as Cancel does. */
  private onConfirmKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    this.cancelReset();
  }

  private confirmReset(): void {
    const session = this.workshop.runtime?.session;
    if (!session) return;
    this.control('reset', () => resetPoll(session, this.vote), 'voteResetSaid');
    this.confirmingReset = false;
    this.focusAfterUpdate = '[data-control="reset"]';
  }

  // -------------------------------------------------------------------------------------------
  // Paper votes
  // -------------------------------------------------------------------------------------------

  private setValue(id: string, value: string): void {
    this.form = { ...this.form, values: { ...this.form.values, [id]: value } };
  }

  private toggleChosen(poll: Poll, id: string, checked: boolean): void {
    const chosen = poll.method === 'single' ? (checked ? [id] : []) : checked ? [...this.form.chosen, id] : this.form.chosen.filter((c) => c !== id);
    this.form = { ...this.form, chosen };
  }

  /** The form as choices, or a message saying what to fix. */
  private paperChoices(poll: Poll, options: readonly ResolvedOption[]): ChoicesInput | string {
    const values = this.form.values;
    switch (poll.method) {
      case 'single':
      case 'multiple': {
        const ids = options.filter((o) => this.form.chosen.includes(o.id)).map((o) => o.id);
        return ids.length === 0 ? this.t('votePaperChooseSomething') : ids;
      }
      case 'ranking': {
        const placed = options
          .map((o) => ({ id: o.id, place: Number(values[o.id] ?? '') }))
          .filter((p) => p.place > 0)
          .sort((a, b) => a.place - b.place);
        if (placed.length === 0) return this.t('votePaperChooseSomething');
        if (new Set(placed.map((p) => p.place)).size !== placed.length) return this.t('votePaperSamePlace');
        return placed.map((p) => p.id);
      }
      case 'scale': {
        const out: Record<string, number> = {};
        for (const o of options) {
          const v = values[o.id];
          if (v !== undefined && v !== '') out[o.id] = Number(v);
        }
        return Object.keys(out).length === 0 ? this.t('votePaperChooseSomething') : out;
      }
      case 'dots':
      case 'budget': {
        const out: Record<string, number> = {};
        for (const o of options) {
          const raw = (values[o.id] ?? '').replace(/[£,\s]/g, '');
          if (raw === '') continue;
          if (!/^\d{1,10}$/.test(raw)) return poll.method === 'budget' ? this.t('voteEnterWholePounds') : this.t('voteEnterWholeNumber');
          const n = Number(raw);
          if (n > 0) out[o.id] = n;
        }
        return Object.keys(out).length === 0 ? this.t('votePaperChooseSomething') : out;
      }
    }
  }

  private addPaper(snapshot: PollSnapshot, event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const poll = snapshot.poll;
    if (!runtime || !poll) return;
    // The note is checked by core, not cut by a maxlength (which counts UTF-16 units and cuts pasted text silently).
    this.noteError = textProblem(this.form.note, TEXT.paperNote, this.t.bind(this));
    if (this.noteError !== null) {
      this.focusAfterUpdate = '#paper-note';
      return;
    }
    const choices = this.paperChoices(poll, snapshot.options);
    const countText = this.form.count.replace(/[,\s]/g, '');
    if (typeof choices === 'string' || !/^\d{1,6}$/.test(countText) || Number(countText) < 1) {
      this.paperError = typeof choices === 'string' ? choices : this.t('votePaperCountInvalid');
      this.focusAfterUpdate = '.paper-error';
      return;
    }
    try {
      const entryId = addPaperVote(runtime.session, this.vote, { choices, count: Number(countText), note: this.form.note });
      this.form = EMPTY_FORM;
      this.paperError = null;
      runtime.announcer.say(this.t('votePaperAddedSaid', { count: Number(countText) }));
      this.dispatchEvent(new CustomEvent<VotePaperDetail>('co-vote-paper', { detail: { voteId: this.vote, entryId, action: 'add' }, bubbles: true, composed: true }));
    } catch (error) {
      this.paperError = describeVoteError(this.t.bind(this), this.language, error, snapshot.options);
      this.focusAfterUpdate = '.paper-error';
    }
  }

  private deletePaper(entryId: string, index: number): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    try {
      deletePaperVote(runtime.session, this.vote, entryId);
      runtime.announcer.say(this.t('votePaperDeletedSaid'));
      this.dispatchEvent(new CustomEvent<VotePaperDetail>('co-vote-paper', { detail: { voteId: this.vote, entryId, action: 'delete' }, bubbles: true, composed: true }));
      // Keep the keyboard's place: the next entry's delete button, or the form.
      const remaining = (this.pollState.value?.paperVotes.length ?? 1) - 1;
      this.focusAfterUpdate = remaining > 0 ? `[data-delete-index="${Math.min(index, remaining - 1)}"]` : '[data-paper-submit]';
    } catch (error) {
      this.paperError = describeVoteError(this.t.bind(this), this.language, error, this.pollState.value?.options ?? []);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Rendering
  // -------------------------------------------------------------------------------------------

  protected override render() {
    return html`${this.renderControls()}${this.workshop.standalone
      ? html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer></div>`
      : nothing}`;
  }

  private renderControls() {
    const runtime = this.workshop.runtime;
    const snapshot = this.pollState.value;
    if (!runtime || !snapshot) return html`<p class="status">${runtime ? waitingMessage(runtime, this.t.bind(this)) : this.t('notConnected')}</p>`;
    if (runtime.session.role !== 'facilitator') return html`<p class="status">${this.t('voteControlsForFacilitators')}</p>`;
    const poll = snapshot.poll;
    if (!poll) return html`<p class="notice" role="note">${this.t('voteNotSetUp')}</p>`;
    const ballots = snapshot.results?.voters.online ?? 0;
    // Core refuses to name an anonymous vote's ballots once anyone has voted: say so before they try.
    const hasBallots = collectBallots(runtime.doc, this.vote, poll.method).length > 0;
    return html`<section part="base" class="panel" aria-labelledby="controls-title">
      <div class="subheading" role="heading" aria-level=${this.level} id="controls-title">${this.t('voteControlsTitle')}</div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <ul class="state">
        <li data-stage=${snapshot.stage}>${this.t(snapshot.stage === 'open' ? 'voteStateOpen' : snapshot.stage === 'closed' ? 'voteStateClosed' : 'voteStateNotOpenYet')}</li>
        <li>${snapshot.revealed ? this.t('voteStateRevealed') : this.t('voteStateHidden')}</li>
        <li>${poll.anonymous ? this.t('voteStateAnonymous') : this.t('voteStateNamed')}</li>
        ${snapshot.lock ? html`<li>${snapshot.lock.reason ? this.t('voteLockedBecause', { reason: snapshot.lock.reason }) : this.t('voteLocked')}</li>` : nothing}
      </ul>
      <div class="actions">
        <button class="button" type="button" data-control="open" @click=${() => this.toggleOpen(poll)}>
          ${poll.open ? this.t('voteCloseVoting') : this.t('voteOpenVoting')}
        </button>
        <button class="button" data-variant="secondary" type="button" data-control="reveal" @click=${() => this.toggleReveal(snapshot)}>
          ${snapshot.revealed ? this.t('voteHideResults') : this.t('voteShowResults')}
        </button>
      </div>
      <div>
        <label class="choice">
          <input type="checkbox" data-control="named" .checked=${!poll.anonymous} ?disabled=${poll.anonymous && hasBallots}
            aria-describedby="named-hint" @change=${(e: Event) => this.setNamed(e)} />
          <span>${this.t('voteNamedBallots')}</span>
        </label>
        <p class="hint" id="named-hint">${poll.anonymous && hasBallots ? this.t('voteErrorAnonymousVoted') : this.t('voteNamedHint')}</p>
        <p class="hint">${this.t('voteHiddenFromViewOnly')}</p>
      </div>
      ${this.confirmingReset
        ? html`<div class="confirm" role="group" aria-labelledby="reset-question" @keydown=${(e: KeyboardEvent) => this.onConfirmKey(e)}>
            <p id="reset-question"><strong>${this.t('voteResetQuestion', { count: ballots, paper: snapshot.paperVotes.length })}</strong></p>
            <div class="actions">
              <button class="button" data-variant="danger" type="button" data-control="reset-confirm" @click=${() => this.confirmReset()}>${this.t('voteResetConfirm')}</button>
              <button class="button" data-variant="secondary" type="button" @click=${() => this.cancelReset()}>${this.t('cancel')}</button>
            </div>
          </div>`
        : html`<div class="actions">
            <button class="button" data-variant="danger" type="button" data-control="reset" @click=${() => this.startReset()}>${this.t('voteResetVotes')}</button>
          </div>`}
      ${this.renderPaper(snapshot, poll)}
    </section>`;
  }

  private renderPaper(snapshot: PollSnapshot, poll: Poll) {
    const tallies = poll.method === 'dots' || poll.method === 'budget';
    const noteCount = characterCount(this.form.note, TEXT.paperNote, this.t.bind(this));
    // Folded away until needed, so the everyday controls stay short; it stays open once opened.
    return html`<details class="paper">
      <summary id="paper-title">${this.t('votePaperTitle')} (${this.t('votePaperEntryCount', { count: snapshot.paperVotes.length })})</summary>
      <div class="stack paper-body">
      <form part="paper-form" class="paper-form" novalidate aria-labelledby="paper-title" @submit=${(e: SubmitEvent) => this.addPaper(snapshot, e)}>
        <p class="hint">${tallies ? this.t('votePaperHintTally') : this.t('votePaperHintBallots')}</p>
        ${this.paperError
          ? html`<p class="error paper-error" tabindex="-1" role="alert"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.paperError}</p>`
          : nothing}
        ${this.renderPaperChoices(snapshot, poll)}
        <div>
          <label class="label" for="paper-count">${tallies ? this.t('votePaperCountTally') : this.t('votePaperCount')}</label>
          <input type="text" inputmode="numeric" id="paper-count" class="count" autocomplete="off" .value=${this.form.count}
            @input=${(e: Event) => (this.form = { ...this.form, count: (e.target as HTMLInputElement).value })} />
        </div>
        <div>
          <label class="label" for="paper-note">${this.t('votePaperNote')}</label>
          ${this.noteError
            ? html`<p class="error" id="paper-note-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.noteError}</p>`
            : nothing}
          <input type="text" id="paper-note" class="wide" autocomplete="off" .value=${this.form.note} aria-invalid=${this.noteError ? 'true' : 'false'}
            aria-describedby=${this.noteError ? 'paper-note-error paper-note-count' : 'paper-note-count'}
            @input=${(e: Event) => (this.form = { ...this.form, note: (e.target as HTMLInputElement).value })} />
          <p class="hint" id="paper-note-count" aria-live="polite" data-count=${noteCount?.over ? 'over' : noteCount ? 'left' : 'none'}>${noteCount?.message ?? nothing}</p>
        </div>
        <div class="actions"><button class="button" type="submit" data-paper-submit>${this.t('voteAddPaperVotes')}</button></div>
      </form>
      ${snapshot.paperVotes.length === 0
        ? html`<p class="hint">${this.t('voteNoPaperVotes')}</p>`
        : html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="paper-caption">
            <table class="stacks">
              <caption id="paper-caption">${this.t('votePaperEntries')}</caption>
              <thead><tr>
                <th scope="col">${this.t('voteColumnVote')}</th>
                <th scope="col" class="num">${this.t('voteColumnBallots')}</th>
                <th scope="col">${this.t('votePaperNote')}</th>
                <th scope="col"><span class="visually-hidden">${this.t('voteColumnActions')}</span></th>
              </tr></thead>
              <tbody>
                ${repeat(snapshot.paperVotes, (e) => e.entryId, (entry, i) => html`<tr>
                  <td data-label=${this.t('voteColumnVote')}>${choicesText(this.t.bind(this), this.language, poll, snapshot.options, entry.vote.choices)}</td>
                  <td class="num" data-label=${this.t('voteColumnBallots')}>${number(this.language, entry.vote.count)}</td>
                  <td data-label=${entry.vote.note ? this.t('votePaperNote') : nothing}>${entry.vote.note}</td>
                  <td class="row-action">
                    <button class="button small-button" data-variant="secondary" type="button" data-delete-index=${i}
                      @click=${() => this.deletePaper(entry.entryId, i)}>
                      ${this.t('voteDeletePaper')}<span class="visually-hidden">: ${this.t('votePaperEntryNumber', { number: i + 1 })}</span>
                    </button>
                  </td>
                </tr>`)}
              </tbody>
            </table>
          </div>`}
      </div>
    </details>`;
  }

  private renderPaperChoices(snapshot: PollSnapshot, poll: Poll) {
    const options = snapshot.options;
    const values = this.form.values;
    switch (poll.method) {
      case 'single':
      case 'multiple':
        return html`<fieldset>
          <legend>${poll.method === 'single' ? this.t('votePaperChoiceSingle') : this.t('votePaperChoiceMultiple')}</legend>
          ${repeat(options, (o) => o.id, (o) => html`<label class="choice">
            <input type=${poll.method === 'single' ? 'radio' : 'checkbox'} name="paper-choice" value=${o.id}
              .checked=${this.form.chosen.includes(o.id)} @change=${(e: Event) => this.toggleChosen(poll, o.id, (e.target as HTMLInputElement).checked)} />
            <span dir="auto">${o.label}</span>
          </label>`)}
        </fieldset>`;
      case 'ranking':
        return html`<div class="paper-grid">
          ${repeat(options, (o) => o.id, (o, i) => html`<div>
            <label class="label" for="paper-place-${i}">${this.t('votePaperPlaceFor', { label: shortLabel(o.label) })}</label>
            <select id="paper-place-${i}" @change=${(e: Event) => this.setValue(o.id, (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!values[o.id]}>${this.t('voteNotRanked')}</option>
              ${options.map((_, p) => html`<option value=${p + 1} ?selected=${values[o.id] === String(p + 1)}>${this.t('voteChoiceNumber', { place: ordinal(this.language, p + 1) })}</option>`)}
            </select>
          </div>`)}
        </div>`;
      case 'scale':
        return html`<div class="paper-grid">
          ${repeat(options, (o) => o.id, (o, i) => html`<div>
            <label class="label" for="paper-answer-${i}">${this.t('votePaperAnswerFor', { label: shortLabel(o.label) })}</label>
            <select id="paper-answer-${i}" @change=${(e: Event) => this.setValue(o.id, (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!values[o.id]}>${this.t('voteNoAnswer')}</option>
              ${poll.scale.labels.map((label, p) => html`<option value=${poll.scale.min + p} ?selected=${values[o.id] === String(poll.scale.min + p)} dir="auto">${label}</option>`)}
            </select>
          </div>`)}
        </div>`;
      case 'dots':
      case 'budget':
        return html`<div class="paper-grid">
          ${repeat(options, (o) => o.id, (o, i) => poll.method === 'budget' && o.cost !== null
            ? html`<label class="choice">
                <input type="checkbox" id="paper-amount-${i}" .checked=${values[o.id] === String(o.cost)}
                  @change=${(e: Event) => this.setValue(o.id, (e.target as HTMLInputElement).checked ? String(o.cost) : '')} />
                <span>${this.t('votePaperFundedFor', { label: shortLabel(o.label), cost: pounds(this.language, o.cost) })}</span>
              </label>`
            : html`<div>
                <label class="label" for="paper-amount-${i}">${poll.method === 'dots'
                  ? this.t('votePaperDotsFor', { label: shortLabel(o.label) })
                  : this.t('votePaperPoundsFor', { label: shortLabel(o.label) })}</label>
                <input type="text" inputmode="numeric" autocomplete="off" id="paper-amount-${i}" .value=${values[o.id] ?? ''}
                  @input=${(e: Event) => this.setValue(o.id, (e.target as HTMLInputElement).value)} />
              </div>`)}
        </div>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'co-vote-controls': CoVoteControls;
  }
  interface HTMLElementEventMap {
    'co-vote-control': CustomEvent<VoteControlDetail>;
    'co-vote-paper': CustomEvent<VotePaperDetail>;
  }
}
