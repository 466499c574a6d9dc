import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import {
  WorkshopSession, isWorkshopCreated, createWorkshop, joinWorkshop, observeRoots, presenceUser, readLocalPresence, readPeople,
  setLocalAway, setLocalPresence, updateProfile, type PresenceFocus, type Role,
} from '@coproduce/core';
import { HELD_BACK_REASON, connect, measureServerClock, type Connection, type ConnectionStatus, type RefusalDetail } from '@coproduce/core/connection';
import {
  JoinError, NoJoinRoute, checkName, parseStored, readClaims, readStoredToken, storageKey, tokenEvents, tradeJoinToken, writeStoredToken,
  type TokenStoredDetail,
} from '../join/links.js';
import { translate, type MessageKey } from '../i18n/localize.js';
import { Announcer } from './announcer.js';
import { browserUserId, rememberName, rememberedName } from './identity.js';

export type { ConnectionStatus };
export { JoinError, type JoinErrorCode } from '../join/links.js';

/**
 * The workshop's status as the elements say it: the connection's, or
 * - `needs-name`: the page holds a shared join link and waits for the person's name
 *   (`runtime.join(name)`; `<co-join>` asks for it);
 * - `refused`: the server turned the token away for good (`runtime.refused` says why).
 */
export type RuntimeStatus = ConnectionStatus | 'needs-name' | 'refused';

/**
 * Why the server turned the page away (a `refused` workshop), for the words the elements say:
 * `no-link` (the page gave no token and the server needs one), `expired`, `other-room` (a link
 * for another workshop) or `invalid` (any other refusal).
 */
export type RefusedBecause = 'no-link' | 'expired' | 'other-room' | 'invalid';

/**
 * How long a change made while everything is saved may wait for the server before the status line
 * says it is not saved yet. The connection asks the server to confirm 200 ms after a change
 * (`confirmDelayMs`), so 400 ms leaves 200 ms for the round trip: broadband, 4G and good 3G
 * (20–150 ms) confirm within it and "Saved" never flickers, while a slower link (slow 3G, a
 * stalled socket) says "Sending your changes — not saved yet" well before a person who saw
 * "Saved" could close the page.
 */
export const SENDING_AFTER_MS = 400;

/**
 * How long the connection must stay lost before the announcer says so: a blip that recovers
 * sooner (a train tunnel, a Wi-Fi hand-over) is said not at all, rather than "offline… back online".
 */
export const OFFLINE_SAID_AFTER_MS = 3000;

/** How soon after a change made offline its confirmation adds that it is kept on this device. */
const KEPT_HERE_WITHIN_MS = 1000;

/**
 * The token in the page's own address (`?token=…`): the link a person was given, e.g. an
 * invitation made by `<co-join>`. Used when no `token` attribute or property is set (an empty
 * `token=""` turns this off). A personal token does not stay in the address bar (a facilitator's
 * screen is often projected): it is taken out of the address (`history.replaceState`, keeping the
 * other parameters and the hash) and kept for this tab in sessionStorage under `key` (server and
 * room, as join links keep theirs), where a reload, or the page's next element, finds it. A shared
 * join token stays: it is on the poster and in the QR code on purpose.
 */
export function pageToken(key?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(globalThis.location.href);
  } catch {
    return undefined;
  }
  const value = url.searchParams.get('token')?.trim();
  try {
    if (!value) return key ? parseStored(sessionStorage.getItem(key))?.token : undefined;
    if (key && readClaims(value)?.kind !== 'join') {
      sessionStorage.setItem(key, JSON.stringify({ token: value, expiresAt: readClaims(value)?.expiresAt ?? 8.64e15 }));
      url.searchParams.delete('token');
      history.replaceState(history.state, '', url.href);
    }
  } catch {
    // Storage blocked: the token stays in the address, so a reload still works.
  }
  return value || undefined;
}

/** A short tag of an opaque token (FNV-1a): names its offline copy without keeping the token itself. */
function tokenTag(token: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `token-${hash.toString(16).padStart(8, '0')}`;
}

/** Close codes after which a kept personal token is forgotten and the person is asked to join again. */
const STALE_TOKEN_CODES = new Set([4401, 4403]);

/** The name of someone who has not chosen one yet (`<co-join>` asks them). */
export const GUEST_NAME = 'Guest';

export interface RuntimeOptions {
  /** The sync server, e.g. `wss://workshops.example.gov.uk`. Empty: the folder of the page's address ({@link resolveServerUrl}). */
  server: string | null | undefined;
  room: string;
  /**
   * A personal token, or a shared join token (`kind: "join"`). A join token is never used to
   * connect: the runtime uses the personal token this browser keeps for the room, or waits for
   * {@link WorkshopRuntime.join} (`needsName`). Not given (null or undefined): the page address's
   * `token` parameter, if any ({@link pageToken}); an empty string: no token at all.
   */
  token?: string | null | undefined;
  /** Display name when the token does not carry one. */
  name?: string | null | undefined;
  /** Role when there is no token (a server with tokens decides roles itself). */
  role?: Role | null | undefined;
  /** Keep an offline copy in IndexedDB (default true). */
  offline?: boolean;
  /** The local clock (default `Date.now`); tests pass a wrong one to check the timer still agrees. */
  now?: () => number;
  /** Measure the server's clock (`GET /time`) on every (re)connection (default true). */
  measureClock?: boolean;
  /**
   * Also share changes and presence with other tabs of this browser directly (default true). Tests
   * that put several people's workshops on one page turn it off, so each person's presence reaches
   * the others only through the server, as it would from separate devices.
   */
  crossTab?: boolean;
  /**
   * Ask the browser to confirm leaving the page while a change made on it is neither confirmed by
   * the server nor written to the offline copy (default true; see {@link WorkshopRuntime}).
   */
  leaveGuard?: boolean;
}

