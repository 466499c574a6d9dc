import {
  COLOUR_NAMES, DEFAULT_COLOUR, TEXT, cleanText, isColourName, isId, newId, type ColourName, type IdeaSnapshot,
} from '@coproduce/core';
import './strings.js';

/**
 * Private writing keeps a participant's new ideas on their own device until the facilitator reveals
 * the board: anything written into the shared document can be read by every connected client, so
 * "hidden" ideas must never go there early. A draft lives in this browser's localStorage under the
 * room, the user and the board, survives reloads, and is published by this device (as a normal
 * idea) once the board is revealed, or when the device reconnects after the reveal.
 */
export interface Draft {
  readonly id: string;
  readonly text: string;
  readonly colour: ColourName;
  readonly tag: string;
  readonly clusterId: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface DraftInput {
  readonly text: string;
  readonly colour?: ColourName;
  readonly tag?: string;
  readonly clusterId?: string | null;
}

const PREFIX = 'coproduce:drafts:v1:';
/** Drafts per board and person: far more than anyone writes, far less than the storage quota. */
const MAX_DRAFTS = 500;
const EMPTY: readonly Draft[] = Object.freeze([]);

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked by privacy settings or a sandboxed frame
  }
}

function parseDraft(value: unknown): Draft | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isId(v['id'])) return null;
  let text: string;
  let tag: string;
  try {
    text = cleanText(v['text'], TEXT.ideaText);
    tag = cleanText(typeof v['tag'] === 'string' ? v['tag'] : '', TEXT.ideaTag);
  } catch {
    return null;
  }
  const createdAt = typeof v['createdAt'] === 'number' && Number.isFinite(v['createdAt']) ? v['createdAt'] : 0;
  const updatedAt = typeof v['updatedAt'] === 'number' && Number.isFinite(v['updatedAt']) ? v['updatedAt'] : createdAt;
  return Object.freeze({
    id: v['id'],
    text,
    colour: isColourName(v['colour']) ? v['colour'] : DEFAULT_COLOUR,
    tag,
    clusterId: isId(v['clusterId']) ? v['clusterId'] : null,
    createdAt,
    updatedAt,
  });
}

/** The storage key of one person's drafts on one board of one room. */
export function draftKey(room: string, userId: string, boardId: string): string {
  return `${PREFIX}${room}|${userId}|${boardId}`;
}

/**
 * One person's drafts on one board. Reads are cached and keep their identity until something
 * changes; other tabs of the same browser see changes through `storage` events. Where storage is
 * blocked, drafts live in memory for as long as the page is open (`persistent` is then false).
 */
export class DraftStore extends EventTarget {
  readonly key: string;
  private cache: readonly Draft[] | null = null;
  /** The last list read, to keep unchanged drafts' identity across re-reads. */
  private cacheBefore: readonly Draft[] | null = null;
  private memory: string | null = null;
  private readonly store = storage();

  constructor(key: string) {
    super();
    this.key = key;
    globalThis.addEventListener?.('storage', this.onStorage);
  }

  /** Whether drafts survive a reload (false when the browser blocks storage). */
  get persistent(): boolean {
    return this.store !== null;
  }

  dispose(): void {
    globalThis.removeEventListener?.('storage', this.onStorage);
  }

  private readonly onStorage = (event: StorageEvent): void => {
    if (event.key !== this.key && event.key !== null) return;
    this.cache = null;
    this.dispatchEvent(new Event('change'));
  };

  private read(): string | null {
    if (!this.store) return this.memory;
    try {
      return this.store.getItem(this.key);
    } catch {
      return null;
    }
  }

