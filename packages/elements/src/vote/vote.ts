import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from '../internal/csp-style-map.js'; // works under a strict Content-Security-Policy
import { ContextProvider } from '@lit/context';
import {
  CoproduceError, ballotUsage, castBallot, createPoll, observeControl, observePoll, observeRoots, pruneChoices,
  retractBallot, usesListChoices, type BallotChoices, type ChangeInfo, type ControlSnapshot, type Poll, type PollInput,
  type PollMethod, type PollOptionInput, type PollSnapshot, type ResolvedOption, type Role,
} from '@coproduce/core';
import { workshopContext } from '../context.js';
import { ObserveController } from '../controllers/observe-controller.js';
import { WorkshopController } from '../controllers/workshop-controller.js';
import { MissingIdHint } from '../controllers/missing-id.js';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import { joinSentences } from '../internal/announcer.js';
import { renderNotSaved } from '../internal/not-saved.js';
import { SteadyStatus, statusKey } from '../internal/status.js';
import {
  allowanceText, choicesText, closedRuleText, describeVoteError, number, ordinal, pounds, rulesText, shortLabel, votingHasClosed, type VoteCastDetail,
  type VoteEventDetail,
} from './shared.js';
import { voteStyles } from './vote.styles.js';
import './results-define.js';
import './controls-define.js';
import './strings.js';

type Amounts = Readonly<Record<string, number>>;

/** "Your vote:" shows option names up to this long in full (an idea from a board may run to 2,000 characters). */
const MY_VOTE_LABEL_LENGTH = 140;

interface PollView {
  snapshot: PollSnapshot;
  info: ChangeInfo;
}

/** Reads a JSON attribute; a malformed one reads as `null` (and says so in the console). */
const jsonAttribute = {
  fromAttribute(value: string | null): unknown {
    if (value === null || value.trim() === '') return null;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      console.warn('[coproduce] <co-vote>: an attribute is not valid JSON:', value.slice(0, 80));
      return null;
    }
  },
  toAttribute(value: unknown): string | null {
    return value == null ? null : JSON.stringify(value);
  },
};

/** A `co-vote-*` event for the local user's own action: bubbles and crosses shadow roots. */
function voteEvent<T>(name: string, detail: T): CustomEvent<T> {
  return new CustomEvent<T>(name, { detail, bubbles: true, composed: true });
}

/** A round step for the budget's − and + buttons: about a twentieth of the budget (1, 2 or 5 × 10ⁿ). */
export function niceStep(budget: number): number {
  const rough = budget / 20;
  if (rough <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const m = rough / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

function sameChoices(a: BallotChoices, b: BallotChoices, ordered: boolean): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const x = ordered ? a : [...a].sort();
    const y = ordered ? b : [...b].sort();
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (Array.isArray(a) || Array.isArray(b)) return false;
  const ra = a as Amounts;
  const rb = b as Amounts;
  const keys = Object.keys(ra);
  return keys.length === Object.keys(rb).length && keys.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && rb[k] === ra[k]);
}

/**
 * One vote, for everyone in the workshop: the ballot for the poll's method, the voter's remaining
 * allowance (always on screen, and announced as it changes), the results once the facilitator
 * reveals them, and — for facilitators — the controls to run the vote and enter paper votes.
 *
 * Methods: dot voting (steppers, with a per-option cap), single choice (radio buttons), multiple
 * choice (checkboxes, with a maximum), ranking (move up and down buttons — no dragging), budget
 * allocation in pounds (steppers and amounts, never over the budget; fixed-cost options are all or
 * nothing) and agreement scales (a radio group per statement). The vote is saved when the voter
 * presses "Save my vote", and can be changed or withdrawn while voting is open.
 *
 * A council page can embed a vote with one tag: when the vote does not exist yet and a facilitator
 * opens the page, it is created from the attributes.
 *
 * ```html
 * <co-vote server="wss://…" room="high-street" vote="priorities" vote-title="What should we do first?"
 *   method="dots" allowance="5" per-option-cap="2" board="main"></co-vote>
 * ```
 *
 * @summary A vote: ballot, remaining allowance, results and facilitator controls.
 * @event {CustomEvent<VoteCastDetail>} co-vote-cast - The local user saved their vote. `detail: { voteId, choices }`.
 * @event {CustomEvent<VoteEventDetail>} co-vote-withdraw - The local user withdrew their vote. `detail: { voteId }`.
 * @event {CustomEvent<VoteEventDetail>} co-vote-create - The local facilitator's page created the vote from the attributes. `detail: { voteId }`.
 * @csspart base - The vote's outer section.
 * @csspart heading - The question.
 * @csspart ballot - The voting form.
 * @csspart allowance - The "what you have left" line.
 * @csspart status - The connection status line.
 * @csspart not-saved - Below it, while a change of this person was not saved by the server: what and why, in words.
 * @csspart not-saved-detail - Inside it, for a reason the elements have no words of their own for: the server's own text, folded away.
 * @cssproperty --co-color-primary - Colour of the primary action.
 * @cssproperty --co-vote-dot - Colour of placed dots and of chosen options' edge.
 * @cssproperty --co-vote-bar-online - Bar colour of online votes in the results.
 * @cssproperty --co-vote-bar-paper - Stripe colour of paper votes in the results.
 */
export class CoVote extends LitElement {
  static override styles = voteStyles;

