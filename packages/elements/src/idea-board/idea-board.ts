import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  COLOUR_NAMES, CoproduceError, DEFAULT_COLOUR, REACTIONS, TEXT, addComment, addIdea, approveAllIdeas, approveIdea,
  countCharacters, createBoard, createCluster, deleteCluster, deleteComment, deleteIdea, editIdea, mayOrganiseGroups, moveCluster, moveIdea,
  observePeople, observePoll, observeRoots, readComments, renameCluster, revealElement, setClusterCollapsed,
  shortenText, toggleReaction, usersOfClients,
  type BoardChange, type BoardSnapshot, type ClusterSnapshot, type ColourName, type IdeaSnapshot, type Peer,
  type PersonSnapshot, type PollSnapshot, type ReactionEmoji, type Role,
} from '@coproduce/core';
import { BoardController } from '../controllers/board-controller.js';
import { ObserveController } from '../controllers/observe-controller.js';
import { PresenceController } from '../controllers/presence-controller.js';
import { WorkshopController } from '../controllers/workshop-controller.js';
import { MissingIdHint } from '../controllers/missing-id.js';
import { LocalizeController, isolate, type MessageKey } from '../i18n/localize.js';
import { onStringsChange } from '../i18n/registry.js';
import { menuKeyIntent, type CoMenu, type MenuItem } from '../internal/menu.js';
import '../internal/menu-define.js';
import { formatList } from '../internal/list-format.js';
import { renderNotSaved } from '../internal/not-saved.js';
import { SteadyStatus, statusKey, waitingMessage } from '../internal/status.js';
import { DraftStore, draftKey, draftSnapshot, type Draft } from './drafts.js';
import { describeError, type TextSubject } from './errors.js';
import { ideaBoardStyles } from './idea-board.styles.js';
import { CoIdeaCard, reactionMessage, type EditState, type IdeaCardHandlers, type IdeaEdit } from './idea-card.js';
import type { CommentHandlers, CommentView } from './idea-comments.js';
import { SORT_ORDERS, UNGROUPED, buildView, collectTags, type BoardView, type Section, type SortOrder } from './view.js';
import './idea-card-define.js';
import './strings.js';

export interface IdeaEventDetail {
  boardId: string;
  ideaId: string;
  /** A private-writing draft, kept on this device until the board is revealed. */
  draft?: boolean;
}
export interface IdeaMoveEventDetail extends IdeaEventDetail {
  /** The group it went into, or `null` for "not grouped". */
  clusterId: string | null;
}
export interface ClusterEventDetail {
  boardId: string;
  clusterId: string;
}
export interface CommentEventDetail {
  boardId: string;
  ideaId: string;
  commentId: string;
}
export interface ReactionEventDetail {
  boardId: string;
  ideaId: string;
  emoji: string;
  /** Whether the reaction is now on. */
  on: boolean;
}
export interface BoardEventDetail {
  boardId: string;
}

type EventDetails = {
  'co-idea-add': IdeaEventDetail;
  'co-idea-edit': IdeaEventDetail;
  'co-idea-delete': IdeaEventDetail;
  'co-idea-move': IdeaMoveEventDetail;
  'co-idea-approve': IdeaEventDetail;
  'co-cluster-create': ClusterEventDetail;
  'co-cluster-rename': ClusterEventDetail;
  'co-cluster-delete': ClusterEventDetail;
  'co-comment-add': CommentEventDetail;
  'co-comment-delete': CommentEventDetail;
  'co-reaction-toggle': ReactionEventDetail;
  'co-board-reveal': BoardEventDetail;
};

interface PendingFocus {
  ideaId: string;
  /** A `data-action` in the card, or `card` for the note itself. */
  action: string;
  /** Where to go when the card is not on screen (filtered out, collapsed group). */
  fallback?: () => HTMLElement | null | undefined;
}

interface RemoteSummary {
  added: IdeaSnapshot[];
  changed: number;
  removed: number;
  moved: { clusterId: string | null }[];
  comments: number;
  clusters: boolean;
  locked: 'locked' | 'unlocked' | null;
  revealed: boolean;
  settings: string[];
  writers: number[];
}

const EMPTY_SUMMARY = (): RemoteSummary => ({
  added: [], changed: 0, removed: 0, moved: [], comments: 0, clusters: false, locked: null, revealed: false, settings: [], writers: [],
});

const NO_IDEAS: readonly IdeaSnapshot[] = Object.freeze([]);

/**
 * The fewest notes one update adds. A board of a thousand notes would otherwise block an old phone
 * for over a second before anything shows: instead the first notes show at once and the rest follow
 * in batches, a frame apart, the page answering taps and keys between them. Each batch adds half as
 * many notes as are shown already (at least BATCH), so a board of 5,000 takes a dozen batches, not
 * fifty (each batch also lays out the notes already there). Every note is on the page a moment
 * later (for find-in-page and screen readers), and `updateComplete` waits for it.
 */
const BATCH = 100;

/** Bumped when a page changes the wording (setStrings): the guarded sections render again. */
let wording = 0;
onStringsChange(() => wording++);

/** One of the `co-*` events listed in the class header: bubbles and crosses shadow roots. */
function localEvent<K extends keyof EventDetails>(type: K, detail: EventDetails[K]): CustomEvent<EventDetails[K]> {
  return new CustomEvent<EventDetails[K]>(type, { detail, bubbles: true, composed: true });
}

/**
 * A live board of ideas that everyone in the workshop adds to, groups and talks about — built on
 * semantic HTML first: each group is a labelled section with a heading and a list of notes, every
 * action is a button, and dragging is only a shortcut for the "Move to…" menu.
 *
 * - Add, edit and delete ideas (text up to 2,000 characters, a colour shown in words, a tag);
 *   others' edits appear live, and a note says who is editing it.
 * - Groups: create, rename, reorder, collapse, delete; move ideas with "Move to…" (a menu button),
 *   the M key, or drag and drop. With the workshop setting "only facilitators organise the groups"
 *   (`facilitatorsOrganise`, for public consultation pages), participants see no group controls
 *   and no "Move to…" on other people's ideas, and the board says so in words near the groups.
 * - Comments and emoji reactions, live.
 * - Private writing: while the facilitator has it on, a participant's new ideas stay on their own
 *   device (kept across reloads) and are published by it when the board is revealed — or when it
 *   reconnects after the reveal. Moderation: a facilitator approves ideas before others see them.
 * - Anonymous workshops hide authors. Locked boards are read-only, and say why.
 * - Search, filter by group or tag, sort by newest or (with `vote`) by votes.
 * - One tab stop per group, arrow keys between notes, shortcuts listed under "Keyboard shortcuts";
 *   remote changes are summarised through one polite live region.
 * - Big boards stay usable on old phones: the first notes show at once and the rest follow in
 *   batches a frame apart (all of them on the page a moment later, for find-in-page and screen
 *   readers; `updateComplete` waits for them); notes off screen skip layout and paint until scrolled to.
 *
 * Inside a `<co-workshop>` it uses that workshop; on its own, give it `server` and `room` (and
 * `token`).
 *
 * @summary A live, shared board of ideas: groups, comments, reactions, private writing, all by keyboard too.
 * @event {CustomEvent<IdeaEventDetail>} co-idea-add - The local user added an idea (or saved a private draft: `draft: true`). `detail: { boardId, ideaId, draft? }`.
 * @event {CustomEvent<IdeaEventDetail>} co-idea-edit - The local user changed an idea. `detail: { boardId, ideaId, draft? }`.
 * @event {CustomEvent<IdeaEventDetail>} co-idea-delete - The local user deleted an idea. `detail: { boardId, ideaId, draft? }`.
 * @event {CustomEvent<IdeaMoveEventDetail>} co-idea-move - The local user moved an idea into a group (`clusterId`) or out of one (`null`). `detail: { boardId, ideaId, clusterId, draft? }`.
 * @event {CustomEvent<IdeaEventDetail>} co-idea-approve - A facilitator approved a waiting idea. `detail: { boardId, ideaId }`.
 * @event {CustomEvent<ClusterEventDetail>} co-cluster-create - The local user created a group. `detail: { boardId, clusterId }`.
 * @event {CustomEvent<ClusterEventDetail>} co-cluster-rename - The local user renamed a group. `detail: { boardId, clusterId }`.
 * @event {CustomEvent<ClusterEventDetail>} co-cluster-delete - The local user deleted a group. `detail: { boardId, clusterId }`.
 * @event {CustomEvent<CommentEventDetail>} co-comment-add - The local user commented on an idea. `detail: { boardId, ideaId, commentId }`.
 * @event {CustomEvent<CommentEventDetail>} co-comment-delete - The local user deleted a comment. `detail: { boardId, ideaId, commentId }`.
 * @event {CustomEvent<ReactionEventDetail>} co-reaction-toggle - The local user added or removed a reaction. `detail: { boardId, ideaId, emoji, on }`.
 * @event {CustomEvent<BoardEventDetail>} co-board-reveal - A facilitator revealed the board (ending private writing on it). `detail: { boardId }`.
 * @csspart base - The board's outer section.
 * @csspart heading - The board's title.
 * @csspart form - The "Add idea" form.
 * @csspart toolbar - The search, filter and sort controls.
 * @csspart group - Each group's section (and the "Not grouped" one).
 * @csspart list - Each list of ideas.
 * @csspart card - Each note.
 * @csspart text - The text of each note.
 * @csspart status - The connection status line.
 * @csspart not-saved - Below it, while a change of this person was not saved by the server: what and why, in words.
 * @csspart not-saved-detail - Inside it, for a reason the elements have no words of their own for: the server's own text, folded away.
 * @cssproperty --co-color-primary - Colour of the primary action.
 * @cssproperty --co-color-focus - The focus ring (default GOV.UK yellow).
 * @cssproperty --co-note-yellow - Background of yellow notes (likewise orange, pink, purple, blue, teal, green, grey).
 * @cssproperty --co-board-card-width - The narrowest a note gets before the grid wraps (default 16rem).
 */
export class CoIdeaBoard extends LitElement {
  static override styles = ideaBoardStyles;

