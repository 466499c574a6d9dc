import type * as Y from 'yjs';
import { isWorkshopCreated, roots } from '@coproduce/core';
import type { WorkshopRuntime } from '../internal/runtime.js';

/** What an element shows from the document: the attribute (and property) that names it. */
export type MissingIdKind = 'board' | 'vote' | 'map';

const KINDS = {
  board: { noun: 'board', plural: 'Boards', root: 'boards' },
  vote: { noun: 'vote', plural: 'Votes', root: 'polls' },
  map: { noun: 'journey map', plural: 'Journey maps', root: 'journeys' },
} as const;

/** How many of the room's ids the hint lists. */
const LISTED = 10;

/**
 * How long after the first sync the element's id is looked for, and after each change to the room's
 * boards, votes or maps while it waits for them. A facilitator's page creates a missing board, vote
 * or map from the element's attributes within its next update (well within this); the moment also
 * lets a facilitator on another device who is setting the room up right now finish.
 */
export const MISSING_ID_GRACE_MS = 500;

/**
 * A developer's hint for a misspelt id (`<co-vote vote="priorites">`): once the workshop has synced,
 * if the board, vote or journey map a built-in element names is not in the document — and the page
 * did not create it meanwhile (a facilitator's page does, from the attributes) — says so once with
 * `console.warn`, naming the room and up to ten ids it has. Once per element and id, however often
 * the person or the document changes. The person sees the element's own words ("not set up yet").
 *
 * Only when it is likely a typo: the workshop has been set up and has at least one of that kind. A
 * participant's page opened before the facilitator has set the room up names ids that simply do not
 * exist yet: it waits, quietly, and looks again a moment after the room's boards, votes or maps (or
 * its set-up) change; once the id is there it never says anything.
 *
 * The elements that show a board, vote or map set one as their `WorkshopController`'s `watcher`
 * (the other elements' bundles do not carry it).
 */
export class MissingIdHint {
  private readonly warned = new Set<string>();
  /** The document and id being looked for (or last looked at), so each is looked for once. */
  private looked: { doc: object; key: string } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Stops waiting for the room to be set up (unobserves it). */
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly kind: MissingIdKind,
  ) {}

  /** Looks (after the grace moment) for the host's id in `runtime`'s document, once it has synced. */
  check(runtime: WorkshopRuntime | undefined): void {
    const kind = this.kind;
    const id = (this.host as unknown as Record<string, unknown>)[kind];
    if (typeof id !== 'string' || id === '' || !runtime?.ready || runtime.status === 'refused') return;
    const key = `${kind}:${id}`;
    if (this.warned.has(key) || (this.looked?.doc === runtime.doc && this.looked.key === key)) return;
    this.stop();
    const doc = runtime.doc;
    const looked = (this.looked = { doc, key });
    const { noun, plural, root } = KINDS[kind];
    const r = roots(doc);
    const things = r[root];
    const look = (): void => {
      this.timer = undefined;
      // The element moved on meanwhile (another id or document, or it left the page): nothing to say.
      if (!this.host.isConnected || runtime.doc !== doc || doc.isDestroyed || this.looked !== looked) return;
      if (things.has(id)) return this.done();
      // Not set up yet (none of this kind, or no workshop): the id may simply not exist yet.
      if (things.size === 0 || !isWorkshopCreated(doc)) return this.watch(things, r.meta, later);
      this.done();
      this.warned.add(key);
      const ids = [...things.keys()].sort();
      const listed = ids.slice(0, LISTED).map((known) => JSON.stringify(known)).join(', ');
      const more = ids.length > LISTED ? `, … (${ids.length} in all)` : '';
      console.warn(
        `[coproduce] <${this.host.localName} ${kind}=${JSON.stringify(id)}>: no ${noun} with this id in room ${JSON.stringify(runtime.room)}. ` +
          `${plural} in this room: ${listed}${more}.`,
      );
    };
    const later = (): void => {
      clearTimeout(this.timer);
      this.timer = setTimeout(look, MISSING_ID_GRACE_MS);
    };
    later();
  }

  /** Stops looking (the element left the page); it looks again when it comes back. */
  stop(): void {
    this.done();
    this.looked = undefined;
  }

  /** Looks again a moment after `things` gains or loses an entry, or the workshop is set up. */
  private watch(things: Y.Map<unknown>, meta: Y.Map<unknown>, later: () => void): void {
    if (this.unwatch) return;
    things.observe(later);
    meta.observe(later);
    this.unwatch = () => {
      things.unobserve(later);
      meta.unobserve(later);
    };
  }

  /** Stops the timer and the watching; `looked` stays, so the same id is not looked for again. */
  private done(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
  }
}