  /** The vote's id in the workshop. */
  @property({ reflect: true }) vote = 'vote';
  /** The question, used when a facilitator's page creates the vote. */
  @property({ attribute: 'vote-title' }) voteTitle = '';
  /** More about the question (optional), used when creating the vote. */
  @property() description = '';
  /** How people vote, used when creating: `dots`, `single`, `multiple`, `ranking`, `budget` or `scale`. */
  @property() method: PollMethod = 'dots';
  /**
   * The options, used when creating: a JSON list of labels or `{ "id", "label", "cost" }` objects
   * (`cost` in whole pounds, budget votes only). For a scale, the statements.
   */
  @property({ converter: jsonAttribute }) options: readonly (string | PollOptionInput)[] | null = null;
  /** Vote on the ideas of this board (instead of `options`). */
  @property() board: string | null = null;
  /** Vote on the groups of this board (instead of `options`). */
  @property() clusters: string | null = null;
  /** Dot voting: dots per person (default 3). */
  @property({ type: Number }) allowance: number | null = null;
  /** Dot voting: most dots on one option (default: no limit beyond the allowance). */
  @property({ type: Number, attribute: 'per-option-cap' }) perOptionCap: number | null = null;
  /** Multiple choice: most options per person (default 3). */
  @property({ type: Number, attribute: 'max-choices' }) maxChoices: number | null = null;
  /** Budget: pounds per person (required for budget votes). */
  @property({ type: Number }) budget: number | null = null;
  /** Scale: JSON `{ "min", "max", "labels" }` (default 1–5, "Strongly disagree" … "Strongly agree"). */
  @property({ converter: jsonAttribute }) scale: { min: number; max: number; labels?: string[] } | null = null;
  /** Results show who voted what (ballots are anonymous unless this is set). */
  @property({ type: Boolean }) named = false;
  /** Open for voting as soon as it is created. */
  @property({ type: Boolean }) open = false;
  /** Budget: pounds added or taken by the − and + buttons (default: about a twentieth of the budget). */
  @property({ type: Number }) step: number | null = null;
  /** Heading level of the question (1–6), to fit the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /** Do not show the results inside this element (show them with `<co-vote-results>` elsewhere). */
  @property({ type: Boolean, attribute: 'no-results' }) noResults = false;
  /** Do not show the facilitator controls inside this element (use `<co-vote-controls>` elsewhere). */
  @property({ type: Boolean, attribute: 'no-controls' }) noControls = false;
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

  /** Unsaved choices; `null` while the ballot shows the saved vote. */
  @state() private draft: BallotChoices | null = null;
  @state() private formError: string | null = null;
  /** Why the last − / + / tick was refused (shown under the allowance). */
  @state() private refusal: string | null = null;
  @state() private setupError: string | null = null;
  /** Raw text of budget amount boxes being typed in, by option id. */
  @state() private typing: Readonly<Record<string, string>> = {};
  /** The budget amount box whose text is not an amount (the refusal says why). */
  @state() private invalidAmount: string | null = null;
  /** Voting closed or paused while this person had choices they had not saved. */
  @state() private unsavedDropped = false;

