/**
 * The local participant's handle on a workshop document.
 *
 * A session ties together the things every operation needs: the `Y.Doc`, who is acting (id, name,
 * role), a unique transaction origin (so views can tell "my change" from "someone else's", and the
 * undo manager only undoes my changes), the undo manager itself, and the clocks. Operations are plain
 * functions taking the session as first argument (`addIdea(session, …)`), which keeps them
 * tree-shakeable and easy to call from elements, scripts and tests alike.
 */
import * as Y from 'yjs';
import { CoproduceError } from './errors.js';
import { assertId } from './ids.js';
import { UNDO_ROOTS, isRole, roots, type Role } from './layout.js';
import { TEXT, cleanText } from './text.js';
import { parseLock, parseRole } from './values.js';

/** Who is using this copy of the workshop. */
export interface SessionUser {
  /** Stable user id (from the sign-in token or a per-browser id). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** The role granted by the server's token. The `roles` root can change it during the workshop. */
  readonly role: Role;
}

/** Who a view is for: decides what is hidden (private writing, moderation) and what is "mine". */
export interface Viewer {
  readonly id: string;
  readonly role: Role;
}

export interface SessionOptions {
  readonly user: SessionUser;
  /** The local clock (default `Date.now`). Tests inject a fake one. */
  readonly now?: () => number;
  /** Track undo/redo for this user's edits (default `true`). */
  readonly undo?: boolean;
  /** Edits closer together than this many ms are undone as one step (default 500, Yjs' default). */
  readonly captureTimeout?: number;
}

/**
 * A participant's session on one workshop document. Create one per document and user; it creates
 * nothing in the document by itself. Call {@link WorkshopSession.destroy} when done.
 */
export class WorkshopSession {
  /** The shared document. */
  readonly doc: Y.Doc;
  /** The local user as given (validated). Use {@link role} for the effective role. */
  readonly user: SessionUser;
  /**
   * The origin of every transaction this session makes (`doc.transact(fn, session.origin)`). It is
   * a unique object, so `transaction.origin === session.origin` means "made here, by this user".
   */
  readonly origin: object;
  /** Undo/redo of this user's own changes to participant content (see `UNDO_ROOTS`). `null` when disabled. */
  readonly undoManager: Y.UndoManager | null;
  /**
   * Difference between the server's clock and the local clock in ms (server − local). Timers are
   * written on the server's clock; set this when the connection measures it.
   */
  serverTimeOffsetMs = 0;
  readonly #now: () => number;

  constructor(doc: Y.Doc, options: SessionOptions) {
    if (!(doc instanceof Y.Doc)) throw new TypeError('WorkshopSession needs a Y.Doc.');
    const user = options?.user;
    if (typeof user !== 'object' || user === null) throw new TypeError('WorkshopSession needs options.user ({ id, name, role }).');
    const id = assertId(user.id, 'user.id', 'user');
    const name = cleanText(user.name, TEXT.personName);
    if (!isRole(user.role)) {
      throw new CoproduceError('invalid-value', 'The role must be facilitator, participant or observer.', 'user.role');
    }
    this.doc = doc;
    this.user = Object.freeze({ id, name, role: user.role });
    this.origin = Object.freeze({ kind: 'coproduce:session', userId: id });
    this.#now = options.now ?? Date.now;
    if (options.undo === false) {
      this.undoManager = null;
    } else {
      const r = roots(doc);
      this.undoManager = new Y.UndoManager(UNDO_ROOTS.map((name) => r[name]), {
        trackedOrigins: new Set([this.origin]),
        captureTimeout: options.captureTimeout ?? 500,
      });
    }
  }

  /**
   * The effective role: the `roles` entry for this user if a facilitator set one during the
   * workshop, otherwise the role the session was created with.
   */
  get role(): Role {
    return parseRole(roots(this.doc).roles.get(this.user.id)) ?? this.user.role;
  }

  /** This session as a {@link Viewer} for the read functions. */
  get viewer(): Viewer {
    return { id: this.user.id, role: this.role };
  }