  /** Which board of the workshop to show. */
  @property({ reflect: true }) board = 'main';
  /** The title used when a facilitator opens a board that does not exist yet. */
  @property({ attribute: 'board-title' }) boardTitle = 'Ideas';
  /** Heading level of the board's title (1–6), to fit the page's outline. Groups get the next level. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /**
   * The id of a poll over this board's ideas: its results (once revealed, or for facilitators) show
   * on each note and allow sorting by votes.
   */
  @property({ reflect: true }) vote: string | null = null;
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
  @state() private addTo = '';
  @state() private groupError: string | null = null;
  @state() private query = '';
  @state() private filterCluster = '';
  @state() private filterTag = '';
  @state() private sort: SortOrder = 'oldest';
  /** The roving tab stop of each group (by section key). Changed without re-rendering the board. */
  private active = new Map<string, string>();
  @state() private commentsOpen = new Set<string>();
  @state() private renaming: string | null = null;
  @state() private renameError: string | null = null;
  @state() private confirmingCluster: string | null = null;
  /** Groups this person shows or hides for their own reading only (they may not organise the groups). */
  @state() private localCollapsed = new Map<string, boolean>();
  @state() private dropTarget: string | null = null;
  @state() private draftProblem: string | null = null;
  /**
   * What the person has typed into the "Add idea" and "New group" forms. The forms go while the
   * board is locked; what was typed is kept here and is back in them when it is unlocked.
   */
  private typed = { idea: '', tag: '', group: '' };
  /** The board's own control (not a note's) that had focus when the last update began (see `updated`). */
  private ownFocus: HTMLElement | null = null;
  /** Whether this person could change the board at the last update. */
  private wasWritable = false;
  /** Whether this person could organise the groups at the last update (see `organising`). */
  private wasOrganising = false;

  private readonly i18n = new LocalizeController(this);
  private readonly workshop = Object.assign(new WorkshopController(this), { watcher: new MissingIdHint(this, 'board') });
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
  private readonly poll = new ObserveController<PollSnapshot>(
    this,
    () => [this.workshop.runtime, this.vote],
    (set) => {
      const runtime = this.workshop.runtime;
      if (!runtime || !this.vote) return undefined;
      return observePoll(runtime.doc, this.vote, (snapshot) => set(snapshot), { session: runtime.session });
    },
  );
  private readonly presence = new PresenceController(this, () => this.workshop.runtime);

  private drafts: DraftStore | undefined;
  private previous: BoardSnapshot | undefined;
  private summary: RemoteSummary = EMPTY_SUMMARY();
  private pendingFocus: PendingFocus | null = null;
  private focusedBefore: { ideaId: string; card: CoIdeaCard; action: string; neighbours: string[] } | null = null;
  private dragging: IdeaSnapshot | null = null;
  private publishing = false;
  private readonly edits = new Map<string, EditState>();
  /** Notes shown by the last update in each section, whether some are still to come, and the next batch (see BATCH). */
  private shownCounts = new Map<string, number>();
  private more = false;
  private nextBatch: Promise<void> | null = null;

  constructor() {
    super();
    this.workshop.onReady = () => {
      this.ensureBoard();
      this.maybePublishDrafts();
    };
    this.workshop.onPersonChange = () => this.forgetPerson();
  }