  /** The drafts, oldest first. */
  list(): readonly Draft[] {
    if (this.cache) return this.cache;
    const raw = this.read();
    let drafts: Draft[] = [];
    if (raw) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (Array.isArray(parsed)) drafts = parsed.map(parseDraft).filter((d): d is Draft => d !== null);
      } catch {
        drafts = [];
      }
    }
    const previous = new Map((this.cacheBefore ?? EMPTY).map((d) => [d.id, d]));
    drafts = drafts.map((d) => {
      const old = previous.get(d.id);
      return old && sameDraft(old, d) ? old : d;
    });
    drafts.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    this.cache = drafts.length ? Object.freeze(drafts) : EMPTY;
    this.cacheBefore = this.cache;
    return this.cache;
  }

  /** Replaces every draft. Throws (a `DOMException`) when storage is full. */
  private write(drafts: readonly Draft[]): void {
    const json = drafts.length ? JSON.stringify(drafts) : null;
    if (!this.store) this.memory = json;
    else if (json === null) this.store.removeItem(this.key);
    else this.store.setItem(this.key, json);
    this.cache = null;
    this.dispatchEvent(new Event('change'));
  }

  /** Adds a draft (text checked with the same rules as a published idea) and returns it. */
  add(input: DraftInput, now = Date.now()): Draft {
    const drafts = this.list();
    if (drafts.length >= MAX_DRAFTS) throw new RangeError('too many drafts');
    const draft: Draft = Object.freeze({
      id: newId(),
      text: cleanText(input.text, TEXT.ideaText),
      colour: input.colour && COLOUR_NAMES.includes(input.colour) ? input.colour : DEFAULT_COLOUR,
      tag: cleanText(input.tag ?? '', TEXT.ideaTag),
      clusterId: input.clusterId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    this.write([...drafts, draft]);
    return draft;
  }

  /** Changes a draft's text, colour, tag or group. Returns whether it changed. */
  update(id: string, patch: Partial<Pick<Draft, 'text' | 'colour' | 'tag' | 'clusterId'>>, now = Date.now()): boolean {
    const drafts = this.list();
    const index = drafts.findIndex((d) => d.id === id);
    const old = drafts[index];
    if (!old) return false;
    const next: Draft = Object.freeze({
      ...old,
      text: patch.text === undefined ? old.text : cleanText(patch.text, TEXT.ideaText),
      colour: patch.colour ?? old.colour,
      tag: patch.tag === undefined ? old.tag : cleanText(patch.tag, TEXT.ideaTag),
      clusterId: patch.clusterId === undefined ? old.clusterId : patch.clusterId,
      updatedAt: now,
    });
    if (sameDraft(old, next)) return false;
    const copy = [...drafts];
    copy[index] = next;
    this.write(copy);
    return true;
  }

  remove(id: string): boolean {
    const drafts = this.list();
    if (!drafts.some((d) => d.id === id)) return false;
    this.write(drafts.filter((d) => d.id !== id));
    return true;
  }

  /** Takes every draft out of storage (to publish them) and returns them. */
  takeAll(): readonly Draft[] {
    this.cache = null;
    const drafts = this.list();
    if (drafts.length) this.write([]);
    return drafts;
  }

  /** Puts drafts back (those that could not be published), keeping any written meanwhile. */
  restore(drafts: readonly Draft[]): void {
    if (!drafts.length) return;
    const current = this.list();
    const ids = new Set(current.map((d) => d.id));
    this.write([...current, ...drafts.filter((d) => !ids.has(d.id))]);
  }
}

function sameDraft(a: Draft, b: Draft): boolean {
  return a.id === b.id && a.text === b.text && a.colour === b.colour && a.tag === b.tag && a.clusterId === b.clusterId &&
    a.createdAt === b.createdAt && a.updatedAt === b.updatedAt;
}

const snapshotCache = new WeakMap<Draft, IdeaSnapshot>();
const NO_REACTIONS: IdeaSnapshot['reactions'] = Object.freeze([]);

/** A draft seen as an idea snapshot of its writer (same object for the same draft). */
export function draftSnapshot(draft: Draft, boardId: string, authorId: string, clusterIds: ReadonlySet<string>): IdeaSnapshot {
  const clusterId = draft.clusterId !== null && clusterIds.has(draft.clusterId) ? draft.clusterId : null;
  const cached = snapshotCache.get(draft);
  if (cached && cached.clusterId === clusterId && cached.boardId === boardId && cached.authorId === authorId) return cached;
  const snapshot: IdeaSnapshot = Object.freeze({
    id: draft.id,
    boardId,
    text: draft.text,
    colour: draft.colour,
    tag: draft.tag,
    clusterId,
    status: 'published',
    authorId,
    mine: true,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    commentCount: 0,
    reactions: NO_REACTIONS,
  });
  snapshotCache.set(draft, snapshot);
  return snapshot;
}
