/**
 * Board snapshots, one-off ({@link readBoard}) and incremental ({@link BoardObserver} /
 * {@link observeBoard}).
 *
 * A snapshot is a frozen plain object describing what one viewer should see of one board. The
 * incremental observer keeps the *same object* for every idea that did not change, so a Lit
 * `repeat(ideas, (i) => i.id, …)` with `guard`/identity checks re-renders only the cards that did
 * — at 1,000–5,000 ideas that is the difference between a smooth board and a janky one on an old
 * phone. It rebuilds only ideas whose `Y.Map` (or comments, reactions, group) changed, found from
 * `transaction.changed`, and it does one pass per transaction, never per key.
 */
import * as Y from 'yjs';
import { isId } from '../ids.js';
import {
  REACTIONS, isReactionEmoji, roots, type Board, type ClusterRecord, type ColourName, type IdeaRecord,
  type IdeaStatus, type Lock, type ReactionEmoji, type Roots, type WorkshopSettings,
} from '../layout.js';
import type { Viewer, WorkshopSession } from '../session.js';
import {
  compareCreated, compareOrder, getRecord, parseBoard, parseLock, readClusterRecord, readCommentRecord,
  readIdeaRecord, readSettings,
} from '../values.js';
import { reportListenerError, writersOf } from './listener.js';

/** One reaction emoji on an idea. */
export interface ReactionSummary {
  readonly emoji: ReactionEmoji;
  /** Spoken label, e.g. "Thumbs up". */
  readonly label: string;
  readonly count: number;
  /** Whether the viewer is one of them. */
  readonly mine: boolean;
}

/** What a viewer sees of one idea. */
export interface IdeaSnapshot {
  readonly id: string;
  readonly boardId: string;
  readonly text: string;
  readonly colour: ColourName;
  readonly tag: string;
  /** The idea's group, or `null` when not grouped (also when its group was deleted). */
  readonly clusterId: string | null;
  readonly status: IdeaStatus;
  /** The author, or `null` when the workshop is anonymous and it is not the viewer's own idea. */
  readonly authorId: string | null;
  /** Written by the viewer. */
  readonly mine: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly commentCount: number;
  /** Non-zero reactions, in the allow-list's order. */
  readonly reactions: readonly ReactionSummary[];
}

/** A group on a board, with its visible ideas in board order. */
export interface ClusterSnapshot {
  readonly id: string;
  readonly boardId: string;
  readonly title: string;
  readonly collapsed: boolean;
  readonly order: string;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly ideaIds: readonly string[];
}

/** What a viewer sees of one board. */
export interface BoardSnapshot {
  readonly id: string;
  /** `false` when there is no board with this id (yet): show a placeholder. */
  readonly exists: boolean;
  readonly title: string;
  readonly order: string;
  readonly createdAt: number;
  readonly lock: Lock | null;
  /** Whether a facilitator revealed this board (ends private writing for it). */
  readonly revealed: boolean;
  readonly settings: WorkshopSettings;
  /** Visible ideas, oldest first (ties by id). */
  readonly ideas: readonly IdeaSnapshot[];
  readonly ideaById: ReadonlyMap<string, IdeaSnapshot>;
  /** Groups in board order. */
  readonly clusters: readonly ClusterSnapshot[];
  /** Visible ideas in no (existing) group, oldest first. */
  readonly ungroupedIdeaIds: readonly string[];
  /** Ideas the viewer can't see yet: other people's private writing before the reveal, or others' ideas waiting for approval. */
  readonly hiddenIdeaCount: number;
  /** Visible ideas waiting for approval (for facilitators: the moderation queue). */
  readonly pendingIdeaCount: number;
}

/** What changed between two snapshots, for announcements and events. */
export interface BoardChange {
  /** The first snapshot, delivered on subscription. */
  readonly initial: boolean;
  /**
   * Made by the observing session (an operation, undo or redo) — elements dispatch DOM events for
   * these. Otherwise it came from someone else (or from loading), and elements announce it.
   */
  readonly local: boolean;
  /** The transaction origin (the session origin, the provider, `'coproduce:migration'`…). */
  readonly origin: unknown;
  /**
   * Yjs client ids that wrote in this transaction (see `usersOfClients` to turn them into people):
   * "Sam added 2 ideas". Empty for the initial snapshot and for deletions.
   */
  readonly writers: readonly number[];
  /** Ideas that became visible (new, approved, revealed…). */
  readonly added: readonly IdeaSnapshot[];
  /** Visible ideas that changed (text, colour, group, comments, reactions…). */
  readonly updated: readonly IdeaSnapshot[];
  /** Ideas that are no longer visible, as they were last seen. */
  readonly removed: readonly IdeaSnapshot[];
  readonly clustersChanged: boolean;
  /** Title, lock, reveal or settings changed. */
  readonly boardChanged: boolean;
}