/**
 * A workshop held only in this page's memory, with no server: for Storybook, documentation and
 * tests that connect documents to each other directly.
 */
export interface LocalRuntimeOptions {
  room: string;
  doc: Y.Doc;
  user: { id: string; name: string; role: Role };
  /** Presence for a local workshop (default: a presence of its own, seen by nobody else). */
  awareness?: Awareness;
  /** The local clock (default `Date.now`). */
  now?: () => number;
  /** Treat the person as someone who has not chosen a name yet, so `<co-join>` asks (default false). */
  askName?: boolean;
}

/**
 * Whose offline copy a page keeps: the person the token names (its `sub`), a tag of an opaque
 * token, or — without a token or with a join token an open server takes as it is — this browser's id.
 */
function offlineKeyFor(token: string | undefined, userId: string): string {
  if (token === undefined) return userId;
  const claims = readClaims(token);
  if (claims?.kind === 'personal' && claims.id) return claims.id;
  // A join token taken as it is by an open server: the person is this browser's id.
  return claims?.kind === 'join' ? userId : tokenTag(token);
}

function expiredLinkError(): JoinError {
  return new JoinError('link-expired', 'Token expired: ask the facilitator for a new link');
}

/**
 * Turns the `server` attribute into the sync server's WebSocket base URL, without a trailing slash
 * (rooms are `<base>/<room>`; `/join`, `/invite` and `/time` are `<base>/join`… over HTTP(S)):
 *
 * - not set, or empty: the **folder of the page's address** (`new URL('./', location.href)`), so a
 *   page served by `coproduce-server --static` under a path works behind a reverse proxy that
 *   forwards only that path: `https://host/coproduce/` and `https://host/coproduce/workshop.html`
 *   give `wss://host/coproduce`; `https://host/` and `https://host/index.html` give `wss://host`.
 *   An address without a trailing slash names a file: `https://host/coproduce` is the file
 *   `coproduce` in the root folder, so it gives `wss://host` (as the browser resolves the page's
 *   own `./assets/` links; a proxy should redirect `/coproduce` to `/coproduce/`).
 * - an absolute address (`wss://host/coproduce`, `https://host/coproduce/`): that address, its
 *   path kept; `http(s)` becomes `ws(s)`.
 * - a relative one (`/`, `/sync`, `../`): resolved against the page's address (`server="/"` is the
 *   origin's root, for a page in a subfolder of the server's static folder).
 *
 * The query and fragment are dropped (the token goes in `token`).
 */
export function resolveServerUrl(server: string | null | undefined): string {
  const given = server?.trim();
  const base = new URL(given ? given : './', location.href);
  if (base.protocol === 'http:') base.protocol = 'ws:';
  if (base.protocol === 'https:') base.protocol = 'wss:';
  base.search = '';
  base.hash = '';
  return base.href.replace(/\/+$/, '');
}

/**
 * One live workshop on the page: the document, the local session, the connection and the
 * announcer. `<co-workshop>` owns one and provides it to the elements inside it; an element used on
 * its own (given `server` and `room`) owns its own.
 *
 * Given a shared **join token**, the runtime does not connect with it (the server would refuse
 * it). If this browser keeps a personal token for the room and server, still good for more than a
 * minute, it connects with that. Otherwise `needsName` is true (status `needs-name`) until
 * {@link join} trades the join token at the server's `POST /join` for a personal token, keeps it
 * (localStorage, by server address and room) and connects. If the server later turns a kept token
 * away (4401: it expired), the runtime forgets it and asks again.
 *
 * **One document per person.** The server gives each Yjs client id to the first person whose
 * accepted content used it, and leaves anyone else's content under it out, without a word. So
 * when someone else joins on this page after a person has used it (their kept token was turned
 * away and the next person at a shared device joins through the link), the runtime starts
 * afresh: a new document (so a new client id), a new session and a new connection, with the new
 * person's own offline copy. The old connection is closed (the others see that person leave) and
 * so is their offline copy, which keeps their unsent changes for their next visit: nothing of
 * theirs is shown to, or sent under the name of, the next person. `doc`, `session`, `connection`
 * and `awareness` then name the new ones, and a `change` event tells the elements to follow.
 * (Joining for the first time from a page that waited for a name is not such a change: nothing
 * was loaded or written while it waited.)
 *
 * **Leaving the page.** While a change made on this page has neither been confirmed by the server
 * nor written to the offline copy (there is none, or its IndexedDB write has not finished), a
 * `beforeunload` listener asks the browser to confirm leaving; it is added only for that time, as
 * one kept on the window would keep the page out of the back/forward cache. None for a local
 * workshop, nor with `leaveGuard: false`.
 */
