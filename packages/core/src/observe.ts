/**
 * Live views of everything except boards (which have their own incremental observer, see
 * `observeBoard`). Polls, journey maps, controls and people are small, so these observers simply
 * re-read the snapshot after each transaction that touched one of the roots it is built from.
 */
import type * as Y from 'yjs';
import { roots, type RootName } from './layout.js';
import { readJourney, type JourneySnapshot } from './read/journey.js';
import { reportListenerError, writersOf } from './read/listener.js';
import { readPoll, type PollSnapshot } from './read/poll.js';
import { readControl, readPeople, readWorkshop, type ControlSnapshot, type PersonSnapshot, type WorkshopSnapshot } from './read/workshop.js';
import type { Viewer, WorkshopSession } from './session.js';

/** About the transaction that caused a callback. */
export interface ChangeInfo {
  /** The first call, made on subscription. */
  readonly initial: boolean;
  /** Made by the observing session (or its undo manager); otherwise by someone else or by loading. */
  readonly local: boolean;
  readonly origin: unknown;
  /** Yjs client ids that wrote in this transaction (empty for the initial call and pure deletions). */
  readonly writers: readonly number[];
  /** The roots the transaction touched (among those observed). */
  readonly roots: ReadonlySet<RootName>;
}

export interface ObserveOptions {
  /** Decides `local` (and, for viewer-dependent views, who is looking). */
  readonly session?: WorkshopSession;
  /** A fixed viewer instead of the session's. */
  readonly viewer?: Viewer;
  /** Call at once with the current state (default `true`). */
  readonly immediate?: boolean;
}

/**
 * Calls `callback` once after every transaction that changed any of `rootNames` (directly or
 * inside a record). Returns an unsubscribe function. The building block of the other observers.
 */
export function observeRoots(
  doc: Y.Doc,
  rootNames: readonly RootName[],
  callback: (info: ChangeInfo) => void,
  options: Pick<ObserveOptions, 'session' | 'immediate'> = {},
): () => void {
  const r = roots(doc);
  const watched = rootNames.map((name) => [name, r[name] as unknown as Y.AbstractType<Y.YEvent<any>>] as const);
  const session = options.session;
  const handler = (tr: Y.Transaction): void => {
    const touched = new Set<RootName>();
    for (const [name, type] of watched) {
      if (tr.changed.has(type) || tr.changedParentTypes.has(type)) touched.add(name);
    }
    if (touched.size === 0) return;
    try {
      callback(Object.freeze({ initial: false, local: session !== undefined ? session.isLocal(tr) : tr.local, origin: tr.origin, writers: writersOf(tr), roots: touched }));
    } catch (error) {
      reportListenerError(error);
    }
  };
  doc.on('afterTransaction', handler);
  if (options.immediate ?? true) {
    callback(Object.freeze({ initial: true, local: false, origin: null, writers: Object.freeze([]), roots: new Set(rootNames) }));
  }
  return () => doc.off('afterTransaction', handler);
}

function viewerOf(options: ObserveOptions): Viewer | undefined {
  return options.viewer ?? options.session?.viewer;
}

/** Live {@link PollSnapshot}: re-read when the poll, its ballots, paper votes, lock, reveal or source board change. */
export function observePoll(
  doc: Y.Doc,
  voteId: string,
  listener: (snapshot: PollSnapshot, info: ChangeInfo) => void,
  options: ObserveOptions = {},
): () => void {
  return observeRoots(
    doc,
    ['polls', 'ballots', 'paperVotes', 'locks', 'reveals', 'ideas', 'clusters', 'roles'],
    (info) => listener(readPoll(doc, voteId, viewerOf(options)), info),
    options,
  );
}

/** Live {@link JourneySnapshot}. */
export function observeJourney(
  doc: Y.Doc,
  mapId: string,
  listener: (snapshot: JourneySnapshot, info: ChangeInfo) => void,
  options: ObserveOptions = {},
): () => void {
  const viewerOptions = (): { viewer?: Viewer } => {
    const viewer = viewerOf(options);
    return viewer === undefined ? {} : { viewer };
  };
  return observeRoots(
    doc,
    ['journeys', 'stages', 'lanes', 'cards', 'emotions', 'personas', 'links', 'locks', 'reveals', 'settings', 'ideas', 'boards'],
    (info) => listener(readJourney(doc, mapId, viewerOptions()), info),
    options,
  );
}

/** Live {@link ControlSnapshot} (phases, timer, focus, settings, locks, reveals). */
export function observeControl(
  doc: Y.Doc,
  listener: (snapshot: ControlSnapshot, info: ChangeInfo) => void,
  options: ObserveOptions = {},
): () => void {
  return observeRoots(doc, ['control', 'settings', 'locks', 'reveals'], (info) => listener(readControl(doc), info), options);
}

/** Live list of people. */
export function observePeople(
  doc: Y.Doc,
  listener: (people: readonly PersonSnapshot[], info: ChangeInfo) => void,
  options: ObserveOptions = {},
): () => void {
  return observeRoots(doc, ['people', 'roles'], (info) => listener(readPeople(doc), info), options);
}

/** Live {@link WorkshopSnapshot} (details and the lists of boards, polls and maps). */
export function observeWorkshop(
  doc: Y.Doc,
  listener: (snapshot: WorkshopSnapshot, info: ChangeInfo) => void,
  options: ObserveOptions = {},
): () => void {
  return observeRoots(doc, ['meta', 'settings', 'boards', 'polls', 'journeys'], (info) => listener(readWorkshop(doc), info), options);
}