const EMPTY: readonly never[] = /*#__PURE__*/ Object.freeze([]);

function sameReactions(a: readonly ReactionSummary[], b: readonly ReactionSummary[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as ReactionSummary;
    const y = b[i] as ReactionSummary;
    if (x.emoji !== y.emoji || x.count !== y.count || x.mine !== y.mine) return false;
  }
  return true;
}

function sameIdea(a: IdeaSnapshot, b: IdeaSnapshot): boolean {
  return a.text === b.text && a.colour === b.colour && a.tag === b.tag && a.clusterId === b.clusterId &&
    a.status === b.status && a.authorId === b.authorId && a.mine === b.mine && a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt && a.commentCount === b.commentCount && a.boardId === b.boardId &&
    sameReactions(a.reactions, b.reactions);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameCluster(a: ClusterSnapshot, b: ClusterSnapshot): boolean {
  return a.title === b.title && a.collapsed === b.collapsed && a.order === b.order && a.createdBy === b.createdBy &&
    a.createdAt === b.createdAt && a.boardId === b.boardId && sameIds(a.ideaIds, b.ideaIds);
}

function parseReactionKey(key: string): { ideaId: string; userId: string; emoji: ReactionEmoji } | null {
  const parts = key.split('|');
  if (parts.length !== 3) return null;
  const [ideaId, userId, emoji] = parts as [string, string, string];
  if (!isId(ideaId) || !isId(userId) || !isReactionEmoji(emoji)) return null;
  return { ideaId, userId, emoji };
}

type ViewerSource = () => Viewer | undefined;

/**
 * The incremental model behind both {@link readBoard} and {@link BoardObserver}. Not exported: the
 * public surface is the snapshot.
 */
class BoardModel {
  readonly #r: Roots;
  readonly #boardId: string;
  readonly #viewerSource: ViewerSource;
  #viewer: Viewer | undefined;
  #board: Board | null = null;
  #settings: WorkshopSettings;
  #revealed = false;
  #lock: Lock | null = null;
  /** Records of this board's ideas, any status. */
  readonly #records = new Map<string, IdeaRecord>();
  /** Snapshots of visible ideas. */
  readonly #snaps = new Map<string, IdeaSnapshot>();
  readonly #commentIdea = new Map<string, string>();
  readonly #commentCount = new Map<string, number>();
  readonly #reactionKeys = new Map<string, Set<string>>();
  readonly #clusters = new Map<string, ClusterRecord>();
  #clusterSnaps = new Map<string, ClusterSnapshot>();
  #sortedIds: string[] = [];
  snapshot!: BoardSnapshot;

  constructor(doc: Y.Doc, boardId: string, viewerSource: ViewerSource) {
    this.#r = roots(doc);
    this.#boardId = boardId;
    this.#viewerSource = viewerSource;
    this.#viewer = viewerSource();
    this.#settings = readSettings(this.#r.settings);
    this.#readBoardMeta();
    this.#indexAllComments();
    for (const key of this.#r.reactions.keys()) this.#indexReaction(key);
    this.#readClusters();
    for (const [id] of this.#r.ideas) this.#readRecord(id);
    for (const id of this.#records.keys()) this.#rebuild(id);
    this.#sort();
    this.snapshot = this.#assemble(null);
  }

  #readBoardMeta(): void {
    this.#board = parseBoard(this.#r.boards.get(this.#boardId));
    this.#lock = parseLock(this.#r.locks.get(this.#boardId));
    this.#revealed = this.#r.reveals.has(this.#boardId);
  }

  #indexAllComments(): void {
    for (const [id] of this.#r.comments) this.#indexComment(id);
  }

  /** Updates the comment index for one comment id; returns the idea ids whose count changed. */
  #indexComment(commentId: string): string[] {
    const map = getRecord(this.#r.comments, commentId);
    const next = map === undefined ? undefined : readCommentRecord(map)?.ideaId;
    const previous = this.#commentIdea.get(commentId);
    if (previous === next) return [];
    const touched: string[] = [];
    if (previous !== undefined) {
      this.#commentCount.set(previous, (this.#commentCount.get(previous) ?? 1) - 1);
      this.#commentIdea.delete(commentId);
      touched.push(previous);
    }
    if (next !== undefined) {
      this.#commentCount.set(next, (this.#commentCount.get(next) ?? 0) + 1);
      this.#commentIdea.set(commentId, next);
      touched.push(next);
    }
    return touched;
  }

  /** Updates the reaction index for one key; returns the idea id it belongs to. */
  #indexReaction(key: string): string | null {
    const parsed = parseReactionKey(key);
    if (parsed === null) return null;
    let keys = this.#reactionKeys.get(parsed.ideaId);
    if (this.#r.reactions.has(key)) {
      if (keys === undefined) this.#reactionKeys.set(parsed.ideaId, (keys = new Set()));
      keys.add(key);
    } else if (keys !== undefined) {
      keys.delete(key);
      if (keys.size === 0) this.#reactionKeys.delete(parsed.ideaId);
    }
    return parsed.ideaId;
  }

  /** Re-reads this board's clusters; returns the ids whose existence on this board changed. */
  #readClusters(): Set<string> {
    const before = new Set(this.#clusters.keys());
    this.#clusters.clear();
    for (const [id] of this.#r.clusters) {
      const map = getRecord(this.#r.clusters, id);
      const cluster = map === undefined ? null : readClusterRecord(map);
      if (cluster !== null && cluster.boardId === this.#boardId) this.#clusters.set(id, cluster);
    }
    const changed = new Set<string>();
    for (const id of before) if (!this.#clusters.has(id)) changed.add(id);
    for (const id of this.#clusters.keys()) if (!before.has(id)) changed.add(id);
    return changed;
  }

  /** Whether a change to cluster `id` can concern this board (it was, or now is, one of its groups). */
  #clusterTouched(id: string): boolean {
    if (this.#clusters.has(id)) return true;
    const map = getRecord(this.#r.clusters, id);
    return map !== undefined && readClusterRecord(map)?.boardId === this.#boardId;
  }

  #readRecord(id: string): void {
    const map = getRecord(this.#r.ideas, id);
    const record = map === undefined ? null : readIdeaRecord(map);
    if (record !== null && record.boardId === this.#boardId) this.#records.set(id, record);
    else this.#records.delete(id);
  }

  #isVisible(record: IdeaRecord): boolean {
    const viewer = this.#viewer;
    if (viewer === undefined || viewer.role === 'facilitator' || record.authorId === viewer.id) return true;
    if (record.status === 'pending') return false;
    return !(this.#settings.privateWriting && !this.#revealed);
  }

  /** Rebuilds one idea's snapshot, keeping the old object when nothing visible changed. */
  #rebuild(id: string): void {
    const record = this.#records.get(id);
    if (record === undefined || !this.#isVisible(record)) {
      this.#snaps.delete(id);
      return;
    }
    const viewerId = this.#viewer?.id;
    const counts = new Map<ReactionEmoji, { count: number; mine: boolean }>();
    for (const key of this.#reactionKeys.get(id) ?? EMPTY) {
      const parsed = parseReactionKey(key) as NonNullable<ReturnType<typeof parseReactionKey>>;
      const entry = counts.get(parsed.emoji) ?? { count: 0, mine: false };
      entry.count++;
      if (parsed.userId === viewerId) entry.mine = true;
      counts.set(parsed.emoji, entry);
    }
    const reactions: ReactionSummary[] = [];
    for (const r of REACTIONS) {
      const entry = counts.get(r.emoji);
      if (entry !== undefined) reactions.push(Object.freeze({ emoji: r.emoji, label: r.label, count: entry.count, mine: entry.mine }));
    }
    const mine = viewerId !== undefined && record.authorId === viewerId;
    const hideAuthor = this.#viewer !== undefined && this.#settings.anonymous && !mine;
    const next: IdeaSnapshot = Object.freeze({
      id,
      boardId: record.boardId,
      text: record.text,
      colour: record.colour,
      tag: record.tag,
      clusterId: record.clusterId !== null && this.#clusters.has(record.clusterId) ? record.clusterId : null,
      status: record.status,
      authorId: hideAuthor ? null : record.authorId,
      mine,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      commentCount: Math.max(0, this.#commentCount.get(id) ?? 0),
      reactions: reactions.length === 0 ? EMPTY : Object.freeze(reactions),
    });
    const previous = this.#snaps.get(id);
    if (previous === undefined || !sameIdea(previous, next)) this.#snaps.set(id, next);
  }

  #sort(): void {
    this.#sortedIds = [...this.#snaps.keys()].sort((a, b) => {
      const x = this.#snaps.get(a) as IdeaSnapshot;
      const y = this.#snaps.get(b) as IdeaSnapshot;
      return compareCreated(x.createdAt, a, y.createdAt, b);
    });
  }

  /** Applies one transaction. Returns the change, or `null` when this board's snapshot is unchanged. */
  apply(tr: Y.Transaction, local: boolean): BoardChange | null {
    const r = this.#r;
    const dirty = new Set<string>();
    let clustersDirty = false;
    let metaDirty = false;
    let allDirty = false;
    for (const [changedType, keys] of tr.changed) {
      const type: unknown = changedType;
      if (type === r.ideas) {
        for (const key of keys) if (key !== null) dirty.add(key);
      } else if (type === r.clusters) {
        for (const key of keys) if (key !== null && this.#clusterTouched(key)) clustersDirty = true;
      } else if (type === r.comments) {
        for (const key of keys) if (key !== null) for (const id of this.#indexComment(key)) dirty.add(id);
      } else if (type === r.reactions) {
        for (const key of keys) {
          if (key === null) continue;
          const ideaId = this.#indexReaction(key);
          if (ideaId !== null) dirty.add(ideaId);
        }
      } else if (type === r.boards || type === r.locks) {
        if (keys.has(this.#boardId)) metaDirty = true;
      } else if (type === r.reveals) {
        if (keys.has(this.#boardId)) {
          metaDirty = true;
          allDirty = true;
        }
      } else if (type === r.settings) {
        metaDirty = true;
        allDirty = true;
      } else if (type === r.roles) {
        const viewer = this.#viewerSource();
        if (viewer?.role !== this.#viewer?.role || viewer?.id !== this.#viewer?.id) allDirty = true;
      } else if (type instanceof Y.Map) {
        const item = type._item;
        if (item === null || item.parentSub === null) continue;
        if (item.parent === r.ideas) dirty.add(item.parentSub);
        else if (item.parent === r.clusters && this.#clusterTouched(item.parentSub)) clustersDirty = true;
        else if (item.parent === r.comments && keys.has('ideaId')) {
          for (const id of this.#indexComment(item.parentSub)) dirty.add(id);
        }
      }
    }
    if (metaDirty) {
      this.#settings = readSettings(r.settings);
      this.#readBoardMeta();
    }
    if (allDirty) this.#viewer = this.#viewerSource();
    if (clustersDirty) {
      const changed = this.#readClusters();
      if (changed.size > 0) {
        for (const [id, record] of this.#records) if (record.clusterId !== null && changed.has(record.clusterId)) dirty.add(id);
      }
    }
    let touched = false;
    for (const id of dirty) {
      const wasHere = this.#records.has(id);
      this.#readRecord(id);
      if (wasHere || this.#records.has(id)) touched = true;
    }
    if (!touched && !clustersDirty && !metaDirty && !allDirty) return null;
    const candidates = allDirty ? new Set([...this.#records.keys(), ...this.#snaps.keys()]) : dirty;
    const added: IdeaSnapshot[] = [];
    const updated: IdeaSnapshot[] = [];
    const removed: IdeaSnapshot[] = [];
    let resort = false;
    for (const id of candidates) {
      const before = this.#snaps.get(id);
      this.#rebuild(id);
      const after = this.#snaps.get(id);
      if (before === after) continue;
      if (before === undefined) {
        added.push(after as IdeaSnapshot);
        resort = true;
      } else if (after === undefined) {
        removed.push(before);
        resort = true;
      } else {
        updated.push(after);
        if (after.createdAt !== before.createdAt) resort = true;
      }
    }
    if (resort) this.#sort();
    const previous = this.snapshot;
    const next = this.#assemble(previous);
    const clustersChanged = next.clusters !== previous.clusters;
    const boardChanged = next.exists !== previous.exists || next.title !== previous.title || next.order !== previous.order ||
      next.lock !== previous.lock || next.revealed !== previous.revealed || next.settings !== previous.settings;
    if (!clustersChanged && !boardChanged && added.length === 0 && updated.length === 0 && removed.length === 0 &&
      next.hiddenIdeaCount === previous.hiddenIdeaCount) {
      return null;
    }
    this.snapshot = next;
    return Object.freeze({
      initial: false,
      local,
      origin: tr.origin,
      writers: writersOf(tr),
      added: Object.freeze(added),
      updated: Object.freeze(updated),
      removed: Object.freeze(removed),
      clustersChanged,
      boardChanged,
    });
  }

  #assemble(previous: BoardSnapshot | null): BoardSnapshot {
    const ideas = this.#sortedIds.map((id) => this.#snaps.get(id) as IdeaSnapshot);
    const byCluster = new Map<string, string[]>();
    const ungrouped: string[] = [];
    let pending = 0;
    for (const idea of ideas) {
      if (idea.status === 'pending') pending++;
      if (idea.clusterId === null) {
        ungrouped.push(idea.id);
      } else {
        let list = byCluster.get(idea.clusterId);
        if (list === undefined) byCluster.set(idea.clusterId, (list = []));
        list.push(idea.id);
      }
    }
    const sortedClusters = [...this.#clusters.entries()].sort(([a, x], [b, y]) => compareOrder(x.order, a, y.order, b));
    const clusterSnaps = new Map<string, ClusterSnapshot>();
    let clustersSame = previous !== null && previous.clusters.length === sortedClusters.length;
    const clusters = sortedClusters.map(([id, cluster], i) => {
      const next: ClusterSnapshot = Object.freeze({
        id,
        boardId: cluster.boardId,
        title: cluster.title,
        collapsed: cluster.collapsed,
        order: cluster.order,
        createdBy: cluster.createdBy === '' ? null : cluster.createdBy,
        createdAt: cluster.createdAt,
        ideaIds: Object.freeze(byCluster.get(id) ?? []),
      });
      const old = this.#clusterSnaps.get(id);
      const kept = old !== undefined && sameCluster(old, next) ? old : next;
      if (previous?.clusters[i] !== kept) clustersSame = false;
      clusterSnaps.set(id, kept);
      return kept;
    });
    this.#clusterSnaps = clusterSnaps;
    const ideasSame = previous !== null && previous.ideas.length === ideas.length && ideas.every((idea, i) => previous.ideas[i] === idea);
    const board = this.#board;
    const lock = previous !== null && sameLock(previous.lock, this.#lock) ? previous.lock : this.#lock;
    const settings = previous !== null && sameSettings(previous.settings, this.#settings) ? previous.settings : this.#settings;
    return Object.freeze({
      id: this.#boardId,
      exists: board !== null,
      title: board?.title ?? '',
      order: board?.order ?? '',
      createdAt: board?.createdAt ?? 0,
      lock,
      revealed: this.#revealed,
      settings,
      ideas: ideasSame && previous !== null ? previous.ideas : Object.freeze(ideas),
      ideaById: ideasSame && previous !== null ? previous.ideaById : new Map(ideas.map((idea) => [idea.id, idea])),
      clusters: clustersSame && previous !== null ? previous.clusters : Object.freeze(clusters),
      ungroupedIdeaIds: previous !== null && sameIds(previous.ungroupedIdeaIds, ungrouped) ? previous.ungroupedIdeaIds : Object.freeze(ungrouped),
      hiddenIdeaCount: this.#records.size - ideas.length,
      pendingIdeaCount: pending,
    });
  }
}

function sameLock(a: Lock | null, b: Lock | null): boolean {
  return a === b || (a !== null && b !== null && a.reason === b.reason && a.at === b.at);
}

function sameSettings(a: WorkshopSettings, b: WorkshopSettings): boolean {
  return a.privateWriting === b.privateWriting && a.moderation === b.moderation && a.anonymous === b.anonymous &&
    a.facilitatorsOrganise === b.facilitatorsOrganise;
}

export interface BoardReadOptions {
  /** Who is looking. Without a viewer everything is shown (scripts, exports, the server). */
  readonly viewer?: Viewer;
}

/** A one-off snapshot of a board for a viewer. For live views use {@link observeBoard}. */
export function readBoard(doc: Y.Doc, boardId: string, options: BoardReadOptions = {}): BoardSnapshot {
  const viewer = options.viewer;
  return new BoardModel(doc, boardId, () => viewer).snapshot;
}

export interface ObserveBoardOptions {
  /**
   * The session of the person looking: its viewer (kept up to date when their role changes) and its
   * origin decide `change.local`.
   */
  readonly session?: WorkshopSession;
  /** A fixed viewer (instead of a session's). */
  readonly viewer?: Viewer;
  /** Call the listener at once with the current snapshot (default `true`). */
  readonly immediate?: boolean;
}

export type BoardListener = (snapshot: BoardSnapshot, change: BoardChange) => void;

/**
 * Keeps a board snapshot up to date, incrementally. Listeners are called once per transaction that
 * changed what the viewer sees, after Yjs has finished the transaction.
 */
export class BoardObserver {
  readonly doc: Y.Doc;
  readonly boardId: string;
  readonly #model: BoardModel;
  readonly #session: WorkshopSession | undefined;
  readonly #listeners = new Set<BoardListener>();
  readonly #handler: (tr: Y.Transaction) => void;
  #destroyed = false;

  constructor(doc: Y.Doc, boardId: string, options: Omit<ObserveBoardOptions, 'immediate'> = {}) {
    this.doc = doc;
    this.boardId = boardId;
    this.#session = options.session;
    const fixed = options.viewer;
    const session = options.session;
    this.#model = new BoardModel(doc, boardId, () => fixed ?? session?.viewer);
    this.#handler = (tr) => {
      const local = this.#session !== undefined ? this.#session.isLocal(tr) : tr.local;
      const change = this.#model.apply(tr, local);
      if (change === null) return;
      for (const listener of [...this.#listeners]) {
        try {
          listener(this.#model.snapshot, change);
        } catch (error) {
          reportListenerError(error);
        }
      }
    };
    doc.on('afterTransaction', this.#handler);
  }

  /** The current snapshot. */
  get snapshot(): BoardSnapshot {
    return this.#model.snapshot;
  }

  /** Adds a listener; returns a function that removes it. */
  subscribe(listener: BoardListener, immediate = true): () => void {
    this.#listeners.add(listener);
    if (immediate) {
      const snapshot = this.#model.snapshot;
      listener(snapshot, Object.freeze({
        initial: true, local: false, origin: null, writers: EMPTY,
        added: snapshot.ideas, updated: EMPTY, removed: EMPTY, clustersChanged: true, boardChanged: true,
      }));
    }
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Stops observing the document. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#listeners.clear();
    this.doc.off('afterTransaction', this.#handler);
  }
}

/**
 * Calls `listener` with a fresh board snapshot whenever what the viewer sees of the board changes
 * (and once at once, unless `immediate: false`). Unchanged ideas keep their object identity between
 * snapshots. Returns an unsubscribe function.
 */
export function observeBoard(doc: Y.Doc, boardId: string, listener: BoardListener, options: ObserveBoardOptions = {}): () => void {
  const observer = new BoardObserver(doc, boardId, options);
  observer.subscribe(listener, options.immediate ?? true);
  return () => observer.destroy();
}

/** A comment as a viewer sees it. */
export interface CommentSnapshot {
  readonly id: string;
  readonly ideaId: string;
  readonly text: string;
  /** `null` when the workshop is anonymous and it is not the viewer's own comment. */
  readonly authorId: string | null;
  readonly mine: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The comments on an idea, oldest first. */
export function readComments(doc: Y.Doc, ideaId: string, options: BoardReadOptions = {}): readonly CommentSnapshot[] {
  const r = roots(doc);
  const viewer = options.viewer;
  const anonymous = viewer !== undefined && readSettings(r.settings).anonymous;
  const list: CommentSnapshot[] = [];
  for (const [id] of r.comments) {
    const map = getRecord(r.comments, id);
    const comment = map === undefined ? null : readCommentRecord(map);
    if (comment === null || comment.ideaId !== ideaId) continue;
    const mine = viewer !== undefined && comment.authorId === viewer.id;
    list.push(Object.freeze({
      id,
      ideaId,
      text: comment.text,
      authorId: anonymous && !mine ? null : comment.authorId,
      mine,
      createdAt: comment.createdAt,
      updatedAt: comment.updatedAt,
    }));
  }
  list.sort((a, b) => compareCreated(a.createdAt, a.id, b.createdAt, b.id));
  return Object.freeze(list);
}