export class WorkshopRuntime extends EventTarget {
  /** The workshop document: replaced, with `session`, `connection` and `awareness`, when another person joins on this page (see above). */
  get doc(): Y.Doc {
    return this.currentDoc;
  }
  /** The server connection; null for a local workshop. */
  get connection(): Connection | null {
    return this.currentConnection;
  }
  /** Presence (who is here): the connection's, or a local one. */
  get awareness(): Awareness {
    return this.currentAwareness;
  }
  private currentDoc: Y.Doc;
  private currentConnection: Connection | null = null;
  private currentAwareness: Awareness;
  /** Listeners on the current document and connection: removed when they are replaced, or at `destroy()`. */
  private readonly docCleanups: (() => void)[] = [];
  /** Who the runtime has acted as (the key of their offline copy), or null while it waits for a name on its first join. */
  private actingAs: string | null = null;
  private crossTab: boolean | undefined;
  /**
   * The workshop's one live region. It also says, once for the whole workshop however many status
   * lines the page has, when the connection has been lost for more than a moment
   * ({@link OFFLINE_SAID_AFTER_MS}) and when it is back with everything saved; and a confirmation of
   * a change made offline adds that it is kept on this device.
   */
  readonly announcer = new Announcer();
  readonly room: string;
  /** True once the document has been loaded from the server or the device's offline copy. */
  ready = false;
  /**
   * Whether the person gave a name (token, attribute or one remembered on this device). Without one
   * they appear as "Guest" until they choose a name (`<co-join>` asks them).
   */
  hasChosenName: boolean;
  /** Whether the server's clock has been measured since the last connection ("not yet": offset 0). */
  clockMeasured = false;
  /**
   * Whether this person's view follows the facilitator when they bring everyone to one place.
   * They can step out (and back in) from `<co-phase>`; the choice is for this page only.
   */
  following = true;
  /**
   * The server's refusals of changes made on this device since the person's last change, one per
   * distinct reason, oldest first (the server kept the rest and the document already shows what
   * everyone sees). The elements say what was not saved, each the refusals that concern it
   * (`internal/status.ts`).
   */
  notSavedList: readonly RefusalDetail[] = [];
  /** The reasons the announcer has been given since the person's last change (each is spoken once, however many elements show it). */
  private readonly announced = new Set<string>();

  /** The latest refusal in {@link notSavedList}, or null; setting it replaces the list (null empties it). */
  get notSaved(): RefusalDetail | null {
    return this.notSavedList[this.notSavedList.length - 1] ?? null;
  }
  set notSaved(value: RefusalDetail | null) {
    this.notSavedList = value === null ? [] : [value];
    if (value === null) this.announced.clear();
    this.dispatchEvent(new Event('change'));
  }

  /** Records that `refusal` is being announced: true the first time its reason is, since the person's last change. */
  markAnnounced(refusal: RefusalDetail): boolean {
    if (this.announced.has(refusal.reason)) return false;
    this.announced.add(refusal.reason);
    return true;
  }
  /** Elements that show facilitators the invitation (the facilitator panel); `<co-join>` then leaves it to them. */
  private readonly inviters = new Set<object>();

  /** Says whether `element` shows facilitators the invitation now (see `hasInviter`). */
  setInviter(element: object, shows: boolean): void {
    if (this.inviters.has(element) === shows) return;
    if (shows) this.inviters.add(element);
    else this.inviters.delete(element);
    // Called from an element's update: tell the others once it is over.
    queueMicrotask(() => this.dispatchEvent(new Event('change')));
  }

  /** Whether an element of this workshop (the facilitator panel) already shows facilitators the invitation. */
  get hasInviter(): boolean {
    return this.inviters.size > 0;
  }
  private destroyed = false;
  private readonly ownsAwareness: boolean;
  private readonly cleanups: (() => void)[] = [];
  private lastRole: Role;
  private clockAttempt = 0;
  private readonly serverUrl: string | null = null;
  private readonly localNow: (() => number) | undefined;
  private chosenName: string | undefined;
  private currentSession: WorkshopSession;
  /** The session `setUp()` last ran for (a new one, after joining, is set up again at the next sync). */
  private setUpSession: WorkshopSession | null = null;

  /**
   * True while the page holds a shared join link and waits for the person's name: nothing is
   * connected yet. {@link join} trades the link for a personal token and connects.
   */
  needsName = false;
  /** True while {@link join} is talking to the server. */
  joining = false;
  /** Why the last attempt to join failed, or that the join link has expired; null when all is well. */
  joinError: JoinError | null = null;
  /** The shared join token this runtime was given, if any. */
  private readonly joinToken: string | null = null;
  private readonly joinRole: Role | null = null;
  private readonly joinExpiresAt: number | null = null;
  /** The localStorage key of the personal token for this server and room (join links only). */
  private readonly tokenKey: string | null = null;
  /** The kept personal token the connection uses, if any (forgotten if the server turns it away). */
  private keptTokenInUse: string | null = null;
  private joinAttempt: Promise<void> | null = null;
  private readonly wsUrl: string | null = null;

