import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { fileSlug, saveFile } from '../internal/download.js';
import { formatList } from '../internal/list-format.js';
import { styleMap } from '../internal/csp-style-map.js'; // works under a strict Content-Security-Policy
import {
  observePeople, observePoll, rankingsToCsv, readMeta, roots, type ChangeInfo, type OptionTally, type PersonSnapshot, type Poll,
  type PollResults, type PollSnapshot, type RankingOptionTally, type RankingResults, type Role, type ScaleResults,
  type TallyResults,
} from '@coproduce/core';
import { ObserveController } from '../controllers/observe-controller.js';
import { WorkshopController } from '../controllers/workshop-controller.js';
import { MissingIdHint } from '../controllers/missing-id.js';
import { waitingMessage } from '../internal/status.js';
import { LocalizeController, isolate, type MessageKey } from '../i18n/localize.js';
import { canSeeResults, choicesText, number, onlineVoters, ordinal, pointsText, votingHasClosed } from './shared.js';
import { resultsStyles } from './vote.styles.js';
import './strings.js';

interface PollView {
  snapshot: PollSnapshot;
  info: ChangeInfo;
}

/**
 * The results of a vote, for people: a bar chart whose every value is written out in words, and a
 * table with the same numbers. Paper votes are shown apart (striped bars, their own column) and
 * included in the totals; ties are said to be ties. Participants see the results once a
 * facilitator reveals them, and then live; facilitators always see them, with a reminder of what
 * participants see.
 *
 * Ranking votes add how often each option came in each place, every full ranking as cast, and a
 * CSV download of them (named after the workshop and the vote: `ward-3-budget-which-first-rankings.csv`,
 * safe whatever the names hold); agreement scales show each statement's spread of answers and its average.
 *
 * @summary Live, accessible results of a vote.
 * @csspart base - The results section.
 * @csspart chart - The bar chart (a list).
 * @csspart table - The results table.
 * @cssproperty --co-vote-bar-online - Bar colour of online votes.
 * @cssproperty --co-vote-bar-paper - Stripe colour of paper votes.
 * @cssproperty --co-vote-bar-track - Background of a bar's track.
 */
/** The results elements on the page: an announcement names its vote when others show another vote of the same workshop. */
const shown = new Set<CoVoteResults>();

export class CoVoteResults extends LitElement {
  static override styles = resultsStyles;

  /** The vote's id in the workshop. */
  @property({ reflect: true }) vote = 'vote';
  /** Heading level of "Results" (1–6). */
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