  private readonly i18n = new LocalizeController(this);
  private readonly workshop = Object.assign(new WorkshopController(this), { watcher: new MissingIdHint(this, 'vote') });
  /** Hands this element's workshop to the results and controls inside it. */
  private readonly provider = new ContextProvider(this, { context: workshopContext });
  private readonly pollState = new ObserveController<PollView>(
    this,
    () => [this.workshop.runtime, this.vote],
    (set) => {
      const runtime = this.workshop.runtime;
      if (!runtime || !this.vote) return undefined;
      return observePoll(runtime.doc, this.vote, (snapshot, info) => {
        this.onPollChange(snapshot, info);
        set({ snapshot, info });
      }, { session: runtime.session });
    },
  );
  /** Boards appearing later (another element creating one) let a waiting vote be created. */
  private readonly boardsState = new ObserveController<number>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      if (!runtime) return undefined;
      let n = 0;
      return observeRoots(runtime.doc, ['boards'], () => set(n++));
    },
  );
  /** Workshop settings and reveals: a vote on a privately-written board waits for the board's reveal. */
  private readonly controlState = new ObserveController<ControlSnapshot>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      if (!runtime) return undefined;
      return observeControl(runtime.doc, set, { session: runtime.session });
    },
  );
  private lastSetupKey = '';
  private previous: { open: boolean; lock: boolean; resetAt: number; mine: boolean } | null = null;
  /** Whether a reset waiting to be announced removed this person's vote. */
  private resetTookMine = false;
  private pendingFocus: { selector: string } | null = null;
  /** Whether the last render showed the ballot (to notice it going away under the voter). */
  private ballotWasShown = false;

  constructor() {
    super();
    this.workshop.onReady = () => this.requestUpdate();
    // Someone else joined on this page: the last person's unsaved ballot is not theirs (said nowhere; focus stays).
    this.workshop.onPersonChange = () => {
      this.resetDraft();
      this.setupError = null;
      this.pendingFocus = null;
    };
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  private get language(): string {
    return this.i18n.lang;
  }

  private get effectiveRole(): Role | undefined {
    return this.workshop.runtime?.session.role;
  }

  // -------------------------------------------------------------------------------------------
  // Creating the vote from the attributes
  // -------------------------------------------------------------------------------------------

  /** The vote's definition from the attributes, or `null` when no options were given. */
  private definition(): PollInput | null {
    let options: PollInput['options'];
    if (this.board) options = { board: this.board };
    else if (this.clusters) options = { clusters: this.clusters };
    else if (Array.isArray(this.options)) {
      // Ids from the position, so two facilitators creating the vote at once write the same options.
      options = this.options.map((o, i) =>
        typeof o === 'string' ? { id: `option-${i + 1}`, label: o } : { ...o, id: o.id ?? `option-${i + 1}` },
      );
    } else return null;
    const input: PollInput = {
      id: this.vote,
      title: this.voteTitle.trim() || this.t('voteDefaultTitle'),
      description: this.description,
      method: this.method,
      options,
      anonymous: !this.named,
      open: this.open,
      ...(this.allowance !== null ? { allowance: this.allowance } : {}),
      ...(this.perOptionCap !== null ? { perOptionCap: this.perOptionCap } : {}),
      ...(this.maxChoices !== null ? { maxChoices: this.maxChoices } : {}),
      ...(this.budget !== null ? { budget: this.budget } : {}),
      ...(this.scale !== null ? { scale: this.scale } : {}),
    };
    return input;
  }

  /** A facilitator opening a vote that does not exist yet creates it (vote definitions are theirs). */
  private ensurePoll(): void {
    const runtime = this.workshop.runtime;
    const snapshot = this.pollState.value?.snapshot;
    if (!runtime?.ready || !snapshot || snapshot.poll !== null || runtime.session.role !== 'facilitator') return;
    const input = this.definition();
    if (input === null) return;
    const key = JSON.stringify([input, this.boardsState.value, this.language]);
    if (key === this.lastSetupKey) return;
    this.lastSetupKey = key;
    try {
      createPoll(runtime.session, input);
      this.setupError = null;
      this.emit('co-vote-create', { voteId: this.vote });
    } catch (error) {
      if (error instanceof CoproduceError && error.code === 'already-exists') return;
      this.setupError = error instanceof CoproduceError ? error.message : String(error);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Live changes
  // -------------------------------------------------------------------------------------------

  private onPollChange(snapshot: PollSnapshot, info: ChangeInfo): void {
    const poll = snapshot.poll;
    const now = poll ? { open: poll.open, lock: snapshot.lock !== null, resetAt: poll.resetAt, mine: snapshot.myBallot !== null } : null;
    const before = this.previous;
    this.previous = now;
    const runtime = this.workshop.runtime;
    // Loading the page (the offline copy, then the first sync) brings it up to date: not news.
    if (info.initial || info.local || !before || !now || !runtime?.ready) return;
    const announcer = runtime.announcer;
    if (before.open !== now.open || before.lock !== now.lock) {
      announcer.later(`vote-state:${snapshot.id}`, () => {
        const current = this.pollState.value?.snapshot;
        if (!current?.poll) return null;
        const unsaved = this.unsavedDropped ? [this.t('voteUnsavedNotCounted')] : [];
        if (current.lock && current.poll.open && this.effectiveRole !== 'facilitator') return joinSentences([this.t('voteLocked'), ...unsaved]);
        const title = current.poll.title;
        return current.poll.open ? this.t('voteNowOpen', { title }) : joinSentences([this.t('voteNowClosed', { title }), ...unsaved]);
      });
    }
    if (now.resetAt > before.resetAt) {
      // A facilitator reset the vote: every vote is gone. A closed vote is not open yet again; an
      // open one stays open, and someone whose vote was removed hears they can vote again.
      const hadVote = before.mine || this.resetTookMine;
      this.resetTookMine = hadVote;
      announcer.later(`vote-reset:${snapshot.id}`, () => {
        const current = this.pollState.value?.snapshot;
        const took = this.resetTookMine;
        this.resetTookMine = false;
        if (!current?.poll) return null;
        const title = current.poll.title;
        if (current.stage !== 'open') return this.t('voteResetNotOpenSaid', { title });
        const again = took && this.effectiveRole !== 'observer' && current.myBallot === null ? [this.t('voteResetYoursSaid')] : [];
        return joinSentences([this.t('voteResetOpenSaid', { title }), ...again]);
      });
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const runtime = this.workshop.runtime;
    if (this.provider.value !== runtime) this.provider.setValue(runtime);
    if (changed.has('vote')) this.resetDraft();
    // A saved vote that matches the draft (saved here, or the same vote from another device) ends the draft.
    const snapshot = this.pollState.value?.snapshot;
    if (this.draft !== null && snapshot?.poll && sameChoices(this.draft, this.saved(snapshot), snapshot.poll.method === 'ranking')) {
      this.draft = null;
    }
    // The facilitator closing or pausing the vote takes the ballot away: keep the keyboard on the
    // notice that replaces it (not lost on the page), and say if unsaved choices did not count.
    const shown = snapshot?.poll ? this.ballotShown(snapshot, snapshot.poll) : false;
    if (this.ballotWasShown && !shown && snapshot?.poll) {
      if (this.draft !== null) this.unsavedDropped = true;
      const active = (this.renderRoot as ShadowRoot).activeElement;
      if (active && this.renderRoot.querySelector('form.ballot')?.contains(active)) this.pendingFocus = { selector: '[data-ballot-notice]' };
    } else if (shown) {
      // And back: the facilitator re-opening the vote (or lifting the pause) removes the notice the
      // keyboard was on; it goes to the first control of the ballot that replaces it, not to the page.
      if (!this.ballotWasShown) {
        const active = (this.renderRoot as ShadowRoot).activeElement;
        if (active?.closest('[data-ballot-notice]')) {
          this.pendingFocus = { selector: 'form.ballot :is(button, input, select, textarea):not([disabled]):not([type="hidden"])' };
        }
      }
      this.unsavedDropped = false;
    }
    this.ballotWasShown = shown;
  }

  /** Whether this person gets a ballot now (voting open, not paused for them, something to vote on). */
  private ballotShown(snapshot: PollSnapshot, poll: Poll): boolean {
    const role = this.effectiveRole;
    if (role === undefined || role === 'observer' || !poll.open) return false;
    if (snapshot.lock !== null && role !== 'facilitator') return false;
    return !this.ideasHidden(poll) && snapshot.options.length > 0;
  }

  protected override updated(): void {
    if (this.workshop.standalone) {
      this.workshop.runtime?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    }
    // After this update, not during it: creating the vote changes the document and so this element.
    queueMicrotask(() => this.ensurePoll());
    if (this.pendingFocus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.pendingFocus.selector);
      this.pendingFocus = null;
      target?.focus();
    }
  }

  private resetDraft(): void {
    this.draft = null;
    this.formError = null;
    this.refusal = null;
    this.invalidAmount = null;
    this.unsavedDropped = false;
    this.typing = {};
  }

  // -------------------------------------------------------------------------------------------
  // The ballot
  // -------------------------------------------------------------------------------------------

  /** The saved vote, limited to the options that still exist. */
  private saved(snapshot: PollSnapshot): BallotChoices {
    const poll = snapshot.poll as Poll;
    const mine = snapshot.myBallot;
    if (!mine) return usesListChoices(poll.method) ? [] : {};
    return pruneChoices(poll.method, mine.choices, new Set(snapshot.options.map((o) => o.id)));
  }

  /** What the ballot shows: the draft, or else the saved vote — either way only options that still exist (an idea may have been deleted meanwhile). */
  private choices(snapshot: PollSnapshot): BallotChoices {
    if (this.draft === null) return this.saved(snapshot);
    return pruneChoices((snapshot.poll as Poll).method, this.draft, new Set(snapshot.options.map((o) => o.id)));
  }

  private emit(name: 'co-vote-cast', detail: VoteCastDetail): void;
  private emit(name: 'co-vote-withdraw' | 'co-vote-create', detail: VoteEventDetail): void;
  private emit(name: string, detail: VoteEventDetail): void {
    this.dispatchEvent(voteEvent(name, detail));
  }

  /** Changes the draft and says what changed and what is left. */
  private change(snapshot: PollSnapshot, next: BallotChoices, said: string): void {
    const poll = snapshot.poll as Poll;
    this.draft = next;
    this.refusal = null;
    this.invalidAmount = null;
    this.formError = null;
    this.workshop.runtime?.announcer.say(`${said} ${allowanceText(this.t.bind(this), this.language, poll, snapshot.options, next)}`);
  }

  /** Shows and says why a change was refused; `field` is the amount box whose text caused it, if any. */
  private refuse(message: string, field: string | null = null): void {
    this.refusal = message;
    this.invalidAmount = field;
    this.workshop.runtime?.announcer.say(message);
  }

  private amounts(snapshot: PollSnapshot): Amounts {
    return this.choices(snapshot) as Amounts;
  }

  private list(snapshot: PollSnapshot): readonly string[] {
    return this.choices(snapshot) as readonly string[];
  }

  private setAmount(snapshot: PollSnapshot, option: ResolvedOption, amount: number): Amounts {
    const next: Record<string, number> = { ...this.amounts(snapshot) };
    if (amount === 0) delete next[option.id];
    else next[option.id] = amount;
    return next;
  }

  private stepDots(snapshot: PollSnapshot, option: ResolvedOption, delta: 1 | -1): void {
    const poll = snapshot.poll as Extract<Poll, { method: 'dots' }>;
    const current = this.amounts(snapshot)[option.id] ?? 0;
    const label = shortLabel(option.label);
    if (delta < 0) {
      if (current === 0) return this.refuse(this.t('voteNoDotsToRemove', { label }));
      const next = this.setAmount(snapshot, option, current - 1);
      return this.change(snapshot, next, this.t('voteDotsOn', { count: current - 1, label }));
    }
    if (current >= poll.perOptionCap) return this.refuse(this.t('voteDotsCapReached', { count: poll.perOptionCap, label }));
    if (ballotUsage(poll, snapshot.options, this.amounts(snapshot)).left === 0) return this.refuse(this.t('voteNoDotsLeft'));
    this.change(snapshot, this.setAmount(snapshot, option, current + 1), this.t('voteDotsOn', { count: current + 1, label }));
  }

  private budgetStep(snapshot: PollSnapshot): number {
    const poll = snapshot.poll as Extract<Poll, { method: 'budget' }>;
    return this.step !== null && Number.isSafeInteger(this.step) && this.step > 0 ? this.step : niceStep(poll.budget);
  }

  /** Sets an option's amount, never letting the total pass the budget. */
  private setMoney(snapshot: PollSnapshot, option: ResolvedOption, wanted: number): void {
    const poll = snapshot.poll as Extract<Poll, { method: 'budget' }>;
    const current = this.amounts(snapshot)[option.id] ?? 0;
    const left = ballotUsage(poll, snapshot.options, this.amounts(snapshot)).left;
    const label = shortLabel(option.label);
    const amount = Math.max(0, Math.min(wanted, current + left));
    this.typing = Object.fromEntries(Object.entries(this.typing).filter(([id]) => id !== option.id));
    if (this.invalidAmount === option.id) {
      this.invalidAmount = null;
      this.refusal = null;
    }
    if (amount === current) {
      if (wanted > current) this.refuse(this.t('voteBudgetAllSpent', { budget: pounds(this.language, poll.budget) }));
      return;
    }
    const next = this.setAmount(snapshot, option, amount);
    const said = amount < wanted
      ? this.t('voteBudgetCapped', { label, amount: pounds(this.language, amount) })
      : this.t('voteMoneyOn', { label, amount: pounds(this.language, amount) });
    this.change(snapshot, next, said);
    if (amount < wanted) this.refusal = this.t('voteBudgetCapped', { label, amount: pounds(this.language, amount) });
  }

  private onMoneyInput(snapshot: PollSnapshot, option: ResolvedOption, event: Event): void {
    const input = event.target as HTMLInputElement;
    const raw = input.value;
    const cleaned = raw.replace(/[£,\s]/g, '');
    if (cleaned === '') {
      this.typing = { ...this.typing, [option.id]: raw };
      if (this.invalidAmount === option.id) {
        this.invalidAmount = null;
        this.refusal = null;
      }
      return;
    }
    if (!/^\d{1,10}$/.test(cleaned)) {
      this.typing = { ...this.typing, [option.id]: raw };
      this.refuse(this.t('voteEnterWholePounds'), option.id);
      return;
    }
    this.setMoney(snapshot, option, Number(cleaned));
    // Show what was kept (the amount may have been limited to what is left).
    input.value = number(this.language, this.amounts(snapshot)[option.id] ?? 0);
  }

  private onMoneyKey(snapshot: PollSnapshot, option: ResolvedOption, event: KeyboardEvent): void {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const current = this.amounts(snapshot)[option.id] ?? 0;
    const step = this.budgetStep(snapshot);
    this.setMoney(snapshot, option, event.key === 'ArrowUp' ? current + step : Math.max(0, current - step));
  }

  private toggleFunded(snapshot: PollSnapshot, option: ResolvedOption, event: Event): void {
    const poll = snapshot.poll as Extract<Poll, { method: 'budget' }>;
    const input = event.target as HTMLInputElement;
    const cost = option.cost as number;
    const label = shortLabel(option.label);
    if (input.checked) {
      const left = ballotUsage(poll, snapshot.options, this.amounts(snapshot)).left;
      if (cost > left) {
        event.preventDefault();
        input.checked = false;
        return this.refuse(this.t('voteCannotFund', { label, cost: pounds(this.language, cost), left: pounds(this.language, left) }));
      }
      return this.change(snapshot, this.setAmount(snapshot, option, cost), this.t('voteFunded', { label }));
    }
    this.change(snapshot, this.setAmount(snapshot, option, 0), this.t('voteNotFunded', { label }));
  }

  private choose(snapshot: PollSnapshot, option: ResolvedOption): void {
    this.change(snapshot, [option.id], this.t('voteChosen', { label: shortLabel(option.label) }));
  }

  private toggleChoice(snapshot: PollSnapshot, option: ResolvedOption, event: Event): void {
    const poll = snapshot.poll as Extract<Poll, { method: 'multiple' }>;
    const input = event.target as HTMLInputElement;
    const chosen = this.list(snapshot);
    const label = shortLabel(option.label);
    if (input.checked) {
      const max = Math.min(poll.maxChoices, snapshot.options.length);
      if (chosen.length >= max) {
        event.preventDefault();
        input.checked = false;
        return this.refuse(this.t('voteTooManyChosen', { count: max }));
      }
      const ids = new Set([...chosen, option.id]);
      return this.change(snapshot, snapshot.options.filter((o) => ids.has(o.id)).map((o) => o.id), this.t('voteChosen', { label }));
    }
    this.change(snapshot, chosen.filter((id) => id !== option.id), this.t('voteNotChosen', { label }));
  }

  private rank(snapshot: PollSnapshot, id: string, action: 'add' | 'remove' | 'up' | 'down'): void {
    const list = [...this.list(snapshot)];
    const label = shortLabel(snapshot.options.find((o) => o.id === id)?.label ?? '');
    const total = snapshot.options.length;
    const index = list.indexOf(id);
    switch (action) {
      case 'add': {
        if (index >= 0) return;
        list.push(id);
        // Keep the keyboard in the "not ranked" list so the next option can be added straight away.
        const unranked = snapshot.options.filter((o) => !list.includes(o.id));
        const old = snapshot.options.filter((o) => !this.list(snapshot).includes(o.id)).findIndex((o) => o.id === id);
        const next = unranked[Math.min(old, unranked.length - 1)];
        this.pendingFocus = { selector: next ? `[data-rank-add="${next.id}"]` : `[data-rank-up="${id}"], [data-rank-remove="${id}"]` };
        return this.change(snapshot, list, this.t('voteRankAdded', { label, place: ordinal(this.language, list.length), total }));
      }
      case 'remove': {
        if (index < 0) return;
        list.splice(index, 1);
        const neighbour = list[Math.min(index, list.length - 1)];
        this.pendingFocus = { selector: neighbour ? `[data-rank-remove="${neighbour}"]` : `[data-rank-add="${id}"]` };
        return this.change(snapshot, list, this.t('voteRankRemoved', { label }));
      }
      case 'up':
      case 'down': {
        const to = action === 'up' ? index - 1 : index + 1;
        if (index < 0) return;
        if (to < 0) return this.refuse(this.t('voteAlreadyFirst', { label }));
        if (to >= list.length) return this.refuse(this.t('voteAlreadyLast', { label }));
        list.splice(index, 1);
        list.splice(to, 0, id);
        this.pendingFocus = { selector: `[data-rank-${action}="${id}"]` };
        return this.change(snapshot, list, this.t('voteRankMoved', { label, place: ordinal(this.language, to + 1), total: list.length }));
      }
    }
  }

  private answer(snapshot: PollSnapshot, option: ResolvedOption, score: number | null): void {
    const poll = snapshot.poll as Extract<Poll, { method: 'scale' }>;
    const next: Record<string, number> = { ...this.amounts(snapshot) };
    const label = shortLabel(option.label);
    if (score === null) {
      delete next[option.id];
      this.pendingFocus = { selector: `input[name="statement-${option.id}"]` };
      return this.change(snapshot, next, this.t('voteAnswerCleared', { label }));
    }
    next[option.id] = score;
    this.change(snapshot, next, this.t('voteAnswered', { label, answer: poll.scale.labels[score - poll.scale.min] ?? String(score) }));
  }

  private onSubmit(snapshot: PollSnapshot, event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const poll = snapshot.poll;
    if (!runtime || !poll) return;
    const choices = this.choices(snapshot);
    if (ballotUsage(poll, snapshot.options, choices).used === 0) {
      this.showError(snapshot.myBallot ? this.t('voteEmptyVoteUseWithdraw') : this.t('voteEmptyVote'));
      return;
    }
    try {
      castBallot(runtime.session, this.vote, choices as readonly string[] | Amounts);
      this.draft = null;
      this.formError = null;
      this.refusal = null;
      runtime.announcer.say(this.t('voteSaved'));
      this.emit('co-vote-cast', { voteId: this.vote, choices });
    } catch (error) {
      this.showError(describeVoteError(this.t.bind(this), this.language, error, snapshot.options));
    }
  }

  private withdraw(snapshot: PollSnapshot): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    try {
      retractBallot(runtime.session, this.vote);
      this.resetDraft();
      runtime.announcer.say(this.t('voteWithdrawn'));
      this.emit('co-vote-withdraw', { voteId: this.vote });
      this.pendingFocus = { selector: 'button[type="submit"]' };
    } catch (error) {
      this.showError(describeVoteError(this.t.bind(this), this.language, error, snapshot.options));
    }
  }

  private showError(message: string): void {
    this.formError = message;
    this.pendingFocus = { selector: '.error-box' };
  }

  // -------------------------------------------------------------------------------------------
  // Rendering
  // -------------------------------------------------------------------------------------------

  private get level(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
  }

  /** The status line keeps the height of the longest status it has shown (no jump at each reconnection). */
  private readonly steadyStatus = new SteadyStatus();

  private renderStatus() {
    const runtime = this.workshop.runtime;
    if (!runtime) return html`<p part="status" class="status">${this.t('notConnected')}</p>`;
    return html`<p part="status" class="status">${this.steadyStatus.render(statusKey(runtime.status, runtime.hasUnsyncedChanges), (key) => this.t(key))}</p>
      ${renderNotSaved(runtime, (k, params) => this.t(k, params))}`;
  }

  protected override render() {
    return html`${this.renderVote()}${this.workshop.standalone
      ? html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer></div>`
      : nothing}`;
  }

  private renderVote() {
    const runtime = this.workshop.runtime;
    const snapshot = this.pollState.value?.snapshot;
    const heading = (title: string) =>
      html`<div part="heading" class="heading" role="heading" aria-level=${this.level} id="vote-title" tabindex="-1" dir="auto">${title}</div>`;
    if (!runtime || !snapshot) {
      return html`<section part="base" class="stack">${this.renderStatus()}</section>`;
    }
    const poll = snapshot.poll;
    if (!poll) {
      const facilitator = runtime.session.role === 'facilitator';
      const message = !runtime.ready
        ? this.t('statusConnecting')
        : this.setupError
          ? this.t('voteSetupFailed', { reason: this.setupError })
          : facilitator && this.definition() === null
            ? this.t('voteNeedsOptions')
            : this.t('voteNotSetUp');
      return html`<section part="base" class="stack" aria-labelledby="vote-title">
        <header class="header">${heading(this.voteTitle.trim() || this.t('voteDefaultTitle'))}${this.renderStatus()}</header>
        <p class="notice" role="note" data-kind=${this.setupError ? 'warning' : 'info'}>${message}</p>
      </section>`;
    }
    const facilitator = runtime.session.role === 'facilitator';
    return html`<section part="base" class="stack" aria-labelledby="vote-title">
      <header class="header">
        ${heading(poll.title)}
        ${poll.description ? html`<p class="description">${poll.description}</p>` : nothing}
        <ul class="tags" aria-label=${this.t('voteAbout')}>
          <li class="tag" data-state=${poll.open && !snapshot.lock ? 'open' : 'closed'}>
            <span class="tag-icon" aria-hidden="true"></span>${!poll.open
              ? this.hasClosed(snapshot) ? this.t('voteTagClosed') : this.t('voteTagNotOpenYet')
              : snapshot.lock ? this.t('voteTagPaused') : this.t('voteTagOpen')}
          </li>
          <li class="tag">${poll.anonymous ? this.t('voteTagAnonymous') : this.t('voteTagNamed')}</li>
        </ul>
        <p class="meta">${rulesText(this.t.bind(this), this.language, poll, snapshot.options, this.hasClosed(snapshot))}</p>
        ${this.renderStatus()}
      </header>
      ${facilitator && !this.noControls
        ? html`<co-vote-controls vote=${snapshot.id} heading-level=${this.level + 1}></co-vote-controls>`
        : nothing}
      ${this.renderBallotArea(snapshot, poll)}
      ${this.noResults ? nothing : html`<co-vote-results vote=${snapshot.id} heading-level=${this.level + 1}></co-vote-results>`}
    </section>`;
  }

  /**
   * With private writing, participants see only their own ideas until the facilitator reveals the
   * board; a vote on that board's ideas must not show them any sooner.
   */
  private ideasHidden(poll: Poll): boolean {
    const source = poll.options;
    const control = this.controlState.value;
    if (Array.isArray(source) || !('board' in source) || !control || this.effectiveRole === 'facilitator') return false;
    return control.settings.privateWriting && !control.reveals.some((r) => r.elementId === source.board);
  }

  /** Whether voting on this vote is over (it was open, and is closed now). */
  private hasClosed(snapshot: PollSnapshot): boolean {
    return votingHasClosed(snapshot);
  }

  /** What a closed vote says first: that it is not open yet, or that it has closed and what became of the viewer's vote. */
  private closedText(snapshot: PollSnapshot): string {
    if (!this.hasClosed(snapshot)) return this.t('voteNotOpen');
    const mine = snapshot.myBallot;
    if (!mine) return this.t('voteHasClosedNoVote');
    if (mine.counted) return this.t('voteHasClosedCounted');
    // The same words for the rule as the open ballot gives ("You can put up to 2 dots on …").
    const poll = snapshot.poll;
    const rule = mine.problem && poll ? closedRuleText(this.t.bind(this), this.language, poll, snapshot.options, mine.problem) : null;
    return rule ? this.t('voteHasClosedNotCountedRule', { rule }) : this.t('voteHasClosedNotCounted');
  }

  private renderMyVote(snapshot: PollSnapshot, poll: Poll) {
    const mine = snapshot.myBallot;
    // No vote: a closed vote says so in its notice, and a vote not open yet has had no votes to
    // miss; only a paused vote says "You did not vote."
    if (!mine) return snapshot.stage !== 'open' ? nothing : html`<p class="my-vote">${this.t('voteYouDidNotVote')}</p>`;
    // Option names cut after a whole word only when very long; screen readers get them whole.
    const full = choicesText(this.t.bind(this), this.language, poll, snapshot.options, mine.choices, Infinity);
    const short = choicesText(this.t.bind(this), this.language, poll, snapshot.options, mine.choices, MY_VOTE_LABEL_LENGTH);
    return html`<p class="my-vote"><strong>${this.t('voteYourVote')}</strong> ${short === full
      ? full
      : html`<span aria-hidden="true" data-short>${short}</span><span class="visually-hidden">${full}</span>`}</p>`;
  }

  private renderBallotArea(snapshot: PollSnapshot, poll: Poll) {
    const role = this.effectiveRole;
    if (role === 'observer') return html`<p class="notice" role="note" tabindex="-1" data-ballot-notice>${this.t('voteObserverCannotVote')}</p>`;
    const locked = snapshot.lock !== null && role !== 'facilitator';
    if (!poll.open || locked) {
      // Closed comes before paused: a pause on a closed vote changes nothing for the voter.
      const why = poll.open
        ? snapshot.lock?.reason
          ? this.t('voteLockedBecause', { reason: snapshot.lock.reason })
          : this.t('voteLocked')
        : this.closedText(snapshot);
      return html`<div class="notice" role="note" tabindex="-1" data-ballot-notice>
        <p>${why}</p>
        ${this.unsavedDropped ? html`<p data-unsaved-dropped>${this.t('voteUnsavedNotCounted')}</p>` : nothing}
        ${this.renderMyVote(snapshot, poll)}
      </div>`;
    }
    if (this.ideasHidden(poll)) return html`<p class="notice" role="note" tabindex="-1" data-ballot-notice>${this.t('voteBoardNotRevealed')}</p>`;
    if (snapshot.options.length === 0) {
      return html`<p class="notice" role="note" tabindex="-1" data-ballot-notice>${poll.options && 'board' in poll.options ? this.t('voteNoIdeasToVoteOn') : this.t('voteNoOptionsToVoteOn')}</p>`;
    }
    const choices = this.choices(snapshot);
    const mine = snapshot.myBallot;
    const dirty = this.draft !== null;
    const usage = ballotUsage(poll, snapshot.options, choices);
    const stateText = dirty ? this.t('voteUnsavedChanges') : !mine ? this.t('voteYouHaveNotVoted') : mine.counted ? this.t('voteYourVoteCounts') : '';
    return html`<form part="ballot" class="ballot" novalidate aria-labelledby="vote-title" @submit=${(e: SubmitEvent) => this.onSubmit(snapshot, e)}>
      ${this.formError
        ? html`<div class="error-box" tabindex="-1" role="alert"><p class="error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.formError}</p></div>`
        : nothing}
      ${mine && !mine.counted && !dirty
        ? html`<div class="notice" data-kind="warning" role="note">
            <p>${this.t('voteNotCounted')}</p>
            <p>${mine.problem ? describeVoteError(this.t.bind(this), this.language, mine.problem, snapshot.options) : nothing}</p>
          </div>`
        : nothing}
      ${this.renderMethod(snapshot, poll, choices)}
      <div part="allowance" class="allowance" id="allowance">
        <span>${allowanceText(this.t.bind(this), this.language, poll, snapshot.options, choices)}</span>
        ${poll.method === 'dots' || poll.method === 'budget'
          ? html`<span class="meter" aria-hidden="true"><span style=${styleMap({ width: `${Math.min(100, (usage.left / Math.max(1, usage.limit)) * 100)}%` })}></span></span>`
          : nothing}
        ${this.refusal ? html`<span class="visually-hidden">. </span><span class="refusal" id="vote-refusal">${this.refusal}</span>` : nothing}
      </div>
      <div class="actions">
        <button class="button" type="submit">${mine ? this.t('voteSaveChanges') : this.t('voteSaveMyVote')}</button>
        ${mine ? html`<button class="button" data-variant="secondary" type="button" @click=${() => this.withdraw(snapshot)}>${this.t('voteWithdrawVote')}</button>` : nothing}
      </div>
      ${stateText ? html`<p class="status" id="vote-state">${stateText}</p>` : nothing}
    </form>`;
  }

  private renderMethod(snapshot: PollSnapshot, poll: Poll, choices: BallotChoices): TemplateResult {
    switch (poll.method) {
      case 'dots':
        return this.renderDots(snapshot, poll, choices as Amounts);
      case 'single':
        return this.renderSingle(snapshot, choices as readonly string[]);
      case 'multiple':
        return this.renderMultiple(snapshot, poll, choices as readonly string[]);
      case 'ranking':
        return this.renderRanking(snapshot, choices as readonly string[]);
      case 'budget':
        return this.renderBudget(snapshot, poll, choices as Amounts);
      case 'scale':
        return this.renderScale(snapshot, poll, choices as Amounts);
    }
  }

  private renderDots(snapshot: PollSnapshot, poll: Extract<Poll, { method: 'dots' }>, amounts: Amounts) {
    const left = ballotUsage(poll, snapshot.options, amounts).left;
    return html`<ul class="options" role="list">
      ${repeat(snapshot.options, (o) => o.id, (option) => {
        const n = amounts[option.id] ?? 0;
        const label = shortLabel(option.label);
        const amountId = `amount-${option.id}`;
        return html`<li class="option" ?data-active=${n > 0}>
          <p class="option-label" id="label-${option.id}" dir="auto">${option.label}</p>
          <div class="stepper">
            <button class="button" data-variant="secondary" type="button" data-step="remove" data-option=${option.id}
              aria-disabled=${n === 0 ? 'true' : 'false'} aria-describedby=${amountId}
              @click=${() => this.stepDots(snapshot, option, -1)}>
              <span aria-hidden="true">−</span><span class="visually-hidden">${this.t('voteRemoveDot', { label })}</span>
            </button>
            <span class="amount" id=${amountId}>
              <span class="dots" aria-hidden="true">${Array.from({ length: Math.min(n, 10) }, () => html`<span class="dot"></span>`)}</span>${this.t('voteDotCount', { count: n })}
            </span>
            <button class="button" data-variant="secondary" type="button" data-step="add" data-option=${option.id}
              aria-disabled=${n >= poll.perOptionCap || left === 0 ? 'true' : 'false'} aria-describedby=${amountId}
              @click=${() => this.stepDots(snapshot, option, 1)}>
              <span aria-hidden="true">+</span><span class="visually-hidden">${this.t('voteAddDot', { label })}</span>
            </button>
          </div>
        </li>`;
      })}
    </ul>`;
  }

  private renderSingle(snapshot: PollSnapshot, chosen: readonly string[]) {
    return html`<fieldset>
      <legend>${this.t('voteChooseOne')}</legend>
      ${repeat(snapshot.options, (o) => o.id, (option) => html`<label class="choice">
        <input type="radio" name="choice" value=${option.id} .checked=${chosen.includes(option.id)}
          @change=${() => this.choose(snapshot, option)} />
        <span dir="auto">${option.label}</span>
      </label>`)}
    </fieldset>`;
  }

  private renderMultiple(snapshot: PollSnapshot, poll: Extract<Poll, { method: 'multiple' }>, chosen: readonly string[]) {
    return html`<fieldset>
      <legend>${this.t('voteChooseUpTo', { count: Math.min(poll.maxChoices, snapshot.options.length) })}</legend>
      ${repeat(snapshot.options, (o) => o.id, (option) => html`<label class="choice">
        <input type="checkbox" name="choice" value=${option.id} .checked=${chosen.includes(option.id)}
          @click=${(e: Event) => this.toggleChoice(snapshot, option, e)} />
        <span dir="auto">${option.label}</span>
      </label>`)}
    </fieldset>`;
  }

  private renderRanking(snapshot: PollSnapshot, ranked: readonly string[]) {
    const byId = new Map(snapshot.options.map((o) => [o.id, o]));
    const rankedOptions = ranked.map((id) => byId.get(id)).filter((o): o is ResolvedOption => o !== undefined);
    const unranked = snapshot.options.filter((o) => !ranked.includes(o.id));
    const sub = Math.min(6, this.level + 1);
    return html`<div class="ranking">
      <section aria-labelledby="ranked-heading">
        <div class="subheading" role="heading" aria-level=${sub} id="ranked-heading">${this.t('voteYourRanking')}</div>
        <p class="hint">${this.t('voteRankingHint')}</p>
        ${rankedOptions.length === 0
          ? html`<p class="empty">${this.t('voteRankingEmpty')}</p>`
          : html`<ol class="ranked" role="list" aria-labelledby="ranked-heading">
              ${repeat(rankedOptions, (o) => o.id, (option, i) => {
                const label = shortLabel(option.label);
                return html`<li class="option" data-active>
                  <span class="place">${ordinal(this.language, i + 1)}</span>
                  <p class="option-label" dir="auto">${option.label}</p>
                  <div class="row-actions">
                    <button class="button small-button" data-variant="secondary" type="button" data-rank-up=${option.id}
                      aria-disabled=${i === 0 ? 'true' : 'false'} @click=${() => this.rank(snapshot, option.id, 'up')}>
                      ${this.t('voteMoveUp')}<span class="visually-hidden">: ${label}</span>
                    </button>
                    <button class="button small-button" data-variant="secondary" type="button" data-rank-down=${option.id}
                      aria-disabled=${i === rankedOptions.length - 1 ? 'true' : 'false'} @click=${() => this.rank(snapshot, option.id, 'down')}>
                      ${this.t('voteMoveDown')}<span class="visually-hidden">: ${label}</span>
                    </button>
                    <button class="button small-button" data-variant="quiet" type="button" data-rank-remove=${option.id}
                      @click=${() => this.rank(snapshot, option.id, 'remove')}>
                      ${this.t('voteRemoveFromRanking')}<span class="visually-hidden">: ${label}</span>
                    </button>
                  </div>
                </li>`;
              })}
            </ol>`}
      </section>
      <section aria-labelledby="unranked-heading">
        <div class="subheading" role="heading" aria-level=${sub} id="unranked-heading">${this.t('voteNotRankedYet')}</div>
        ${unranked.length === 0
          ? html`<p class="empty">${this.t('voteAllRanked')}</p>`
          : html`<ul class="unranked" role="list" aria-labelledby="unranked-heading">
              ${repeat(unranked, (o) => o.id, (option) => html`<li class="option">
                <p class="option-label" dir="auto">${option.label}</p>
                <button class="button small-button" data-variant="secondary" type="button" data-rank-add=${option.id}
                  @click=${() => this.rank(snapshot, option.id, 'add')}>
                  ${this.t('voteAddToRanking')}<span class="visually-hidden">: ${shortLabel(option.label)}</span>
                </button>
              </li>`)}
            </ul>`}
      </section>
    </div>`;
  }

  private renderBudget(snapshot: PollSnapshot, poll: Extract<Poll, { method: 'budget' }>, amounts: Amounts) {
    const left = ballotUsage(poll, snapshot.options, amounts).left;
    const step = this.budgetStep(snapshot);
    const stepText = pounds(this.language, step);
    return html`<ul class="options" role="list">
      ${repeat(snapshot.options, (o) => o.id, (option) => {
        const amount = amounts[option.id] ?? 0;
        const label = shortLabel(option.label);
        if (option.cost !== null) {
          return html`<li class="option" ?data-active=${amount > 0}>
            <label class="choice option-label">
              <input type="checkbox" data-fund=${option.id} .checked=${amount === option.cost}
                @click=${(e: Event) => this.toggleFunded(snapshot, option, e)} />
              <span>${option.label}<small>${this.t('voteCosts', { cost: pounds(this.language, option.cost) })}</small></span>
            </label>
          </li>`;
        }
        const inputId = `money-${option.id}`;
        const typed = this.typing[option.id];
        return html`<li class="option" ?data-active=${amount > 0}>
          <p class="option-label" id="label-${option.id}" dir="auto">${option.label}</p>
          <div class="stepper">
            <button class="button" data-variant="secondary" type="button" data-step="remove" data-option=${option.id}
              aria-disabled=${amount === 0 ? 'true' : 'false'} @click=${() => this.setMoney(snapshot, option, Math.max(0, amount - step))}>
              <span aria-hidden="true">−</span><span class="visually-hidden">${this.t('voteLessMoney', { label, step: stepText })}</span>
            </button>
            <span class="money">
              <span aria-hidden="true">£</span>
              <label class="visually-hidden" for=${inputId}>${this.t('voteAmountFor', { label })}</label>
              <input type="text" inputmode="numeric" autocomplete="off" id=${inputId} data-money=${option.id}
                aria-invalid=${this.invalidAmount === option.id ? 'true' : 'false'}
                aria-describedby=${this.invalidAmount === option.id && this.refusal ? 'vote-refusal' : nothing}
                .value=${typed ?? number(this.language, amount)}
                @change=${(e: Event) => this.onMoneyInput(snapshot, option, e)}
                @keydown=${(e: KeyboardEvent) => this.onMoneyKey(snapshot, option, e)} />
            </span>
            <button class="button" data-variant="secondary" type="button" data-step="add" data-option=${option.id}
              aria-disabled=${left === 0 ? 'true' : 'false'} @click=${() => this.setMoney(snapshot, option, amount + step)}>
              <span aria-hidden="true">+</span><span class="visually-hidden">${this.t('voteMoreMoney', { label, step: stepText })}</span>
            </button>
          </div>
        </li>`;
      })}
    </ul>`;
  }

  private renderScale(snapshot: PollSnapshot, poll: Extract<Poll, { method: 'scale' }>, answers: Amounts) {
    const { min, labels } = poll.scale;
    return html`<div>
      ${repeat(snapshot.options, (o) => o.id, (option) => {
        const answered = Object.prototype.hasOwnProperty.call(answers, option.id);
        return html`<fieldset class="statement">
          <legend dir="auto">${option.label}</legend>
          <div class="scale">
            ${labels.map((text, i) => html`<label class="choice">
              <input type="radio" name="statement-${option.id}" value=${min + i} .checked=${answered && answers[option.id] === min + i}
                @change=${() => this.answer(snapshot, option, min + i)} />
              <span>${text}</span>
            </label>`)}
          </div>
          ${answered
            ? html`<button class="button small-button" data-variant="quiet" type="button" data-clear=${option.id}
                @click=${() => this.answer(snapshot, option, null)}>
                ${this.t('voteClearAnswer')}<span class="visually-hidden">: ${shortLabel(option.label)}</span>
              </button>`
            : nothing}
        </fieldset>`;
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'co-vote-cast': CustomEvent<VoteCastDetail>;
    'co-vote-withdraw': CustomEvent<VoteEventDetail>;
    'co-vote-create': CustomEvent<VoteEventDetail>;
  }
}