  constructor(options: RuntimeOptions | LocalRuntimeOptions) {
    super();
    this.announcer.note = this.keptHereNote;
    this.room = options.room;
    this.localNow = options.now;
    if ('doc' in options) {
      this.currentDoc = options.doc;
      this.currentSession = new WorkshopSession(this.doc, { user: options.user, ...(options.now ? { now: options.now } : {}) });
      this.ownsAwareness = options.awareness === undefined;
      this.currentAwareness = options.awareness ?? new Awareness(this.doc);
      this.hasChosenName = options.askName !== true;
      this.lastRole = this.session.role;
      this.actingAs = options.user.id;
      this.watch();
      this.watchDoc();
      this.ready = true;
      this.setUp();
      return;
    }
    this.currentDoc = new Y.Doc();
    this.serverUrl = resolveServerUrl(options.server);
    this.wsUrl = this.serverUrl;
    let token = options.token === null || options.token === undefined ? pageToken(storageKey(this.wsUrl, options.room)) : options.token.trim() || undefined;
    const given = readClaims(token);
    if (given?.kind === 'join' && token !== undefined) {
      this.joinToken = token;
      this.joinRole = given.role;
      this.joinExpiresAt = given.expiresAt;
      this.tokenKey = storageKey(this.wsUrl, options.room);
      this.keptTokenInUse = this.keptToken();
      token = this.keptTokenInUse ?? undefined;
      this.needsName = token === undefined;
      if (this.needsName && this.joinLinkExpired()) this.joinError = expiredLinkError();
      tokenEvents.addEventListener('stored', this.onTokenStored);
      this.cleanups.push(() => tokenEvents.removeEventListener('stored', this.onTokenStored));
    }
    // Waiting for a name: a stand-in session ("Guest"), replaced by the person's own on joining.
    const claims = this.needsName ? null : readClaims(token);
    const name = this.needsName ? '' : (claims?.name ?? options.name ?? rememberedName() ?? '').trim();
    this.hasChosenName = name !== '';
    this.currentSession = new WorkshopSession(this.doc, {
      user: {
        // Waiting for a name: nothing is written, so no id is kept on the device for it either.
        id: claims?.id ?? (this.needsName ? `guest-${Math.random().toString(36).slice(2, 10)}` : browserUserId()),
        name: name || GUEST_NAME,
        role: claims?.role ?? this.joinRole ?? options.role ?? 'participant',
      },
      ...(options.now ? { now: options.now } : {}),
    });
    this.lastRole = this.session.role;
    this.wantsOffline = options.offline ?? true;
    this.crossTab = options.crossTab;
    this.leaveGuard = options.leaveGuard ?? true;
    this.usedToken = token ?? null;
    this.ownsAwareness = false;
    if (options.measureClock === false) this.serverUrl = null;
    // Waiting for a name: nobody yet (the first join is not a change of person: see the class comment).
    this.actingAs = this.needsName ? null : offlineKeyFor(token, this.session.user.id);
    this.watch();
    this.currentAwareness = this.attach(token);
    this.onStatus();
  }

  /**
   * Connects the current document: makes its connection (returning its presence) and listens to
   * the document and the connection until they are replaced.
   */
  private attach(token: string | undefined): Awareness {
    const connection = connect({
      serverUrl: this.wsUrl as string,
      room: this.room,
      ...(token !== undefined ? { token } : {}),
      doc: this.doc,
      // The offline copy is the person's own (a shared device keeps one per person). Waiting for a
      // name: none yet, and no connection either — nobody's unsent changes are loaded into a page
      // that could send them under someone else's name.
      offline: this.wantsOffline && !this.needsName,
      offlineKey: this.needsName ? '' : offlineKeyFor(token, this.session.user.id),
      connect: !this.needsName,
      ...(this.crossTab !== undefined ? { crossTab: this.crossTab } : {}),
    });
    this.currentConnection = connection;
    this.currentAwareness = connection.awareness;
    this.watchDoc();
    connection.addEventListener('status', this.onStatus);
    this.docCleanups.push(() => connection.removeEventListener('status', this.onStatus));
    // Changes made on this page (not the server's, another tab's or the offline copy's): their
    // confirmation says whether they are only on this device.
    const doc = this.doc;
    const onLocalUpdate = (_update: Uint8Array, origin: unknown): void => {
      if (origin === connection.provider || (connection.persistence !== null && origin === connection.persistence)) return;
      this.localChangeAt = Date.now();
      // A change while joining is saved has the same moment of grace as any other.
      if (this.joiningWrite) this.startGrace();
      const change = (this.unkept = ++this.changes);
      this.guard();
      // After every update listener (the offline copy's may come later): once the copy's writes
      // so far are done, this change is kept on the device.
      queueMicrotask(() => {
        const persistence = connection.persistence;
        if (persistence === null) return;
        void persistence.whenSynced.then(() => new Promise((done) => {
          // IndexedDB runs read-write transactions on one store in the order they were made.
          const barrier = persistence.db!.transaction('updates', 'readwrite');
          barrier.oncomplete = done;
        })).then(() => {
          if (this.unkept !== change) return;
          this.unkept = 0;
          this.guard();
        }, () => {});
      });
    };
    doc.on('update', onLocalUpdate);
    this.docCleanups.push(() => doc.off('update', onLocalUpdate));
    this.watchRefusals(connection);
    return connection.awareness;
  }

  /**
   * Keeps `notSavedList`: one refusal per distinct reason, since the person's last change — except
   * the notice that changes are held back for someone else's ({@link HELD_BACK_REASON}), kept for
   * as long as they wait and dropped once they have arrived.
   */
  private watchRefusals(connection: Connection): void {
    const offRefused = connection.on('refused', (detail) => {
      this.notSavedList = [...this.notSavedList.filter((r) => r.reason !== detail.reason), detail];
      this.dispatchEvent(new Event('change'));
    });
    const doc = this.doc;
    const heldBack = (refusal: RefusalDetail): boolean => refusal.reason === HELD_BACK_REASON;
    const onUpdate = (_update: Uint8Array, origin: unknown): void => {
      if (this.notSavedList.length === 0 || origin === connection.provider || (connection.persistence !== null && origin === connection.persistence)) return;
      // Changes held back for someone else's still wait after the person writes on (and the status
      // line still says they are not saved): the page keeps saying why until they arrive.
      const kept = connection.hasHeldBackChanges ? this.notSavedList.filter(heldBack) : [];
      if (kept.length === this.notSavedList.length) return;
      this.notSavedList = kept;
      for (const reason of [...this.announced]) if (!kept.some((r) => r.reason === reason)) this.announced.delete(reason);
      this.dispatchEvent(new Event('change'));
    };
    // Once the server has the held-back changes, nothing waits any more: the notice goes.
    const offStatus = connection.on('status', () => {
      if (connection.hasHeldBackChanges || !this.notSavedList.some(heldBack)) return;
      this.notSavedList = this.notSavedList.filter((r) => !heldBack(r));
      this.announced.delete(HELD_BACK_REASON);
      this.dispatchEvent(new Event('change'));
    });
    doc.on('update', onUpdate);
    this.docCleanups.push(offRefused, offStatus, () => doc.off('update', onUpdate));
  }