  /**
   * This device's id for ballot keys: the Yjs client id. Read it fresh each time, because Yjs
   * changes a document's client id if it ever detects that another peer used the same one.
   */
  get deviceId(): string {
    return String(this.doc.clientID);
  }

  /** The local clock. */
  now(): number {
    return this.#now();
  }

  /** The server's clock, as far as we know it ({@link serverTimeOffsetMs}). */
  serverNow(): number {
    return this.#now() + this.serverTimeOffsetMs;
  }

  /**
   * Whether a transaction was this user's own doing in this session (an operation, or an undo/redo of
   * one). Elements fire DOM events only for local intent and announce everything else.
   */
  isLocal(transaction: Y.Transaction): boolean {
    return transaction.origin === this.origin || (this.undoManager !== null && transaction.origin === this.undoManager);
  }

  /** Runs `fn` in one transaction with this session's origin. Operations call this only after validating. */
  transact<T>(fn: (tr: Y.Transaction) => T): T {
    let result!: T;
    this.doc.transact((tr) => {
      result = fn(tr);
    }, this.origin);
    return result;
  }

  /** Undo this user's last change, if any. Returns whether something was undone. */
  undo(): boolean {
    return this.undoManager?.undo() != null;
  }

  /** Redo the last undone change, if any. */
  redo(): boolean {
    return this.undoManager?.redo() != null;
  }

  canUndo(): boolean {
    return this.undoManager?.canUndo() ?? false;
  }

  canRedo(): boolean {
    return this.undoManager?.canRedo() ?? false;
  }

  /** Releases the undo manager's listeners. The document is left as it is. */
  destroy(): void {
    this.undoManager?.destroy();
  }
}

/** Creates a {@link WorkshopSession}. */
export function createSession(doc: Y.Doc, options: SessionOptions): WorkshopSession {
  return new WorkshopSession(doc, options);
}

// ---------------------------------------------------------------------------------------------
// Rights checks shared by the operations (client-side courtesy: the server enforces the same rules)
// ---------------------------------------------------------------------------------------------

/** Throws `not-allowed` unless the session's role is facilitator. `action` completes "Only facilitators can …". */
export function requireFacilitator(session: WorkshopSession, action: string): void {
  if (session.role !== 'facilitator') {
    throw new CoproduceError('not-allowed', `Only facilitators can ${action}.`, null, { role: session.role });
  }
}

/** Throws `not-allowed` for observers, who can look but not change anything. */
export function requireContributor(session: WorkshopSession, action: string): void {
  if (session.role === 'observer') {
    throw new CoproduceError('not-allowed', `Observers can watch but can't ${action}.`, null, { role: 'observer' });
  }
}

/**
 * Throws `locked` when `elementId` is locked and the user is not a facilitator (facilitators may
 * always change things, which is how they tidy a locked board). `what` is e.g. "This board".
 */
export function requireUnlocked(session: WorkshopSession, elementId: string, what: string): void {
  if (session.role === 'facilitator') return;
  const lock = parseLock(roots(session.doc).locks.get(elementId));
  if (lock === null) return;
  const message = lock.reason === ''
    ? `${what} is locked by the facilitator, so it can't be changed right now.`
    : `${what} is locked by the facilitator, so it can't be changed right now. They said: “${lock.reason}”`;
  throw new CoproduceError('locked', message, null, { elementId, reason: lock.reason });
}

/** Throws `not-allowed` unless the user wrote the record or is a facilitator. */
export function requireAuthorOrFacilitator(session: WorkshopSession, authorId: string, action: string): void {
  if (session.role === 'facilitator' || session.user.id === authorId) return;
  throw new CoproduceError('not-allowed', `Only the person who wrote it or a facilitator can ${action}.`);
}

/** A `not-found` error with a plain message. */
export function notFound(what: string, field: string | null, id: string): CoproduceError {
  return new CoproduceError('not-found', `That ${what} doesn't exist any more. It may have just been deleted.`, field, { id });
}