  /**
   * Someone else joined on this page (a shared device): nothing the last person typed, chose or had
   * open for editing stays for them — the "Add idea" and "New group" boxes, renaming or deleting a
   * group, edits and comments in progress, the search. (Their private drafts are kept on this device
   * under their own name: `syncDraftStore` opens the new person's.) Said nowhere; focus stays.
   */
  private forgetPerson(): void {
    this.typed = { idea: '', tag: '', group: '' };
    this.draftLength = 0;
    this.formError = null;
    this.groupError = null;
    this.colour = DEFAULT_COLOUR;
    this.addTo = '';
    this.renaming = null;
    this.renameError = null;
    this.confirmingCluster = null;
    this.draftProblem = null;
    this.query = '';
    this.filterCluster = '';
    this.filterTag = '';
    this.edits.clear();
    this.pendingFocus = null;
    for (const card of this.cards()) card.forgetPerson();
    // A list the person changed keeps its choice over a changed `selected` attribute: set it too.
    const root = this.renderRoot as ShadowRoot | undefined;
    const lists: Array<[string, string]> = [['idea-colour', DEFAULT_COLOUR], ['idea-group', ''], ['board-filter-group', ''], ['board-filter-tag', '']];
    for (const [id, value] of lists) {
      const list = root?.getElementById?.(id) as HTMLSelectElement | null | undefined;
      if (list) list.value = value;
    }
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  // ---------------------------------------------------------------------------------------------
  // Who may do what
  // ---------------------------------------------------------------------------------------------

  private get viewerRole(): Role {
    return this.workshop.runtime?.session.role ?? 'observer';
  }

  /** Locked for this viewer (facilitators can always change a board). */
  private get lockedForMe(): boolean {
    return (this.boardState.value?.lock ?? null) !== null && this.viewerRole !== 'facilitator';
  }

  private get writable(): boolean {
    return this.viewerRole !== 'observer' && !this.lockedForMe && (this.boardState.value?.exists ?? false);
  }

  /**
   * This viewer may create, rename, reorder, collapse and delete groups, and move anyone's ideas
   * (not when only facilitators organise the groups: then participants move only their own).
   */
  private get organising(): boolean {
    const snapshot = this.boardState.value;
    return this.writable && !!snapshot && mayOrganiseGroups(snapshot.settings, this.viewerRole);
  }

  /** New ideas of this viewer go to private drafts instead of the shared document. */
  private get writingPrivately(): boolean {
    const snapshot = this.boardState.value;
    return !!snapshot && snapshot.settings.privateWriting && !snapshot.revealed && this.viewerRole !== 'facilitator';
  }

  private isDraft(idea: IdeaSnapshot): boolean {
    return this.draftIds.has(idea.id);
  }

  // ---------------------------------------------------------------------------------------------
  // Drafts (private writing)
  // ---------------------------------------------------------------------------------------------

  private draftIds = new Set<string>();
  private merged: { ideas: readonly IdeaSnapshot[]; from: readonly IdeaSnapshot[]; drafts: readonly Draft[]; clusters: readonly ClusterSnapshot[] } | null = null;

  private syncDraftStore(): void {
    const runtime = this.workshop.runtime;
    const key = runtime ? draftKey(runtime.room, runtime.session.user.id, this.board) : null;
    if (this.drafts?.key === key) return;
    this.drafts?.removeEventListener('change', this.onDraftsChange);
    this.drafts?.dispose();
    this.drafts = key ? new DraftStore(key) : undefined;
    this.drafts?.addEventListener('change', this.onDraftsChange);
    this.merged = null;
  }

  private readonly onDraftsChange = (): void => {
    this.requestUpdate();
    queueMicrotask(() => this.maybePublishDrafts());
  };

  /** The viewer's ideas from the document and their drafts, oldest first. */
  private allIdeas(snapshot: BoardSnapshot): readonly IdeaSnapshot[] {
    const drafts = this.drafts?.list() ?? [];
    const cached = this.merged;
    if (cached && cached.from === snapshot.ideas && cached.drafts === drafts && cached.clusters === snapshot.clusters) return cached.ideas;
    let ideas = snapshot.ideas;
    // The same (empty) set while there are no drafts, so the sections need not render again.
    if (drafts.length || this.draftIds.size) this.draftIds = new Set(drafts.map((d) => d.id));
    if (drafts.length) {
      const me = this.workshop.runtime?.session.user.id ?? '';
      const clusterIds = new Set(snapshot.clusters.map((c) => c.id));
      const extra = drafts.map((d) => draftSnapshot(d, snapshot.id, me, clusterIds));
      ideas = [...snapshot.ideas, ...extra].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    this.merged = { ideas, from: snapshot.ideas, drafts, clusters: snapshot.clusters };
    return ideas;
  }

  /**
   * Publishes this person's drafts once the board is revealed (or private writing is off), but only
   * when the document is known to be current (synced with the server), so a stale offline copy
   * never publishes early. Another tab of the same person publishing at the same moment is kept
   * out with a Web Lock where available.
   */
  private maybePublishDrafts(): void {
    this.syncDraftStore();
    const runtime = this.workshop.runtime;
    const snapshot = this.boardState.value;
    const drafts = this.drafts;
    if (!runtime?.ready || !snapshot?.exists || !drafts || this.publishing) return;
    if (runtime.connection && runtime.status !== 'synced') return;
    if (this.writingPrivately || this.viewerRole === 'observer' || this.lockedForMe) return;
    if (drafts.list().length === 0) return;
    this.publishing = true;
    const publish = () => {
      const taken = drafts.takeAll();
      const failed: Draft[] = [];
      let published = 0;
      let problem: unknown = null;
      const focusDraft = this.focusedBefore && this.draftIds.has(this.focusedBefore.ideaId) ? this.focusedBefore.ideaId : null;
      runtime.doc.transact(() => {
        for (const draft of taken) {
          const clusterId = draft.clusterId && snapshot.clusters.some((c) => c.id === draft.clusterId) ? draft.clusterId : null;
          try {
            const id = addIdea(runtime.session, { boardId: this.board, text: draft.text, colour: draft.colour, tag: draft.tag, clusterId });
            if (draft.id === focusDraft) this.pendingFocus = { ideaId: id, action: 'card' };
            published++;
          } catch (error) {
            failed.push(draft);
            problem = error;
          }
        }
      }, runtime.session.origin);
      drafts.restore(failed);
      this.draftProblem = problem ? describeError(problem, (k, p) => this.t(k, p)) : null;
      if (published) runtime.announcer.say(this.t('boardDraftsPublished', { count: published }));
    };
    const done = () => {
      this.publishing = false;
    };
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (locks) {
      void locks
        .request(`coproduce:publish:${drafts.key}`, { ifAvailable: true }, (lock) => {
          if (lock) publish();
        })
        .catch((error: unknown) => console.warn('[coproduce] drafts:', error))
        .finally(done);
    } else {
      try {
        publish();
      } finally {
        done();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Live changes
  // ---------------------------------------------------------------------------------------------

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
    const previous = this.previous;
    this.previous = snapshot;
    if (change.initial) {
      queueMicrotask(() => {
        this.ensureBoard();
        this.maybePublishDrafts();
      });
      return;
    }
    if (change.boardChanged) queueMicrotask(() => this.maybePublishDrafts());
    if (change.local || !previous || previous.id !== snapshot.id) return;
    const runtime = this.workshop.runtime;
    // What brings the page up to date (the device's offline copy, then the first sync with the
    // server: ideas that were there before the page opened) is not news. The runtime is ready once
    // that first sync is over (a local workshop is ready from the start).
    if (!runtime?.ready) return;
    const announcer = runtime.announcer;
    const s = this.summary;
    s.writers.push(...change.writers);
    s.added.push(...change.added);
    s.removed += change.removed.length;
    for (const idea of change.updated) {
      const before = previous.ideaById.get(idea.id);
      if (!before) continue;
      if (before.clusterId !== idea.clusterId) s.moved.push({ clusterId: idea.clusterId });
      if (idea.commentCount > before.commentCount) s.comments += idea.commentCount - before.commentCount;
      if (before.text !== idea.text || before.colour !== idea.colour || before.tag !== idea.tag) s.changed++;
    }
    if (change.clustersChanged && (previous.clusters.length !== snapshot.clusters.length ||
      previous.clusters.some((c, i) => snapshot.clusters[i]?.id !== c.id || snapshot.clusters[i]?.title !== c.title))) {
      s.clusters = true;
    }
    if ((previous.lock === null) !== (snapshot.lock === null)) s.locked = snapshot.lock ? 'locked' : 'unlocked';
    if (!previous.revealed && snapshot.revealed && snapshot.settings.privateWriting) s.revealed = true;
    if (previous.settings.privateWriting !== snapshot.settings.privateWriting) {
      s.settings.push(snapshot.settings.privateWriting ? 'boardAnnouncePrivateOn' : 'boardAnnouncePrivateOff');
    }
    if (previous.settings.anonymous !== snapshot.settings.anonymous) {
      s.settings.push(snapshot.settings.anonymous ? 'boardAnnounceAnonymousOn' : 'boardAnnounceAnonymousOff');
    }
    if (previous.settings.facilitatorsOrganise !== snapshot.settings.facilitatorsOrganise) {
      s.settings.push(snapshot.settings.facilitatorsOrganise ? 'boardAnnounceOrganiseOn' : 'boardAnnounceOrganiseOff');
    }
    announcer.later(`board:${snapshot.id}`, () => this.composeSummary());
  }

  /** One short message for everything others did during the debounce window. */
  private composeSummary(): string | null {
    const s = this.summary;
    this.summary = EMPTY_SUMMARY();
    const snapshot = this.boardState.value;
    const groupName = (id: string | null) => (id ? snapshot?.clusters.find((c) => c.id === id)?.title : undefined);
    const anonymous = snapshot?.settings.anonymous ?? false;
    const parts: string[] = [];
    if (s.locked === 'locked') {
      const reason = snapshot?.lock?.reason;
      parts.push(reason ? `${this.t('boardAnnounceLocked')} ${this.t('boardLockedReason', { reason })}` : this.t('boardAnnounceLocked'));
    } else if (s.locked === 'unlocked') parts.push(this.t('boardAnnounceUnlocked'));
    if (s.revealed) parts.push(this.t('boardAnnounceRevealed'));
    for (const key of s.settings) parts.push(this.t(key as MessageKey));
    if (s.added.length === 1) {
      const idea = s.added[0]!;
      const group = groupName(idea.clusterId);
      const name = anonymous || !idea.authorId ? null : this.personName(idea.authorId);
      if (name) parts.push(group ? this.t('boardAnnounceAddedTo', { name, group }) : this.t('remoteIdeasAdded', { count: 1, name }));
      else parts.push(group ? this.t('boardAnnounceNewIdeaTo', { group }) : this.t('boardAnnounceNewIdea'));
    } else if (s.added.length > 1) {
      parts.push(this.t('remoteIdeasAdded', { count: s.added.length, name: '' }));
    }
    if (s.moved.length === 1) {
      const group = groupName(s.moved[0]!.clusterId);
      const runtime = this.workshop.runtime;
      const who = !anonymous && runtime?.connection ? usersOfClients(runtime.connection.awareness, s.writers)[0]?.name : undefined;
      if (group) parts.push(who ? this.t('boardAnnounceMovedBy', { name: who, group }) : this.t('boardAnnounceMoved', { count: 1, group }));
      else parts.push(this.t('boardAnnounceMovedOut'));
    } else if (s.moved.length > 1) {
      parts.push(this.t('boardAnnounceMoved', { count: s.moved.length, group: '' }));
    }
    if (s.changed) parts.push(this.t('remoteIdeasChanged', { count: s.changed }));
    if (s.removed) parts.push(this.t('remoteIdeasRemoved', { count: s.removed }));
    if (s.comments) parts.push(this.t('boardAnnounceComments', { count: s.comments }));
    if (s.clusters && s.moved.length === 0) parts.push(this.t('boardAnnounceGroups'));
    return parts.length ? parts.join('. ') : null;
  }

  private personName(id: string): string {
    return this.people.value?.get(id)?.name ?? this.t('anonymousAuthor');
  }

  // ---------------------------------------------------------------------------------------------
  // Actions
  // ---------------------------------------------------------------------------------------------

  private emit<K extends keyof EventDetails>(type: K, detail: EventDetails[K]): void {
    this.dispatchEvent(localEvent(type, detail));
  }

  private error(error: unknown, subject: TextSubject = 'idea'): string {
    return describeError(error, (k, p) => this.t(k, p), subject);
  }

  private say(message: string): void {
    this.workshop.runtime?.announcer.say(message);
  }

  /**
   * Says a problem with what the person just submitted: the message shown by the field (and tied
   * to it with aria-describedby) is not read out by itself when focus is already in that field.
   */
  private sayError(message: string): void {
    this.say(`${this.t('errorPrefix')} ${message}`);
  }

  private onAdd(event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const form = event.target as HTMLFormElement;
    const textarea = form.querySelector('textarea') as HTMLTextAreaElement;
    const tagInput = form.querySelector<HTMLInputElement>('input[name="tag"]');
    if (!runtime) return;
    const clusterId = this.addTo && this.boardState.value?.clusters.some((c) => c.id === this.addTo) ? this.addTo : null;
    try {
      let id: string;
      const draft = this.writingPrivately;
      if (draft && this.drafts) {
        id = this.drafts.add({ text: textarea.value, colour: this.colour, tag: tagInput?.value ?? '', clusterId }).id;
        this.say(this.t('boardDraftAdded'));
      } else {
        id = addIdea(runtime.session, { boardId: this.board, text: textarea.value, colour: this.colour, tag: tagInput?.value ?? '', clusterId });
        this.say(this.t('ideaAdded'));
      }
      textarea.value = '';
      if (tagInput) tagInput.value = '';
      this.typed.idea = '';
      this.typed.tag = '';
      this.draftLength = 0;
      this.formError = null;
      this.emit('co-idea-add', draft ? { boardId: this.board, ideaId: id, draft: true } : { boardId: this.board, ideaId: id });
      textarea.focus();
    } catch (error) {
      this.formError = this.error(error);
      this.sayError(this.formError);
      void this.updateComplete.then(() => textarea.focus());
    }
  }

  private saveIdea(idea: IdeaSnapshot, edit: IdeaEdit): string | null {
    const runtime = this.workshop.runtime;
    if (!runtime) return this.t('notConnected');
    try {
      const draft = this.isDraft(idea);
      const changed = draft
        ? this.drafts?.update(idea.id, edit) ?? false
        : editIdea(runtime.session, idea.id, edit);
      if (changed) {
        this.say(this.t('ideaSaved'));
        this.emit('co-idea-edit', draft ? { boardId: this.board, ideaId: idea.id, draft: true } : { boardId: this.board, ideaId: idea.id });
      }
      return null;
    } catch (error) {
      const message = this.error(error);
      this.sayError(message);
      return message;
    }
  }

  /** Where focus goes when a card leaves: the next card of its group, else the previous, else `fallback`. */
  private neighbourFallback(ideaId: string, fallback: () => HTMLElement | null | undefined): () => HTMLElement | null | undefined {
    const cards = this.cards();
    const index = cards.findIndex((c) => c.idea?.id === ideaId);
    const section = cards[index]?.closest('[data-section]');
    const siblings = cards.filter((c) => c.closest('[data-section]') === section).map((c) => c.idea?.id);
    const at = siblings.indexOf(ideaId);
    const candidates = [...siblings.slice(at + 1), ...siblings.slice(0, Math.max(0, at)).reverse()];
    return () => {
      for (const id of candidates) {
        const card = this.cardFor(id ?? '');
        if (card) return card.renderRoot.querySelector<HTMLElement>('[data-card]');
      }
      return fallback();
    };
  }

  private removeIdea(idea: IdeaSnapshot): string | null {
    const runtime = this.workshop.runtime;
    if (!runtime) return this.t('notConnected');
    const fallback = this.neighbourFallback(idea.id, () => this.focusFallback());
    try {
      const draft = this.isDraft(idea);
      if (draft) this.drafts?.remove(idea.id);
      else deleteIdea(runtime.session, idea.id);
      this.edits.delete(idea.id);
      this.say(this.t('ideaDeleted'));
      this.emit('co-idea-delete', draft ? { boardId: this.board, ideaId: idea.id, draft: true } : { boardId: this.board, ideaId: idea.id });
      this.pendingFocus = { ideaId: '', action: 'card', fallback };
      this.requestUpdate();
      return null;
    } catch (error) {
      return this.error(error);
    }
  }

  private moveIdeaTo(idea: IdeaSnapshot, target: string | null): void {
    const runtime = this.workshop.runtime;
    const snapshot = this.boardState.value;
    if (!runtime || !snapshot) return;
    const clusterId = target === UNGROUPED ? null : target;
    if (clusterId === idea.clusterId) return;
    const fallback = this.neighbourFallback(idea.id, () => this.focusFallback());
    try {
      const draft = this.isDraft(idea);
      if (draft) this.drafts?.update(idea.id, { clusterId });
      else moveIdea(runtime.session, idea.id, clusterId);
      const group = clusterId ? snapshot.clusters.find((c) => c.id === clusterId)?.title : undefined;
      this.say(group ? this.t('boardIdeaMoved', { group }) : this.t('boardIdeaMovedOut'));
      this.emit('co-idea-move', draft ? { boardId: this.board, ideaId: idea.id, clusterId, draft: true } : { boardId: this.board, ideaId: idea.id, clusterId });
      this.pendingFocus = { ideaId: idea.id, action: 'move', fallback };
      this.requestUpdate();
    } catch (error) {
      this.cardFor(idea.id)?.showError(this.error(error));
    }
  }

  private toggleIdeaReaction(idea: IdeaSnapshot, emoji: ReactionEmoji): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    try {
      const on = toggleReaction(runtime.session, idea.id, emoji);
      const label = this.t(reactionMessage(emoji));
      this.say(this.t(on ? 'boardReactionAdded' : 'boardReactionRemoved', { label }));
      this.emit('co-reaction-toggle', { boardId: this.board, ideaId: idea.id, emoji, on });
    } catch (error) {
      this.cardFor(idea.id)?.showError(this.error(error));
    }
  }

  private approve(idea: IdeaSnapshot): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    try {
      if (approveIdea(runtime.session, idea.id)) {
        this.say(this.t('boardIdeaApproved'));
        this.emit('co-idea-approve', { boardId: this.board, ideaId: idea.id });
      }
      this.pendingFocus = { ideaId: idea.id, action: 'card' };
    } catch (error) {
      this.cardFor(idea.id)?.showError(this.error(error));
    }
  }

  private approveAll(): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    try {
      const pending = this.boardState.value?.ideas.filter((i) => i.status === 'pending').map((i) => i.id) ?? [];
      const count = approveAllIdeas(runtime.session, this.board);
      this.say(this.t('boardApprovedAll', { count }));
      for (const ideaId of pending) this.emit('co-idea-approve', { boardId: this.board, ideaId });
    } catch (error) {
      this.formError = this.error(error);
    }
  }

  private reveal(): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    try {
      revealElement(runtime.session, this.board);
      this.say(this.t('boardAnnounceRevealed'));
      this.emit('co-board-reveal', { boardId: this.board });
    } catch (error) {
      this.formError = this.error(error);
    }
  }