  /** The local person's session (replaced when someone joins through a join link, with the document when it is another person: see the class comment). */
  get session(): WorkshopSession {
    return this.currentSession;
  }

  /** Set when the server turned the token away for good (a 44xx close): the code and its reason. */
  get refused(): { readonly code: number; readonly reason: string } | null {
    if (this.needsName) return null;
    return this.connection?.detail.closed ?? null;
  }

  /** Why the server turned the page away, for the words the elements say; null unless `refused`. */
  get refusedBecause(): RefusedBecause | null {
    const refused = this.refused;
    if (refused === null) return null;
    if (this.usedToken === null) return 'no-link';
    if (refused.code === 4403) return 'other-room';
    if (/^Token expired\b/i.test(refused.reason)) return 'expired';
    return 'invalid';
  }

  /** True when the runtime was given a shared join link (whether or not the person has joined yet). */
  get isJoinLink(): boolean {
    return this.joinToken !== null;
  }

  /** The localStorage key of this join link's personal token (server address and room); null without a join link. */
  get joinKey(): string | null {
    return this.tokenKey;
  }

  /**
   * Joins through the shared join link with the name the person chose: trades the join token at
   * the server's `POST /join` for a personal token, keeps it on this device and connects. Rejects
   * with a {@link JoinError} (`code`: `name-required`, `name-too-long`, `name-invalid` — with
   * `field: "name"` —, `link-expired`, `link-invalid`, `network` or `server`); nothing changes then,
   * and the person can try again. Does nothing unless {@link needsName}.
   */
  join(name: string): Promise<void> {
    if (this.joinAttempt) return this.joinAttempt;
    if (this.destroyed || !this.needsName || this.joinToken === null) return Promise.resolve();
    const attempt = this.tradeAndConnect(name).finally(() => {
      this.joinAttempt = null;
    });
    this.joinAttempt = attempt;
    return attempt;
  }

  private async tradeAndConnect(name: string): Promise<void> {
    const joinToken = this.joinToken as string;
    let clean: string;
    try {
      clean = checkName(name);
    } catch (error) {
      this.joinError = error as JoinError;
      this.dispatchEvent(new Event('change'));
      throw error;
    }
    this.joining = true;
    this.joinError = null;
    this.dispatchEvent(new Event('change'));
    try {
      const answer = await tradeJoinToken(this.wsUrl as string, joinToken, clean);
      if (this.destroyed) return;
      // Kept for the next visit; this page's other workshops for the room (and other tabs) hear of
      // it and connect too. (This one ignores that news while `joining`.)
      writeStoredToken(this.tokenKey as string, { token: answer.token, expiresAt: answer.expiresAt });
      this.joining = false;
      this.connectWith(answer.token, true);
    } catch (error) {
      this.joining = false;
      if (this.destroyed) return;
      if (error instanceof NoJoinRoute) {
        // An open development server (`--auth none`) has no /join and takes any token as it is.
        this.connectWith(joinToken, false, clean);
        return;
      }
      this.joinError = error instanceof JoinError ? error : new JoinError('server', String(error));
      this.dispatchEvent(new Event('change'));
      throw this.joinError;
    }
  }

  /** The kept personal token for this room and server, if it is good for more than a minute and has the link's role. */
  private keptToken(): string | null {
    if (this.tokenKey === null) return null;
    const kept = readStoredToken(this.tokenKey);
    if (kept === null) return null;
    const role = readClaims(kept.token)?.role ?? null;
    if (this.joinRole !== null && role !== null && role !== this.joinRole) return null;
    return kept.token;
  }

  private joinLinkExpired(): boolean {
    return this.joinExpiresAt !== null && this.joinExpiresAt <= Date.now();
  }

  /** Another workshop on this page (or another tab) joined this room: use its personal token too. */
  private readonly onTokenStored = (event: Event): void => {
    const { key } = (event as CustomEvent<TokenStoredDetail>).detail;
    if (this.destroyed || key !== this.tokenKey || !this.needsName || this.joining) return;
    const token = this.keptToken();
    if (token !== null) this.connectWith(token, true);
  };

  /**
   * Leaves the "needs a name" state: takes who the person is from the personal token (or, on an
   * open server, the name they typed), and connects with it.
   */
  private connectWith(token: string, kept: boolean, typedName?: string): void {
    const claims = readClaims(token);
    const name = claims?.kind === 'personal' && claims.name ? claims.name : (typedName ?? GUEST_NAME);
    const user = {
      id: claims?.kind === 'personal' && claims.id ? claims.id : browserUserId(),
      name,
      role: claims?.role ?? this.joinRole ?? 'participant',
    };
    const person = offlineKeyFor(token, user.id);
    // Someone else than the person this page last acted as: a document of their own (see the class comment).
    const afresh = this.actingAs !== null && this.actingAs !== person && this.connection !== null;
    this.actingAs = person;
    if (afresh) this.chosenName = undefined;
    if (typedName !== undefined) {
      this.chosenName = typedName;
      rememberName(typedName);
    }
    this.hasChosenName = true;
    this.keptTokenInUse = kept ? token : null;
    this.usedToken = token;
    this.needsName = false;
    this.joinError = null;
    if (afresh) {
      this.startAfresh(user, token);
    } else {
      this.replaceSession(user);
      if (this.connection) {
        this.connection.setToken(token);
        // Now that it is known who the person is: their own offline copy (never anyone else's).
        if (this.wantsOffline) void this.connection.openOfflineCopy(person);
        this.connection.reconnect();
      }
    }
    this.dispatchEvent(new Event('change'));
  }