  private readonly i18n = new LocalizeController(this);
  private readonly workshop = Object.assign(new WorkshopController(this), { watcher: new MissingIdHint(this, 'vote') });
  private previous: { visible: boolean; results: PollResults | null } | null = null;
  /** What the next announcement is about (reset once said). */
  private announce: 'shown' | 'hidden' | 'changed' | null = null;
  private readonly pollState = new ObserveController<PollView>(
    this,
    () => [this.workshop.runtime, this.vote],
    (set) => {
      const runtime = this.workshop.runtime;
      if (!runtime || !this.vote) return undefined;
      this.previous = null;
      return observePoll(runtime.doc, this.vote, (snapshot, info) => {
        this.onPollChange(snapshot, info);
        set({ snapshot, info });
      }, { session: runtime.session });
    },
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

  override connectedCallback(): void {
    super.connectedCallback();
    shown.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    shown.delete(this);
  }

  /** Whether this page shows the results of another vote of the same workshop too (then a message names its vote). */
  private get amongOthers(): boolean {
    const runtime = this.workshop.runtime;
    for (const other of shown) if (other !== this && other.vote !== this.vote && other.workshop.runtime === runtime) return true;
    return false;
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

  /** Says (politely, summarised) that results appeared or changed, for those who can see them. */
  private onPollChange(snapshot: PollSnapshot, info: ChangeInfo): void {
    const runtime = this.workshop.runtime;
    const visible = canSeeResults(snapshot, runtime?.session.role);
    const before = this.previous;
    this.previous = { visible, results: snapshot.results };
    // Loading the page (the offline copy, then the first sync) brings it up to date: not news.
    if (!runtime?.ready || info.initial || info.local || !before) return;
    const facilitator = runtime.session.role === 'facilitator';
    // One message per burst of changes: "now shown" wins over "changed" when both happened.
    // On a page with several votes, it says which ("The results are now shown: Where should the benches go?").
    const compose = (): string => {
      const named = this.amongOthers;
      const message = this.announce === 'shown'
        ? (named ? 'voteResultsNowShownOf' : 'voteResultsNowShown')
        : this.announce === 'hidden'
          ? (named ? 'voteResultsNowHiddenOf' : 'voteResultsNowHidden')
          : (named ? 'voteResultsUpdatedOf' : 'voteResultsUpdated');
      this.announce = null;
      return this.t(message, { title: this.pollState.value?.snapshot.poll?.title ?? snapshot.poll?.title ?? '' });
    };
    if (!before.visible && visible && !facilitator) {
      this.announce = 'shown';
      runtime.announcer.later(`vote-results:${snapshot.id}`, compose);
    } else if (before.visible && visible && snapshot.revealed && JSON.stringify(before.results) !== JSON.stringify(snapshot.results)) {
      this.announce ??= 'changed';
      runtime.announcer.later(`vote-results:${snapshot.id}`, compose);
    } else if (before.visible && !visible) {
      this.announce = 'hidden';
      runtime.announcer.later(`vote-results:${snapshot.id}`, compose);
    }
  }

  protected override updated(): void {
    if (this.workshop.standalone) {
      this.workshop.runtime?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    }
  }

  protected override render() {
    return html`${this.renderResults()}${this.workshop.standalone
      ? html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer></div>`
      : nothing}`;
  }

  private heading() {
    return html`<div class="heading subheading" role="heading" aria-level=${this.level} id="results-title">${this.t('voteResultsTitle')}</div>`;
  }

  private renderResults() {
    const runtime = this.workshop.runtime;
    const snapshot = this.pollState.value?.snapshot;
    if (!runtime || !snapshot) {
      return html`<section part="base" class="results"><p class="status">${runtime ? waitingMessage(runtime, this.t.bind(this)) : this.t('notConnected')}</p></section>`;
    }
    const poll = snapshot.poll;
    const results = snapshot.results;
    if (!poll || !results) {
      return html`<section part="base" class="results" aria-labelledby="results-title">${this.heading()}
        <p class="notice" role="note">${runtime.ready ? this.t('voteNotSetUp') : waitingMessage(runtime, this.t.bind(this))}</p></section>`;
    }
    const role = runtime.session.role;
    if (!canSeeResults(snapshot, role)) {
      return html`<section part="base" class="results" aria-label=${this.t('voteResultsRegion', { title: poll.title })}>${this.heading()}
        <div class="notice" role="note">
          <p>${this.t('voteResultsHidden')}</p>
          ${this.renderVoterCount(snapshot, poll, results)}
        </div>
      </section>`;
    }
    // Named after the vote, not just "Results": a page with several votes has several of these regions.
    return html`<section part="base" class="results" aria-label=${this.t('voteResultsRegion', { title: poll.title })}>
      ${this.heading()}
      <span id="region-vote" hidden>${this.t('voteTableOf', { title: poll.title })}</span>
      ${!snapshot.revealed
        ? html`<div class="notice" data-kind="warning" role="note">
            <p>${this.t('voteResultsOnlyFacilitators')}</p>
            <p>${this.t('voteHiddenFromViewOnly')}</p>
          </div>`
        : nothing}
      ${this.renderTurnout(poll, results)}
      ${role === 'facilitator' && (results.ignoredBallots > 0 || results.ignoredPaperVotes > 0)
        ? html`<div class="notice" data-kind="warning" role="note">
            ${results.ignoredBallots > 0 ? html`<p>${this.t('voteIgnoredBallots', { count: results.ignoredBallots })}</p>` : nothing}
            ${results.ignoredPaperVotes > 0 ? html`<p>${this.t('voteIgnoredPaperVotes', { count: results.ignoredPaperVotes })}</p>` : nothing}
          </div>`
        : nothing}
      ${results.method === 'scale' ? this.renderScale(poll, results) : this.renderTally(poll, results)}
      ${this.renderNamed(snapshot, poll)}
    </section>`;
  }

  /**
   * While the results are hidden: how many people have voted, counting everyone who cast a vote
   * (a vote left out for breaking the rules too), then how many of those votes count when some do
   * not; in the past tense once voting has closed. Paper ballots are people; the paper tallies of
   * dot and budget votes are not.
   */
  private renderVoterCount(snapshot: PollSnapshot, poll: Poll, results: PollResults) {
    const paper = poll.method === 'dots' || poll.method === 'budget' ? 0 : results.voters.paper;
    const cast = onlineVoters(snapshot) + paper;
    const counted = cast - results.ignoredBallots;
    const closed = votingHasClosed(snapshot);
    if (cast === 0) return html`<p data-voter-count>${this.t(closed ? 'voteNobodyVoted' : 'voteNoVotesYet')}</p>`;
    return html`<p data-voter-count>${this.t(closed ? 'voteVotersClosed' : 'voteVotersSoFar', { count: cast })}${results.ignoredBallots > 0
      ? html` ${this.t(closed ? 'voteVotesCountedClosed' : 'voteVotesCountedSoFar', { count: counted, total: cast })}`
      : nothing}</p>`;
  }

  private renderTurnout(poll: Poll, results: PollResults) {
    const tallies = poll.method === 'dots' || poll.method === 'budget';
    return html`<p class="meta" data-turnout>
      ${results.voters.total === 0 ? this.t('voteNoVotesYet') : this.t('voteVotersOnline', { count: results.voters.online })}
      ${results.voters.paper > 0 ? html` ${this.t(tallies ? 'votePaperTallies' : 'votePaperBallots', { count: results.voters.paper })}` : nothing}
    </p>`;
  }

  private placeText(rank: number, tied: boolean): string {
    return tied ? this.t('votePlaceTied', { place: ordinal(this.language, rank) }) : this.t('votePlace', { place: ordinal(this.language, rank) });
  }

  private listText(labels: readonly string[]): string {
    return formatList(labels, this.language);
  }

  private valueText(method: Poll['method'], o: OptionTally, anyPaper: boolean): string {
    const total = pointsText(this.t.bind(this), this.language, method, o.total);
    if (!anyPaper) return total;
    const plain = (n: number) => (method === 'budget' ? pointsText(this.t.bind(this), this.language, method, n) : number(this.language, n));
    return this.t('voteValueWithPaper', { total, online: plain(o.online), paper: plain(o.paper) });
  }

  private renderTally(poll: Poll, results: TallyResults | RankingResults) {
    const options = results.options as readonly OptionTally[];
    const max = Math.max(1, ...options.map((o) => o.total));
    const anyPaper = results.voters.paper > 0 || options.some((o) => o.paper > 0);
    const first = options.filter((o) => o.rank === 1 && o.total > 0);
    const sub = Math.min(6, this.level + 1);
    return html`
      ${first.length > 1
        ? html`<p class="notice tie" role="note">${this.t('voteTieForFirst', { labels: this.listText(first.map((o) => `“${isolate(o.label)}”`)) })}</p>`
        : nothing}
      ${poll.method === 'ranking' ? html`<p class="hint">${this.t('voteBordaExplained', { count: Math.max(0, options.length - 1) })}</p>` : nothing}
      <div>
        <div class="minor" role="heading" aria-level=${sub} id="chart-title">${this.t('voteChartTitle')}</div>
        ${anyPaper
          ? html`<ul class="legend" aria-label=${this.t('voteLegend')}>
              <li><span class="key seg-online" aria-hidden="true"></span>${this.t('voteLegendOnline')}</li>
              <li><span class="key seg-paper" aria-hidden="true"></span>${this.t('voteLegendPaper')}</li>
            </ul>`
          : nothing}
        <ol part="chart" class="chart" role="list" aria-labelledby="chart-title">
          ${repeat(options, (o) => o.id, (o) => html`<li class="bar-row" data-option=${o.id}>
            <div class="bar-head">
              <span class="bar-label"><span class="bar-rank">${this.placeText(o.rank, o.tied)}</span> ${o.label}</span>
              <span class="bar-value">${this.valueText(poll.method, o, anyPaper)}</span>
            </div>
            <div class="bar" aria-hidden="true">
              <span class="seg-online" style=${styleMap({ width: `${(o.online / max) * 100}%` })}></span>
              ${o.paper > 0 ? html`<span class="seg-paper" style=${styleMap({ width: `${(o.paper / max) * 100}%` })}></span>` : nothing}
            </div>
          </li>`)}
        </ol>
      </div>
      ${this.renderTable(poll, options, anyPaper)}
      ${results.method === 'ranking' ? this.renderRankingDetails(results) : nothing}
    `;
  }

  /** The results as a table; "Online" and "On paper" columns only when there are paper votes (otherwise both repeat the total). */
  private renderTable(poll: Poll, options: readonly OptionTally[], anyPaper: boolean) {
    const unit = poll.method === 'ranking' ? this.t('voteColumnPoints') : poll.method === 'budget' ? this.t('voteColumnPounds') : poll.method === 'dots' ? this.t('voteColumnDots') : this.t('voteColumnVotes');
    const points = (n: number) => (poll.method === 'budget' ? pointsText(this.t.bind(this), this.language, 'budget', n) : number(this.language, n));
    const supporters = poll.method === 'ranking' ? this.t('voteColumnRankedBy') : this.t('voteColumnSupporters');
    return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="table-caption region-vote">
      <table part="table" class="stacks">
        <caption id="table-caption">${this.t('voteTableCaption', { unit })}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('voteColumnPlace')}</th>
            <th scope="col">${this.t('voteColumnOption')}</th>
            ${anyPaper
              ? html`<th scope="col" class="num">${this.t('voteColumnOnline')}</th>
                  <th scope="col" class="num">${this.t('voteColumnPaper')}</th>`
              : nothing}
            <th scope="col" class="num">${this.t('voteColumnTotal')}</th>
            <th scope="col" class="num">${supporters}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(options, (o) => o.id, (o) => html`<tr>
            <td class="place">${this.placeText(o.rank, o.tied)}</td>
            <th scope="row" dir="auto">${o.label}</th>
            ${anyPaper
              ? html`<td class="num" data-label=${this.t('voteColumnOnline')}>${points(o.online)}</td>
                  <td class="num" data-label=${this.t('voteColumnPaper')}>${points(o.paper)}</td>`
              : nothing}
            <td class="num" data-label=${this.t('voteColumnTotal')}><strong>${points(o.total)}</strong></td>
            <td class="num" data-label=${supporters}>${number(this.language, o.supporters)}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  private downloadRankings(results: RankingResults): void {
    const csv = rankingsToCsv(results, {
      count: this.t('voteCsvBallots'),
      source: this.t('voteCsvSource'),
      online: this.t('voteLegendOnline'),
      paper: this.t('voteLegendPaper'),
      place: (n) => this.t('voteChoiceNumber', { place: ordinal(this.language, n) }),
    });
    // Named like the facilitator panel's downloads: the workshop's name (the room's when it has no
    // letters or digits), then the vote's title (its id, likewise).
    const runtime = this.workshop.runtime;
    const workshop = runtime ? fileSlug(readMeta(roots(runtime.doc).meta).title, fileSlug(runtime.room)) : 'workshop';
    const vote = fileSlug(this.pollState.value?.snapshot.poll?.title ?? '', fileSlug(this.vote, 'vote'));
    // A byte-order mark so spreadsheets read Welsh letters (ŵ, ŷ) correctly.
    saveFile(this.renderRoot, { filename: `${workshop}-${vote}-rankings.csv`, type: 'text/csv;charset=utf-8', parts: ['\uFEFF', csv] });
    this.workshop.runtime?.announcer.say(this.t('voteRankingsDownloaded'));
  }

  private renderRankingDetails(results: RankingResults) {
    const options = results.options as readonly RankingOptionTally[];
    const places = options.length;
    const labels = new Map(options.map((o) => [o.id, o.label]));
    return html`
      <details>
        <summary>${this.t('votePlacesSummary')}</summary>
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="places-caption region-vote">
          <table class="stacks">
            <caption id="places-caption">${this.t('votePlacesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">${this.t('voteColumnOption')}</th>
                ${Array.from({ length: places }, (_, i) => html`<th scope="col" class="num">${this.t('voteChoiceNumber', { place: ordinal(this.language, i + 1) })}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${options.map((o) => html`<tr>
                <th scope="row" dir="auto">${o.label}</th>
                ${o.positions.map((n, i) => html`<td class="num" data-label=${this.t('voteChoiceNumber', { place: ordinal(this.language, i + 1) })}>${number(this.language, n)}</td>`)}
              </tr>`)}
            </tbody>
          </table>
        </div>
      </details>
      <details>
        <summary>${this.t('voteAllRankingsSummary', { count: results.rankings.length })}</summary>
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="rankings-caption region-vote">
          <table>
            <caption id="rankings-caption">${this.t('voteAllRankingsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">${this.t('voteCsvBallots')}</th>
                <th scope="col">${this.t('voteCsvSource')}</th>
                <th scope="col">${this.t('voteColumnRanking')}</th>
              </tr>
            </thead>
            <tbody>
              ${results.rankings.map((r) => html`<tr>
                <td class="num">${number(this.language, r.count)}</td>
                <td>${r.source === 'online' ? this.t('voteLegendOnline') : this.t('voteLegendPaper')}</td>
                <td>${r.ranking.map((id, i) => this.t('voteRankedItem', { place: ordinal(this.language, i + 1), label: labels.get(id) ?? id })).join('; ')}</td>
              </tr>`)}
            </tbody>
          </table>
        </div>
      </details>
      <div class="actions">
        <button class="button" data-variant="secondary" type="button" data-download
          ?disabled=${results.rankings.length === 0} @click=${() => this.downloadRankings(results)}>
          ${this.t('voteDownloadRankings')}
        </button>
      </div>`;
  }

  private renderScale(poll: Poll, results: ScaleResults) {
    if (poll.method !== 'scale') return nothing;
    const { min, labels } = poll.scale;
    const anyPaper = results.voters.paper > 0;
    const sub = Math.min(6, this.level + 1);
    const meanText = (mean: number | null) => {
      if (mean === null) return this.t('voteNoAnswersYet');
      const nearest = labels[Math.round(mean) - min] ?? '';
      return this.t('voteAverageAnswer', { mean: number(this.language, mean, 1), label: nearest });
    };
    return html`
      <div class="table-wrap" role="region" tabindex="0" aria-labelledby="table-caption region-vote">
        <table part="table" class="stacks">
          <caption id="table-caption">${this.t('voteScaleTableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('voteColumnPlace')}</th>
              <th scope="col">${this.t('voteColumnStatement')}</th>
              <th scope="col" class="num">${this.t('voteColumnResponses')}</th>
              <th scope="col">${this.t('voteColumnAverage')}</th>
            </tr>
          </thead>
          <tbody>
            ${results.statements.map((s) => html`<tr>
              <td class="place">${s.mean === null ? '—' : this.placeText(s.rank, s.tied)}</td>
              <th scope="row" dir="auto">${s.label}</th>
              <td class="num" data-label=${this.t('voteColumnResponses')}>${number(this.language, s.responses)}</td>
              <td data-label=${this.t('voteColumnAverage')}>${meanText(s.mean)}</td>
            </tr>`)}
          </tbody>
        </table>
      </div>
      ${anyPaper
        ? html`<ul class="legend" aria-label=${this.t('voteLegend')}>
            <li><span class="key seg-online" aria-hidden="true"></span>${this.t('voteLegendOnline')}</li>
            <li><span class="key seg-paper" aria-hidden="true"></span>${this.t('voteLegendPaper')}</li>
          </ul>`
        : nothing}
      ${repeat(results.statements, (s) => s.id, (s) => {
        const max = Math.max(1, ...s.distribution.map((b) => b.total));
        const headingId = `statement-${s.id}`;
        return html`<div class="statement">
          <div class="subheading" role="heading" aria-level=${sub} id=${headingId} dir="auto">${s.label}</div>
          <p class="meta">${this.t('voteResponses', { count: s.responses })} ${meanText(s.mean)}</p>
          <ol part="chart" class="chart" role="list" aria-labelledby=${headingId}>
            ${s.distribution.map((b) => html`<li class="bar-row">
              <div class="bar-head">
                <span class="bar-label" dir="auto">${b.label}</span>
                <span class="bar-value">${anyPaper
                  ? this.t('voteValueWithPaper', { total: this.t('voteResultPeople', { count: b.total }), online: number(this.language, b.online), paper: number(this.language, b.paper) })
                  : this.t('voteResultPeople', { count: b.total })}</span>
              </div>
              <div class="bar" aria-hidden="true">
                <span class="seg-online" style=${styleMap({ width: `${(b.online / max) * 100}%` })}></span>
                ${b.paper > 0 ? html`<span class="seg-paper" style=${styleMap({ width: `${(b.paper / max) * 100}%` })}></span>` : nothing}
              </div>
            </li>`)}
          </ol>
        </div>`;
      })}
    `;
  }

  private renderNamed(snapshot: PollSnapshot, poll: Poll) {
    const named = snapshot.namedBallots;
    if (named === null || named.length === 0) return nothing;
    const people = this.people.value;
    return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="named-caption region-vote">
      <table>
        <caption id="named-caption">${this.t('voteWhoVotedWhat')}</caption>
        <thead><tr><th scope="col">${this.t('voteColumnPerson')}</th><th scope="col">${this.t('voteColumnVote')}</th></tr></thead>
        <tbody>
          ${named.map((b) => html`<tr>
            <th scope="row">${people?.get(b.voterId)?.name ?? this.t('voteUnknownPerson')}</th>
            <td>${choicesText(this.t.bind(this), this.language, poll, snapshot.options, b.choices)}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'co-vote-results': CoVoteResults;
  }
}