  private onCreateGroup(event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const input = (event.target as HTMLFormElement).querySelector('input') as HTMLInputElement;
    if (!runtime) return;
    try {
      const clusterId = createCluster(runtime.session, { boardId: this.board, title: input.value });
      const title = this.boardState.value?.clusters.find((c) => c.id === clusterId)?.title ?? input.value.trim();
      input.value = '';
      this.typed.group = '';
      this.groupError = null;
      this.say(this.t('boardGroupCreated', { title }));
      this.emit('co-cluster-create', { boardId: this.board, clusterId });
    } catch (error) {
      this.groupError = this.error(error, 'group');
      this.sayError(this.groupError);
    }
    input.focus();
  }

  private onRenameGroup(event: SubmitEvent, cluster: ClusterSnapshot): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const input = (event.target as HTMLFormElement).querySelector('input') as HTMLInputElement;
    if (!runtime) return;
    try {
      if (renameCluster(runtime.session, cluster.id, input.value)) {
        this.say(this.t('boardGroupRenamed', { title: input.value.trim() }));
        this.emit('co-cluster-rename', { boardId: this.board, clusterId: cluster.id });
      }
      this.renaming = null;
      this.renameError = null;
      this.focusGroupControl(cluster.id, 'options');
    } catch (error) {
      this.renameError = this.error(error, 'group');
      this.sayError(this.renameError);
      input.focus();
    }
  }

  private deleteGroup(cluster: ClusterSnapshot): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    try {
      deleteCluster(runtime.session, cluster.id);
      this.confirmingCluster = null;
      this.say(this.t('boardGroupDeleted', { title: cluster.title }));
      this.emit('co-cluster-delete', { boardId: this.board, clusterId: cluster.id });
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#new-group')?.focus());
    } catch (error) {
      this.renameError = this.error(error, 'group');
    }
  }

  private moveGroup(cluster: ClusterSnapshot, by: number): void {
    const runtime = this.workshop.runtime;
    const clusters = this.boardState.value?.clusters ?? [];
    const index = clusters.findIndex((c) => c.id === cluster.id);
    if (!runtime || index < 0) return;
    try {
      moveCluster(runtime.session, cluster.id, Math.max(0, Math.min(clusters.length - 1, index + by)));
      this.say(this.t('boardGroupMoved', { title: cluster.title }));
      this.focusGroupControl(cluster.id, 'options');
    } catch (error) {
      this.renameError = this.error(error, 'group');
    }
  }

  private toggleGroup(cluster: ClusterSnapshot): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const collapse = !this.isCollapsed(cluster);
    if (this.organising) {
      try {
        setClusterCollapsed(runtime.session, cluster.id, collapse);
        if (this.localCollapsed.has(cluster.id)) {
          const next = new Map(this.localCollapsed);
          next.delete(cluster.id);
          this.localCollapsed = next;
        }
        return;
      } catch {
        // fall through to a view of one's own
      }
    }
    // Someone who can't change the groups (watching, a locked board, or only facilitators organise
    // them) still chooses what they read: shown or hidden on this page only.
    this.localCollapsed = new Map(this.localCollapsed).set(cluster.id, collapse);
  }

  private isCollapsed(cluster: ClusterSnapshot): boolean {
    return this.localCollapsed.get(cluster.id) ?? cluster.collapsed;
  }

  private focusGroupControl(clusterId: string, action: string): void {
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>(`[data-section="${clusterId}"] [data-group-action="${action}"]`)?.focus();
    });
  }

  private undo(redo: boolean): void {
    const session = this.workshop.runtime?.session;
    if (!session || this.viewerRole === 'observer') return;
    const done = redo ? session.redo() : session.undo();
    this.say(this.t(done ? (redo ? 'boardRedone' : 'boardUndone') : 'boardNothingToUndo'));
  }

  // ---------------------------------------------------------------------------------------------
  // Menus
  // ---------------------------------------------------------------------------------------------

  private get menu(): CoMenu | null {
    return this.renderRoot.querySelector('co-menu');
  }

  private short(text: string): string {
    return shortenText(text, 40);
  }

  private openMoveMenu(idea: IdeaSnapshot, anchor: HTMLElement, focus: 'first' | 'last'): void {
    const clusters = this.boardState.value?.clusters ?? [];
    const items: MenuItem[] = [
      { id: UNGROUPED, label: this.t('boardUngrouped'), kind: 'radio', checked: idea.clusterId === null },
      ...clusters.map((c) => ({ id: c.id, label: c.title, kind: 'radio' as const, checked: idea.clusterId === c.id })),
    ];
    this.menu?.show(anchor, {
      label: this.t('boardMoveMenuLabel', { idea: this.short(idea.text) }),
      items,
      focus,
      onSelect: (id) => {
        const current = this.allIdeas(this.boardState.value!).find((i) => i.id === idea.id) ?? idea;
        this.moveIdeaTo(current, id);
      },
    });
  }

  private openReactMenu(idea: IdeaSnapshot, anchor: HTMLElement, focus: 'first' | 'last'): void {
    const mine = new Set(idea.reactions.filter((r) => r.mine).map((r) => r.emoji));
    this.menu?.show(anchor, {
      label: this.t('boardReactMenuLabel', { idea: this.short(idea.text) }),
      items: REACTIONS.map((r) => ({ id: r.emoji, label: this.t(reactionMessage(r.emoji)), icon: r.emoji, kind: 'checkbox' as const, checked: mine.has(r.emoji) })),
      focus,
      onSelect: (emoji) => this.toggleIdeaReaction(idea, emoji as ReactionEmoji),
    });
  }

  private openGroupMenu(cluster: ClusterSnapshot, anchor: HTMLElement, focus: 'first' | 'last'): void {
    const clusters = this.boardState.value?.clusters ?? [];
    const index = clusters.findIndex((c) => c.id === cluster.id);
    this.menu?.show(anchor, {
      label: this.t('boardGroupOptionsFor', { title: cluster.title }),
      focus,
      items: [
        { id: 'rename', label: this.t('boardGroupRename') },
        { id: 'up', label: this.t('boardGroupMoveUp'), disabled: index <= 0 },
        { id: 'down', label: this.t('boardGroupMoveDown'), disabled: index >= clusters.length - 1 },
        { id: 'delete', label: this.t('boardGroupDelete') },
      ],
      onSelect: (action) => {
        if (action === 'rename') {
          this.renaming = cluster.id;
          this.renameError = null;
          void this.updateComplete.then(() => {
            const input = this.renderRoot.querySelector<HTMLInputElement>(`#rename-${cluster.id}`);
            input?.focus();
            input?.select();
          });
        } else if (action === 'up' || action === 'down') {
          this.moveGroup(cluster, action === 'up' ? -1 : 1);
        } else if (action === 'delete') {
          this.confirmingCluster = cluster.id;
          this.focusGroupControl(cluster.id, 'confirm-delete');
        }
      },
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Comments
  // ---------------------------------------------------------------------------------------------

  private commentViews(ideaId: string): readonly CommentView[] {
    const runtime = this.workshop.runtime;
    if (!runtime) return [];
    const facilitator = this.viewerRole === 'facilitator';
    const writable = this.writable;
    return readComments(runtime.doc, ideaId, { viewer: runtime.session.viewer }).map((c) => ({
      id: c.id,
      text: c.text,
      // "you" and "Someone" are worded by the panel when it renders (the language may change meanwhile).
      author: c.mine || !c.authorId ? '' : (this.people.value?.get(c.authorId)?.name ?? null),
      mine: c.mine,
      canDelete: writable && (c.mine || facilitator),
      createdAt: c.createdAt,
    }));
  }

  private readonly commentHandlers: CommentHandlers = {
    subscribe: (ideaId, listener) => {
      const runtime = this.workshop.runtime;
      if (!runtime) {
        listener([]);
        return () => undefined;
      }
      return observeRoots(
        runtime.doc,
        ['comments', 'people', 'settings', 'roles', 'locks'],
        () => listener(this.commentViews(ideaId)),
        { session: runtime.session },
      );
    },
    add: (ideaId, text) => {
      const runtime = this.workshop.runtime;
      if (!runtime) return this.t('notConnected');
      try {
        const commentId = addComment(runtime.session, { ideaId, text });
        this.say(this.t('boardCommentAdded'));
        this.emit('co-comment-add', { boardId: this.board, ideaId, commentId });
        return null;
      } catch (error) {
        return this.error(error, 'comment');
      }
    },
    remove: (ideaId, commentId) => {
      const runtime = this.workshop.runtime;
      if (!runtime) return this.t('notConnected');
      try {
        deleteComment(runtime.session, commentId);
        this.say(this.t('boardCommentDeleted'));
        this.emit('co-comment-delete', { boardId: this.board, ideaId, commentId });
        return null;
      } catch (error) {
        return this.error(error, 'comment');
      }
    },
    focusLost: () => {
      void this.updateComplete.then(() => this.focusWhy());
    },
  };

  private readonly handlers: IdeaCardHandlers = {
    save: (idea, edit) => this.saveIdea(idea, edit),
    remove: (idea) => this.removeIdea(idea),
    openMoveMenu: (idea, anchor, focus) => this.openMoveMenu(idea, anchor, focus),
    openReactMenu: (idea, anchor, focus) => this.openReactMenu(idea, anchor, focus),
    toggleReaction: (idea, emoji) => this.toggleIdeaReaction(idea, emoji),
    toggleComments: (idea) => {
      const next = new Set(this.commentsOpen);
      if (next.has(idea.id)) next.delete(idea.id);
      else next.add(idea.id);
      this.commentsOpen = next;
    },
    approve: (idea) => this.approve(idea),
    editingChanged: (idea, editing) => {
      if (!this.isDraft(idea)) this.presence.setFocus({ elementId: this.board, itemId: idea.id, editing });
    },
    edits: this.edits,
    comments: this.commentHandlers,
  };

  // ---------------------------------------------------------------------------------------------
  // Keyboard: roving focus between notes
  // ---------------------------------------------------------------------------------------------

  private cards(): CoIdeaCard[] {
    return [...this.renderRoot.querySelectorAll<CoIdeaCard>('co-idea-card')];
  }

  private cardFor(ideaId: string): CoIdeaCard | undefined {
    return this.cards().find((c) => c.idea?.id === ideaId);
  }

  private cardOf(event: Event): CoIdeaCard | undefined {
    return event.composedPath().find((n): n is CoIdeaCard => n instanceof CoIdeaCard);
  }

  private onSectionsKeyDown(event: KeyboardEvent): void {
    const origin = event.composedPath()[0] as HTMLElement | undefined;
    if (!origin?.hasAttribute?.('data-card')) return;
    const card = this.cardOf(event);
    if (!card?.idea) return;
    const ctrl = event.ctrlKey || event.metaKey;
    if (ctrl && !event.altKey && (event.key === 'z' || event.key === 'Z' || event.key === 'y')) {
      event.preventDefault();
      this.undo(event.key === 'y' || event.shiftKey);
      return;
    }
    if (event.altKey) return;
    const all = this.cards();
    const section = card.closest('[data-section]');
    const inSection = all.filter((c) => c.closest('[data-section]') === section);
    let target: CoIdeaCard | undefined;
    switch (event.key) {
      case 'ArrowRight':
        target = all[all.indexOf(card) + 1];
        break;
      case 'ArrowLeft':
        target = all[all.indexOf(card) - 1];
        break;
      case 'ArrowDown':
      case 'ArrowUp':
        target = this.verticalNeighbour(card, inSection, all, event.key === 'ArrowDown');
        break;
      case 'Home':
        target = ctrl ? all[0] : inSection[0];
        break;
      case 'End':
        target = ctrl ? all[all.length - 1] : inSection[inSection.length - 1];
        break;
      case 'n':
      case 'N':
        if (!ctrl && this.writable) {
          event.preventDefault();
          this.renderRoot.querySelector<HTMLElement>('#idea-text')?.focus();
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    if (target) target.focusCard();
  }

  /** The note above or below in a wrapping grid: the nearest one in the next row, else the next group's. */
  private verticalNeighbour(card: CoIdeaCard, inSection: CoIdeaCard[], all: CoIdeaCard[], down: boolean): CoIdeaCard | undefined {
    const from = card.getBoundingClientRect();
    const centre = from.left + from.width / 2;
    let best: CoIdeaCard | undefined;
    let bestScore = Infinity;
    for (const other of inSection) {
      if (other === card) continue;
      const rect = other.getBoundingClientRect();
      const dy = down ? rect.top - from.top : from.top - rect.top;
      if (dy <= 1) continue;
      const score = dy * 10_000 + Math.abs(rect.left + rect.width / 2 - centre);
      if (score < bestScore) {
        bestScore = score;
        best = other;
      }
    }
    if (best) return best;
    // Past the first or last row of the group: on to the neighbouring group.
    const index = all.indexOf(down ? inSection[inSection.length - 1]! : inSection[0]!);
    return all[down ? index + 1 : index - 1];
  }

  private onSectionsFocusIn(event: FocusEvent): void {
    const card = this.cardOf(event);
    const idea = card?.idea;
    if (!card || !idea) return;
    const sectionEl = card.closest<HTMLElement>('[data-section]');
    const section = sectionEl?.dataset['section'];
    if (sectionEl && section !== undefined && (this.active.get(section) !== idea.id || !card.active)) {
      // Move the group's tab stop to this note: only the two notes concerned re-render.
      this.active.set(section, idea.id);
      for (const other of sectionEl.querySelectorAll<CoIdeaCard>('co-idea-card')) {
        if (other.active && other !== card) other.active = false;
      }
      card.active = true;
    }
    if (!this.isDraft(idea)) this.presence.setFocus({ elementId: this.board, itemId: idea.id, editing: this.edits.has(idea.id) });
  }

  private onFocusOut(event: FocusEvent): void {
    // relatedTarget is retargeted to this shadow tree: a card, the menu or a control here means
    // focus stays on the board.
    const next = event.relatedTarget as Node | null;
    if (next && this.renderRoot.contains(next)) return;
    if (this.presence.localFocus?.elementId === this.board) this.presence.setFocus(null);
  }

  // ---------------------------------------------------------------------------------------------
  // Drag and drop (an enhancement: "Move to…" does the same from the keyboard)
  // ---------------------------------------------------------------------------------------------

  private onDragStart(event: DragEvent): void {
    const card = this.cardOf(event);
    const idea = card?.idea;
    if (!card || !idea || !event.dataTransfer || !this.writable) return;
    this.dragging = idea;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('application/x-coproduce-idea', idea.id);
    const note = card.renderRoot.querySelector<HTMLElement>('[data-card]');
    if (note) event.dataTransfer.setDragImage(note, 24, 24);
  }

  private onDragOver(event: DragEvent, key: string): void {
    if (!this.dragging) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    if (this.dropTarget !== key) this.dropTarget = key;
  }

  private onDragLeave(event: DragEvent, key: string): void {
    const section = event.currentTarget as HTMLElement;
    if (event.relatedTarget instanceof Node && section.contains(event.relatedTarget)) return;
    if (this.dropTarget === key) this.dropTarget = null;
  }

  private onDrop(event: DragEvent, key: string): void {
    const idea = this.dragging;
    this.dragging = null;
    this.dropTarget = null;
    if (!idea) return;
    event.preventDefault();
    this.moveIdeaTo(idea, key);
  }

  private onDragEnd(): void {
    this.dragging = null;
    this.dropTarget = null;
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle
  // ---------------------------------------------------------------------------------------------

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.drafts?.removeEventListener('change', this.onDraftsChange);
    this.drafts?.dispose();
    this.drafts = undefined;
    this.merged = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.syncDraftStore();
    if (changed.has('board') && changed.get('board') !== undefined) {
      // Another board: its own roving stops and open comments.
      this.active = new Map();
      this.commentsOpen = new Set();
    }
    // Remember which card has focus, so it keeps focus if someone else's change re-creates it, and
    // its neighbours, for when someone else's change takes it away (deleted, or moved out of view).
    const focused = (this.renderRoot as ShadowRoot | undefined)?.activeElement ?? null;
    if (focused instanceof CoIdeaCard && focused.idea) {
      const inner = (focused.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
      const action = inner?.dataset['action'] ?? (inner?.hasAttribute('data-card') ? 'card' : inner?.tagName === 'TEXTAREA' ? 'edit-text' : 'card');
      this.focusedBefore = { ideaId: focused.idea.id, card: focused, action, neighbours: this.neighbourIds(focused) };
    } else {
      this.focusedBefore = null;
    }
    // One of the board's own controls (the forms, "Group options"…): they go when the board is locked.
    this.ownFocus = focused instanceof HTMLElement && !(focused instanceof CoIdeaCard) ? focused : null;
    // While the forms are on the page their boxes hold what was typed (set by script too); keep it.
    const root = this.renderRoot as ShadowRoot | undefined;
    const idea = root?.getElementById?.('idea-text') as HTMLTextAreaElement | null | undefined;
    if (idea) {
      this.typed.idea = idea.value;
      this.typed.tag = (root?.getElementById('idea-tag') as HTMLInputElement | null)?.value ?? this.typed.tag;
    }
    const group = root?.getElementById?.('new-group') as HTMLInputElement | null | undefined;
    if (group) this.typed.group = group.value;
  }

  /**
   * The ideas next to a card in its list, nearest first (the following ones, then the ones before):
   * a few on each side are enough to find one still there.
   */
  private neighbourIds(card: CoIdeaCard): string[] {
    const ids: string[] = [];
    const item = card.parentElement;
    for (const step of ['nextElementSibling', 'previousElementSibling'] as const) {
      let sibling = item?.[step] ?? null;
      for (let n = 0; sibling && n < 5; n++, sibling = sibling[step]) {
        const other = sibling.firstElementChild;
        if (other instanceof CoIdeaCard && other.idea) ids.push(other.idea.id);
      }
    }
    return ids;
  }

  /**
   * Where focus goes when what had it is gone and no neighbouring note is left: the "Add idea" box,
   * else the notice that says why the board can't be changed, else the board's title.
   */
  private focusFallback(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('#idea-text') ?? this.whyNotice() ?? this.renderRoot.querySelector<HTMLElement>('#board-title');
  }

  /** The notice saying why this person can't change the board (locked, or watching only). */
  private whyNotice(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[data-why]');
  }

  /** Focus was on a control that has gone (the board was locked meanwhile): to the notice that says why. */
  private focusWhy(): void {
    (this.whyNotice() ?? this.focusFallback())?.focus();
  }

  /** Waits for the last batch of notes too: once it resolves, every note is on the page. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.nextBatch) {
      await this.nextBatch;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /** The next batch of notes after the browser has painted this one (at once in a hidden tab). */
  private scheduleBatch(): void {
    if (this.nextBatch) return;
    this.nextBatch = new Promise<void>((resolve) => {
      const next = () => {
        this.nextBatch = null;
        this.requestUpdate();
        resolve();
      };
      if (document.visibilityState === 'hidden') setTimeout(next);
      else requestAnimationFrame(() => setTimeout(next));
    });
  }

  protected override updated(): void {
    if (this.more) this.scheduleBatch();
    // On its own, the board speaks through its own live region; inside <co-workshop>, through the workshop's.
    if (this.workshop.standalone) {
      this.workshop.runtime?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    }
    const pending = this.pendingFocus;
    const before = this.focusedBefore;
    const ownFocus = this.ownFocus;
    this.ownFocus = null;
    const lostWriting = this.wasWritable && !this.writable;
    this.wasWritable = this.writable;
    const lostOrganising = this.wasOrganising && !this.organising && this.writable;
    this.wasOrganising = this.organising;
    if (pending) {
      this.pendingFocus = null;
      void this.restoreFocus(pending);
    } else if (before && !before.card.isConnected) {
      // Someone else's change re-created the card (it moved group) or took it away: to the card
      // again if it is still in view, else to its neighbour, never to the page's body.
      const neighbours = before.neighbours;
      void this.restoreFocus({
        ideaId: before.ideaId,
        action: before.action,
        fallback: () => {
          for (const id of neighbours) {
            const card = this.cardFor(id);
            if (card) return card.renderRoot.querySelector<HTMLElement>('[data-card]');
          }
          return this.focusFallback();
        },
      });
    } else if (ownFocus && !ownFocus.isConnected && lostWriting) {
      // The control went because the board was locked just now (or this person may only watch
      // now): to the notice that says why. (Controls that go after the person's own action are
      // followed by that action's own focus move.)
      this.focusWhy();
    } else if (ownFocus && !ownFocus.isConnected && lostOrganising) {
      // A group control went because only facilitators organise the groups now: to the note that says so.
      (this.renderRoot.querySelector<HTMLElement>('[data-organise-note]') ?? this.focusFallback())?.focus();
    } else if (ownFocus && !ownFocus.isConnected && ownFocus.hasAttribute('data-why') && this.writable) {
      // And back: the board was unlocked while the keyboard was on the lock notice, which has gone:
      // to the idea box given back (not to the page's body).
      this.focusFallback()?.focus();
    }
  }

  private async restoreFocus(target: PendingFocus): Promise<void> {
    const card = target.ideaId ? this.cardFor(target.ideaId) : undefined;
    if (card) {
      await card.updateComplete;
      if (target.action === 'card') card.focusCard();
      else if (target.action === 'edit-text') card.renderRoot.querySelector<HTMLElement>('textarea')?.focus();
      else card.focusAction(target.action);
      return;
    }
    target.fallback?.()?.focus();
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------------

  private renderHeading(title: string) {
    return html`<div part="heading" class="heading" role="heading" aria-level=${this.level(0)} id="board-title" tabindex="-1" dir="auto">${title}</div>`;
  }

  private level(offset: number): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2) + offset);
  }

  /** The status line keeps the height of the longest status it has shown (no jump at each reconnection). */
  private readonly steadyStatus = new SteadyStatus();

  private renderStatus() {
    const runtime = this.workshop.runtime;
    if (!runtime) return html`<p part="status" class="status">${this.t('notConnected')}</p>`;
    return html`<p part="status" class="status" data-status=${runtime.status}>
        <span class="status-dot" aria-hidden="true"></span>${this.steadyStatus.render(statusKey(runtime.status, runtime.hasUnsyncedChanges), (key) =>
          this.t(key))}
      </p>
      ${renderNotSaved(runtime, (k, params) => this.t(k, params))}`;
  }

  private renderNotices(snapshot: BoardSnapshot) {
    const notices = [];
    const facilitator = this.viewerRole === 'facilitator';
    if (snapshot.lock) {
      notices.push(html`<div class="notice notice-lock" role="note" tabindex="-1" data-why>
        <p><strong>${facilitator ? this.t('boardLockedFacilitator') : this.t('boardLockedNotice')}</strong></p>
        ${snapshot.lock.reason ? html`<p>${this.t('boardLockedReason', { reason: snapshot.lock.reason })}</p>` : nothing}
      </div>`);
    }
    if (this.viewerRole === 'observer') notices.push(html`<p class="notice" role="note" tabindex="-1" data-why>${this.t('boardObserverNotice')}</p>`);
    if (snapshot.settings.privateWriting && !snapshot.revealed) {
      notices.push(html`<div class="notice notice-private" role="note">
        <p><strong>${this.t('boardPrivateTitle')}</strong> ${facilitator ? this.t('boardPrivateFacilitator') : this.t('boardPrivateNotice')}</p>
        ${this.drafts && !this.drafts.persistent && !facilitator ? html`<p>${this.t('boardDraftsNotKept')}</p>` : nothing}
        ${facilitator && this.writable
          ? html`<button class="button" type="button" data-action="reveal" @click=${this.reveal}>${this.t('boardReveal')}</button>`
          : nothing}
      </div>`);
    }
    if (snapshot.hiddenIdeaCount > 0 && !facilitator) {
      notices.push(html`<p class="notice notice-quiet">${this.t('boardHiddenIdeas', { count: snapshot.hiddenIdeaCount })}</p>`);
    }
    if (snapshot.settings.moderation && !facilitator && this.viewerRole !== 'observer') {
      notices.push(html`<p class="notice notice-quiet">${this.t('boardModerationNotice')}</p>`);
    }
    if (facilitator && snapshot.pendingIdeaCount > 0) {
      notices.push(html`<div class="notice notice-private" role="note">
        <p><strong>${this.t('boardModerationQueue', { count: snapshot.pendingIdeaCount })}</strong></p>
        <button class="button" type="button" data-action="approve-all" @click=${this.approveAll}>${this.t('boardApproveAll', { count: snapshot.pendingIdeaCount })}</button>
      </div>`);
    }
    if (snapshot.settings.anonymous) notices.push(html`<p class="notice notice-quiet">${this.t('boardAnonymousNotice')}</p>`);
    if (this.draftProblem) {
      notices.push(html`<p class="notice notice-error" role="alert">${this.t('boardDraftsNotShared', { reason: this.draftProblem })}</p>`);
    }
    return notices.length ? html`<div class="notices">${notices}</div>` : nothing;
  }

  private renderForm(snapshot: BoardSnapshot) {
    if (!this.writable) return nothing;
    const max = TEXT.ideaText.max;
    const left = max - this.draftLength;
    const hintId = 'idea-hint';
    const errorId = 'idea-error';
    const privately = this.writingPrivately;
    return html`<form part="form" class="add" @submit=${this.onAdd} novalidate>
      <div class="field ${this.formError ? 'field-error' : ''}">
        <label class="label" for="idea-text">${this.t('yourIdea')}</label>
        <p class="hint" id=${hintId}>${this.t('ideaHint', { max })}${privately ? html` ${this.t('boardPrivateHint')}` : nothing}</p>
        ${this.formError
          ? html`<p class="error" id=${errorId}><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.formError}</p>`
          : nothing}
        <textarea
          id="idea-text"
          name="text"
          rows="3"
          aria-describedby="${hintId} ${this.formError ? errorId : ''} idea-count"
          aria-invalid=${this.formError ? 'true' : 'false'}
          .value=${live(this.typed.idea)}
          @input=${(e: Event) => {
            this.typed.idea = (e.target as HTMLTextAreaElement).value;
            this.draftLength = countCharacters(this.typed.idea);
          }}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              (e.target as HTMLTextAreaElement).form?.requestSubmit();
            }
          }}
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
        <div class="field">
          <label class="label" for="idea-tag">${this.t('boardTagLabel')}</label>
          <input
            id="idea-tag"
            name="tag"
            type="text"
            autocomplete="off"
            aria-describedby="idea-tag-hint"
            .value=${live(this.typed.tag)}
            @input=${(e: Event) => (this.typed.tag = (e.target as HTMLInputElement).value)}
          />
          <span class="visually-hidden" id="idea-tag-hint">${this.t('boardTagHint', { max: TEXT.ideaTag.max })}</span>
        </div>
        ${snapshot.clusters.length
          ? html`<div class="field">
              <label class="label" for="idea-group">${this.t('boardAddToGroup')}</label>
              <select id="idea-group" @change=${(e: Event) => (this.addTo = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${this.addTo === ''}>${this.t('boardUngrouped')}</option>
                ${snapshot.clusters.map((c) => html`<option value=${c.id} ?selected=${this.addTo === c.id} dir="auto">${c.title}</option>`)}
              </select>
            </div>`
          : nothing}
        <button class="button" type="submit">${this.t('addIdea')}</button>
      </div>
    </form>`;
  }

  private renderTools(snapshot: BoardSnapshot, ideas: readonly IdeaSnapshot[], view: BoardView, votesAvailable: boolean) {
    if (ideas.length === 0 && !view.filtered) return nothing;
    const tags = collectTags(ideas);
    const sorts = SORT_ORDERS.filter((s) => s !== 'votes' || votesAvailable);
    const sortKey: Record<SortOrder, MessageKey> = { oldest: 'boardSortOldest', newest: 'boardSortNewest', votes: 'boardSortVotes' };
    return html`<div part="toolbar" class="tools" role="search" aria-label=${this.t('boardFindAndSort')}>
      <div class="field field-search">
        <label class="label" for="board-search">${this.t('boardSearch')}</label>
        <input
          id="board-search"
          type="search"
          autocomplete="off"
          .value=${this.query}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
        />
      </div>
      ${snapshot.clusters.length
        ? html`<div class="field">
            <label class="label" for="board-filter-group">${this.t('boardFilterGroup')}</label>
            <select id="board-filter-group" @change=${(e: Event) => (this.filterCluster = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${this.filterCluster === ''}>${this.t('boardAllGroups')}</option>
              <option value=${UNGROUPED} ?selected=${this.filterCluster === UNGROUPED}>${this.t('boardUngrouped')}</option>
              ${snapshot.clusters.map((c) => html`<option value=${c.id} ?selected=${this.filterCluster === c.id} dir="auto">${c.title}</option>`)}
            </select>
          </div>`
        : nothing}
      ${tags.length
        ? html`<div class="field">
            <label class="label" for="board-filter-tag">${this.t('boardFilterTag')}</label>
            <select id="board-filter-tag" @change=${(e: Event) => (this.filterTag = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${this.filterTag === ''}>${this.t('boardAllTags')}</option>
              ${tags.map((tag) => html`<option value=${tag} ?selected=${this.filterTag.toLocaleLowerCase() === tag.toLocaleLowerCase()}>${tag}</option>`)}
            </select>
          </div>`
        : nothing}
      <div class="field">
        <label class="label" for="board-sort">${this.t('boardSort')}</label>
        <select id="board-sort" @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as SortOrder)}>
          ${sorts.map((s) => html`<option value=${s} ?selected=${this.sort === s}>${this.t(sortKey[s])}</option>`)}
        </select>
      </div>
      <p class="showing" role="status">${view.filtered ? this.t('boardShowing', { shown: view.shown, count: view.total }) : nothing}</p>
      ${view.filtered
        ? html`<button class="button" data-variant="secondary" type="button" @click=${() => {
            this.query = '';
            this.filterCluster = '';
            this.filterTag = '';
            void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#board-search')?.focus());
          }}>${this.t('boardClearFilters')}</button>`
        : nothing}
    </div>`;
  }

  /** Said once, near the groups, when only facilitators organise them (who may do what, in words). */
  private renderOrganiseNote(snapshot: BoardSnapshot) {
    if (!snapshot.exists || !snapshot.settings.facilitatorsOrganise || this.viewerRole === 'observer') return nothing;
    const facilitator = this.viewerRole === 'facilitator';
    return html`<p class="notice notice-quiet organise-note" role="note" tabindex="-1" data-organise-note>
      ${this.t(facilitator ? 'boardOrganiseNoteFacilitator' : 'boardOrganiseNote')}
    </p>`;
  }

  private renderGroupForm() {
    if (!this.organising) return nothing;
    return html`<form class="new-group" @submit=${this.onCreateGroup} novalidate>
      <div class="field ${this.groupError ? 'field-error' : ''}">
        <label class="label" for="new-group">${this.t('boardNewGroup')}</label>
        <p class="hint" id="new-group-hint">${this.t('boardNewGroupHint')}</p>
        ${this.groupError ? html`<p class="error" id="new-group-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.groupError}</p>` : nothing}
        <div class="inline">
          <input
            id="new-group"
            type="text"
            autocomplete="off"
            aria-describedby="new-group-hint ${this.groupError ? 'new-group-error' : ''}"
            aria-invalid=${this.groupError ? 'true' : 'false'}
            .value=${live(this.typed.group)}
            @input=${(e: Event) => (this.typed.group = (e.target as HTMLInputElement).value)}
          />
          <button class="button" data-variant="secondary" type="submit">${this.t('boardCreateGroup')}</button>
        </div>
      </div>
    </form>`;
  }

  private renderShortcuts() {
    const rows: [MessageKey, MessageKey][] = [
      ['boardKeyArrows', 'boardShortcutArrows'],
      ['boardKeyHomeEnd', 'boardShortcutHomeEnd'],
      ['boardKeyEdit', 'boardShortcutEdit'],
      ['boardKeyMove', this.organising || !this.writable ? 'boardShortcutMove' : 'boardShortcutMoveOwn'],
      ['boardKeyComments', 'boardShortcutComments'],
      ['boardKeyDelete', 'boardShortcutDelete'],
      ['boardKeyNew', 'boardShortcutNew'],
      ['boardKeyUndo', 'boardShortcutUndo'],
      ['boardKeyEscape', 'boardShortcutEscape'],
      ['boardKeySave', 'boardShortcutSave'],
    ];
    return html`<details class="shortcuts" @keydown=${this.onShortcutsKeyDown}>
      <summary>${this.t('boardShortcuts')}</summary>
      <p>${this.t('boardShortcutsIntro')}</p>
      <dl>
        ${rows.map(([key, what]) => html`<div class="shortcut"><dt><kbd>${this.t(key)}</kbd></dt><dd>${this.t(what)}</dd></div>`)}
      </dl>
    </details>`;
  }

  /** Escape closes the open "Keyboard shortcuts" and goes back to its summary, as it closes menus and forms. */
  private onShortcutsKeyDown(event: KeyboardEvent): void {
    const details = event.currentTarget as HTMLDetailsElement;
    if (event.key !== 'Escape' || !details.open) return;
    event.stopPropagation();
    event.preventDefault();
    details.open = false;
    details.querySelector('summary')?.focus();
  }

  private presenceByIdea(): Map<string, string> {
    const peers = this.presence.peers;
    if (peers === this.presenceCache.peers && this.presenceCache.lang === this.i18n.lang && this.presenceCache.anonymous === this.previous?.settings.anonymous) {
      return this.presenceCache.map;
    }
    const me = this.workshop.runtime?.session.user.id;
    const anonymous = this.previous?.settings.anonymous ?? false;
    const byIdea = new Map<string, Map<string, string>>();
    for (const peer of peers as readonly Peer[]) {
      const focus = peer.state.focus;
      if (!focus || focus.elementId !== this.board || !focus.itemId || !focus.editing || peer.state.user.id === me) continue;
      let users = byIdea.get(focus.itemId);
      if (!users) byIdea.set(focus.itemId, (users = new Map()));
      users.set(peer.state.user.id, anonymous ? this.t('anonymousAuthor') : peer.state.user.name);
    }
    const lang = this.i18n.lang;
    const map = new Map<string, string>();
    for (const [ideaId, users] of byIdea) {
      const names = anonymous ? [this.t('anonymousAuthor')] : [...users.values()];
      // Each name isolated on its own, so right-to-left names keep their place in the list.
      map.set(ideaId, this.t('boardEditingBy', { count: users.size, names: formatList(names.map(isolate), lang) }));
    }
    this.presenceCache = { peers, lang, anonymous, map };
    return map;
  }
  private presenceCache: { peers: readonly Peer[]; lang: string; anonymous: boolean | undefined; map: Map<string, string> } = {
    peers: [], lang: '', anonymous: undefined, map: new Map(),
  };

  /** Vote totals by idea, when `vote` names a poll this viewer may see the results of. */
  private votes(): { totals: ReadonlyMap<string, number>; unit: MessageKey } | null {
    const poll = this.poll.value;
    if (!poll?.poll || !poll.results || poll.results.method === 'scale') return null;
    if (!poll.revealed && this.viewerRole !== 'facilitator') return null;
    if (this.voteCache.poll === poll) return this.voteCache.value;
    const totals = new Map(poll.results.options.map((o) => [o.id, o.total]));
    const unit: MessageKey = poll.results.method === 'ranking' || poll.results.method === 'budget' ? 'boardPoints' : 'boardVotes';
    const value = { totals, unit };
    this.voteCache = { poll, value };
    return value;
  }
  private voteCache: { poll: PollSnapshot | undefined; value: { totals: ReadonlyMap<string, number>; unit: MessageKey } | null } = {
    poll: undefined, value: null,
  };

  private viewCache: { key: unknown[]; view: BoardView } | null = null;

  private view(snapshot: BoardSnapshot, ideas: readonly IdeaSnapshot[], votes: ReadonlyMap<string, number> | null): BoardView {
    const sort = this.sort === 'votes' && !votes ? 'oldest' : this.sort;
    const key = [ideas, snapshot.clusters, this.query, this.filterCluster, this.filterTag, sort, votes];
    const cached = this.viewCache;
    if (cached && cached.key.every((v, i) => v === key[i])) return cached.view;
    // A group or tag that has just gone (deleted by someone) no longer filters anything.
    const cluster = this.filterCluster === UNGROUPED || snapshot.clusters.some((c) => c.id === this.filterCluster) ? this.filterCluster : '';
    const tagKey = this.filterTag.toLocaleLowerCase();
    const tag = tagKey && ideas.some((i) => i.tag.toLocaleLowerCase() === tagKey) ? this.filterTag : '';
    const view = buildView(ideas, snapshot.clusters, { query: this.query, cluster, tag, sort, votes });
    // A section whose notes are all the same as before stays the same object, so it does not render
    // again (renderBoard guards each section): one remote edit re-renders one section, not all.
    const before = new Map(cached?.view.sections.map((s) => [s.key, s]));
    const sections = view.sections.map((s) => {
      const old = before.get(s.key);
      return old && old.cluster === s.cluster && old.total === s.total && old.ideas.length === s.ideas.length &&
        old.ideas.every((idea, i) => idea === s.ideas[i]) ? old : s;
    });
    const reused = { ...view, sections };
    this.viewCache = { key, view: reused };
    return reused;
  }

  /**
   * One section, with the first `count` of its notes (the rest follow in the next batches: see
   * BATCH). It renders again only when something it shows changed: typing in the "Add idea" box or
   * an edit in another group leaves its notes alone.
   */
  private renderSection(section: Section, count: number, view: BoardView, ctx: RenderContext) {
    return guard(
      [section, count, view.filtered, ctx.lang, wording, ctx.writable, ctx.facilitator, ctx.organise, ctx.clusters, ctx.draftIds, this.people.value, ctx.presence,
        ctx.votes, this.commentsOpen, this.renaming, this.renameError, this.confirmingCluster, this.localCollapsed, this.dropTarget, this.headingLevel],
      () => this.renderSectionNow(section, count === section.ideas.length ? section.ideas : section.ideas.slice(0, count), view, ctx),
    );
  }

  private renderSectionNow(section: Section, ideas: readonly IdeaSnapshot[], view: BoardView, ctx: RenderContext) {
    const cluster = section.cluster;
    const key = section.key;
    const titleId = `group-title-${cluster ? cluster.id : 'none'}`;
    const listId = `group-list-${cluster ? cluster.id : 'none'}`;
    const collapsed = cluster ? this.isCollapsed(cluster) : false;
    const headed = ctx.clusters > 0;
    const activeId = ideas.some((i) => i.id === this.active.get(key)) ? this.active.get(key) : ideas[0]?.id;
    const dropping = this.dropTarget === key;
    const title = cluster ? cluster.title : this.t('boardUngrouped');
    // Groups are labelled groups (a heading and a list), not landmarks: a board of twenty groups
    // should not add twenty regions to the page's landmarks.
    return html`<div
      part="group"
      class="group ${cluster ? '' : 'group-none'} ${dropping ? 'is-drop-target' : ''} ${headed ? '' : 'group-only'}"
      data-section=${key}
      role=${headed ? 'group' : nothing}
      aria-labelledby=${headed ? titleId : nothing}
      @dragover=${(e: DragEvent) => this.onDragOver(e, key)}
      @dragleave=${(e: DragEvent) => this.onDragLeave(e, key)}
      @drop=${(e: DragEvent) => this.onDrop(e, key)}
    >
      ${headed ? this.renderGroupHeader(section, titleId, listId, collapsed) : nothing}
      ${cluster && this.confirmingCluster === cluster.id && ctx.organise ? this.renderGroupConfirm(cluster) : nothing}
      ${dropping ? html`<p class="drop-hint" aria-hidden="true">${this.t('boardDropHere', { group: title })}</p>` : nothing}
      ${collapsed
        ? html`<p class="collapsed-note">${this.t('boardGroupCollapsedNote', { count: section.ideas.length })}</p>`
        : section.ideas.length === 0
          ? html`<p class="empty">${view.filtered && section.total > 0
              ? this.t('boardGroupNoMatches')
              : cluster
                ? this.writable ? this.t(ctx.organise ? 'boardGroupEmpty' : 'boardGroupEmptyOwn') : this.t('boardGroupEmptyReadOnly')
                : this.t('boardUngroupedEmpty')}</p>`
          : html`<ul part="list" class="ideas" role="list" id=${listId} aria-labelledby=${headed ? titleId : 'board-title'}>
              ${repeat(ideas, (idea) => idea.id, (idea) => this.renderCard(idea, idea.id === activeId, ctx))}
            </ul>`}
    </div>`;
  }

  private renderCard(idea: IdeaSnapshot, active: boolean, ctx: RenderContext) {
    const draft = ctx.draftIds.has(idea.id);
    const canEdit = ctx.writable && (idea.mine || ctx.facilitator);
    let votes = '';
    if (ctx.votes && !draft) {
      const count = ctx.votes.totals.get(idea.id) ?? 0;
      votes = ctx.voteText.get(count) ?? '';
      if (!votes) {
        votes = this.t(ctx.votes.unit, { count });
        ctx.voteText.set(count, votes);
      }
    }
    return html`<li class="item">
      <co-idea-card
        exportparts="card, text"
        .idea=${idea}
        .handlers=${this.handlers}
        .active=${active}
        .draft=${draft}
        .author=${idea.mine ? ctx.you : idea.authorId ? (ctx.names.get(idea.authorId) ?? ctx.someone) : ''}
        .presence=${ctx.presence.get(idea.id) ?? ''}
        .votes=${votes}
        .canEdit=${canEdit}
        .canMove=${ctx.canMove && (ctx.organise || idea.mine || draft)}
        .canReact=${ctx.writable && !draft && idea.status === 'published'}
        .canComment=${ctx.writable && !draft}
        .canApprove=${ctx.facilitator}
        .commentsOpen=${this.commentsOpen.has(idea.id)}
        .language=${ctx.lang}
      ></co-idea-card>
    </li>`;
  }

  private renderGroupHeader(section: Section, titleId: string, listId: string, collapsed: boolean) {
    const cluster = section.cluster;
    const count = html`<span class="group-count">${this.t('boardGroupCount', { count: section.total })}</span>`;
    // The list is there only when the group is open and has ideas in view (renderSection): an
    // aria-controls naming an id that is not on the page is invalid.
    const listShown = !collapsed && section.ideas.length > 0;
    if (!cluster) {
      return html`<div class="group-header">
        <div class="group-title" role="heading" aria-level=${this.level(1)} id=${titleId}>${this.t('boardUngrouped')}</div>
        ${count}
      </div>`;
    }
    if (this.renaming === cluster.id && this.organising) {
      return html`<form class="group-header rename" @submit=${(e: SubmitEvent) => this.onRenameGroup(e, cluster)} @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          this.renaming = null;
          this.renameError = null;
          this.focusGroupControl(cluster.id, 'options');
        }
      }} novalidate>
        <div class="group-title" role="heading" aria-level=${this.level(1)} id=${titleId} dir="auto">${cluster.title}</div>
        <div class="field">
          <label class="label" for="rename-${cluster.id}">${this.t('boardGroupRenameLabel', { title: cluster.title })}</label>
          ${this.renameError ? html`<p class="error" id="rename-error-${cluster.id}"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.renameError}</p>` : nothing}
          <div class="inline">
            <input
              id="rename-${cluster.id}"
              type="text"
              .value=${cluster.title}
              autocomplete="off"
              aria-invalid=${this.renameError ? 'true' : 'false'}
              aria-describedby=${this.renameError ? `rename-error-${cluster.id}` : nothing}
            />
            <button class="button" type="submit">${this.t('saveIdea')}</button>
            <button class="button" data-variant="secondary" type="button" @click=${() => {
              this.renaming = null;
              this.renameError = null;
              this.focusGroupControl(cluster.id, 'options');
            }}>${this.t('cancel')}</button>
          </div>
        </div>
      </form>`;
    }
    return html`<div class="group-header">
      <div class="group-title" role="heading" aria-level=${this.level(1)} id=${titleId} dir="auto">${cluster.title}</div>
      ${count}
      <div class="group-actions">
        <button
          class="button"
          data-variant="secondary"
          data-group-action="toggle"
          type="button"
          aria-expanded=${collapsed ? 'false' : 'true'}
          aria-controls=${listShown ? listId : nothing}
          @click=${() => this.toggleGroup(cluster)}
        >${collapsed ? this.t('boardGroupShow') : this.t('boardGroupHide')}<span class="visually-hidden">: ${cluster.title}</span></button>
        ${this.organising
          ? html`<button
              class="button"
              data-variant="secondary"
              data-group-action="options"
              type="button"
              aria-haspopup="menu"
              aria-expanded="false"
              @click=${(e: Event) => this.openGroupMenu(cluster, e.currentTarget as HTMLElement, 'first')}
              @keydown=${(e: KeyboardEvent) => {
                const intent = menuKeyIntent(e);
                if (intent) {
                  e.preventDefault();
                  this.openGroupMenu(cluster, e.currentTarget as HTMLElement, intent);
                }
              }}
            >${this.t('boardGroupOptions')}<span class="visually-hidden">: ${cluster.title}</span></button>`
          : nothing}
      </div>
    </div>`;
  }

  /** Keeps the group: closes its delete confirmation and goes back to the "Group options" button that opened it. */
  private cancelGroupDelete(cluster: ClusterSnapshot): void {
    this.confirmingCluster = null;
    this.renameError = null;
    this.focusGroupControl(cluster.id, 'options');
  }

  private renderGroupConfirm(cluster: ClusterSnapshot) {
    return html`<div class="confirm" role="group" aria-labelledby="confirm-group-${cluster.id}" @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        e.preventDefault();
        this.cancelGroupDelete(cluster);
      }
    }}>
      <p id="confirm-group-${cluster.id}">${this.t('boardGroupDeleteConfirm', { title: cluster.title })}</p>
      ${this.renameError ? html`<p class="error">${this.renameError}</p>` : nothing}
      <div class="inline">
        <button class="button" data-variant="danger" type="button" data-group-action="confirm-delete" @click=${() => this.deleteGroup(cluster)}>
          ${this.t('boardGroupDeleteYes')}
        </button>
        <button class="button" data-variant="secondary" type="button" data-group-action="keep" @click=${() => this.cancelGroupDelete(cluster)}>${this.t('boardKeepIt')}</button>
      </div>
    </div>`;
  }

  protected override render() {
    return html`${this.renderBoard()}${this.workshop.standalone
      ? html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer></div>`
      : nothing}`;
  }

  private renderBoard() {
    const runtime = this.workshop.runtime;
    const snapshot = this.boardState.value;
    this.more = false;
    if (!runtime || !snapshot) {
      this.shownCounts = new Map();
      return html`<section part="base" class="board">${this.renderStatus()}</section>`;
    }
    const title = snapshot.exists ? snapshot.title : this.boardTitle;
    const ideas = snapshot.exists ? this.allIdeas(snapshot) : NO_IDEAS;
    const votes = this.votes();
    const view = this.view(snapshot, ideas, votes?.totals ?? null);
    const facilitator = this.viewerRole === 'facilitator';
    const writable = this.writable;
    const names = new Map<string, string>();
    for (const [id, person] of this.people.value ?? []) names.set(id, person.name);
    const ctx: RenderContext = {
      lang: this.i18n.lang,
      writable,
      facilitator,
      canMove: writable && snapshot.clusters.length > 0,
      organise: this.organising,
      clusters: snapshot.clusters.length,
      draftIds: this.draftIds,
      names,
      you: this.t('you'),
      someone: this.t('anonymousAuthor'),
      presence: this.presenceByIdea(),
      votes,
      voteText: new Map(),
    };
    // How many notes of each section to show in this update: those shown last time (never taken
    // away, so focus stays), the one with focus, and a batch of new ones (see BATCH).
    let shown = 0;
    for (const count of this.shownCounts.values()) shown += count;
    let budget = Math.max(BATCH, shown >> 1);
    const counts = new Map<string, number>();
    const focused = this.focusedBefore?.ideaId;
    for (const s of view.sections) {
      if (s.cluster && this.isCollapsed(s.cluster)) continue;
      const total = s.ideas.length;
      let count = Math.min(total, this.shownCounts.get(s.key) ?? 0);
      const extra = Math.min(total - count, budget);
      count += extra;
      budget -= extra;
      if (count < total && focused) count = Math.max(count, s.ideas.findIndex((i) => i.id === focused) + 1);
      counts.set(s.key, count);
      if (count < total) this.more = true;
    }
    this.shownCounts = counts;
    return html`<section part="base" class="board" aria-labelledby="board-title" @focusout=${this.onFocusOut}>
      <header class="header">
        ${this.renderHeading(title)}
        <p class="summary">${this.t('ideaCount', { count: ideas.length })}</p>
        ${this.renderStatus()}
      </header>
      ${snapshot.exists || facilitator
        ? html`${this.renderNotices(snapshot)}${this.renderForm(snapshot)}`
        : html`<p class="notice" role="note">${runtime.ready ? this.t('boardNotSetUp') : waitingMessage(runtime, this.t.bind(this))}</p>`}
      ${this.renderTools(snapshot, ideas, view, votes !== null)}
      <div class="group-tools">${this.renderOrganiseNote(snapshot)}${this.renderGroupForm()}${this.renderShortcuts()}</div>
      ${ideas.length === 0 && snapshot.clusters.length === 0
        ? html`<p class="empty">${this.t('noIdeasYet')}</p>`
        : view.filtered && view.shown === 0
          ? html`<p class="empty">${this.t('boardNoMatches')}</p>`
          : html`<div
              class="sections"
              @keydown=${this.onSectionsKeyDown}
              @focusin=${this.onSectionsFocusIn}
              @dragstart=${this.onDragStart}
              @dragend=${this.onDragEnd}
            >${repeat(view.sections, (s) => s.key, (s) => this.renderSection(s, counts.get(s.key) ?? 0, view, ctx))}</div>`}
      <co-menu></co-menu>
    </section>`;
  }
}

interface RenderContext {
  lang: string;
  writable: boolean;
  facilitator: boolean;
  canMove: boolean;
  /** May organise the groups (see `organising`): otherwise only one's own ideas move. */
  organise: boolean;
  clusters: number;
  draftIds: ReadonlySet<string>;
  names: ReadonlyMap<string, string>;
  you: string;
  someone: string;
  presence: ReadonlyMap<string, string>;
  votes: { totals: ReadonlyMap<string, number>; unit: MessageKey } | null;
  voteText: Map<number, string>;
}

declare global {
  interface HTMLElementTagNameMap {
    'co-idea-board': CoIdeaBoard;
  }
  interface HTMLElementEventMap {
    'co-idea-add': CustomEvent<IdeaEventDetail>;
    'co-idea-edit': CustomEvent<IdeaEventDetail>;
    'co-idea-delete': CustomEvent<IdeaEventDetail>;
    'co-idea-move': CustomEvent<IdeaMoveEventDetail>;
    'co-idea-approve': CustomEvent<IdeaEventDetail>;
    'co-cluster-create': CustomEvent<ClusterEventDetail>;
    'co-cluster-rename': CustomEvent<ClusterEventDetail>;
    'co-cluster-delete': CustomEvent<ClusterEventDetail>;
    'co-comment-add': CustomEvent<CommentEventDetail>;
    'co-comment-delete': CustomEvent<CommentEventDetail>;
    'co-reaction-toggle': CustomEvent<ReactionEventDetail>;
    'co-board-reveal': CustomEvent<BoardEventDetail>;
  }
}