  /**
   * Another person joins on this page: closes the last person's connection (the server tells the
   * others they left; their offline copy is closed, keeping their unsent changes for their next
   * visit) and their document, and connects a new document (a new Yjs client id) for `user` with
   * `token`, loading the new person's own offline copy. What the elements showed of the last
   * person — not-saved notices, the moment of grace, the server's clock as measured, whether they
   * stepped out of following the facilitator — is reset.
   */
  private startAfresh(user: { id: string; name: string; role: Role }, token: string): void {
    const oldDoc = this.currentDoc;
    const oldSession = this.currentSession;
    const oldConnection = this.currentConnection;
    for (const cleanup of this.docCleanups.splice(0)) cleanup();
    oldConnection?.destroy();
    clearTimeout(this.unsyncedTimer);
    this.unsyncedTimer = undefined;
    this.joiningWrite = false;
    this.unkept = 0;
    this.savedShown = false;
    this.wasConnected = false;
    this.lastStatus = null;
    this.clockMeasured = false;
    this.clockAttempt++;
    this.ready = false;
    this.setUpSession = null;
    this.notSavedList = [];
    this.announced.clear();
    clearTimeout(this.offlineSayTimer);
    this.offlineSayTimer = undefined;
    this.offlineSaid = false;
    this.everSynced = false;
    this.localChangeAt = -Infinity;
    // Stepping out of following the facilitator was the last person's choice, not the next one's.
    this.following = true;
    this.currentDoc = new Y.Doc();
    this.currentSession = new WorkshopSession(this.currentDoc, { user, ...(this.localNow ? { now: this.localNow } : {}) });
    // The server's clock has not changed: keep the offset until it is measured again.
    this.currentSession.serverTimeOffsetMs = oldSession.serverTimeOffsetMs;
    this.lastRole = this.currentSession.role;
    this.attach(token);
    oldSession.destroy();
    oldDoc.destroy();
    this.onStatus();
  }

  private replaceSession(user: { id: string; name: string; role: Role }): void {
    const old = this.currentSession;
    if (old.user.id === user.id && old.user.name === user.name && old.user.role === user.role) return;
    this.currentSession = new WorkshopSession(this.doc, { user, ...(this.localNow ? { now: this.localNow } : {}) });
    this.currentSession.serverTimeOffsetMs = old.serverTimeOffsetMs;
    old.destroy();
    this.lastRole = this.currentSession.role;
  }

  /** The server turned the kept personal token away (it expired): forget it and ask for a name again. */
  private askAgain(): void {
    // Unless another workshop of this page (or another tab) has kept a newer one meanwhile.
    if (this.tokenKey !== null && readStoredToken(this.tokenKey, 0)?.token === this.keptTokenInUse) writeStoredToken(this.tokenKey, null);
    this.keptTokenInUse = null;
    this.needsName = true;
    this.hasChosenName = false;
    this.joinError = this.joinLinkExpired() ? expiredLinkError() : null;
  }

  /** The server's clock, as far as it has been measured (see `session.serverTimeOffsetMs`). */
  serverNow(): number {
    return this.session.serverNow();
  }

  /**
   * Where this person is (an element, an item in it), for everyone's `<co-presence>`; `null` for
   * nowhere in particular.
   */
  setPresenceFocus(focus: PresenceFocus | null): void {
    const current = readLocalPresence(this.awareness);
    if (current === null) return;
    try {
      setLocalPresence(this.awareness, { ...current, focus });
    } catch (error) {
      console.warn('[coproduce] presence:', error);
    }
  }

  /** Changes the person's display name: in the workshop, in their presence, and remembered on this device. */
  setDisplayName(name: string): void {
    const person = updateProfile(this.session, { name });
    this.chosenName = person.name;
    rememberName(person.name);
    this.hasChosenName = true;
    this.publishPresence();
    this.dispatchEvent(new Event('change'));
  }

  /** Steps out of (false) or back into (true) following the facilitator. */
  setFollowing(following: boolean): void {
    if (this.following === following) return;
    this.following = following;
    this.dispatchEvent(new Event('change'));
  }

  /** Keeps presence up to date as the page changes (hidden: away). */
  private watch(): void {
    const doc = (globalThis as { document?: Document }).document;
    if (doc) {
      const onVisibility = (): void => {
        if (readLocalPresence(this.awareness) !== null) setLocalAway(this.awareness, doc.visibilityState === 'hidden');
      };
      doc.addEventListener('visibilitychange', onVisibility);
      this.cleanups.push(() => doc.removeEventListener('visibilitychange', onVisibility));
    }
  }

  /** Keeps presence and the effective role up to date as the current document changes. */
  private watchDoc(): void {
    this.docCleanups.push(observeRoots(this.doc, ['people', 'roles'], () => {
      // After the document update has gone out: the server checks a presence's role against it.
      queueMicrotask(() => this.publishPresence());
      const role = this.session.role;
      if (role !== this.lastRole) {
        this.lastRole = role;
        this.dispatchEvent(new Event('change'));
      }
    }, { immediate: false }));
  }

  /** Publishes (or refreshes) this person's presence: name, colour and role from the document. */
  private publishPresence(force = false): void {
    if (this.destroyed || !this.ready) return;
    const current = readLocalPresence(this.awareness);
    const user = presenceUser(this.session);
    const same = current !== null && current.user.name === user.name && current.user.colour === user.colour && current.user.role === user.role && current.user.id === user.id;
    if (same && !force) return;
    try {
      setLocalPresence(this.awareness, { user, focus: current?.focus ?? null, ...(current?.away !== undefined ? { away: current.away } : {}) });
    } catch (error) {
      console.warn('[coproduce] presence:', error);
    }
  }

  /** Measures the server's clock NTP-style and anchors the session's timers to it. Retried on each reconnection. */
  private measureClock(): void {
    const url = this.serverUrl;
    if (url === null || typeof fetch !== 'function') return;
    const attempt = ++this.clockAttempt;
    measureServerClock(url, { samples: 5, ...(this.localNow ? { now: this.localNow } : {}) }).then(
      (measured) => {
        if (this.destroyed || attempt !== this.clockAttempt) return;
        this.session.serverTimeOffsetMs = measured.offsetMs;
        this.clockMeasured = true;
        this.dispatchEvent(new Event('change'));
      },
      (error: unknown) => {
        // Keep the last offset (or none): the countdown still works, just on this device's clock.
        if (!this.destroyed) console.info('[coproduce] could not read the server clock:', error);
      },
    );
  }

  /**
   * The status in the elements' words: the connection's (a local workshop counts as synced),
   * `needs-name` or `refused`. Still `connected` (not `synced`) while the person's own entry in
   * the workshop, written once the document arrived, is on its way to the server (until the server
   * confirms it or the connection drops; a change made meanwhile ends it after the moment of grace,
   * {@link SENDING_AFTER_MS}): "Saved" then means saved, and a first visit never flashes "not
   * saved yet" for a change the person did not make.
   */
  get status(): RuntimeStatus {
    const status = this.baseStatus;
    return status === 'synced' && this.joiningWrite ? 'connected' : status;
  }

  /** The status without the moment of joining. */
  private get baseStatus(): RuntimeStatus {
    if (this.needsName) return 'needs-name';
    if (this.refused !== null) return 'refused';
    return this.connection?.status ?? 'synced';
  }

  /**
   * Whether to tell the person their changes have not reached the server yet: whenever the server
   * has not confirmed them (`connection.hasUnsyncedChanges`), except for the first moment
   * ({@link SENDING_AFTER_MS}) after a change made while everything was saved — on a normal
   * connection it is confirmed within that, and the status line should not flicker from "Saved"
   * with every change — and while joining is saved (status `connected`). After that moment it says
   * they are not saved yet.
   */
  get hasUnsyncedChanges(): boolean {
    const connection = this.connection;
    if (connection === null || !connection.hasUnsyncedChanges || this.joiningWrite) return false;
    return this.unsyncedTimer === undefined;
  }

  /** Starts the moment of grace when a change is made while everything is saved; ends it when confirmed. */
  private watchUnsynced(): void {
    const connection = this.connection;
    if (connection === null) return;
    const unsynced = connection.hasUnsyncedChanges;
    const status = connection.status;
    if (!unsynced || status !== 'synced') {
      clearTimeout(this.unsyncedTimer);
      this.unsyncedTimer = undefined;
      this.joiningWrite = false;
      // Confirmed (or the connection changed): nothing made on this page waits any more.
      if (!unsynced) this.unkept = 0;
    } else if (this.savedShown) {
      this.startGrace();
    }
    this.savedShown = false;
  }
  /** Starts the moment of grace for a change just made, if it waits for the server (and no moment is running already). */
  private startGrace(): void {
    if (this.unsyncedTimer !== undefined || !(this.connection?.hasUnsyncedChanges ?? false)) return;
    this.unsyncedTimer = setTimeout(() => {
      this.unsyncedTimer = undefined;
      this.joiningWrite = false;
      if (!this.destroyed) this.dispatchEvent(new Event('change'));
    }, SENDING_AFTER_MS);
  }

  /** Whether to ask the browser to confirm leaving the page (see the class comment). */
  private readonly leaveGuard: boolean = false;
  /** Whether the `beforeunload` listener is on the window. */
  private guarding = false;
  /** Changes made on this page so far. */
  private changes = 0;
  /** The latest change made on this page that may not be in the offline copy yet (0: none). */
  private unkept = 0;
  private readonly onBeforeUnload = (event: BeforeUnloadEvent): void => {
    event.preventDefault();
    event.returnValue = '';
  };
  /** Adds the leaving guard while a change made here is neither confirmed nor kept on the device; removes it otherwise. */
  private guard(): void {
    const want = !this.destroyed && this.leaveGuard && this.unkept !== 0 && (this.connection?.hasUnsyncedChanges ?? false);
    if (want === this.guarding || typeof addEventListener !== 'function') return;
    this.guarding = want;
    if (want) addEventListener('beforeunload', this.onBeforeUnload);
    else removeEventListener('beforeunload', this.onBeforeUnload);
  }
  /** Whether the person's entry in the workshop, written at the first sync, is on its way (status `connected` meanwhile). */
  private joiningWrite = false;
  /** Whether the elements were last told that everything is saved (synced, nothing waiting). */
  private savedShown = false;
  private unsyncedTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether an offline copy was asked for (`options.offline`). */
  private wantsOffline = false;
  /** The token the connection uses (null: none). */
  private usedToken: string | null = null;

  private wasConnected = false;
  private lastStatus: RuntimeStatus | null = null;
  private readonly onStatus = (): void => {
    if (this.destroyed) return;
    this.watchUnsynced();
    const closed = this.connection?.detail.closed ?? null;
    if (closed !== null && !this.needsName && this.keptTokenInUse !== null && STALE_TOKEN_CODES.has(closed.code)) this.askAgain();
    const status = this.baseStatus;
    const connected = status === 'connected' || status === 'synced';
    if (connected && !this.wasConnected) this.measureClock();
    if (!connected) this.clockMeasured = false;
    this.wasConnected = connected;
    if (status === 'synced' && this.setUpSession !== this.session) {
      this.ready = true;
      const waiting = this.connection?.hasUnsyncedChanges ?? false;
      this.setUp();
      // Joining wrote the person's entry in the workshop (a first visit): until the server has it
      // — a moment at most — the status stays `connected`, rather than flashing "Sending your
      // changes — not saved yet" for a change the person did not make. Changes already waiting
      // (an offline copy's) are said as they are.
      if (!waiting && (this.connection?.hasUnsyncedChanges ?? false)) {
        this.joiningWrite = true;
        // Nothing the person made: no reason to stop them leaving.
        this.unkept = 0;
      }
    } else if (status === 'synced' && this.lastStatus !== 'synced') {
      // Back in sync after being offline: say who we are again, now that the server has our
      // changes (a name changed offline reaches the server only with the document).
      this.publishPresence(true);
    }
    this.lastStatus = status;
    this.savedShown = status === 'synced' && !(this.connection?.hasUnsyncedChanges ?? false);
    this.guard();
    this.sayConnection(status);
    this.dispatchEvent(new Event('change'));
  };

  /** Whether the page has been in sync with the server (since it last changed person): before that, nothing is "lost" or "back". */
  private everSynced = false;
  /** Whether the announcer said the connection was lost, and has not yet said it is back. */
  private offlineSaid = false;
  private offlineSayTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the last change made on this page was written (ms since the epoch). */
  private localChangeAt = -Infinity;

  /** The words for `key` in the language the announcer speaks. */
  private words(key: MessageKey): string {
    return translate(this.announcer.lang, key);
  }

  /**
   * Says a lost or restored connection once for the workshop: "Offline — your changes are kept on
   * this device and will be sent when you reconnect" when it has stayed lost for
   * {@link OFFLINE_SAID_AFTER_MS} (a shorter blip says nothing), "Back online. Your changes are
   * saved." once the server has confirmed everything after that. Not the first connection of the
   * page, nor a page that never connected.
   */
  private sayConnection(status: RuntimeStatus): void {
    if (status === 'offline') {
      if (!this.everSynced || this.offlineSaid || this.offlineSayTimer !== undefined) return;
      this.offlineSayTimer = setTimeout(() => {
        this.offlineSayTimer = undefined;
        if (this.destroyed || this.baseStatus !== 'offline') return;
        this.offlineSaid = true;
        // It says all the note would (a change just made is kept on this device): no note with it.
        this.localChangeAt = -Infinity;
        this.announcer.say(this.words('statusOfflineUnsynced'));
      }, OFFLINE_SAID_AFTER_MS);
      return;
    }
    clearTimeout(this.offlineSayTimer);
    this.offlineSayTimer = undefined;
    if (status === 'needs-name' || status === 'refused') {
      // The elements say why in place of their content.
      this.offlineSaid = false;
      return;
    }
    if (status !== 'synced') return;
    this.everSynced = true;
    if (this.offlineSaid && !(this.connection?.hasUnsyncedChanges ?? false)) {
      this.offlineSaid = false;
      this.announcer.say(this.words('statusBackSaid'));
    }
  }

  /**
   * The announcer's note: that a change just made while offline is kept on this device ("Your idea
   * was added. Offline — your changes are kept on this device and will be sent when you
   * reconnect"), said once, with its confirmation.
   */
  private readonly keptHereNote = (): string | null => {
    if (this.baseStatus !== 'offline' || Date.now() - this.localChangeAt > KEPT_HERE_WITHIN_MS) return null;
    this.localChangeAt = -Infinity;
    return this.words('statusOfflineUnsynced');
  };

  /** First sync: create the workshop if a facilitator opens an empty room; say who we are. */
  private setUp(): void {
    const { session } = this;
    this.setUpSession = session;
    try {
      if (!isWorkshopCreated(this.doc) && session.role === 'facilitator') {
        createWorkshop(this.doc, { title: this.room.slice(0, 80) || 'Workshop', origin: session.origin });
      }
      if (session.role !== 'observer') {
        // A name chosen here (even before the first sync) or on an earlier visit is kept.
        const known = readPeople(this.doc).find((p) => p.id === session.user.id)?.name;
        if (known !== undefined && known !== GUEST_NAME) this.hasChosenName = true;
        joinWorkshop(session, { name: this.chosenName ?? known ?? session.user.name });
      }
    } catch (error) {
      console.warn('[coproduce] could not set up the workshop:', error);
    }
    this.publishPresence();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.guard();
    clearTimeout(this.unsyncedTimer);
    clearTimeout(this.offlineSayTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const cleanup of this.docCleanups.splice(0)) cleanup();
    if (this.ownsAwareness) this.awareness.destroy();
    this.currentSession.destroy();
    this.announcer.dispose();
    if (this.connection) {
      this.connection.destroy();
      this.doc.destroy();
    }
  }
}
